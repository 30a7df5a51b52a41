"""The register of processing (art. 30) drawn from the policy: what it holds, and its HTML page."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from crm_privacy.crm.binding import bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.demo.schema import metadata
from crm_privacy.errors import PolicyError, UsageError
from crm_privacy.policy.loader import LoadedPolicy, load_policy
from crm_privacy.report.register import (
    build_register,
    render_register_html,
    rule_reach,
    write_register,
)
from crm_privacy.rules.steps import build_steps

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "include" / "policies" / "demo_crm.yaml"
MINIMAL = Path(__file__).parent / "policies" / "valid_minimal.yaml"


@pytest.fixture(scope="module")
def demo() -> LoadedPolicy:
    return load_policy(DEMO)


@pytest.fixture(scope="module")
def register(demo: LoadedPolicy) -> dict[str, Any]:
    return build_register(demo)


def policy_with(tmp_path: Path, change: Any, base: Path = DEMO) -> Path:
    """A copy of ``base`` with ``change(data)`` applied, written to ``tmp_path``."""
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def purpose_of(register: dict[str, Any], purpose_id: str) -> dict[str, Any]:
    return next(p for p in register["purposes"] if p["id"] == purpose_id)


# -- what the register holds -----------------------------------------------------------------------


def test_register_is_versioned_and_names_the_policy(demo: LoadedPolicy, register: dict[str, Any]) -> None:
    assert register["schema_version"] == 1
    assert register["policy"] == {"file": "demo_crm.yaml", "version": "2025.1", "sha256": demo.sha256}
    assert register["controller"]["name"].startswith("Démo SAS")
    assert "dpo@" in register["controller"]["dpo"]
    assert json.loads(json.dumps(register)) == register  # JSON-able as it is


DEMO_PURPOSES = [
    (
        "prospection_prospects",
        "legitimate_interest",
        "Intérêt légitime (art. 6(1)(f))",
        "3y",
        "Équipe commerciale",
    ),
    (
        "prospection_clients",
        "legitimate_interest",
        "Intérêt légitime (art. 6(1)(f))",
        "3y",
        "Équipe marketing",
    ),
    ("gestion_clients", "contract", "Exécution d'un contrat (art. 6(1)(b))", "1y", "Transporteurs"),
    ("comptes_en_ligne", "contract", "Exécution d'un contrat (art. 6(1)(b))", "2y", "Service client"),
    ("comptabilite", "legal_obligation", "Obligation légale (art. 6(1)(c))", "10y", "Expert-comptable"),
    ("newsletter", "consent", "Consentement (art. 6(1)(a))", "3y", "Routeur de courriels (sous-traitant)"),
]


@pytest.mark.parametrize(
    ("purpose", "code", "label", "period", "recipient"),
    DEMO_PURPOSES,
    ids=[f"{p[0]}-{p[1]}" for p in DEMO_PURPOSES],
)
def test_every_demo_purpose_with_its_basis_retention_clock_and_recipients(
    register: dict[str, Any],
    demo: LoadedPolicy,
    purpose: str,
    code: str,
    label: str,
    period: str,
    recipient: str,
) -> None:
    entry = purpose_of(register, purpose)
    declared = demo.policy.purpose(purpose)
    assert entry["legal_basis"] == {"code": code, "label": label}
    assert entry["retention"]["period"] == period
    assert entry["retention"]["clock_starts"] == declared.clock_starts
    assert entry["retention"]["at_expiry"] == declared.at_expiry
    assert recipient in entry["recipients"]
    assert entry["data_subjects"]  # the demo declares them all
    assert [p["id"] for p in register["purposes"]] == [p.id for p in demo.policy.purposes]


def test_rules_consent_and_transfers_of_a_purpose(register: dict[str, Any]) -> None:
    newsletter = purpose_of(register, "newsletter")
    assert newsletter["consent"] == {"required": True, "purpose": "newsletter"}
    assert [r["id"] for r in newsletter["rules"]] == ["C1"]
    assert newsletter["rules"][0]["grace"] == "30d"
    assert newsletter["transfers"][0]["country"] == "États-Unis"
    assert "46(2)(c)" in newsletter["transfers"][0]["safeguards"]
    accounts = purpose_of(register, "comptes_en_ligne")
    assert accounts["rules"][0] | {"title": ""} == {
        "id": "R4",
        "title": "",
        "kind": "retention",
        "scope": {"all": True, "categories": []},
        "clock": ["contacts.last_login_at"],
        "notice_wait": "30d",
        "grace": None,
    }
    assert purpose_of(register, "prospection_prospects")["transfers"] == []  # none by default


def test_legal_holds_with_their_basis_period_start_and_archive(register: dict[str, Any]) -> None:
    assert register["legal_holds"] == [
        {
            "table": "invoices",
            "category": "accounting",
            "purpose": "comptabilite",
            "legal_basis": "C. com. L123-22",
            "period": "10y",
            "amount": 10,
            "unit": "y",
            "starts_at": "fiscal_year_close",
            "columns": ["billing_email"],
            "archive": {"table": "invoices_archive", "reader_role": "archive_reader"},
        }
    ]


@pytest.mark.parametrize(
    ("purpose", "categories"),
    [
        # R3 scope [marketing, contact_channel, free_text]: the columns of those categories, the tables
        # deleted whole (opportunities) and the notes attached to the deleted opportunities
        ("prospection_clients", ["contact_channel", "free_text", "marketing"]),
        ("gestion_clients", ["accounting"]),  # R2 scope [accounting]: the invoices
        ("comptabilite", ["accounting"]),  # no rule: the invoices' legal hold serves it
        ("newsletter", ["free_text", "marketing"]),  # C1 scope [marketing]: opportunities and their notes
        (
            "prospection_prospects",  # R1 scope all: everything the rules can treat (contracts are kept)
            [
                "accounting",
                "consent_proof",
                "contact_channel",
                "free_text",
                "identity",
                "interaction_history",
                "location",
                "marketing",
                "professional",
            ],
        ),
    ],
)
def test_categories_of_a_purpose_are_derived_from_what_its_rules_reach(
    register: dict[str, Any], purpose: str, categories: list[str]
) -> None:
    assert purpose_of(register, purpose)["data_categories"] == categories


def test_tables_of_a_purpose_name_the_columns_its_rules_treat(register: dict[str, Any]) -> None:
    tables = {t["table"]: t for t in purpose_of(register, "prospection_clients")["tables"]}
    assert set(tables) == {"contacts", "opportunities", "notes", "orders"}
    assert tables["contacts"]["rows"] is None  # anonymised in place: only columns in scope
    assert tables["contacts"]["columns"] == [
        "address_line",
        "email",
        "lead_score",
        "mobile",
        "phone",
        "preferences",
        "segment",
    ]
    assert "first_name" not in tables["contacts"]["columns"]  # identity is outside R3's scope
    assert tables["opportunities"]["rows"] == "delete"
    assert tables["orders"]["columns"] == ["delivery_address"]


def test_a_table_no_rule_nor_hold_reaches_is_listed(register: dict[str, Any]) -> None:
    assert register["tables_without_purpose"] == [{"table": "contracts", "category": "contract"}]


def test_what_the_register_says_a_rule_reaches_is_what_the_planner_treats(
    demo: LoadedPolicy, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    metadata.create_all(engine)
    try:
        binding = bind(demo.policy, engine)
        for rule in demo.policy.rules:
            steps = build_steps(binding, rule.scope, dt.date(2025, 6, 30), rule.id)
            reach = rule_reach(demo.policy, rule.scope)
            assert {s.table for s in steps} == set(reach), rule.id
            for step in steps:
                if step.kind == "update" and step.label != "hold":
                    assert set(step.columns) == reach[step.table].columns, (rule.id, step.table)
                else:
                    assert reach[step.table].rows is not None, (rule.id, step.table)
    finally:
        engine.dispose()


def test_security_measures_of_the_product_follow_the_policy(register: dict[str, Any], tmp_path: Path) -> None:
    measures = {m["id"]: m for m in register["security_measures"]["product"]}
    assert {
        "keyed_pseudonyms",
        "hash_chained_ledger",
        "no_personal_data_in_outputs",
        "blast_radius_guard",
        "atomic_batches",
        "validation_gate",
        "archive_reader_role",
        "free_text_scrubbing",
    } <= set(measures)
    assert "50\u202f%" in measures["blast_radius_guard"]["text"]
    assert "5\u202f000" in measures["atomic_batches"]["text"]
    assert "archive_reader" in measures["archive_reader_role"]["text"]
    assert measures["free_text_scrubbing"]["params"] == {"columns": "notes.body"}
    assert len(register["security_measures"]["declared"]) == 4
    minimal = {m["id"] for m in build_register(load_policy(MINIMAL))["security_measures"]["product"]}
    assert "archive_reader_role" not in minimal and "free_text_scrubbing" not in minimal


def test_a_policy_without_the_register_fields_still_gives_a_register() -> None:
    register = build_register(load_policy(MINIMAL))
    assert register["controller"] == {"name": "Test SAS", "dpo": None}
    (purpose,) = register["purposes"]
    assert purpose["data_subjects"] == [] and purpose["transfers"] == []
    assert register["legal_holds"] == [] and register["security_measures"]["declared"] == []
    page = render_register_html(register)
    assert "non renseigné" in page and "aucune mesure déclarée" in page


# -- the new policy fields are validated like the rest ----------------------------------------------


def _first_purpose(key: str, value: Any) -> Any:
    return lambda data: data["purposes"][0].update({key: value})


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            _first_purpose("transfers", [{"country": "États-Unis", "recipient": "Routeur"}]),
            "purposes.0.transfers.0.safeguards",
            id="transfer-without-safeguards-refused",
        ),
        pytest.param(
            _first_purpose(
                "transfers", [{"country": "X", "recipient": "Y", "safeguards": "Z", "adequate": True}]
            ),
            "purposes.0.transfers.0.adequate",
            id="transfer-unknown-key-refused",
        ),
        pytest.param(
            _first_purpose("data_subjects", [""]), "purposes.0.data_subjects.0", id="empty-subject-refused"
        ),
        pytest.param(
            _first_purpose("data_subject", ["clients"]), "purposes.0.data_subject", id="typo-refused"
        ),
        pytest.param(lambda d: d.update(dpo=""), "dpo", id="empty-dpo-refused"),
        pytest.param(
            lambda d: d.update(security_measures="chiffrement"), "security_measures", id="measures-not-a-list"
        ),
        pytest.param(
            lambda d: d["tables"]["invoices"]["hold"].update(purpose="compta"),
            "tables.invoices.hold.purpose (line | unknown purpose 'compta'",
            id="hold-unknown-purpose-refused",
        ),
    ],
)
def test_register_fields_are_validated(tmp_path: Path, change: Any, expected: str) -> None:
    with pytest.raises(PolicyError) as refused:
        load_policy(policy_with(tmp_path, change))
    for fragment in expected.split(" | "):  # the key path (and its line), then what is wrong
        assert fragment in str(refused.value)


# -- the HTML page ----------------------------------------------------------------------------------


def test_html_escapes_what_the_policy_says(tmp_path: Path) -> None:
    def hostile(data: dict[str, Any]) -> None:
        data["purposes"][0]["title"] = "<script>alert('x')</script>"
        data["controller"] = 'Démo "SAS" <b>'
        data["security_measures"] = ["<img src=x onerror=alert(1)>"]

    page = render_register_html(build_register(load_policy(policy_with(tmp_path, hostile))))
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<b>" not in page and "&lt;b&gt;" in page
    assert "<img" not in page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_is_self_contained(register: dict[str, Any], lang: str) -> None:
    page = render_register_html(register, lang)
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page and "url(" not in page
    assert "<script" not in page and "<link" not in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                '<html lang="fr">',
                "Registre des activités de traitement",
                "Intérêt légitime (art. 6(1)(f))",
                "3 ans",
                "1 an<",
                "Transferts hors de l&#39;UE/EEE",
                "avis à la personne, action 30 jours après",
            ],
        ),
        (
            "en",
            [
                '<html lang="en">',
                "Record of processing activities",
                "Legitimate interests (art. 6(1)(f))",
                "3 years",
                "1 year<",
                "Transfers outside the EU/EEA",
                "notice to the person, action 30 days later",
            ],
        ),
    ],
)
def test_html_in_french_and_english(register: dict[str, Any], lang: str, expected: list[str]) -> None:
    page = render_register_html(register, lang)
    for text in expected:
        assert text in page, text
    for purpose in register["purposes"]:
        assert f'id="purpose-{purpose["id"]}"' in page


def test_unknown_language_refused(register: dict[str, Any]) -> None:
    with pytest.raises(UsageError, match="fr, en"):
        render_register_html(register, "de")


# -- the files ---------------------------------------------------------------------------------------


def test_write_register_writes_both_files_atomically(demo: LoadedPolicy, tmp_path: Path) -> None:
    html = write_register(demo, tmp_path)
    assert html == tmp_path / "register" / "register.html"
    written = json.loads((tmp_path / "register" / "register.json").read_text(encoding="utf-8"))
    assert written | {"generated_at": ""} == build_register(demo) | {"generated_at": ""}
    assert "Registre des activités de traitement" in html.read_text(encoding="utf-8")
    write_register(demo, tmp_path, lang="en")  # replaces both, leaves no temporary file
    assert sorted(p.name for p in (tmp_path / "register").iterdir()) == ["register.html", "register.json"]
    assert "Record of processing activities" in html.read_text(encoding="utf-8")


def test_write_register_in_an_unknown_language_writes_nothing(demo: LoadedPolicy, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_register(demo, tmp_path, lang="de")
    assert not (tmp_path / "register").exists()
