"""Access (art. 15) and portability (art. 20) exports on a demo CRM, on SQLite, PostgreSQL and MariaDB:
the encrypted zip opens with its password only, holds every row of the person (compared with direct
SQL counts, archived invoices included), their own e-mail but not the name and phone of a third party
written in their note, verified checksums, the art. 15(1) notice; portability leaves out what the
policy marks inferred and is refused for a prospect whose only purpose rests on legitimate interest.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pyzipper
import yaml
from sqlalchemy import Engine, insert, select, text

from crm_privacy.cli import main
from crm_privacy.crm.archive import archive_table
from crm_privacy.crm.binding import Binding, bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.errors import PolicyError
from crm_privacy.policy.loader import load_policy
from crm_privacy.requests.export import Bundle, write_bundle
from crm_privacy.requests.model import SubjectRequest, parse_request

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
AS_OF = dt.date(2025, 6, 30)
THIRD_NAME = "Ondine Fauconnier"
THIRD_PHONE = "06 47 83 29 15"
CNIL_LINES = ["www.cnil.fr", "3 place de Fontenoy", "TSA 80715", "75334 Paris Cedex 07"]

#: rows of each table (and of the archive) that belong to contact :id, written by hand in SQL
DIRECT_COUNTS = {
    "contacts": "SELECT count(*) FROM contacts WHERE id = :id",
    "interactions": "SELECT count(*) FROM interactions WHERE contact_id = :id",
    "consents": "SELECT count(*) FROM consents WHERE contact_id = :id",
    "opportunities": "SELECT count(*) FROM opportunities WHERE contact_id = :id",
    "contracts": "SELECT count(*) FROM contracts WHERE contact_id = :id",
    "orders": "SELECT count(*) FROM orders WHERE contact_id = :id",
    "invoices": "SELECT count(*) FROM invoices WHERE contact_id = :id",
    "invoices_archive": "SELECT count(*) FROM invoices_archive WHERE contact_id = :id",
    "notes": (
        "SELECT count(*) FROM notes WHERE (parent_type = 'contact' AND parent_id = :id) OR "
        "(parent_type = 'opportunity' AND parent_id IN (SELECT id FROM opportunities WHERE contact_id = :id))"
    ),
}


@dataclass
class Crm:
    engine: Engine
    binding: Binding
    out: Path


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Any:
    assert (
        main(["demo-db", "--url", scratch_url, "--contacts", "300", "--seed", "11", "--as-of", "2025-06-30"])
        == 0
    )
    engine = make_engine(scratch_url)
    try:
        yield Crm(engine, bind(load_policy(POLICY).policy, engine), tmp_path / "exports")
    finally:
        engine.dispose()


def request(kind: str) -> SubjectRequest:
    return parse_request(kind, reference=f"DSR-2025-{kind[:3]}", received="2025-06-02", ref="x", today=AS_OF)


def one_id(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        found = conn.execute(text(sql)).scalar()
    assert found is not None, sql
    return int(found)


def busy_customer(engine: Engine) -> int:
    """A customer with notes, interactions, orders and invoices (the most invoices, then the lowest id)."""
    return one_id(
        engine,
        "SELECT c.id FROM contacts c WHERE c.status = 'customer' "
        "AND EXISTS (SELECT 1 FROM notes n WHERE n.parent_type = 'contact' AND n.parent_id = c.id) "
        "AND EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = c.id) "
        "AND EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.id) "
        "AND (SELECT count(*) FROM invoices v WHERE v.contact_id = c.id) >= 2 "
        "ORDER BY (SELECT count(*) FROM invoices v WHERE v.contact_id = c.id) DESC, c.id",
    )


def archive_one_invoice(crm: Crm, contact: int) -> None:
    """What a sweep does to an invoice under its legal hold: moved to the intermediate archive."""
    archive = archive_table(crm.binding, "invoices")
    archive.create(crm.engine, checkfirst=True)
    invoices = crm.binding.table("invoices")
    with crm.engine.begin() as conn:
        row = dict(
            conn.execute(
                select(invoices).where(invoices.c.contact_id == contact).order_by(invoices.c.id).limit(1)
            )
            .mappings()
            .one()
        )
        row.update(
            legal_basis="C. com. L123-22",
            purge_after=dt.date(2032, 12, 31),
            archived_at=dt.datetime(2025, 6, 30),
            archived_by_rule="R2",
        )
        conn.execute(insert(archive), [row])
        conn.execute(invoices.delete().where(invoices.c.id == row["id"]))


def open_zip(bundle: Bundle) -> dict[str, bytes]:
    assert bundle.path is not None
    with pyzipper.AESZipFile(bundle.path) as archive:
        archive.setpassword(bundle.password.encode())
        return {name: archive.read(name) for name in archive.namelist()}


def checksums_verify(files: dict[str, bytes]) -> None:
    listed = {}
    for line in files["SHA256SUMS"].decode("ascii").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == set(files) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name


def test_access_export_holds_every_row_of_the_person_encrypted(crm: Crm) -> None:
    contact = busy_customer(crm.engine)
    with crm.engine.begin() as conn:
        email = conn.execute(text("SELECT email FROM contacts WHERE id = :id"), {"id": contact}).scalar()
        assert email
        conn.execute(
            text(
                "INSERT INTO notes (id, parent_type, parent_id, author, body, created_at) "
                "VALUES (999001, 'contact', :id, 'Service client', :body, :at)"
            ),
            {
                "id": contact,
                "body": f"Parrainée par Mme {THIRD_NAME} ({THIRD_PHONE}). Lui écrire à {email} pour l'offre.",
                "at": dt.datetime(2025, 5, 2, 10, 0),
            },
        )
    archive_one_invoice(crm, contact)

    bundle = write_bundle(
        crm.binding, [contact], request=request("access"), out_dir=crm.out, portability=False, as_of=AS_OF
    )

    assert bundle.path is not None and bundle.path.parent == crm.out and not bundle.refused
    assert stat.S_IMODE(bundle.path.stat().st_mode) == 0o600
    assert bundle.sha256 == hashlib.sha256(bundle.path.read_bytes()).hexdigest()
    assert bundle.password not in repr(bundle) and len(bundle.password) >= 24
    # encrypted: nothing readable without the password, and not with another one
    with pyzipper.AESZipFile(bundle.path) as archive:
        assert all(info.flag_bits & 0x1 for info in archive.infolist())  # every entry encrypted
        with pytest.raises(RuntimeError, match="requires a password"):
            archive.read("json/contacts.json")
        archive.setpassword(b"not-the-password")
        with pytest.raises(RuntimeError, match="Bad password"):
            archive.read("json/contacts.json")
    raw = bundle.path.read_bytes()
    assert email.encode() not in raw and b"CNIL" not in raw

    files = open_zip(bundle)
    checksums_verify(files)
    with crm.engine.connect() as conn:
        expected = {
            name: conn.execute(text(sql), {"id": contact}).scalar_one() for name, sql in DIRECT_COUNTS.items()
        }
    assert expected["invoices_archive"] == 1 and expected["notes"] >= 2 and expected["orders"] >= 1
    assert bundle.tables == expected
    everything = json.loads(files["json/all.json"])["tables"]
    for name, count in expected.items():
        rows = json.loads(files[f"json/{name}.json"])
        assert len(rows) == count == len(everything[name]), name
        header, *lines = list(csv.reader(io.StringIO(files[f"csv/{name}.csv"].decode("utf-8"))))
        assert len(lines) == count and header == list(rows[0]), name
    archived = json.loads(files["json/invoices_archive.json"])[0]
    assert archived["legal_basis"] == "C. com. L123-22" and archived["purge_after"] == "2032-12-31"
    assert isinstance(archived["amount_ttc"], str) and dt.date.fromisoformat(archived["issued_at"])

    # the person's own e-mail is there, the third party of their note is not (art. 15(4))
    contacts = json.loads(files["json/contacts.json"])
    assert contacts[0]["email"] == email
    note = next(n for n in json.loads(files["json/notes.json"]) if n["id"] == 999001)
    assert email in note["body"] and "<PERSONNE>" in note["body"] and "<TELEPHONE>" in note["body"]
    blob = b"".join(files.values()).decode("utf-8")
    assert "Fauconnier" not in blob and "Ondine" not in blob
    assert THIRD_PHONE not in blob and THIRD_PHONE.replace(" ", "") not in blob
    assert bundle.password not in blob

    schema = json.loads(files["schema.json"])
    assert set(schema["tables"]) == set(expected)
    contact_columns = {c["name"]: c for c in schema["tables"]["contacts"]["columns"]}
    assert contact_columns["email"]["category"] == "contact_channel"
    assert contact_columns["lead_score"]["json_type"] == "integer"
    assert schema["tables"]["invoices_archive"]["intermediate_archive"] is True

    notice = files["LISEZMOI.txt"].decode("utf-8")
    for line in CNIL_LINES:
        assert line in notice
    for purpose in crm.binding.policy.purposes:
        assert purpose.title in notice
    for words in ("rectification", "effacement", "limitation", "opposition", "portabilité"):
        assert words in notice
    assert "Exécution d'un contrat" in notice and "Décisions automatisées" in notice
    assert email not in notice


def test_portability_leaves_out_inferred_data_and_is_refused_on_legitimate_interest(crm: Crm) -> None:
    customer = busy_customer(crm.engine)
    bundle = write_bundle(
        crm.binding,
        [customer],
        request=request("portability"),
        out_dir=crm.out,
        portability=True,
        as_of=AS_OF,
    )
    assert bundle.path is not None and not bundle.refused
    files = open_zip(bundle)
    checksums_verify(files)
    assert {n for n in files if n.startswith("json/")} == {
        f"json/{t}.json"
        for t in ("all", "contacts", "interactions", "consents", "contracts", "orders", "invoices")
    }
    assert set(bundle.tables) == {"contacts", "interactions", "consents", "contracts", "orders", "invoices"}
    contact = json.loads(files["json/contacts.json"])[0]
    assert contact["id"] == customer and "email" in contact
    assert "lead_score" not in contact and "segment" not in contact
    for name in ("orders", "invoices"):
        assert all("margin" not in row for row in json.loads(files[f"json/{name}.json"]))
        header = files[f"csv/{name}.csv"].decode("utf-8").splitlines()[0].split(",")
        assert "margin" not in header and "amount_ht" in header
    schema = json.loads(files["schema.json"])
    assert schema["tables"]["contacts"]["excluded_columns"] == ["segment", "lead_score"]
    assert "notes" not in schema["tables"] and "opportunities" not in schema["tables"]
    assert "Exécution d'un contrat" in files["LISEZMOI.txt"].decode("utf-8")

    # a prospect without an online account nor a valid newsletter consent: legitimate interest only
    prospect = one_id(
        crm.engine,
        "SELECT c.id FROM contacts c WHERE c.status = 'prospect' AND c.last_login_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.contact_id = c.id AND k.purpose = 'newsletter' "
        "AND k.status = 'granted') ORDER BY c.id",
    )
    before = sorted(crm.out.iterdir())
    refused = write_bundle(
        crm.binding,
        [prospect],
        request=request("portability"),
        out_dir=crm.out,
        portability=True,
        as_of=AS_OF,
    )
    assert refused.path is None and refused.tables == {} and refused.password == ""
    assert "art. 20(1)(a)" in refused.refused[0]
    assert any("prospection_prospects" in r and "Intérêt légitime" in r for r in refused.refused[1:])
    assert sorted(crm.out.iterdir()) == before  # no zip for a refused request
    # the same prospect's access request is answered
    access = write_bundle(
        crm.binding, [prospect], request=request("access"), out_dir=crm.out, portability=False, as_of=AS_OF
    )
    assert access.path is not None and access.tables["contacts"] == 1

    # an inferred column the CRM does not have is a policy error, not a silently exported score
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    data["tables"]["contacts"]["inferred"] = ["segment", "lead_scor"]
    path = crm.out.parent / "typo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    typo = bind(load_policy(path).policy, crm.engine)
    with pytest.raises(PolicyError, match=r"tables\.contacts\.inferred: .*lead_scor"):
        write_bundle(
            typo, [customer], request=request("portability"), out_dir=crm.out, portability=True, as_of=AS_OF
        )


@pytest.mark.parametrize(
    ("inferred", "expected"),
    [
        pytest.param(["*", "segment"], "stands alone", id="star-with-columns"),
        pytest.param(["lead score"], "not a column name", id="not-an-identifier"),
        pytest.param(["segment", "segment"], "listed twice", id="duplicate"),
    ],
)
def test_a_bad_inferred_list_is_refused_when_the_policy_loads(
    tmp_path: Path, inferred: list[str], expected: str
) -> None:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    data["tables"]["contacts"]["inferred"] = inferred
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PolicyError, match=expected) as caught:
        load_policy(path)
    assert "tables.contacts.inferred" in str(caught.value)
