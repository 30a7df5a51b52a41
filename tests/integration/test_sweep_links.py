"""Rows reached through a parent (``via:`` chains, polymorphic links whose parents are themselves linked)
belong to *their* subject only; a notice rule does not hide the people it merely warns from later rules;
a second plan on the same date finds nothing left. On SQLite, PostgreSQL and MariaDB (issue 7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    insert,
)
from sweep_fixtures import (
    CLICK,
    DEMO_POLICY,
    TEST_KEY,
    Crm,
    D,
    Rows,
    at,
    changed_keys,
    ensure_archive_reader,
    open_crm,
)

from crm_privacy.crm.binding import bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.demo.schema import metadata
from crm_privacy.ledger import Ledger
from crm_privacy.policy.loader import load_policy
from crm_privacy.rules.notices import NoticeCheck
from crm_privacy.rules.planner import Plan, iter_key_batches, make_plan
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.transform.keys import KeyRing

pytestmark = pytest.mark.integration


def rule(summary: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in summary["rules"] if r["rule_id"] == rule_id)


def planned_rows(summary: dict[str, Any], rule_id: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in rule(summary, rule_id)["tables"]:
        if t["rows"]:
            out[t["table"]] = out.get(t["table"], 0) + t["rows"]
    return out


def nothing_left(summary: dict[str, Any]) -> dict[str, Any]:
    """Rules that still report subjects, rows or notices to send (empty: nothing left to do)."""
    return {
        r["rule_id"]: (r["subjects"], r["notify"], {t["table"]: t["rows"] for t in r["tables"] if t["rows"]})
        for r in summary["rules"]
        if r["subjects"] or r["notify"] or any(t["rows"] for t in r["tables"])
    }


def sweep(url: str, workdir: Path, policy: Path = DEMO_POLICY, **kwargs: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"dry_run": False, "max_share": 1.0, "keyring": KeyRing(TEST_KEY), "as_of": D}
    options.update(kwargs)
    return run_sweep(
        policy=policy,
        crm_url=url,
        ledger_url=f"sqlite:///{workdir / 'ledger.db'}",
        workdir=workdir / "runs",
        **options,
    )


def plan_keys(plan: Plan, rule_id: str) -> set[Any]:
    rule_plan = next(r for r in plan.rules if r.rule_id == rule_id)
    return {key for batch in iter_key_batches(Path(rule_plan.keys_file), 1000) for key in batch}


# -- a small shop schema: clock dates two and three steps away from the person --------------------------

shop = MetaData()
people = Table(
    "people",
    shop,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("segment", String(40)),
)
orders = Table(
    "orders",
    shop,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
)
lines = Table(
    "lines",
    shop,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
)
parcels = Table(
    "parcels",
    shop,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("line_id", Integer, ForeignKey("lines.id"), nullable=False),
    Column("delivered_at", DateTime),
    Column("tracking", String(40)),
)
memos = Table(
    "memos",
    shop,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("parent_type", String(10), nullable=False),
    Column("parent_id", Integer, nullable=False),
    Column("body", String(200)),
    Column("written_at", DateTime, nullable=False),
)

SHOP_POLICY = {
    "version": "links-1",
    "controller": "Test",
    "crm": "shop",
    "subject": {"table": "people", "key": "id"},
    "purposes": [
        {
            "id": "marketing",
            "title": "Prospection",
            "legal_basis": "legitimate_interest",
            "retention": "1y",
            "clock_starts": "dernière livraison ou dernier mémo",
            "at_expiry": "suppression des données marketing",
        }
    ],
    "tables": {
        "people": {
            "link": {"subject": True},
            "category": "identity",
            "row_action": "keep",
            "columns": {"segment": {"category": "marketing", "action": "null"}},
        },
        "orders": {"link": {"fk": "person_id"}, "category": "contract", "row_action": "keep"},
        "lines": {"link": {"via": "order_id -> orders"}, "category": "contract", "row_action": "keep"},
        "parcels": {
            "link": {"via": "line_id -> lines"},  # two steps from the person
            "category": "contract",
            "row_action": "keep",
            "columns": {"tracking": {"category": "marketing", "action": "null"}},
        },
        "memos": {
            "link": {
                "polymorphic": {
                    "type_column": "parent_type",
                    "id_column": "parent_id",
                    "parents": {"person": "people", "order": "orders", "parcel": "parcels"},
                }
            },
            "category": "marketing",
            "row_action": "delete",
        },
    },
    "rules": [
        {
            "id": "M1",
            "title": "Plus de livraison ni de mémo depuis un an",
            "purpose": "marketing",
            "clock": [
                {"table": "parcels", "column": "delivered_at"},
                {"table": "memos", "column": "written_at"},
            ],
            "scope": {"categories": ["marketing"]},
        }
    ],
}

OLD, YOUNG = at("2020-03-01"), at("2025-04-01")


class Shop:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in shop.sorted_tables}

    def _add(self, table: str, **row: Any) -> int:
        row["id"] = len(self.rows[table]) + 1
        self.rows[table].append(row)
        return int(row["id"])

    def person(self, pid: int, segment: str | None = "PME") -> int:
        self.rows["people"].append({"id": pid, "segment": segment})
        return pid

    def parcel(self, pid: int, delivered: dt.datetime, tracking: str | None = "TRK") -> int:
        order = self._add("orders", person_id=pid)
        line = self._add("lines", order_id=order)
        return self._add("parcels", line_id=line, delivered_at=delivered, tracking=tracking)

    def memo(self, parent_type: str, parent_id: int, written: dt.datetime) -> int:
        return self._add("memos", parent_type=parent_type, parent_id=parent_id, body="x", written_at=written)

    def order_of(self, parcel: int) -> int:
        line = next(p["line_id"] for p in self.rows["parcels"] if p["id"] == parcel)
        return int(next(r["order_id"] for r in self.rows["lines"] if r["id"] == line))

    def parcels_of(self, people: set[int]) -> set[int]:
        person = {o["id"]: o["person_id"] for o in self.rows["orders"]}
        return {p["id"] for p in self.rows["parcels"] if person[self.order_of(p["id"])] in people}

    def load(self, engine: Engine) -> None:
        shop.create_all(engine)
        with engine.begin() as conn:
            for table in shop.sorted_tables:
                if self.rows[table.name]:
                    conn.execute(insert(table), self.rows[table.name])


@pytest.fixture
def shop_db(scratch_url: str) -> Iterator[Engine]:
    engine = make_engine(scratch_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_clock_through_a_via_chain_selects_exactly_the_due_people(
    shop_db: Engine, scratch_url: str, tmp_path: Path
) -> None:
    """Dates two steps away (parcels via lines via orders) and on polymorphic parents that are themselves
    linked through a chain keep *their* person alive, not everybody; only due people are treated."""
    s = Shop()
    s.person(1)
    s.parcel(1, OLD)  # only old deliveries: due
    s.person(2)
    s.parcel(2, YOUNG)  # a recent delivery: kept
    s.person(3)
    s.parcel(3, OLD)
    s.parcel(3, YOUNG)  # one old and one recent order: kept
    s.person(4)  # no date at all: a finding, never treated
    s.person(5)
    s.memo("parcel", s.parcel(5, OLD), YOUNG)  # a recent memo on its parcel: kept
    s.person(6)
    s.memo("order", s.order_of(s.parcel(6, OLD)), YOUNG)  # a recent memo on its order: kept
    s.person(7)
    old_memo = s.memo("order", s.order_of(s.parcel(7, OLD)), OLD)  # everything old: due
    s.person(8)
    s.memo("person", 8, YOUNG)  # only a recent memo on the person: kept
    s.person(9, segment=None)
    s.parcel(9, OLD, tracking=None)  # due, but already treated: nothing pending
    s.load(shop_db)
    policy_path = tmp_path / "shop.yaml"
    policy_path.write_text(yaml.safe_dump(SHOP_POLICY), encoding="utf-8")
    binding = bind(load_policy(policy_path).policy, shop_db)

    plan = make_plan(binding, D, tmp_path / "plan")

    m1 = next(r for r in plan.rules if r.rule_id == "M1")
    assert plan_keys(plan, "M1") == {1, 7}
    assert m1.subjects == 2 and m1.findings == {"missing_date": 1}
    due_parcels = s.parcels_of({1, 7})
    assert len(due_parcels) == 2
    assert {t.table: t.rows for t in m1.tables if t.rows} == {"people": 2, "parcels": 2, "memos": 1}

    crm = Crm(scratch_url, shop_db, tmp_path)
    before = crm.snapshot()
    summary = sweep(scratch_url, tmp_path, policy=policy_path)

    assert summary["status"] == "succeeded"
    assert changed_keys(before, crm.snapshot()) == {
        "people": {1, 7},
        "parcels": due_parcels,
        "memos": {old_memo},
    }
    again = sweep(scratch_url, tmp_path, policy=policy_path, plan_only=True)
    assert nothing_left(again) == {}


# -- the demo policy ------------------------------------------------------------------------------------


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    with open_crm(scratch_url, tmp_path) as db:
        yield db


def _customer(rows: Rows, cid: int, ordered: dt.datetime, *, status: str, **extra: Any) -> int:
    rows.contact(cid, status=status, collected=at("2018-01-10"), **extra)
    rows.add(
        "orders",
        contact_id=cid,
        order_number=f"CMD-{cid}",
        ordered_at=ordered,
        amount_ht=100,
        delivery_address=extra.get("address_line"),
    )
    return cid


def _opportunity_note(rows: Rows, cid: int) -> int:
    opportunity = rows.opportunity(cid, created=at("2020-02-01"))
    return rows.add(
        "notes",
        parent_type="opportunity",
        parent_id=opportunity,
        author="commercial",
        body=f"Relancer le contact {cid}",
        created_at=at("2020-02-02"),
    )


def test_notes_on_another_subjects_opportunity_are_not_treated(crm: Crm, tmp_path: Path) -> None:
    """R3 (former customers, marketing data): B is due; A is a customer with recent orders; C is due but
    already treated. Only B's note on B's opportunity goes; A's note stays; C is not a subject."""
    rows = Rows()
    a = _customer(rows, 1, at("2025-03-01"), status="customer")
    a_note = _opportunity_note(rows, a)
    b = _customer(rows, 2, at("2020-05-01"), status="former_customer")
    b_note = _opportunity_note(rows, b)
    done = dict.fromkeys(("email", "phone", "mobile", "address_line", "segment", "lead_score", "preferences"))
    c = _customer(rows, 3, at("2020-05-01"), status="former_customer", **done)
    crm.load(rows)
    binding = bind(load_policy(DEMO_POLICY).policy, crm.engine)
    notices = NoticeCheck(Ledger.from_url(crm.ledger_url), KeyRing(TEST_KEY), D)

    plan = make_plan(binding, D, tmp_path / "plan", notices)

    r3 = next(r for r in plan.rules if r.rule_id == "R3")
    assert plan_keys(plan, "R3") == {b} and r3.subjects == 1
    assert c not in plan_keys(plan, "R3")
    r3_rows = {(t.table, t.action): t.rows for t in r3.tables if t.rows}
    assert r3_rows[("notes", "delete")] == 1 and r3_rows[("opportunities", "delete")] == 1

    before = crm.snapshot()
    summary = crm.sweep()

    assert summary["status"] == "succeeded"
    changed = changed_keys(before, crm.snapshot())
    assert changed["notes"] == {b_note} and a_note not in changed["notes"]
    assert changed["contacts"] == {b}
    assert crm.row("notes", a_note)["body"] == f"Relancer le contact {a}"


