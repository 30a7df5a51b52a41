"""Apply one batch of subjects for one rule: set-based SQL, one transaction, children before parents.

A batch either commits whole or not at all: a row is never half treated. Every statement re-checks
the 'pending' condition, so a retried or repeated batch changes nothing that was already done.

On PostgreSQL the batch's keys travel as one array parameter (``= ANY(...)``) and values computed in
Python are written by one ``UPDATE ... FROM unnest(arrays)``; other servers get an ``IN`` list and
one parameter set per row (``executemany``). Both paths make the same changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Connection, bindparam, delete, func, select, update
from sqlalchemy.types import ARRAY, NullType

from crm_privacy.crm.archive import ensure_archive, move_to_archive
from crm_privacy.crm.binding import Binding
from crm_privacy.crm.outbox import Seal
from crm_privacy.crm.subjects import fetch_own_values
from crm_privacy.rules.planner import key_match
from crm_privacy.rules.steps import TableStep, subject_of
from crm_privacy.transform.base import ActionContext


def apply_batch(
    binding: Binding,
    steps: Sequence[TableStep],
    keys: Sequence[Any],
    ctx: ActionContext,
    marked_at: dt.datetime,
    rule_id: str = "",
    seal: Seal | None = None,
) -> dict[str, int]:
    """Run every step for the subjects ``keys`` in one transaction; return rows changed per table.

    ``seal`` writes the batch's evidence in that same transaction (``crm_privacy.sweep.evidence``)."""
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
        if seal is not None:
            seal(conn, changed)
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
        binding.linked(step.table, key_match(binding, keys)),
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
    if any(step.columns[c].uses_subject_values for c in value_columns):
        # the subjects' own values (scrub_text), read in this transaction before their own row is
        # treated (steps run children first); one row per subject of the batch, dropped after the step
        found = list({s for s in subjects if s is not None})
        ctx = replace(ctx, subject_values=fetch_own_values(conn, binding, key_match(binding, found)))
    new_values: dict[str, list[Any]] = {}
    for i, column in enumerate(value_columns, start=2):
        new_values[column] = step.columns[column].transform(
            [r[i] for r in rows], subjects, ctx, table.c[column]
        )
        if len(new_values[column]) != len(rows):
            raise ValueError(f"action {step.columns[column].name} returned a wrong number of values")
    keys_found = [r[0] for r in rows]
    if _arrays_fit(binding, [key, *[table.c[c] for c in value_columns]]):
        # one statement for the batch: UPDATE ... FROM unnest(keys, values...) AS v(...)
        arrays = [_array(key, keys_found), *[_array(table.c[c], new_values[c]) for c in value_columns]]
        names = ["_key", *[f"_v_{c}" for c in value_columns]]
        v = func.unnest(*arrays).table_valued(*names).render_derived()
        stmt = (
            update(table)
            .where(key == v.c["_key"])
            .values(**sql_values, **{c: v.c[f"_v_{c}"] for c in value_columns})
        )
        conn.execute(stmt)
        return len(rows)
    params: list[dict[str, Any]] = [{"_key": k} for k in keys_found]
    for column in value_columns:
        for p, value in zip(params, new_values[column], strict=True):
            p[f"_v_{column}"] = value
    stmt = (
        update(table)
        .where(key == bindparam("_key"))
        .values(**sql_values, **{c: bindparam(f"_v_{c}") for c in value_columns})
    )
    conn.execute(stmt, params)
    return len(rows)


#: Python types PostgreSQL arrays of a column type round-trip without surprises.
_ARRAY_SAFE = (str, int, float, bool, bytes, dt.date, dt.datetime, dt.time, dt.timedelta, Decimal, UUID)


def _arrays_fit(binding: Binding, columns: Sequence[Column[Any]]) -> bool:
    """PostgreSQL, and every column of a plain scalar type (not JSON, arrays, collated or custom types)."""
    if binding.engine.dialect.name != "postgresql":
        return False
    for column in columns:
        if isinstance(column.type, NullType | ARRAY) or getattr(column.type, "collation", None):
            return False
        try:
            python_type = column.type.python_type
        except NotImplementedError:
            return False
        if not issubclass(python_type, _ARRAY_SAFE):
            return False
    return True


def _array(column: Column[Any], values: list[Any]) -> Any:
    return bindparam(None, values, type_=ARRAY(column.type))
