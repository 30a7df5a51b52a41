"""Which subjects a rule reaches on run date D, as SQL conditions on the subject table.

Retention: a subject is expired when none of its clock dates is on or after the cutoff (see
``calendar``) and at least one clock date exists. No date at all is a *finding* reported to the DPO,
never a silent keep or delete. Consent: no valid consent record for the purpose after the grace period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, FromClause, and_, exists, false, not_, or_, select, true

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import ClockSource, ConsentRule, RetentionRule
from crm_privacy.rules.calendar import expiry_cutoff
from crm_privacy.rules.dates import before, on_or_after, unreadable
from crm_privacy.rules.paths import organisation_rows, subject_rows


@dataclass
class Selection:
    """``expired``: the rule applies; ``missing``: no clock date (a finding); ``findings``: named counts."""

    expired: ColumnElement[bool]
    missing: ColumnElement[bool]
    findings: dict[str, ColumnElement[bool]]


def base_filter(binding: Binding, where: dict[str, list[object]]) -> ColumnElement[bool]:
    subject = binding.subject
    marker = binding.policy.tables[binding.policy.subject.table].marker
    # an anonymised subject is no longer a person: no rule or finding applies to it any more
    done = [subject.c[marker].is_(None)] if marker else []
    return and_(true(), *done, *[subject.c[col].in_(values) for col, values in where.items()])


def retention_selection(binding: Binding, rule: RetentionRule, as_of: dt.date) -> Selection:
    period = binding.policy.purpose(rule.purpose).retention
    cutoff = expiry_cutoff(as_of, period)
    # each clock source as terms whose OR is the question (one EXISTS per way a table reaches the subject)
    alive = [term for src in rule.clock for term in _clock_alive(binding, src, cutoff)]
    known = [term for src in rule.clock for term in _clock_known(binding, src)]
    base = base_filter(binding, rule.where)
    # NOT (a OR b) written as NOT a AND NOT b (the same in SQL's three-valued logic): a top-level
    # NOT EXISTS lets the server use an anti-join instead of one subquery per subject row
    none_alive = and_(*[not_(a) for a in alive])
    none_known = and_(*[not_(k) for k in known])
    # a date SQLite cannot read keeps the subject (it may be recent) and is reported, never guessed
    unread = [term for src in rule.clock for term in _clock_unreadable(binding, src)]
    findings = (
        {"unreadable_date": and_(base, or_(*unread))} if binding.engine.dialect.name == "sqlite" else {}
    )
    return Selection(
        expired=and_(base, none_alive, or_(*known)),
        missing=and_(base, none_alive, none_known) if rule.on_missing_date == "report" else false(),
        findings=findings,
    )


def _source_rows(binding: Binding, src: ClockSource, table: FromClause | None = None) -> ColumnElement[bool]:
    table = binding.table(src.table) if table is None else table
    conds: list[ColumnElement[bool]] = [table.c[c].in_(v) for c, v in src.where.items()]
    conds += [or_(table.c[c].is_(None), table.c[c].not_in(v)) for c, v in src.exclude.items()]
    return and_(true(), *conds)


def _terms(
    binding: Binding, src: ClockSource, condition: Callable[[FromClause], ColumnElement[bool]]
) -> list[ColumnElement[bool]]:
    """Rows of the clock's table that belong to the subject row and satisfy ``condition`` (built on the
    table given): the subject row itself, one EXISTS per way a policy table reaches the subject
    (correlated to the subject row, whatever the depth), or one EXISTS through its organisations."""
    if src.organisation:
        table = binding.table(src.table).alias()
        return organisation_rows(
            binding, src.table, table, and_(_source_rows(binding, src, table), condition(table))
        )
    table = binding.table(src.table)
    rows = and_(_source_rows(binding, src), condition(table))
    if src.table == binding.policy.subject.table:
        return [rows]
    return subject_rows(binding, src.table, rows)


def _clock_alive(binding: Binding, src: ClockSource, cutoff: dt.datetime) -> list[ColumnElement[bool]]:
    dialect = binding.engine.dialect.name

    def alive(table: FromClause) -> ColumnElement[bool]:
        column = table.c[src.column]
        # NULL must read as 'not alive' (not as unknown), or NOT(...) would drop the row silently
        cond = or_(
            and_(column.is_not(None), on_or_after(dialect, column, cutoff)), unreadable(dialect, column)
        )
        return or_(cond, column.is_(None)) if src.open_when_null else cond

    return _terms(binding, src, alive)


def _clock_unreadable(binding: Binding, src: ClockSource) -> list[ColumnElement[bool]]:
    return _terms(binding, src, lambda table: unreadable(binding.engine.dialect.name, table.c[src.column]))


def _clock_known(binding: Binding, src: ClockSource) -> list[ColumnElement[bool]]:
    return _terms(
        binding, src, lambda table: table.c[src.column].is_not(None) if not src.open_when_null else true()
    )


def consent_selection(binding: Binding, rule: ConsentRule, as_of: dt.date) -> Selection:
    spec = binding.policy.consents
    assert spec is not None
    purpose = binding.policy.purpose(rule.purpose)
    consent_purpose = purpose.consent.purpose if purpose.consent else rule.purpose
    table = binding.table(spec.table)
    c = table.c
    mine = and_(c[spec.subject_fk] == binding.subject_key, c[spec.purpose_column] == consent_purpose)
    valid = and_(
        c[spec.status_column] == spec.granted_value,
        c[spec.given_at].is_not(None),
        c[spec.withdrawn_at].is_(None),
        c[spec.text_version].is_not(None),
        c[spec.mechanism].is_not(None),  # no mechanism recorded = no proof of an affirmative act
        c[spec.mechanism].not_in(spec.invalid_mechanisms),
    )
    collected = binding.subject.c[rule.collected_at]
    grace_over = before(binding.engine.dialect.name, collected, expiry_cutoff(as_of, rule.grace))
    base = and_(base_filter(binding, rule.where), not_(exists(select(c[spec.subject_fk]).where(mine, valid))))

    def has(cond: ColumnElement[bool]) -> ColumnElement[bool]:
        return and_(base, grace_over, exists(select(c[spec.subject_fk]).where(mine, cond)))

    findings = {
        "no_consent_record": and_(base, grace_over, not_(exists(select(c[spec.subject_fk]).where(mine)))),
        "withdrawn": has(or_(c[spec.withdrawn_at].is_not(None), c[spec.status_column] == "withdrawn")),
        "refused": has(c[spec.status_column] == "refused"),
        "invalid_mechanism": has(c[spec.mechanism].in_(spec.invalid_mechanisms)),
        "no_mechanism": has(and_(c[spec.status_column] == spec.granted_value, c[spec.mechanism].is_(None))),
        "no_text_version": has(
            and_(c[spec.status_column] == spec.granted_value, c[spec.text_version].is_(None))
        ),
        "no_given_at": has(and_(c[spec.status_column] == spec.granted_value, c[spec.given_at].is_(None))),
    }
    return Selection(
        expired=and_(base, grace_over),
        missing=and_(base, collected.is_(None)),
        findings=findings,
    )
