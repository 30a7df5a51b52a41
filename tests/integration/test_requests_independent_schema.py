"""Data-subject requests on a CRM schema of our own, written from the docs only.

An association's CRM with a small shop: ``members`` (the data subject), ``purchases`` (kept, the
shipping street nulled), ``deliveries`` (reached through ``purchases``, deleted), ``visits`` (an
activity log, deleted), ``remarks`` (free text linked to members, scrubbed), ``bills`` (under a
10-year legal hold, moved to ``bills_archive``) and ``newsletter_optins`` (the consent proof).

Every request goes through ``crm_privacy.cli.main`` (the ``crm-privacy`` command, in-process) and
every assertion is what a user checks in the CRM, the ledger's suppression list, the printed JSON
summary and the files written, as docs/requests.md and docs/policy.md describe them. Runs on
SQLite, PostgreSQL and MariaDB (``crm_backend``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from crm_privacy.cli import main

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HMAC_KEY = "0123456789abcdef0123456789abcdef-independent-requests"
RECEIVED = "2025-06-02"

POLICY_YAML = """\
version: "asso-2025.1"
controller: "Les Amis du Sentier (association loi 1901), 4 place du Marché, 44000 Nantes"
dpo: "Référent RGPD, rgpd@amis-du-sentier.example"
crm: asso_boutique

subject:
  table: members
  key: member_id
  identifiers:
    - {column: email, kind: email}
    - {column: phone, kind: phone}
    - {column: member_ref, kind: reference}

purposes:
  - id: adhesion
    title: "Gestion des adhésions"
    legal_basis: contract
    description: "Adhésion, cotisations, vie associative."
    data_subjects: ["adhérents", "anciens adhérents"]
    recipients: ["Bureau de l'association"]
    retention: 3y
    clock_starts: "adhésion ou dernier achat"
    at_expiry: "anonymisation de la fiche"
  - id: boutique
    title: "Boutique en ligne"
    legal_basis: contract
    description: "Commandes et livraisons de la boutique."
    data_subjects: ["acheteurs"]
    recipients: ["Transporteur"]
    retention: 3y
    clock_starts: "dernier achat"
    at_expiry: "suppression de l'adresse de livraison"
  - id: compta
    title: "Obligations comptables"
    legal_basis: legal_obligation
    description: "Factures (C. com. L123-22)."
    data_subjects: ["acheteurs"]
    recipients: ["Expert-comptable"]
    retention: 10y
    clock_starts: "clôture de l'exercice"
    at_expiry: "suppression"
  - id: lettre
    title: "Lettre de l'association"
    legal_basis: consent
    description: "Envoi de la lettre mensuelle."
    data_subjects: ["abonnés"]
    recipients: ["Bureau de l'association"]
    retention: 3y
    clock_starts: "consentement"
    at_expiry: "suppression des centres d'intérêt"
    consent: {required: true, purpose: lettre}

consents:
  table: newsletter_optins
  subject_fk: member_id
  purpose_column: topic
  status_column: state
  granted_value: accepted
  given_at: given_on
  withdrawn_at: withdrawn_on
  text_version: wording_version
  mechanism: channel
  invalid_mechanisms: [prechecked_box]

tables:
  members:
    key: member_id
    link: {subject: true}
    category: identity
    row_action: anonymise
    marker: anonymised_on
    columns:
      first_name: {category: identity, action: fake, params: {kind: first_name}}
      surname:    {category: identity, action: fake, params: {kind: last_name}}
      email:      {category: contact_channel, action: hmac, params: {kind: email}}
      phone:      {category: contact_channel, action: "null"}
      member_ref: {category: identity, action: hmac, params: {kind: reference}}
      street:     {category: contact_channel, action: "null"}
      town:       {category: location, action: "null"}
      interests:  {category: marketing, action: "null"}
  purchases:
    key: purchase_id
    link: {fk: member_id}
    category: contract
    row_action: keep
    columns:
      street: {category: contact_channel, action: "null"}
  deliveries:
    key: delivery_id
    link: {via: "purchase_id -> purchases"}
    category: logistics
    row_action: delete
  visits:
    key: visit_id
    link: {fk: member_id}
    category: activity
    row_action: delete
  remarks:
    key: remark_id
    link: {fk: member_id}
    category: free_text
    row_action: anonymise
    marker: scrubbed_on
    columns:
      body:       {category: free_text, action: scrub_text}
      written_by: {category: staff, action: keep}
    inferred: ["*"]
  newsletter_optins:
    key: optin_id
    link: {fk: member_id}
    category: consent_proof
    row_action: delete
  bills:
    key: bill_id
    link: {fk: member_id}
    category: accounting
    row_action: archive
    archive: {table: bills_archive, reader_role: bills_reader}
    hold:
      legal_basis: "C. com. L123-22"
      purpose: compta
      period: 10y
      starts_at: fiscal_close
      columns:
        payer_email: {category: accounting, action: hmac, params: {kind: email}}
    columns:
      payer_name:  {category: accounting, action: keep}
      street:      {category: accounting, action: keep}
      payer_email: {category: accounting, action: hmac, params: {kind: email}}

rules:
  - id: A1
    title: "Ancien adhérent sans achat depuis 3 ans"
    purpose: adhesion
    where: {status: [former]}
    clock:
      - {table: members, column: joined_on}
      - {table: purchases, column: purchased_on}
    scope: {all: true}
  - kind: consent
    id: L1
    title: "Lettre sans consentement valide"
    purpose: lettre
    where: {status: [active]}
    collected_at: joined_on
    grace: 30d
    scope: {categories: [marketing]}

guard:
  max_share: 0.9
  batch_size: 100
