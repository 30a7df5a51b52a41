"""What the validation gate checks, and what it found: counts only, never a value from the CRM.

A :class:`SqlCheck` is a query written from the policy (not by the planner) that selects the rows that
must not exist; the gate runs it inside the database through Great Expectations
(``UnexpectedRowsExpectation``) and keeps only how many rows it found. An :class:`EvidenceCheck` compares
numbers the run recorded (planned and deleted counts): it needs no query.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

#: The families of expectations, as the report and the ledger name them.
Kind = Literal["retention", "treated", "free_text", "integrity", "hold", "archive", "consent", "replan"]


@dataclass(frozen=True)
class SqlCheck:
    """Rows that must not exist: ``query`` selects them (``{batch}`` may stand for ``table``)."""

    kind: Kind
    name: str  # stable and unique in a suite, e.g. "retention:R1:interactions"
    table: str  # the table the expectation is attached to (a GX table asset)
    query: str  # SQL for this database's dialect, literal values inlined, no personal value in it
    description: str  # what is expected, in words, for the DPO (no personal value)
    column: str | None = None
    rule: str | None = None
    expectation: str = "UnexpectedRowsExpectation"


@dataclass(frozen=True)
class EvidenceCheck:
    """A comparison of two recorded numbers, e.g. rows deleted by the run against rows planned."""

    kind: Kind
    name: str
    table: str
    expected: int
    observed: int
    description: str
    column: str | None = None
    rule: str | None = None
    expectation: str = "RecordedCountEqualsPlanned"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: no CRM value, only counts."""

    kind: str
    name: str
    expectation: str
    table: str
    column: str | None
    rule: str | None
    description: str
    passed: bool
    unexpected_count: int
    error: str | None = None  # the check could not run (its SQL failed): counted as failed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
