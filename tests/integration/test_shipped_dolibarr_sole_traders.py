"""The shipped sole-traders policy (include/policies/dolibarr_sole_traders.yaml): Dolibarr third parties
that are natural persons (entreprise individuelle, auto-entrepreneur, Particulier) are treated as persons,
legal persons never, on SQLite, PostgreSQL and MariaDB, through the real CLI; the contacts policy
(dolibarr.yaml) then runs on the same CRM and still fits it. Fates: tests/crms/dolibarr_sole_traders.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from crms import dolibarr
from crms import dolibarr_sole_traders as sole
from crms.checks import changed_untouched, left_deleted, leftover_secrets, snapshot, unchanged_expired
from crms.checks import cli as _cli

from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _sweep(capsys: pytest.CaptureFixture[str], policy: Path, url: str, ledger: str) -> dict[str, Any]:
    argv = [
        "sweep",
        "--policy",
        str(policy),
        "--crm",
        url,
        "--ledger",
        ledger,
        "--as-of",
        sole.AS_OF,
        "--json",
    ]
    # a hand-made set of eleven third parties: more than half of a small table is touched, allowed here
    code, out = _cli(capsys, *argv, "--max-share", "1")
    assert code == 0, "sweep failed"
    summary: dict[str, Any] = json.loads(out)
    return summary


def test_sole_traders_are_persons_and_companies_are_not(
    scratch_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "dolibarr-sole-traders-key-0123456789")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    engine = make_engine(scratch_url)
    try:
        fate = sole.build(engine)
    finally:
        engine.dispose()
    code, out = _cli(capsys, "policy", "check", "--policy", str(sole.POLICY), "--crm", scratch_url)
    assert code == 0, out
    before = snapshot(scratch_url)
    assert leftover_secrets(scratch_url, before, fate.secrets), "the set holds no secret at all?"
    ledger = f"sqlite:///{tmp_path / 'ledger.db'}"

    summary = _sweep(capsys, sole.POLICY, scratch_url, ledger)
    assert summary["status"] == "succeeded" and summary["validation"]["passed"] is True, summary

    after = snapshot(scratch_url)
    assert leftover_secrets(scratch_url, after, fate.secrets) == []
    assert changed_untouched(before, after, fate) == []
    assert left_deleted(after, fate) == []
    assert unchanged_expired(before, after, sole.SUBJECT_TABLE, fate) == []
    rows = after["llx_societe"]
    for key in sole.EXPIRED_IDENTITY:
        assert rows[key]["nom"] == "(anonymisé)" and rows[key]["siren"] is None, key
        assert rows[key]["email"].startswith("pz:") and rows[key]["phone"] is None, key
    for key in sole.EXPIRED_CONTACT:  # a customer whose invoice is under its 10 years: identity kept
        old = before["llx_societe"][key]
        assert (rows[key]["nom"], rows[key]["address"]) == (old["nom"], old["address"]), key
        assert rows[key]["phone"] is None and rows[key]["note_private"] is None, key
        assert rows[key]["email"].startswith("pz:"), key

    again = _sweep(capsys, sole.POLICY, scratch_url, ledger)
    assert again["rows_affected"] == 0, again
    assert snapshot(scratch_url) == after, "a second sweep changed the database"

    # the contacts policy runs on the same CRM after it (its own ledger entries, same lock)
    code, out = _cli(capsys, "policy", "check", "--policy", str(dolibarr.POLICY), "--crm", scratch_url)
    assert code == 0, out


def test_a_narrower_rule_before_a_wider_one_counts_each_row_once(
    scratch_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rules with the 3-year rules on contact data FIRST: both they and the later rules with
    scope all delete the agenda and proposals of the same people. The plan used to count those rows
    twice (a share over 100%, then the gate failed: recorded fewer than planned, after the changes)."""
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "dolibarr-sole-traders-key-0123456789")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    engine = make_engine(scratch_url)
    try:
        fate = sole.build(engine)
    finally:
        engine.dispose()
    policy = yaml.safe_load(sole.POLICY.read_text(encoding="utf-8"))
    policy["rules"] = policy["rules"][4:] + policy["rules"][:4]  # R5, R6 (narrower) first
    reordered = tmp_path / "reordered.yaml"
    reordered.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = snapshot(scratch_url)

    summary = _sweep(capsys, reordered, scratch_url, f"sqlite:///{tmp_path / 'ledger.db'}")

    assert summary["status"] == "succeeded" and summary["validation"]["passed"] is True, summary
    assert summary["tables"] == summary["tables_affected"]  # planned = done, table by table
    deleted = {t: len(k) for t, k in fate.deleted.items()}
    assert {t: summary["tables_affected"][t] for t in deleted} == deleted
    after = snapshot(scratch_url)
    assert leftover_secrets(scratch_url, after, fate.secrets) == []
    assert changed_untouched(before, after, fate) == []
