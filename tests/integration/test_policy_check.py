"""`crm-privacy policy check`: a policy read against a CRM's schema, on every backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine

if TYPE_CHECKING:
    from conftest import CrmBackend

pytestmark = pytest.mark.integration

POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"


def _checksum(url: str) -> list[tuple[str, int]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [
                (t, int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()))
                for t in ("contacts", "interactions", "notes", "invoices")
            ]
    finally:
        engine.dispose()


def test_policy_check_shows_each_tables_path_and_rules(
    crm_backend: CrmBackend, demo_crm: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(demo_crm)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE marketing_export (id INTEGER PRIMARY KEY, email VARCHAR(200))"))
    finally:
        engine.dispose()
    before = _checksum(demo_crm)
    capsys.readouterr()
    assert main(["policy", "check", "--policy", str(POLICY), "--crm", demo_crm, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    tables = {t["table"]: t for t in result["tables"]}
    assert tables["contacts"]["reaches_subject"] == ["the subject itself"]
    assert tables["interactions"]["reaches_subject"] == ["contact_id -> contacts"]
    assert tables["notes"]["reaches_subject"] == [
        "parent_type = 'contact': parent_id -> contacts",
        "parent_type = 'opportunity': parent_id -> opportunities, then contact_id -> contacts",
    ]
    # the planner's own steps: contracts are kept by every rule, invoices go to the archive under R2
    assert tables["contracts"]["rules"] == []
    assert {"rule": "R2", "actions": ["archive", "delete"]} in tables["invoices"]["rules"]
    assert [r["rule"] for r in tables["interactions"]["rules"]] == ["R1", "R4"]
    rules = {r["rule"]: r for r in result["rules"]}
    assert rules["R2"]["tables"] == ["invoices"] and rules["C1"]["kind"] == "consent"
    assert result["not_in_policy"] == ["marketing_export"]  # a table holding e-mails no rule covers
    assert _checksum(demo_crm) == before  # the schema is read, no row changed

    assert main(["policy", "check", "--policy", str(POLICY), "--crm", demo_crm]) == 0
    out = capsys.readouterr().out
    assert "reaches the subject by contact_id -> contacts" in out and "contracts [contract]: keep" in out
    assert "tables of the CRM the policy does not name: marketing_export" in out


def test_policy_check_names_what_does_not_fit(
    crm_backend: CrmBackend, demo_crm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "policy.yaml"
    broken.write_text(
        POLICY.read_text(encoding="utf-8").replace("marker: anonymised_at", "marker: anonymized_at"),
        encoding="utf-8",
    )
    before = _checksum(demo_crm)
    capsys.readouterr()
    assert main(["policy", "check", "--policy", str(broken), "--crm", demo_crm]) == 2
    err = capsys.readouterr().err
    assert "contacts.anonymized_at (tables.contacts.marker)" in err and str(broken) in err
    assert _checksum(demo_crm) == before


def test_policy_check_with_the_server_down(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    assert main(["policy", "check", "--policy", str(POLICY), "--crm", url]) == 2
    assert "127.0.0.1" in capsys.readouterr().err
