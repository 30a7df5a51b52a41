"""Engine plumbing: chunking long texts, batches, two processes, overlap resolution."""

from __future__ import annotations

import itertools

import pytest

from crm_privacy.detect.engine import PiiEngine, mask, may_hold_a_name
from crm_privacy.detect.entities import Span, resolve_overlaps
from crm_privacy.detect.nlp import chunk_bounds
from crm_privacy.detect.scan import scan_batches, scan_texts


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 1000, id="no-break"),
        pytest.param("Ligne une.\n" * 200, id="lines"),
        pytest.param("mot " * 500, id="spaces"),
        pytest.param("court", id="short"),
    ],
)
def test_chunks_cover_the_text_below_the_limit(text: str) -> None:
    bounds = chunk_bounds(text, limit=120)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= 120 for start, end in bounds)


def test_long_text_is_chunked_with_right_offsets() -> None:
    engine = PiiEngine("fr_core_news_sm", chunk_chars=400)
    filler = "Le client a demandé un devis pour la maintenance annuelle. " * 40
    text = filler + "Appel de Jean-Pierre Martin ce matin. " + filler + "Tél 06 12 34 56 78."
    assert len(text) > 10 * engine.chunk_chars
    found = {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}
    assert found == {("PERSON", "Jean-Pierre Martin"), ("PHONE_NUMBER", "06 12 34 56 78")}


def test_batch_equals_one_by_one(pii_engine: PiiEngine) -> None:
    texts = ["Mme Claire Dupont", None, "", "rien", "tél 06 12 34 56 78", "MME CLAIRE DUPONT"]
    assert pii_engine.analyze_batch(texts) == [pii_engine.analyze(t) if t else [] for t in texts]


def test_two_processes_give_the_same_answers_in_order(pii_engine: PiiEngine) -> None:
    texts = [
        f"Note {i} : appeler M. Martin au 06 12 34 56 {i % 100:02d}" if i % 7 else None for i in range(300)
    ]
    one = list(scan_texts(texts, batch_size=16, n_process=1))
    two = list(scan_texts(texts, batch_size=16, n_process=2))
    assert one == two and len(two) == len(texts)
    assert all(spans == [] for t, spans in zip(texts, two, strict=True) if t is None)


def test_parallel_switches_on_after_threshold(pii_engine: PiiEngine) -> None:
    batches = [["Mme Claire Dupont"] * 10 for _ in range(6)]
    results = list(scan_batches(batches, parallel_after=20))
    assert len(results) == 6 and all(len(r) == 10 for r in results)
    assert results[0] == results[-1]


def test_resolve_overlaps_prefers_longest() -> None:
    spans = [Span("PERSON", 10, 20, 0.85), Span("LOCATION", 0, 30, 0.7), Span("PHONE_NUMBER", 31, 40, 1.0)]
    assert resolve_overlaps(spans) == [Span("LOCATION", 0, 30, 0.7), Span("PHONE_NUMBER", 31, 40, 1.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Relance envoyée, RDV mardi, devis de 1 250 € en attente", False, id="jargon-only"),
        pytest.param("le client rappellera demain", False, id="lower-case"),
        pytest.param("Appel de Claire ce matin", True, id="name"),
        pytest.param("RAPPELER ASTRID RENARD", True, id="upper-case-name"),
    ],
)
def test_ner_is_skipped_only_without_candidate_names(text: str, expected: bool) -> None:
    assert may_hold_a_name(text) is expected


def test_mask_keeps_offsets_and_names() -> None:
    text = "Mme Claire Dupont, tél 06 12 34 56 78."
    spans = [Span("PERSON", 4, 17, 0.9), Span("PHONE_NUMBER", 23, 37, 1.0)]
    masked = mask(text, spans)
    assert len(masked) == len(text) and masked[:17] == text[:17] and masked[23:37] == "0" * 14