"""


# --- the people ---------------------------------------------------------------------------------

ALICE = {  # erased
    "member_id": 1,
    "first_name": "Alice",
    "surname": "Durand",
    "email": "alice.durand@exemple.org",
    "phone": "06 11 22 33 44",
    "member_ref": "ADH-0001",
    "street": "3 rue des Lilas",
    "town": "Nantes",
}
BRUNO = {  # mentions Alice's e-mail and phone in his remark
    "member_id": 2,
    "first_name": "Bruno",
    "surname": "Lefèvre",
    "email": "bruno.lefevre@exemple.org",
    "phone": "06 22 33 44 55",
    "member_ref": "ADH-0002",
    "street": "8 quai Ceineray",
    "town": "Nantes",
}
CHLOE = {  # access request
    "member_id": 3,
    "first_name": "Chloé",
    "surname": "Martin",
    "email": "chloe.martin@exemple.org",
    "phone": "06 33 44 55 66",
    "member_ref": "ADH-0003",
    "street": "12 rue Crébillon",
    "town": "Nantes",
}
DENIS = {  # shares his household e-mail with Emma
    "member_id": 4,
    "first_name": "Denis",
    "surname": "Roux",
    "email": "famille.roux@exemple.org",
    "phone": "06 44 55 66 77",
    "member_ref": "ADH-0004",
    "street": "1 allée Duguay",
    "town": "Rezé",
}
EMMA = {
    "member_id": 5,
    "first_name": "Emma",
    "surname": "Roux",
    "email": "Famille.Roux@exemple.org ",
    "phone": "06 55 66 77 88",
    "member_ref": "ADH-0005",
    "street": "1 allée Duguay",
    "town": "Rezé",
}
FABIEN = {  # rectification
    "member_id": 6,
    "first_name": "Fabien",
    "surname": "Moreau",
    "email": "fabien.moreau@exemple.org",
    "phone": "06 66 77 88 99",
    "member_ref": "ADH-0006",
    "street": "5 rue Kervégan",
    "town": "Nantes",
}
GAELLE = {  # objection
    "member_id": 7,
    "first_name": "Gaëlle",
    "surname": "Bernard",
    "email": "gaelle.bernard@exemple.org",
    "phone": "06 77 88 99 00",
    "member_ref": "ADH-0007",
    "street": "20 rue de Strasbourg",
    "town": "Nantes",
}
PEOPLE = [ALICE, BRUNO, CHLOE, DENIS, EMMA, FABIEN, GAELLE]
THIRD_PARTY_PHONE = "07 98 76 54 32"  # in Chloé's remark, recorded for nobody

BRUNO_MENTION = (
    "Bruno propose un parrainage : écrire à alice.durand@exemple.org ou appeler le 06 11 22 33 44. "
    "Reçu fiscal envoyé."
)
BRUNO_OTHER = "Cotisation réglée par chèque."
CHLOE_NAME_MENTION = "Réunion avec Alice Durand mardi pour préparer le forum des associations."
ALICE_OWN = "Alice Durand souhaite le programme des sorties, la joindre au 06 11 22 33 44."
CHLOE_OWN = (
    "Chloé préfère être contactée à chloe.martin@exemple.org. "
    f"En cas d'absence, appeler son voisin au {THIRD_PARTY_PHONE}."
)


def build_crm(url: str) -> sa.MetaData:
    """Create the schema with SQLAlchemy Core and insert the rows; returns the metadata."""
    md = sa.MetaData()
    members = sa.Table(
        "members",
        md,
        sa.Column("member_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("first_name", sa.String(80)),
        sa.Column("surname", sa.String(80)),
        sa.Column("email", sa.String(200)),
        sa.Column("phone", sa.String(40)),
        sa.Column("member_ref", sa.String(40)),
        sa.Column("street", sa.String(200)),
        sa.Column("town", sa.String(100)),
        sa.Column("interests", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("joined_on", sa.Date, nullable=False),
        sa.Column("anonymised_on", sa.DateTime, nullable=True),
    )
    purchases = sa.Table(
        "purchases",
        md,
        sa.Column("purchase_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("purchased_on", sa.Date, nullable=False),
        sa.Column("street", sa.String(200)),
        sa.Column("total", sa.Numeric(10, 2)),
    )
    deliveries = sa.Table(
        "deliveries",
        md,
        sa.Column("delivery_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("purchase_id", sa.Integer, sa.ForeignKey("purchases.purchase_id"), nullable=False),
        sa.Column("carrier", sa.String(40)),
        sa.Column("shipped_on", sa.Date),
    )
    visits = sa.Table(
        "visits",
        md,
        sa.Column("visit_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("visited_on", sa.Date),
        sa.Column("event", sa.String(60)),
    )
    remarks = sa.Table(
        "remarks",
        md,
        sa.Column("remark_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("body", sa.Text),
        sa.Column("written_by", sa.String(80)),
        sa.Column("scrubbed_on", sa.DateTime, nullable=True),
    )
    optins = sa.Table(
        "newsletter_optins",
        md,
        sa.Column("optin_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("topic", sa.String(40)),
        sa.Column("state", sa.String(20)),
        sa.Column("given_on", sa.DateTime),
        sa.Column("withdrawn_on", sa.DateTime),
        sa.Column("wording_version", sa.String(20)),
        sa.Column("channel", sa.String(40)),
    )
    bills = sa.Table(
        "bills",
        md,
        sa.Column("bill_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.member_id"), nullable=False),
        sa.Column("bill_no", sa.String(30), nullable=False),
        sa.Column("fiscal_close", sa.Date, nullable=False),
        sa.Column("amount", sa.Numeric(10, 2)),
        sa.Column("payer_name", sa.String(160)),
        sa.Column("street", sa.String(200)),
        sa.Column("payer_email", sa.String(200)),
    )

    engine = sa.create_engine(url)
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            for person in PEOPLE:
                conn.execute(
                    members.insert(),
                    {
                        **person,
                        "interests": "randonnée, botanique",
                        "status": "active",
                        "joined_on": dt.date(2023, 1, 10 + person["member_id"]),
                        "anonymised_on": None,
                    },
                )
            conn.execute(
                purchases.insert(),
                [
                    {
                        "purchase_id": 11,
                        "member_id": 1,
                        "purchased_on": dt.date(2024, 11, 5),
                        "street": ALICE["street"],
                        "total": "42.50",
                    },
                    {
                        "purchase_id": 12,
                        "member_id": 1,
                        "purchased_on": dt.date(2012, 3, 1),
                        "street": ALICE["street"],
                        "total": "10.00",
                    },
                    {
                        "purchase_id": 21,
                        "member_id": 2,
                        "purchased_on": dt.date(2025, 1, 15),
                        "street": BRUNO["street"],
                        "total": "18.00",
                    },
                    {
                        "purchase_id": 31,
                        "member_id": 3,
                        "purchased_on": dt.date(2025, 2, 1),
                        "street": CHLOE["street"],
                        "total": "27.90",
                    },
                    {
                        "purchase_id": 61,
                        "member_id": 6,
                        "purchased_on": dt.date(2025, 3, 3),
                        "street": FABIEN["street"],
                        "total": "12.00",
                    },
                ],
            )
            conn.execute(
                deliveries.insert(),
                [
                    {
                        "delivery_id": 111,
                        "purchase_id": 11,
                        "carrier": "Colissimo",
                        "shipped_on": dt.date(2024, 11, 6),
                    },
                    {
                        "delivery_id": 211,
                        "purchase_id": 21,
                        "carrier": "Mondial Relay",
                        "shipped_on": dt.date(2025, 1, 16),
                    },
                ],
            )
            conn.execute(
                visits.insert(),
                [
                    {
                        "visit_id": 101,
                        "member_id": 1,
                        "visited_on": dt.date(2025, 4, 1),
                        "event": "sortie botanique",
                    },
                    {
                        "visit_id": 102,
                        "member_id": 1,
                        "visited_on": dt.date(2025, 5, 1),
                        "event": "assemblée générale",
                    },
                    {
                        "visit_id": 201,
                        "member_id": 2,
                        "visited_on": dt.date(2025, 5, 1),
                        "event": "assemblée générale",
                    },
                ],
            )
            conn.execute(
                remarks.insert(),
                [
                    {"remark_id": 1001, "member_id": 1, "body": ALICE_OWN, "written_by": "secrétariat"},
                    {"remark_id": 2001, "member_id": 2, "body": BRUNO_MENTION, "written_by": "trésorier"},
                    {"remark_id": 2002, "member_id": 2, "body": BRUNO_OTHER, "written_by": "trésorier"},
                    {
                        "remark_id": 3001,
                        "member_id": 3,
                        "body": CHLOE_NAME_MENTION,
                        "written_by": "secrétariat",
                    },
                    {"remark_id": 3002, "member_id": 3, "body": CHLOE_OWN, "written_by": "secrétariat"},
                ],
            )
            conn.execute(
                optins.insert(),
                [
                    {
                        "optin_id": 501,
                        "member_id": 1,
                        "topic": "lettre",
                        "state": "accepted",
                        "given_on": dt.datetime(2023, 1, 11, 9, 0),
                        "withdrawn_on": None,
                        "wording_version": "v2",
                        "channel": "web_form",
                    },
                    {
                        "optin_id": 502,
                        "member_id": 2,
                        "topic": "lettre",
                        "state": "accepted",
                        "given_on": dt.datetime(2023, 1, 12, 9, 0),
                        "withdrawn_on": None,
                        "wording_version": "v2",
                        "channel": "web_form",
                    },
                    {
                        "optin_id": 503,
                        "member_id": 3,
                        "topic": "lettre",
                        "state": "accepted",
                        "given_on": dt.datetime(2023, 1, 13, 9, 0),
                        "withdrawn_on": None,
                        "wording_version": "v2",
                        "channel": "web_form",
                    },
                ],
            )
            conn.execute(
                bills.insert(),
                [
                    # under the hold until 2034-12-31: archived, not deleted
                    {
                        "bill_id": 901,
                        "member_id": 1,
                        "bill_no": "F-2024-0117",
                        "fiscal_close": dt.date(2024, 12, 31),
                        "amount": "42.50",
                        "payer_name": "Alice Durand",
                        "street": ALICE["street"],
                        "payer_email": ALICE["email"],
                    },
                    # hold over since 2022-12-31: deleted
                    {
                        "bill_id": 902,
                        "member_id": 1,
                        "bill_no": "F-2012-0033",
                        "fiscal_close": dt.date(2012, 12, 31),
                        "amount": "10.00",
                        "payer_name": "Alice Durand",
                        "street": ALICE["street"],
                        "payer_email": ALICE["email"],
                    },
                    {
                        "bill_id": 911,
                        "member_id": 2,
                        "bill_no": "F-2025-0004",
                        "fiscal_close": dt.date(2025, 12, 31),
                        "amount": "18.00",
                        "payer_name": "Bruno Lefèvre",
                        "street": BRUNO["street"],
                        "payer_email": BRUNO["email"],
                    },
                    {
                        "bill_id": 961,
                        "member_id": 6,
                        "bill_no": "F-2025-0009",
                        "fiscal_close": dt.date(2025, 12, 31),
                        "amount": "12.00",
                        "payer_name": "Fabien Moreau",
                        "street": FABIEN["street"],
                        "payer_email": FABIEN["email"],
                    },
                ],
            )
    finally:
        engine.dispose()
    return md


def _create_reader_role(url: str, backend: str) -> None:
    """The archive's reader role must exist on the server (docs/policy.md, Archive)."""
    if backend == "sqlite":
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if backend == "postgresql":
                exists = conn.execute(
                    sa.text("SELECT 1 FROM pg_roles WHERE rolname = 'bills_reader'")
                ).first()
                if exists is None:
                    with contextlib.suppress(sa.exc.DBAPIError):  # created meanwhile by a parallel test
                        conn.execute(sa.text("CREATE ROLE bills_reader NOLOGIN"))
            else:
                conn.execute(sa.text("CREATE ROLE IF NOT EXISTS bills_reader"))
    finally:
        engine.dispose()


