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


def trim_names_off_values(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each PERSON span that straddles the edge of another type's span cut back to
    the part outside it (dropped unless a capitalised word of two letters or more is left).

    A name found by its words may run into a value found by its shape ("LG 040 NG RENAULT": the
    plate's last letters and a make read as a name); the value's shape is the better evidence, and
    the longest-wins rule of ``resolve_overlaps`` would otherwise let the name take the value's place.
    A name that contains the value whole, or lies inside it, is left to ``resolve_overlaps``.
    """
    values = sorted((s.start, s.end) for s in spans if s.entity_type != PERSON)
    if not values or len(values) == len(spans):
        return spans
    starts = [v[0] for v in values]
    out: list[Span] = []
    for span in spans:
        if span.entity_type != PERSON:
            out.append(span)
            continue
        start, end = span.start, span.end
        i = bisect_right(starts, start)
        if i and start < values[i - 1][1] < end and values[i - 1][0] < start:
            start = values[i - 1][1]  # a value ends inside the name: the name starts after it
        if i < len(values) and start < values[i][0] < end < values[i][1]:
            end = values[i][0]  # a value starts inside the name and runs past it
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
            end -= 1
        if (start, end) == (span.start, span.end):
            out.append(span)
        elif end - start >= 2 and text[start].isupper():
            out.append(span._replace(start=start, end=end))  # "account", "c": no name left
    return out
