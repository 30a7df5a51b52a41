"""discover(): every text column sampled, undeclared PII reported, no database value in the report."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, Text, create_engine

from crm_privacy.demo.schema import companies, contacts, notes
from crm_privacy.detect.columns import sample_rows, scan_column
from crm_privacy.detect.discovery import discover
from crm_privacy.detect.engine import PiiEngine

COMMENT = "Gérant M. Paul Girard, portable 06 12 34 56 78"
BODY = "RDV avec Mme Claire Dupont, claire.dupont@exemple.fr"
DECLARED = {
    "contacts": {"first_name": "identity", "last_name": "identity", "email": "contact", "phone": "contact"},
    "notes": {"body": "free_text"},
    "companies": {"name": "company", "former_column": "company"},
}


@pytest.fixture
def crm() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    tables = [companies, contacts, notes]
    for table in tables:
        table.create(engine)
    now = dt.datetime(2025, 6, 30)
    with engine.begin() as conn:
        conn.execute(
            companies.insert(),
            [
                {"id": i, "name": f"Société {i}", "siren": "732829320", "created_at": now,
                 "internal_comment": COMMENT if i % 2 else "RAS"}
                for i in range(1, 21)
            ],
        )  # fmt: skip
        conn.execute(
            contacts.insert(),
            [
                {"id": i, "company_id": 1, "first_name": "Claire", "last_name": "Dupont", "status": "active",
                 "email": "claire.dupont@exemple.fr", "phone": "06 12 34 56 78", "segment": "PME"}
                for i in range(1, 11)
            ],
        )  # fmt: skip
        conn.execute(
            notes.insert(),
            [
                {"id": i, "parent_type": "contact", "parent_id": 1, "body": BODY, "created_at": now}
                for i in range(1, 16)
            ],
        )
    yield engine
    engine.dispose()


def test_undeclared_column_is_reported(pii_engine: PiiEngine, crm: Engine) -> None:
    report = discover(crm, DECLARED, sample_rows=50, seed=3)
    columns = {(c.table, c.column): c for c in report.columns}
    comment = columns[("companies", "internal_comment")]
    assert not comment.declared and comment.rows_sampled == 20 and comment.rows_with_pii == 10
    assert comment.share_with_pii == 0.5
    assert comment.entities == {"PERSON": 10, "PHONE_NUMBER": 10}
    assert [(c.table, c.column) for c in report.undeclared] == [("companies", "internal_comment")]
    body = columns[("notes", "body")]
    assert (
        body.declared
        and body.category == "free_text"
        and body.entities == {"PERSON": 15, "EMAIL_ADDRESS": 15}
    )
    assert columns[("contacts", "email")].entities == {"EMAIL_ADDRESS": 10}
    assert ("contacts", "created_at") not in columns  # only text-like columns are sampled
    assert report.missing_declared == ("companies.former_column",)


def test_an_archive_table_not_created_yet_is_not_missing(pii_engine: PiiEngine, crm: Engine) -> None:
    """The sweep creates the archive table the first time it archives: before that, discovery must
    not report its declared columns as missing; once it exists, a column it lacks is."""
    declared = {**DECLARED, "invoices_archive": {"billing_name": "identity"}}
    report = discover(crm, declared, sample_rows=10, created_later=["invoices_archive"])
    assert report.missing_declared == ("companies.former_column",)
    with crm.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices_archive (id INTEGER PRIMARY KEY)")
    report = discover(crm, declared, sample_rows=10, created_later=["invoices_archive"])
    assert report.missing_declared == ("companies.former_column", "invoices_archive.billing_name")


def test_report_holds_no_value_from_the_database(pii_engine: PiiEngine, crm: Engine) -> None:
    dumped = json.dumps(discover(crm, DECLARED, sample_rows=50).to_dict(), ensure_ascii=False)
    for value in (
        "Girard",
        "Dupont",
        "06 12 34 56 78",
        "claire.dupont",
        "732829320",
        "Société",
        "RAS",
        "PME",
    ):
        assert value not in dumped
    assert json.loads(dumped)["undeclared"][0]["column"] == "internal_comment"


def test_sample_is_seeded_bounded_and_spread(pii_engine: PiiEngine) -> None:
    engine = create_engine("sqlite://")
    metadata = MetaData()
    big = Table(
        "big",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("body", Text),
        Column("code", String(5)),
    )
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(big.insert(), [{"id": i, "body": f"note {i}", "code": "A"} for i in range(1, 5001)])
        first = sample_rows(conn, big, ["body"], 200, seed=7)
        again = sample_rows(conn, big, ["body"], 200, seed=7)
        other = sample_rows(conn, big, ["body"], 200, seed=8)
    assert first == again and first != other
    assert 0 < len(first) <= 200
    ids = sorted(int(row[0].split()[1]) for row in first)
    assert ids[0] < 2500 < ids[-1]  # old and recent rows both seen, not just the first 200
    report = discover(engine, {}, sample_rows=200, seed=7)
    assert {c.rows_sampled for c in report.columns} == {len(first)}


def test_table_without_primary_key(pii_engine: PiiEngine) -> None:
    engine = create_engine("sqlite://")
    metadata = MetaData()
    log = Table("call_log", metadata, Column("line", String(200)))
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(log.insert(), [{"line": "appel de M. Martin au 0612345678"}] * 30)
    finding = discover(engine, {}, sample_rows=10).columns[0]
    assert finding.rows_sampled == 10 and finding.rows_with_pii == 10 and not finding.declared


def test_scan_column_streams_pages(pii_engine: PiiEngine, crm: Engine) -> None:
    hits = list(scan_column(crm, companies, "internal_comment", page_rows=3))
    assert [key for key, _ in hits] == [(i,) for i in range(1, 21, 2)]
    assert all({s.entity_type for s in spans} == {"PERSON", "PHONE_NUMBER"} for _, spans in hits)
