"""A record split over two tables the vtiger way: a global entity table (one row per record of every
module, holding its label and description) is the FOREIGN KEY parent of each module's table, while the
policy attaches the entity rows to their record by type and id (``polymorphic``). The two orders
contradict each other: the foreign key wins, the policy is accepted, and a rule that would delete the
record outright (its entity row could no longer be found) is refused with a message naming both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_privacy.cli import main

pytestmark = [pytest.mark.integration]

SCHEMA = """
CREATE TABLE entity (crmid INTEGER PRIMARY KEY, setype VARCHAR(30) NOT NULL, label VARCHAR(255),
                     createdtime DATETIME NOT NULL);
CREATE TABLE contact (contactid INTEGER PRIMARY KEY REFERENCES entity(crmid) ON DELETE CASCADE,
                      lastname VARCHAR(80) NOT NULL);
CREATE TABLE deal (dealid INTEGER PRIMARY KEY REFERENCES entity(crmid) ON DELETE CASCADE,
                   contact_id INTEGER, name VARCHAR(120) NOT NULL);
INSERT INTO entity VALUES (1, 'Contacts', 'Camille Martin', '2015-01-01 10:00:00'),
                          (2, 'Deals', 'Projet Camille Martin', '2015-02-01 10:00:00'),
                          (3, 'Contacts', 'Hugo Bernard', '2025-01-01 10:00:00');
INSERT INTO contact VALUES (1, 'Martin'), (3, 'Bernard');
INSERT INTO deal VALUES (2, 1, 'Projet Camille Martin');
"""

POLICY = """\
version: "t"
controller: "X SAS"
crm: entity-test
subject: {{table: contact, key: contactid}}
purposes:
  - {{id: p, title: "P", legal_basis: legitimate_interest, retention: 3y, clock_starts: "c", at_expiry: "a"}}
tables:
  contact:
    key: contactid
    link: {{subject: true}}
    category: identity
    row_action: anonymise
    columns: {{lastname: {{category: identity, action: redact}}}}
  entity:
    key: crmid
    link: {{polymorphic: {{type_column: setype, id_column: crmid, parents: {{Contacts: contact, Deals: deal}}}}}}
    category: identity
    row_action: anonymise
    columns: {{label: {{category: identity, action: redact}}}}
  deal:
    key: dealid
    link: {{fk: contact_id}}
    category: marketing
    row_action: {deal_action}
{deal_columns}
rules:
  - {{id: R1, title: "t", purpose: p, clock: [{{table: entity, column: createdtime}}], scope: {{all: true}}}}
guard: {{max_share: 1.0}}
"""


def _crm(tmp_path: Path) -> str:
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
    return f"sqlite:///{path}"


def _policy(tmp_path: Path, action: str) -> Path:
    columns = "    columns: {name: {category: marketing, action: redact}}" if action == "anonymise" else ""
    path = tmp_path / f"policy_{action}.yaml"
    path.write_text(POLICY.format(deal_action=action, deal_columns=columns), encoding="utf-8")
    return path


def _rows(url: str) -> dict[str, list[tuple]]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("entity", "contact", "deal")
        }


def test_entity_parent_of_the_record_is_swept_when_records_are_anonymised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "entity-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    url, policy = _crm(tmp_path), _policy(tmp_path, "anonymise")
    assert main(["policy", "check", "--policy", str(policy), "--crm", url]) == 0, capsys.readouterr()
    ledger = f"sqlite:///{tmp_path / 'ledger.db'}"
    argv = ["sweep", "--policy", str(policy), "--crm", url, "--ledger", ledger, "--as-of", "2025-06-30"]
    assert main(argv) == 0, capsys.readouterr()
    rows = _rows(url)
    assert rows["contact"] == [(1, "(supprimé)"), (3, "Bernard")]
    assert rows["deal"] == [(2, 1, "(supprimé)")]
    assert [r[2] for r in rows["entity"]] == ["(supprimé)", "(supprimé)", "Hugo Bernard"]
    assert main(argv) == 0
    assert _rows(url) == rows


def test_deleting_the_record_before_its_entity_row_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, policy = _crm(tmp_path), _policy(tmp_path, "delete")
    before = _rows(url)
    capsys.readouterr()
    assert main(["policy", "check", "--policy", str(policy), "--crm", url]) != 0
    err = capsys.readouterr().err
    assert "tables.entity: rule R1 deletes deal outright" in err
    assert "FOREIGN KEY to entity" in err and "row_action: anonymise" in err
    assert "Traceback" not in err and "CycleError" not in err
    assert _rows(url) == before
