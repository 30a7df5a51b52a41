"""The case register and the suppression list in the ledger, on SQLite, PostgreSQL and MariaDB:
sealed in the audit chain, idempotent, people as keyed hashes only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from crm_privacy.ledger import Ledger, LedgerError
from crm_privacy.ledger.cases import Cases

if TYPE_CHECKING:
    from conftest import CrmBackend

    from tests.integration.conftest import ScratchFactory

pytestmark = pytest.mark.integration

H1, H2 = "a" * 64, "b" * 64


@pytest.fixture
def cases(crm_backend: CrmBackend, make_scratch_url: ScratchFactory) -> Cases:
    return Cases(Ledger.from_url(make_scratch_url(crm_backend)))


def open_case(cases: Cases, reference: str = "DSR-1", kind: str = "erasure") -> dict[str, object]:
    return cases.open(
        reference=reference,
        request_type=kind,
        received=dt.date(2025, 6, 2),
        due_at=dt.date(2025, 7, 2),
        identifier_hashes=[H2, H1],
        run_id="run-1",
    )


def test_a_case_is_registered_updated_and_sealed(cases: Cases) -> None:
    case = open_case(cases)
    assert case["status"] == "open" and case["due_at"] == dt.date(2025, 7, 2)
    assert case["identifier_hashes"] == [H1, H2]
    assert open_case(cases) == case  # a retry of the same request
    with pytest.raises(LedgerError, match="already a erasure case"):
        open_case(cases, kind="access")
    closed = cases.update("DSR-1", status="closed", actions={"contacts": {"anonymise": 1}}, outcome="done")
    assert closed["closed_at"] is not None and closed["actions"] == {"contacts": {"anonymise": 1}}
    assert [c["reference"] for c in cases.all(open_only=True)] == []
    assert cases.ledger.audit_problems() == []
    # changed behind the ledger's back: the audit finds it
    with cases.ledger.engine.begin() as conn:
        conn.execute(text("UPDATE subject_requests SET status = 'open' WHERE reference = 'DSR-1'"))
    assert any("case 'DSR-1'" in p for p in cases.ledger.audit_problems())


def test_the_suppression_list_keeps_the_first_entry_and_detects_removals(cases: Cases) -> None:
    day = dt.date(2025, 6, 30)
    assert (
        cases.suppress(
            {H1: "email", H2: "phone"},
            reason="erasure",
            added_on=day,
            keep_until=dt.date(2028, 6, 30),
            reference="DSR-1",
        )
        == 2
    )
    assert (
        cases.suppress(
            {H1: "email"},
            reason="erasure",
            added_on=day + dt.timedelta(days=5),
            keep_until=dt.date(2028, 7, 5),
            reference="DSR-2",
        )
        == 0
    )
    assert (
        cases.suppress(
            {H1: "email"},
            reason="objection",
            added_on=day,
            keep_until=dt.date(2028, 6, 30),
            reference="DSR-3",
        )
        == 1
    )
    assert cases.suppressed([H1, H2, "c" * 64]) == {H1: ["erasure", "objection"], H2: ["erasure"]}
    assert cases.ledger.audit_problems() == []
    with cases.ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM suppression WHERE kind = 'phone'"))
    assert cases.suppressed([H2]) == {}
    assert any("suppression" in p for p in cases.ledger.audit_problems())
