"""Broken policies that used to be accepted and silently treated the wrong people are refused.

Each case is the demo policy with one change (a text substitution), run through the real CLI
(``plan``) on a small SQLite demo CRM: exit status 2, one error naming the file, the key path and
(where the YAML has it) the line, the CRM unchanged and no run recorded in the ledger.

1. duplicate YAML keys (the last one used to win: a second ``email:`` kept e-mails, a second
   ``where:`` widened a rule, a second table block replaced the first);
2. a scope category no table or column of the policy uses (the rule did nothing, for ever);
3. link cycles (RecursionError / graphlib.CycleError during the plan);
4. an archive table that is a policy table, the consents table, or used twice (crash in the plan);
5. booleans where numbers are expected (``true`` was read as 1).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from crm_privacy.cli import main
from crm_privacy.errors import PolicyError
from crm_privacy.policy.loader import load_policy

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
AS_OF = "2025-06-30"
KEY = "test-key-0123456789abcdef"


def checksum(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def runs_recorded(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    with sqlite3.connect(ledger) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            return 0
        return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


def policy_with(directory: Path, *changes: tuple[str, str]) -> tuple[Path, str]:
    """The demo policy with each ``old`` replaced (once) by ``new``; returns the file and its text."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    path = directory / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` occurrence of ``fragment`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(fragment, start + 1)
    return text.count("\n", 0, start) + 1


def plan_is_refused(crm: Path, policy: Path, capsys: pytest.CaptureFixture[str], *fragments: str) -> str:
    """``crm-privacy plan`` exits 2 with one error holding every fragment; nothing changed or recorded."""
    ledger = crm.parent / "ledger.db"
    before = checksum(crm)
    argv = ["plan", "--policy", str(policy), "--crm", f"sqlite:///{crm}", "--ledger", f"sqlite:///{ledger}"]
    try:
        code = main([*argv, "--as-of", AS_OF, "--workdir", str(crm.parent / "work")])
    except SystemExit as exc:  # pragma: no cover - argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert err.count("error:") == 1, err
    for fragment in (str(policy), *fragments):
        assert fragment in err, err
    assert checksum(crm) == before
    assert runs_recorded(ledger) == 0
    return err


def load_is_refused(policy: Path, *fragments: str) -> str:
    with pytest.raises(PolicyError) as refused:
        load_policy(policy)
    message = str(refused.value)
    for fragment in (str(policy), *fragments):
        assert fragment in message, message
    return message