# --- running the CLI ----------------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Env:
    backend: str
    crm: str
    ledger: str
    policy: Path
    out: Path
    reports: Path
    tmp: Path
    run: Callable[..., Result]

    def request(self, kind: str, *args: str, json_out: bool = True) -> Result:
        argv = [
            "request",
            kind,
            "--policy",
            str(self.policy),
            "--crm",
            self.crm,
            "--ledger",
            self.ledger,
            "--out",
            str(self.out),
            *args,
        ]
        if json_out:
            argv.append("--json")
        return self.run(argv)

    def suppression(self, *lines: dict[str, str]) -> tuple[Result, list[dict[str, Any]]]:
        stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        result = self.run(["suppression", "check", "--ledger", self.ledger], stdin=stdin)
        answers = [json.loads(line) for line in result.out.splitlines() if line.strip()]
        return result, answers


@pytest.fixture
def env(crm_backend, scratch_url, make_scratch_url, tmp_path, monkeypatch, capsys) -> Env:
    reports = tmp_path / "reports"
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", HMAC_KEY)
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(reports))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    monkeypatch.setenv("CRM_PRIVACY_REPORT_LANG", "fr")
    policy = tmp_path / "asso_boutique.yaml"
    policy.write_text(POLICY_YAML, encoding="utf-8")
    monkeypatch.setenv("CRM_PRIVACY_POLICY", str(policy))
    build_crm(scratch_url)
    _create_reader_role(scratch_url, crm_backend.name)
    ledger = make_scratch_url(crm_backend)

    def run(argv: list[str], stdin: str = "") -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse errors, or a main() that exits
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return Result(int(code or 0), captured.out, captured.err)

    return Env(crm_backend.name, scratch_url, ledger, policy, tmp_path / "out", reports, tmp_path, run)


