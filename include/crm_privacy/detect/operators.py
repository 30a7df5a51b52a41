"""What replaces a detected span: presidio-anonymizer's ``AnonymizerEngine`` and its operators.

Spans reach Presidio after our own overlap resolution (``resolve_overlaps``, or the own-values merge):
they are disjoint, so Presidio's conflict handling has nothing to change, and its merging of
neighbouring same-type entities separated by spaces is turned off (two names stay two replacements).

- ``Placeholders``: Presidio's ``replace`` with our typed French placeholders (``<PERSONNE>``);
- ``Keyed``: Presidio's ``custom`` operator calling a keyed function of (entity type, text): the
  sweep's pseudonyms (``pz:`` + HMAC, the column's ``hmac``) and keyed hashes (HMAC-SHA256, never a
  plain hash: a phone number has few enough values to be found again from its plain SHA-256);
- ``Mask``: Presidio's ``mask`` (every character by default);
- ``Encrypt``: Presidio's AES ``encrypt``, the ciphertext wrapped as ``<ENC:TYPE:ciphertext>`` so that
  ``detect.decrypt.decrypt_text`` finds it again in a note (operator ``crm_encrypt``, a subclass of
  Presidio's ``Encrypt`` registered in our engine).

A lone surrogate inside a span reaches a keyed function or the cipher as U+FFFD (neither can encode
it); the rest of the text is kept as it was. Long texts are handed to Presidio in segments of about
4,000 characters cut between spans: its text builder copies the whole text for every span.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING, Any, Protocol

from crm_privacy.detect.entities import Span
from crm_privacy.detect.unicode import without_surrogates

if TYPE_CHECKING:
    from presidio_anonymizer import AnonymizerEngine, OperatorConfig

#: keyed(entity_type, text) -> what replaces the span (a pseudonym or a keyed hash)
KeyedFunction = Callable[[str, str], str]

#: Presidio operator name of the encrypt-and-mark operator registered in our engine
MARKED_ENCRYPT = "crm_encrypt"
#: ``<ENC:PERSON:base64url ciphertext>``: what an encrypted span becomes in the text
ENCRYPTED = re.compile(r"<ENC:([A-Z][A-Z0-9_]*):([A-Za-z0-9_\-]+={0,2})>")
#: AES key sizes Presidio accepts, in bytes (a ``str`` key counts its UTF-8 bytes)
AES_KEY_BYTES = (16, 24, 32)
#: a segment handed to Presidio ends at the first span end past this many characters
SEGMENT_CHARS = 4_000


class SpanOperator(Protocol):
    """How every span of a text is replaced: one Presidio ``OperatorConfig`` per entity type."""

    def config(self, entity_type: str) -> OperatorConfig: ...


@dataclass(frozen=True)
class Placeholders:
    """Presidio's ``replace``: ``placeholders[type]``, or ``unknown`` for a type it does not name."""

    placeholders: Mapping[str, str]
    unknown: str

    def config(self, entity_type: str) -> OperatorConfig:
        from presidio_anonymizer import OperatorConfig

        new_value = self.placeholders.get(entity_type, self.unknown)
        return OperatorConfig("replace", {"new_value": new_value})


@dataclass(frozen=True)
class Keyed:
    """Presidio's ``custom``: ``function(entity_type, text)`` replaces each span (text without lone
    surrogates). ``recorded`` maps a span's text to the value the CRM records for it (own values):
    the function then sees the recorded value, so a pseudonym equals the column's ``hmac``."""

    function: KeyedFunction
    recorded: Mapping[str, str] = field(default_factory=dict)

    def reading(self, recorded: Mapping[str, str]) -> Keyed:
        return Keyed(self.function, {**self.recorded, **recorded})

    def config(self, entity_type: str) -> OperatorConfig:
        from presidio_anonymizer import OperatorConfig

        return OperatorConfig("custom", {"lambda": partial(self._replace, entity_type)})

    def _replace(self, entity_type: str, text: str) -> str:
        return self.function(entity_type, without_surrogates(self.recorded.get(text, text)))


