"""`crm-privacy policy draft`: a starting policy from the schema that loads, checks and dry-runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from test_organisations import _load

from crm_privacy.cli import main

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _draft(tmp_path: Path, url: str, subject: str, capsys: pytest.CaptureFixture[str]) -> dict:
    out = tmp_path / "draft.yaml"
    assert (
        main(["policy", "draft", "--crm", url, "--subject", subject, "--sample", "40", "--out", str(out)])
        == 0
    )
    capsys.readouterr()
    assert main(["policy", "check", "--policy", str(out), "--crm", url]) == 0, capsys.readouterr().err
    capsys.readouterr()
    os.environ.setdefault("CRM_PRIVACY_HMAC_KEY", "draft-test-key-0123456789abcdef0123")
    ledger = f"sqlite:///{tmp_path / 'ledger.db'}"
    plan = ["plan", "--policy", str(out), "--crm", url, "--ledger", ledger, "--as-of", "2025-06-30"]
    assert main(plan) == 0, capsys.readouterr().err
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def test_a_draft_of_the_demo_crm_loads_checks_and_dry_runs(
    demo_crm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    policy = _draft(tmp_path, demo_crm, "contacts", capsys)
    subject = policy["subject"]
    assert {"email", "phone"} <= {i["kind"] for i in subject["identifiers"]}
    assert (
        subject["organisation"]["table"] == "companies" and subject["organisation"]["column"] == "company_id"
    )
    tables = policy["tables"]
    assert tables["contacts"]["row_action"] == "anonymise" and tables["contacts"]["marker"] == "anonymised_at"
    assert tables["contacts"]["columns"]["email"]["action"] == "null"
    assert tables["contacts"]["columns"]["birth_date"] == {
        "category": "identity",
        "action": "generalise",
        "params": {"to": "year"},
    }
    assert tables["interactions"] == {
        "link": {"fk": "contact_id"},
        "category": "interaction_history",
        "row_action": "delete",
    }
    # a table whose fate needs a person (invoices: a legal hold?) is kept until someone decides
    assert tables["invoices"]["row_action"] == "keep" and "columns" not in tables["invoices"]
    clocks = {(c["table"], c["column"]) for c in policy["rules"][0]["clock"]}
    assert ("interactions", "occurred_at") in clocks and ("contacts", "created_at") in clocks


@pytest.mark.parametrize("shape", ["join", "self"])
def test_a_draft_finds_the_organisation(
    shape: str,
    scratch_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    _load(scratch_url, shape)
    policy = _draft(tmp_path, scratch_url, "partners" if shape == "self" else "contacts", capsys)
    org = policy["subject"]["organisation"]
    if shape == "join":
        assert org["table"] == "companies"
        assert org["join"] == {
            "table": "accounts_contacts",
            "subject_column": "contact_id",
            "organisation_column": "account_id",
        }
    else:
        assert org["table"] == "partners" and org["column"] == "parent_id"
        # the companies are rows of the same table: the rule leaves them out (INTEGER flag: 0)
        assert policy["rules"][0]["where"] == {"is_company": [0]}
    assert org["tables"] == {"company_invoices": "company_id"}
    clock = policy["rules"][0]["clock"]
    assert {"table": "company_invoices", "column": "issued_at", "organisation": True} in clock
    assert policy["tables"]["calls"]["link"] == {"fk": "person_id"}


def test_a_draft_names_a_wrong_subject_and_never_overwrites(
    demo_crm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "draft", "--crm", demo_crm, "--subject", "contact", "--sample", "0"]) == 2
    assert "subject: no table 'contact'" in capsys.readouterr().err
    existing = tmp_path / "mine.yaml"
    existing.write_text("# my policy\n", encoding="utf-8")
    assert main(["policy", "draft", "--crm", demo_crm, "--subject", "contacts", "--out", str(existing)]) == 2
    assert existing.read_text(encoding="utf-8") == "# my policy\n"
