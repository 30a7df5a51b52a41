"""A subject's own recorded values found in free text about them, whatever the detection engine finds.

When the notes of a subject are scrubbed, the values the CRM holds for that subject (names, phones,
e-mails, references, other text of their personal columns) are removed too: the detector misses a
last name written in lower case without "M." or "Mme", a phone in an unusual format, a customer
reference it has no recogniser for. Matching is:

- names and other text: case- and accent-insensitive, on word boundaries; a hyphen joins words, so
  "Roux" does not match inside "Rouxel" nor inside "Roux-Combaluzier", while an apostrophe separates
  them ("d'Ormesson" contains "Ormesson"). The parts of a compound name are matched alone too
  ("Marie-Claire" also removes "Claire"), except particles (de, du, la, van...).
- phones: the same digits in any usual writing: ``06 12 34 56 78``, ``0612345678``, ``06.12.34.56.78``,
  ``06-12-34-56-78``, ``+33 6 12 34 56 78``, ``+33 (0)6 12...``, ``0033 6...``;
- e-mails and references: case-insensitive; a reference's separators may be written or left out.

Values never appear in messages: ``OwnValue`` hides its value from ``repr``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from crm_privacy.detect.entities import EMAIL_ADDRESS, PERSON, PHONE_NUMBER, Span, resolve_overlaps
from crm_privacy.detect.operators import Keyed, SpanOperator
from crm_privacy.detect.scrub import replace_spans, span_operator
from crm_privacy.transform.keys import normalise

OwnKind = Literal["name", "email", "phone", "reference", "text"]

#: Entity types of own values that have no detector type (both replaced by ``<DONNEE>``).
SUBJECT_REFERENCE = "SUBJECT_REFERENCE"
SUBJECT_TEXT = "SUBJECT_TEXT"
ENTITY_OF_KIND: dict[str, str] = {
    "name": PERSON,
    "email": EMAIL_ADDRESS,
    "phone": PHONE_NUMBER,
    "reference": SUBJECT_REFERENCE,
    "text": SUBJECT_TEXT,
}

#: Shortest values matched: a name of 1 letter or a text of 1-3 characters (civility, codes such as
#: a segment "PME") would remove ordinary words; phones need at least 8 digits.
MIN_NAME_CHARS = 2
MIN_TEXT_CHARS = 4
MIN_PHONE_DIGITS = 8
#: not parts of a compound name on their own ("de La Fontaine": only "Fontaine")
_PARTICLE_WORDS = "d de del della der des di dos du da das den el al la le les ben bin ibn mac mc st ste"
PARTICLES = frozenset(_PARTICLE_WORDS.split()) | {"saint", "sainte", "van", "von", "y"}

_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_SHAPE = re.compile(r"\+?[\d\s.\-/()]+")
_WORD_SEPARATORS = re.compile(r"[\s\-']+")
#: between two digits of a phone: up to two spaces, dots, hyphens or slashes
_SEP = r"[\s.\-/]{0,2}"
#: a word character or a hyphen (a hyphen joins words: "Roux-Combaluzier" is one name)
_NOT_IN_WORD_BEFORE = r"(?<![\w\-])"
_NOT_IN_WORD_AFTER = r"(?![\w\-])"

#: replacement(entity_type, text) -> what replaces a span (a pseudonym function)
Pseudonym = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class OwnValue:
    """One value the CRM holds for a subject, and how to look for it."""

    kind: OwnKind
    value: str = field(repr=False)


def own_value(kind: OwnKind, raw: object) -> OwnValue | None:
    """The value to look for, or None (empty, too short). A text that has the shape of an e-mail or of
    a phone number (a mobile column whose action is ``null``) is matched as one."""
    if raw is None:
        return None
    value = " ".join(str(raw).split())
    if kind == "text":
        if _EMAIL_SHAPE.fullmatch(value):
            kind = "email"
        elif _PHONE_SHAPE.fullmatch(value) and _digit_count(value) >= MIN_PHONE_DIGITS:
            kind = "phone"
    if kind == "phone" and _digit_count(value) < MIN_PHONE_DIGITS:
        return None
    minimum = MIN_NAME_CHARS if kind == "name" else MIN_TEXT_CHARS
    if kind in {"name", "text", "reference"} and sum(c.isalnum() for c in value) < minimum:
        return None
    return OwnValue(kind, value) if value else None


class OwnMatch(NamedTuple):
    """An own value found in a text: offsets into the original text, and the recorded value (so that
    a pseudonym is the one the column's ``hmac`` gives, however the text wrote it)."""

    entity_type: str
    start: int
    end: int
    value: str


class OwnValueMatcher:
    """Finds the values of one subject in texts; build once per subject and batch."""

    def __init__(self, values: Iterable[OwnValue]) -> None:
        alternatives: list[tuple[int, str, str, str]] = []  # (priority, pattern, entity type, value)
        for own in values:
            for pattern, value in _patterns(own):
                alternatives.append((len(value), pattern, ENTITY_OF_KIND[own.kind], value))
        # longest values first: at one position, the whole name is tried before one of its parts
        alternatives.sort(key=lambda a: -a[0])
        self._found: list[tuple[str, str]] = [(a[2], a[3]) for a in alternatives]
        self._regex = re.compile("|".join(f"({a[1]})" for a in alternatives)) if alternatives else None

    def find(self, text: str) -> list[OwnMatch]:
        if self._regex is None or not text:
            return []
        folded, index = fold(text)
        out: list[OwnMatch] = []
        for match in self._regex.finditer(folded):
            entity_type, value = self._found[(match.lastindex or 1) - 1]
            start, end = _original_range(text, index, match.start(), match.end())
            out.append(OwnMatch(entity_type, start, end, value))
        return out


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lower case without accents, and for each folded character the offset of its original one (None
    when the folded text has the same offsets: plain ASCII)."""
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        index.extend([i] * len(folded))
    return "".join(parts), index


def _fold_char(char: str) -> str:
    if char in "’‘ʼ":
        return "'"
    if char in "‐‑‒–":
        return "-"
    if char.isascii():
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _original_range(text: str, index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    if index is None:
        return start, end
    first, last = index[start], index[end - 1] + 1
    while last < len(text) and unicodedata.combining(text[last]):  # a decomposed accent goes too
        last += 1
    return first, last


def _digit_count(value: str) -> int:
    return sum(c.isdigit() for c in value)


def _patterns(own: OwnValue) -> list[tuple[str, str]]:
    """(regex on folded text, recorded value it stands for) for one own value."""
    if own.kind == "phone":
        return [(p, own.value) for p in _phone_patterns(own.value)]
    folded = fold(own.value)[0]
    if own.kind == "email":
        return [(r"(?<![\w.+\-])" + re.escape(folded) + r"(?![\w\-]|\.\w)", own.value)]
    if own.kind == "reference":
        tokens = [t for t in re.split(r"[^0-9a-z]+", folded) if t]
        body = r"[\s.\-_/]?".join(re.escape(t) for t in tokens)
        return [(r"(?<![\w\-])" + body + r"(?![\w\-])", own.value)] if tokens else []
    words = [w for w in _WORD_SEPARATORS.split(folded) if w]
    if not words:
        return []
    out = [(_words_pattern(words), own.value)]
    if own.kind == "name" and len(words) > 1:
        originals = [w for w in _WORD_SEPARATORS.split(own.value) if w]
        parts = originals if len(originals) == len(words) else words
        for word, original in zip(words, parts, strict=True):
            if len(word) >= MIN_NAME_CHARS and word not in PARTICLES:
                out.append((_words_pattern([word]), original))
    return out


def _words_pattern(words: Sequence[str]) -> str:
    separator = r"[\s\-',]+"  # "12, impasse des Écrevisses" or "Marie Claire" for "Marie-Claire"
    return _NOT_IN_WORD_BEFORE + separator.join(re.escape(w) for w in words) + _NOT_IN_WORD_AFTER


def _phone_patterns(value: str) -> list[str]:
    """The recorded phone in any usual writing, with or without country code, trunk 0 or separators."""
    e164 = normalise("phone", value)
    stored = re.sub(r"\D", "", value)
    joined: list[str] = []
    if e164.startswith("+33") and len(e164) == 12:  # French: national, +33, 0033, +33 (0)...
        national = _SEP.join(e164[3:])
        country = r"\(?(?:\+|00)\s?33\)?" + _SEP + r"(?:\(\s?0\s?\)" + _SEP + "|0" + _SEP + ")?"
        joined.append("(?:" + country + "|0" + _SEP + ")" + national)
    else:
        if e164.startswith("+"):  # elsewhere: the international digits, with or without + or 00
            joined.append(r"(?:(?:\+|00)\s?)?" + _SEP.join(e164[1:]))
        if stored and not (e164.startswith("+") and stored == e164[1:]):  # and the digits as recorded
            joined.append(_SEP.join(stored))
    return [r"(?<!\d)" + p + r"(?!\d)" for p in joined]


# -- merging with the detector's spans, and replacing ------------------------------------------------


class _Piece(NamedTuple):
    start: int
    end: int
    entity_type: str
    value: str | None  # the recorded value when the piece is exactly one own match


def merge(detected: Sequence[Span], own: Sequence[OwnMatch]) -> list[_Piece]:
    """The detector's spans (overlaps resolved as without own values) united with the own matches:
    overlapping spans become one piece covering them all, so that neither the detector's finding nor
    the own value survives in part. The piece takes the type of its longest member (the detector's
    on a tie: it knows better what a span is, e.g. a city it saw as a location)."""
    items: list[tuple[int, int, str, str | None, bool]] = [
        (s.start, s.end, s.entity_type, None, False) for s in resolve_overlaps(list(detected))
    ]
    items.extend((m.start, m.end, m.entity_type, m.value, True) for m in own)
    items.sort(key=lambda i: (i[0], -i[1]))
    pieces: list[_Piece] = []
    cluster: list[tuple[int, int, str, str | None, bool]] = []
    cluster_end = 0
    for item in items:
        if cluster and item[0] >= cluster_end:
            pieces.append(_piece(cluster))
            cluster = []
        cluster.append(item)
        cluster_end = max(cluster_end, item[1]) if len(cluster) > 1 else item[1]
    if cluster:
        pieces.append(_piece(cluster))
    return pieces


def _piece(cluster: list[tuple[int, int, str, str | None, bool]]) -> _Piece:
    start, end = min(c[0] for c in cluster), max(c[1] for c in cluster)
    best = max(cluster, key=lambda c: (c[1] - c[0], not c[4]))
    exact = best[4] and (best[0], best[1]) == (start, end)
    return _Piece(start, end, best[2], best[3] if exact else None)


def replace_pieces(
    text: str,
    pieces: Sequence[_Piece],
    pseudonym: Pseudonym | None = None,
    *,
    operator: SpanOperator | None = None,
) -> str:
    """Replace each piece (sorted, disjoint) exactly as the detector's findings are replaced
    (``detect.scrub.replace_spans``, through Presidio): a typed placeholder, ``pseudonym(type, value)``,
    or ``operator``. A keyed operator (pseudonym, keyed hash) gets the recorded value for an own match
    and the text of the piece otherwise; the others (mask, encrypt) always the text as written."""
    spans = [Span(p.entity_type, p.start, p.end, 1.0) for p in pieces]
    chosen = span_operator(pseudonym, operator)
    if isinstance(chosen, Keyed):
        chosen = chosen.reading({text[p.start : p.end]: p.value for p in pieces if p.value is not None})
    return replace_spans(text, spans, operator=chosen)


def scrub_with_own_values(
    text: str,
    detected: Sequence[Span],
    matcher: OwnValueMatcher,
    pseudonym: Pseudonym | None = None,
    *,
    operator: SpanOperator | None = None,
) -> str:
    """``text`` without the detector's findings nor the subject's own values."""
    return replace_pieces(text, merge(detected, matcher.find(text)), pseudonym, operator=operator)
