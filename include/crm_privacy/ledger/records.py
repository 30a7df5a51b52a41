"""What callers hand to the ledger: plan items and batch outcomes (counts and hashes, never values)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from crm_privacy.errors import CrmPrivacyError

#: Every status a run can have; ``planned`` is how a dry run ends, ``interrupted`` how a run ends
#: whose process died while it held the CRM lock (closed by the run or command that found it dead).
RUN_STATUSES = frozenset({"planned", "running", "succeeded", "failed", "refused", "interrupted"})
#: Statuses ``finish_run`` accepts (``running`` is set by ``start_run`` only).
FINAL_RUN_STATUSES = RUN_STATUSES - {"running"}
BATCH_STATUSES = frozenset({"succeeded", "failed"})


class LedgerError(CrmPrivacyError):
    """The ledger refused a write (unknown run, bad status, naive timestamp) or failed its audit."""


@dataclass(frozen=True)
class PlanItemRecord:
    """One line of a plan: how many rows of a table a rule selects, and what it will do to them."""

    table_name: str
    rule_id: str
    action: str
    legal_basis: str | None
    rows: int
    #: Named counts only (e.g. ``{"missing_dates": 3}``), never values.
    findings: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchRecord:
    """The outcome of one batch: one transaction on the CRM, identified by (table, rule, batch_no)."""

    batch_no: int
    table_name: str
    rule_id: str
    action: str
    rows_planned: int
    rows_affected: int
    status: str
    #: Timezone-aware; stored and returned in UTC.
    started_at: datetime.datetime
    finished_at: datetime.datetime
    #: PII-free: an exception class and a message that names tables and rules, not values.
    error: str | None = None
