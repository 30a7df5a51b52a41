"""The shipped Dolibarr policy (include/policies/dolibarr.yaml) on a generated Dolibarr of known fate.

The schema and the data come from tests/crms/dolibarr.py (a subset of Dolibarr's real tables, French data
whose fate at 2025-06-30 is known). Everything goes through the real CLI (``crm_privacy.cli.main``), on
SQLite, PostgreSQL and MariaDB (``scratch_url``):

(a) ``policy check`` accepts the shipped policy on the unmodified schema;
(b) a real ``sweep --as-of``: no personal value of an expired contact is left in any text column of any
    table, every row the generator promises untouched is identical, every row it promises deleted is gone,
    every expired contact's row changed; a second sweep changes nothing;
(c) ``policy draft`` on the generated CRM writes a draft that ``policy check`` accepts and whose ``plan``
    exits 0 without changing the database.

A contact with a role at a company that still buys is kept (both ways to its companies); roles on documents
linked by their INTEGER role type (external types only: for internal ones fk_socpeople is a user) are
deleted once their 10-year duty is over, a user's role never.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from crms import dolibarr
from crms.checks import changed_untouched, left_deleted, leftover_secrets, snapshot, unchanged_expired
from crms.checks import cli as _cli
from crms.fate import Fate

from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# --- the CLI ---------------------------------------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "dolibarr-shipped-test-key-0123456789")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    return tmp_path


def _build(url: str, **kwargs: Any) -> Fate:
    engine = make_engine(url)
    try:
        return dolibarr.build(engine, **kwargs)
    finally:
        engine.dispose()


def _sweep(
    capsys: pytest.CaptureFixture[str], policy: Path, url: str, ledger: str, as_of: str, *extra: str
) -> dict[str, Any]:
    argv = ["sweep", "--policy", str(policy), "--crm", url, "--ledger", ledger, "--as-of", as_of, "--json"]
    code, out = _cli(capsys, *argv, *extra)
    assert code == 0, "sweep failed"
    summary: dict[str, Any] = json.loads(out)
    return summary


# --- the tests -------------------------------------------------------------------------------------------------


def test_policy_check_accepts_shipped_policy(
    scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(scratch_url)
    code, out = _cli(capsys, "policy", "check", "--policy", str(dolibarr.POLICY), "--crm", scratch_url)
    assert code == 0, out
    assert "fits" in out


def test_sweep_meets_the_fate(scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fate = _build(scratch_url)
    assert fate.expired and fate.kept and not fate.expired & fate.kept
    before = snapshot(scratch_url)
    assert not left_deleted({}, fate)  # (sanity of the helper)
    assert leftover_secrets(scratch_url, before, fate.secrets), "the generator wrote no secret at all?"
    ledger = f"sqlite:///{env / 'ledger.db'}"

    summary = _sweep(capsys, dolibarr.POLICY, scratch_url, ledger, fate.as_of)
    assert summary["status"] == "succeeded", summary
    assert summary["guard"]["verdict"] == "passed", summary["guard"]
    assert summary["validation"]["passed"] is True, summary["validation"]
    expected_tables = {t: len(keys) for t, keys in fate.deleted.items() if keys}
    expected_tables[dolibarr.SUBJECT_TABLE] = len(fate.expired)
    assert summary["tables_affected"] == expected_tables

    after = snapshot(scratch_url)
    assert leftover_secrets(scratch_url, after, fate.secrets) == []
    assert changed_untouched(before, after, fate) == []
    assert left_deleted(after, fate) == []
    assert unchanged_expired(before, after, dolibarr.SUBJECT_TABLE, fate) == []
    # the anonymised contacts stay as rows (documents point at them), every personal column treated
    for key in fate.expired:
        row = after[dolibarr.SUBJECT_TABLE][key]
        assert row["email"].startswith("pz:"), key
        assert row["lastname"] == "(anonymisé)" and row["firstname"] is None, key
        assert row["phone_mobile"] is None and row["phone"] is None and row["note_private"] is None, key
        assert row["zip"] is None or len(row["zip"]) <= 3, key  # département
        assert row["fk_soc"] == before[dolibarr.SUBJECT_TABLE][key]["fk_soc"], key

    again = _sweep(capsys, dolibarr.POLICY, scratch_url, ledger, fate.as_of)
    assert again["status"] == "succeeded" and again["rows_affected"] == 0, again
    assert snapshot(scratch_url) == after, "a second sweep changed the database"


def test_draft_is_checked_and_planned(
    scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fate = _build(scratch_url)
    before = snapshot(scratch_url)
    draft = env / "draft.yaml"
    code, out = _cli(
        capsys,
        "policy",
        "draft",
        "--crm",
        scratch_url,
        "--subject",
        dolibarr.SUBJECT_TABLE,
        "--out",
        str(draft),
    )
    assert code == 0 and draft.is_file(), out
    code, out = _cli(capsys, "policy", "check", "--policy", str(draft), "--crm", scratch_url)
    assert code == 0, out
    code, out = _cli(
        capsys,
        "plan",
        "--policy",
        str(draft),
        "--crm",
        scratch_url,
        "--ledger",
        f"sqlite:///{env / 'draft_ledger.db'}",
        "--as-of",
        fate.as_of,
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["rows_affected"] == 0
    assert snapshot(scratch_url) == before, "policy draft / check / plan changed the CRM"


def test_contact_with_role_at_a_buying_company_is_kept(
    scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fate = _build(scratch_url, cross_company_roles=True)
    role_keepers = {
        k for k, kind in dolibarr.kinds(cross_company_roles=True).items() if kind == dolibarr.KEPT_ROLE_BUYS
    }
    assert role_keepers and role_keepers <= fate.kept
    before = snapshot(scratch_url)
    # the few contacts of this case tip llx_societe_contacts over the guard's 50%: allowed explicitly
    ledger = f"sqlite:///{env / 'ledger.db'}"
    _sweep(capsys, dolibarr.POLICY, scratch_url, ledger, fate.as_of, "--max-share", "1")
    after = snapshot(scratch_url)
    assert changed_untouched(before, after, fate) == []


def _polymorphic_roles_policy(path: Path) -> Path:
    """The shipped policy with llx_element_contact linked as it should be: by external role type only."""
    policy = yaml.safe_load(dolibarr.POLICY.read_text(encoding="utf-8"))
    table = policy["tables"]["llx_element_contact"]
    table["link"] = {
        "polymorphic": {
            "type_column": "fk_c_type_contact",
            "id_column": "fk_socpeople",
            "parents": {"60": "llx_socpeople", "41": "llx_socpeople"},  # facture BILLING, propal CUSTOMER
        }
    }
    table["row_action"] = "delete"
    out = path / "dolibarr_polymorphic_roles.yaml"
    out.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def test_roles_on_documents_deleted_after_their_duty(
    scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fate = _build(scratch_url)
    policy = _polymorphic_roles_policy(env)
    engine = make_engine(scratch_url)
    try:
        due, keep = dolibarr.element_roles_due(engine, fate)
    finally:
        engine.dispose()
    assert due and keep
    code, out = _cli(capsys, "policy", "check", "--policy", str(policy), "--crm", scratch_url)
    assert code == 0, out
    before = snapshot(scratch_url)
    _sweep(capsys, policy, scratch_url, f"sqlite:///{env / 'ledger.db'}", fate.as_of)
    after = snapshot(scratch_url)
    roles = after["llx_element_contact"]
    assert not due & roles.keys(), "an expired contact's role past its 10-year duty is still there"
    assert all(roles.get(k) == before["llx_element_contact"][k] for k in keep), (
        "a user's or held role changed"
    )
