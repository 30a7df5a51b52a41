"""The detection engine: spaCy NER (batched) plus our regex recognizers, built once per process."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from crm_privacy.detect.entities import Span, resolve_overlaps
from crm_privacy.detect.nlp import CHUNK_CHARS, DEFAULT_MODEL, chunk_bounds, load_ner
from crm_privacy.detect.recognizers import FrSpacyPersonRecognizer, pattern_recognizers

if TYPE_CHECKING:
    from spacy.language import Language


class PiiEngine:
    """Finds PII spans in French texts; every span goes through a Presidio recognizer class.

    It does not use Presidio's AnalyzerEngine loop (per-recognizer overhead, full spaCy pipeline):
    texts go through ``nlp.pipe`` with the NER alone, then straight through our compiled patterns.
    ``crm_privacy.detect.presidio.build_analyzer`` registers the same recognizers in an
    AnalyzerEngine for callers who want the Presidio API.
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, chunk_chars: int = CHUNK_CHARS) -> None:
        self.model = model
        self.nlp: Language = load_ner(model)
        self.chunk_chars = min(chunk_chars, self.nlp.max_length - 1)
        self.recognizers = pattern_recognizers()
        self.person = FrSpacyPersonRecognizer()

    def analyze(self, text: str) -> list[Span]:
        """Non-overlapping PII spans of one text, sorted by start."""
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: Sequence[str | None], *, batch_size: int = 128) -> list[list[Span]]:
        """Spans for each text (``[]`` for None or empty); one ``nlp.pipe`` call for the batch."""
        found: list[list[Span]] = [[] for _ in texts]
        pieces = [
            (i, start, end)
            for i, text in enumerate(texts)
            # spaCy finds names by their capitals: a text without any is not worth a pass.
            if text and text.lower() != text
            for start, end in chunk_bounds(text, self.chunk_chars)
        ]
        docs = self.nlp.pipe((texts[i][s:e] for i, s, e in pieces), batch_size=batch_size)  # type: ignore[index]
        for (i, start, _end), doc in zip(pieces, docs, strict=True):
            found[i].extend(self.person.find(texts[i], doc.ents, offset=start))  # type: ignore[arg-type]
        for i, text in enumerate(texts):
            if text:
                for recognizer in self.recognizers:
                    found[i].extend(recognizer.find(text))
                found[i] = resolve_overlaps(found[i])
        return found


@lru_cache(maxsize=4)
def get_engine(model: str = DEFAULT_MODEL) -> PiiEngine:
    """The engine for ``model``, built at first use and then reused by this process."""
    return PiiEngine(model)
