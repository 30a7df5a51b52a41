"""Issue 8, point 5: spans are replaced through presidio-anonymizer's engine, with Presidio's operators
(replace, custom, mask, encrypt) chosen by the caller; encrypted spans come back with the key only.

Each operator runs on a real note through the real detection engine. The default (placeholders) and
pseudonyms must give exactly what the replacement did before Presidio: checked against that former
implementation on random spans."""

from __future__ import annotations

import hashlib
import io
import random
import re

import pytest

from crm_privacy.cli import main
from crm_privacy.detect import operators
from crm_privacy.detect.decrypt import DecryptFailed, decrypt_text, encrypted_count
from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.entities import Span, resolve_overlaps
from crm_privacy.detect.operators import ENCRYPTED, Encrypt, Keyed, Mask
from crm_privacy.detect.scrub import PLACEHOLDERS, UNKNOWN_PLACEHOLDER, Pseudonym, replace_spans, scrub_texts
from crm_privacy.detect.unicode import without_surrogates
from crm_privacy.transform.keys import KeyRing

NOTE = (
    "RDV avec Mme Claire Dupont, née le 3 janvier 1980, tél 06 12 34 56 78, "
    "claire.dupont@exemple.fr, commande n° 75001-443"
)
PII = ("Claire Dupont", "3 janvier 1980", "06 12 34 56 78", "claire.dupont@exemple.fr")
AES_KEY = "0123456789abcdef0123456789abcdef"  # 32 characters: a 256-bit key as Presidio reads it


def former_replace_spans(text: str, spans: list[Span], pseudonym: Pseudonym | None = None) -> str:
    """``replace_spans`` as it was before Presidio: right to left, typed placeholders or pseudonyms."""
    pieces: list[str] = []
    end = len(text)
    for span in reversed(resolve_overlaps(list(spans))):
        if pseudonym is not None:
            replacement = pseudonym(span.entity_type, without_surrogates(text[span.start : span.end]))
        else:
            replacement = PLACEHOLDERS.get(span.entity_type, UNKNOWN_PLACEHOLDER)
        pieces.append(text[span.end : end])
        pieces.append(replacement)
        end = span.start
    pieces.append(text[:end])
    return "".join(reversed(pieces))


