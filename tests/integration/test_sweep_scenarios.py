"""The retention sweep against GDPR_RULES.md section 9 (scenarios 1-4, 15, 24), on SQLite, PostgreSQL and
MariaDB, with the demo policy. Every test compares full table snapshots: exactly the expected rows change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sweep_fixtures import (  # tests/integration is on sys.path (no __init__.py)
    CALL_IN,
    CLICK,
    OPEN,
    SENT,
    Crm,
    D,
    Rows,
    at,
    changed_keys,
    ledger_dump,
    open_crm,
    row_of,
)

from crm_privacy.ledger import Ledger

pytestmark = pytest.mark.integration


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    """The demo schema in an empty database, on each backend (``scratch_url``: integration conftest)."""
    with open_crm(scratch_url, tmp_path) as db:
        yield db


#: what rule R1 (scope: all) does to an expired prospect's rows in the demo policy
R1_TABLES = ("contacts", "interactions", "consents", "opportunities")


def rule(summary: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in summary["rules"] if r["rule_id"] == rule_id)


def rows_by_table(plan: dict[str, Any]) -> dict[str, int]:
    """A rule's planned rows per table (non-zero only)."""
    out: dict[str, int] = {}
    for t in plan["tables"]:
        if t["rows"]:
            out[t["table"]] = out.get(t["table"], 0) + t["rows"]
    return out


def non_zero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


def expected_r1(rows: Rows, subjects: set[int]) -> dict[str, set[int]]:
    expected = {table: rows.of_contacts(table, subjects) for table in R1_TABLES}
    return {table: keys for table, keys in expected.items() if keys}


def assert_anonymised(before: dict[str, Any], after: dict[str, Any], as_of: dt.date) -> None:
    """The contacts row stays (invoices may point at it) but no longer identifies anyone."""
    assert after["anonymised_at"] == dt.datetime(as_of.year, as_of.month, as_of.day)
    assert after["id"] == before["id"] and after["status"] == before["status"]
    for column in ("email", "customer_ref"):
        assert after[column].startswith("pz:"), column
    for column in ("first_name", "last_name"):
        assert after[column] and after[column] != before[column], column
    for column in (
        "civility",
        "phone",
        "mobile",
        "address_line",
        "city",
        "segment",
        "lead_score",
        "preferences",
    ):
        assert after[column] is None, column
    assert after["postcode"] == before["postcode"][:2]
    assert after["birth_date"] == dt.date(before["birth_date"].year, 1, 1)
    assert after["job_title"] == "(anonymisé)"


# -- scenarios 1 to 4: whose clock has run out ----------------------------------------------------------


def s1_expired_prospect(rows: Rows) -> int:
    """Collected 2022-05-15; since then only our own campaigns (2023-2025)."""
    sends = [(at(day), SENT) for day in ("2023-02-01", "2024-03-12", "2025-05-05")]
    return rows.prospect(1, collected=at("2022-05-15"), events=sends)


def s2_click_resets_clock(rows: Rows) -> int:
    """Collected 2021-01-10; clicked a campaign link on 2023-03-01: next expiry 2026-03-01."""
    events = [(at("2022-09-01"), SENT), (at("2023-03-01", "14:12"), CLICK), (at("2024-05-01"), SENT)]
    return rows.prospect(1, collected=at("2021-01-10"), events=events)


def s3_open_does_not_reset(rows: Rows) -> int:
    """Collected 2022-01-10; only e-mail opens (tracking pixel, recorded as inbound) and our sends since."""
    events = [
        (at("2023-05-01"), SENT),
        (at("2023-05-02"), OPEN),
        (at("2024-11-20"), SENT),
        (at("2024-11-21"), OPEN),
        (at("2025-06-01"), OPEN),
    ]
    return rows.prospect(1, collected=at("2022-01-10"), events=events)


def s4_inbound_on_anniversary(rows: Rows) -> int:
    """Last inbound contact (a call) on 2022-06-30 late in the day: 3 years later, on 2025-06-30."""
    return rows.prospect(1, collected=at("2021-03-01"), events=[(at("2022-06-30", "18:45"), CALL_IN)])


def s4_inbound_on_29_february(rows: Rows) -> int:
    """Last inbound contact on 2024-02-29: 29 February + 3 years = 2027-02-28."""
    return rows.prospect(1, collected=at("2023-01-01"), events=[(at("2024-02-29", "09:30"), CLICK)])


