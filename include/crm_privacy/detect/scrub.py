"""Replace every detected PII span of free texts: typed placeholders by default, or any operator of
``detect.operators`` (keyed pseudonyms, keyed hashes, masks, reversible encryption), always through
presidio-anonymizer's engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from crm_privacy.detect.entities import (
    CREDIT_CARD,
    DATE_TIME,
    EMAIL_ADDRESS,
    FR_LICENSE_PLATE,
    FR_NIR,
    FR_SIREN,
    FR_SIRET,
    IBAN_CODE,
    IP_ADDRESS,
    LOCATION,
    PERSON,
    PHONE_NUMBER,
    URL,
    Span,
    resolve_overlaps,
)
from crm_privacy.detect.nlp import DEFAULT_MODEL
from crm_privacy.detect.operators import Keyed, Placeholders, SpanOperator, anonymize

#: Entity type -> what replaces it when no pseudonym function is given.
PLACEHOLDERS: dict[str, str] = {
    PERSON: "<PERSONNE>",
    PHONE_NUMBER: "<TELEPHONE>",
    EMAIL_ADDRESS: "<EMAIL>",
    IBAN_CODE: "<IBAN>",
    FR_NIR: "<NIR>",
    CREDIT_CARD: "<CARTE>",
    LOCATION: "<ADRESSE>",
    DATE_TIME: "<DATE>",
    FR_SIREN: "<SIREN>",
    FR_SIRET: "<SIRET>",
    IP_ADDRESS: "<ADRESSE_IP>",
    URL: "<URL>",
    FR_LICENSE_PLATE: "<IMMATRICULATION>",
}
UNKNOWN_PLACEHOLDER = "<DONNEE>"

#: Presidio's ``replace`` with the placeholders above: what ``scrub_texts`` does by default
PLACEHOLDER_OPERATOR = Placeholders(PLACEHOLDERS, UNKNOWN_PLACEHOLDER)

Pseudonym = Callable[[str, str], str]


def scrub_texts(
    texts: Sequence[str | None],
    *,
    pseudonym: Callable[[str, str], str] | None = None,
    operator: SpanOperator | None = None,
    model: str = "fr_core_news_sm",
) -> list[str | None]:
    """Return texts with every detected PII span replaced. None stays None.
    pseudonym(entity_type, matched_text) -> replacement; ``operator`` (``detect.operators``: ``Mask``,
    ``Encrypt``, ``Keyed``...) replaces spans its own way; with neither, typed placeholders are used.

    Texts of any length are analysed in bounded windows (flat memory); lone surrogates are read as
    U+FFFD by detection and by ``pseudonym``, and kept as they were in the rest of the text."""
    from crm_privacy.detect.scan import scan_texts

    chosen = span_operator(pseudonym, operator)
    out: list[str | None] = []
    for text, spans in zip(texts, scan_texts(texts, model=model), strict=True):
        out.append(None if text is None else replace_spans(text, spans, operator=chosen))
    return out


def scrub_text(
    text: str,
    *,
    pseudonym: Pseudonym | None = None,
    operator: SpanOperator | None = None,
    model: str = DEFAULT_MODEL,
) -> str:
    """One text (convenience for notebooks and tests; batch with ``scrub_texts``)."""
    scrubbed = scrub_texts([text], pseudonym=pseudonym, operator=operator, model=model)[0]
    assert scrubbed is not None
    return scrubbed


def replace_spans(
    text: str,
    spans: Iterable[Span],
    pseudonym: Pseudonym | None = None,
    *,
    operator: SpanOperator | None = None,
) -> str:
    """Replace ``spans`` in ``text`` through Presidio's AnonymizerEngine; overlaps are resolved first
    (longest, then highest score), so Presidio replaces exactly the spans kept here."""
    return anonymize(text, resolve_overlaps(list(spans)), span_operator(pseudonym, operator))


def span_operator(pseudonym: Pseudonym | None = None, operator: SpanOperator | None = None) -> SpanOperator:
    """The operator to use: ``operator``, or ``Keyed(pseudonym)``, or the typed placeholders."""
    if pseudonym is not None and operator is not None:
        raise ValueError("give a pseudonym function or an operator, not both")
    if operator is not None:
        return operator
    return PLACEHOLDER_OPERATOR if pseudonym is None else Keyed(pseudonym)