# --- reading the CRM ----------------------------------------------------------------------------


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the CRM, sorted: two snapshots are equal when nothing changed."""
    engine = sa.create_engine(url)
    try:
        md = sa.MetaData()
        md.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
                for name, table in sorted(md.tables.items())
            }
    finally:
        engine.dispose()


def rows(url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def table_names(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def phone_pattern(phone: str) -> re.Pattern[str]:
    """The recorded phone in any usual writing: 06 11..., 0611..., 06.11..., +33 6 11..., 0033 6..."""
    national = phone_digits(phone)[1:]  # without the trunk 0
    body = r"[\s.\-]?".join(national)
    return re.compile(rf"(?<!\d)(?:0|\+33\s?(?:\(0\)\s?)?|0033\s?){body}(?!\d)")


def assert_no_identifier(text: str, person: dict[str, Any], where: str) -> None:
    lowered = text.lower()
    for value in (person["email"].strip().lower(), person["member_ref"].lower()):
        assert value not in lowered, f"{where} holds an identifier of {person['first_name']}: {value!r}"
    found = phone_pattern(person["phone"]).search(text)
    assert found is None, f"{where} holds the phone of {person['first_name']}: {found.group(0)!r}"


def written_text_files(env: Env) -> list[Path]:
    """Reports, letters, Data Docs and summaries the runs wrote (not the policy, the CRM or the bundle)."""
    return [
        p
        for p in env.tmp.rglob("*")
        if p.is_file()
        and p.suffix in (".html", ".json", ".txt", ".csv")
        and not p.name.endswith(".password.txt")
    ]


def rows_of_others(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every member but Alice (member 1), table by table."""
    queries = {
        "members": "SELECT * FROM members WHERE member_id <> 1",
        "purchases": "SELECT * FROM purchases WHERE member_id <> 1",
        "deliveries": "SELECT d.* FROM deliveries d JOIN purchases p ON p.purchase_id = d.purchase_id"
        " WHERE p.member_id <> 1",
        "visits": "SELECT * FROM visits WHERE member_id <> 1",
        "remarks": "SELECT * FROM remarks WHERE member_id <> 1",
        "newsletter_optins": "SELECT * FROM newsletter_optins WHERE member_id <> 1",
        "bills": "SELECT * FROM bills WHERE member_id <> 1",
    }
    return {
        table: sorted((tuple(r.values()) for r in rows(url, sql)), key=repr) for table, sql in queries.items()
    }


# --- erasure ------------------------------------------------------------------------------------