def case(build: Callable[[Rows], int], as_of: str, expired: bool, name: str) -> Any:
    verdict = "expired" if expired else "kept"
    return pytest.param(build, dt.date.fromisoformat(as_of), expired, id=f"{name}-{verdict}-on-{as_of}")


@pytest.mark.parametrize(
    ("build", "as_of", "expired"),
    [
        case(s1_expired_prospect, "2025-06-30", True, "s1-only-our-sends-since-2022-05-15"),
        case(s2_click_resets_clock, "2025-06-30", False, "s2-click-2023-03-01"),
        case(s2_click_resets_clock, "2026-02-28", False, "s2-click-2023-03-01"),
        case(s2_click_resets_clock, "2026-03-01", True, "s2-click-2023-03-01"),
        case(s3_open_does_not_reset, "2025-06-30", True, "s3-opens-since-2022-01-10"),
        case(s4_inbound_on_anniversary, "2025-06-29", False, "s4-inbound-2022-06-30"),
        case(s4_inbound_on_anniversary, "2025-06-30", True, "s4-inbound-2022-06-30"),
        case(s4_inbound_on_29_february, "2027-02-27", False, "s4-inbound-2024-02-29"),
        case(s4_inbound_on_29_february, "2027-02-28", True, "s4-inbound-2024-02-29"),
        case(s4_inbound_on_29_february, "2027-03-01", True, "s4-inbound-2024-02-29"),
    ],
)
def test_prospect_retention(crm: Crm, build: Callable[[Rows], int], as_of: dt.date, expired: bool) -> None:
    rows = Rows()
    rows.bystanders()
    subject = build(rows)
    crm.load(rows)
    before, subject_before = crm.snapshot(), crm.row("contacts", subject)

    summary = crm.sweep(as_of)

    expected = expected_r1(rows, {subject}) if expired else {}
    assert changed_keys(before, crm.snapshot()) == expected
    r1 = rule(summary, "R1")
    assert r1["subjects"] == (1 if expired else 0)
    assert rows_by_table(r1) == {table: len(keys) for table, keys in expected.items()}
    assert summary["status"] == "succeeded"
    if expired:
        assert_anonymised(subject_before, crm.row("contacts", subject), as_of)


def test_clock_runs_on_between_sweeps(crm: Crm) -> None:
    """Scenario 2 on one database: swept on 2025-06-30 and 2026-02-28 (kept), then expired on 2026-03-01."""
    rows = Rows()
    rows.bystanders()
    subject = s2_click_resets_clock(rows)
    crm.load(rows)
    before = crm.snapshot()
    for kept_on in (D, dt.date(2026, 2, 28)):
        assert crm.sweep(kept_on)["rows_affected"] == 0
        assert changed_keys(before, crm.snapshot()) == {}
    crm.sweep(dt.date(2026, 3, 1))
    assert changed_keys(before, crm.snapshot()) == expected_r1(rows, {subject})


def test_missing_date_is_reported_not_changed(crm: Crm) -> None:
    """A prospect without collection date and without inbound action: a finding, never a silent change."""
    rows = Rows()
    rows.bystanders()
    undated = rows.prospect(21, collected=None, events=[(at("2023-04-04"), SENT), (at("2023-04-05"), OPEN)])
    expired = s1_expired_prospect(rows)
    crm.load(rows)
    before = crm.snapshot()

    summary = crm.sweep()

    assert changed_keys(before, crm.snapshot()) == expected_r1(rows, {expired})
    assert crm.row("contacts", undated) == row_of(before, "contacts", undated)
    r1 = rule(summary, "R1")
    assert r1["findings"].get("missing_date") == 1
    assert r1["subjects"] == 1


# -- scenario 15: invalid consent proof ----------------------------------------------------------------

MARKETING = ("segment", "lead_score", "preferences")
VALID = {"given_at": at("2024-01-15"), "text_version": "nl-v3", "mechanism": "checkbox"}

#: contact id -> (consent record, reason code the DPO report must give, or None for a valid consent)
CONSENT_CASES: dict[int, tuple[dict[str, Any], str | None]] = {
    11: ({**VALID, "given_at": None}, "no_given_at"),
    12: ({**VALID, "text_version": None}, "no_text_version"),
    13: ({**VALID, "mechanism": "pre_ticked"}, "invalid_mechanism"),
    14: ({**VALID, "mechanism": "cgv_acceptance"}, "invalid_mechanism"),
    15: (VALID, None),
}


