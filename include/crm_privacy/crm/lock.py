"""The sweep's lock, kept in the CRM itself: every way of reaching one database meets the same lock.

Two parts (docs/sweep.md, "The lock"):

- a row in the table ``crm_privacy_lock`` (created on first use) naming the holder: run id, job,
  host, pid, mode, when it took the lock and when it last heartbeat;
- a *session lock* that dies with the session holding it: PostgreSQL ``pg_try_advisory_lock``,
  MariaDB/MySQL ``GET_LOCK``, SQLite ``flock`` on a sidecar file next to the database file. Whoever
  changes the row holds it meanwhile, and a ``process`` holder keeps it for its whole run.

A ``process`` holder (the CLI: one process runs the whole sweep) is dead as soon as its session lock
is free. A ``run`` holder (an Airflow DAG run: several task processes, with gaps between them, two
apply tasks at once) cannot keep a session: it is alive while its tasks renew ``heartbeat_at`` and
dead after ``CRM_PRIVACY_LOCK_GRACE_MINUTES`` (30 by default) without. Each task renews the
heartbeat when it starts and from a background thread while it runs, and fails if the lock is no
longer its own. Times come from the database server's clock, so workers' clocks need not agree.
Messages name runs, hosts, pids and times: never CRM values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import socket
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from crm_privacy.errors import CrmPrivacyError, GuardRefused
from crm_privacy.ledger.schema import UtcDateTime

LockMode = Literal["process", "run"]

LOCK_TABLE = "crm_privacy_lock"
SWEEP = "sweep"  # the lock's name: at most one sweep at a time on a CRM
GRACE_VARIABLE = "CRM_PRIVACY_LOCK_GRACE_MINUTES"
DEFAULT_GRACE = dt.timedelta(minutes=30)
#: How long a contender waits for the session lock, which others hold for a moment to change the row.
WAIT_SECONDS = 3.0

lock_table = Table(
    LOCK_TABLE,
    MetaData(),
    Column("name", String(64), primary_key=True),
    Column("run_id", String(250), nullable=False),  # Airflow run ids are at most 250 characters
    Column("job", String(64), nullable=False),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("acquired_at", UtcDateTime, nullable=False),
    Column("heartbeat_at", UtcDateTime, nullable=False),
)

HOST = socket.gethostname()[:255]


class LockBusy(GuardRefused):
    """The CRM is locked by a live holder (named in the message)."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


