"""Engine plumbing: windows over long texts, batches, two processes, overlap resolution."""

from __future__ import annotations

import itertools

import pytest

from crm_privacy.detect.engine import PiiEngine, mask, may_hold_a_name
from crm_privacy.detect.entities import Span, resolve_overlaps
from crm_privacy.detect.scan import batched, scan_batches, scan_texts
from crm_privacy.detect.windows import margin_for, windows


@pytest.mark.parametrize(
    ("length", "size"),
    [
        pytest.param(1000, 120, id="many"),
        pytest.param(121, 120, id="just-over"),
        pytest.param(120, 120, id="fits"),
        pytest.param(0, 120, id="empty"),
        pytest.param(50_000, 8_000, id="default-size"),
    ],
)
def test_windows_cover_the_text_and_own_each_position_once(length: int, size: int) -> None:
    spans = list(windows(length, size))
    margin = margin_for(size)
    assert spans[0].start == 0 and spans[-1].end == length
    assert all(0 <= w.end - w.start <= size for w in spans)
    assert spans[0].own_start == 0 and spans[-1].own_end == length
    assert all(a.own_end == b.own_start for a, b in itertools.pairwise(spans))
    for w in spans:  # every owned position has a margin of context on both sides (or the text's edge)
        assert w.own_start - w.start >= margin or w.start == 0
        assert w.end - w.own_end >= margin or w.end == length


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


def test_batches_are_bounded_in_characters() -> None:
    texts = ["a" * 400, None, "b" * 400, "c" * 2000, "d"]
    assert [len(b) for b in batched(texts, 10, max_chars=1000)] == [3, 1, 1]
    assert [len(b) for b in batched(texts, 2, max_chars=10_000)] == [2, 2, 1]


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
    overlapping = [Span("FR_SIREN", 23, 30, 1.0), Span("PHONE_NUMBER", 25, 37, 1.0)]
    assert mask(text, overlapping) == text[:23] + "0" * 14 + "."
