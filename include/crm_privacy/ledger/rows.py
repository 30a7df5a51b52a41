"""Turn the caller's records into ledger rows, checking what the database cannot check for us."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from crm_privacy.ledger.records import BatchRecord, LedgerError, PlanItemRecord
from crm_privacy.ledger.state import canonical_json

SUBJECT_CHUNK = 1000  # rows per INSERT: bounded statements whatever the batch size


def check(value: str, allowed: frozenset[str], what: str) -> None:
    if value not in allowed:
        raise LedgerError(f"unknown {what} {value!r}; expected one of {sorted(allowed)}")


def plan_row(run_id: str, item_no: int, item: PlanItemRecord) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "item_no": item_no,
        "table_name": item.table_name,
        "rule_id": item.rule_id,
        "action": item.action,
        "legal_basis": item.legal_basis,
        "row_count": item.rows,
        "findings": canonical_json(dict(item.findings)),
    }


def batch_values(batch: BatchRecord) -> dict[str, Any]:
    for when in (batch.started_at, batch.finished_at):
        if when.utcoffset() is None:
            raise LedgerError(
                f"batch {batch.batch_no} of {batch.table_name}: naive time {when}, need aware UTC"
            )
    elapsed = batch.finished_at - batch.started_at
    return {
        "table_name": batch.table_name,
        "rule_id": batch.rule_id,
        "batch_no": batch.batch_no,
        "action": batch.action,
        "rows_planned": batch.rows_planned,
        "rows_affected": batch.rows_affected,
        "status": batch.status,
        "started_at": batch.started_at,
        "finished_at": batch.finished_at,
        "duration_ms": round(elapsed.total_seconds() * 1000),
        "error": batch.error,
    }


def subject_rows(
    batch_id: int, run_id: str, batch: BatchRecord, subject_hashes: Sequence[str]
) -> Iterator[list[dict[str, Any]]]:
    """The batch's subjects in chunks; a subject with several rows in the batch counts once."""
    batch_columns = {
        "batch_id": batch_id,
        "run_id": run_id,
        "table_name": batch.table_name,
        "rule_id": batch.rule_id,
        "batch_no": batch.batch_no,
    }
    hashes = sorted(set(subject_hashes))
    for start in range(0, len(hashes), SUBJECT_CHUNK):
        yield [
            {**batch_columns, "subject_hash": subject} for subject in hashes[start : start + SUBJECT_CHUNK]
        ]