class LockLost(GuardRefused):
    """This run no longer holds the lock (taken over or freed): it must not touch the CRM."""


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as its row says."""

    run_id: str
    job: str
    host: str
    pid: int
    mode: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime

    def describe(self) -> str:
        return (
            f"run {self.run_id} (job {self.job}, {self.mode} mode, host {self.host}, pid {self.pid}, "
            f"since {when(self.acquired_at)}, last heartbeat {when(self.heartbeat_at)})"
        )

    def death_note(self, freed_by: str) -> str:
        """Why its run ends ``interrupted`` (for the ledger's error column)."""
        return (
            f"interrupted: its process died holding the CRM lock ({self.mode} mode, host {self.host}, "
            f"pid {self.pid}, last heartbeat {when(self.heartbeat_at)}); {freed_by}"
        )

    def dead(self, now: dt.datetime, grace: dt.timedelta) -> bool:
        """Dead, for a caller holding the session lock: a process holder's session is gone, or a run
        holder has not heartbeat for longer than ``grace``."""
        return self.mode != "run" or now - self.heartbeat_at > grace


def when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def grace_from_env() -> dt.timedelta:
    """``CRM_PRIVACY_LOCK_GRACE_MINUTES`` (minutes, may be fractional), else 30 minutes."""
    raw = os.environ.get(GRACE_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_GRACE
    try:
        minutes = float(raw)
    except ValueError:
        minutes = math.nan
    if not (math.isfinite(minutes) and minutes > 0):
        raise CrmPrivacyError(f"{GRACE_VARIABLE} must be a positive number of minutes, got {raw[:20]!r}")
    return dt.timedelta(minutes=minutes)


def busy_message(holder: Holder | None, grace: dt.timedelta) -> str:
    """Who holds the lock, and when and how it frees."""
    if holder is None:
        return (
            "the CRM is locked: another process is taking or checking its lock right now; retry in a moment"
        )
    if holder.mode == "run":
        how = (
            "an Airflow run keeps the lock while its tasks heartbeat: it frees when that run finishes, "
            f"or at {when(holder.heartbeat_at + grace)} if no task of it heartbeats until then (grace "
            f"{grace.total_seconds() / 60:g} min, {GRACE_VARIABLE}); after that the next sweep takes it "
            "over, or `crm-privacy unlock --crm URL` frees it"
        )
    else:
        how = (
            "a process holder (the CLI) keeps the lock while its process lives: it frees when that run "
            "finishes or its process ends; if the process is gone, the next sweep or `crm-privacy unlock "
            "--crm URL` takes it over at once"
        )
    return f"the CRM is locked by {holder.describe()}; {how}"


# -- session locks: die with their session ---------------------------------------------------------


class _Session(Protocol):
    def take(self) -> bool: ...

    def alive(self) -> bool: ...

    def release(self) -> None: ...


class _AdvisoryLock:
    """PostgreSQL: a session-level advisory lock (advisory locks are per database)."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        digest = hashlib.sha256(f"crm_privacy_lock:{name}".encode()).digest()
        self._key = int.from_bytes(digest[:8], "big", signed=True)
        self._conn: Connection | None = None
        self._backend: Any = None

    def take(self) -> bool:
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}).scalar()
            if not got:
                conn.close()
                return False
            self._backend = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return True

    def alive(self) -> bool:
        # same backend, same session: its lock is still held (a reconnect would give another pid)
        try:
            return self._conn is not None and (
                self._conn.execute(text("SELECT pg_backend_pid()")).scalar() == self._backend
            )
        except SQLAlchemyError:
            return False

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except SQLAlchemyError:
            pass  # the session is gone, and its lock with it
        finally:
            conn.close()


class _NamedLock:
    """MariaDB/MySQL: ``GET_LOCK``, server-wide, so its name carries the database's."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._name = name
        self._lock_name = ""
        self._conn: Connection | None = None
        self._conn_id: Any = None

    def take(self) -> bool:
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            database = conn.execute(text("SELECT DATABASE()")).scalar() or ""
            digest = hashlib.sha256(f"{database}\0{self._name}".encode()).hexdigest()[:40]
            self._lock_name = f"crm_privacy_lock:{digest}"  # GET_LOCK names: at most 64 characters
            got = conn.execute(text("SELECT GET_LOCK(:name, 0)"), {"name": self._lock_name}).scalar()
            if got != 1:
                conn.close()
                return False
            self._conn_id = conn.execute(text("SELECT CONNECTION_ID()")).scalar()
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return True

    def alive(self) -> bool:
        try:
            return self._conn is not None and (
                self._conn.execute(text("SELECT IS_USED_LOCK(:name)"), {"name": self._lock_name}).scalar()
                == self._conn_id
            )
        except SQLAlchemyError:
            return False

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute(text("SELECT RELEASE_LOCK(:name)"), {"name": self._lock_name})
        except SQLAlchemyError:
            pass
        finally:
            conn.close()


class _FileLock:
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


def _session(engine: Engine, name: str) -> _Session:
    dialect = engine.dialect.name
    if dialect == "postgresql":
        return _AdvisoryLock(engine, name)
    if dialect in ("mysql", "mariadb"):
        return _NamedLock(engine, name)
    if dialect == "sqlite":
        return _FileLock(engine, name)
    raise CrmPrivacyError(f"no lock for a {dialect} CRM: use PostgreSQL, MariaDB/MySQL or SQLite")


def _take_session(engine: Engine, name: str, wait: float) -> _Session | None:
    """The session lock, waiting up to ``wait`` seconds for someone changing the row; None if busy."""
    session = _session(engine, name)
    deadline = time.monotonic() + wait
    while not session.take():
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)
    return session


# -- the row -------------------------------------------------------------------------------------------


def ensure_table(engine: Engine) -> None:
    """Create the lock table if missing, in a connection of its own (MariaDB commits DDL implicitly)."""
    lock_table.create(engine, checkfirst=True)


def db_now(conn: Connection) -> dt.datetime:
    """The database server's time (UTC), one clock for every worker; SQLite is local: the process's."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        value = conn.execute(text("SELECT statement_timestamp()")).scalar()
    elif dialect in ("mysql", "mariadb"):
        value = conn.execute(text("SELECT UTC_TIMESTAMP(6)")).scalar()
    else:
        return dt.datetime.now(dt.UTC)
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def read_holder(engine: Engine, name: str = SWEEP) -> Holder | None:
    """The lock's holder as its row says (None if free); does not say whether it is alive."""
    if not inspect(engine).has_table(LOCK_TABLE):
        return None
    with engine.connect() as conn:
        return _read(conn, name)


def _read(conn: Connection, name: str) -> Holder | None:
    row = conn.execute(select(lock_table).where(lock_table.c.name == name)).first()
    if row is None:
        return None
    values = dict(row._mapping)
    del values["name"]
    return Holder(**values)


def _same(holder: Holder) -> Any:
    """The row as it was read (compare-and-set: a heartbeat in between makes the write miss)."""
    return (lock_table.c.run_id == holder.run_id, lock_table.c.heartbeat_at == holder.heartbeat_at)


def free_dead(
    engine: Engine,
    *,
    name: str = SWEEP,
    grace: dt.timedelta | None = None,
    on_dead: Callable[[Holder], None] | None = None,
    wait: float = WAIT_SECONDS,
) -> Holder | None:
    """Free the lock if its holder is dead and return that holder (None if the CRM was not locked);
    ``on_dead`` runs first (closing its run in a ledger). A live holder is refused (LockBusy)."""
    grace = grace_from_env() if grace is None else grace
    session = _take_session(engine, name, wait)
    if session is None:
        holder = read_holder(engine, name)
        raise LockBusy(f"refusing to unlock: {busy_message(holder, grace)}", holder)
    try:
        if not inspect(engine).has_table(LOCK_TABLE):
            return None
        with engine.connect() as conn:
            now, holder = db_now(conn), _read(conn, name)
        if holder is None:
            return None
        if not holder.dead(now, grace):
            raise LockBusy(f"refusing to unlock: {busy_message(holder, grace)}", holder)
        if on_dead is not None:
            on_dead(holder)
        with engine.begin() as conn:
            freed = conn.execute(delete(lock_table).where(lock_table.c.name == name, *_same(holder)))
        if freed.rowcount != 1:
            raise LockBusy(f"refusing to unlock: {busy_message(read_holder(engine, name), grace)}", None)
        return holder
    finally:
        session.release()


# -- a run's hold on the lock ----------------------------------------------------------------------------

_OPEN: weakref.WeakSet[CrmLock] = weakref.WeakSet()


def close_all() -> None:
    """Stop every heartbeat and session of this process (an Airflow task ending: its run keeps the lock)."""
    for lock in list(_OPEN):
        lock.close()


class CrmLock:
    """One run's hold on the sweep lock of one CRM. Nothing touches the database before ``acquire``."""

    def __init__(
        self,
        engine: Engine,
        *,
        run_id: str,
        job: str,
        mode: LockMode,
        name: str = SWEEP,
        grace: dt.timedelta | None = None,
        wait: float = WAIT_SECONDS,
    ) -> None:
        if mode not in ("process", "run"):
            raise ValueError(f"unknown lock mode {mode!r}")
        self.engine, self.run_id, self.job, self.mode, self.name = engine, run_id, job, mode, name
        self.grace = grace_from_env() if grace is None else grace
        self.interval = max(0.5, min(60.0, self.grace.total_seconds() / 6))
        self._wait = wait
        self._session: _Session | None = None
        self._mutex = threading.Lock()  # one user of the session at a time: the run or its heartbeat
        self._lost: str | None = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        _OPEN.add(self)

    def acquire(self, on_dead: Callable[[Holder], None] | None = None) -> Holder | None:
        """Take the lock for this run and keep it (session and heartbeat) until ``release``/``close``.

        A dead holder is taken over: ``on_dead`` runs first (closing its run in the ledger), and the
        holder is returned. A live holder is refused (LockBusy naming it). A retry of this run (an
        Airflow task retried) takes its own lock again."""
        with self._mutex:
            session = _take_session(self.engine, self.name, self._wait)
            if session is None:
                holder = read_holder(self.engine, self.name)
                raise LockBusy(busy_message(holder, self.grace), holder)
            try:
                ensure_table(self.engine)
                dead = self._claim(on_dead, take_over=True)
            except BaseException:
                session.release()
                raise
            if self.mode == "process":
                self._session = session  # kept: it dies with this process
            else:
                session.release()  # liveness by heartbeat
            self._lost = None
        self._start_heartbeat()
        return dead

    def ensure_held(self) -> None:
        """Fail (LockLost) unless this run holds the lock; renews the heartbeat now and from a
        background thread until ``close``. Call before touching the CRM."""
        with self._mutex:
            if self._lost is None:
                if self.mode == "run":
                    self._renew()
                elif self._session is None:  # a new context of a process run (a retry): re-take it
                    session = _take_session(self.engine, self.name, self._wait)
                    if session is None:
                        holder = read_holder(self.engine, self.name)
                        raise LockBusy(busy_message(holder, self.grace), holder)
                    try:
                        ensure_table(self.engine)
                        self._claim(None, take_over=False)
                    except BaseException:
                        session.release()
                        raise
                    self._session = session
                elif not self._session.alive():
                    self._lost = f"run {self.run_id} lost its database session, and the lock with it"
            lost = self._lost
        if lost is not None:
            raise LockLost(f"{lost}; this run must not touch the CRM any more: start a new run")
        self._start_heartbeat()

    def release(self) -> None:
        """Free the lock if this run still holds it (a lock taken over is left alone), then close."""
        self._stop_heartbeat()
        try:
            if inspect(self.engine).has_table(LOCK_TABLE):
                with self.engine.begin() as conn:
                    conn.execute(
                        delete(lock_table).where(
                            lock_table.c.name == self.name, lock_table.c.run_id == self.run_id
                        )
                    )
        finally:
            self.close()

    def close(self) -> None:
        """Stop the heartbeat and drop the session lock, leaving the row: what an Airflow task does
        when it ends (its run keeps the lock). For a process holder it is as if it had died."""
        self._stop_heartbeat()
        with self._mutex:
            session, self._session = self._session, None
            if session is not None:
                session.release()

    # -- internals ---------------------------------------------------------------------------------

    def _claim(self, on_dead: Callable[[Holder], None] | None, *, take_over: bool) -> Holder | None:
        """With the session lock held: make the row this run's. Returns the dead holder taken over."""
        with self.engine.connect() as conn:
            now, current = db_now(conn), _read(conn, self.name)
        mine = {
            "run_id": self.run_id,
            "job": self.job,
            "host": HOST,
            "pid": os.getpid(),
            "mode": self.mode,
            "heartbeat_at": now,
        }
        where = lock_table.c.name == self.name
        if current is not None and current.run_id == self.run_id:
            with self.engine.begin() as conn:
                conn.execute(update(lock_table).where(where, lock_table.c.run_id == self.run_id).values(mine))
            return None
        if not take_over:
            detail = f"it is held by {current.describe()}" if current else "it was freed"
            self._lost = f"run {self.run_id} no longer holds the lock on this CRM: {detail}"
            raise LockLost(f"{self._lost}; this run must not touch the CRM any more: start a new run")
        if current is None:
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(lock_table).values(name=self.name, acquired_at=now, **mine))
            except IntegrityError:  # a run holder's release and a taker met: look again later
                raise LockBusy(busy_message(None, self.grace), None) from None
            return None
        if not current.dead(now, self.grace):
            raise LockBusy(busy_message(current, self.grace), current)
        if on_dead is not None:
            on_dead(current)
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(lock_table).where(where, *_same(current)).values(acquired_at=now, **mine)
            )
        if taken.rowcount != 1:  # it heartbeat (or finished) in between
            holder = read_holder(self.engine, self.name)
            raise LockBusy(busy_message(holder, self.grace), holder)
        return current

    def _renew(self) -> None:
        """Heartbeat (called with the mutex held); marks the lock lost if the row is not ours any more."""
        with self.engine.begin() as conn:
            now = db_now(conn)
            renewed = conn.execute(
                update(lock_table)
                .where(lock_table.c.name == self.name, lock_table.c.run_id == self.run_id)
                .values(heartbeat_at=now, host=HOST, pid=os.getpid())
            )
        if renewed.rowcount != 1:
            holder = read_holder(self.engine, self.name)
            detail = f"it is held by {holder.describe()}" if holder else "it was freed"
            self._lost = f"run {self.run_id} no longer holds the lock on this CRM: {detail}"

    def _start_heartbeat(self) -> None:
        if self._beat is not None and self._beat.is_alive():
            return
        self._stop = threading.Event()
        self._beat = threading.Thread(
            target=self._heartbeat, args=(self._stop,), name="crm-privacy-lock-heartbeat", daemon=True
        )
        self._beat.start()

    def _stop_heartbeat(self) -> None:
        self._stop.set()
        beat, self._beat = self._beat, None
        if beat is not None and beat is not threading.current_thread():
            beat.join(timeout=5)

    def _heartbeat(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            with self._mutex:
                if stop.is_set() or self._lost is not None:
                    return
                if self.mode == "process":
                    if self._session is None:
                        return
                    if not self._session.alive():
                        self._lost = f"run {self.run_id} lost its database session, and the lock with it"
                        return
                try:
                    self._renew()
                except SQLAlchemyError:
                    continue  # busy or unreachable for a moment: the grace period covers it
