"""The scrub_text action of the sweep: typed placeholders, or pseudonyms that match the structured
columns' hmac pseudonyms (the same e-mail or phone gets the same pseudonym in a note and in a column)."""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Text

from crm_privacy.cli import main
from crm_privacy.errors import ActionError, PolicyError
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


# -- issue 8, point 5: Presidio's operators chosen in the policy (mode) ------------------------------

NOTE = "Rappeler Mme Berthilde Vauquelin au 06 91 58 11 01, mail b.vauquelin@exemple.fr. Devis DEV-2024-17."
PII = ("Berthilde", "Vauquelin", "06 91 58 11 01", "b.vauquelin@exemple.fr")
AES_KEY = "0123456789abcdef0123456789abcdef"
KEY_ENV = "CRM_PRIVACY_TEST_SCRUB_KEY"


def _scrub(
    params: dict[str, object], values: list[str | None], ring: KeyRing | None = RING
) -> list[str | None]:
    """scrub_text on rows of subject 1, whose recorded name is written in lower case in the note."""
    from crm_privacy.detect.own_values import own_value

    recorded = [v for v in (own_value("name", "Vauquelin"), own_value("phone", "0691581101")) if v]
    action = build_action("scrub_text", params, where="test")
    ctx = ActionContext(keyring=ring, subject_values={1: recorded})
    return action.transform(values, [1] * len(values), ctx, COLUMN)


def test_mode_mask_hides_detected_and_own_values_and_keeps_the_length() -> None:
    text = NOTE + " vauquelin rappellera."  # the own value, in lower case: no detector finds it
    (out,) = _scrub({"mode": "mask"}, [text])
    assert out is not None and len(out) == len(text)
    assert all(a == b or b == "*" for a, b in zip(text, out, strict=True))
    assert [value for value in PII if value in out] == [] and "vauquelin" not in out
    assert out.endswith("Devis DEV-2024-17. ********* rappellera.")


def test_mode_mask_params() -> None:
    (out,) = _scrub({"mode": "mask", "masking_char": "#", "chars_to_mask": 2, "from_end": True}, [NOTE])
    assert out is not None and "au 06 91 58 11 ##, mail" in out


def test_mode_hash_is_keyed_not_a_plain_sha256() -> None:
    (out,) = _scrub({"mode": "hash"}, ["tél 06 91 58 11 01"], ring=KeyRing("unit-test-key-0123456789abcdef"))
    (other_key,) = _scrub(
        {"mode": "hash"}, ["tél 06 91 58 11 01"], ring=KeyRing("another-key-0123456789abcdef")
    )
    (again,) = _scrub(
        {"mode": "hash"}, ["tél 06 91 58 11 01"], ring=KeyRing("unit-test-key-0123456789abcdef")
    )
    assert out is not None and re.fullmatch(r"tél [0-9a-f]{64}", out)
    for plain in ("06 91 58 11 01", "0691581101", "+33691581101"):
        for digest in (
            hashlib.sha256(plain.encode()).hexdigest(),
            hashlib.sha512(plain.encode()).hexdigest(),
        ):
            assert digest not in out
    assert other_key != out and again == out  # the key decides; the same key gives the same hash
    pseudonym = _scrub({"mode": "pseudonym"}, ["tél 06 91 58 11 01"])[0]
    assert pseudonym is not None and pseudonym.removeprefix("tél pz:") not in out


def test_mode_hash_needs_the_pseudonymisation_key() -> None:
    with pytest.raises(ActionError, match="needs the pseudonymisation key"):
        _scrub({"mode": "hash"}, [NOTE], ring=None)


def test_mode_encrypt_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    from crm_privacy.detect.decrypt import decrypt_text

    monkeypatch.setenv(KEY_ENV, AES_KEY)
    text = NOTE + " vauquelin rappellera."
    out, none = _scrub({"mode": "encrypt", "key_env": KEY_ENV}, [text, None], ring=None)
    assert out is not None and none is None
    assert [value for value in (*PII, "vauquelin") if value in out] == []
    assert out.count("<ENC:") == 4 and "<ENC:PERSON:" in out and "Devis DEV-2024-17." in out
    assert decrypt_text(out, AES_KEY) == text  # the text as written, own values included


