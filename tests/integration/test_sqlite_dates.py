"""SQLite keeps dates as text that any tool may write: a clock value it cannot read as a date keeps
the subject (it may be recent) and is reported as a finding, never read as 'no date' or 'old'."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from crm_privacy.cli import main

pytestmark = pytest.mark.integration

POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"
RECENT_INBOUND = """
    SELECT DISTINCT i.contact_id FROM interactions i JOIN contacts c ON c.id = i.contact_id
    WHERE c.status = 'prospect' AND i.direction = 'inbound' AND i.occurred_at >= '2023-01-01'
      AND (i.email_event IS NULL OR i.email_event NOT IN ('open', 'sent'))
    ORDER BY 1 LIMIT 5
"""


def _r1(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> dict[str, object]:
    capsys.readouterr()
    plan = ["plan", "--policy", str(POLICY), "--crm", url, "--as-of", "2025-06-30", "--json"]
    assert main([*plan, "--ledger", f"sqlite:///{tmp_path / name}"]) == 0
    summary = json.loads(capsys.readouterr().out)
    rule: dict[str, object] = next(r for r in summary["rules"] if r["rule_id"] == "R1")
    return rule


def test_an_unreadable_clock_date_keeps_the_subject_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "test-key-0123456789abcdef")
    db = tmp_path / "crm.db"
    url = f"sqlite:///{db}"
    assert main(["demo-db", "--url", url, "--contacts", "400", "--seed", "5", "--as-of", "2025-06-30"]) == 0
    before = _r1(url, tmp_path, capsys, "l1.db")
    with sqlite3.connect(db) as conn:
        kept = [row[0] for row in conn.execute(RECENT_INBOUND)]
        assert kept, "the demo must have prospects kept alive by a recent inbound contact"
        marks = ",".join("?" * len(kept))
        # the same instants, written the French way by another tool
        conn.execute(
            "UPDATE interactions SET occurred_at = strftime('%d/%m/%Y %H:%M', occurred_at) "
            f"WHERE contact_id IN ({marks})",
            kept,
        )
    after = _r1(url, tmp_path, capsys, "l2.db")
    assert after["subjects"] == before["subjects"]  # nobody becomes 'expired' for an unreadable date
    findings = after["findings"]
    assert isinstance(findings, dict) and findings.get("unreadable_date") == len(kept)
