"""Hostile or absurd input is refused with one clear line (exit 2), never a traceback, and changes nothing.

Issue 7, points 6, 10 and 11: a blast-radius limit that is not a finite share in (0, 1]; a ledger that
is the CRM itself; periods and run dates outside the calendar; YAML that builds recursive or
exploding values; empty, binary or huge policy files. Each case runs the real CLI on a small demo CRM
(SQLite) and checks the exit status, the message, that the CRM is byte-for-byte the same and that no
run was recorded in the ledger. The CLI's own work directory (plan files hold the CRM keys of the
people being erased) is private (0700) and removed when the run ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import math
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from pydantic import TypeAdapter

from crm_privacy.cli import main
from crm_privacy.errors import CrmPrivacyError, PolicyError
from crm_privacy.ledger.state import canonical_json
from crm_privacy.policy.loader import load_policy
from crm_privacy.policy.model import PeriodField
from crm_privacy.rules.calendar import add_period
from crm_privacy.rules.planner import Plan
from crm_privacy.sweep.job import SweepContext, guard_step
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.sweep.tasks import make_conf
from crm_privacy.transform.keys import KeyRing

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
AS_OF = "2025-06-30"
KEY = "test-key-0123456789abcdef"


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def checksum(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def runs_recorded(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    with sqlite3.connect(ledger) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            return 0
        return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


def cli(*argv: str) -> int:
    """``main`` as the shell sees it: argparse's refusals (SystemExit) become exit codes."""
    try:
        return main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def sweep_args(crm: Path, *extra: str, policy: Path = DEMO_POLICY, command: str = "sweep") -> list[str]:
    ledger = crm.parent / "ledger.db"
    args = [command, "--policy", str(policy), "--crm", url(crm), "--ledger", url(ledger)]
    args += ["--workdir", str(crm.parent / "work")] if "--workdir" not in extra else []
    return [*args, *(extra if "--as-of" in extra else (*extra, "--as-of", AS_OF))]


def assert_refused(
    capsys: pytest.CaptureFixture[str], code: int, crm: Path, before: str, *fragments: str
) -> str:
    """Exit 2, one error naming the problem, no traceback, CRM unchanged, no run in the ledger."""
    out, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in err
    assert out == ""
    assert err.count("error:") == 1, err  # ours ("crm-privacy: error:") or argparse's usage error
    for fragment in fragments:
        assert fragment in err, err
    assert checksum(crm) == before
    assert runs_recorded(crm.parent / "ledger.db") == 0
    return err


def policy_with(tmp_path: Path, old: str, new: str, name: str = "policy.yaml") -> Path:
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- point 6: the blast-radius limit ------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "5", "1.5", "0", "-1", "0.0"])
def test_max_share_outside_0_1_is_refused(value: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = checksum(crm)
    code = cli(*sweep_args(crm, f"--max-share={value}"))  # "=": argparse reads "-1" as an option
    assert_refused(capsys, code, crm, before, "--max-share", "0 < x <= 1")


def test_max_share_refused_by_run_sweep_before_anything_is_recorded(crm: Path) -> None:
    before = checksum(crm)
    for value in (math.nan, math.inf, 0.0, -1.0, 5.0):
        with pytest.raises(CrmPrivacyError, match="max_share"):
            run_sweep(
                policy=DEMO_POLICY,
                crm_url=url(crm),
                ledger_url=url(crm.parent / "ledger.db"),
                as_of=dt.date(2025, 6, 30),
                dry_run=False,
                max_share=value,
                keyring=KeyRing(KEY),
                workdir=crm.parent / "work",
            )
    assert checksum(crm) == before
    assert runs_recorded(crm.parent / "ledger.db") == 0


@pytest.mark.parametrize("value", [math.nan, math.inf, 0.0, -0.5, 1.01])
def test_guard_step_refuses_a_bad_limit_itself(value: float) -> None:
    ctx = cast(SweepContext, SimpleNamespace(loaded=None))
    plan = cast(Plan, SimpleNamespace(rules=[]))  # nothing planned: only the limit can be wrong
    with pytest.raises(CrmPrivacyError, match="max_share"):
        guard_step(ctx, plan, value)


@pytest.mark.parametrize("value", [math.nan, math.inf, 0, -1, 5, "0.5", True])
def test_dag_conf_refuses_a_bad_max_share(value: Any) -> None:
    params = {"policy": "p.yaml", "crm_conn_id": "crm", "ledger_conn_id": "ledger", "dry_run": False}
    with pytest.raises(CrmPrivacyError, match="max_share"):
        make_conf({**params, "max_share": value, "as_of": AS_OF}, "manual__1", None)


def test_dag_param_refuses_zero_max_share() -> None:
    pytest.importorskip("airflow.sdk")
    from airflow.sdk.definitions.param import ParamValidationError

    spec = importlib.util.spec_from_file_location("sweep_dag", ROOT / "dags" / "crm_retention_sweep.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    param = module.crm_retention_sweep().params.get_param("max_share")
    assert param.resolve(0.5) == 0.5
    assert param.resolve(None) is None
    for bad in (0, -1, 1.5):
        with pytest.raises(ParamValidationError):
            param.resolve(bad)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, {"share": math.nan}, [1, math.inf]])
