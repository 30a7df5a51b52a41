"""Session locks: held by one database session, they die with it (a ``kill -9`` included).

One kind per backend behind ``SessionLock``: PostgreSQL ``pg_try_advisory_lock``, MariaDB/MySQL
``GET_LOCK``, SQLite ``flock`` on a sidecar file next to the database file. The two server kinds
share one shape (``_ConnectionLock``): an AUTOCOMMIT connection kept open for as long as the lock is.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from crm_privacy.errors import CrmPrivacyError


class SessionLock(Protocol):
    def take(self) -> bool: ...

    def alive(self) -> bool: ...

    def release(self) -> None: ...


class _ConnectionLock:
    """A lock held by a connection of its own: taken without waiting, checked, freed with it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self._session: Any = None  # the server's id of that connection's session

    def take(self) -> bool:
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            if not self._try(conn):
                conn.close()
                return False
            self._session = self._session_id(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return True

    def alive(self) -> bool:
        try:
            return self._conn is not None and self._holder(self._conn) == self._session
        except SQLAlchemyError:
            return False

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            self._free(conn)
        except SQLAlchemyError:
            pass  # the session is gone, and its lock with it
        finally:
            conn.close()

    # -- per backend ---------------------------------------------------------------------------------

    def _try(self, conn: Connection) -> bool:
        raise NotImplementedError

    def _session_id(self, conn: Connection) -> Any:
        raise NotImplementedError

    def _holder(self, conn: Connection) -> Any:
        """The session holding the lock now, as ``_session_id`` names it."""
        raise NotImplementedError

    def _free(self, conn: Connection) -> None:
        raise NotImplementedError


class AdvisoryLock(_ConnectionLock):
    """PostgreSQL: a session-level advisory lock (advisory locks are per database)."""

    def __init__(self, engine: Engine, name: str) -> None:
        super().__init__(engine)
        digest = hashlib.sha256(f"crm_privacy_lock:{name}".encode()).digest()
        self._key = {"key": int.from_bytes(digest[:8], "big", signed=True)}

    def _try(self, conn: Connection) -> bool:
        return bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), self._key).scalar())

    def _session_id(self, conn: Connection) -> Any:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar()

    # same backend, same session: its lock is still held (a reconnect would give another pid)
    _holder = _session_id

    def _free(self, conn: Connection) -> None:
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), self._key)


class NamedLock(_ConnectionLock):
    """MariaDB/MySQL: ``GET_LOCK``, server-wide, so its name carries the database's."""

    def __init__(self, engine: Engine, name: str) -> None:
        super().__init__(engine)
        self._name = name
        self._lock = {"name": ""}

    def _try(self, conn: Connection) -> bool:
        database = conn.execute(text("SELECT DATABASE()")).scalar() or ""
        digest = hashlib.sha256(f"{database}\0{self._name}".encode()).hexdigest()[:40]
        self._lock = {"name": f"crm_privacy_lock:{digest}"}  # GET_LOCK names: at most 64 characters
        return conn.execute(text("SELECT GET_LOCK(:name, 0)"), self._lock).scalar() == 1

    def _session_id(self, conn: Connection) -> Any:
        return conn.execute(text("SELECT CONNECTION_ID()")).scalar()

    def _holder(self, conn: Connection) -> Any:
        return conn.execute(text("SELECT IS_USED_LOCK(:name)"), self._lock).scalar()

    def _free(self, conn: Connection) -> None:
        conn.execute(text("SELECT RELEASE_LOCK(:name)"), self._lock)


class FileLock:
    """SQLite: ``flock`` on a sidecar file next to the database file (symlinks resolved)."""

    def __init__(self, engine: Engine, name: str) -> None:
        database = engine.url.database or ""
        if database.startswith("file:"):
            database = database[5:].split("?", 1)[0]
        self._path: Path | None = None
        if database and database != ":memory:":
            real = Path(os.path.realpath(database))
            self._path = real.with_name(f"{real.name}.crm_privacy_{name}.lock")
        self._fd: int | None = None

    def take(self) -> bool:
        if self._path is None:  # an in-memory database: no other process can open it
            self._fd = -1
            return True
        import fcntl

        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise CrmPrivacyError(
                f"cannot open the lock file {self._path.name} next to the CRM database: {exc.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def alive(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None and fd >= 0:
            os.close(fd)  # closing the only descriptor drops the flock


def session_lock(engine: Engine, name: str) -> SessionLock:
    """The session lock of ``name`` on this engine's database, not yet taken."""
    dialect = engine.dialect.name
    if dialect == "postgresql":
        return AdvisoryLock(engine, name)
    if dialect in ("mysql", "mariadb"):
        return NamedLock(engine, name)
    if dialect == "sqlite":
        return FileLock(engine, name)
    raise CrmPrivacyError(f"no lock for a {dialect} CRM: use PostgreSQL, MariaDB/MySQL or SQLite")


def take_session(engine: Engine, name: str, wait: float) -> SessionLock | None:
    """The session lock, waiting up to ``wait`` seconds for someone changing the row; None if busy."""
    session = session_lock(engine, name)
    deadline = time.monotonic() + wait
    while not session.take():
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)
    return session
