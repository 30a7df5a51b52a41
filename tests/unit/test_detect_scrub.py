"""scrub_texts: typed placeholders, pseudonyms, None kept, overlaps resolved, offsets right to left."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.entities import ENTITY_TYPES, Span, resolve_overlaps
from crm_privacy.detect.scrub import PLACEHOLDERS, replace_spans, scrub_texts

NOTE = (
    "RDV avec Mme Claire Dupont, née le 3 janvier 1980, tél 06 12 34 56 78, NIR 2 80 01 2A 123 456 67, "
    "IBAN FR76 3000 6000 0112 3456 7890 189, claire.dupont@exemple.fr, commande n° 75001-443"
)


def test_placeholders_cover_every_type() -> None:
    assert set(PLACEHOLDERS) == set(ENTITY_TYPES)
    assert PLACEHOLDERS["PERSON"] == "<PERSONNE>" and PLACEHOLDERS["PHONE_NUMBER"] == "<TELEPHONE>"


def test_placeholders(pii_engine: PiiEngine) -> None:
    assert scrub_texts([NOTE]) == [
        "RDV avec Mme <PERSONNE>, née le <DATE>, tél <TELEPHONE>, NIR <NIR>, IBAN <IBAN>, <EMAIL>, "
        "commande n° 75001-443"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(None, None, id="none-stays-none"),
        pytest.param("", "", id="empty"),
        pytest.param("Le client rappellera demain.", "Le client rappellera demain.", id="nothing-to-scrub"),
        pytest.param("SIRET 732 829 320 00074", "SIRET <SIRET>", id="siret-not-siren"),
        pytest.param("CB 4970 1012 3456 7893", "CB <CARTE>", id="card"),
        pytest.param("Habite 12 rue de la Paix 75002 Paris.", "Habite <ADRESSE>.", id="address"),
        pytest.param("SIREN 732 829 320", "SIREN <SIREN>", id="siren"),
    ],
)
def test_scrub_cases(pii_engine: PiiEngine, text: str | None, expected: str | None) -> None:
    assert scrub_texts([text]) == [expected]


def test_pseudonym_mode(pii_engine: PiiEngine) -> None:
    seen: list[tuple[str, str]] = []

    def pseudonym(entity_type: str, value: str) -> str:
        seen.append((entity_type, value))
        return f"pz:{entity_type.lower()}"

    texts = ["Mail de claire.dupont@exemple.fr", None, "Tél 06 12 34 56 78 (Mme Claire Dupont)"]
    assert scrub_texts(texts, pseudonym=pseudonym) == [
        "Mail de pz:email_address",
        None,
        "Tél pz:phone_number (Mme pz:person)",
    ]
    assert ("EMAIL_ADDRESS", "claire.dupont@exemple.fr") in seen
    assert ("PHONE_NUMBER", "06 12 34 56 78") in seen
    assert ("PERSON", "Claire Dupont") in seen


def test_order_and_length_kept(pii_engine: PiiEngine) -> None:
    texts = [f"Appeler M. Martin au 06 12 34 56 {i:02d}" if i % 3 else None for i in range(40)]
    out = scrub_texts(texts)
    assert len(out) == len(texts)
    assert [o is None for o in out] == [t is None for t in texts]
    assert all(o == "Appeler M. <PERSONNE> au <TELEPHONE>" for o in out if o is not None)


def test_overlaps_resolved_before_replacement() -> None:
    text = "SIRET 732 829 320 00074 ok"
    spans = [Span("FR_SIREN", 6, 17, 1.0), Span("FR_SIRET", 6, 23, 1.0), Span("PERSON", 24, 26, 0.5)]
    assert resolve_overlaps(spans) == [Span("FR_SIRET", 6, 23, 1.0), Span("PERSON", 24, 26, 0.5)]
    assert replace_spans(text, spans) == "SIRET <SIRET> <PERSONNE>"


def test_equal_length_overlap_keeps_highest_score() -> None:
    spans = [Span("FR_NIR", 0, 15, 0.95), Span("CREDIT_CARD", 0, 15, 1.0)]
    assert resolve_overlaps(spans) == [Span("CREDIT_CARD", 0, 15, 1.0)]


def test_right_to_left_keeps_offsets_valid() -> None:
    text = "a 12 b 34 c"
    spans = [Span("PHONE_NUMBER", 2, 4, 1.0), Span("FR_NIR", 7, 9, 1.0)]
    assert replace_spans(text, spans, lambda t, v: f"[{t}:{v}]") == "a [PHONE_NUMBER:12] b [FR_NIR:34] c"
