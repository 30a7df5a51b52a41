"""A policy that names real columns can still not fit them: a key that is not unique, a clock or a
hold on a column that holds no date, a marker on a column the rule treats, a ``where`` value of the
wrong type. ``bind`` refuses such a policy before anything is planned or locked, with one line per
problem naming the key path, the table.column and the type found. On SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sweep_fixtures import DEMO_POLICY, TEST_KEY, Crm, Rows, at, open_crm

from crm_privacy.cli import main
from crm_privacy.crm.binding import bind
from crm_privacy.errors import PolicyError
from crm_privacy.ledger import Ledger, crm_identity
from crm_privacy.policy.loader import load_policy
from crm_privacy.transform.keys import ENV_VAR

pytestmark = pytest.mark.integration

POLICIES = DEMO_POLICY.parent


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    """The demo schema in an empty database, on each backend (``scratch_url``: integration conftest)."""
    with open_crm(scratch_url, tmp_path) as db:
        yield db


def demo_policy_with(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """A copy of the demo policy with some settings changed (each ``old`` text occurs exactly once)."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"policy_{abs(hash(changes))}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(crm: Crm, policy: Path) -> str:
    """The message of the PolicyError raised when binding ``policy`` to the CRM."""
    with pytest.raises(PolicyError) as refused:
        bind(load_policy(policy).policy, crm.engine)
    return str(refused.value)


def problem_lines(message: str) -> list[str]:
    return [line.strip().removeprefix("- ") for line in message.splitlines()[1:]]


# Each case: (changes to the demo policy, regex of the one problem line expected).
CLOCK_R1 = "      - {table: contacts, column: created_at}\n"
SUBJECT_KEY = "  key: id                              # primary key of that table"
INTERACTIONS = "  interactions:\n    link: {fk: contact_id}"
CONTACTS_MARKER = "marker: anonymised_at"
NOTES_MARKER = "marker: scrubbed_at"
R1_WHERE = "    where: {status: [prospect]}\n    clock:                             # the latest"
R1_CLOCK_WHERE = "where: {direction: [inbound]}  # only actions"
R1_CLOCK_EXCLUDE = "exclude: {email_event: [open, sent]}   # ...an e-mail"

