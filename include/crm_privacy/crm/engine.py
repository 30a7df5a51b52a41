"""SQLAlchemy engines for the CRM and the ledger, from URLs (CLI) or Airflow connections (DAGs)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from crm_privacy.errors import ConnectionFailed

# Airflow connection types -> SQLAlchemy driver names we ship.
_DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
    "sqlite": "sqlite",
}


def normalise_url(url: str) -> str:
    """Give plain ``postgresql://`` / ``mysql://`` URLs the drivers we install (psycopg 3, PyMySQL)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ConnectionFailed("not a database URL (value not shown: it may hold a password)") from None
    backend, _, driver = parsed.drivername.partition("+")
    if not driver and backend in _DRIVERS:
        parsed = parsed.set(drivername=_DRIVERS[backend])
    if parsed.drivername.startswith("mysql") and "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, check: bool = True, crm: bool = False, **kwargs: Any) -> Engine:
    """Create an engine; with ``check`` connect once so a wrong URL fails now, in one clear line.

    ``crm``: the URL names an existing CRM, which nothing here may create: a SQLite file that does not
    exist is refused (SQLite would otherwise create an empty database at a mistyped path, and a check
    of it would report "no tables" instead of the typo)."""
    # bound values never appear in exception messages or SQL logs (they may be personal data)
    kwargs.setdefault("hide_parameters", True)
    try:
        engine = create_engine(normalise_url(url), **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
        raise ConnectionFailed(
            f"unsupported database URL {_redact(url)}: use postgresql://, mysql:// (or mariadb://) or sqlite:///"
        ) from exc
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if crm and database not in (None, "", ":memory:") and not Path(database).is_file():
            engine.dispose()
            raise ConnectionFailed(
                f"no SQLite database at {database}: check the path (a CRM is never created; "
                "`crm-privacy demo-db` makes the demo one)"
            )
        event.listen(engine, "connect", _sqlite_pragmas)
    if check:
        try:
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
            raise ConnectionFailed(f"cannot connect to {_redact(url)}: {reason}") from None
    return engine


def engine_from_airflow(conn_id: str, *, crm: bool = False) -> Engine:
    """Engine from an Airflow connection (for SQLite the file path is in ``host``); ``crm`` as for
    :func:`make_engine`."""
    from airflow.sdk import Connection

    conn = Connection.get(conn_id)
    conn_type = (conn.conn_type or "").lower()
    if conn_type == "sqlite":
        return make_engine(f"sqlite:///{conn.host}", crm=crm)
    driver = _DRIVERS.get(conn_type)
    if driver is None:
        raise ConnectionFailed(f"connection {conn_id!r} has unsupported type {conn_type!r}")
    uri = conn.get_uri()
    return make_engine(driver + uri[uri.index("://") :], crm=crm)


_SQLITE_BUSY_SECONDS = 30


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        # busy_timeout first: every later statement of this connection waits on a lock instead of
        # failing at once with "database is locked".
        cur.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_SECONDS * 1000}")
        cur.execute("PRAGMA foreign_keys=ON")
        _sqlite_wal(cur)
    finally:
        cur.close()


def _sqlite_wal(cur: Any) -> None:
    """Switch the file to WAL once (the mode is stored in the file).

    Switching needs the file to itself and SQLite may answer "locked" at once, without waiting on
    busy_timeout, while another connection is writing (two processes opening a new file together):
    retry for as long as busy_timeout would have waited.
    """
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + _SQLITE_BUSY_SECONDS
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"
