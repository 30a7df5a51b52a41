"""`crm-privacy plan` names the indexes the policy's links need when the CRM lacks them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from crm_privacy.cli import main

if TYPE_CHECKING:
    from conftest import CrmBackend

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


def test_trigram_index_proposed_for_free_text_on_postgresql(
    crm_backend: CrmBackend, demo_crm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On PostgreSQL a request's search for a person in other people's notes reads the notes whole
    without a trigram index: the plan proposes one, and stops once it exists. Elsewhere: no such line."""
    from sqlalchemy import text

    from crm_privacy.crm.engine import make_engine

    args = [
        "plan",
        "--policy",
        POLICY,
        "--crm",
        demo_crm,
        "--ledger",
        f"sqlite:///{tmp_path / 'l.db'}",
        "--as-of",
        "2025-06-30",
        "--json",
    ]
    capsys.readouterr()
    assert main(args) == 0
    trigram = [
        m for m in json.loads(capsys.readouterr().out)["missing_indexes"] if "gin_trgm_ops" in m["create"]
    ]
    if crm_backend.name != "postgresql":
        assert trigram == []
        return
    assert [(m["table"], m["columns"]) for m in trigram] == [("notes", ["body"])]
    engine = make_engine(demo_crm)
    try:
        with engine.begin() as conn:
            for statement in str(trigram[0]["create"]).split(";"):
                conn.execute(text(statement))
    finally:
        engine.dispose()
    assert main(args) == 0
    after = json.loads(capsys.readouterr().out)["missing_indexes"]
    assert not [m for m in after if "gin_trgm_ops" in m["create"]]
