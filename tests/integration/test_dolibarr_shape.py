"""The B2B organisation feature on a schema shaped like Dolibarr (llx_societe, llx_socpeople, ...).

Independent check written from docs/policy.md (`subject.organisation`, `policy draft`, `policy check`,
the calendar convention): run date 2025-06-30, 3-year prospecting rule, so a date before 2022-06-30
is expired. A contact whose own events are old but whose company (llx_societe) was invoiced in 2025
is kept unchanged; a contact of a company last invoiced in 2016 is anonymised and its events deleted;
so is an old contact without a company; a contact with a recent own event is kept. Companies and
invoices are never changed; the validation gate passes; a second sweep changes nothing.
Foreign keys: declared for llx_socpeople.fk_soc and llx_facture.fk_soc (as Dolibarr does); NOT
declared for llx_actioncomm.fk_contact / fk_soc (Dolibarr only indexes them): the policy links it
with `fk: fk_contact`, a "declared relation for schemas without foreign keys".
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from crms.checks import cli as _cli
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, MetaData, Numeric, String, Table, select
from sqlalchemy.types import Text

from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration, pytest.mark.slow]

AS_OF = "2025-06-30"
KEPT_COMPANY_BUYS, ANONYMISED_OLD_COMPANY, ANONYMISED_NO_COMPANY, KEPT_OWN_EVENT = 1, 2, 3, 4

md = MetaData()
societe = Table(
    "llx_societe",
    md,
    Column("rowid", Integer, primary_key=True),
    Column("nom", String(128), nullable=False),
    Column("client", Integer, nullable=False, default=0),  # 0 none, 1 client, 2 prospect
    Column("code_client", String(24)),
    Column("siren", String(128)),
    Column("town", String(50)),
    Column("datec", DateTime),
    Column("tms", DateTime),
)
socpeople = Table(
    "llx_socpeople",
    md,
    Column("rowid", Integer, primary_key=True),
    Column("datec", DateTime),
    Column("tms", DateTime),
    Column("fk_soc", Integer, ForeignKey("llx_societe.rowid"), nullable=True),
    Column("civility", String(6)),
    Column("lastname", String(50), nullable=False),
    Column("firstname", String(50)),
    Column("zip", String(25)),
    Column("town", String(255)),
    Column("poste", String(80)),
    Column("phone_mobile", String(30)),
    Column("email", String(255)),
    Column("note_private", Text),
    Column("statut", Integer, nullable=False, default=1),
    Column("anonymised_at", DateTime, nullable=True),  # our marker, not Dolibarr's
)
facture = Table(
    "llx_facture",
    md,
    Column("rowid", Integer, primary_key=True),
    Column("ref", String(30), nullable=False, unique=True),
    Column("fk_soc", Integer, ForeignKey("llx_societe.rowid"), nullable=False),
    Column("datec", DateTime),
    Column("datef", Date),
    Column("total_ttc", Numeric(24, 8)),
    Column("fk_statut", Integer, nullable=False, default=0),
    Column("paye", Integer, nullable=False, default=0),
    Column("tms", DateTime),
)
actioncomm = Table(
    "llx_actioncomm",
    md,
    Column("rowid", Integer, primary_key=True),
    Column("ref", String(30), nullable=False),
    Column("code", String(50)),
    Column("datep", DateTime),
    Column("label", String(255), nullable=False),
    Column("note", Text),
    Column("fk_soc", Integer, index=True),  # no FOREIGN KEY declared, like Dolibarr
    Column("fk_contact", Integer, index=True),  # no FOREIGN KEY declared, like Dolibarr
    Column("percent", Integer, nullable=False, default=0),
    Column("datec", DateTime),
    Column("tms", DateTime),
)

D = dt.datetime
SOCIETES = [
    dict(
        rowid=1,
        nom="Boulangerie Martin SARL",
        client=1,
        code_client="CU1501-0001",
        siren="412345678",
        town="Lyon",
        datec=D(2015, 1, 5),
        tms=D(2025, 3, 12),
    ),
    dict(
        rowid=2,
        nom="Menuiserie Dupuis et Fils",
        client=1,
        code_client="CU1401-0002",
        siren="398765432",
        town="Nantes",
        datec=D(2014, 1, 20),
        tms=D(2016, 11, 4),
    ),
]
FACTURES = [
    dict(
        rowid=1,
        ref="FA1803-0001",
        fk_soc=1,
        datec=D(2018, 3, 2),
        datef=dt.date(2018, 3, 2),
        total_ttc=Decimal("1250.40"),
        fk_statut=2,
        paye=1,
        tms=D(2018, 4, 1),
    ),
    dict(
        rowid=2,
        ref="FA2503-0042",
        fk_soc=1,
        datec=D(2025, 3, 12),
        datef=dt.date(2025, 3, 12),
        total_ttc=Decimal("864.00"),
        fk_statut=1,
        paye=0,
        tms=D(2025, 3, 12),
    ),
    dict(
        rowid=3,
        ref="FA1611-0007",
        fk_soc=2,
        datec=D(2016, 11, 4),
        datef=dt.date(2016, 11, 4),
        total_ttc=Decimal("3420.00"),
        fk_statut=2,
        paye=1,
        tms=D(2016, 12, 1),
    ),
]


def _contact(
    rowid: int,
    fk_soc: int | None,
    civ: str,
    last: str,
    first: str,
    mobile: str,
    email: str,
    zip_: str,
    town: str,
    poste: str,
    datec: dt.datetime,
) -> dict[str, Any]:
    return dict(
        rowid=rowid,
        datec=datec,
        tms=datec,
        fk_soc=fk_soc,
        civility=civ,
        lastname=last,
        firstname=first,
        zip=zip_,
        town=town,
        poste=poste,
        phone_mobile=mobile,
        email=email,
        note_private=f"Rappeler {first} {last} au {mobile} ou {email}.",
        statut=1,
        anonymised_at=None,
    )


CONTACTS = [
    _contact(
        1,
        1,
        "MME",
        "Martin",
        "Camille",
        "06 12 34 56 78",
        "camille.martin@boulangerie-martin.fr",
        "69003",
        "Lyon",
        "Gérante",
        D(2019, 2, 1),
    ),
    _contact(
        2,
        2,
        "MR",
        "Dupuis",
        "Jean-Pierre",
        "06 98 76 54 32",
        "jp.dupuis@menuiserie-dupuis.fr",
        "44000",
        "Nantes",
        "Directeur",
        D(2016, 5, 10),
    ),
    _contact(
        3,
        None,
        "MME",
        "Lefèvre",
        "Sophie",
        "07 11 22 33 44",
        "sophie.lefevre@orange.fr",
        "33000",
        "Bordeaux",
        "Consultante",
        D(2018, 9, 1),
    ),
    _contact(
        4,
        2,
        "MR",
        "Moreau",
        "Nicolas",
        "06 55 44 33 22",
        "nicolas.moreau@menuiserie-dupuis.fr",
        "44100",
        "Nantes",
        "Acheteur",
        D(2017, 1, 1),
    ),
]


def _event(rowid: int, fk_contact: int | None, fk_soc: int | None, when: dt.datetime, label: str) -> dict:
    return dict(
        rowid=rowid,
        ref=str(rowid),
        code="AC_TEL",
        datep=when,
        label=label,
        note="Compte rendu d'appel.",
        fk_soc=fk_soc,
        fk_contact=fk_contact,
        percent=100,
        datec=when,
        tms=when,
    )


EVENTS = [
    _event(1, 1, 1, D(2019, 3, 15, 10), "Appel de présentation"),
    _event(2, 2, 2, D(2019, 4, 20, 14), "Relance devis escalier"),
    _event(3, 2, 2, D(2018, 6, 1, 9), "Rendez-vous atelier"),
    _event(4, 3, None, D(2019, 1, 10, 11), "Appel découverte"),
    _event(5, 4, 2, D(2018, 2, 2, 16), "Salon Batimat"),
    _event(6, 4, 2, D(2025, 2, 10, 15), "Demande de catalogue"),
    _event(7, None, 1, D(2016, 1, 4, 9), "Visite société"),  # a company's event: nobody's
    _event(8, None, 2, D(2016, 3, 4, 9), "Visite société"),
]

POLICY = textwrap.dedent("""\
    version: "dolibarr-test-1"
    controller: "Menuiserie Test SAS, 1 rue du Bois, 44000 Nantes"
    crm: dolibarr
    subject:
      table: llx_socpeople
      key: rowid
      identifiers:
        - {column: email, kind: email}
        - {column: phone_mobile, kind: phone}
      organisation:
        table: llx_societe
        key: rowid
        column: fk_soc
        tables:
          llx_facture: fk_soc
    purposes:
      - id: prospection
        title: "Prospection commerciale B2B"
        legal_basis: legitimate_interest
        retention: 3y
        clock_starts: "création du contact, dernier événement, dernière facture de sa société"
        at_expiry: "anonymisation du contact, suppression de ses événements"
    tables:
      llx_socpeople:
        key: rowid
        link: {subject: true}
        category: identity
        row_action: anonymise
        marker: anonymised_at
        columns:
          civility:     {category: identity, action: "null"}
          lastname:     {category: identity, action: fake, params: {kind: last_name}}
          firstname:    {category: identity, action: fake, params: {kind: first_name}}
          email:        {category: contact_channel, action: hmac, params: {kind: email}}
          phone_mobile: {category: contact_channel, action: "null"}
          zip:          {category: location, action: generalise, params: {to: departement}}
          town:         {category: location, action: "null"}
          poste:        {category: professional, action: redact, params: {value: "(anonymisé)"}}
          note_private: {category: free_text, action: scrub_text}
      llx_actioncomm:
        key: rowid
        link: {fk: fk_contact}
        category: interaction_history
        row_action: delete
    rules:
      - id: R1
        title: "Contact sans activité ni achat de sa société depuis 3 ans"
        purpose: prospection
        clock:
          - {table: llx_socpeople, column: datec}
          - {table: llx_actioncomm, column: datep}
          - {table: llx_facture, column: datef, organisation: true}
        scope: {all: true}
    guard:
      max_share: 1.0
      batch_size: 100
    """)


def _seed(url: str) -> None:
    engine = make_engine(url)
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            for table, rows in (
                (societe, SOCIETES),
                (facture, FACTURES),
                (socpeople, CONTACTS),
                (actioncomm, EVENTS),
            ):
                conn.execute(table.insert(), rows)
    finally:
        engine.dispose()


def _snapshot(url: str) -> dict[str, dict[int, tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: {r[0]: tuple(r) for r in conn.execute(select(t).order_by(t.c.rowid))}
                for t in (societe, socpeople, facture, actioncomm)
            }
    finally:
        engine.dispose()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "dolibarr-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    return tmp_path


def _sweep(capsys: pytest.CaptureFixture[str], policy: Path, url: str, ledger: str) -> dict[str, Any]:
    code, out = _cli(
        capsys, "sweep", "--policy", str(policy), "--crm", url, "--ledger", ledger, "--as-of", AS_OF, "--json"
    )
    assert code == 0
    return json.loads(out)


def test_dolibarr_organisation_sweep(scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(scratch_url)
    before = _snapshot(scratch_url)
    ledger = f"sqlite:///{env / 'ledger.db'}"

    # 1. The draft, on the untouched CRM: it loads, passes the check and dry-runs (docs/policy.md).
    draft = env / "draft.yaml"
    code, _ = _cli(
        capsys, "policy", "draft", "--crm", scratch_url, "--subject", "llx_socpeople", "--out", str(draft)
    )
    assert code == 0 and draft.is_file()
    draft_text = draft.read_text(encoding="utf-8")
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
        AS_OF,
        "--json",
    )
    assert code == 0
    draft_plan = out
    assert _snapshot(scratch_url) == before, "policy draft / check / plan changed the CRM"

    # 2. Our policy: check, then a dry run that plans exactly the two expired contacts.
    policy = env / "dolibarr.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    code, out = _cli(capsys, "policy", "check", "--policy", str(policy), "--crm", scratch_url)
    assert code == 0, out
    code, out = _cli(
        capsys,
        "plan",
        "--policy",
        str(policy),
        "--crm",
        scratch_url,
        "--ledger",
        ledger,
        "--as-of",
        AS_OF,
        "--json",
    )
    assert code == 0
    plan = json.loads(out)
    assert plan["dry_run"] is True and plan["rows_affected"] == 0
    assert plan["tables"] == {"llx_socpeople": 2, "llx_actioncomm": 3}, plan["tables"]
    assert [r["subjects"] for r in plan["rules"]] == [2]
    assert _snapshot(scratch_url) == before, "plan (dry run) changed the CRM"

    # 3. The real sweep.
    summary = _sweep(capsys, policy, scratch_url, ledger)
    assert summary["status"] == "succeeded"
    assert summary["guard"]["verdict"] == "passed"
    assert summary["validation"]["passed"] is True, summary["validation"]
    assert summary["validation"]["failed"] == []
    assert summary["rows_affected"] == 5
    assert summary["tables_affected"] == {"llx_socpeople": 2, "llx_actioncomm": 3}
    after = _snapshot(scratch_url)

    # Companies and invoices: the organisation's data, never changed by a rule.
    assert after["llx_societe"] == before["llx_societe"]
    assert after["llx_facture"] == before["llx_facture"]
    # Kept contacts: byte for byte (company invoiced in 2025; own event in 2025).
    for kept in (KEPT_COMPANY_BUYS, KEPT_OWN_EVENT):
        assert after["llx_socpeople"][kept] == before["llx_socpeople"][kept], f"contact {kept} changed"
    assert set(after["llx_socpeople"]) == {1, 2, 3, 4}, "an anonymised contact must stay as a row"
    # Anonymised contacts: every personal column treated, the marker set, the rest untouched.
    engine = make_engine(scratch_url)
    try:
        with engine.connect() as conn:
            rows = {r.rowid: r for r in conn.execute(select(socpeople))}
    finally:
        engine.dispose()
    for gone, zip_dept in ((ANONYMISED_OLD_COMPANY, "44"), (ANONYMISED_NO_COMPANY, "33")):
        orig = next(c for c in CONTACTS if c["rowid"] == gone)
        row = rows[gone]
        assert row.anonymised_at is not None, f"contact {gone}: marker not set"
        assert row.email is not None and row.email.startswith("pz:"), f"contact {gone}: e-mail"
        assert row.phone_mobile is None and row.civility is None and row.town is None
        assert row.zip == zip_dept, f"contact {gone}: zip {row.zip!r}"
        assert row.poste == "(anonymisé)"
        assert row.lastname != orig["lastname"] and row.firstname != orig["firstname"]
        note = row.note_private or ""
        for value in (orig["lastname"], orig["firstname"], orig["email"], orig["phone_mobile"]):
            assert value.lower() not in note.lower(), f"contact {gone}: note still holds a value"
        assert (row.fk_soc, row.datec, row.statut) == (orig["fk_soc"], orig["datec"], 1)
    # Events: those of the two anonymised contacts deleted, every other one (companies' too) unchanged.
    assert set(after["llx_actioncomm"]) == {1, 5, 6, 7, 8}
    for rowid, event in after["llx_actioncomm"].items():
        assert event == before["llx_actioncomm"][rowid], f"event {rowid} changed"

    # 4. A second sweep on the same date changes nothing.
    again = _sweep(capsys, policy, scratch_url, ledger)
    assert again["status"] == "succeeded" and again["rows_affected"] == 0, again
    assert again["validation"]["passed"] is True
    assert _snapshot(scratch_url) == after

    # 5. Last (so that it masks none of the above): docs/policy.md says the draft links "a table
    # without foreign keys ... by a column named like a link (`contact_id`, `fk_contact`)".
    # Dolibarr's agenda table has exactly `fk_contact`, with no FOREIGN KEY.
    print(f"----- policy draft -----\n{draft_text}----- its plan -----\n{draft_plan}")
    drafted = yaml.safe_load(draft_text)
    assert drafted["subject"]["organisation"]["table"] == "llx_societe"  # the docs' own example
    assert "llx_actioncomm" in drafted["tables"], (
        "policy draft did not link llx_actioncomm by its fk_contact column (no FK declared)"
    )
    assert drafted["tables"]["llx_actioncomm"]["link"] == {"fk": "fk_contact"}
