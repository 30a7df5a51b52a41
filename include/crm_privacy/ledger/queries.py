"""Read-side queries: a run with its plan and batch totals, and the list of runs.

Values come back as Python types: ``as_of`` a date, timestamps aware UTC datetimes, JSON parsed.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, case, func, select

from crm_privacy.ledger.schema import batch_subjects, batches, runs
from crm_privacy.ledger.state import decode_run, plan_state


def run_report(conn: Connection, run_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(runs).where(runs.c.run_id == run_id)).first()
    if row is None:
        return None
    report = decode_run(row._mapping)
    report["plan"] = [_plan_item(item) for item in plan_state(conn, run_id)]
    report["batches"] = _batch_totals(conn, run_id)
    report["batches_by_rule"] = _batch_totals_by_rule(conn, run_id)
    return report


def list_runs(conn: Connection, *, job: str | None, limit: int) -> list[dict[str, Any]]:
    query = select(runs).order_by(runs.c.started_at.desc(), runs.c.run_id.desc()).limit(limit)
    if job is not None:
        query = query.where(runs.c.job == job)
    return [decode_run(row._mapping) for row in conn.execute(query)]


def _plan_item(item: dict[str, Any]) -> dict[str, Any]:
    """Plan items keyed like ``PlanItemRecord`` (the column is ``row_count``, the field ``rows``)."""
    return {
        "item_no": item["item_no"],
        "table_name": item["table_name"],
        "rule_id": item["rule_id"],
        "action": item["action"],
        "legal_basis": item["legal_basis"],
        "rows": item["row_count"],
        "findings": json.loads(item["findings"]),
    }


def _totals_columns() -> list[Any]:
    return [
        func.count().label("count"),
        func.sum(case((batches.c.status == "succeeded", 1), else_=0)).label("succeeded"),
        func.sum(case((batches.c.status == "failed", 1), else_=0)).label("failed"),
        func.sum(batches.c.rows_planned).label("rows_planned"),
        func.sum(batches.c.rows_affected).label("rows_affected"),
        func.sum(batches.c.duration_ms).label("duration_ms"),
    ]


def _ints(mapping: Any) -> dict[str, int]:
    # SUM is NULL over no rows, and a Decimal on MySQL.
    return {key: int(value or 0) for key, value in mapping.items()}


def _batch_totals(conn: Connection, run_id: str) -> dict[str, int]:
    totals = _ints(conn.execute(select(*_totals_columns()).where(batches.c.run_id == run_id)).one()._mapping)
    subjects = select(func.count(func.distinct(batch_subjects.c.subject_hash))).where(
        batch_subjects.c.run_id == run_id
    )
    totals["subjects"] = int(conn.execute(subjects).scalar() or 0)
    return totals


def _batch_totals_by_rule(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    keys = (batches.c.table_name, batches.c.rule_id, batches.c.action)
    query = (
        select(*keys, *_totals_columns()).where(batches.c.run_id == run_id).group_by(*keys).order_by(*keys)
    )
    result = []
    for row in conn.execute(query):
        mapping = dict(row._mapping)
        names = {key: mapping.pop(key) for key in ("table_name", "rule_id", "action")}
        result.append({**names, **_ints(mapping)})
    return result