@dataclass(frozen=True)
class Mask:
    """Presidio's ``mask``: ``chars_to_mask`` characters (None: all) by ``masking_char``, from the
    start of the span or from its end. The span keeps its length."""

    masking_char: str = "*"
    chars_to_mask: int | None = None
    from_end: bool = False

    def __post_init__(self) -> None:
        if len(self.masking_char) != 1:
            raise ValueError("masking_char must be one character")
        if self.chars_to_mask is not None and self.chars_to_mask < 1:
            raise ValueError("chars_to_mask must be at least 1")

    def config(self, entity_type: str) -> OperatorConfig:
        from presidio_anonymizer import OperatorConfig

        count = sys.maxsize if self.chars_to_mask is None else self.chars_to_mask
        params = {"masking_char": self.masking_char, "chars_to_mask": count, "from_end": self.from_end}
        return OperatorConfig("mask", params)


@dataclass(frozen=True)
class Encrypt:
    """Presidio's AES-CBC ``encrypt`` (random IV), marked ``<ENC:TYPE:...>``; reversible with the key
    (``detect.decrypt.decrypt_text``). The key: 16, 24 or 32 bytes (a ``str``: its UTF-8 bytes)."""

    key: str | bytes = field(repr=False)

    def __post_init__(self) -> None:
        check_aes_key(self.key)

    def config(self, entity_type: str) -> OperatorConfig:
        from presidio_anonymizer import OperatorConfig

        return OperatorConfig(MARKED_ENCRYPT, {"key": self.key})


def check_aes_key(key: str | bytes) -> None:
    """Raise ValueError (naming sizes, never the key) unless ``key`` is an AES key Presidio accepts."""
    try:
        size = len(key.encode("utf-8") if isinstance(key, str) else key)
    except UnicodeEncodeError:  # bytes of the environment that were not UTF-8 (surrogateescape)
        raise ValueError("an AES key given as text must be valid UTF-8") from None
    if size not in AES_KEY_BYTES:
        raise ValueError(f"an AES key is 16, 24 or 32 bytes (128, 192 or 256 bits), this one is {size} bytes")


@cache
def anonymizer() -> AnonymizerEngine:
    """This process's AnonymizerEngine, with ``crm_encrypt`` registered (built once; Presidio is
    imported here, not with this module: the sweep imports it without scrubbing anything)."""
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.operators import Encrypt as PresidioEncrypt

    class MarkedEncrypt(PresidioEncrypt):  # type: ignore[misc]
        """Presidio's ``encrypt``, its ciphertext wrapped in ``<ENC:TYPE:...>`` (the engine puts the
        entity type in ``params``)."""

        def operate(self, text: str | None = None, params: dict[str, Any] | None = None) -> str:
            assert params is not None
            ciphertext = super().operate(without_surrogates(text or ""), params)
            return f"<ENC:{params.get('entity_type', 'DONNEE')}:{ciphertext}>"

        def operator_name(self) -> str:
            return MARKED_ENCRYPT

    engine = AnonymizerEngine()  # type: ignore[no-untyped-call]
    engine.add_anonymizer(MarkedEncrypt)
    return engine


def anonymize(text: str, spans: Iterable[Span], operator: SpanOperator) -> str:
    """``text`` with every span replaced through Presidio. ``spans`` must be disjoint (resolve overlaps
    first); empty spans are ignored. A text without spans is returned as it is."""
    kept = sorted((s for s in spans if s.end > s.start), key=lambda s: s.start)
    if not kept:
        return text
    configs: dict[str, OperatorConfig] = {}
    for span in kept:
        if span.entity_type not in configs:
            configs[span.entity_type] = operator.config(span.entity_type)
    return "".join(_anonymized_segments(text, kept, configs))


def _anonymized_segments(
    text: str, spans: Sequence[Span], configs: dict[str, OperatorConfig]
) -> Iterator[str]:
    from presidio_anonymizer import RecognizerResult

    engine = anonymizer()
    for start, end, members in _segments(text, spans):
        results = [RecognizerResult(s.entity_type, s.start - start, s.end - start, s.score) for s in members]
        # operators is copied: Presidio adds a DEFAULT entry to the dict it is given
        yield engine.anonymize(text[start:end], results, dict(configs), merge_entities_with_spaces=False).text


def _segments(text: str, spans: Sequence[Span]) -> Iterator[tuple[int, int, list[Span]]]:
    """(start, end, spans inside) covering ``text``; a segment ends at the end of the first span that
    takes it past ``SEGMENT_CHARS``, the last one at the end of the text."""
    start = 0
    members: list[Span] = []
    for span in spans:
        members.append(span)
        if span.end - start >= SEGMENT_CHARS:
            yield start, span.end, members
            start, members = span.end, []
    yield start, len(text), members
