"""The case register of data-subject requests and the suppression list, in the ledger.

Every write is sealed in the audit chain (kinds ``case`` and ``suppression``), like runs and batches:
a case changed or a suppression entry removed behind the ledger's back is reported by
``Ledger.audit_problems``. People appear only as keyed hashes of their normalised identifiers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update

from crm_privacy.ledger import chain
from crm_privacy.ledger.records import LedgerError
from crm_privacy.ledger.schema import subject_requests, suppression
from crm_privacy.ledger.state import canonical_json
from crm_privacy.ledger.store import Ledger

CASE_STATUSES = ("open", "waiting_identity", "review", "closed", "refused")
SUPPRESSION_REASONS = ("erasure", "objection")


def case_state(conn: Connection, reference: str) -> dict[str, Any] | None:
    row = conn.execute(select(subject_requests).where(subject_requests.c.reference == reference)).first()
    return None if row is None else _decode(row._mapping)


def suppression_state(conn: Connection, key: str) -> dict[str, Any] | None:
    identifier_hash, reason = json.loads(key)
    row = conn.execute(
        select(suppression).where(
            suppression.c.identifier_hash == identifier_hash, suppression.c.reason == reason
        )
    ).first()
    if row is None:
        return None
    return {k: v for k, v in row._mapping.items() if k != "id"}


def suppression_key(identifier_hash: str, reason: str) -> str:
    return json.dumps([identifier_hash, reason])


class Cases:
    """The register, over a ``Ledger`` (same engine, same chain)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def open(
        self,
        *,
        reference: str,
        request_type: str,
        received: dt.date,
        due_at: dt.date,
        identifier_hashes: Sequence[str],
        run_id: str | None,
    ) -> dict[str, Any]:
        """Register a case, or return it as it is when the same case is sent again (a retry). The same
        reference for another request type is refused."""
        now = self.ledger._clock()
        with self.ledger._writing() as conn:
            known = case_state(conn, reference)
            if known is not None:
                if known["request_type"] != request_type:
                    raise LedgerError(
                        f"reference {reference!r} is already a {known['request_type']} case: "
                        "give this request a reference of its own"
                    )
                return known
            conn.execute(
                insert(subject_requests).values(
                    reference=reference,
                    request_type=request_type,
                    received=received,
                    due_at=due_at,
                    paused_days=0,
                    extension_months=0,
                    status="open",
                    identifier_hashes=canonical_json(sorted(identifier_hashes)),
                    actions=canonical_json({}),
                    run_id=run_id,
                    created_at=now,
                    updated_at=now,
                )
            )
            self._seal(conn, reference)
            state = case_state(conn, reference)
        assert state is not None
        return state

    def update(self, reference: str, **values: Any) -> dict[str, Any]:
        """Change a case (status, actions, outcome, due date...); ``closed`` sets ``closed_at``."""
        if "status" in values and values["status"] not in CASE_STATUSES:
            raise LedgerError(f"case status {values['status']!r} is not one of {', '.join(CASE_STATUSES)}")
        now = self.ledger._clock()
        if "actions" in values:
            values["actions"] = canonical_json(values["actions"])
        if values.get("status") in ("closed", "refused"):
            values.setdefault("closed_at", now)
        with self.ledger._writing() as conn:
            if case_state(conn, reference) is None:
                raise LedgerError(f"unknown case {reference!r}")
            conn.execute(
                update(subject_requests)
                .where(subject_requests.c.reference == reference)
                .values(updated_at=now, **values)
            )
            self._seal(conn, reference)
            state = case_state(conn, reference)
        assert state is not None
        return state

    def get(self, reference: str) -> dict[str, Any] | None:
        with self.ledger.engine.connect() as conn:
            return case_state(conn, reference)

    def all(self, *, open_only: bool = False) -> list[dict[str, Any]]:
        """Cases by due date (open ones: not closed nor refused)."""
        query = select(subject_requests).order_by(subject_requests.c.due_at, subject_requests.c.reference)
        if open_only:
            query = query.where(subject_requests.c.status.not_in(("closed", "refused")))
        with self.ledger.engine.connect() as conn:
            return [_decode(row._mapping) for row in conn.execute(query)]

    def suppress(
        self,
        hashes: Mapping[str, str],
        *,
        reason: str,
        added_on: dt.date,
        keep_until: dt.date,
        reference: str,
    ) -> int:
        """Add ``{identifier hash: kind}`` to the suppression list for ``reason``; return how many
        were new (an entry already there keeps its first date)."""
        if reason not in SUPPRESSION_REASONS:
            raise LedgerError(f"suppression reason {reason!r} is not one of {', '.join(SUPPRESSION_REASONS)}")
        added = 0
        with self.ledger._writing() as conn:
            for identifier_hash, kind in sorted(hashes.items()):
                key = suppression_key(identifier_hash, reason)
                if suppression_state(conn, key) is not None:
                    continue
                conn.execute(
                    insert(suppression).values(
                        identifier_hash=identifier_hash,
                        kind=kind,
                        reason=reason,
                        added_on=added_on,
                        keep_until=keep_until,
                        reference=reference,
                    )
                )
                chain.append(
                    conn,
                    run_id=reference,
                    kind="suppression",
                    key=key,
                    state=suppression_state(conn, key),
                    now=self.ledger._clock(),
                )
                added += 1
        return added

    def listed(self, reason: str) -> set[str]:
        """Every hash on the list for ``reason`` (the sweep reads the erasure entries)."""
        with self.ledger.engine.connect() as conn:
            return set(
                conn.execute(
                    select(suppression.c.identifier_hash).where(suppression.c.reason == reason)
                ).scalars()
            )

    def suppressed(self, hashes: Iterable[str]) -> dict[str, list[str]]:
        """``{hash: [reasons]}`` for the hashes on the list."""
        wanted = sorted(set(hashes))
        found: dict[str, list[str]] = {}
        with self.ledger.engine.connect() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = conn.execute(
                    select(suppression.c.identifier_hash, suppression.c.reason).where(
                        suppression.c.identifier_hash.in_(chunk)
                    )
                )
                for identifier_hash, reason in rows:
                    found.setdefault(identifier_hash, []).append(reason)
        return found

    def _seal(self, conn: Connection, reference: str) -> None:
        chain.append(
            conn,
            run_id=reference,
            kind="case",
            key=reference,
            state=case_state(conn, reference),
            now=self.ledger._clock(),
        )


def _decode(row: Mapping[Any, Any]) -> dict[str, Any]:
    out = dict(row)
    for column in ("identifier_hashes", "actions"):
        out[column] = json.loads(out[column])
    return out
