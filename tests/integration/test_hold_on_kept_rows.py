"""A legal hold on a table whose rows stay (``row_action: anonymise`` or ``keep``): rows still under
the obligation keep what it needs (only ``hold.columns`` are treated), rows past it get the table's own
treatment; the validation gate expects exactly that, and a second run changes nothing. Before, the
hold was read only for deleted and archived tables: held invoices were anonymised like the rest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Column, Date, ForeignKey, Integer, MetaData, String, Table, select

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration]

md = MetaData()
people = Table(
    "people",
    md,
    Column("id", Integer, primary_key=True),
    Column("name", String(80)),
    Column("email", String(120)),
    Column("created", Date),
)
invoices = Table(
    "invoices",
    md,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id")),
    Column("issued", Date, nullable=False),
    Column("billing_name", String(80)),
    Column("billing_email", String(120)),
)

POLICY = """\
version: "t"
controller: "X SAS"
crm: hold-test
subject: {table: people, key: id, identifiers: [{column: email, kind: email}]}
purposes:
  - {id: p, title: "P", legal_basis: legitimate_interest, retention: 3y, clock_starts: "c", at_expiry: "a"}
  - {id: compta, title: "Compta", legal_basis: legal_obligation, retention: 10y, clock_starts: "c", at_expiry: "a"}
tables:
  people:
    link: {subject: true}
    category: identity
    row_action: anonymise
    columns:
      name: {category: identity, action: redact}
      email: {category: contact_channel, action: hmac, params: {kind: email}}
  invoices:
    link: {fk: person_id}
    category: accounting
    row_action: anonymise
    columns:
      billing_name: {category: accounting, action: redact}
      billing_email: {category: accounting, action: "null"}
    hold:
      legal_basis: "C. com. L123-22"
      purpose: compta
      period: 10y
      starts_at: issued
      columns:
        billing_email: {category: accounting, action: hmac, params: {kind: email}}
rules:
  - id: R1
    title: "t"
    purpose: p
    clock: [{table: people, column: created}, {table: invoices, column: issued}]
    scope: {all: true}
guard: {max_share: 1.0}
"""

AS_OF = "2025-06-30"


def _rows(url: str) -> dict[int, tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {r.id: tuple(r) for r in conn.execute(select(invoices).order_by(invoices.c.id))}
    finally:
        engine.dispose()


def test_held_rows_keep_what_the_obligation_needs(
    scratch_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "hold-test-key-0123456789abcdef01")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    engine = make_engine(scratch_url)
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                people.insert(),
                [
                    dict(
                        id=1, name="Camille Martin", email="camille@example.fr", created=dt.date(2010, 1, 5)
                    ),
                    dict(id=2, name="Hugo Bernard", email="hugo@example.fr", created=dt.date(2024, 1, 5)),
                ],
            )
            conn.execute(
                invoices.insert(),
                [  # person 1: one invoice past its 10 years, one still under them (2018), both > 3 years
                    dict(
                        id=10,
                        person_id=1,
                        issued=dt.date(2012, 3, 1),
                        billing_name="Camille Martin",
                        billing_email="camille@example.fr",
                    ),
                    dict(
                        id=11,
                        person_id=1,
                        issued=dt.date(2018, 3, 1),
                        billing_name="Camille Martin",
                        billing_email="camille@example.fr",
                    ),
                    dict(
                        id=20,
                        person_id=2,
                        issued=dt.date(2024, 3, 1),
                        billing_name="Hugo Bernard",
                        billing_email="hugo@example.fr",
                    ),
                ],
            )
    finally:
        engine.dispose()
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    ledger = f"sqlite:///{tmp_path / 'ledger.db'}"
    argv = [
        "sweep",
        "--policy",
        str(policy),
        "--crm",
        scratch_url,
        "--ledger",
        ledger,
        "--as-of",
        AS_OF,
        "--json",
    ]

    capsys.readouterr()
    assert main(argv) == 0, capsys.readouterr().err
    summary = json.loads(capsys.readouterr().out)
    assert summary["validation"]["passed"] is True

    rows = _rows(scratch_url)
    past, held, kept = rows[10], rows[11], rows[20]
    assert past[3:] == ("(supprimé)", None)  # past the obligation: the table's own treatment
    assert held[3] == "Camille Martin"  # under it: the billing name the invoice needs stays
    assert str(held[4]).startswith("pz:")  # ... and only the hold's column is treated
    assert kept == (20, 2, dt.date(2024, 3, 1), "Hugo Bernard", "hugo@example.fr")

    assert main(argv) == 0
    assert _rows(scratch_url) == rows