@pytest.mark.parametrize("segment_chars", [operators.SEGMENT_CHARS, 7])
def test_presidio_replaces_exactly_what_the_former_replacement_did(
    segment_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Overlapping, nested, adjacent and space-separated spans of one type, lone surrogates: Presidio's
    conflict handling and its merging of same-type neighbours change nothing (segments neither)."""
    monkeypatch.setattr(operators, "SEGMENT_CHARS", segment_chars)
    rng = random.Random(8)
    types = ["PERSON", "PHONE_NUMBER", "NOT_A_KNOWN_TYPE"]

    def pseudonym(entity_type: str, value: str) -> str:
        return f"[{entity_type}:{value}]"

    for _ in range(2_000):
        text = "".join(rng.choice("ab \udce9é") for _ in range(rng.randint(1, 60)))
        spans = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(len(text))
            spans.append(Span(rng.choice(types), start, rng.randint(start + 1, len(text)), rng.random()))
        assert replace_spans(text, spans) == former_replace_spans(text, spans), (text, spans)
        assert replace_spans(text, spans, pseudonym) == former_replace_spans(text, spans, pseudonym)


def test_two_names_separated_by_a_space_stay_two_replacements() -> None:
    text = "Claire Dupont"
    spans = [Span("PERSON", 0, 6, 0.9), Span("PERSON", 7, 13, 0.9)]
    assert replace_spans(text, spans) == "<PERSONNE> <PERSONNE>"  # Presidio would merge them


def test_a_text_without_spans_is_returned_as_it_is() -> None:
    text = "rien \udce9 à remplacer"
    assert replace_spans(text, []) is text


def test_placeholders_on_a_real_note(pii_engine: PiiEngine) -> None:
    assert scrub_texts([NOTE]) == [
        "RDV avec Mme <PERSONNE>, née le <DATE>, tél <TELEPHONE>, <EMAIL>, commande n° 75001-443"
    ]


def test_keyed_pseudonyms_on_a_real_note(pii_engine: PiiEngine) -> None:
    ring = KeyRing("unit-test-key-0123456789abcdef")
    (out,) = scrub_texts([NOTE], operator=Keyed(lambda kind, value: ring.pseudonym("text", value)))
    assert out is not None
    assert [value for value in PII if value in out] == []
    assert ring.pseudonym("text", "06 12 34 56 78") in out and "commande n° 75001-443" in out


def test_mask_hides_every_character_by_default(pii_engine: PiiEngine) -> None:
    (out,) = scrub_texts([NOTE], operator=Mask())
    assert out == (
        "RDV avec Mme *************, née le **************, tél **************, "
        "************************, commande n° 75001-443"
    )


def test_mask_params_are_presidio_s(pii_engine: PiiEngine) -> None:
    (out,) = scrub_texts([NOTE], operator=Mask(masking_char="#", chars_to_mask=4, from_end=True))
    assert out is not None
    assert "tél 06 12 34 5####," in out and "Claire Du####" in out


@pytest.mark.parametrize(
    ("params", "message"),
    [({"masking_char": "**"}, "one character"), ({"chars_to_mask": 0}, "at least 1")],
)
def test_mask_refuses_bad_params(params: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Mask(**params)  # type: ignore[arg-type]


def test_encrypted_spans_are_marked_and_come_back_with_the_key(pii_engine: PiiEngine) -> None:
    (out,) = scrub_texts([NOTE], operator=Encrypt(AES_KEY))
    assert out is not None
    assert [value for value in PII if value in out] == []
    assert [m.group(1) for m in ENCRYPTED.finditer(out)] == [
        "PERSON",
        "DATE_TIME",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
    ]
    assert out.startswith("RDV avec Mme <ENC:PERSON:") and out.endswith(">, commande n° 75001-443")
    assert encrypted_count(out) == 4
    assert decrypt_text(out, AES_KEY) == NOTE
    assert decrypt_text(out, AES_KEY.encode()) == NOTE  # the same key as bytes


def test_encryption_is_randomised(pii_engine: PiiEngine) -> None:
    """A random IV per span: the same phone twice gives two ciphertexts (no frequency analysis)."""
    (out,) = scrub_texts(["tél 06 12 34 56 78 ou 06 12 34 56 78"], operator=Encrypt(AES_KEY))
    assert out is not None
    first, second = (m.group(2) for m in ENCRYPTED.finditer(out))
    assert first != second
    assert decrypt_text(out, AES_KEY) == "tél 06 12 34 56 78 ou 06 12 34 56 78"


def test_a_wrong_key_or_an_altered_marker_is_refused_without_showing_the_text(pii_engine: PiiEngine) -> None:
    (out,) = scrub_texts([NOTE], operator=Encrypt(AES_KEY))
    assert out is not None
    with pytest.raises(DecryptFailed, match=r"span 1 of 4 \(at character 13\)") as wrong:
        decrypt_text(out, "fedcba9876543210fedcba9876543210")
    altered = ENCRYPTED.sub(
        lambda m: m.group(0) if m.group(1) != "PHONE_NUMBER" else "<ENC:PHONE_NUMBER:AAAA>", out
    )
    with pytest.raises(DecryptFailed, match="span 3 of 4"):
        decrypt_text(altered, AES_KEY)
    assert "Dupont" not in str(wrong.value) and "RDV" not in str(wrong.value)


@pytest.mark.parametrize("size", [0, 15, 17, 31, 33, 64])
def test_an_aes_key_of_the_wrong_size_is_refused(size: int) -> None:
    with pytest.raises(ValueError, match=f"16, 24 or 32 bytes .* this one is {size} bytes"):
        Encrypt("k" * size)
    with pytest.raises(DecryptFailed, match=f"this one is {size} bytes"):
        decrypt_text("<ENC:PERSON:AAAA>", "k" * size)


def test_a_lone_surrogate_in_an_encrypted_span_comes_back_as_u_fffd() -> None:
    text = "tél 06 12 34 56 7\udce9 fin \udce9"
    out = replace_spans(text, [Span("PHONE_NUMBER", 4, 18, 1.0)], operator=Encrypt(AES_KEY))
    assert out.endswith(" fin \udce9")  # the rest of the text is kept as it was
    assert decrypt_text(out, AES_KEY) == "tél 06 12 34 56 7\ufffd fin \udce9"


def test_keyed_hash_is_not_a_plain_sha256(pii_engine: PiiEngine) -> None:
    """What ``scrub_text`` mode hash does: HMAC with the key; a plain SHA-256 of a phone number is
    found again by hashing the few hundred million numbers there are."""
    ring = KeyRing("unit-test-key-0123456789abcdef")
    (out,) = scrub_texts(["tél 06 12 34 56 78"], operator=Keyed(lambda t, v: ring.digest("h", v)))
    assert out is not None and re.fullmatch(r"tél [0-9a-f]{64}", out)
    assert hashlib.sha256(b"06 12 34 56 78").hexdigest() not in out


def test_pseudonym_and_operator_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        replace_spans("x", [Span("PERSON", 0, 1, 1.0)], lambda t, v: v, operator=Mask())


# -- crm-privacy decrypt-text -------------------------------------------------------------------


def run_decrypt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["decrypt-text", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_decrypt_text_command_gives_the_notes_back(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = [NOTE, "Pas de donnée personnelle ici.", "Rappeler M. Jean Martin au 06 98 76 54 32"]
    scrubbed = scrub_texts(notes, operator=Encrypt(AES_KEY))
    monkeypatch.setenv("DPO_SCRUB_KEY", AES_KEY)
    code, out, err = run_decrypt(
        monkeypatch, capsys, "\n".join(map(str, scrubbed)) + "\n", "--key-env", "DPO_SCRUB_KEY"
    )
    assert (code, err) == (0, "")
    assert out == "\n".join(notes) + "\n"


def test_decrypt_text_command_refuses_a_missing_or_wrong_key(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (scrubbed,) = scrub_texts([NOTE], operator=Encrypt(AES_KEY))
    assert scrubbed is not None
    monkeypatch.delenv("DPO_SCRUB_KEY", raising=False)
    code, out, err = run_decrypt(monkeypatch, capsys, scrubbed, "--key-env", "DPO_SCRUB_KEY")
    assert (code, out) == (2, "") and "DPO_SCRUB_KEY (--key-env) is not set" in err
    monkeypatch.setenv("DPO_SCRUB_KEY", "fedcba9876543210fedcba9876543210")
    code, out, err = run_decrypt(monkeypatch, capsys, scrubbed, "--key-env", "DPO_SCRUB_KEY")
    assert (code, out) == (2, "") and "does not decrypt with this key" in err
    assert "Dupont" not in err and "Traceback" not in err


def test_a_key_that_is_not_utf8_is_refused() -> None:
    """An environment variable holding bytes that are not UTF-8 reaches Python as lone surrogates."""
    with pytest.raises(ValueError, match="valid UTF-8"):
        Encrypt("0123456789abcde\udce9")


def test_the_sweep_does_not_import_presidio_until_it_scrubs() -> None:
    import subprocess
    import sys

    code = "import sys, crm_privacy.sweep.apply, crm_privacy.transform.scrub_action; print('presidio_anonymizer' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        == "False\n"
    )
