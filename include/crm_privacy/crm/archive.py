"""The intermediate archive: held rows leave the active table for an archive table of their own.

The archive table has the source table's columns (no constraints, so archived rows never block a
deletion in the active base) plus why and until when each row is kept. On PostgreSQL and MariaDB,
only the policy's reader role may read it (besides its owner, the account the sweep runs as).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    delete,
    insert,
    select,
    text,
)

from crm_privacy.crm.binding import Binding
from crm_privacy.crm.ddl import create_if_missing
from crm_privacy.crm.outbox import Seal
from crm_privacy.errors import PolicyError
from crm_privacy.rules.calendar import add_period
from crm_privacy.transform.base import Action, ActionContext

EXTRA = ("legal_basis", "purge_after", "archived_at", "archived_by_rule")


def archive_table(binding: Binding, name: str) -> Table:
    """The archive table of ``name`` (a Table object; see ``ensure_archive`` to create it)."""
    spec = binding.policy.tables[name].archive
    assert spec is not None
    cache: dict[str, Table] = binding.__dict__.setdefault("_archives", {})
    if name not in cache:
        source = binding.table(name)
        cols = [
            Column(c.name, c.type, primary_key=c.primary_key, autoincrement=False) for c in source.columns
        ]
        cache[name] = Table(
            spec.table,
            MetaData(),
            *cols,
            Column("legal_basis", String(200), nullable=False),
            Column("purge_after", Date, nullable=False, index=True),
            Column("archived_at", DateTime, nullable=False),
            Column("archived_by_rule", String(64), nullable=False),
        )
    return cache[name]


def ensure_archive(binding: Binding, name: str) -> Table:
    """Create the archive table if missing and restrict who reads it; idempotent."""
    table = archive_table(binding, name)
    spec = binding.policy.tables[name].archive
    assert spec is not None
    engine: Engine = binding.engine
    create_if_missing(engine, table)
    dialect = engine.dialect.name
    if spec.reader_role and dialect in {"postgresql", "mysql", "mariadb"}:
        quote = engine.dialect.identifier_preparer.quote
        with engine.begin() as conn:
            if not _role_exists(conn, dialect, spec.reader_role):
                raise PolicyError(
                    f"tables.{name}.archive.reader_role: role {spec.reader_role!r} does not exist on the CRM "
                    "server; create it (it is the only role allowed to read the archive)"
                )
            if dialect == "postgresql":
                conn.execute(text(f"REVOKE ALL ON TABLE {quote(table.name)} FROM PUBLIC"))
                conn.execute(text(f"GRANT SELECT ON TABLE {quote(table.name)} TO {quote(spec.reader_role)}"))
            else:
                conn.execute(text(f"GRANT SELECT ON {quote(table.name)} TO {quote(spec.reader_role)}"))
    return table


def _role_exists(conn: Connection, dialect: str, role: str) -> bool:
    if dialect == "postgresql":
        query = text("SELECT 1 FROM pg_roles WHERE rolname = :r")
    else:
        query = text("SELECT 1 FROM mysql.user WHERE User = :r")
    return conn.execute(query, {"r": role}).first() is not None


def move_to_archive(
    conn: Connection,
    binding: Binding,
    name: str,
    where: Sequence[Any],
    columns: dict[str, Action],
    ctx: ActionContext,
    rule_id: str,
    archived_at: dt.datetime,
) -> int:
    """Copy the held rows (minimised) with their legal basis and purge date, then delete them. A row
    the archive already holds is not copied again (idempotent)."""
    tp = binding.policy.tables[name]
    assert tp.hold is not None
    source, target = binding.table(name), archive_table(binding, name)
    rows = [dict(r) for r in conn.execute(select(source).where(*where)).mappings()]
    if not rows:
        return 0
    subjects = [r.get(tp.link.fk) if tp.link.fk else None for r in rows]
    for column, action in columns.items():
        values = [r[column] for r in rows]
        new = (
            action.transform(values, subjects, ctx, source.c[column])
            if action.needs_values
            else [None] * len(rows)
        )
        for row, value in zip(rows, new, strict=True):
            row[column] = value
    for row in rows:
        start = row[tp.hold.starts_at]
        start = start.date() if isinstance(start, dt.datetime) else start
        row.update(
            legal_basis=tp.hold.legal_basis,
            purge_after=add_period(start, tp.hold.period),
            archived_at=archived_at,
            archived_by_rule=rule_id,
        )
    key = binding.key(name)
    keys = [r[key.name] for r in rows]
    # a row already archived (a restored backup put it back in the table): the archive keeps its
    # copy, with its first purge date; the table's copy goes
    archived = set(conn.execute(select(target.c[key.name]).where(target.c[key.name].in_(keys))).scalars())
    fresh = [r for r in rows if r[key.name] not in archived]
    if fresh:
        conn.execute(insert(target), fresh)
    conn.execute(delete(source).where(key.in_(keys)))
    return len(rows)


def purge_batch(
    binding: Binding, archive_name: str, as_of: dt.date, size: int, seal: Seal | None = None
) -> tuple[str, int]:
    """Delete up to ``size`` archived rows whose ``purge_after`` has come; return (table, rows).

    ``seal`` writes the batch's evidence in the same transaction (``crm_privacy.sweep.evidence``)."""
    name = next(
        n for n, tp in binding.policy.tables.items() if tp.archive and tp.archive.table == archive_name
    )
    table = archive_table(binding, name)
    key = next(c for c in table.columns if c.primary_key)
    with binding.engine.begin() as conn:
        keys = list(
            conn.execute(select(key).where(table.c.purge_after <= as_of).order_by(key).limit(size)).scalars()
        )
        if keys:
            conn.execute(delete(table).where(key.in_(keys)))
        if seal is not None:
            seal(conn, {archive_name: len(keys)})
    return archive_name, len(keys)


def archive_outlook(binding: Binding, as_of: dt.date) -> list[dict[str, Any]]:
    """Per archive table: rows kept after ``as_of`` and their purge dates (the earliest and the last),
    for the DPO's report. Counts and dates only."""
    from sqlalchemy import func

    out = []
    with binding.engine.connect() as conn:
        for name, tp in binding.policy.tables.items():
            if tp.archive is None or not binding.engine.dialect.has_table(conn, tp.archive.table):
                continue
            table = archive_table(binding, name)
            kept = table.c.purge_after > as_of
            rows, first, last = conn.execute(
                select(func.count(), func.min(table.c.purge_after), func.max(table.c.purge_after)).where(kept)
            ).one()
            out.append(
                {
                    "table": name,
                    "archive_table": tp.archive.table,
                    "rows_kept": int(rows or 0),
                    "next_purge": _day(first),
                    "last_purge": _day(last),
                }
            )
    return out


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]
