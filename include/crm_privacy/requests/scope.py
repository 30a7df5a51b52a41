"""Which purposes of the policy reach one person, and whether art. 20 (portability) applies to them.

A purpose reaches the person when:

- it requires consent (``purposes[].consent``): the person has a valid consent record for it
  (granted, dated, with a text version and a mechanism that is not a pre-ticked box or the T&Cs, not
  withdrawn): without one, the person's data is not processed for it;
- otherwise, one of its rules selects the person's row (``where``) and, for a rule that skips subjects
  without a date (``on_missing_date: skip``: no login, no online account), one of its clock dates
  exists;
- or it is the ``hold.purpose`` of a table holding rows of the person (active or archived).

Portability (art. 20(1)(a)) covers processing based on consent or on a contract: when no purpose
reaching the person has one of these bases (legitimate interest, legal obligation only), the request
is refused with the reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, true

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import ClockSource, LegalBasis, Purpose, RetentionRule
from crm_privacy.report.i18n import LEGAL_BASES
from crm_privacy.rules.paths import any_subject_row, organisation_rows
from crm_privacy.rules.selection import base_filter

#: legal bases under which art. 20 applies (art. 20(1)(a): consent, art. 6(1)(b): contract)
PORTABLE_BASES = frozenset({LegalBasis.consent, LegalBasis.contract})


def purposes_reaching(binding: Binding, keys: Sequence[Any], rows: Mapping[str, int]) -> list[Purpose]:
    """The policy's purposes that reach the person (``rows``: rows exported per policy table, archive
    rows counted with their table), in the policy's order."""
    policy = binding.policy
    key_list = list(keys)
    if not key_list:
        return []
    held = {tp.hold.purpose for name, tp in policy.tables.items() if tp.hold and rows.get(name)}
    reached = []
    with binding.engine.connect() as conn:
        for purpose in policy.purposes:
            if purpose.id in held:
                reached.append(purpose)
                continue
            condition = _condition(binding, purpose)
            if condition is None:
                continue
            key = binding.subject_key
            if conn.execute(select(key).where(key.in_(key_list), condition).limit(1)).first() is not None:
                reached.append(purpose)
    return reached


def portability_refusal(reached: Sequence[Purpose]) -> list[str]:
    """Why art. 20 does not apply (empty: it applies): one sentence per purpose reaching the person."""
    if any(p.legal_basis in PORTABLE_BASES for p in reached):
        return []
    lead = (
        "Droit à la portabilité (art. 20(1)(a) du RGPD) : il s'applique aux données traitées sur la base "
        "du consentement ou d'un contrat ; aucun traitement de vos données ne repose sur l'une de ces bases."
    )
    if not reached:
        return [lead, "Aucune finalité de notre registre ne s'applique à ce jour à vos données."]
    words = LEGAL_BASES["fr"]
    return [lead] + [
        f"« {p.title} » ({p.id}) : {words[p.legal_basis.value]}, hors du champ de l'article 20."
        for p in reached
    ]


def _condition(binding: Binding, purpose: Purpose) -> ColumnElement[bool] | None:
    """On the subject row: the purpose applies to it (None: nothing in the policy tells when)."""
    policy = binding.policy
    if purpose.consent is not None and policy.consents is not None:
        return _valid_consent(binding, purpose.consent.purpose)
    terms = []
    for rule in policy.rules:
        if rule.purpose != purpose.id:
            continue
        term = base_filter(binding, rule.where)
        if isinstance(rule, RetentionRule) and rule.on_missing_date == "skip":
            term = and_(term, or_(*[_dated(binding, src) for src in rule.clock]))
        terms.append(term)
    return or_(*terms) if terms else None


def _valid_consent(binding: Binding, consent_purpose: str) -> ColumnElement[bool]:
    spec = binding.policy.consents
    assert spec is not None
    c = binding.table(spec.table).c
    return exists(
        select(c[spec.subject_fk]).where(
            c[spec.subject_fk] == binding.subject_key,
            c[spec.purpose_column] == consent_purpose,
            c[spec.status_column] == spec.granted_value,
            c[spec.given_at].is_not(None),
            c[spec.withdrawn_at].is_(None),
            c[spec.text_version].is_not(None),
            c[spec.mechanism].is_not(None),
            c[spec.mechanism].not_in(spec.invalid_mechanisms),
        )
    )


def _dated(binding: Binding, src: ClockSource) -> ColumnElement[bool]:
    """The subject row has a date in this clock source (the same rows the rule's clock reads)."""
    table = binding.table(src.table).alias() if src.organisation else binding.table(src.table)
    conditions: list[ColumnElement[bool]] = [table.c[c].in_(v) for c, v in src.where.items()]
    conditions += [or_(table.c[c].is_(None), table.c[c].not_in(v)) for c, v in src.exclude.items()]
    if not src.open_when_null:
        conditions.append(table.c[src.column].is_not(None))
    condition = and_(true(), *conditions)
    if src.organisation:
        return or_(*organisation_rows(binding, src.table, table, condition))
    if src.table == binding.policy.subject.table:
        return condition
    return any_subject_row(binding, src.table, condition)
