"""Entity types reported by PII detection, and the span tuple every detector returns."""

from __future__ import annotations

from typing import NamedTuple

PERSON = "PERSON"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
IBAN_CODE = "IBAN_CODE"
FR_NIR = "FR_NIR"
CREDIT_CARD = "CREDIT_CARD"
LOCATION = "LOCATION"
DATE_TIME = "DATE_TIME"
FR_SIREN = "FR_SIREN"
FR_SIRET = "FR_SIRET"

#: Every type the engine reports (Presidio names where Presidio has one).
ENTITY_TYPES: tuple[str, ...] = (
    PERSON,
    PHONE_NUMBER,
    EMAIL_ADDRESS,
    IBAN_CODE,
    FR_NIR,
    CREDIT_CARD,
    LOCATION,
    DATE_TIME,
    FR_SIREN,
    FR_SIRET,
)


class Span(NamedTuple):
    """One detected entity: character offsets into the analysed ``str`` (end exclusive).

    A plain tuple so batches cross process boundaries cheaply; it never holds the matched text.
    """

    entity_type: str
    start: int
    end: int
    score: float


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep a non-overlapping subset: longest span first, then highest score; sorted by start.

    Longest wins so that a SIRET beats the SIREN inside it and a postal address beats the street
    name spaCy took for a person; the score breaks ties between equally long candidates.
    """
    if len(spans) < 2:
        return list(spans)
    ranked = sorted(spans, key=lambda s: (s.end - s.start, s.score, -s.start), reverse=True)
    kept: list[Span] = []
    for cand in ranked:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda s: s.start)
    return kept
