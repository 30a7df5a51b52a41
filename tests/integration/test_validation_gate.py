"""The validation gate (issue 10) on a really swept demo CRM, on SQLite, PostgreSQL and MariaDB.

A clean sweep passes every kind of expectation and records each one in the ledger; then, for each
kind, one violation seeded in the swept CRM makes exactly the expectation that guards against it fail,
with the right count, and the gate's message names the table, column and rule; the real
``crm-privacy validate`` exits 1 on a violation and 0 on the clean CRM.

The demo CRM is built and swept once per backend (module fixture ``swept``); each violation is
committed, judged, and undone (``gate_fixtures``), and the last test proves the CRM clean again.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import pytest
from gate_fixtures import (
    ARCHIVE,
    BACKENDS,
    SERVERS,
    SweptCrm,
    backend_server,
    copied,
    deleted,
    foreign_reader,
    inserted,
    swept_demo_crm,
    updated,
    years_before,
)
from sqlalchemy import MetaData, and_, exists, func, not_, select
from sweep_fixtures import DEMO_POLICY, D, at

from crm_privacy.cli import main
from crm_privacy.ledger import Ledger
from crm_privacy.policy.loader import load_policy
from crm_privacy.sweep.validation import pending_notices
from crm_privacy.validate.gate import GateResult, RunEvidence, build_checks, run_gate

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DEMO_CONTACTS = 1_000  # as tests/integration/conftest.py
DEMO_SEED = 7
ALL_KINDS = {"retention", "consent", "treated", "free_text", "integrity", "hold", "archive", "replan"}


@pytest.fixture(scope="module", params=BACKENDS)
def swept(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SweptCrm]:
    """The demo CRM after one real sweep (demo policy, 2025-06-30, max_share 0.8), once per backend."""
    backend = str(request.param)
    server = backend_server(request.config, backend)
    tmp = tmp_path_factory.mktemp(f"gate_{backend}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp / "reports"))  # Data Docs of the sweep and the CLI
        with swept_demo_crm(backend, server, tmp, DEMO_CONTACTS, DEMO_SEED) as crm:
            yield crm


def run_evidence(crm: SweptCrm) -> RunEvidence:
    """What the sweep's own gate got: its plan, its applied counts, the notices waiting, no leftover."""
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        waiting = pending_notices(ledger, load_policy(DEMO_POLICY).policy, D)
    finally:
        ledger.close()
    return RunEvidence(
        planned=copy.deepcopy(crm.summary["rules"]),
        affected=dict(crm.summary["tables_affected"]),
        pending_notices=waiting,
        replan_left=dict(crm.summary["post_check"]["details"]),
    )


def gate(crm: SweptCrm, evidence: RunEvidence | None) -> GateResult:
    binding = crm.binding()
    return run_gate(binding, crm.url, D, evidence=evidence)


def failures(result: GateResult) -> dict[str, int]:
    return {r.name: r.unexpected_count for r in result.failed}


