"""Our French recognizers registered in a Presidio ``AnalyzerEngine``, for callers who want its API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_privacy.detect.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

LANGUAGE = "fr"


def build_analyzer(model: str = DEFAULT_MODEL) -> AnalyzerEngine:
    """An AnalyzerEngine for French with every recognizer of ``crm_privacy.detect`` and nothing else.

    The NLP engine is built from an explicit configuration naming ``model`` (never Presidio's default,
    which names an English model and downloads it) and reuses the NER-only pipeline of this process's
    detection engine. Use ``analyzer.analyze(text, language="fr")``. Slower than ``PiiEngine`` (the
    Presidio loop adds per-recognizer overhead) but it finds the same entity types.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    from crm_privacy.detect.engine import get_engine
    from crm_privacy.detect.recognizers import FrSpacyPersonRecognizer, pattern_recognizers

    ner_config = NerModelConfiguration(
        model_to_presidio_entity_mapping={
            "PER": "PERSON",
            "LOC": "LOCATION",
            "ORG": "ORGANIZATION",
            "MISC": "MISC",
        },
        # Only PER feeds a recognizer: LOCATION is a postal address (regex), towns alone are not PII.
        labels_to_ignore=["LOCATION", "ORGANIZATION", "MISC"],
    )
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": model}], ner_model_configuration=ner_config
    )
    nlp_engine.nlp = {LANGUAGE: get_engine(model).nlp}  # type: ignore[assignment]  # loaded, never downloaded
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in pattern_recognizers():
        registry.add_recognizer(recognizer)
    registry.add_recognizer(FrSpacyPersonRecognizer(supported_language=LANGUAGE))
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])
