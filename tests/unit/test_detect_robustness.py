"""Odd inputs never crash detection: per-line errors, lone surrogates, deep JSON, long texts, memory."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from crm_privacy.cli import main
from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.scrub import scrub_texts

NOTE = "Appeler Mme Claire Dupont au 06 12 34 56 78, né le 3 janvier 1980."
NOTE_ENTITIES = {
    ("PERSON", "Claire Dupont"),
    ("PHONE_NUMBER", "06 12 34 56 78"),
    ("DATE_TIME", "3 janvier 1980"),
}
#: Exit status of `crm-privacy detect` when some lines got an error answer (docs/detect.md).
SOME_LINES_FAILED = 3


def run_cli_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: bytes, *args: str
) -> tuple[int, list[str], str]:
    """Run the command in-process with stdin as a real process gets it (bytes under a UTF-8 locale)."""
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stream)
    code = main(["detect", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_bad_lines_get_error_answers_and_the_others_their_entities(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": 1, "text": NOTE}).encode()
    lines = [
        good,
        b'{"id": 2, "text": "Mme Claire Dupont \\udce9t\\u00e9"}',  # a JSON escape of a lone surrogate
        b'{"id": 3, "text": "Mme Claire Dupont \xe9t\xe9"}',  # raw Latin-1 bytes: not UTF-8
        b'{"id": ' + b"[" * 100_000 + b"]" * 100_000 + b', "text": "Mme Claire Dupont"}',  # deep JSON
        b'{"id": 5, "text": 612345678}',  # wrong type
        b"{not json Claire Dupont",
        b"",  # blank line: ignored
        json.dumps({"id": 7, "text": NOTE}).encode(),
    ]
    code, out, err = run_cli_bytes(monkeypatch, capsys, b"\n".join(lines) + b"\n")

    assert code == SOME_LINES_FAILED
    assert "Traceback" not in err
    answers = [json.loads(line) for line in out]
    assert len(answers) == 7  # one answer per non-blank line, in input order
    assert [a["id"] for a in answers] == [1, 2, None, None, 5, None, 7]
    for answer in (answers[0], answers[6]):
        assert {(e["type"], NOTE[e["start"] : e["end"]]) for e in answer["entities"]} == NOTE_ENTITIES
        assert "error" not in answer
    errors = {a["line"]: a["error"] for a in answers if "error" in a}
    assert set(errors) == {2, 3, 4, 5, 6}
    assert all("entities" not in a for a in answers if "error" in a)
    assert "surrogate" in errors[2]
    assert "UTF-8" in errors[3]
    assert "nested" in errors[4]
    assert '"text" must be a string or null' in errors[5]
    assert "not valid JSON" in errors[6]
    everything = "\n".join(out) + err
    for secret in ("Claire", "Dupont", "612345678", "\udce9", "é"):
        assert secret not in everything  # errors name the line and the problem, never the content
    assert "line 2" in err and "5 of 7 lines" in err  # a summary on stderr, no content


def test_good_input_still_exits_0(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli_bytes(monkeypatch, capsys, json.dumps({"id": 1, "text": NOTE}).encode() + b"\n")
    assert code == 0 and err == "" and len(out) == 1


def test_line_over_the_cap_gets_an_error_answer(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    long_line = json.dumps({"id": 2, "text": "Mme Claire Dupont " * 200}).encode()
    stdin = b"\n".join([json.dumps({"id": 1, "text": NOTE}).encode(), long_line, b'{"id": 3, "text": null}'])
    code, out, err = run_cli_bytes(monkeypatch, capsys, stdin + b"\n", "--max-line-bytes", "1000")
    assert code == SOME_LINES_FAILED and "Traceback" not in err
    answers = [json.loads(line) for line in out]
    assert [a["id"] for a in answers] == [1, None, 3]
    assert answers[1]["line"] == 2 and "longer than 1000 bytes" in answers[1]["error"]
    assert answers[2]["entities"] == []
    assert "Claire" not in "\n".join(out[1:]) + err


class _SpyNlp:
    """Wraps the spaCy pipeline and records how many characters each ``pipe`` call is given."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.calls: list[list[int]] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
        pieces = list(texts)
        self.calls.append([len(p) for p in pieces])
        return iter(list(self._nlp.pipe(pieces, **kwargs)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _straddling_text(length: int, step: int) -> tuple[str, set[tuple[str, int, int]]]:
    """Lower-case filler with one entity across every multiple of ``step``; the expected spans."""
    filler = "le client voudrait un devis pour la maintenance annuelle du parc, rien de plus, "
    chars = list((filler * (length // len(filler) + 1))[:length])
    expected: set[tuple[str, int, int]] = set()
    kinds = [
        ("PERSON", "Mme ", "Claire Dupont", ", "),
        ("PHONE_NUMBER", "tél ", "06 12 34 56 78", ", "),
        ("EMAIL_ADDRESS", "mail ", "claire.dupont@exemple.fr", ", "),
    ]
    for k, cut in enumerate(range(step, length - step, step)):
        entity_type, before, value, after = kinds[k % len(kinds)]
        start = cut - len(value) // 2  # the boundary falls in the middle of the value
        snippet = " " + before + value + after
        begin = start - len(before) - 1
        chars[begin : begin + len(snippet)] = snippet
        expected.add((entity_type, start, start + len(value)))
    return "".join(chars), expected


def test_long_text_is_read_in_bounded_windows_with_right_offsets() -> None:
    engine = PiiEngine("fr_core_news_sm", chunk_chars=1000)
    engine.ner_batch_chars = 3 * engine.chunk_chars
    spy = _SpyNlp(engine.nlp)
    engine.nlp = spy
    seen: list[int] = []
    for recognizer in engine.recognizers:
        find = recognizer.find

        def spying_find(text: str, _find: Any = find) -> Any:
            seen.append(len(text))
            return _find(text)

        recognizer.find = spying_find  # type: ignore[method-assign]
    text, expected = _straddling_text(12_000, 125)  # window edges and owned-range edges all straddled
    assert len(text) > 10 * engine.chunk_chars

    found = {(s.entity_type, s.start, s.end) for s in engine.analyze(text)}

    assert found == expected
    assert max(seen) <= engine.chunk_chars  # regexes never see more than one window
    assert all(size <= engine.chunk_chars for call in spy.calls for size in call)
    assert max(sum(call) for call in spy.calls) <= engine.ner_batch_chars  # bounded NER batches


def test_scrub_survives_lone_surrogates_and_long_texts(pii_engine: PiiEngine) -> None:
    seen: list[tuple[str, str]] = []

    def pseudonym(entity_type: str, value: str) -> str:
        value.encode("utf-8")  # what a keyed hash does first: must not meet a lone surrogate
        seen.append((entity_type, value))
        return f"pz:{entity_type.lower()}"

    broken = "Mme Claire Dupon\udce9, tél 06 12 34 56 78 \udce9t\udce9"
    long_text = ("le client voudrait un devis, rien de plus. " * 2_500) + "Tél 06 12 34 56 78."
    out = scrub_texts([broken, long_text, None], pseudonym=pseudonym)
    assert out[0] is not None and "06 12" not in out[0] and "pz:phone_number" in out[0]
    assert out[0].endswith("\udce9t\udce9")  # the rest of the text is kept as it was
    assert out[1] == long_text.replace("06 12 34 56 78", "pz:phone_number") and out[2] is None
    assert ("PHONE_NUMBER", "06 12 34 56 78") in seen


# A child process: runs the real command on a file, samples its resident memory, stops it past a bound
# (so a regression fails in seconds, not minutes) and prints the child's peak RSS in KiB.
_MEASURE = r"""
import json, resource, subprocess, sys, time
limit_kib, path = int(sys.argv[1]), sys.argv[2]
with open(path, "rb") as stdin:
    child = subprocess.Popen(sys.argv[3:], stdin=stdin, stdout=subprocess.DEVNULL)
    over = False
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/status") as status:
                rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
        except (OSError, StopIteration):
            rss = 0
        if rss > limit_kib:
            over = True
            child.kill()
            child.wait()
            break
        time.sleep(0.05)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": child.returncode, "over": over, "peak_kib": peak}))
"""


def _peak_rss_kib(path: Path, limit_kib: int) -> dict[str, Any]:
    command: Sequence[str] = [sys.executable, "-m", "crm_privacy.cli", "detect"]
    env = {**os.environ, "CRM_PRIVACY_DETECT_PROCESSES": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(limit_kib), str(path), *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=600,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _crm_notes(size: int) -> str:
    note = (
        "Appel de Mme Claire Dupont ce matin au 06 12 34 56 78, elle souhaite un devis pour la "
        "maintenance annuelle. Relance envoyée, RDV mardi avec M. Martin, mail claire.dupont@exemple.fr.\n"
    )
    filler = "Le client a demandé un devis pour la maintenance annuelle du parc de machines. " * 5 + "\n"
    block = note + filler
    return (block * (size // len(block) + 1))[:size]


#: Peak RSS a 5 MB text may add over a one-line note: the text itself is held a few times (bytes,
#: str, parsed JSON, the answer), the NER never sees more than one bounded batch of windows.
MEMORY_MARGIN_KIB = 64 * 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc to sample memory")
def test_peak_memory_of_a_5_mb_text_stays_close_to_a_small_one(tmp_path: Path) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_text(json.dumps({"id": 1, "text": NOTE}) + "\n", encoding="utf-8")
    big.write_text(json.dumps({"id": 1, "text": _crm_notes(5_000_000)}, ensure_ascii=False) + "\n")

    base = _peak_rss_kib(small, limit_kib=4 * 1024 * 1024)
    assert base["code"] == 0
    bound = base["peak_kib"] + MEMORY_MARGIN_KIB
    measured = _peak_rss_kib(big, limit_kib=bound)

    assert not measured["over"], (
        f"peak RSS went over {bound // 1024} MiB (small text: {base['peak_kib'] // 1024})"
    )
    assert measured["code"] == 0
    assert measured["peak_kib"] <= bound