@pytest.mark.parametrize(
    ("params", "fragments"),
    [
        ({"mode": "redact"}, ["mode: Input should be", "'mask'", "'encrypt'"]),
        ({"masking_char": "#"}, ["masking_char is a param of mode mask, not of mode placeholder"]),
        ({"mode": "encrypt", "key_env": "K", "from_end": True}, ["from_end is a param of mode mask"]),
        (
            {"mode": "pseudonym", "key_env": "K"},
            ["key_env is a param of mode encrypt, not of mode pseudonym"],
        ),
        ({"mode": "mask", "masking_char": "##"}, ["masking_char must be one character"]),
        ({"mode": "mask", "chars_to_mask": 0}, ["chars_to_mask: Input should be greater than or equal to 1"]),
        ({"mode": "mask", "chars_to_mask": True}, ["chars_to_mask: Input should be a valid integer"]),
        ({"mode": "encrypt"}, ["mode encrypt needs exactly one of key_env", "got none"]),
        ({"mode": "encrypt", "key_env": "A", "key_variable": "b"}, ["got key_env, key_variable"]),
        (
            {"mode": "encrypt", "key_env": "0123456789abcdef!"},
            ["key_env must be a name", "not what was given"],
        ),
        ({"mode": "encrypt", "key": AES_KEY}, ["the key itself never goes in the policy", "key_env"]),
        ({"mode": "mask", "colour": "red"}, ["colour: Extra inputs are not permitted"]),
    ],
)
def test_bad_params_are_refused_naming_the_param(params: dict[str, object], fragments: list[str]) -> None:
    with pytest.raises(PolicyError) as refused:
        build_action("scrub_text", params, where="tables.notes.columns.body")
    message = str(refused.value)
    assert message.startswith("tables.notes.columns.body: bad params for action 'scrub_text'")
    for fragment in fragments:
        assert fragment in message, message
    assert AES_KEY not in message and "0123456789abcdef!" not in message


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        (None, f"scrub_text (encrypt) has no key: the environment variable {KEY_ENV} (key_env) is not set"),
        ("", f"the environment variable {KEY_ENV} (key_env) is not set"),
        (
            "0123456789abcdef0",
            f"the key in the environment variable {KEY_ENV} (key_env) cannot be used: an AES key is 16, 24 or 32 bytes (128, 192 or 256 bits), this one is 17 bytes",
        ),
    ],
)
def test_a_missing_or_badly_sized_key_is_a_problem_of_the_column(
    key: str | None, fragment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check`` is what ``bind`` asks each column action before anything runs."""
    if key is None:
        monkeypatch.delenv(KEY_ENV, raising=False)
    else:
        monkeypatch.setenv(KEY_ENV, key)
    action = build_action("scrub_text", {"mode": "encrypt", "key_env": KEY_ENV}, where="test")
    problem = action.check(COLUMN)
    assert problem is not None and fragment in problem, problem
    assert key is None or key == "" or key not in problem


def test_a_key_in_an_airflow_variable_that_cannot_be_read_is_a_problem() -> None:
    action = build_action("scrub_text", {"mode": "encrypt", "key_variable": "no_such_variable"}, where="t")
    problem = action.check(COLUMN)
    assert problem == (
        "scrub_text (encrypt) has no key: the Airflow variable no_such_variable (key_variable) is not set "
        "or cannot be read"
    )


@pytest.mark.parametrize("size", [16, 24, 32])
def test_every_aes_key_size_is_accepted(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "k" * size)
    assert (
        build_action("scrub_text", {"mode": "encrypt", "key_env": KEY_ENV}, where="t").check(COLUMN) is None
    )


# -- the same, end to end: `crm-privacy sweep` on the SQLite demo CRM -------------------------------

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
DEMO_BODY = "      body:   {category: free_text, action: scrub_text}\n"


def policy_with_body(directory: Path, params: str) -> Path:
    """The demo policy, its notes' body scrubbed with ``params`` (YAML flow mapping)."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert text.count(DEMO_BODY) == 1
    path = directory / "policy.yaml"
    body = f"      body:   {{category: free_text, action: scrub_text, params: {params}}}\n"
    path.write_text(text.replace(DEMO_BODY, body), encoding="utf-8")
    return path


def sweep(crm: Path, policy: Path) -> int:
    ledger = crm.parent / "ledger.db"
    argv = ["sweep", "--policy", str(policy), "--crm", f"sqlite:///{crm}", "--ledger", f"sqlite:///{ledger}"]
    return main([*argv, "--as-of", "2025-06-30", "--max-share", "1", "--workdir", str(crm.parent / "work")])


def notes(crm: Path) -> dict[int, tuple[str | None, str | None]]:
    with sqlite3.connect(crm) as conn:
        return {row[0]: (row[1], row[2]) for row in conn.execute("SELECT id, body, scrubbed_at FROM notes")}


def checksum(crm: Path) -> str:
    with sqlite3.connect(crm) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def runs_recorded(crm: Path) -> int:
    ledger = crm.parent / "ledger.db"
    if not ledger.exists():
        return 0
    with sqlite3.connect(ledger) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            return 0
        return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


def scrubbed_notes(
    before: dict[int, tuple[str | None, str | None]], after: dict[int, tuple[str | None, str | None]]
) -> dict[int, tuple[str, str]]:
    """(body before, body after) of the notes the sweep marked; the others (not deleted by a rule)
    must be untouched."""
    assert after.keys() <= before.keys()
    out = {}
    for key, (new_body, marked) in after.items():
        body = before[key][0]
        if marked is None:
            assert new_body == body
        else:
            assert body is not None and new_body is not None
            out[key] = (body, new_body)
    return out


def test_sweep_in_mask_mode_masks_the_notes(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = notes(crm)
    assert sweep(crm, policy_with_body(crm.parent, "{mode: mask}")) == 0, capsys.readouterr().err
    scrubbed = scrubbed_notes(before, notes(crm))
    assert len(scrubbed) >= 10
    changed = 0
    for body, masked in scrubbed.values():
        assert len(masked) == len(body)  # a mask keeps every character's place
        assert all(a == b or b == "*" for a, b in zip(body, masked, strict=True))
        assert "<PERSONNE>" not in masked
        changed += masked != body
    assert changed >= 5


def test_sweep_in_encrypt_mode_and_the_dpo_decrypts(
    crm: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm_privacy.detect.decrypt import decrypt_text

    monkeypatch.setenv(KEY_ENV, AES_KEY)
    before = notes(crm)
    assert sweep(crm, policy_with_body(crm.parent, f"{{mode: encrypt, key_env: {KEY_ENV}}}")) == 0, (
        capsys.readouterr().err
    )
    scrubbed = scrubbed_notes(before, notes(crm))
    encrypted = [(body, new) for body, new in scrubbed.values() if "<ENC:" in new]
    assert len(encrypted) >= 5
    for body, new in scrubbed.values():
        assert decrypt_text(new, AES_KEY) == body  # every scrubbed note comes back exactly
    body, new = encrypted[0]
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(new))
    assert main(["decrypt-text", "--key-env", KEY_ENV]) == 0
    assert capsys.readouterr().out == body


@pytest.mark.parametrize(
    ("params", "key", "fragments"),
    [
        (
            f"{{mode: encrypt, key_env: {KEY_ENV}}}",
            None,
            [f"environment variable {KEY_ENV} (key_env) is not set"],
        ),
        (f"{{mode: encrypt, key_env: {KEY_ENV}}}", "short-key", ["this one is 9 bytes"]),
        ("{mode: mask, masking_char: '**'}", AES_KEY, ["masking_char must be one character"]),
        (
            "{mode: scramble}",
            AES_KEY,
            ["mode: Input should be 'placeholder', 'pseudonym', 'mask', 'hash' or 'encrypt'"],
        ),
        (f"{{mode: encrypt, key: {AES_KEY}}}", AES_KEY, ["the key itself never goes in the policy"]),
    ],
)
def test_a_sweep_with_bad_params_or_no_usable_key_is_refused_before_any_change(
    params: str,
    key: str | None,
    fragments: list[str],
    crm: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if key is None:
        monkeypatch.delenv(KEY_ENV, raising=False)
    else:
        monkeypatch.setenv(KEY_ENV, key)
    before = checksum(crm)
    code = sweep(crm, policy_with_body(crm.parent, params))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.count("error:") == 1, err
    for fragment in ("tables.notes.columns.body", *fragments):
        assert fragment in err, err
    assert AES_KEY not in err and "short-key" not in err
    assert checksum(crm) == before and runs_recorded(crm) == 0
