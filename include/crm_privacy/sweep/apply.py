"""Apply one batch of subjects for one rule: set-based SQL, one transaction, children before parents.

A batch either commits whole or not at all: a row is never half treated. Every statement re-checks
the 'pending' condition, so a retried or repeated batch changes nothing that was already done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update

from crm_privacy.crm.archive import ensure_archive, move_to_archive
from crm_privacy.crm.binding import Binding
from crm_privacy.rules.steps import TableStep, subject_of
from crm_privacy.transform.base import ActionContext


def apply_batch(
    binding: Binding,
    steps: Sequence[TableStep],
    keys: Sequence[Any],
    ctx: ActionContext,
    marked_at: dt.datetime,
    rule_id: str = "",
) -> dict[str, int]:
    """Run every step for the subjects ``keys`` in one transaction; return rows changed per table."""
    changed: dict[str, int] = {}
    if not keys:
        return changed
    for step in steps:
        if step.kind == "archive":  # DDL first: some servers commit DDL implicitly
            ensure_archive(binding, step.table)
    with binding.engine.begin() as conn:
        for step in steps:
            rows = _run_step(conn, binding, step, keys, ctx, marked_at, rule_id)
            changed[step.table] = changed.get(step.table, 0) + rows
    return changed


def _run_step(
    conn: Connection,
    binding: Binding,
    step: TableStep,
    keys: Sequence[Any],
    ctx: ActionContext,
    marked_at: dt.datetime,
    rule_id: str,
) -> int:
    table = binding.table(step.table)
    where = (
        binding.linked(step.table, lambda col: col.in_(list(keys))),
        step.condition,
        step.pending(binding),
    )
    if step.kind == "delete":
        return int(conn.execute(delete(table).where(*where)).rowcount or 0)
    if step.kind == "archive":
        return move_to_archive(conn, binding, step.table, where, step.columns, ctx, rule_id, marked_at)
    sql_values: dict[str, Any] = {
        c: a.sql_value(table.c[c]) for c, a in step.columns.items() if not a.needs_values
    }
    if step.marker:
        sql_values[step.marker] = marked_at
    value_columns = [c for c, a in step.columns.items() if a.needs_values]
    if not value_columns:
        return int(conn.execute(update(table).where(*where).values(**sql_values)).rowcount or 0)
    key = binding.key(step.table)
    subject = subject_of(binding, step.table)
    rows = conn.execute(
        select(key, subject, *[table.c[c] for c in value_columns]).where(*where).order_by(key)
    ).all()
    if not rows:
        return 0
    subjects = [r[1] for r in rows]
    params: list[dict[str, Any]] = [{"_key": r[0]} for r in rows]
    for i, column in enumerate(value_columns, start=2):
        new = step.columns[column].transform([r[i] for r in rows], subjects, ctx, table.c[column])
        for p, value in zip(params, new, strict=True):
            p[f"_v_{column}"] = value
    stmt = (
        update(table)
        .where(key == bindparam("_key"))
        .values(**sql_values, **{c: bindparam(f"_v_{c}") for c in value_columns})
    )
    conn.execute(stmt, params)
    return len(rows)