def test_erasure_treats_every_table_keeps_held_bills_and_suppresses(env: Env) -> None:
    others_before = rows_of_others(env.crm)
    remarks_before = {r["remark_id"]: r for r in rows(env.crm, "SELECT * FROM remarks")}

    result = env.request(
        "erasure",
        "--email",
        "  Alice.Durand@Exemple.org ",
        "--received",
        RECEIVED,
        "--reference",
        "DSR-ERA-1",
    )
    assert result.code == 0, f"erasure exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    summary = result.json()
    assert summary.get("status") == "closed", f"the erasure case must be closed: {result.out}"

    # the JSON summary names no identifier of the person (nor her name, nor her street)
    assert_no_identifier(result.out, ALICE, "the JSON summary")
    for word in ("Alice", "Durand", "Lilas"):
        assert word not in result.out, f"the JSON summary holds {word!r}"

    # members: Alice's row anonymised as the policy says, the marker set
    alice = rows(env.crm, "SELECT * FROM members WHERE member_id = 1")
    assert len(alice) == 1, "members is row_action anonymise: Alice's row must stay, anonymised"
    alice = alice[0]
    assert str(alice["email"]).startswith("pz:"), f"members.email not hmac: {alice['email']!r}"
    assert str(alice["member_ref"]).startswith("pz:"), f"members.member_ref not hmac: {alice['member_ref']!r}"
    assert (alice["phone"], alice["street"], alice["town"], alice["interests"]) == (None, None, None, None), (
        alice
    )
    assert alice["first_name"] not in (None, "Alice"), "first_name not replaced by a fake value"
    assert alice["surname"] not in (None, "Durand"), "surname not replaced by a fake value"
    assert alice["anonymised_on"] is not None, "marker anonymised_on not set"

    # purchases kept (row_action keep), their street nulled; deliveries through them deleted
    purchases = rows(
        env.crm, "SELECT purchase_id, street FROM purchases WHERE member_id = 1 ORDER BY purchase_id"
    )
    assert [p["purchase_id"] for p in purchases] == [11, 12], (
        "Alice's purchases must be kept (row_action keep)"
    )
    assert [p["street"] for p in purchases] == [None, None], f"purchases.street not nulled: {purchases}"
    deliveries = [
        r["delivery_id"] for r in rows(env.crm, "SELECT delivery_id FROM deliveries ORDER BY delivery_id")
    ]
    assert deliveries == [211], f"deliveries left: {deliveries} (Alice's 111 deleted, Bruno's 211 kept)"

    # visits and the consent proof deleted
    assert [r["visit_id"] for r in rows(env.crm, "SELECT visit_id FROM visits ORDER BY visit_id")] == [201]
    optins = [
        r["optin_id"] for r in rows(env.crm, "SELECT optin_id FROM newsletter_optins ORDER BY optin_id")
    ]
    assert optins == [502, 503], f"newsletter_optins left: {optins}"

    # Alice's own remark scrubbed in place (row_action anonymise): marker set, no identifier, no name
    own = rows(env.crm, "SELECT body, scrubbed_on, written_by FROM remarks WHERE remark_id = 1001")
    assert own, "Alice's remark (row_action anonymise) must stay, scrubbed"
    assert own[0]["scrubbed_on"] is not None, "remarks.scrubbed_on not set on Alice's remark"
    assert_no_identifier(own[0]["body"], ALICE, "Alice's own remark")
    assert "Durand" not in own[0]["body"], f"Alice's name left in her remark: {own[0]['body']!r}"
    assert "programme des sorties" in own[0]["body"], f"the rest of the text must stay: {own[0]['body']!r}"
    assert own[0]["written_by"] == "secrétariat", "written_by is declared keep"

    # her e-mail and phone removed from Bruno's remark, the rest of his text kept
    after = {r["remark_id"]: r for r in rows(env.crm, "SELECT * FROM remarks")}
    bruno = after[2001]["body"]
    assert_no_identifier(bruno, ALICE, "Bruno's remark")
    assert "[donnée effacée]" in bruno, f"no [donnée effacée] in Bruno's remark: {bruno!r}"
    assert bruno.startswith("Bruno propose un parrainage") and bruno.endswith("Reçu fiscal envoyé."), bruno
    # her full name in Chloé's remark (docs/requests.md: the person's name in other people's notes)
    chloe = after[3001]["body"]
    assert "Alice" not in chloe and "Durand" not in chloe, f"Alice's name left in Chloé's remark: {chloe!r}"
    assert chloe.endswith("mardi pour préparer le forum des associations."), chloe
    # remarks that do not mention her are untouched
    for remark_id in (2002, 3002):
        assert after[remark_id] == remarks_before[remark_id], f"remark {remark_id} changed"

    # bills: the held one moved to the archive with its legal ground and purge date, the old one gone
    bills = [r["bill_id"] for r in rows(env.crm, "SELECT bill_id FROM bills ORDER BY bill_id")]
    assert bills == [911, 961], f"bills left: {bills}"
    assert "bills_archive" in table_names(env.crm), "the archive table bills_archive was not created"
    archived = rows(env.crm, "SELECT * FROM bills_archive")
    assert [a["bill_id"] for a in archived] == [901], f"archived bills: {[a['bill_id'] for a in archived]}"
    held = archived[0]
    assert held["bill_no"] == "F-2024-0117" and float(held["amount"]) == 42.5, held
    assert held["legal_basis"] == "C. com. L123-22", held["legal_basis"]
    assert str(held["purge_after"])[:10] == "2034-12-31", f"purge_after {held['purge_after']!r}"
    assert str(held["payer_email"]).startswith("pz:"), (
        f"hold.columns payer_email must be hmac in the archive: {held['payer_email']!r}"
    )
    assert held["payer_name"] == "Alice Durand", "payer_name is declared keep (the obligation needs it)"

    # nobody else's rows changed, except the two remarks that mentioned her
    others_after = rows_of_others(env.crm)
    for table in others_before:
        expected = others_before[table]
        if table == "remarks":
            expected = [r for r in expected if r[0] not in (2001, 3001)]
            others_after[table] = [r for r in others_after[table] if r[0] not in (2001, 3001)]
        assert others_after[table] == expected, f"{table}: rows of other members changed"

    # the response letter (French): what is kept, why and until when; no identifier, no name
    letters = list(env.tmp.rglob("reponse.html"))
    assert len(letters) == 1, f"expected one reponse.html under {env.tmp}: {letters}"
    letter = letters[0].read_text(encoding="utf-8")
    assert_no_identifier(letter, ALICE, "the response letter")
    assert "Durand" not in letter, "the response letter names the person"
    assert "C. com. L123-22" in letter and "2034-12-31" in letter, "the letter must say why and until when"
    assert "CNIL" in letter, "the letter must give the right to complain to the CNIL"

    # no identifier in any report, Data Docs page or JSON file written, nor in the ledger
    written = written_text_files(env)
    assert any(p.name == "report.json" for p in written), f"no report.json written: {written}"
    for path in written:
        assert_no_identifier(path.read_text(encoding="utf-8", errors="replace"), ALICE, str(path))
    assert_no_identifier(repr(snapshot(env.ledger)), ALICE, "the ledger")

    # the suppression list: her e-mail (any capitals and spaces), her recorded phone and reference
    check, answers = env.suppression(
        {"email": " ALICE.durand@exemple.org"},
        {"phone": "+33 6 11 22 33 44"},
        {"ref": "ADH-0001"},
        {"email": BRUNO["email"]},
    )
    assert check.code == 0, f"suppression check exit {check.code}: {check.err}"
    assert [a.get("suppressed") for a in answers] == [True, True, True, False], answers
    assert all("erasure" in a["reasons"] for a in answers[:3]), answers
    assert answers[3]["reasons"] == [], answers[3]

    # the same request again (same reference: the case as it is) changes nothing
    settled = snapshot(env.crm)
    again = env.request(
        "erasure", "--email", "alice.durand@exemple.org", "--received", RECEIVED, "--reference", "DSR-ERA-1"
    )
    assert again.code == 0, f"second identical erasure exit {again.code}: {again.err}"
    assert snapshot(env.crm) == settled, "a second identical erasure changed the CRM"
    assert_no_identifier(again.out, ALICE, "the second JSON summary")
    # a new case for the same person finds nobody any more and changes nothing either
    third = env.request(
        "erasure", "--email", "alice.durand@exemple.org", "--received", RECEIVED, "--reference", "DSR-ERA-2"
    )
    assert third.code == 0, f"erasure of an erased person exit {third.code}: {third.err}"
    assert snapshot(env.crm) == settled, "an erasure of an already erased person changed the CRM"
    assert "no data found" in third.out, f"nobody matches any more: 'no data found' expected: {third.out}"


