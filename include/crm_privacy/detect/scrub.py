"""Replace every detected PII span of free texts by a typed placeholder or a keyed pseudonym."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from crm_privacy.detect.entities import (
    CREDIT_CARD,
    DATE_TIME,
    EMAIL_ADDRESS,
    FR_NIR,
    FR_SIREN,
    FR_SIRET,
    IBAN_CODE,
    FR_LICENSE_PLATE,
    IP_ADDRESS,
    LOCATION,
    PERSON,
    PHONE_NUMBER,
    URL,
    Span,
    resolve_overlaps,
)
from crm_privacy.detect.nlp import DEFAULT_MODEL
from crm_privacy.detect.unicode import without_surrogates

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

Pseudonym = Callable[[str, str], str]


def scrub_texts(
    texts: Sequence[str | None],
    *,
    pseudonym: Callable[[str, str], str] | None = None,
    model: str = "fr_core_news_sm",
) -> list[str | None]:
    """Return texts with every detected PII span replaced. None stays None.
    pseudonym(entity_type, matched_text) -> replacement; when None, typed placeholders are used.

    Texts of any length are analysed in bounded windows (flat memory); lone surrogates are read as
    U+FFFD by detection and by ``pseudonym``, and kept as they were in the rest of the text."""
    from crm_privacy.detect.scan import scan_texts

    out: list[str | None] = []
    for text, spans in zip(texts, scan_texts(texts, model=model), strict=True):
        out.append(None if text is None else replace_spans(text, spans, pseudonym))
    return out


def scrub_text(text: str, *, pseudonym: Pseudonym | None = None, model: str = DEFAULT_MODEL) -> str:
    """One text (convenience for notebooks and tests; batch with ``scrub_texts``)."""
    scrubbed = scrub_texts([text], pseudonym=pseudonym, model=model)[0]
    assert scrubbed is not None
    return scrubbed


def replace_spans(text: str, spans: Iterable[Span], pseudonym: Pseudonym | None = None) -> str:
    """Replace ``spans`` in ``text``; overlaps are resolved first (longest, then highest score),
    then replacements are made right to left so that the offsets still to use stay valid."""
    pieces: list[str] = []
    end = len(text)
    for span in reversed(resolve_overlaps(list(spans))):
        if pseudonym is not None:
            # a lone surrogate cannot be hashed (nor stored as UTF-8): the pseudonym sees U+FFFD
            replacement = pseudonym(span.entity_type, without_surrogates(text[span.start : span.end]))
        else:
            replacement = PLACEHOLDERS.get(span.entity_type, UNKNOWN_PLACEHOLDER)
        pieces.append(text[span.end : end])
        pieces.append(replacement)
        end = span.start
    pieces.append(text[:end])
    return "".join(reversed(pieces))
