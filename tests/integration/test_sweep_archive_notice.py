"""Scenarios 5 (ex-customer: split retention, intermediate archive) and 6 (inactive account: notice
first, act 30 days later, a login in between cancels) of GDPR_RULES.md section 9, on every backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, select, text
from sqlalchemy.exc import DBAPIError
from sweep_fixtures import Crm, D, Rows, at, open_crm

pytestmark = pytest.mark.integration


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    with open_crm(scratch_url, tmp_path) as opened:
        yield opened


def _ex_customer(rows: Rows) -> int:
    """Contract ended 2022-04-30; invoices of FY2021 and FY2022 (closing 31 Dec), one of FY2013."""
    cid = rows.contact(
        501,
        status="former_customer",
        collected=at("2016-02-01"),
        segment="Grands comptes",
        lead_score=88,
        preferences="offres;webinaires",
    )
    rows.add(
        "contracts",
        contact_id=cid,
        reference="K-501",
        product="Licence",
        start_date=dt.date(2016, 3, 1),
        end_date=dt.date(2022, 4, 30),
        monthly_amount=300,
    )
    for n, (fy, issued) in enumerate(
        ((2013, dt.date(2013, 5, 2)), (2021, dt.date(2021, 6, 1)), (2022, dt.date(2022, 3, 15))), start=1
    ):
        rows.add(
            "invoices",
            order_id=None,
            contact_id=cid,
            invoice_number=f"FAC-501-{n}",
            issued_at=issued,
            fiscal_year=fy,
            fiscal_year_close=dt.date(fy, 12, 31),
            amount_ht=1000,
            amount_ttc=1200,
            margin=250,
            billing_name="Odile Quenneville",
            billing_address="3 impasse des Ecrevisses, 75011 Paris",
            billing_email="Odile.Quenneville@Exemple-Test.fr",
            paid=True,
        )
    rows.add(
        "notes",
        parent_type="contact",
        parent_id=cid,
        author="commercial",
        created_at=at("2021-09-01"),
        body="Mme Odile Quenneville préfère être appelée au 06 91 58 11 01 le matin.",
    )
    return cid


def test_scenario_5_ex_customer_split_retention_and_archive(crm: Crm) -> None:
    rows = Rows()
    rows.bystanders()
    cid = _ex_customer(rows)
    crm.load(rows)

    summary = crm.sweep()
    assert summary["status"] == "succeeded"

    contact = crm.row("contacts", cid)
    # R3: marketing attributes, phones, address and notes go; the contact row (and identity) stays
    assert contact["segment"] is None and contact["lead_score"] is None and contact["preferences"] is None
    assert contact["phone"] is None and contact["mobile"] is None and contact["address_line"] is None
    assert contact["last_name"] == rows.tables["contacts"][-1]["last_name"]
    with crm.engine.connect() as conn:
        note = conn.execute(
            text("SELECT body, scrubbed_at FROM notes WHERE parent_id = :c"), {"c": cid}
        ).one()
    assert "Quenneville" not in note.body and "06 91 58 11 01" not in note.body and note.scrubbed_at
    # R2: invoices still under the 10-year hold leave the active table for the archive...
    with crm.engine.connect() as conn:
        active = conn.execute(
            text("SELECT count(*) FROM invoices WHERE contact_id = :c"), {"c": cid}
        ).scalar()
        archive = Table("invoices_archive", MetaData(), autoload_with=conn)
        archived = {
            r.invoice_number: r
            for r in conn.execute(select(archive).where(archive.c.contact_id == cid)).all()
        }
    assert active == 0
    assert set(archived) == {"FAC-501-2", "FAC-501-3"}, "FY2013 is past its hold: purged, not archived"
    assert archived["FAC-501-2"].purge_after == dt.date(2031, 12, 31)
    assert archived["FAC-501-3"].purge_after == dt.date(2032, 12, 31)
    for row in archived.values():
        assert row.legal_basis == "C. com. L123-22"
        assert row.billing_name == "Odile Quenneville"  # the obligation needs it
        assert row.billing_email.startswith("pz:")  # it does not need the e-mail: pseudonymised
        assert float(row.amount_ttc) == 1200
    # ...and a run after the hold ends purges them; nothing is left to do before that
    assert crm.sweep()["rows_affected"] == 0
    later = crm.sweep(as_of=dt.date(2032, 1, 1))
    assert later["tables_affected"].get("invoices_archive") == 1
    with crm.engine.connect() as conn:
        left = conn.execute(text("SELECT invoice_number FROM invoices_archive")).scalars().all()
    assert left == ["FAC-501-3"]


def test_a_restored_invoice_already_archived_is_archived_once(crm: Crm) -> None:
    """A backup restored into the CRM puts an archived invoice back in its table: the next sweep takes
    it out again, and the archive keeps its one copy (no duplicate-key failure)."""
    rows = Rows()
    cid = _ex_customer(rows)
    crm.load(rows)
    assert crm.sweep()["status"] == "succeeded"
    original = next(r for r in rows.tables["invoices"] if r["invoice_number"] == "FAC-501-3")
    with crm.engine.begin() as conn:
        invoices = Table("invoices", MetaData(), autoload_with=conn)
        conn.execute(invoices.insert().values(**original))
    summary = crm.sweep()
    assert summary["status"] == "succeeded", summary
    with crm.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM invoices WHERE contact_id = :c"), {"c": cid}).scalar()
            == 0
        )
        copies = conn.execute(
            text("SELECT purge_after, billing_email FROM invoices_archive WHERE invoice_number = 'FAC-501-3'")
        ).all()
    assert len(copies) == 1 and str(copies[0].purge_after)[:10] == "2032-12-31"
    assert copies[0].billing_email.startswith("pz:")


def test_scenario_5_only_the_archive_reader_role_reads_the_archive(crm: Crm) -> None:
    if crm.engine.dialect.name != "postgresql":
        pytest.skip("SELECT grants are checked on PostgreSQL (SQLite has no roles)")
    rows = Rows()
    cid = _ex_customer(rows)
    crm.load(rows)
    crm.sweep()
    with crm.engine.begin() as conn:
        conn.execute(
            text(
                "DO $$ BEGIN CREATE ROLE crm_sales NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
        )
        conn.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO crm_sales"))
        conn.execute(text("REVOKE SELECT ON invoices_archive FROM crm_sales"))
    with crm.engine.connect() as conn:
        conn.execute(text("SET ROLE archive_reader"))
        assert (
            conn.execute(
                text("SELECT count(*) FROM invoices_archive WHERE contact_id = :c"), {"c": cid}
            ).scalar()
            == 2
        )
        conn.execute(text("RESET ROLE"))
        conn.execute(text("SET ROLE crm_sales"))
        assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() >= 1
        with pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(text("SELECT count(*) FROM invoices_archive"))
        conn.rollback()


def _inactive_account(rows: Rows, last_login: dt.datetime) -> int:
    cid = rows.contact(601, status="customer", collected=at("2018-01-10"), last_login_at=last_login)
    rows.add(
        "contracts",
        contact_id=cid,
        reference="K-601",
        product="Abonnement",
        start_date=dt.date(2018, 2, 1),
        end_date=None,
        monthly_amount=20,
    )
    return cid


def test_scenario_6_inactive_account_notice_then_act(crm: Crm) -> None:
    rows = Rows()
    rows.bystanders()
    cid = _inactive_account(rows, at("2023-06-01"))
    crm.load(rows)

    first = crm.sweep()  # D = 2025-06-30: more than 2 years: a notice is queued, nothing else
    r4 = next(r for r in first["rules"] if r["rule_id"] == "R4")
    assert r4["findings"].get("notice_to_send") == 1 and r4["subjects"] == 0
    assert crm.row("contacts", cid)["anonymised_at"] is None
    with crm.engine.connect():
        pass
    waiting = crm.sweep(as_of=D + dt.timedelta(days=10))
    r4 = next(r for r in waiting["rules"] if r["rule_id"] == "R4")
    assert r4["findings"].get("notice_waiting") == 1 and r4["subjects"] == 0
    assert crm.row("contacts", cid)["anonymised_at"] is None

    acted = crm.sweep(as_of=D + dt.timedelta(days=30))  # 30 days after the notice, no login
    r4 = next(r for r in acted["rules"] if r["rule_id"] == "R4")
    assert r4["subjects"] == 1
    contact = crm.row("contacts", cid)
    assert contact["anonymised_at"] is not None and contact["email"].startswith("pz:")


def test_scenario_6_a_login_after_the_notice_cancels_it(crm: Crm) -> None:
    rows = Rows()
    cid = _inactive_account(rows, at("2023-06-01"))
    crm.load(rows)
    crm.sweep()  # notice queued on 2025-06-30
    with crm.engine.begin() as conn:
        conn.execute(
            text("UPDATE contacts SET last_login_at = :t WHERE id = :c"), {"t": at("2025-07-10"), "c": cid}
        )
    later = crm.sweep(as_of=D + dt.timedelta(days=30))
    r4 = next(r for r in later["rules"] if r["rule_id"] == "R4")
    assert r4["subjects"] == 0 and not r4["findings"].get("notice_waiting")
    assert crm.row("contacts", cid)["anonymised_at"] is None
    # two years after that login, the clock has run again: a new notice first, not an erasure
    again = crm.sweep(as_of=dt.date(2027, 7, 12))
    r4 = next(r for r in again["rules"] if r["rule_id"] == "R4")
    assert r4["subjects"] == 0 and r4["findings"].get("notice_to_send") == 1
    assert crm.row("contacts", cid)["anonymised_at"] is None
