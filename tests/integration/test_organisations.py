"""Contacts who belong to companies (B2B CRMs): a company that still buys keeps its contacts alive.

Three shapes real CRMs use: a column on the contact (Dolibarr ``llx_socpeople.fk_soc``), a join table
(SuiteCRM ``accounts_contacts``), a self-reference (Odoo ``res_partner.parent_id``). On every backend a
real sweep runs: a contact whose own activity is old but whose company invoiced recently is kept
unchanged; a contact whose companies are all quiet (or who has none) is anonymised; company rows and
invoices are never changed; the validation gate passes; a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, select

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration, pytest.mark.slow]

AS_OF = "2025-06-30"
OLD, RECENT, ANCIENT = dt.datetime(2019, 3, 1), dt.datetime(2025, 1, 15), dt.date(2015, 5, 1)


def _schema(shape: str) -> tuple[MetaData, dict[str, Table]]:
    md = MetaData()
    people = "partners" if shape == "self" else "contacts"
    t: dict[str, Table] = {}
    if shape != "self":
        t["org"] = Table(
            "companies", md, Column("id", Integer, primary_key=True), Column("name", String(100))
        )
    cols: list[Any] = [
        Column("id", Integer, primary_key=True),
        Column("first_name", String(60)),
        Column("email", String(120)),
        Column("created_at", DateTime),
        Column("anonymised_at", DateTime, nullable=True),
    ]
    if shape == "column":
        cols.append(Column("company_id", Integer, ForeignKey("companies.id"), nullable=True))
    if shape == "self":
        cols += [
            Column("is_company", Integer),
            Column("parent_id", Integer, ForeignKey("partners.id"), nullable=True),
        ]
    t["people"] = Table(people, md, *cols)
    if shape == "join":
        t["join"] = Table(
            "accounts_contacts",
            md,
            Column("id", Integer, primary_key=True),
            Column("contact_id", Integer, ForeignKey("contacts.id")),
            Column("account_id", Integer, ForeignKey("companies.id")),
        )
    org_ref = "partners.id" if shape == "self" else "companies.id"
    t["invoices"] = Table(
        "company_invoices",
        md,
        Column("id", Integer, primary_key=True),
        Column("company_id", Integer, ForeignKey(org_ref)),
        Column("issued_at", Date),
        Column("amount", Integer),
    )
    t["calls"] = Table(
        "calls",
        md,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer, ForeignKey(f"{people}.id")),
        Column("occurred_at", DateTime),
        Column("summary", String(200)),
    )
    return md, t


def _policy(shape: str) -> str:
    people = "partners" if shape == "self" else "contacts"
    org = {
        "column": "{table: companies, key: id, column: company_id, tables: {company_invoices: company_id}}",
        "join": (
            "{table: companies, key: id, join: {table: accounts_contacts, subject_column: contact_id, "
            "organisation_column: account_id}, tables: {company_invoices: company_id}}"
        ),
        "self": "{table: partners, key: id, column: parent_id, tables: {company_invoices: company_id}}",
    }[shape]
    where = "\n    where: {is_company: [0]}" if shape == "self" else ""
    return f"""
version: "t1"
controller: "Test SAS"
crm: b2b_{shape}
guard: {{max_share: 1.0}}        # a tiny CRM: most of it is expired on purpose
subject:
  table: {people}
  key: id
  identifiers: [{{column: email, kind: email}}]
  organisation: {org}
purposes:
  - id: prospection
    title: "Prospection B2B"
    legal_basis: legitimate_interest
    retention: 3y
    clock_starts: "dernier contact, ou dernière facture d'une de ses sociétés"
    at_expiry: "anonymisation"
tables:
  {people}:
    link: {{subject: true}}
    category: identity
    row_action: anonymise
    marker: anonymised_at
    columns:
      first_name: {{category: identity, action: "null"}}
      email: {{category: contact_channel, action: "null"}}
  calls:
    link: {{fk: person_id}}
    category: interaction_history
    row_action: delete
rules:
  - id: R1
    title: "Contacts sans activité, ni la leur ni celle de leurs sociétés"
    purpose: prospection{where}
    clock:
      - {{table: {people}, column: created_at}}
      - {{table: calls, column: occurred_at}}
      - {{table: company_invoices, column: issued_at, organisation: true}}
    scope: {{all: true}}
