"""The ledger must not live in the CRM it is the evidence for.

Pointing ``--ledger`` (or ``ledger_conn_id``) at the CRM would create the ledger's tables among the
CRM's, and put the proof of erasure in the database being erased. URLs are compared first
(``crm_identity`` normalises them); then each server says which database it is, so that
``localhost`` and ``127.0.0.1``, another driver or a symbolic link to a SQLite file are caught too.
"""

from __future__ import annotations

import os

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from crm_privacy.errors import UsageError
from crm_privacy.ledger.identity import crm_identity

# What the server reports about itself, readable by every account.
# PostgreSQL: the start time of the server process and its port identify one server (cluster).
# MariaDB/MySQL: the server's host name and port.
_SERVER_QUERIES = {
    "postgresql": (
        "SELECT CAST(EXTRACT(EPOCH FROM pg_postmaster_start_time()) AS TEXT), current_setting('port'), "
        "current_database()"
    ),
    "mysql": "SELECT @@hostname, CAST(@@port AS CHAR), DATABASE()",
}


#: Dialects that reach the same kind of server: ``mysql://`` and ``mariadb+pymysql://`` may be one database.
_FAMILIES = {"mariadb": "mysql"}


def _family(engine: Engine) -> str:
    return _FAMILIES.get(engine.dialect.name, engine.dialect.name)


def url_identity(engine: Engine) -> str:
    """The engine's database as ``crm_identity`` spells it (no password, driver or query)."""
    return crm_identity(engine.url.render_as_string(hide_password=True))


def database_identity(engine: Engine) -> tuple[str, ...]:
    """Which database this engine reaches, as its server (or the file system) reports it."""
    backend = _family(engine)
    if backend == "sqlite":
        return _sqlite_identity(engine)
    query = _SERVER_QUERIES.get(backend)
    if query is not None:
        try:
            with engine.connect() as conn:
                row = conn.execute(text(query)).one()
            return (backend, *(str(value) for value in row))
        except SQLAlchemyError:  # an unusual server that cannot say: the URL has to do
            pass
    return (backend, url_identity(engine))


def _family_url(engine: Engine) -> str:
    """``url_identity`` with the dialect spelled as its family (``mariadb://`` as ``mysql://``)."""
    identity = url_identity(engine)
    name = engine.dialect.name
    family = _family(engine)
    return family + identity[len(name) :] if identity.startswith(name) else identity


def _sqlite_identity(engine: Engine) -> tuple[str, ...]:
    database = engine.url.database or ""
    if database.startswith("file:"):  # URI filename: file:path?mode=...
        database = database.removeprefix("file:").split("?", 1)[0]
    if not database or database == ":memory:":
        return ("sqlite-memory", str(id(engine)))  # each in-memory engine is a database of its own
    try:
        info = os.stat(database)  # a hard link or another spelling of the same file
        return ("sqlite", str(info.st_dev), str(info.st_ino))
    except OSError:
        return ("sqlite", os.path.realpath(database))


def refuse_same_database(crm: Engine, ledger: Engine) -> None:
    """Raise ``UsageError`` when the ledger is the CRM's own database; call before migrating the ledger."""
    if _family(crm) != _family(ledger):  # MariaDB and MySQL are one family: either URL reaches either
        return
    same = database_identity(crm) == database_identity(ledger)
    if not same and _family(crm) != "sqlite":  # SQLite: two in-memory databases share a URL
        same = _family_url(crm) == _family_url(ledger)
    if same:
        raise UsageError(
            f"the ledger is the same database as the CRM ({url_identity(crm)}): the ledger's tables "
            "would be created inside the CRM; give the ledger a database of its own"
        )
