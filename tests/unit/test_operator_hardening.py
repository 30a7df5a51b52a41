"""Operator mistakes end in one clear error, never a traceback nor a silent wrong answer.

Grace out of range, a pipe closed by the reader, an unwritable work directory, a ledger in the CRM's
own SQLite file given to ``unlock``, and non-finite numbers given to ``detect``.
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_privacy.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
KEY = "test-key-0123456789abcdef"


def cli(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def plan_args(crm: Path, *extra: str) -> list[str]:
    ledger = crm.parent / "ledger.db"
    args = [
        "plan",
        "--policy",
        str(DEMO_POLICY),
        "--crm",
        f"sqlite:///{crm}",
        "--ledger",
        f"sqlite:///{ledger}",
    ]
    return [*args, "--as-of", "2025-06-30", *extra]


def sqlite_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.mark.parametrize("value", ["1e308", "inf", "0.5", "0", "-3", "10081", "nan"])
def test_grace_out_of_range_is_refused_naming_the_variable(
    value: str, crm: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_LOCK_GRACE_MINUTES", value)
    for argv in (
        plan_args(crm, "--workdir", str(crm.parent / "work")),
        ["unlock", "--crm", f"sqlite:///{crm}"],
    ):
        code = cli(*argv)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "Traceback" not in err and "CRM_PRIVACY_LOCK_GRACE_MINUTES" in err, err


@pytest.mark.parametrize("value", ["1", "45", "10080"])
def test_grace_in_range_is_accepted(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from crm_privacy.crm.lock import grace_from_env

    monkeypatch.setenv("CRM_PRIVACY_LOCK_GRACE_MINUTES", value)
    assert grace_from_env().total_seconds() == float(value) * 60


def test_unlock_refuses_the_crm_file_as_ledger(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sqlite_tables(crm)
    code = cli("unlock", "--crm", f"sqlite:///{crm}", "--ledger", f"sqlite:///{crm.parent}/./crm.db")
    err = capsys.readouterr().err
    assert code == 2, err
    assert "same database as the CRM" in err and "Traceback" not in err
    assert sqlite_tables(crm) == before  # no ledger table created among the CRM's


def test_plan_piped_into_head_exits_quietly(crm: Path, tmp_path: Path) -> None:
    argv = " ".join(f"'{a}'" for a in plan_args(crm, "--workdir", str(tmp_path / "work")))
    script = f"'{sys.executable}' -m crm_privacy.cli {argv} | true"  # the reader is gone before the plan is printed
    done = subprocess.run(["bash", "-c", script], capture_output=True, timeout=300, text=True)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr == "", done.stderr


def test_unwritable_workdir_is_refused(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys/kernel")
    code = cli(*plan_args(crm, "--workdir", "/sys/kernel"))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "--workdir /sys/kernel" in err, err


def test_detect_refuses_non_finite_numbers_and_writes_strict_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        b'{"id": NaN, "text": "x"}',
        b'{"id": 1e999, "text": "x"}',
        b'{"id": [1, -Infinity], "text": "x"}',
        b'{"id": 4, "text": "x", "extra": {"n": 1e400}}',
        b'{"id": 5.5, "text": null}',
    ]
    stream = io.TextIOWrapper(
        io.BytesIO(b"\n".join(lines) + b"\n"), encoding="utf-8", errors="surrogateescape"
    )
    monkeypatch.setattr("sys.stdin", stream)
    main(["detect"])
    out = capsys.readouterr().out.splitlines()

    def strict(text: str) -> object:
        def refuse(name: str) -> object:
            raise ValueError(name)

        return json.loads(text, parse_constant=refuse)

    answers = [strict(line) for line in out]  # every answer is strict JSON
    assert len(answers) == 5
    for answer in answers[:4]:
        assert isinstance(answer, dict) and answer["id"] is None and "not valid JSON" in answer["error"]
    assert answers[4] == {"id": 5.5, "entities": []}