"""


def _load(url: str, shape: str) -> dict[str, int]:
    """Companies: 100 invoiced in 2025, 200 invoiced in 2015 only. Contacts (all created and called in
    2019): 1 of company 100, 2 of company 200, 3 of none; with the join table, 4 of both companies."""
    md, t = _schema(shape)
    engine = make_engine(url)
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            people = t["people"]
            if shape == "self":
                for cid, name in ((100, "Active SA"), (200, "Dormante SARL")):
                    conn.execute(
                        people.insert().values(id=cid, first_name=name, created_at=OLD, is_company=1)
                    )
            else:
                conn.execute(
                    t["org"].insert(), [{"id": 100, "name": "Active SA"}, {"id": 200, "name": "Dormante"}]
                )
            company = {1: 100, 2: 200, 3: None, 4: None}
            for pid in (1, 2, 3, 4):
                row: dict[str, Any] = {
                    "id": pid,
                    "first_name": f"Personne{pid}",
                    "email": f"p{pid}@exemple.fr",
                    "created_at": OLD,
                }
                if shape == "column":
                    row["company_id"] = company[pid]
                if shape == "self":
                    row.update(is_company=0, parent_id=company[pid])
                conn.execute(people.insert().values(**row))
                conn.execute(
                    t["calls"].insert().values(id=pid, person_id=pid, occurred_at=OLD, summary="appel")
                )
            if shape == "join":
                links = [(1, 100), (2, 200), (4, 100), (4, 200)]
                conn.execute(
                    t["join"].insert(),
                    [{"id": i, "contact_id": c, "account_id": a} for i, (c, a) in enumerate(links, 1)],
                )
            conn.execute(
                t["invoices"].insert(),
                [
                    {"id": 1, "company_id": 100, "issued_at": RECENT.date(), "amount": 900},
                    {"id": 2, "company_id": 100, "issued_at": ANCIENT, "amount": 100},
                    {"id": 3, "company_id": 200, "issued_at": ANCIENT, "amount": 500},
                ],
            )
    finally:
        engine.dispose()
    return {"people": 4}


def _rows(url: str, shape: str) -> dict[str, list[tuple[Any, ...]]]:
    _, t = _schema(shape)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: [tuple(r) for r in conn.execute(select(table).order_by(table.c.id))]
                for name, table in t.items()
            }
    finally:
        engine.dispose()


@pytest.mark.parametrize("shape", ["column", "join", "self"])
def test_a_company_that_still_buys_keeps_its_contacts(
    shape: str,
    scratch_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "organisation-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    _load(scratch_url, shape)
    policy = tmp_path / "policy.yaml"
    policy.write_text(_policy(shape), encoding="utf-8")
    before = _rows(scratch_url, shape)
    args = ["--policy", str(policy), "--crm", scratch_url, "--ledger", f"sqlite:///{tmp_path / 'l.db'}"]
    capsys.readouterr()
    assert main(["sweep", *args, "--as-of", AS_OF, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["validation"]["passed"], summary["validation"]
    after = _rows(scratch_url, shape)

    people = {r[0]: r for r in after["people"]}
    was = {r[0]: r for r in before["people"]}
    kept = {1, 4} if shape == "join" else {1}  # company 100 invoiced in 2025
    erased = {2, 3} | ({4} - kept)
    for pid in kept:
        assert people[pid] == was[pid], f"contact {pid} of an active company was changed"
    for pid in erased:
        assert people[pid][1] is None and people[pid][2] is None, f"contact {pid} kept: {people[pid]}"
        assert people[pid][4] is not None  # marker set
    calls = {r[1] for r in after["calls"]}
    assert calls == kept, calls
    # the companies' own rows are legal persons' data: never changed
    assert after["invoices"] == before["invoices"]
    if shape == "self":
        assert people[100] == was[100] and people[200] == was[200]
    else:
        assert after["org"] == before["org"]
    # nothing left to do on a second run
    assert main(["sweep", *args, "--as-of", AS_OF, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows_affected"] == 0
    # a request reads the same clocks (which purposes still reach the person): access for contact 1
    out = tmp_path / "access"
    assert (
        main(
            [
                "request",
                "access",
                "--email",
                "p1@exemple.fr",
                "--reference",
                "ACC-1",
                "--out",
                str(out),
                *args,
            ]
        )
        == 0
    )
    assert "closed" in capsys.readouterr().out
    assert list(out.glob("*.zip")), "no export bundle"
    # policy check shows the organisation and its clock, and counts its tables as named
    assert main(["policy", "check", "--policy", str(policy), "--crm", scratch_url, "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    assert checked["subject"]["organisation"].startswith("partners" if shape == "self" else "companies")
    assert "company_invoices.issued_at (its organisations)" in checked["rules"][0]["clock"]
    assert checked["not_in_policy"] == []


def test_an_organisation_clock_needs_the_organisation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        _policy("column").replace(
            "  organisation: {table: companies, key: id, column: company_id, tables: {company_invoices: company_id}}\n",
            "",
        ),
        encoding="utf-8",
    )
    assert main(["policy", "check", "--policy", str(policy), "--crm", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    assert "organisation: true needs subject.organisation" in capsys.readouterr().err
