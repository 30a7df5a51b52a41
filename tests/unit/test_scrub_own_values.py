"""Issue 7, point 13: how a subject's own recorded values are found in their notes (phone formats, case,
accents, word boundaries), merged with the detector's findings, and replaced like them; which subject
columns count (docs/policy.md, "Free text and the subject's own values")."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Text, create_engine

from crm_privacy.crm.binding import bind
from crm_privacy.crm.subjects import own_value_columns
from crm_privacy.demo.schema import metadata
from crm_privacy.detect.entities import PERSON, Span
from crm_privacy.detect.own_values import OwnKind, OwnValue, OwnValueMatcher, merge, own_value
from crm_privacy.policy.loader import load_policy
from crm_privacy.transform.base import ActionContext, build_action
from crm_privacy.transform.keys import KeyRing

RING = KeyRing("unit-test-key-0123456789abcdef")
BODY = Column("body", Text)
DEMO_POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"


def found(kind: OwnKind, recorded: str, text: str) -> list[str]:
    """The pieces of ``text`` matched for the recorded value."""
    value = own_value(kind, recorded)
    assert value is not None
    return [text[m.start : m.end] for m in OwnValueMatcher([value]).find(text)]


@pytest.mark.parametrize(
    "written",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "+33 06 12 34 56 78",
        "0033 6 12 34 56 78",
        "(+33) 6 12 34 56 78",
    ],
)
def test_a_phone_is_found_in_any_usual_writing(written: str) -> None:
    assert found("phone", "06 12 34 56 78", f"rappeler au {written}, merci") == [written]
    assert found("phone", "+33 6 12 34 56 78", f"tél. {written}.") == [written]


@pytest.mark.parametrize("other", ["06 12 34 56 79", "106 12 34 56 78", "06 12 34 56 781", "12 34 56 78"])
def test_other_numbers_are_not_the_phone(other: str) -> None:
    assert found("phone", "06 12 34 56 78", f"commande {other} livrée") == []


def test_a_foreign_phone_is_found_with_or_without_its_country_prefix() -> None:
    for written in ("+44 20 7946 0958", "0044 20 7946 0958", "44 20 7946 0958"):
        assert found("phone", "+44 20 7946 0958", f"au {written} le soir") == [written]
    assert found("phone", "612345678", "au 612345678 ou 6 12 34 56 78") == ["612345678", "6 12 34 56 78"]


def test_a_mobile_column_without_kind_is_matched_as_a_phone() -> None:
    assert own_value("text", "06 91 58 11 01") == OwnValue("phone", "06 91 58 11 01")
    assert own_value("text", "Jean.Dupont@Exemple.fr") == OwnValue("email", "Jean.Dupont@Exemple.fr")


def test_names_ignore_case_and_accents() -> None:
    text = "leveque a rappelé ; LEVEQUE confirme ; Mme Lévêque viendra ; Le\u0301ve\u0302que aussi"
    assert found("name", "Lévêque", text) == ["leveque", "LEVEQUE", "Lévêque", "Le\u0301ve\u0302que"]


def test_a_name_is_matched_on_word_boundaries() -> None:
    text = "Roux, roux. M.ROUX ; Rouxel ; Leroux ; Roux-Combaluzier ; roux2 ; d'Roux"
    assert found("name", "Roux", text) == ["Roux", "roux", "ROUX", "Roux"]


def test_compound_names_are_matched_whole_and_by_part_but_not_their_particles() -> None:
    assert found("name", "Marie-Claire", "marie claire et Claire, Marie-Claire") == [
        "marie claire",
        "Claire",
        "Marie-Claire",
    ]
    assert found("name", "de La Fontaine", "la fontaine de la ville ; M. de la Fontaine") == [
        "fontaine",
        "de la Fontaine",
    ]


def test_emails_and_references_ignore_case() -> None:
    assert found("email", "Jean.Dupont@Exemple.fr", "écrire à JEAN.DUPONT@EXEMPLE.FR.") == [
        "JEAN.DUPONT@EXEMPLE.FR"
    ]
    assert found("email", "Jean.Dupont@Exemple.fr", "xjean.dupont@exemple.fr.com") == []
    text = "dossier crx-00001-q, CRX00001Q, CRX 00001 Q ; pas CRX-00001-QA ni CRX-000011-Q"
    assert found("reference", "CRX-00001-Q", text) == ["crx-00001-q", "CRX00001Q", "CRX 00001 Q"]


def test_other_text_values_are_whole_phrases_and_short_codes_are_ignored() -> None:
    assert found("text", "12 impasse des Écrevisses", "au 12, impasse des ecrevisses") == [
        "12, impasse des ecrevisses"
    ]
    assert found("text", "Paris", "à Paris, pas à Parisis") == ["Paris"]
    assert own_value("text", "Mme") is None and own_value("text", "PME") is None
    assert own_value("name", "A") is None and own_value("name", "Li") is not None
    assert own_value("phone", "12 34") is None


def test_own_values_never_show_in_repr() -> None:
    value = own_value("name", "Vauquelin")
    ctx = ActionContext(keyring=RING, subject_values={1: (value,)} if value else {})
    assert "Vauquelin" not in repr(value) and "Vauquelin" not in repr(ctx)


def test_overlapping_findings_are_united_so_that_nothing_survives_in_part() -> None:
    text = "voir Berthilde Vauquelin demain"
    own = OwnValueMatcher([OwnValue("name", "Vauquelin")]).find(text)
    detected = [Span(PERSON, 5, 16, 0.6)]  # "Berthilde V" : the detector stopped half-way
    (piece,) = merge(detected, own)
    assert (piece.start, piece.end, piece.entity_type) == (5, 24, PERSON)


def _scrub(params: dict[str, object], texts: list[str | None], subjects: list[object]) -> list[str | None]:
    values = {1: (OwnValue("name", "Lévêque"), OwnValue("reference", "CRX-00001-Q"))}
    action = build_action("scrub_text", params, where="test")
    return action.transform(texts, subjects, ActionContext(keyring=RING, subject_values=values), BODY)


def test_scrub_text_replaces_the_subjects_values_like_the_detectors_findings() -> None:
    texts: list[str | None] = [
        "leveque veut l'imprimante, dossier crx-00001-q",
        "leveque recommande ce client",  # a note about subject 2 who mentions subject 1
        None,
    ]
    out = _scrub({}, texts, [1, 2, 1])
    assert out == ["<PERSONNE> veut l'imprimante, dossier <DONNEE>", texts[1], None]


def test_pseudonyms_of_own_values_are_those_of_the_recorded_values() -> None:
    (note,) = _scrub({"mode": "pseudonym"}, ["leveque : dossier crx-00001-q"], [1])
    reference = build_action("hmac", {"kind": "reference"}, where="t").transform(
        ["CRX-00001-Q"], [1], ActionContext(keyring=RING), BODY
    )[0]
    assert note == f"{RING.pseudonym('person', 'Lévêque')} : dossier {reference}"


def test_which_subject_columns_count_in_the_demo_policy() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    binding = bind(load_policy(DEMO_POLICY).policy, engine)
    assert dict(own_value_columns(binding)) == {
        # identifiers
        "email": "email",
        "phone": "phone",
        "customer_ref": "reference",
        # text columns whose action takes the value out of the row (kind from fake/hmac params)
        "civility": "text",
        "first_name": "name",
        "last_name": "name",
        "mobile": "text",
        "address_line": "text",
        "city": "text",
        "segment": "text",
        "preferences": "text",
        "job_title": "text",
    }  # not: postcode, birth_date (generalise: the coarse value stays), lead_score (a number)
