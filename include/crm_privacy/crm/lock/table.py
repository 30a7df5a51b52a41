"""The lock's row: the table ``crm_privacy_lock`` (created on first use) and its reads and writes.

Writes that replace another holder compare-and-set on the row as it was read, so a heartbeat in
between makes them miss (rowcount 0). Times come from the database server's clock.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
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

from crm_privacy.crm.ddl import create_if_missing
from crm_privacy.crm.lock.holder import Holder
from crm_privacy.ledger.schema import UtcDateTime

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

LOCK_TABLE = "crm_privacy_lock"
SWEEP = "sweep"  # the lock's name: at most one sweep at a time on a CRM

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


def ensure_table(engine: Engine) -> None:
    """Create the lock table if missing, in a connection of its own (MariaDB commits DDL implicitly)."""
    create_if_missing(engine, lock_table)


def has_table(engine: Engine) -> bool:
    return inspect(engine).has_table(LOCK_TABLE)


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
    if not has_table(engine):
        return None
    with engine.connect() as conn:
        return _read(conn, name)


def now_and_holder(engine: Engine, name: str) -> tuple[dt.datetime, Holder | None]:
    """The database's time and the row's holder, read together (the table must exist)."""
    with engine.connect() as conn:
        return db_now(conn), _read(conn, name)


def _read(conn: Connection, name: str) -> Holder | None:
    row = conn.execute(select(lock_table).where(lock_table.c.name == name)).first()
    if row is None:
        return None
    values = dict(row._mapping)
    del values["name"]
    return Holder(**values)


# -- writes ------------------------------------------------------------------------------------------


def _named(name: str) -> Any:
    return lock_table.c.name == name


def _held_by(name: str, run_id: str) -> Any:
    return (_named(name), lock_table.c.run_id == run_id)


def _as_read(name: str, holder: Holder) -> Any:
    """The row as it was read (compare-and-set: a heartbeat in between makes the write miss)."""
    return (
        _named(name),
        lock_table.c.run_id == holder.run_id,
        lock_table.c.heartbeat_at == holder.heartbeat_at,
    )


def this_process(run_id: str, job: str, mode: str, now: dt.datetime) -> dict[str, Any]:
    """The row's values for a run holding the lock from this process, heartbeat ``now``."""
    return {"run_id": run_id, "job": job, "host": HOST, "pid": os.getpid(), "mode": mode, "heartbeat_at": now}


def insert_row(engine: Engine, name: str, values: dict[str, Any]) -> None:
    """A new row (IntegrityError if another was written meanwhile)."""
    with engine.begin() as conn:
        conn.execute(insert(lock_table).values(name=name, acquired_at=values["heartbeat_at"], **values))


def update_own(engine: Engine, name: str, values: dict[str, Any]) -> None:
    """Rewrite the row of the run in ``values`` (its own again: a retry), keeping ``acquired_at``."""
    with engine.begin() as conn:
        conn.execute(update(lock_table).where(*_held_by(name, values["run_id"])).values(values))


def take_over(engine: Engine, name: str, dead: Holder, values: dict[str, Any]) -> bool:
    """Replace the dead holder's row as it was read; False if it changed meanwhile."""
    with engine.begin() as conn:
        taken = conn.execute(
            update(lock_table)
            .where(*_as_read(name, dead))
            .values(acquired_at=values["heartbeat_at"], **values)
        )
    return taken.rowcount == 1


def renew(engine: Engine, name: str, run_id: str) -> bool:
    """Heartbeat the run's row from this process; False if the row is not the run's any more."""
    with engine.begin() as conn:
        now = db_now(conn)
        renewed = conn.execute(
            update(lock_table)
            .where(*_held_by(name, run_id))
            .values(heartbeat_at=now, host=HOST, pid=os.getpid())
        )
    return renewed.rowcount == 1


def delete_own(engine: Engine, name: str, run_id: str) -> None:
    """Free the lock if the run still holds it (a lock taken over is left alone)."""
    if has_table(engine):
        with engine.begin() as conn:
            conn.execute(delete(lock_table).where(*_held_by(name, run_id)))


def delete_dead(engine: Engine, name: str, dead: Holder) -> bool:
    """Free the dead holder's row as it was read; False if it changed meanwhile."""
    with engine.begin() as conn:
        freed = conn.execute(delete(lock_table).where(*_as_read(name, dead)))
    return freed.rowcount == 1
