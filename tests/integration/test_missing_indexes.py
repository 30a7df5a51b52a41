"""`crm-privacy plan` names the indexes the policy's links need when the CRM lacks them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from crm_privacy.cli import main

pytestmark = pytest.mark.integration

POLICY = str(Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml")


def test_plan_lists_the_missing_indexes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "crm.db"
    assert (
        main(
            [
                "demo-db",
                "--url",
                f"sqlite:///{db}",
                "--contacts",
                "100",
                "--seed",
                "2",
                "--as-of",
                "2025-06-30",
            ]
        )
        == 0
    )
    args = [
        "plan",
        "--policy",
        POLICY,
        "--crm",
        f"sqlite:///{db}",
        "--ledger",
        f"sqlite:///{tmp_path / 'l.db'}",
        "--as-of",
        "2025-06-30",
        "--json",
    ]
    capsys.readouterr()
    assert main(args) == 0
    missing = {
        (m["table"], tuple(m["columns"])) for m in json.loads(capsys.readouterr().out)["missing_indexes"]
    }
    assert ("contacts", ("phone",)) in missing and ("interactions", ("contact_id",)) not in missing
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX ix_interactions_contact")
        conn.execute("CREATE INDEX ix_contacts_phone ON contacts (phone)")
    assert main(args) == 0
    missing = {
        (m["table"], tuple(m["columns"])) for m in json.loads(capsys.readouterr().out)["missing_indexes"]
    }
    assert ("interactions", ("contact_id",)) in missing and ("contacts", ("phone",)) not in missing
