"""Customer records of one contact: contracts, orders (+ 'purchase' interactions), invoices, opportunities.

Orders and contracts stay inside the customer relationship ``[rel_start, rel_end]``; invoices follow
their order by a few days and carry ``fiscal_year`` / ``fiscal_year_close`` (31 December), so a run
over the default history covers fiscal years D-13..D: some invoices are past their 10-year R5 limit,
most are not. Amounts are built from integer cents and turned into ``Decimal`` once, exactly.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from crm_privacy.demo.companies import random_person
from crm_privacy.demo.context import Rows, Run, between
from crm_privacy.demo.notes_text import Person, business_note, pii_note
from crm_privacy.demo.pools import PRODUCTS
from crm_privacy.demo.profiles import EXPIRED_PROSPECT_PROFILES, Plan

_SUBSCRIPTIONS = tuple(p for p in PRODUCTS if p[3])
_STAGES = ("prospection", "qualification", "proposition", "negociation", "gagnee", "perdue")


class Billing(NamedTuple):
    company_id: int | None
    company_name: str | None
    name: str  # "Mme Claire Dupont" or the company name
    address: str | None
    email: str | None


def money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _invoice(
    r: random.Random, run: Run, cid: int, order_id: int | None, issued: date, cents: int, bill: Billing
) -> tuple[object, ...]:
    iid = run.ids.take("invoices")
    overdue = issued < run.timeline.as_of - timedelta(days=60)
    return (
        iid,
        order_id,
        cid,
        f"FA-{issued.year}-{iid:06d}",
        issued,
        issued.year,
        date(issued.year, 12, 31),
        money(cents),
        money((cents * 6 + 2) // 5),  # TVA 20 %, rounded half up
        money(cents * r.randrange(15, 46) // 100),
        bill.name,
        bill.address,
        bill.email,
        r.random() < (0.97 if overdue else 0.6),
    )


def contracts(r: random.Random, run: Run, cid: int, plan: Plan, bill: Billing, rows: Rows) -> None:
    """1-3 successive contracts; the last one is still running for active customers."""
    assert plan.rel_start is not None
    tl = run.timeline
    span_end = plan.rel_end or tl.now - timedelta(days=1)
    n = r.choices((1, 2, 3), (70, 25, 5))[0]
    cuts = sorted(between(r, plan.rel_start, span_end) for _ in range(n - 1))
    bounds = [plan.rel_start, *cuts, span_end]
    for i in range(n):
        start, end = bounds[i].date(), bounds[i + 1].date()
        last = i == n - 1
        end_date: date | None = end
        if last and plan.rel_end is None:
            end_date = None if r.random() < 0.6 else tl.as_of + timedelta(days=r.randrange(30, 730))
        _, label, price, _ = r.choice(_SUBSCRIPTIONS)
        ctr_id = run.ids.take("contracts")
        monthly = price * r.randrange(1, 11)
        rows["contracts"].append(
            (
                ctr_id,
                cid,
                bill.company_id,
                f"CTR-{start.year}-{ctr_id:06d}",
                label,
                start,
                end_date,
                money(monthly),
            )
        )
        issued = min(start + timedelta(days=r.randrange(0, 6)), tl.as_of - timedelta(days=1))
        rows["invoices"].append(_invoice(r, run, cid, None, issued, monthly, bill))  # first month, no order


def orders(r: random.Random, run: Run, cid: int, plan: Plan, bill: Billing, rows: Rows) -> None:
    """1-5 orders, each with a 'purchase' interaction and (unless issued after D) an invoice."""
    assert plan.rel_start is not None
    tl = run.timeline
    span_end = plan.rel_end or tl.now
    for _ in range(r.randrange(1, 6)):
        when = between(r, plan.rel_start, span_end)
        cents = sum(p[2] * r.randrange(1, 4) for p in r.sample(PRODUCTS, r.randrange(1, 4)))
        oid = run.ids.take("orders")
        number = f"CMD-{when.year}-{oid:06d}"
        rows["orders"].append(
            (oid, cid, number, when, money(cents), money(cents * r.randrange(15, 46) // 100), bill.address)
        )
        rows["interactions"].append(
            (run.ids.take("interactions"), cid, "purchase", "inbound", None, when, f"Commande {number}")
        )
        issued = when.date() + timedelta(days=r.randrange(0, 8))
        if issued < tl.as_of:
            rows["invoices"].append(_invoice(r, run, cid, oid, issued, cents, bill))


def opportunities(
    r: random.Random, run: Run, cid: int, plan: Plan, bill: Billing, person: Person, rows: Rows
) -> None:
    """0-2 opportunities (half of customers, fewer prospects), ~40% with a note."""
    customer = plan.rel_start is not None
    expired = plan.profile in EXPIRED_PROSPECT_PROFILES
    chance = 0.5 if customer else 0.15 if expired else 0.3
    if r.random() >= chance:
        return
    for _ in range(r.choice((1, 1, 2)) if customer else 1):
        created = between(r, plan.start, plan.active_end)
        if customer:
            stage = "gagnee" if r.random() < 0.6 else r.choice(_STAGES)
        elif expired:
            stage = "perdue" if r.random() < 0.7 else "prospection"
        else:
            stage = r.choice(_STAGES[:4])
        cents = r.randrange(50_000, 8_000_000)
        label = r.choice(PRODUCTS)[1]
        who = bill.company_name or (person.last if r.random() < 0.5 else None)
        opp_id = run.ids.take("opportunities")
        rows["opportunities"].append(
            (
                opp_id,
                cid,
                bill.company_id,
                f"{label} - {who}" if who else label,
                stage,
                money(cents),
                money(cents * r.randrange(10, 41) // 100),
                (created + timedelta(days=r.randrange(30, 181))).date(),
                created,
            )
        )
        if r.random() < 0.4:
            when = _note_time(r, created, plan.active_end)
            if r.random() < 0.35:
                body = pii_note(r, person, random_person(r, run.pools))
            else:
                body = business_note(r, when.date())
            rows["notes"].append(
                (run.ids.take("notes"), "opportunity", opp_id, r.choice(run.pools.employees), body, when)
            )


def _note_time(r: random.Random, start: datetime, end: datetime) -> datetime:
    return between(r, start, end) if end > start else start
