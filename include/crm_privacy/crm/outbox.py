"""The outbox: a batch's evidence, written in the CRM inside the batch's own transaction.

The CRM and the ledger are two databases, so a batch's commit and its ledger record are two
transactions. The outbox closes the gap: the batch commits its changes and their evidence together,
and the evidence only leaves the outbox once it is in the ledger. A crash in between leaves the row
here for the next step to move (see ``crm_privacy.sweep.evidence``). Rows are transient and hold
counts, times and keyed subject hashes only: never keys or values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    inspect,
    select,
)
from sqlalchemy.dialects import mysql

from crm_privacy.crm.ddl import create_if_missing

OUTBOX = "crm_privacy_outbox"

#: Called inside a batch's CRM transaction, with the rows it changed per table, just before commit.
Seal = Callable[[Connection, Mapping[str, int]], None]

outbox = Table(
    OUTBOX,
    MetaData(),
    Column("run_id", String(250), primary_key=True),  # Airflow run ids are at most 250 characters
    Column("rule_id", String(128), primary_key=True),
    Column("batch_no", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(16), primary_key=True),
    Column("rows_planned", BigInteger, nullable=False),
    Column("changed", Text, nullable=False),  # JSON {table: rows changed}
    Column("started_at", String(40), nullable=False),  # ISO 8601, UTC: exact on every backend
    Column("finished_at", String(40), nullable=False),
    # JSON list of keyed hashes (64 hex each): MariaDB's TEXT stops at 64 KB, a batch may need more
    Column("subject_hashes", Text().with_variant(mysql.LONGTEXT(), "mysql", "mariadb"), nullable=False),
)


@dataclass(frozen=True)
class OutboxEntry:
    """What one committed batch did: its identity, rows changed per table, times, subjects (hashed)."""

    run_id: str
    rule_id: str
    batch_no: int
    kind: str
    rows_planned: int
    changed: Mapping[str, int]
    started_at: dt.datetime  # aware, UTC
    finished_at: dt.datetime
    subject_hashes: tuple[str, ...] = ()


def ensure_outbox(engine: Engine) -> None:
    """Create the outbox if missing; call outside any transaction (MariaDB commits DDL implicitly)."""
    create_if_missing(engine, outbox)


def outbox_exists(engine: Engine) -> bool:
    return inspect(engine).has_table(OUTBOX)


def write(conn: Connection, entry: OutboxEntry) -> None:
    """Add the entry in the caller's transaction (the batch's own): it commits or rolls back with it."""
    conn.execute(
        insert(outbox).values(
            run_id=entry.run_id,
            rule_id=entry.rule_id,
            batch_no=entry.batch_no,
            kind=entry.kind,
            rows_planned=entry.rows_planned,
            changed=json.dumps(dict(sorted(entry.changed.items()))),
            started_at=_iso(entry.started_at),
            finished_at=_iso(entry.finished_at),
            subject_hashes=json.dumps(list(entry.subject_hashes)),
        )
    )


def pending(engine: Engine, run_id: str | None = None) -> list[OutboxEntry]:
    """The entries left in the outbox (of one run, or all), oldest first."""
    query = select(outbox).order_by(
        outbox.c.finished_at, outbox.c.run_id, outbox.c.rule_id, outbox.c.batch_no
    )
    if run_id is not None:
        query = query.where(outbox.c.run_id == run_id)
    with engine.connect() as conn:
        return [
            OutboxEntry(
                run_id=row.run_id,
                rule_id=row.rule_id,
                batch_no=row.batch_no,
                kind=row.kind,
                rows_planned=row.rows_planned,
                changed={str(t): int(n) for t, n in json.loads(row.changed).items()},
                started_at=dt.datetime.fromisoformat(row.started_at),
                finished_at=dt.datetime.fromisoformat(row.finished_at),
                subject_hashes=tuple(json.loads(row.subject_hashes)),
            )
            for row in conn.execute(query)
        ]


def remove(engine: Engine, entry: OutboxEntry) -> None:
    """Drop the entry once its evidence is in the ledger (a no-op if another step already did)."""
    with engine.begin() as conn:
        conn.execute(
            delete(outbox).where(
                outbox.c.run_id == entry.run_id,
                outbox.c.rule_id == entry.rule_id,
                outbox.c.batch_no == entry.batch_no,
                outbox.c.kind == entry.kind,
            )
        )


def _iso(when: dt.datetime) -> str:
    if when.utcoffset() is None:
        raise ValueError("outbox times must be timezone-aware")
    return when.astimezone(dt.UTC).isoformat()
