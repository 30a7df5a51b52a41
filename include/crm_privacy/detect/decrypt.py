"""Give back what ``scrub_text`` in ``encrypt`` mode took out of a note: for the DPO, who holds the key.

Each encrypted span is written ``<ENC:TYPE:ciphertext>`` (``detect.operators.ENCRYPTED``): that is how
its position is found again in a note. Each ciphertext goes through presidio-anonymizer's
``DeanonymizeEngine`` with Presidio's ``decrypt`` operator, and the plain text replaces the whole
marker. Everything else in the text is kept as it is.

AES-CBC as Presidio does it has no integrity check: a wrong key almost always fails (bad padding, or
bytes that are not UTF-8) and is refused, but a short span can, rarely, "decrypt" to garbage.
"""

from __future__ import annotations

from crm_privacy.detect.operators import ENCRYPTED, check_aes_key
from crm_privacy.errors import CrmPrivacyError


class DecryptFailed(CrmPrivacyError):
    """A marker could not be decrypted with the key given (the message holds no text of the note)."""


def encrypted_count(text: str) -> int:
    """How many ``<ENC:...>`` markers ``text`` holds."""
    return sum(1 for _ in ENCRYPTED.finditer(text))


def decrypt_text(text: str, key: str | bytes) -> str:
    """``text`` with every ``<ENC:TYPE:...>`` marker replaced by the text it encrypts.

    Raises ``DecryptFailed`` for a key of the wrong size, or when a marker does not decrypt with
    ``key`` (naming the marker's number and position, nothing of the text)."""
    from presidio_anonymizer import DeanonymizeEngine, OperatorConfig, OperatorResult

    try:
        check_aes_key(key)
    except ValueError as exc:
        raise DecryptFailed(f"cannot decrypt: {exc}") from None
    markers = list(ENCRYPTED.finditer(text))
    if not markers:
        return text
    engine = DeanonymizeEngine()  # type: ignore[no-untyped-call]
    operators = {"DEFAULT": OperatorConfig("decrypt", {"key": key})}
    pieces: list[str] = []
    end = 0
    for number, marker in enumerate(markers, start=1):
        pieces.append(text[end : marker.start()])
        ciphertext = marker.group(2)
        entity = OperatorResult(0, len(ciphertext), marker.group(1))
        try:
            pieces.append(engine.deanonymize(ciphertext, [entity], operators).text)
        except Exception:  # bad padding, not UTF-8, not base64: all say "not this key"
            raise DecryptFailed(
                f"encrypted span {number} of {len(markers)} (at character {marker.start()}) does not "
                "decrypt with this key: wrong key, or the text was altered"
            ) from None
        end = marker.end()
    pieces.append(text[end:])
    return "".join(pieces)
