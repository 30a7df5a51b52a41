"""The ``crm-privacy detect`` contract: JSON lines in and out, order, offsets, errors, streaming."""

from __future__ import annotations

import io
import json
import os
import threading

import pytest

from crm_privacy.cli import main
from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.stream import detect_stream

NOTE = "Appeler Mme Claire Dupont au 06 12 34 56 78, né le 3 janvier 1980."


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, list[str], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["detect", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_contract(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": 1, "text": NOTE},
        {"id": "b", "text": None},
        {"id": [3], "text": "Rien à signaler, commande CMD-2024-000123."},
        {"id": None, "text": "é" * 3 + " claire.dupont@exemple.fr"},
    ]
    stdin = (
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines) + "\n"
    )  # blank line ignored
    code, out, err = run_cli(monkeypatch, capsys, stdin, "--lang", "fr", "--model", "fr_core_news_sm")
    assert code == 0 and err == ""
    answers = [json.loads(line) for line in out]
    assert [a["id"] for a in answers] == [1, "b", [3], None]
    first = answers[0]["entities"]
    assert {(e["type"], NOTE[e["start"] : e["end"]]) for e in first} == {
        ("PERSON", "Claire Dupont"),
        ("PHONE_NUMBER", "06 12 34 56 78"),
        ("DATE_TIME", "3 janvier 1980"),
    }
    assert all(set(e) == {"type", "start", "end", "score"} and 0 < e["score"] <= 1 for e in first)
    assert answers[1]["entities"] == [] and answers[2]["entities"] == []
    assert [(e["type"], e["start"], e["end"]) for e in answers[3]["entities"]] == [("EMAIL_ADDRESS", 4, 28)]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        pytest.param("{not json", "not valid JSON", id="not-json"),
        pytest.param('["Claire Dupont"]', 'expected a JSON object with "id" and "text"', id="not-an-object"),
        pytest.param('{"id": 2}', 'expected a JSON object with "id" and "text"', id="no-text"),
        pytest.param('{"id": 2, "text": 612345678}', '"text" must be a string or null', id="text-not-string"),
    ],
)
def test_malformed_line_gets_an_error_answer_and_status_3(
    pii_engine: PiiEngine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bad_line: str,
    message: str,
) -> None:
    good = json.dumps({"id": 1, "text": NOTE})
    code, out, err = run_cli(monkeypatch, capsys, f"{good}\n\n{bad_line}\n{good}\n")
    assert code == 3
    answers = [json.loads(line) for line in out]
    assert [a["id"] for a in answers] == [1, 2 if '"id": 2' in bad_line else None, 1]  # every line answered
    assert answers[1]["line"] == 3 and message in answers[1]["error"] and "entities" not in answers[1]
    assert answers[0]["entities"] == answers[2]["entities"] != []
    assert "line 3" in err and "1 of 3 lines" in err
    assert "Claire" not in err + out[1] and "612345678" not in err + out[1]  # no personal data in errors


def test_only_french(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli(monkeypatch, capsys, "", "--lang", "en")
    assert exc.value.code == 2


def test_unknown_model_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, '{"id": 1, "text": "x"}\n', "--model", "fr_core_news_xx")
    assert code == 2 and out == []
    assert "fr_core_news_xx" in err and "not installed" in err


class _Sink(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.got_line = threading.Event()

    def flush(self) -> None:
        super().flush()
        if "\n" in self.getvalue():
            self.got_line.set()


def test_streams_without_waiting_for_end_of_input(pii_engine: PiiEngine) -> None:
    """An answer comes back while stdin is still open: the command does not read all input first."""
    read_fd, write_fd = os.pipe()
    source, writer = os.fdopen(read_fd, "r", encoding="utf-8"), os.fdopen(write_fd, "w", encoding="utf-8")
    sink = _Sink()
    worker = threading.Thread(target=detect_stream, args=(source, sink), daemon=True)
    worker.start()
    writer.write(json.dumps({"id": 1, "text": NOTE}) + "\n")
    writer.flush()
    try:
        assert sink.got_line.wait(timeout=30), "no answer before end of input"
    finally:
        writer.close()
        worker.join(timeout=30)
        source.close()
    assert json.loads(sink.getvalue().splitlines()[0])["id"] == 1