def test_invalid_consent_proof_means_no_consent(crm: Crm) -> None:
    """Scenario 15: C1 removes the marketing data of prospects without valid proof, and says why."""
    rows = Rows()
    rows.bystanders()
    opportunities = {}
    for cid, (record, _) in CONSENT_CASES.items():
        rows.contact(cid, collected=at("2024-01-15"))  # recent: R1 does not apply, C1's grace is over
        rows.consent(cid, **record)
        opportunities[cid] = rows.opportunity(cid, created=at("2024-02-01"))
    crm.load(rows)
    before = crm.snapshot()

    summary = crm.sweep()

    invalid = {cid for cid, (_, reason) in CONSENT_CASES.items() if reason}
    assert changed_keys(before, crm.snapshot()) == {
        "contacts": invalid,
        "opportunities": {opportunities[cid] for cid in invalid},  # category marketing in the policy
    }
    for cid in invalid:
        after, old = crm.row("contacts", cid), row_of(before, "contacts", cid)
        assert {c: after[c] for c in MARKETING} == dict.fromkeys(MARKETING)
        assert {k: v for k, v in after.items() if k not in MARKETING} == {
            k: v for k, v in old.items() if k not in MARKETING
        }
    c1 = rule(summary, "C1")
    assert c1["subjects"] == len(invalid)
    reasons: dict[str, int] = {}
    for _, reason in CONSENT_CASES.values():
        if reason:
            reasons[reason] = reasons.get(reason, 0) + 1
    assert c1["findings"] == reasons


@pytest.mark.parametrize(
    "record",
    [
        pytest.param({**VALID, "mechanism": None}, id="consent-without-mechanism-is-no-consent"),
        pytest.param({**VALID, "purpose": "partenaires"}, id="consent-for-another-purpose-is-no-consent"),
        pytest.param({**VALID, "status": "withdrawn"}, id="withdrawn-consent-is-no-consent"),
        pytest.param({**VALID, "status": "refused"}, id="refused-consent-is-no-consent"),
    ],
)
def test_incomplete_or_other_consent_is_no_consent(crm: Crm, record: dict[str, Any]) -> None:
    """GDPR_RULES.md 2.2: a complete record has subject, purpose, timestamp, text version and mechanism."""
    rows = Rows()
    rows.bystanders()
    rows.contact(31, collected=at("2024-01-15"))
    rows.consent(31, **record)
    crm.load(rows)
    before = crm.snapshot()

    crm.sweep()

    assert changed_keys(before, crm.snapshot()) == {"contacts": {31}}
    assert {c: crm.row("contacts", 31)[c] for c in MARKETING} == dict.fromkeys(MARKETING)


# -- scenario 24: evidence without leakage, dry run, idempotency -----------------------------------------


def mixed_crm(rows: Rows) -> dict[str, set[int]]:
    """Bystanders, expired prospects (scenarios 1 and 3), an undated one, invalid consents; returns the
    keys the sweep on D must change, per table."""
    rows.bystanders()
    sends = [(at("2023-02-01"), SENT), (at("2024-03-12"), SENT)]
    expired = {rows.prospect(cid, collected=at("2022-05-15"), events=sends) for cid in (1, 2)}
    expired.add(rows.prospect(3, collected=at("2022-01-10"), events=[(at("2024-11-21"), OPEN)]))
    rows.prospect(21, collected=None, events=[(at("2023-04-05"), OPEN)])
    for cid in (11, 13):
        rows.contact(cid, collected=at("2024-01-15"))
        rows.consent(cid, **CONSENT_CASES[cid][0])
    expected = expected_r1(rows, expired)
    expected["contacts"] |= {11, 13}
    return expected