def test_the_demo_policy_plans(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline: the unchanged demo policy is accepted and plans (exit 0)."""
    ledger = crm.parent / "ledger.db"
    argv = [
        "plan",
        "--policy",
        str(DEMO_POLICY),
        "--crm",
        f"sqlite:///{crm}",
        "--ledger",
        f"sqlite:///{ledger}",
    ]
    code = main([*argv, "--as-of", AS_OF])
    assert code == 0, capsys.readouterr().err


# -- 1. duplicate keys ------------------------------------------------------------------------------

JOB_TITLE = '      job_title:     {category: professional, action: redact, params: {value: "(anonymisé)"}}\n'
DUPLICATES = {
    # a second email: with action keep used to leave e-mails unanonymised
    "column": (
        (JOB_TITLE, JOB_TITLE + "      email:         {category: contact_channel, action: keep}\n"),
        "tables.contacts.columns",
        "'email'",
        "      email:         {category: contact_channel, action: keep}",
    ),
    # a second where: in R1 used to replace the first (the rule then treated customers)
    "rule-where": (
        (
            "    where: {status: [prospect]}\n    clock:",
            "    where: {status: [prospect]}\n    where: {status: [customer]}\n    clock:",
        ),
        "rules.0",
        "'where'",
        "    where: {status: [customer]}",
    ),
    # a second interactions: block used to replace the first (interactions then kept)
    "table": (
        (
            "  consents:\n    link: {fk: contact_id}",
            "  interactions:\n    link: {fk: contact_id}\n    category: interaction_history\n"
            "    row_action: keep\n  consents:\n    link: {fk: contact_id}",
        ),
        "tables",
        "'interactions'",
        "  interactions:\n    link: {fk: contact_id}\n    category: interaction_history\n    row_action: keep",
    ),
    "top-level": (
        ("crm: demo_crm", "crm: demo_crm\ncrm: other_crm"),
        "(top level)",
        "'crm'",
        "crm: other_crm",
    ),
}


@pytest.mark.parametrize("case", sorted(DUPLICATES))
def test_duplicate_key_is_refused(case: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change, path, key, duplicate = DUPLICATES[case]
    policy, text = policy_with(crm.parent, change)
    line = line_of(text, duplicate)
    fragments = (path, "duplicate key", key, f"line {line}")
    load_is_refused(policy, *fragments)
    plan_is_refused(crm, policy, capsys, *fragments)


# -- 2. unknown scope category ----------------------------------------------------------------------


def test_unknown_scope_category_is_refused(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "    scope: {categories: [marketing]}"
    policy, text = policy_with(crm.parent, (old, "    scope: {categories: [marketting]}"))
    line = line_of(text, "    scope: {categories: [marketting]}")
    fragments = ("rules.4.scope.categories", "'marketting'", "known categories", "accounting", f"line {line}")
    load_is_refused(policy, *fragments)
    plan_is_refused(crm, policy, capsys, *fragments)


def test_hold_column_categories_count_as_known(tmp_path: Path) -> None:
    """A category used only by a hold column may be a rule's scope."""
    policy, _ = policy_with(
        tmp_path,
        (
            "billing_email: {category: accounting, action: hmac",
            "billing_email: {category: billing_mail, action: hmac",
        ),
        ("scope: {categories: [accounting]}", "scope: {categories: [accounting, billing_mail]}"),
    )
    load_policy(policy)


# -- 3. link cycles ---------------------------------------------------------------------------------

NOTES_LINK = (
    '    link:                              # no foreign key: "parent type + parent id"\n'
    "      polymorphic:\n"
    "        type_column: parent_type\n"
    "        id_column: parent_id\n"
    "        parents: {contact: contacts, opportunity: opportunities}"
)
CYCLES = {
    "via-self": (
        ((NOTES_LINK, '    link: {via: "parent_id -> notes"}'),),
        "notes -> notes",
        "tables.notes.link",
    ),
    "polymorphic-self": (
        (("parents: {contact: contacts, opportunity: opportunities}", "parents: {note: notes}"),),
        "notes -> notes",
        "tables.notes.link",
    ),
    "two-tables": (
        (
            (
                "  opportunities:\n    link: {fk: contact_id}",
                '  opportunities:\n    link: {via: "contact_id -> orders"}',
            ),
            (
                "  orders:\n    link: {fk: contact_id}",
                '  orders:\n    link: {via: "contact_id -> opportunities"}',
            ),
        ),
        "opportunities -> orders -> opportunities",
        "tables.opportunities.link",
    ),
}


@pytest.mark.parametrize("case", sorted(CYCLES))
def test_link_cycle_is_refused(case: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes, cycle, key = CYCLES[case]
    policy, text = policy_with(crm.parent, *changes)
    table = key.split(".")[1]
    line = line_of(text, f"  {table}:\n    link") + 1
    fragments = (key, "cycle", cycle, f"line {line}")
    load_is_refused(policy, *fragments)
    plan_is_refused(crm, policy, capsys, *fragments)


# -- 4. archive tables ------------------------------------------------------------------------------

ORDERS_ARCHIVED = (
    "  orders:\n    link: {fk: contact_id}\n    category: contract\n    row_action: keep\n",
    "  orders:\n    link: {fk: contact_id}\n    category: contract\n    row_action: archive\n"
    "    archive: {table: invoices_archive}\n"
    '    hold: {legal_basis: "C. com. L123-22", period: 10y, starts_at: ordered_at}\n',
)
ARCHIVES = {
    "policy-table": (
        (("table: invoices_archive", "table: contacts"),),
        "'contacts'",
        "a table of the policy",
        "      table: contacts",
    ),
    "consents-table": (
        (("table: invoices_archive", "table: consents"),),
        "'consents'",
        "a table of the policy",
        "      table: consents",
    ),
    "used-twice": (
        (ORDERS_ARCHIVED,),
        "'invoices_archive'",
        "also the archive of 'orders'",
        "      table: invoices_archive",
    ),
}


@pytest.mark.parametrize("case", sorted(ARCHIVES))
def test_bad_archive_table_is_refused(case: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes, name, why, where = ARCHIVES[case]
    policy, text = policy_with(crm.parent, *changes)
    fragments = ("archive.table", name, why, f"line {line_of(text, where)}")
    load_is_refused(policy, *fragments)
    plan_is_refused(crm, policy, capsys, *fragments)


def test_archive_table_equal_to_the_consents_table_is_refused(tmp_path: Path) -> None:
    """The consents table is refused even when it is not described under tables:."""
    policy, _ = policy_with(
        tmp_path,
        ("  consents:\n    link: {fk: contact_id}\n    category: consent_proof\n    row_action: delete", ""),
        ("table: invoices_archive", "table: consents"),
    )
    load_is_refused(policy, "archive.table", "'consents'", "consents table")


# -- 5. booleans are not numbers --------------------------------------------------------------------

NUMBERS = {
    "max_share": (("max_share: 0.5", "max_share: true"), "guard.max_share"),
    "batch_size": (("batch_size: 5000", "batch_size: true"), "guard.batch_size"),
    "period-amount": (("retention: 2y", "retention: {amount: true, unit: y}"), "purposes.3.retention.amount"),
    "hold-period-amount": (
        ("period: 10y", "period: {amount: false, unit: y}"),
        "tables.invoices.hold.period.amount",
    ),
}


@pytest.mark.parametrize("case", sorted(NUMBERS))
def test_boolean_for_a_number_is_refused(case: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change, key = NUMBERS[case]
    policy, text = policy_with(crm.parent, change)
    fragments = (key, f"line {line_of(text, change[1])}")
    load_is_refused(policy, *fragments)
    plan_is_refused(crm, policy, capsys, *fragments)


def test_numbers_are_still_accepted(tmp_path: Path) -> None:
    policy, _ = policy_with(
        tmp_path,
        ("max_share: 0.5", "max_share: 1"),
        ("batch_size: 5000", "batch_size: 50"),
        ("retention: 2y", "retention: {amount: 2, unit: y}"),
    )
    loaded = load_policy(policy).policy
    assert loaded.guard.max_share == 1.0 and loaded.guard.batch_size == 50
    assert str(loaded.purposes[3].retention) == "2y"


# -- every policy shipped or used by the tests still loads -----------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        *sorted((ROOT / "include" / "policies").glob("*.yaml")),
        *sorted((ROOT / "bench").rglob("policy*.yaml")),
        ROOT / "tests" / "unit" / "policies" / "valid_minimal.yaml",
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_shipped_policies_still_load(path: Path) -> None:
    load_policy(path)