def test_out_folder_receives_report_letter_and_export(env: Env) -> None:
    """`crm-privacy request --help`: --out gets the response letter and a copy of the run's report."""
    result = env.request(
        "erasure", "--email", ALICE["email"], "--received", RECEIVED, "--reference", "DSR-OUT-1"
    )
    assert result.code == 0, f"erasure exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    in_out = sorted(p.name for p in env.out.rglob("*") if p.name in ("reponse.html", "report.html"))
    elsewhere = sorted(
        str(p.relative_to(env.tmp))
        for p in env.tmp.rglob("*")
        if p.name in ("reponse.html", "report.html") and env.out not in p.parents
    )
    assert in_out == ["reponse.html", "report.html"], (
        f"--out {env.out} holds {in_out}; the run's report and letter went to {elsewhere}"
    )


# --- access -------------------------------------------------------------------------------------


def test_access_gives_an_encrypted_bundle_with_a_separate_password(env: Env) -> None:
    import pyzipper

    before = snapshot(env.crm)
    result = env.request(
        "access", "--email", CHLOE["email"], "--received", RECEIVED, "--reference", "DSR-ACC-1"
    )
    assert result.code == 0, f"access exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    assert snapshot(env.crm) == before, "an access request changed the CRM"
    assert_no_identifier(result.out, CHLOE, "the access JSON summary")

    bundles = list(env.tmp.rglob("*.zip"))
    assert [b.name for b in bundles] == ["DSR-ACC-1-access.zip"], (
        f"bundles written under {env.tmp}: {bundles}"
    )
    bundle = bundles[0]
    assert bundle.stat().st_mode & 0o777 == 0o600, (
        f"the zip must be 0600: {oct(bundle.stat().st_mode & 0o777)}"
    )

    # every entry is encrypted: nothing can be read without the password
    with pyzipper.AESZipFile(bundle) as zf:
        names = set(zf.namelist())
        expected = {"json/all.json", "schema.json", "LISEZMOI.txt", "SHA256SUMS", "json/members.json"}
        assert expected <= names, f"missing from the bundle: {expected - names}"
        assert all(info.flag_bits & 0x1 for info in zf.infolist()), "every entry must be encrypted"
        with pytest.raises(RuntimeError):
            zf.read("json/members.json")

    # the password is written apart: not in the zip, the CLI output, the reports or the ledger
    password = _find_password(env)
    assert len(password) == 24, "secrets.token_urlsafe(18) gives 24 characters"
    assert password not in result.out and password not in result.err, "the password is in the CLI output"
    for path in written_text_files(env):
        assert password not in path.read_text(encoding="utf-8", errors="replace"), (
            f"the password is in {path}"
        )
    assert password not in repr(snapshot(env.ledger)), "the password is in the ledger"
    with pyzipper.AESZipFile(bundle) as zf:
        zf.setpassword(password.encode())
        contents = {name: zf.read(name) for name in zf.namelist()}
    for name, data in contents.items():
        assert password.encode() not in data, f"the password is inside the zip ({name})"

    # her rows, and only hers
    members = json.loads(contents["json/members.json"])
    assert [m["member_id"] for m in members] == [3], f"members exported: {members}"
    assert members[0]["email"] == CHLOE["email"] and members[0]["surname"] == "Martin"
    assert members[0]["joined_on"] == "2023-01-13", "dates in ISO 8601"
    purchases = json.loads(contents["json/purchases.json"])
    assert [p["purchase_id"] for p in purchases] == [31]
    assert purchases[0]["total"] == "27.90", "decimals as strings (docs/requests.md, The bundle)"
    assert [o["optin_id"] for o in json.loads(contents["json/newsletter_optins.json"])] == [503]
    text = b"".join(contents.values()).decode("utf-8", "replace")
    for other in (ALICE, BRUNO, DENIS, FABIEN, GAELLE):
        assert other["email"] not in text, f"the bundle holds {other['first_name']}'s e-mail"
    csv_members = contents["csv/members.csv"].decode("utf-8")
    assert csv_members.count("\r\n") == 2 and CHLOE["email"] in csv_members, "CSV: header + one row, CRLF"

    # free text: her own e-mail stays, the neighbour's phone (recorded for nobody) is replaced
    remarks = {r["remark_id"]: r["body"] for r in json.loads(contents["json/remarks.json"])}
    assert set(remarks) == {3001, 3002}, f"remarks exported: {sorted(remarks)}"
    assert CHLOE["email"] in remarks[3002], f"her own e-mail must stay: {remarks[3002]!r}"
    assert phone_digits(THIRD_PARTY_PHONE) not in phone_digits(remarks[3002]), (
        f"a third party's phone left in the export: {remarks[3002]!r}"
    )
    assert "<TELEPHONE>" in remarks[3002], (
        f"the third party's phone must become <TELEPHONE>: {remarks[3002]!r}"
    )

    # the checksums are right and cover every other file
    listed = set()
    for line in contents["SHA256SUMS"].decode().splitlines():
        digest, name = line.split(maxsplit=1)
        name = name.lstrip("*")
        assert hashlib.sha256(contents[name]).hexdigest() == digest, f"bad checksum for {name}"
        listed.add(name)
    assert listed == set(contents) - {"SHA256SUMS"}, "SHA256SUMS must list every other file"
    notice = contents["LISEZMOI.txt"].decode("utf-8")
    assert "DSR-ACC-1" in notice and "CNIL" in notice


