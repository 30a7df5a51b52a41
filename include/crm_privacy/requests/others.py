"""Other people's data in the free text given back to a person (art. 15(4), art. 20(4)).

A sales note about Mrs A may name her sponsor Mr B with his mobile: the copy Mrs A receives must not
hand Mr B's data over. The detection engine finds names, phones and e-mails; those that are Mrs A's
own recorded values (``crm.subjects.fetch_own_values``: her names, e-mail, phones, reference...) stay,
the others become ``<PERSONNE>``, ``<TELEPHONE>``, ``<EMAIL>``. Other findings (dates, places, IBAN,
NIR) stay: nothing tells whose they are, and most often they are the person's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from crm_privacy.crm.binding import Binding
from crm_privacy.crm.subjects import fetch_own_values
from crm_privacy.detect.entities import EMAIL_ADDRESS, PERSON, PHONE_NUMBER, Span
from crm_privacy.detect.own_values import OwnMatch, OwnValue, OwnValueMatcher
from crm_privacy.requests.collect import Collected, free_text_columns

#: what identifies somebody else in a note: replaced unless it is the person's own value
OTHER_PEOPLE = frozenset({PERSON, PHONE_NUMBER, EMAIL_ADDRESS})
#: what may stand around an own value inside one finding ("Mme Dupont", "(06 12 34 56 78)")
_AROUND_OWN = re.compile(r"(?i)\b(?:m|mr|mme|mlle|monsieur|madame|mademoiselle|dr|me|pr)\b|[\W_]+")


def scrub_others(binding: Binding, keys: Sequence[Any], tables: Sequence[Collected]) -> int:
    """Replace, in place, other people's names, phones and e-mails in the free-text columns of
    ``tables`` (those the policy treats with ``scrub_text``); returns how many texts changed."""
    jobs = [(t, c) for t in tables for c in free_text_columns(binding, t.source) if _has(t, c)]
    if not jobs or not keys:
        return 0
    from crm_privacy.detect.scan import scan_texts  # loads the NLP engine: only when there is text

    key_list = list(keys)
    with binding.engine.connect() as conn:
        own = fetch_own_values(conn, binding, lambda column: column.in_(key_list))
    values: list[OwnValue] = list(dict.fromkeys(v for found in own.values() for v in found))
    matcher = OwnValueMatcher(values)
    changed = 0
    for table, column in jobs:
        texts = [None if row[column] is None else str(row[column]) for row in table.rows]
        for row, text, spans in zip(table.rows, texts, scan_texts(texts), strict=True):
            if text is None:
                continue
            scrubbed = without_others(text, spans, matcher)
            if scrubbed != text:
                row[column] = scrubbed
                changed += 1
    return changed


def without_others(text: str, spans: Sequence[Span], matcher: OwnValueMatcher) -> str:
    """``text`` with the names, phones and e-mails found in it replaced, except the person's own."""
    from crm_privacy.detect.scrub import replace_spans

    own = matcher.find(text)
    others = [s for s in spans if s.entity_type in OTHER_PEOPLE and not _is_own(text, s, own)]
    return replace_spans(text, others) if others else text


def _is_own(text: str, span: Span, own: Sequence[OwnMatch]) -> bool:
    """The finding is the person's own value(s), with at most a civility and punctuation around: a
    finding that also holds somebody else's name ("Claire Dupont et Jean Martin") is replaced whole."""
    rest = list(text[span.start : span.end])
    for match in own:
        for i in range(max(match.start, span.start), min(match.end, span.end)):
            rest[i - span.start] = " "
    return not _AROUND_OWN.sub("", "".join(rest)).strip()


def _has(table: Collected, column: str) -> bool:
    return any(c.name == column for c in table.columns)
