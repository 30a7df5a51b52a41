"""The audit chain: a hash chain over every state a run, plan, batch or validations record has had.

Each entry seals ``sha256(prev_hash + canonical JSON of the entry)``. Verifying walks the chain and
then compares each record's last sealed state with the row as it is now, so editing, deleting or
inserting a row behind the ledger's back, or rewriting the chain itself, is detected.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, insert, select, update

from crm_privacy.ledger.schema import (
    audit_chain,
    audit_chain_head,
    batches,
    runs,
    subject_requests,
    suppression,
    validations,
)
from crm_privacy.ledger.state import (
    batch_key,
    batch_state,
    canonical_json,
    plan_state,
    run_state,
    validations_state,
)

GENESIS = "0" * 64
_HEAD = audit_chain_head.c.id == 1


def lock(conn: Connection) -> None:
    """Take the chain's write lock; the first statement of every ledger write transaction.

    A write (not a read) comes first so SQLite takes its write lock now and waits on busy_timeout,
    instead of failing later when a read snapshot turns out stale. On the servers it is a row lock
    that serialises writers, so the chain never forks.
    """
    conn.execute(update(audit_chain_head).where(_HEAD).values(seq=audit_chain_head.c.seq))


def seal(entry: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode()).hexdigest()


def append(conn: Connection, *, run_id: str, kind: str, key: str, state: Any, now: datetime.datetime) -> None:
    """Append the new state of one record; call inside the transaction that wrote it."""
    seq, prev_hash = conn.execute(
        select(audit_chain_head.c.seq, audit_chain_head.c.hash).where(_HEAD).with_for_update()
    ).one()
    recorded_at = now.astimezone(datetime.UTC).isoformat()  # as it reads back from the database
    entry = _entry(seq + 1, recorded_at, run_id, kind, key, canonical_json(state))
    digest = seal(entry, prev_hash)
    conn.execute(insert(audit_chain).values(**_columns(entry), prev_hash=prev_hash, hash=digest))
    conn.execute(update(audit_chain_head).where(_HEAD).values(seq=seq + 1, hash=digest))


def problems(conn: Connection) -> list[str]:
    """Everything wrong with the chain and the records it seals (empty when all is intact)."""
    found: list[str] = []
    latest: dict[tuple[str, str, str], tuple[int, str]] = {}
    seq, prev_hash = 0, GENESIS
    for row in conn.execute(select(audit_chain).order_by(audit_chain.c.seq)):
        seq += 1
        entry = _entry(row.seq, row.recorded_at.isoformat(), row.run_id, row.kind, row.record_key, row.state)
        if row.seq != seq:
            found.append(f"audit_chain: entry {seq} missing (found {row.seq})")
            seq = row.seq
        if row.prev_hash != prev_hash or seal(entry, row.prev_hash) != row.hash:
            found.append(f"audit_chain: entry {row.seq} altered or out of order")
        prev_hash = row.hash
        latest[(row.kind, row.run_id, row.record_key)] = (row.seq, row.state)
    head = conn.execute(select(audit_chain_head.c.seq, audit_chain_head.c.hash).where(_HEAD)).one()
    if tuple(head) != (seq, prev_hash):
        found.append(f"audit_chain: tip is entry {head.seq} but the chain ends at {seq} (entries removed?)")
    found.extend(_stale_records(conn, latest))
    return found


def _stale_records(conn: Connection, latest: Mapping[tuple[str, str, str], tuple[int, str]]) -> list[str]:
    readers: dict[str, Callable[[str, str], Any]] = {
        "run": lambda run_id, _key: run_state(conn, run_id),
        "plan": lambda run_id, _key: plan_state(conn, run_id),
        "batch": lambda run_id, key: _batch_by_key(conn, run_id, key),
        "validations": lambda run_id, _key: validations_state(conn, run_id),
        "case": lambda _run, key: _case_state(conn, key),
        "suppression": lambda _run, key: _suppression_state(conn, key),
    }
    found = []
    for (kind, run_id, key), (seq, sealed) in latest.items():
        if canonical_json(readers[kind](run_id, key)) != sealed:
            found.append(f"{kind} {run_id!r} {key!r}: differs from its audit entry {seq}")
    for (run_id,) in conn.execute(select(runs.c.run_id)):
        if ("run", run_id, run_id) not in latest:
            found.append(f"run {run_id!r}: not in the audit chain (inserted behind the ledger's back?)")
    for row in conn.execute(
        select(batches.c.run_id, batches.c.table_name, batches.c.rule_id, batches.c.batch_no)
    ):
        if ("batch", row.run_id, batch_key(row.table_name, row.rule_id, row.batch_no)) not in latest:
            found.append(
                f"batch {row.run_id!r} {row.table_name}/{row.rule_id}/{row.batch_no}: not in the audit chain"
            )
    for (run_id,) in conn.execute(select(validations.c.run_id).distinct()):
        if ("validations", run_id, run_id) not in latest:
            found.append(f"validations {run_id!r}: not in the audit chain")
    sealed_keys: set[tuple[str, str]] = {(entry[0], entry[2]) for entry in latest}
    for (reference,) in conn.execute(select(subject_requests.c.reference)):
        if ("case", reference) not in sealed_keys:
            found.append(f"case {reference!r}: not in the audit chain")
    for entry in conn.execute(select(suppression.c.identifier_hash, suppression.c.reason)):
        if ("suppression", json.dumps([entry.identifier_hash, entry.reason])) not in sealed_keys:
            found.append("a suppression entry is not in the audit chain")
    return found


def _case_state(conn: Connection, key: str) -> Any:
    from crm_privacy.ledger.cases import case_state

    return case_state(conn, key)


def _suppression_state(conn: Connection, key: str) -> Any:
    from crm_privacy.ledger.cases import suppression_state

    return suppression_state(conn, key)


def _batch_by_key(conn: Connection, run_id: str, key: str) -> Any:
    table_name, rule_id, batch_no = json.loads(key)
    batch_id = conn.execute(
        select(batches.c.id).where(
            batches.c.run_id == run_id,
            batches.c.table_name == table_name,
            batches.c.rule_id == rule_id,
            batches.c.batch_no == batch_no,
        )
    ).scalar()
    return None if batch_id is None else batch_state(conn, batch_id)


def _entry(seq: int, recorded_at: str, run_id: str, kind: str, key: str, state: str) -> dict[str, Any]:
    return {
        "seq": seq,
        "recorded_at": recorded_at,
        "run_id": run_id,
        "kind": kind,
        "key": key,
        "state": state,
    }


def _columns(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "seq": entry["seq"],
        "recorded_at": datetime.datetime.fromisoformat(entry["recorded_at"]),
        "run_id": entry["run_id"],
        "kind": entry["kind"],
        "record_key": entry["key"],
        "state": entry["state"],
    }