def test_access_finds_the_person_by_a_phone_in_another_writing(env: Env) -> None:
    import pyzipper

    result = env.request(
        "access", "--phone", "+33 6 33 44 55 66", "--received", RECEIVED, "--reference", "DSR-ACC-2"
    )
    assert result.code == 0, f"access by phone exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    bundles = list(env.tmp.rglob("DSR-ACC-2-access.zip"))
    assert len(bundles) == 1, f"no bundle for a phone written +33 6 ...: {result.out}"
    with pyzipper.AESZipFile(bundles[0]) as zf:
        zf.setpassword(_find_password(env).encode())
        members = json.loads(zf.read("json/members.json"))
    assert [m["member_id"] for m in members] == [3], members


def _find_password(env: Env) -> str:
    """The password is written apart from the zip, in a file of its own."""
    files = [p for p in env.tmp.rglob("*") if p.is_file() and "password" in p.name.lower()]
    assert len(files) == 1, f"expected one password file apart from the bundle under {env.tmp}: {files}"
    words = files[0].read_text(encoding="utf-8").split()
    assert words, f"the password file {files[0]} is empty"
    return words[-1]


# --- objection ----------------------------------------------------------------------------------


def test_objection_puts_the_person_on_the_suppression_list(env: Env) -> None:
    _, before_answers = env.suppression({"email": GAELLE["email"]})
    assert before_answers and before_answers[0]["suppressed"] is False, before_answers

    result = env.request(
        "objection", "--email", GAELLE["email"], "--received", RECEIVED, "--reference", "DSR-OBJ-1"
    )
    assert result.code == 0, f"objection exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    assert result.json().get("status") == "closed", result.out
    assert_no_identifier(result.out, GAELLE, "the objection JSON summary")

    # a re-import with other capitals or spaces is still excluded
    check, answers = env.suppression({"email": "  GAELLE.Bernard@Exemple.ORG "}, {"email": CHLOE["email"]})
    assert check.code == 0, check.err
    assert answers[0]["suppressed"] is True and "objection" in answers[0]["reasons"], answers[0]
    assert "erasure" not in answers[0]["reasons"], "an objection is not an erasure"
    assert answers[1]["suppressed"] is False, answers[1]
    # an objection is not an erasure: her record is still there
    row = rows(env.crm, "SELECT email, surname, anonymised_on FROM members WHERE member_id = 7")[0]
    assert (row["email"], row["surname"], row["anonymised_on"]) == (GAELLE["email"], "Bernard", None), row


# --- rectification ------------------------------------------------------------------------------


