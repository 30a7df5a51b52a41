"""The scrub_text action of the sweep: typed placeholders, or pseudonyms that match the structured
columns' hmac pseudonyms (the same e-mail or phone gets the same pseudonym in a note and in a column)."""

from __future__ import annotations

from sqlalchemy import Column, Text

from crm_privacy.transform.base import ActionContext, build_action
from crm_privacy.transform.keys import KeyRing

RING = KeyRing("unit-test-key-0123456789abcdef")
COLUMN = Column("body", Text)


def _run(name: str, params: dict[str, object], values: list[str | None]) -> list[str | None]:
    action = build_action(name, params, where="test")
    return action.transform(values, [1] * len(values), ActionContext(keyring=RING), COLUMN)


def test_placeholders_replace_personal_data_and_keep_the_business_text() -> None:
    (out,) = _run(
        "scrub_text", {}, ["Rappeler M. Jean Dupont au 06 12 34 56 78 pour la commande CMD-2024-000123"]
    )
    assert out is not None
    assert "Dupont" not in out and "06 12 34 56 78" not in out
    assert "<PERSONNE>" in out and "<TELEPHONE>" in out and "CMD-2024-000123" in out


def test_none_stays_none() -> None:
    assert _run("scrub_text", {}, [None]) == [None]


def test_pseudonyms_in_text_match_the_hmac_of_the_columns() -> None:
    (note,) = _run(
        "scrub_text", {"mode": "pseudonym"}, ["Écrire à Jean.Dupont@Exemple.fr ou au +33 6 12 34 56 78."]
    )
    email_column = _run("hmac", {"kind": "email"}, ["jean.dupont@exemple.fr"])[0]
    phone_column = _run("hmac", {"kind": "phone"}, ["06 12 34 56 78"])[0]
    assert note is not None and email_column and phone_column
    assert email_column in note and phone_column in note
    assert "Dupont" not in note and "12 34 56 78" not in note