CASES: dict[str, tuple[list[tuple[str, str]], str]] = {
    # 2. keys
    "subject_key_not_unique": (
        [(SUBJECT_KEY, "  key: company_id")],
        r"^subject\.key: contacts\.company_id is not unique",
    ),
    "table_key_not_unique": (
        [(INTERACTIONS, "  interactions:\n    key: contact_id\n    link: {fk: contact_id}")],
        r"^tables\.interactions\.key: interactions\.contact_id is not unique",
    ),
    # 3. clocks
    "clock_on_integer": (
        [(CLOCK_R1, "      - {table: contacts, column: lead_score}\n")],
        r"^rules\.R1\.clock\[0\]: contacts\.lead_score is INTEGER.*, not a date or timestamp$",
    ),
    "clock_on_text": (
        [(CLOCK_R1, "      - {table: contacts, column: city}\n")],
        r"^rules\.R1\.clock\[0\]: contacts\.city is VARCHAR\(100\), not a date or timestamp$",
    ),
    "clock_on_status": (
        [(CLOCK_R1, "      - {table: contacts, column: status}\n")],
        r"^rules\.R1\.clock\[0\]: contacts\.status is VARCHAR\(20\), not a date or timestamp$",
    ),
    "collected_at_not_a_date": (
        [("collected_at: created_at", "collected_at: lead_score")],
        r"^rules\.C1\.collected_at: contacts\.lead_score is INTEGER.*, not a date or timestamp$",
    ),
    "hold_starts_at_not_a_date": (
        [("starts_at: fiscal_year_close", "starts_at: fiscal_year")],
        r"^tables\.invoices\.hold\.starts_at: invoices\.fiscal_year is INTEGER.*, not a date or timestamp$",
    ),
    "consents_given_at_not_a_date": (
        [("  given_at: given_at", "  given_at: channel")],
        r"^consents\.given_at: consents\.channel is VARCHAR\(20\), not a date or timestamp$",
    ),
    # 4. markers
    "marker_on_not_null_text": (
        [(CONTACTS_MARKER, "marker: status")],
        r"^tables\.contacts\.marker: contacts\.status is VARCHAR\(20\) NOT NULL, "
        r"not a nullable date or timestamp$",
    ),
    "marker_on_not_null_timestamp": (
        [(NOTES_MARKER, "marker: created_at")],
        r"^tables\.notes\.marker: notes\.created_at is \w[\w ]* NOT NULL, not a nullable date or timestamp$",
    ),
    "marker_on_personal_column": (
        [(CONTACTS_MARKER, "marker: birth_date")],
        r"^tables\.contacts\.marker: contacts\.birth_date is one of the table's treated columns",
    ),
    "marker_on_non_date": (
        [(CONTACTS_MARKER, "marker: source")],
        r"^tables\.contacts\.marker: contacts\.source is VARCHAR\(30\), not a nullable date or timestamp$",
    ),
    "marker_on_a_clock": (
        [(CONTACTS_MARKER, "marker: last_login_at")],
        r"^tables\.contacts\.marker: contacts\.last_login_at is also the clock of rules\.R4\.clock\[0\]",
    ),
    # 11. where values
    "rule_where_integer_for_text": (
        [(R1_WHERE, R1_WHERE.replace("[prospect]", "[prospect, 3]"))],
        r"^rules\.R1\.where\.status\[1\]: contacts\.status is VARCHAR\(20\), expects text, got an integer$",
    ),
    "rule_where_text_for_integer": (
        [(R1_WHERE, R1_WHERE.replace("{status: [prospect]}", "{status: [prospect], lead_score: [high]}"))],
        r"^rules\.R1\.where\.lead_score\[0\]: contacts\.lead_score is INTEGER.*, expects an integer, "
        r"got text$",
    ),
    "clock_where_boolean_for_text": (
        [(R1_CLOCK_WHERE, "where: {direction: [yes]}  # only actions")],
        r"^rules\.R1\.clock\[1\]\.where\.direction\[0\]: interactions\.direction is VARCHAR\(10\), "
        r"expects text, got a boolean$",
    ),
    "clock_exclude_date_for_text": (
        [(R1_CLOCK_EXCLUDE, "exclude: {email_event: [open, 2024-01-01]}   # ...an e-mail")],
        r"^rules\.R1\.clock\[1\]\.exclude\.email_event\[1\]: interactions\.email_event is VARCHAR\(10\), "
        r"expects text, got a date$",
    ),
    "clock_where_text_for_timestamp": (
        [(R1_CLOCK_WHERE, "where: {direction: [inbound], occurred_at: [yesterday]}  # only actions")],
        r"^rules\.R1\.clock\[1\]\.where\.occurred_at\[0\]: interactions\.occurred_at is \w[\w ]*, "
        r"expects a date or timestamp, got text$",
    ),
    "rule_where_empty_list": (
        [(R1_WHERE, R1_WHERE.replace("[prospect]", "[]"))],
        r"^rules\.R1\.where\.status: an empty list selects no row of contacts\.status$",
    ),
    "where_null_value": (
        [(R1_CLOCK_EXCLUDE, "exclude: {email_event: [open, null]}   # ...an e-mail")],
        r"^rules\.R1\.clock\[1\]\.exclude\.email_event\[1\]: interactions\.email_event: null never "
        r"matches",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_policy_that_does_not_fit_the_schema_is_refused_at_bind(
    crm: Crm, tmp_path: Path, case: str
) -> None:
    changes, expected = CASES[case]
    message = refusal(crm, demo_policy_with(tmp_path, *changes))
    lines = problem_lines(message)
    assert message.splitlines()[0].startswith("1 problem(s)"), message
    assert len(lines) == 1, message
    assert re.search(expected, lines[0]), f"{lines[0]!r} does not match {expected!r}"
    assert "Traceback" not in message and "SELECT" not in message


def test_every_problem_is_reported_on_its_own_line(crm: Crm, tmp_path: Path) -> None:
    policy = demo_policy_with(
        tmp_path,
        (SUBJECT_KEY, "  key: company_id"),
        (CLOCK_R1, "      - {table: contacts, column: status}\n"),
        (CONTACTS_MARKER, "marker: phone"),
    )
    lines = problem_lines(refusal(crm, policy))
    assert len(lines) == 3, lines
    assert lines[0].startswith("subject.key: contacts.company_id is not unique")
    assert any(line.startswith("rules.R1.clock[0]: contacts.status is VARCHAR(20)") for line in lines)
    assert any(line.startswith("tables.contacts.marker: contacts.phone is VARCHAR(30)") for line in lines)


def test_the_subject_table_key_must_be_the_subject_key(crm: Crm, tmp_path: Path) -> None:
    policy = demo_policy_with(
        tmp_path,
        (
            "  contacts:\n    link: {subject: true}",
            "  contacts:\n    key: customer_ref\n    link: {subject: true}",
        ),
    )
    lines = problem_lines(refusal(crm, policy))
    assert lines == [
        "tables.contacts.key: contacts.customer_ref is not unique: a key must be the primary key or have a "
        "single-column unique constraint or unique index (rows sharing a value would be treated together)",
        "tables.contacts.key: contacts.customer_ref is not subject.key (contacts.id); the subject table's key "
        "must be the subject key",
        "tables.contacts.columns.customer_ref: contacts.customer_ref is VARCHAR(20), the table's key: no action "
        "may change it",
    ]


def test_the_demo_policy_binds(crm: Crm) -> None:
    binding = bind(load_policy(POLICIES / "demo_crm.yaml").policy, crm.engine)
    assert binding.subject_key.name == binding.policy.subject.key


def test_every_shipped_policy_has_its_fate_test() -> None:
    """The policies for other CRMs (Dolibarr, Odoo, vtiger...) bind to their own test schemas, in
    tests/integration/test_shipped_*.py: each one must have a generator of known fate in tests/crms."""
    import importlib
    import pkgutil

    import crms

    covered = {
        importlib.import_module(f"crms.{m.name}").POLICY.name
        for m in pkgutil.iter_modules(crms.__path__)
        if hasattr(importlib.import_module(f"crms.{m.name}"), "POLICY")
    }
    shipped = {p.name for p in POLICIES.glob("*.yaml")} - {"demo_crm.yaml"}
    assert shipped and shipped <= covered, (
        f"shipped policies without a fate test: {sorted(shipped - covered)}"
    )


def test_the_demo_policy_binds_with_where_values_of_every_kind(crm: Crm, tmp_path: Path) -> None:
    """Values of the right type are accepted: integers, dates, booleans and texts."""
    policy = demo_policy_with(
        tmp_path,
        (R1_WHERE, R1_WHERE.replace("{status: [prospect]}", "{status: [prospect], lead_score: [1, 2]}")),
        (
            "    scope: {categories: [accounting]}",
            "      - {table: invoices, column: fiscal_year_close, where: {paid: [true], fiscal_year: [2024],"
            " issued_at: [2024-03-01], amount_ht: [10.5, 3]}}\n"
            "    scope: {categories: [accounting]}",
        ),
    )
    bind(load_policy(policy).policy, crm.engine)


# -- through the CLI ------------------------------------------------------------------------------------


def expired_prospects(crm: Crm) -> None:
    """Two prospects R1 would anonymise on 2025-06-30: a run that went ahead would change the CRM."""
    rows = Rows()
    rows.bystanders()
    for cid in (1, 2):
        rows.prospect(cid, collected=at("2022-05-15"))
    crm.load(rows)


def runs(crm: Crm) -> list[dict[str, Any]]:
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        return ledger.list_runs()
    finally:
        ledger.close()


@pytest.mark.parametrize("command", ["sweep", "plan"])
def test_the_cli_refuses_with_exit_2_and_changes_nothing(
    crm: Crm,
    tmp_path: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_VAR, TEST_KEY)
    expired_prospects(crm)
    before = crm.snapshot()
    policy = demo_policy_with(tmp_path, (CLOCK_R1, "      - {table: contacts, column: status}\n"))
    args = ["--policy", str(policy), "--crm", crm.url, "--ledger", crm.ledger_url, "--as-of", "2025-06-30"]
    if command == "sweep":
        args += ["--max-share", "1"]
    capsys.readouterr()

    code = main([command, *args, "--workdir", str(tmp_path / "work")])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("crm-privacy: error: ") and err.count("crm-privacy: error:") == 1
    assert policy.name in err
    assert "rules.R1.clock[0]: contacts.status is VARCHAR(20), not a date or timestamp" in err
    assert "Traceback" not in err
    assert crm.snapshot() == before
    assert runs(crm) == []
    ledger = Ledger.from_url(crm.ledger_url)
    try:  # nobody holds the CRM's lock
        assert ledger.acquire_lock("sweep:" + crm_identity(crm.url), "probe", ttl=dt.timedelta(minutes=1))
    finally:
        ledger.close()


# -- link and consent column types ----------------------------------------------------------------------

NOTES_LINK = "        id_column: parent_id\n        parents: {contact: contacts, opportunity: opportunities}"
INVOICES = "  invoices:\n    link: {fk: contact_id}"
KEY_TYPE = r"(BIGINT|INTEGER)(\(\d+\))?"  # the demo keys: BIGINT(20) on MariaDB, BIGINT, INTEGER on SQLite
INTEGER = r"INTEGER(\(11\))?"  # INTEGER(11) on MariaDB

LINK_CASES: dict[str, tuple[list[tuple[str, str]], str]] = {
    "fk_on_text": (
        [(INTERACTIONS, "  interactions:\n    link: {fk: direction}")],
        rf"^tables\.interactions\.link\.fk: interactions\.direction is VARCHAR\(10\), not compatible with "
        rf"contacts\.id \({KEY_TYPE}\), the subject key: text is not integer$",
    ),
    "fk_on_timestamp": (
        [(INTERACTIONS, "  interactions:\n    link: {fk: occurred_at}")],
        rf"^tables\.interactions\.link\.fk: interactions\.occurred_at is \w[\w ]*, not compatible with "
        rf"contacts\.id \({KEY_TYPE}\), the subject key",
    ),
    "via_on_text": (
        [(INVOICES, '  invoices:\n    link: {via: "invoice_number -> orders"}')],
        rf"^tables\.invoices\.link\.via: invoices\.invoice_number is VARCHAR\(30\), not compatible with "
        rf"orders\.id \({KEY_TYPE}\), the key of orders",
    ),
    "polymorphic_id_on_text": (
        [(NOTES_LINK, "        id_column: author\n        parents: {contact: contacts}")],
        rf"^tables\.notes\.link\.polymorphic\.id_column: notes\.author is VARCHAR\(100\), not compatible "
        rf"with contacts\.id \({KEY_TYPE}\), the subject key",
    ),
    "polymorphic_type_not_text": (
        [("type_column: parent_type", "type_column: created_at")],
        r"^tables\.notes\.link\.polymorphic\.type_column: notes\.created_at is \w[\w ]*, not a text or "
        r"integer column$",
    ),
    "polymorphic_integer_type_with_words": (  # an integer type column (Dolibarr's role type ids)
        [("type_column: parent_type", "type_column: id")],
        rf"^tables\.notes\.link\.polymorphic: notes\.id is {KEY_TYPE}.*, so its type values must be "
        r"integers, not 'contact', 'opportunity'$",
    ),
    "consents_subject_fk_on_text": (
        [("  subject_fk: contact_id", "  subject_fk: purpose")],
        rf"^consents\.subject_fk: consents\.purpose is VARCHAR\(40\), not compatible with contacts\.id "
        rf"\({KEY_TYPE}\), the subject key",
    ),
    "consents_purpose_not_text": (
        [("purpose_column: purpose", "purpose_column: given_at")],
        r"^consents\.purpose_column: consents\.given_at is \w[\w ]*, not a text column$",
    ),
    "consents_status_not_text": (
        [("status_column: status", "status_column: id")],
        rf"^consents\.status_column: consents\.id is {KEY_TYPE}.*, not a text column$",
    ),
    "consents_mechanism_not_text": (
        [("  mechanism: mechanism", "  mechanism: withdrawn_at")],
        r"^consents\.mechanism: consents\.withdrawn_at is \w[\w ]*, not a text column$",
    ),
    "consents_text_version_not_text": (
        [("  text_version: text_version", "  text_version: given_at")],
        r"^consents\.text_version: consents\.given_at is \w[\w ]*, not a text column$",
    ),
}


@pytest.mark.parametrize("case", list(LINK_CASES), ids=list(LINK_CASES))
def test_a_link_or_consent_column_of_the_wrong_type_is_refused(crm: Crm, tmp_path: Path, case: str) -> None:
    """A link on a column that cannot hold the key it points at selects the wrong people (SQLite,
    MariaDB compare text and integers) or fails on PostgreSQL: refused at bind."""
    changes, expected = LINK_CASES[case]
    message = refusal(crm, demo_policy_with(tmp_path, *changes))
    lines = problem_lines(message)
    assert len(lines) == 1, message
    assert re.search(expected, lines[0]), f"{lines[0]!r} does not match {expected!r}"


def test_a_polymorphic_id_column_is_checked_against_every_parent_key(crm: Crm, tmp_path: Path) -> None:
    lines = problem_lines(
        refusal(crm, demo_policy_with(tmp_path, ("id_column: parent_id", "id_column: author")))
    )
    assert len(lines) == 2, lines
    assert "contacts.id" in lines[0] and "the subject key" in lines[0]
    assert "opportunities.id" in lines[1] and "the key of opportunities" in lines[1]


# -- column actions against the column's type and constraints -------------------------------------------

LEAD_SCORE = '      lead_score:    {category: marketing, action: "null"}'
CUSTOMER_REF = "      customer_ref:  {category: identity, action: hmac, params: {kind: reference}}"
CIVILITY = '      civility:      {category: identity, action: "null"}'
POSTCODE = "      postcode:      {category: location, action: generalise, params: {to: departement}}"
BIRTH_DATE = "      birth_date:    {category: identity, action: generalise, params: {to: year}}"
DELIVERY = '      delivery_address: {category: contact_channel, action: "null"}'
BILLING_HOLD = "        billing_email: {category: accounting, action: hmac, params: {kind: email}}"


def lead_score(action: str) -> list[tuple[str, str]]:
    return [(LEAD_SCORE, f"      lead_score:    {{category: marketing, {action}}}")]


ACTION_CASES: dict[str, tuple[list[tuple[str, str]], str]] = {
    "null_on_not_null": (
        [(CIVILITY, CIVILITY + '\n      status:        {category: marketing, action: "null"}')],
        r"^tables\.contacts\.columns\.status: contacts\.status is VARCHAR\(20\) NOT NULL, null cannot be "
        r"written into a NOT NULL column$",
    ),
    "action_on_the_key": (
        [(CIVILITY, CIVILITY + "\n      id:            {category: identity, action: hmac}")],
        rf"^tables\.contacts\.columns\.id: contacts\.id is {KEY_TYPE}.*, the table's key: no action may "
        r"change it",
    ),
    "action_on_a_link_column": (
        [(DELIVERY, DELIVERY + '\n      contact_id: {category: identity, action: "null"}')],
        rf"^tables\.orders\.columns\.contact_id: orders\.contact_id is {KEY_TYPE} NOT NULL, a link column "
        r"\(link:\): no action may change it",
    ),
    "action_on_a_polymorphic_type_column": (
        [
            (
                "      author: {category: professional, action: keep}",
                "      author: {category: professional, "
                "action: keep}\n      parent_type: {category: free_text, action: redact}",
            )
        ],
        r"^tables\.notes\.columns\.parent_type: notes\.parent_type is VARCHAR\(20\) NOT NULL, a link column",
    ),
    "redact_longer_than_the_column": (
        [
            (
                CUSTOMER_REF,
                '      customer_ref:  {category: identity, action: redact, params: {value: "(anonymisé par'
                ' la politique)"}}',
            )
        ],
        r"^tables\.contacts\.columns\.customer_ref: contacts\.customer_ref is VARCHAR\(20\), redact writes "
        r"28 characters, longer than the column's 20$",
    ),
    "redact_text_on_integer": (
        lead_score("action: redact"),
        rf"^tables\.contacts\.columns\.lead_score: contacts\.lead_score is {INTEGER}, redact writes text, "
        r"needs a text column$",
    ),
    "hmac_on_integer": (
        lead_score("action: hmac"),
        rf"^tables\.contacts\.columns\.lead_score: contacts\.lead_score is {INTEGER}, hmac writes text",
    ),
    "hmac_on_date": (
        [(BIRTH_DATE, "      birth_date:    {category: identity, action: hmac}")],
        r"^tables\.contacts\.columns\.birth_date: contacts\.birth_date is DATE, hmac writes text",
    ),
    "hmac_longer_than_the_column": (
        [(CUSTOMER_REF, CUSTOMER_REF.replace("{kind: reference}", "{kind: reference, length: 20}"))],
        r"^tables\.contacts\.columns\.customer_ref: contacts\.customer_ref is VARCHAR\(20\), hmac writes "
        r"23 characters \('pz:' \+ 20 hex\), longer than the column's 20$",
    ),
    "hmac_default_on_a_short_column": (
        [(CIVILITY, "      civility:      {category: identity, action: hmac}")],
        r"^tables\.contacts\.columns\.civility: contacts\.civility is VARCHAR\(10\), hmac writes 19 characters",
    ),
    "hmac_in_a_hold_on_integer": (
        [(BILLING_HOLD, "        fiscal_year: {category: accounting, action: hmac, params: {kind: email}}")],
        rf"^tables\.invoices\.hold\.columns\.fiscal_year: invoices\.fiscal_year is {INTEGER} NOT NULL, hmac "
        r"writes text",
    ),
    "fake_on_integer": (
        lead_score("action: fake, params: {kind: name}"),
        rf"^tables\.contacts\.columns\.lead_score: contacts\.lead_score is {INTEGER}, fake writes text",
    ),
    "fake_email_on_date": (
        [(BIRTH_DATE, "      birth_date:    {category: identity, action: fake, params: {kind: email}}")],
        r"^tables\.contacts\.columns\.birth_date: contacts\.birth_date is DATE, fake writes text",
    ),
    "scrub_text_on_integer": (
        lead_score("action: scrub_text"),
        rf"^tables\.contacts\.columns\.lead_score: contacts\.lead_score is {INTEGER}, scrub_text writes text",
    ),
    "generalise_year_on_text": (
        [(POSTCODE, "      postcode:      {category: location, action: generalise, params: {to: year}}")],
        r"^tables\.contacts\.columns\.postcode: contacts\.postcode is VARCHAR\(10\), generalise to year "
        r"writes a date, needs a date or timestamp column$",
    ),
    "generalise_band5_on_integer": (
        lead_score("action: generalise, params: {to: band5}"),
        rf"^tables\.contacts\.columns\.lead_score: contacts\.lead_score is {INTEGER}, generalise to band5 "
        r"writes a date",
    ),
    "generalise_departement_on_date": (
        [
            (
                BIRTH_DATE,
                "      birth_date:    {category: identity, action: generalise, params: {to: departement}}",
            )
        ],
        r"^tables\.contacts\.columns\.birth_date: contacts\.birth_date is DATE, generalise to departement "
        r"writes text, needs a text column$",
    ),
    "generalise_age_band_on_text": (
        [(POSTCODE, "      postcode:      {category: location, action: generalise, params: {to: age_band}}")],
        r"^tables\.contacts\.columns\.postcode: contacts\.postcode is VARCHAR\(10\), generalise to age_band "
        r"writes an integer, needs an integer column$",
    ),
}


@pytest.mark.parametrize("case", list(ACTION_CASES), ids=list(ACTION_CASES))
def test_a_column_action_that_does_not_fit_its_column_is_refused(crm: Crm, tmp_path: Path, case: str) -> None:
    """Otherwise the policy binds and every run fails at the same batch (NOT NULL, VARCHAR(n) too
    short, text into a number on PostgreSQL) or, on SQLite, writes text into an INTEGER column."""
    changes, expected = ACTION_CASES[case]
    message = refusal(crm, demo_policy_with(tmp_path, *changes))
    lines = problem_lines(message)
    assert len(lines) == 1, message
    assert re.search(expected, lines[0]), f"{lines[0]!r} does not match {expected!r}"
    assert "anonymisé par" not in message  # a redact value is never repeated


def test_column_actions_that_fit_their_columns_bind(crm: Crm, tmp_path: Path) -> None:
    policy = demo_policy_with(
        tmp_path,
        *lead_score("action: generalise, params: {to: age_band}"),
        (CUSTOMER_REF, CUSTOMER_REF.replace("{kind: reference}", "{kind: reference, length: 17}")),
        (CIVILITY, '      civility:      {category: identity, action: redact, params: {value: "(anonyme)"}}'),
        (DELIVERY, DELIVERY.replace('"null"', "scrub_text")),
        (BIRTH_DATE, BIRTH_DATE.replace("to: year", "to: band5")),
    )
    bind(load_policy(policy).policy, crm.engine)
