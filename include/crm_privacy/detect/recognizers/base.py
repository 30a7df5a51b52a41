"""Base class of our regex recognizers: Presidio's PatternRecognizer interface, a faster inner loop.

Presidio's own loop recompiles nothing but times every pattern, builds an explanation object per
match and uses the ``regex`` module with a timeout; on short CRM notes that overhead dominates.
Subclasses stay Presidio-style data (``PATTERNS``, ``CONTEXT``) plus a tiny ``validate_result``;
``find`` is what our engine calls, ``analyze`` is what a Presidio ``AnalyzerEngine`` calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from crm_privacy.detect.entities import Span
from crm_privacy.detect.recognizers._words import has_context

#: Score of a match whose checksum or numbering plan validated; a context word adds the boost.
VALIDATED, CONTEXT_BOOST = 0.95, 0.05


class FrPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer for French text whose spans may be refined (cue excluded, trimmed)."""

    name: str  # set by Presidio's EntityRecognizer; declared for the type checker
    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[Pattern, ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    #: Names of patterns that only count with a CONTEXT word just before the match.
    CONTEXT_REQUIRED: ClassVar[frozenset[str]] = frozenset()
    FLAGS: ClassVar[int] = 0
    #: A regex the text must contain for any pattern to match (cheap pre-filter), e.g. a digit.
    NEEDS: ClassVar[str | None] = None
    #: Look again from the next character when a match is refused: "de 8079 euros ... LU13 0039 ..."
    #: is refused as one IBAN, and the real one starts inside it.
    RESCAN_ON_REJECT: ClassVar[bool] = False

    def __init__(self, supported_language: str = "fr", name: str | None = None) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=name if name is not None else type(self).__name__,
            supported_language=supported_language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            global_regex_flags=self.FLAGS,
        )
        self._compiled = [(re.compile(p.regex, self.FLAGS), p) for p in self.PATTERNS]
        self._needs = re.compile(self.NEEDS, self.FLAGS) if self.NEEDS else None
        self._context_words = tuple(self.CONTEXT)

    def find(self, text: str) -> list[Span]:
        """Every validated match in ``text`` (duplicates across patterns removed)."""
        if self._needs is not None and self._needs.search(text) is None:
            return []
        found: dict[tuple[int, int], Span] = {}
        for regex, pattern in self._compiled:
            pos = 0
            while (match := regex.search(text, pos)) is not None:
                bounds = self.refine(text, match, pattern.name)
                # a refined span shorter than the match (trailing groups dropped) lets the search
                # resume right after it: "4012888888881881 4012 8888 8888 1881" is two cards
                if bounds is None:
                    pos = match.start() + 1 if self.RESCAN_ON_REJECT else max(match.end(), match.start() + 1)
                else:
                    pos = max(bounds[1], match.start() + 1)
                if bounds is None or bounds in found:
                    continue
                start, end = bounds
                if pattern.name in self.CONTEXT_REQUIRED and not has_context(
                    text, start, self._context_words
                ):
                    continue
                verdict = self.validate_result(text[start:end])
                if verdict is False or self.invalidate_result(text[start:end]):
                    continue
                score = VALIDATED if verdict else pattern.score
                if self._context_words and has_context(text, start, self._context_words):
                    score = round(min(1.0, score + CONTEXT_BOOST), 4)  # breaks ties: "CB 3712..." is a card
                found[bounds] = Span(self.ENTITY, start, end, score)
        return list(found.values())

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        """The span to report: the ``pii`` group when the pattern has one (the cue stays out)."""
        if "pii" in match.re.groupindex:
            return match.span("pii")
        return match.span()

    def analyze(
        self,
        text: str,
        entities: list[str] | None = None,
        nlp_artifacts: Any = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        return to_results(self.find(text), self)

    def longest_valid(self, text: str, start: int, end: int, min_chars: int) -> tuple[int, int] | None:
        """Drop trailing space-separated groups until the candidate validates.

        Grouped numbers are often followed by a word or a number that the regex happily takes as
        one more group ("FR76 ... 189 TEL"); backing off group by group recovers the real value.
        """
        while end - start >= min_chars:
            if self.validate_result(text[start:end]) is not False:
                return start, end
            cut = max(text.rfind(" ", start, end), text.rfind("-", start, end))
            if cut <= start:
                return None
            end = cut
            while end > start and text[end - 1] == " ":
                end -= 1  # "4772  3876 ...": groups two spaces apart
        return None


def to_results(spans: Iterable[Span], recognizer: EntityRecognizer) -> list[RecognizerResult]:
    """Our spans as Presidio results, tagged with the recognizer that found them."""
    return [
        RecognizerResult(
            entity_type=s.entity_type,
            start=s.start,
            end=s.end,
            score=s.score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,  # type: ignore[has-type]
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            },
        )
        for s in spans
    ]
