"""Why a plan is empty: a run date before any rule can reach anyone, or nothing left to do.

A sweep that plans nothing is green and changes nothing; said without a reason, that looks like a
sweep that did not work (a run date mistyped years back, a CRM filled yesterday). The first date any
rule can reach a subject is computed from the CRM: for each rule, the earliest value of its clock
columns (``collected_at`` for a consent rule) plus its period (the grace, for consent), and for each
archive the earliest ``purge_after``; the earliest of these is the *first possible expiry*. Clock
filters (``where``, ``exclude``) and the other clocks of a subject only delay a subject's expiry, so
this date is a lower bound: before it, no subject can be past its period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, func, select

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import ConsentRule, Period, RetentionRule
from crm_privacy.rules.calendar import add_period
from crm_privacy.rules.planner import Plan


@dataclass(frozen=True)
class Expiry:
    """The first date a rule can reach a subject, and how it was found (names and dates, no value)."""

    date: dt.date
    how: str


def nothing_due(binding: Binding, plan: Plan, as_of: dt.date) -> dict[str, Any] | None:
    """For a plan with nothing to do on ``as_of``: the reason, and the first possible expiry.
    None when the plan does something."""
    if any(t.rows for r in plan.rules for t in r.tables) or any(r.notify for r in plan.rules):
        return None
    first = first_possible_expiry(binding)
    day = as_of.isoformat()
    if first is None:
        reason = (
            f"nothing is due on {day}: the CRM holds no date any rule of the policy counts from, so no "
            "subject can be past its period"
        )
    elif as_of < first.date:
        reason = (
            f"nothing is due on {day}: no subject can be past its period yet; the first date any rule "
            f"of the policy can reach a subject is {first.date.isoformat()} ({first.how}). Check the run "
            "date (the as_of param or the logical date)"
        )
    else:
        reason = (
            f"nothing is due on {day}: every subject past its period has been treated already (rules "
            f"can reach subjects since {first.date.isoformat()})"
        )
    return {"reason": reason, "first_possible_expiry": None if first is None else first.date.isoformat()}


def first_possible_expiry(binding: Binding) -> Expiry | None:
    """The earliest date any rule or archive of the policy can reach a subject (see the module doc)."""
    policy = binding.policy
    found: list[Expiry] = []
    with binding.engine.connect() as conn:

        def earliest(column: Column[Any]) -> dt.date | None:
            return _as_date(conn.scalar(select(func.min(_date_of(binding, column)))))

        for rule in policy.rules:
            if isinstance(rule, RetentionRule):
                period = policy.purpose(rule.purpose).retention
                for src in rule.clock:
                    start = earliest(binding.table(src.table).c[src.column])
                    if start is not None:
                        found.append(_expiry(rule.id, f"{src.table}.{src.column}", start, period))
            elif isinstance(rule, ConsentRule):
                start = earliest(binding.subject.c[rule.collected_at])
                if start is not None:
                    found.append(
                        _expiry(rule.id, f"{binding.subject.name}.{rule.collected_at}", start, rule.grace)
                    )
        found += _archive_expiries(conn, binding)
    return min(found, key=lambda e: e.date, default=None)


def _expiry(rule_id: str, column: str, start: dt.date, period: Period) -> Expiry:
    return Expiry(
        add_period(start, period),
        f"rule {rule_id}: earliest {column} {start.isoformat()} + {period}",
    )


def _archive_expiries(conn: Any, binding: Binding) -> list[Expiry]:
    from crm_privacy.crm.archive import archive_table

    found = []
    for name, tp in binding.policy.tables.items():
        if tp.archive is None or tp.hold is None:
            continue
        if not binding.engine.dialect.has_table(conn, tp.archive.table):
            continue
        day = _as_date(conn.scalar(select(func.min(archive_table(binding, name).c.purge_after))))
        if day is not None:
            found.append(Expiry(day, f"archive {tp.archive.table}: earliest purge_after"))
    return found


def _date_of(binding: Binding, column: Column[Any]) -> Any:
    """SQLite keeps dates as text: ``date()`` makes a text that is no date NULL (ignored by MIN)."""
    return func.date(column) if binding.engine.dialect.name == "sqlite" else column


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
