"""Quality gate: recall and precision on a seeded ~300-text labelled corpus of French CRM notes."""

from __future__ import annotations

import pytest

from bench.detect.corpus import generate_corpus, hard_cases, parse_markup
from bench.detect.corpus.templates import TEMPLATES
from bench.detect.evaluate import Scores, score
from crm_privacy.detect.engine import PiiEngine

STRICT_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR")


@pytest.fixture(scope="module")
def gate(pii_engine: PiiEngine) -> Scores:
    corpus = generate_corpus(260, seed=20250630) + hard_cases()
    return score(corpus, pii_engine.analyze_batch([note.text for note in corpus]))


def test_overall_recall(gate: Scores) -> None:
    assert gate.recall() >= 0.97, gate.to_dict()


@pytest.mark.parametrize("entity_type", STRICT_TYPES)
def test_recall_on_identifiers(gate: Scores, entity_type: str) -> None:
    assert gate.gold[entity_type] >= 10  # the corpus really exercises the type
    assert gate.recall(entity_type) >= 0.99, gate.to_dict()["per_type"][entity_type]


def test_precision(gate: Scores) -> None:
    assert gate.precision() >= 0.95, gate.to_dict()


def test_little_pii_left_in_clear(gate: Scores) -> None:
    assert gate.leaked_share <= 0.03, gate.to_dict()


def test_corpus_has_enough_templates_and_exact_offsets() -> None:
    assert len(TEMPLATES) >= 50
    corpus = generate_corpus(120, seed=1)
    assert corpus == generate_corpus(120, seed=1)  # seeded: same texts, same spans
    assert corpus != generate_corpus(120, seed=2)
    assert sum(1 for note in corpus if not note.spans) >= 5  # negatives are part of the mix
    for note in corpus + hard_cases():
        for span in note.spans:
            value = note.text[span.start : span.end]
            assert value and value == value.strip(), (span, note.text)


def test_markup() -> None:
    note = parse_markup("Mme [Claire Dupont](PERSON), tél [06 12 34 56 78](PHONE_NUMBER).")
    assert note.text == "Mme Claire Dupont, tél 06 12 34 56 78."
    assert [(s.entity_type, note.text[s.start : s.end]) for s in note.spans] == [
        ("PERSON", "Claire Dupont"),
        ("PHONE_NUMBER", "06 12 34 56 78"),
    ]