def test_second_plan_after_a_sweep_reports_nothing(demo_crm: str, tmp_path: Path) -> None:
    """On the demo CRM, a real sweep then a plan on the same date: 0 subjects and 0 rows for every rule."""
    engine = make_engine(demo_crm)
    try:
        ensure_archive_reader(engine)
    finally:
        engine.dispose()
    first = sweep(demo_crm, tmp_path)
    assert first["status"] == "succeeded" and first["rows_affected"] > 0

    second = sweep(demo_crm, tmp_path, plan_only=True)

    assert nothing_left(second) == {}
    assert second["rows_planned"] == 0


def test_a_warned_subject_is_still_reached_by_later_rules(crm: Crm) -> None:
    """R4 (scope all, notice first) only warns W on D: C1 (no newsletter consent) still treats W's
    marketing data in the same run. 30 days later R4 erases V: C1 does not count V a second time."""
    rows = Rows()
    rows.bystanders()
    w = rows.contact(
        31, collected=at("2023-01-15"), last_login_at=at("2023-03-01"), segment="PME", lead_score=7
    )
    rows.event(w, at("2025-01-10"), CLICK)  # an active prospect: R1 does not apply
    v = rows.contact(32, collected=at("2023-01-15"), last_login_at=at("2023-03-01"), segment="ETI")
    rows.event(v, at("2025-01-10"), CLICK)
    v_consent = rows.consent(v, given_at=at("2023-01-15"))
    crm.load(rows)

    first = crm.sweep()

    assert first["status"] == "succeeded"
    assert rule(first, "R4")["findings"].get("notice_to_send") == 2 and rule(first, "R4")["subjects"] == 0
    assert rule(first, "C1")["subjects"] == 1
    warned = crm.row("contacts", w)
    assert warned["segment"] is None and warned["lead_score"] is None and warned["anonymised_at"] is None
    assert crm.row("contacts", v)["segment"] == "ETI"

    # V withdraws the newsletter consent; 30 days after the notices, no login: R4 acts on both
    consents = metadata.tables["consents"]
    with crm.engine.begin() as conn:
        conn.execute(
            consents.update().where(consents.c.id == v_consent).values(withdrawn_at=at("2025-07-01"))
        )
    later = crm.sweep(as_of=D + dt.timedelta(days=30))

    assert later["status"] == "succeeded"
    assert rule(later, "R4")["subjects"] == 2
    assert rule(later, "C1")["subjects"] == 0 and planned_rows(later, "C1") == {}
    assert crm.row("contacts", v)["anonymised_at"] is not None
