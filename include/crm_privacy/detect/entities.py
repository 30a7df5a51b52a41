"""Entity types reported by PII detection, and the span tuple every detector returns."""

from __future__ import annotations

from bisect import bisect_right
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
IP_ADDRESS = "IP_ADDRESS"
URL = "URL"
FR_LICENSE_PLATE = "FR_LICENSE_PLATE"

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
    IP_ADDRESS,
    URL,
    FR_LICENSE_PLATE,
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
    name spaCy took for a person; the score breaks ties between equally long candidates. Kept spans
    are held sorted by start, so each candidate is checked against its two neighbours only
    (n log n: a long text may have tens of thousands of candidates).
    """
    if len(spans) < 2:
        return list(spans)
    ranked = sorted(spans, key=lambda s: (s.end - s.start, s.score, -s.start), reverse=True)
    kept: list[Span] = []
    starts: list[int] = []
    for cand in ranked:
        i = bisect_right(starts, cand.start)
        if i and kept[i - 1].end > cand.start and cand.end > kept[i - 1].start:
            continue
        if i < len(kept) and kept[i].start < cand.end and cand.start < kept[i].end:
            continue
        kept.insert(i, cand)
        starts.insert(i, cand.start)
    return kept
