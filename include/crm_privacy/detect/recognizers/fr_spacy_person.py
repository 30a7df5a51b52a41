"""PERSON from spaCy's French NER (PER), cleaned of what French CRM notes make it get wrong."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from crm_privacy.detect.entities import PERSON, Span
from crm_privacy.detect.recognizers._words import NOT_NAME_WORDS, PARTICLES, fold, is_stop, person_not_company
from crm_privacy.detect.recognizers.base import to_results
from crm_privacy.detect.recognizers.names import is_english, is_everyday

_CIVILITY = re.compile(
    r"(?:m\.|mr\.?|mme\.?|mlle\.?|melle|monsieur|madame|mademoiselle|dr\.?|docteur|pr\.|professeur|ma[iî]tre|me)\s+",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"[0-9@/\\_#€$%=+<>]|https?:|www\.")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_ACRONYM = re.compile(r"[A-Z]{1,3}")  # "HT", "N", "SKU" trailing a span are units or jargon
_EDGE = " \t\n,;:.!?()[]\"'«»-"
NER_SCORE = 0.85


def clean_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Bounds of the name inside a spaCy PER span, or None when it is not a person's name.

    Drops the civility (our spans never include it), punctuation at the edges, spans with digits or
    symbols, company names ("Dupont SARL"), lower-case words and CRM jargon ("RDV", "Tél").
    """
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    civility = _CIVILITY.match(text, start, end)
    if civility is not None:
        start = civility.end()
    words = list(_WORD.finditer(text, start, end))
    # Notes start with capitalised jargon ("Livraison", "Devis SKU") that spaCy takes for names.
    leading = len(words)
    while words and is_stop(words[0].group()) and words[0].group().lower() not in PARTICLES:
        words.pop(0)
    if len(words) < leading and len(words) < 2:
        return None  # "RCS Metz", "Salon Lyon": what is left after the jargon is rarely a name
    while words and (is_stop(words[-1].group()) or _ACRONYM.fullmatch(words[-1].group())):
        words.pop()
    if not words:
        return None
    if all(fold(w.group()) in NOT_NAME_WORDS for w in words):
        return None  # "December", "Cloud Pro"
    if all(is_everyday(w.group()) or is_english(w.group()) for w in words):
        return None  # "Chauffeur", "Mandat SEPA", "Solde", "Thank you": a capitalised word at the start of a line
    start, end = words[0].start(), words[-1].end()
    span = text[start:end]
    if len(span) < 2 or _NOT_A_NAME.search(span) or "\n" in span or not span[0].isupper():
        return None
    return person_not_company(text, start, end)


class FrSpacyPersonRecognizer(SpacyRecognizer):
    """Presidio's SpacyRecognizer restricted to PERSON, with ``clean_person`` applied to each span."""

    name: str  # set by Presidio's EntityRecognizer; declared for the type checker

    def __init__(self, supported_language: str = "fr", ner_strength: float = NER_SCORE) -> None:
        super().__init__(
            supported_language=supported_language, supported_entities=[PERSON], ner_strength=ner_strength
        )

    def find(self, text: str, entities: Any, offset: int = 0) -> list[Span]:
        """PERSON spans from spaCy entities (``Span`` objects of ``text[offset:]``'s doc)."""
        found = []
        for ent in entities:
            if ent.label_ not in ("PER", PERSON):
                continue
            bounds = clean_person(text, ent.start_char + offset, ent.end_char + offset)
            if bounds is not None:
                found.append(Span(PERSON, bounds[0], bounds[1], self.ner_strength))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not nlp_artifacts or (entities and PERSON not in entities):
            return []
        return to_results(self.find(text, nlp_artifacts.entities), self)
