"""Read ledger records back as JSON-ready dicts: what the API returns and what the audit chain seals.

The chain stores the state a record had after each write, read back through these same functions,
so sealing and verifying compare like with like on every backend.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Row, select

from crm_privacy.ledger.schema import batch_subjects, batches, plan_items, runs, validations


def canonical_json(value: Any) -> str:
    """One spelling per value (sorted keys, no spaces), so equal data hashes equally.

    NaN and Infinity are refused (ValueError): they are not JSON, and the ledger must stay readable.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str, allow_nan=False
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):  # datetimes too: aware UTC, from UtcDateTime
        return value.isoformat()
    return value


def row_dict(row: Row[Any], *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {key: jsonable(value) for key, value in row._mapping.items() if key not in drop}


def run_state(conn: Connection, run_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(runs).where(runs.c.run_id == run_id)).first()
    return None if row is None else row_dict(row)


def plan_state(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    query = select(plan_items).where(plan_items.c.run_id == run_id).order_by(plan_items.c.item_no)
    return [row_dict(row, drop=("id",)) for row in conn.execute(query)]


def validations_state(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    """The run's validation results in the gate's order (what ``record_validations`` seals)."""
    query = select(validations).where(validations.c.run_id == run_id).order_by(validations.c.position)
    return [row_dict(row, drop=("id",)) for row in conn.execute(query)]


def batch_key(table_name: str, rule_id: str, batch_no: int) -> str:
    """How the audit chain names a batch (JSON, so no separator can clash with a name)."""
    return canonical_json([table_name, rule_id, batch_no])


def batch_state(conn: Connection, batch_id: int) -> dict[str, Any] | None:
    """The batch row with a digest of its subjects (the hashes themselves stay in their table)."""
    row = conn.execute(select(batches).where(batches.c.id == batch_id)).first()
    if row is None:
        return None
    subjects = conn.execute(
        select(batch_subjects.c.subject_hash).where(batch_subjects.c.batch_id == batch_id)
    ).scalars()
    state = row_dict(row, drop=("id",))
    # Sorted in Python: server collations disagree on order.
    hashes = sorted(subjects)
    state["subjects"] = len(hashes)
    state["subjects_sha256"] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
    return state


def decode_run(state: Mapping[Any, Any]) -> dict[str, Any]:
    """A run row with its JSON columns parsed, as the public API returns it."""
    result = dict(state)
    for column in ("params", "summary"):
        if result.get(column) is not None:
            result[column] = json.loads(result[column])
    return result