def test_rectification_of_declared_columns(env: Env) -> None:
    result = env.request(
        "rectification",
        "--email",
        FABIEN["email"],
        "--received",
        RECEIVED,
        "--reference",
        "DSR-RECT-1",
        "--set",
        "street=7 rue Neuve",
        "--set",
        "town=Lyon",
    )
    assert result.code == 0, f"rectification exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    assert result.json().get("status") == "closed", result.out
    for value in ("7 rue Neuve", "Lyon", FABIEN["street"]):
        assert value not in result.out, f"the summary holds a value: {value!r}"

    fabien = rows(env.crm, "SELECT * FROM members WHERE member_id = 6")[0]
    assert (fabien["street"], fabien["town"]) == ("7 rue Neuve", "Lyon"), fabien
    assert fabien["email"] == FABIEN["email"] and fabien["anonymised_on"] is None
    # a linked table declaring the same column follows; a held table (bills) stays as issued
    assert rows(env.crm, "SELECT street FROM purchases WHERE purchase_id = 61")[0]["street"] == "7 rue Neuve"
    assert rows(env.crm, "SELECT street FROM bills WHERE bill_id = 961")[0]["street"] == FABIEN["street"]
    # nobody else changed
    assert rows(env.crm, "SELECT street, town FROM members WHERE member_id = 3")[0] == {
        "street": CHLOE["street"],
        "town": CHLOE["town"],
    }
    assert (
        rows(env.crm, "SELECT street FROM purchases WHERE purchase_id = 31")[0]["street"] == CHLOE["street"]
    )
    # the ledger records which columns changed, never the old or the new value
    ledger = repr(snapshot(env.ledger))
    for value in ("7 rue Neuve", "Lyon", FABIEN["street"]):
        assert value not in ledger, f"the ledger holds a rectified value: {value!r}"


@pytest.mark.parametrize(
    ("column", "value"), [("email", "fabien.moreau-at-exemple"), ("phone", "appelez-moi")]
)
def test_rectification_refuses_an_invalid_identifier(env: Env, column: str, value: str) -> None:
    before = snapshot(env.crm)
    bad = env.request(
        "rectification",
        "--email",
        FABIEN["email"],
        "--received",
        RECEIVED,
        "--reference",
        "DSR-RECT-2",
        "--set",
        f"{column}={value}",
    )
    assert bad.code == 2, f"invalid {column}: exit {bad.code} (want 2)\nstdout: {bad.out}\nstderr: {bad.err}"
    assert column in (bad.err + bad.out).lower(), f"the message must name the field: {bad.err!r}"
    assert snapshot(env.crm) == before, (
        f"an invalid rectification changed the CRM (members.{column} = {value!r})"
    )


def test_rectification_refuses_an_undeclared_column(env: Env) -> None:
    before = snapshot(env.crm)
    result = env.request(
        "rectification",
        "--email",
        FABIEN["email"],
        "--received",
        RECEIVED,
        "--reference",
        "DSR-RECT-3",
        "--set",
        "status=former",
    )
    assert result.code == 2, (
        f"undeclared column: exit {result.code}\nstdout: {result.out}\nstderr: {result.err}"
    )
    assert "status" in (result.err + result.out), f"the message must name the column: {result.err!r}"
    assert snapshot(env.crm) == before, "a rectification of an undeclared column changed the CRM"


# --- invalid input ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["erasure", "access"])
def test_a_bad_email_is_refused_naming_the_field(env: Env, kind: str) -> None:
    before = snapshot(env.crm)
    result = env.request(
        kind, "--email", "alice.durand(at)exemple", "--received", RECEIVED, "--reference", f"DSR-BAD-{kind}"
    )
    assert result.code == 2, f"{kind} with a bad e-mail: exit {result.code}\n{result.out}\n{result.err}"
    assert "email" in (result.err + result.out).lower(), f"the message must name the field: {result.err!r}"
    assert snapshot(env.crm) == before, "a refused request changed the CRM"
    assert not list(env.tmp.rglob("*.zip")), "a refused access request wrote a bundle"
    _, answers = env.suppression({"email": ALICE["email"]})
    assert answers[0]["suppressed"] is False, "a refused erasure put the person on the suppression list"


def test_a_bad_received_date_is_refused(env: Env) -> None:
    before = snapshot(env.crm)
    result = env.request(
        "erasure", "--email", ALICE["email"], "--received", "2025-02-30", "--reference", "DSR-BAD-DATE"
    )
    assert result.code == 2, f"bad date: exit {result.code}\n{result.out}\n{result.err}"
    assert "received" in (result.err + result.out).lower(), f"the message must name the field: {result.err!r}"
    assert snapshot(env.crm) == before, "a refused request changed the CRM"


# --- several people -----------------------------------------------------------------------------


def test_several_members_matching_stop_for_review(env: Env) -> None:
    before = snapshot(env.crm)
    result = env.request(
        "erasure", "--email", "famille.roux@exemple.org", "--received", RECEIVED, "--reference", "DSR-ROUX-1"
    )
    assert result.code == 1, (
        f"two members share the e-mail: exit {result.code} (want 1)\n{result.out}\n{result.err}"
    )
    assert result.json().get("status") == "review", f"the case must wait for review: {result.out}"
    assert "famille.roux" not in result.out.lower(), "the summary holds the identifier"
    assert snapshot(env.crm) == before, "a request stopped for review changed the CRM"
    assert not list(env.tmp.rglob("reponse.html")), "a request stopped for review wrote a response letter"
    _, answers = env.suppression({"email": "famille.roux@exemple.org"})
    assert answers[0]["suppressed"] is False, (
        "a request stopped for review put the e-mail on the suppression list"
    )

    again = env.request(
        "access", "--email", "famille.roux@exemple.org", "--received", RECEIVED, "--reference", "DSR-ROUX-2"
    )
    assert again.code == 1, f"access for two members: exit {again.code}\n{again.out}\n{again.err}"
    assert again.json().get("status") == "review", again.out
    assert not list(env.tmp.rglob("*.zip")), "an access request stopped for review wrote a bundle"