def test_ledger_json_refuses_nan_and_infinity(value: Any) -> None:
    with pytest.raises(ValueError):
        canonical_json(value)


# -- point 10: the ledger must not live in the CRM ----------------------------------------------


def same_file_spellings(crm: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CRM file under other names: relative path, '..' detour, symbolic link."""
    monkeypatch.chdir(crm.parent)
    link = crm.parent / "alias.db"
    link.symlink_to(crm)
    (crm.parent / "sub").mkdir()
    return [
        url(crm),
        "sqlite:///crm.db",
        f"sqlite:///{crm.parent / 'sub' / '..' / 'crm.db'}",
        url(link),
        f"sqlite+pysqlite:///{crm}?timeout=5",
    ]


@pytest.mark.parametrize("command", ["sweep", "plan"])
def test_ledger_equal_to_crm_is_refused(
    command: str, crm: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = checksum(crm)
    extra = ("--max-share", "1") if command == "sweep" else ()
    for ledger in same_file_spellings(crm, monkeypatch):
        args = sweep_args(crm, *extra, command=command)
        args[args.index("--ledger") + 1] = ledger
        code = cli(*args)
        assert_refused(capsys, code, crm, before, "ledger", "same database as the CRM")


def test_discover_refuses_ledger_equal_to_crm(
    crm: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = checksum(crm)
    monkeypatch.chdir(crm.parent)
    args = ["discover", "--policy", str(DEMO_POLICY), "--crm", url(crm), "--ledger", "sqlite:///crm.db"]
    code = cli(*args)
    assert_refused(capsys, code, crm, before, "ledger", "same database as the CRM")


# -- point 11: periods, run dates, YAML ----------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "key"),
    [
        ("99999y", "purposes.3.retention"),
        ("201y", "purposes.3.retention"),
        ("2401m", "purposes.3.retention"),
        ("10000000000d", "purposes.3.retention"),
        ("73100d", "purposes.3.retention"),
        ("99999999999999999999999y", "purposes.3.retention"),
        ("{amount: 999999, unit: y}", "purposes.3.retention"),
    ],
)
def test_absurd_period_is_refused_naming_the_key(
    period: str, key: str, crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = policy_with(crm.parent, "retention: 2y", f"retention: {period}")
    with pytest.raises(PolicyError, match="200 years") as refused:
        load_policy(policy)
    assert key in str(refused.value)
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    assert_refused(capsys, code, crm, before, key, "200 years", str(policy))


def test_periods_up_to_200_years_are_accepted(tmp_path: Path) -> None:
    for period in ("200y", "2400m", "73049d", "0d"):
        load_policy(policy_with(tmp_path, "retention: 2y", f"retention: {period}"))


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        ("9999-12-31", "10y", dt.date.max),  # a sentinel date in the CRM (e.g. a fiscal year close)
        ("9995-06-30", "73049d", dt.date.max),
        ("9999-06-30", "7m", dt.date.max),
        ("0001-01-01", "-1y", dt.date.min),
        ("0001-01-01", "-1d", dt.date.min),
    ],
)
def test_a_period_past_the_calendar_saturates(start: str, period: str, end: dt.date) -> None:
    """Data dates come from the CRM: a hold starting on 9999-12-31 never ends, it does not crash."""
    sign = -1 if period.startswith("-") else 1
    length = TypeAdapter(PeriodField).validate_python(period.lstrip("-"))
    assert add_period(dt.date.fromisoformat(start), length, sign) == end


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1969-12-31", "2201-01-01"])
@pytest.mark.parametrize("command", ["sweep", "plan"])
def test_run_date_outside_the_sane_range_is_refused(
    as_of: str, command: str, crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = checksum(crm)
    extra = ("--max-share", "1") if command == "sweep" else ()
    code = cli(*sweep_args(crm, *extra, "--as-of", as_of, command=command))
    assert_refused(capsys, code, crm, before, "--as-of", "1970-01-01", "2200-12-31")


@pytest.mark.parametrize("as_of", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_run_date_refused_by_run_sweep(as_of: dt.date, crm: Path) -> None:
    before = checksum(crm)
    with pytest.raises(CrmPrivacyError, match="run date"):
        run_sweep(
            policy=DEMO_POLICY,
            crm_url=url(crm),
            ledger_url=url(crm.parent / "ledger.db"),
            as_of=as_of,
            dry_run=True,
            workdir=crm.parent / "work",
        )
    assert checksum(crm) == before
    assert runs_recorded(crm.parent / "ledger.db") == 0


def test_dag_conf_refuses_a_run_date_out_of_range() -> None:
    params = {"policy": "p.yaml", "crm_conn_id": "crm", "ledger_conn_id": "ledger", "dry_run": False}
    with pytest.raises(CrmPrivacyError, match="run date"):
        make_conf({**params, "as_of": "9999-12-31"}, "manual__1", None)


def laughs() -> str:
    """Aliases that expand to a million values (the 'billion laughs' pattern), under a rule's where."""
    lines = ["x0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    return "\n".join(lines)


YAML_CASES = {
    # a rule's where values: a list that contains itself
    "recursive-where": (
        "where: {status: [prospect]}\n",
        "where: {status: &w [prospect, *w]}\n",
        "contains itself",
    ),
    # an action's params: a mapping that contains itself
    "recursive-params": (
        "params: {kind: first_name}",
        "params: &p {kind: first_name, again: *p}",
        "contains itself",
    ),
    "recursive-top": ("controller:", "loop: &x [*x]\ncontroller:", "contains itself"),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_recursive_yaml_alias_is_refused(case: str, crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new, fragment = YAML_CASES[case]
    policy = policy_with(crm.parent, old, new)
    with pytest.raises(PolicyError, match=fragment) as refused:
        load_policy(policy)
    assert str(policy) in str(refused.value)
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    assert_refused(capsys, code, crm, before, str(policy), fragment)


def test_exploding_aliases_are_refused(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = crm.parent / "laughs.yaml"
    text = DEMO_POLICY.read_text(encoding="utf-8")
    text = text.replace("where: {status: [prospect]}\n", "where: {status: *a5}\n", 1)
    policy.write_text(laughs().replace("x", "laugh_") + "\n" + text, encoding="utf-8")
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    assert_refused(capsys, code, crm, before, str(policy), "aliases expand")


def test_deeply_nested_yaml_is_refused(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = crm.parent / "deep.yaml"
    policy.write_text("version: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    assert_refused(capsys, code, crm, before, str(policy), "nested too deeply")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"# only a comment\n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a UTF-8 text file"),
        (b"version: \xe9t\xe9\n", "not a UTF-8 text file"),
    ],
)
def test_empty_or_binary_policy_is_refused(
    content: bytes, fragment: str, crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = crm.parent / "odd.yaml"
    policy.write_bytes(content)
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    err = assert_refused(capsys, code, crm, before, str(policy), fragment)
    assert "::" not in err


def test_huge_policy_file_is_refused_without_parsing_it(
    crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = crm.parent / "huge.yaml"
    with policy.open("wb") as out:
        out.truncate(20 * 1024 * 1024)  # 20 MiB (sparse): far beyond any register of processing
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", policy=policy))
    assert_refused(capsys, code, crm, before, str(policy), "too large")


# -- the CLI's work directory ---------------------------------------------------------------------


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The system temporary folder, redirected to an empty folder this test can watch."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def cli_args_without_workdir(crm: Path, *extra: str, command: str = "sweep") -> list[str]:
    args = sweep_args(crm, *extra, "--workdir", "unused", command=command)
    at = args.index("--workdir")
    return args[:at] + args[at + 2 :]


def test_default_workdir_is_removed_after_a_sweep(
    crm: Path, private_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(*cli_args_without_workdir(crm, "--max-share", "1")) == 0
    capsys.readouterr()
    assert list(private_tmp.iterdir()) == []


def test_default_workdir_is_removed_after_a_plan(
    crm: Path, private_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(*cli_args_without_workdir(crm, command="plan")) == 0
    capsys.readouterr()
    assert list(private_tmp.iterdir()) == []


def test_default_workdir_is_removed_after_a_failed_sweep(
    crm: Path, private_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the demo plan touches more than the policy's 50 % of contacts: refused after planning
    assert cli(*cli_args_without_workdir(crm)) == 2
    assert "max_share" in capsys.readouterr().err
    assert list(private_tmp.iterdir()) == []


def test_given_workdir_is_kept_and_private(crm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = os.umask(0o022)
    try:
        assert cli(*sweep_args(crm, "--max-share", "1")) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    work = crm.parent / "work"
    runs = list(work.iterdir())
    assert len(runs) == 1 and any(runs[0].iterdir()), "the plan files stay where the user asked"
    assert stat.S_IMODE(runs[0].stat().st_mode) == 0o700


@pytest.mark.parametrize("workdir", ["a-file", "a-file/below"])
def test_workdir_that_cannot_be_a_directory_is_refused(
    workdir: str, crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (crm.parent / "a-file").write_text("not a directory\n", encoding="utf-8")
    before = checksum(crm)
    code = cli(*sweep_args(crm, "--max-share", "1", "--workdir", str(crm.parent / workdir)))
    assert_refused(capsys, code, crm, before, "--workdir")


# -- other commands -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", ["-5", "0", "1000000000"])
def test_discover_refuses_a_sample_size_out_of_range(
    rows: str, crm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a negative LIMIT reads whole tables on SQLite; the DAG's param allows 10 to 100000
    before = checksum(crm)
    ledger = url(crm.parent / "ledger.db")
    args = ["discover", "--policy", str(DEMO_POLICY), "--crm", url(crm), "--ledger", ledger]
    code = cli(*args, f"--sample-rows={rows}")
    assert_refused(capsys, code, crm, before, "--sample-rows", "10 to 100000")