def test_dry_run_changes_nothing_and_counts_like_the_real_run(crm: Crm) -> None:
    rows = Rows()
    expected = mixed_crm(rows)
    crm.load(rows)
    before_checksum, before = crm.checksum(), crm.snapshot()

    dry = crm.sweep(dry_run=True)

    assert crm.checksum() == before_checksum
    assert dry["status"] == "planned" and dry["rows_affected"] == 0

    real = crm.sweep()

    assert changed_keys(before, crm.snapshot()) == expected
    assert dry["rules"] == real["rules"]
    assert non_zero(dry["tables"]) == non_zero(real["tables_affected"])
    assert dry["rows_planned"] == real["rows_affected"] == sum(len(keys) for keys in expected.values())


def test_evidence_holds_counts_but_no_personal_value(crm: Crm) -> None:
    rows = Rows()
    mixed_crm(rows)
    crm.load(rows)
    secrets = rows.personal_values()
    assert len(secrets) > 30  # the search below is meaningful

    summary = crm.sweep()

    report = json.dumps(summary, ensure_ascii=False, default=str)
    ledger = ledger_dump(crm.ledger_url)
    assert [s for s in secrets if s in report] == []
    assert [s for s in secrets if s in ledger] == []
    run = Ledger.from_url(crm.ledger_url).get_run(summary["run_id"])
    assert run is not None
    assert (run["status"], run["dry_run"], run["policy_version"]) == ("succeeded", False, "2025.1")
    planned = {(item["rule_id"], item["table_name"]): item["rows"] for item in run["plan"] if item["rows"]}
    assert planned[("R1", "contacts")] == 3 and planned[("C1", "contacts")] == 2


def test_second_run_on_the_same_day_changes_nothing(crm: Crm) -> None:
    rows = Rows()
    mixed_crm(rows)
    crm.load(rows)
    first = crm.sweep()
    after_first = crm.snapshot()

    second = crm.sweep()

    assert first["rows_affected"] > 0
    assert second["rows_affected"] == 0 and non_zero(second["tables_affected"]) == {}
    assert second["status"] == "succeeded"
    assert changed_keys(after_first, crm.snapshot()) == {}


# -- referential integrity ----------------------------------------------------------------------------


def test_no_orphan_rows_after_the_sweep(crm: Crm) -> None:
    rows = Rows()
    mixed_crm(rows)
    crm.load(rows)

    crm.sweep()

    assert crm.orphans() == {}
    if crm.engine.dialect.name == "sqlite":
        with crm.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []


def test_notes_on_an_erased_prospects_opportunity_do_not_dangle(crm: Crm) -> None:
    """Notes attach to contacts *or opportunities* (polymorphic link): deleting an expired prospect's
    opportunity must not leave its notes, free text about that person, pointing at nothing."""
    rows = Rows()
    rows.bystanders()
    subject = s1_expired_prospect(rows)
    (opportunity,) = rows.of_contacts("opportunities", {subject})
    rows.add(
        "notes",
        parent_type="opportunity",
        parent_id=opportunity,
        author="commercial",
        body="Rappeler Mme Berthilde Vauquelin au 06 91 58 11 01",
        created_at=at("2022-06-01"),
    )
    crm.load(rows)

    crm.sweep()

    assert crm.orphans() == {}


def test_expired_prospects_notes_are_scrubbed(crm: Crm) -> None:
    """Scenario 1, free text: the notes about an expired prospect stay (business history) but lose the
    person's identifiers (scrub_text), and are marked so that the next run leaves them alone."""
    rows = Rows()
    rows.bystanders()
    subject = s1_expired_prospect(rows)
    person = rows.tables["contacts"][-1]
    identifiers = [person["email"], f"{person['first_name']} {person['last_name']}", "06 12 34 56 78"]
    note = rows.add(
        "notes",
        parent_type="contact",
        parent_id=subject,
        author="commercial",
        body=f"RDV avec Mme {identifiers[1]}, tél. {identifiers[2]}, {identifiers[0]} : intéressée par l'offre",
        created_at=at("2022-06-01"),
    )
    crm.load(rows)
    before = crm.snapshot()

    summary = crm.sweep()

    expected = expected_r1(rows, {subject})
    expected["notes"] = {note}
    assert changed_keys(before, crm.snapshot()) == expected
    scrubbed = crm.row("notes", note)
    assert scrubbed["scrubbed_at"] == dt.datetime(2025, 6, 30)
    assert "intéressée par l'offre" in scrubbed["body"]
    assert [value for value in identifiers if value in scrubbed["body"]] == []
    assert crm.sweep()["rows_affected"] == 0 and summary["status"] == "succeeded"
