"""Issue 7, point 13: scrubbing a subject's notes removes the values the CRM holds for that subject
(names, phones in any format, e-mail in any case, customer reference...), whatever the detection engine
finds, on notes attached to the contact and to one of their opportunities; on SQLite, PostgreSQL and
MariaDB. Also: every link kind (fk, via chain, polymorphic with parents) gives the real subject key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, Text, insert, select
from sweep_fixtures import DEMO_POLICY, SENT, Crm, Rows, at, changed_keys, open_crm, row_of

from crm_privacy.crm.binding import bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.policy.model import Policy

pytestmark = pytest.mark.integration


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    with open_crm(scratch_url, tmp_path) as db:
        yield db


def policy_keeping_opportunities(tmp_path: Path) -> Path:
    """The demo policy, except that opportunities stay: their notes are then scrubbed, not deleted."""
    data = yaml.safe_load(DEMO_POLICY.read_text(encoding="utf-8"))
    data["tables"]["opportunities"]["row_action"] = "keep"
    path = tmp_path / "policy_keep_opportunities.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def fold(text: str) -> str:
    """Lower case, no accents: how a reader would still recognise a value."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_a_subjects_own_values_leave_their_notes(crm: Crm, tmp_path: Path) -> None:
    rows = Rows()
    bystanders = rows.bystanders()
    subject = rows.prospect(
        1, collected=at("2022-05-15"), events=[(at("2023-02-01"), SENT), (at("2025-05-05"), SENT)]
    )
    person = rows.tables["contacts"][-1]
    person.update(last_name="Lévêque", phone="01 41 71 31 01", mobile="06 91 58 11 01")
    email, ref = str(person["email"]), str(person["customer_ref"])
    (opportunity,) = rows.of_contacts("opportunities", {subject})
    on_contact = rows.add(
        "notes",
        parent_type="contact",
        parent_id=subject,
        author="commercial",
        body=(
            f"suite appel, leveque rappellera au 0141713101 ou au +33 (0)1 41 71 31 01 ; "
            f"écrire à {email.upper()} ; dossier {ref} ; intéressée par l'imprimante"
        ),
        created_at=at("2022-06-01"),
    )
    on_opportunity = rows.add(
        "notes",
        parent_type="opportunity",
        parent_id=opportunity,
        author="commercial",
        body=f"devis imprimante pour leveque : joindre au 01.41.71.31.01 ou +33 6 91 58 11 01 ({ref.lower()})",
        created_at=at("2022-06-02"),
    )
    other = min(bystanders)  # a subject no rule reaches: its note mentions the first subject by name
    about_someone_else = rows.add(
        "notes",
        parent_type="contact",
        parent_id=other,
        author="commercial",
        body="leveque recommande ce client, appeler au 0141713101",
        created_at=at("2025-06-01"),
    )
    crm.load(rows)
    before = crm.snapshot()

    summary = crm.sweep(policy=policy_keeping_opportunities(tmp_path))

    assert summary["status"] == "succeeded"
    changed = changed_keys(before, crm.snapshot())
    assert changed["notes"] == {on_contact, on_opportunity}
    assert crm.row("notes", about_someone_else) == row_of(before, "notes", about_someone_else)
    assert crm.row("contacts", subject)["anonymised_at"] is not None  # taken before it was anonymised
    forbidden = [fold(v) for v in ("leveque", "Lévêque", "Berthilde", email, ref)]
    for note in (on_contact, on_opportunity):
        body = str(crm.row("notes", note)["body"])
        assert "imprimante" in body
        assert [v for v in forbidden if v in fold(body)] == [], note
        assert fold(ref).replace("-", "") not in fold(body).replace("-", "")
        assert "141713101" not in digits(body) and "691581101" not in digits(body)
    assert crm.sweep(policy=policy_keeping_opportunities(tmp_path))["rows_affected"] == 0


# -- the real subject key of each row, for every kind of link ----------------------------------------


def _policy(tables: dict[str, Any]) -> Policy:
    return Policy.model_validate(
        {
            "version": "t",
            "controller": "t",
            "crm": "t",
            "subject": {"table": "people", "key": "id"},
            "purposes": [
                {
                    "id": "p",
                    "title": "t",
                    "legal_basis": "contract",
                    "retention": "1y",
                    "clock_starts": "t",
                    "at_expiry": "t",
                }
            ],
            "tables": tables,
            "rules": [
                {
                    "id": "R",
                    "title": "t",
                    "purpose": "p",
                    "clock": [{"table": "people", "column": "created"}],
                    "scope": {"all": True},
                }
            ],
        }
    )


def test_subject_key_of_every_link_kind(scratch_url: str) -> None:
    from crm_privacy.crm.subjects import subject_key_of

    meta = MetaData()
    people = Table("people", meta, Column("id", Integer, primary_key=True), Column("created", Date))
    orders = Table("orders", meta, Column("id", Integer, primary_key=True), Column("person_id", Integer))
    lines = Table("lines", meta, Column("id", Integer, primary_key=True), Column("order_id", Integer))
    memos = Table(
        "memos",
        meta,
        Column("id", Integer, primary_key=True),
        Column("kind", String(10)),
        Column("ref", Integer),
        Column("body", Text),
    )
    engine = make_engine(scratch_url)
    try:
        meta.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(people), [{"id": 1}, {"id": 2}])
            conn.execute(insert(orders), [{"id": 10, "person_id": 2}, {"id": 11, "person_id": 1}])
            conn.execute(insert(lines), [{"id": 100, "order_id": 11}, {"id": 101, "order_id": 10}])
            conn.execute(
                insert(memos),
                [
                    {"id": 1, "kind": "person", "ref": 2},
                    {"id": 2, "kind": "order", "ref": 11},
                    {"id": 3, "kind": "line", "ref": 101},
                    {"id": 4, "kind": "company", "ref": 1},  # not a parent of the policy: no subject
                ],
            )
        policy = _policy(
            {
                "people": {"link": {"subject": True}, "category": "identity", "row_action": "keep"},
                "orders": {"link": {"fk": "person_id"}, "category": "c", "row_action": "keep"},
                "lines": {"link": {"via": "order_id -> orders"}, "category": "c", "row_action": "keep"},
                "memos": {
                    "link": {
                        "polymorphic": {
                            "type_column": "kind",
                            "id_column": "ref",
                            "parents": {"person": "people", "order": "orders", "line": "lines"},
                        }
                    },
                    "category": "free_text",
                    "row_action": "keep",
                },
            }
        )
        binding = bind(policy, engine)

        def keys(name: str) -> dict[int, Any]:
            table = binding.table(name)
            query = select(table.c.id, subject_key_of(binding, name)).order_by(table.c.id)
            with engine.connect() as conn:
                return {int(r[0]): r[1] for r in conn.execute(query)}

        assert keys("people") == {1: 1, 2: 2}
        assert keys("orders") == {10: 2, 11: 1}
        assert keys("lines") == {100: 1, 101: 2}
        assert keys("memos") == {1: 2, 2: 1, 3: 2, 4: None}
    finally:
        engine.dispose()