def validate_cli(crm: SweptCrm, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """``crm-privacy validate --json`` on the swept CRM: exit code and the JSON it printed."""
    capsys.readouterr()
    code = main(
        [
            "validate",
            "--policy",
            str(DEMO_POLICY),
            "--crm",
            crm.url,
            "--ledger",
            crm.ledger_url,
            "--as-of",
            D.isoformat(),
            "--json",
        ]
    )
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


# -- 1. the clean sweep -----------------------------------------------------------------------------


def test_clean_sweep_passes_every_kind_and_records_each_expectation(swept: SweptCrm) -> None:
    summary = swept.summary
    assert summary["status"] == "succeeded", summary.get("error")
    validation = summary["validation"]
    assert validation["passed"] is True
    assert validation["failed"] == []
    by_kind = validation["by_kind"]
    assert set(by_kind) == ALL_KINDS, by_kind
    assert all(entry["expectations"] > 0 and entry["failed"] == 0 for entry in by_kind.values()), by_kind
    # what the archive is checked for: moved, purged, and (servers only) who may read it
    archive_names = {"archive:invoices:moved", f"archive:{ARCHIVE}:purged"}
    if swept.backend in SERVERS:
        archive_names.add(f"archive:{ARCHIVE}:readers")
    assert by_kind["archive"]["expectations"] == len(archive_names)

    ledger = Ledger.from_url(swept.ledger_url)
    try:
        rows = ledger.validations(summary["run_id"])
    finally:
        ledger.close()
    assert len(rows) == validation["expectations"]
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
    assert len({r["name"] for r in rows}) == len(rows)  # one row per expectation
    assert all(r["passed"] and r["unexpected_count"] == 0 and r["error"] is None for r in rows), [
        r["name"] for r in rows if not r["passed"]
    ]
    names = {r["name"] for r in rows}
    assert archive_names <= names
    assert {f"hold:{ARCHIVE}:kept", "integrity:contacts:row_count", "replan:nothing_left"} <= names
    assert {"integrity:interactions->contacts", "integrity:contacts:applied", "consent:C1"} <= names
    assert {r["kind"] for r in rows} == ALL_KINDS
    # the facts the violations below rely on
    assert swept.r1_contacts and swept.c1_contacts and swept.scrubbed_notes
    assert swept.archived_customer_invoices


def test_gate_again_on_the_swept_crm_passes_with_the_run_evidence(swept: SweptCrm) -> None:
    result = gate(swept, run_evidence(swept))
    assert result.passed, result.message()
    assert len(result.results) == swept.summary["validation"]["expectations"]


# -- 2. one violation per kind ------------------------------------------------------------------------

FREE_TEXT = {
    "e-mail": "Rappeler Mme Morel : claire.morel@exemple-test.fr avant vendredi.",
    "téléphone": "Joindre le client au 06 12 34 56 78 après 18h.",
    "IBAN": "Remboursement sur FR76 3000 6000 0112 3456 7890 189 demandé.",
    "carte bancaire": "Paiement refusé, carte 4970 1012 3456 7893 expirée.",  # Luhn-valid
    "NIR": "Dossier mutuelle : NIR 2 84 05 75 115 032 57 transmis.",  # valid key
}

#: anonymised values no action can leave (the policy's action in the comment)
TREATED: dict[str, Any] = {
    "phone": "01 45 67 89 10",  # null
    "job_title": "Responsable achats",  # redact to "(anonymisé)"
    "birth_date": at("1981-07-14").date(),  # generalise to the year (1 January)
    "postcode": "75011",  # generalise to the département
    "customer_ref": "CRX-00042-Q",  # hmac: a pseudonym "pz:..."
}

Seed = Callable[[SweptCrm], AbstractContextManager[Any]]
Evidence = Callable[[SweptCrm, RunEvidence], RunEvidence]


@dataclass(frozen=True)
class Violation:
    """A change seeded in the swept CRM (or in the run's evidence) and the failures it must cause."""

    id: str
    expected: dict[str, int]  # expectation name -> unexpected_count
    seed: Seed = lambda crm: nullcontext()
    evidence: Evidence = lambda crm, ev: ev
    backends: frozenset[str] = field(default_factory=lambda: frozenset(BACKENDS))


def _interaction(contact_id: int, **over: Any) -> dict[str, Any]:
    row = {
        "contact_id": contact_id,
        "kind": "call",
        "direction": "inbound",
        "email_event": None,
        "occurred_at": at("2020-01-15"),  # before R1's cutoff (2022-06-30): the prospect stays expired
        "subject": "Appel entrant",
    }
    return row | over


def _r1_contact(index: int, **values: Any) -> Seed:
    """Columns of a prospect R1 anonymised set to ``values``."""
    return lambda crm: updated(crm, "contacts", crm.r1_contacts[index], **values)


def _scrubbed_note(**values: Any) -> Seed:
    """Columns of a note the run scrubbed set to ``values``."""
    return lambda crm: updated(crm, "notes", crm.scrubbed_notes[0], **values)


def _missing_contact(crm: SweptCrm) -> int:
    with crm.engine.connect() as conn:
        t = crm.table("contacts")
        return int(conn.execute(select(func.max(t.c.id))).scalar_one()) + 1_000


def _active_account(crm: SweptCrm) -> int:
    """A contact left untreated, with an online account used in 2024 or later (R4 does not reach it)."""
    c = crm.table("contacts")
    query = select(c.c.id).where(c.c.anonymised_at.is_(None), c.c.last_login_at >= at("2024-01-01"))
    with crm.engine.connect() as conn:
        found = conn.execute(query.order_by(c.c.id).limit(1)).scalar()
    assert found is not None
    return int(found)


def _lonely_contact(crm: SweptCrm) -> int:
    """A contact no row of any table points at (deleting it breaks no link)."""
    c = crm.table("contacts")
    meta = MetaData()
    meta.reflect(crm.engine)
    unlinked = [
        not_(exists(select(t.c.id).where(t.c.contact_id == c.c.id)))
        for t in meta.sorted_tables
        if "contact_id" in t.c and t.name != ARCHIVE
    ]
    notes = meta.tables["notes"]
    unlinked.append(
        not_(exists(select(notes.c.id).where(notes.c.parent_type == "contact", notes.c.parent_id == c.c.id)))
    )
    with crm.engine.connect() as conn:
        found = conn.execute(select(c.c.id).where(and_(*unlinked)).order_by(c.c.id).limit(1)).scalar()
    assert found is not None, "every contact has linked rows: choose another seed"
    return int(found)


def _planned(ev: RunEvidence, table: str, action: str) -> int:
    return sum(
        t["rows"] for r in ev.planned for t in r["tables"] if (t["table"], t["action"]) == (table, action)
    )


def _more_archived_than_kept(crm: SweptCrm, ev: RunEvidence) -> RunEvidence:
    kept = crm.count(ARCHIVE)
    assert _planned(ev, "invoices", "archive") == kept  # the run archived exactly what the archive holds
    planned = copy.deepcopy(ev.planned)
    planned.append({"rule_id": "R2", "tables": [{"table": "invoices", "action": "archive", "rows": 1}]})
    affected = dict(ev.affected)
    affected["invoices"] += 1  # as applied: only the archive's count disagrees
    return RunEvidence(planned, affected, ev.pending_notices, ev.replan_left)


def _fewer_applied(crm: SweptCrm, ev: RunEvidence) -> RunEvidence:
    affected = dict(ev.affected)
    affected["contacts"] -= 3
    return RunEvidence(ev.planned, affected, ev.pending_notices, ev.replan_left)


def _left_after_replan(crm: SweptCrm, ev: RunEvidence) -> RunEvidence:
    return RunEvidence(ev.planned, ev.affected, ev.pending_notices, {"R1:contacts": 2, "R1:notes": 1})


VIOLATIONS = [
    # retention: R1 deleted every interaction of an expired prospect; one comes back (still expired)
    Violation(
        "retention-interaction-back",
        {"retention:R1:interactions": 1},
        seed=lambda crm: inserted(crm, "interactions", _interaction(crm.r1_contacts[0])),
    ),
    # retention: an anonymised prospect loses its marker
    Violation(
        "retention-marker-unset",
        {"retention:R1:contacts": 1},
        seed=_r1_contact(1, anonymised_at=None),
    ),
    # consent: a prospect C1 reached (no valid consent) gets its marketing segment back
    Violation(
        "consent-segment-back",
        {"consent:C1:contacts": 1},
        seed=lambda crm: updated(crm, "contacts", crm.c1_contacts[0], segment="PME"),
    ),
    # retention: an online account lapsed (last login 2020) with no notice sent: R4's expired people
    # left untreated outnumber the notices in their wait
    Violation(
        "retention-notice-missing",
        {"retention:R4:notices": 1},
        seed=lambda crm: updated(crm, "contacts", _active_account(crm), last_login_at=at("2020-01-15")),
    ),
    # treated: an anonymised row with an e-mail that is no pseudonym
    Violation(
        "treated-email",
        {"treated:contacts.email": 1},
        seed=_r1_contact(2, email="claire.morel@exemple-test.fr"),
    ),
    # treated: the other actions' untreated values (null, redact, generalise to year / département)
    *(
        Violation(
            f"treated-{column}",
            {f"treated:contacts.{column}": 1},
            seed=_r1_contact(3, **{column: value}),
        )
        for column, value in TREATED.items()
    ),
    # free text: each kind of personal datum written back into a scrubbed note
    *(
        Violation(
            f"free-text-{label}",
            {f"free_text:notes.body:{label}": 1},
            seed=_scrubbed_note(body=body),
        )
        for label, body in FREE_TEXT.items()
    ),
    # integrity: an interaction of a contact that does not exist (foreign key checks off, as in a CRM
    # without constraints); a note on an opportunity that does not exist (no foreign key at all)
    Violation(
        "integrity-orphan-interaction",
        {"integrity:interactions->contacts": 1},
        seed=lambda crm: inserted(
            crm, "interactions", _interaction(_missing_contact(crm), direction="outbound"), orphan=True
        ),
    ),
    Violation(
        "integrity-orphan-note",
        {"integrity:notes->opportunities[opportunity]": 1},
        seed=lambda crm: inserted(
            crm,
            "notes",
            {
                "parent_type": "opportunity",
                "parent_id": 10**9,
                "author": "Test",
                "body": "Relance",
                "created_at": at("2025-01-02"),
            },
        ),
    ),
    # integrity: a contact row deleted after the run (the run only anonymises contacts)
    Violation(
        "integrity-row-count",
        {"integrity:contacts:row_count": 1},
        seed=lambda crm: deleted(crm, "contacts", _lonely_contact(crm)),
    ),
    # integrity: the batches applied 3 contacts fewer than the plan said
    Violation("integrity-applied", {"integrity:contacts:applied": 3}, evidence=_fewer_applied),
    # archive: an archived invoice copied back into the active table; it belongs to a customer whose
    # relationship R2 found over, so R2's retention check sees it too (as it must)
    Violation(
        "archive-moved",
        {"archive:invoices:moved": 1, "retention:R2:invoices": 1},
        seed=lambda crm: copied(crm, ARCHIVE, "invoices", crm.archived_customer_invoices[0]),
    ),
    # archive: an archived invoice whose hold is over (fiscal year closed 12 years ago) is still there;
    # the archive then keeps one invoice fewer under the hold than the run archived
    Violation(
        "archive-purged",
        {f"archive:{ARCHIVE}:purged": 1, f"hold:{ARCHIVE}:kept": 1},
        seed=lambda crm: updated(
            crm, ARCHIVE, crm.archived_customer_invoices[0], fiscal_year_close=years_before(D, 12)
        ),
    ),
    # archive: a role other than the reader role may read the archive (servers only: SQLite has none)
    Violation(
        "archive-readers",
        {f"archive:{ARCHIVE}:readers": 1},
        seed=lambda crm: foreign_reader(crm, ARCHIVE),
        backends=SERVERS,
    ),
    # ... through a grant on the archive's columns: the role reads them all the same
    Violation(
        "archive-readers-columns",
        {f"archive:{ARCHIVE}:readers": 1},
        seed=lambda crm: foreign_reader(crm, ARCHIVE, on="columns"),
        backends=SERVERS,
    ),
    # ... through a grant on the CRM's whole database (MariaDB)
    Violation(
        "archive-readers-database",
        {f"archive:{ARCHIVE}:readers": 1},
        seed=lambda crm: foreign_reader(crm, ARCHIVE, on="database"),
        backends=frozenset({"mysql"}),
    ),
    # hold: the run says it archived more invoices than the archive keeps
    Violation("hold-kept", {f"hold:{ARCHIVE}:kept": 1}, evidence=_more_archived_than_kept),
    # replan: a re-plan at the same date still finds rows due
    Violation("replan-left", {"replan:nothing_left": 3}, evidence=_left_after_replan),
]


def _message_names(result: GateResult) -> None:
    """The gate's message names each failed expectation's table, column and rule."""
    message = result.message()
    assert message.startswith(f"validation gate FAILED: {len(result.failed)} of {len(result.results)}")
    for r in result.failed:
        line = next((x for x in message.splitlines() if f"[{r.name}" in x), None)
        assert line is not None, (r.name, message)
        where = r.table + (f".{r.column}" if r.column else "")
        assert line.strip().startswith(f"{where}: {r.expectation} [{r.name}"), line
        if r.rule:
            assert f"rule {r.rule}" in line, line
        assert f"{r.unexpected_count} unexpected row(s)" in line, line


@pytest.mark.parametrize(
    ("swept", "violation"),
    [pytest.param(b, v, id=f"{b}-{v.id}") for b in BACKENDS for v in VIOLATIONS if b in v.backends],
    indirect=["swept"],
    scope="module",  # grouped with the other tests of the same backend: one sweep per backend
)
def test_seeded_violation_fails_exactly_its_expectation(swept: SweptCrm, violation: Violation) -> None:
    evidence = violation.evidence(swept, run_evidence(swept))
    with violation.seed(swept):
        result = gate(swept, evidence)
    assert failures(result) == violation.expected, result.message() if result.failed else "the gate passed"
    assert not result.passed
    assert all(r.error is None for r in result.results)
    for r in result.failed:
        if r.name.startswith("treated:") or r.name.startswith("free_text:"):
            assert r.column is not None
        if r.name.startswith(("retention:", "consent:")):
            assert r.rule == r.name.split(":")[1]
    _message_names(result)


def test_readers_expectation_on_servers_only(swept: SweptCrm) -> None:
    """SQLite has no roles: the archive's readers are checked on the servers only."""
    names = {c.name for c in build_checks(swept.binding(), D, run_evidence(swept))[0]}
    assert (f"archive:{ARCHIVE}:readers" in names) is (swept.backend in SERVERS)


# -- 3. the real CLI ----------------------------------------------------------------------------------


def test_validate_cli_fails_on_a_violation_and_passes_on_the_clean_crm(
    swept: SweptCrm, capsys: pytest.CaptureFixture[str]
) -> None:
    with updated(swept, "contacts", swept.r1_contacts[2], email="claire.morel@exemple-test.fr"):
        code, out = validate_cli(swept, capsys)
    assert code == 1, out
    assert out["status"] == "failed"
    assert out["validation"]["passed"] is False
    failed = out["validation"]["failed"]
    assert [(f["name"], f["table"], f["column"], f["unexpected_count"]) for f in failed] == [
        ("treated:contacts.email", "contacts", "email", 1)
    ]
    assert failed[0]["expectation"] == "UnexpectedRowsExpectation"
    assert "claire.morel" not in json.dumps(out)  # counts and names only

    code, out = validate_cli(swept, capsys)  # every violation of this module is undone: clean again
    assert code == 0, out["validation"]["failed"]
    assert out["status"] == "succeeded"
    assert out["validation"]["passed"] is True and out["validation"]["failed"] == []
    ledger = Ledger.from_url(swept.ledger_url)
    try:
        rows = ledger.validations(out["run_id"])
    finally:
        ledger.close()
    assert len(rows) == out["validation"]["expectations"] and all(r["passed"] for r in rows)


def test_orphans_the_crm_held_before_the_run_do_not_fail_it_but_one_more_does(swept: SweptCrm) -> None:
    """A CRM may hold rows pointing at a missing parent, written by another tool before any sweep:
    the gate compares with the count taken before the run applied anything (``orphans_before``)."""
    from dataclasses import replace

    from crm_privacy.validate.gate import orphans_now

    name = "integrity:interactions->contacts"
    assert orphans_now(swept.binding(), D)[name] == 0
    row = _interaction(_missing_contact(swept), direction="outbound")
    with inserted(swept, "interactions", row, orphan=True):
        before = orphans_now(swept.binding(), D)
        assert before[name] == 1
        evidence = replace(run_evidence(swept), orphans_before=before)
        assert name not in failures(gate(swept, evidence)), "an orphan older than the run failed it"
        assert failures(gate(swept, None)).get(name) == 1, "without a count before, no orphan may exist"
        second = {**row, "contact_id": row["contact_id"] + 1}
        with inserted(swept, "interactions", second, orphan=True):
            result = gate(swept, evidence)
    assert failures(result).get(name) == 2, result.message() if result.failed else "the gate passed"
