"""Issue 9, pure functions: conf keys, run dates, the timetable, the policy directory, work directories,
the plan file, and which failures a retry can fix (and what may be said about them)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from crm_privacy.dagrun.conf import check_conf_keys
from crm_privacy.dagrun.policy_path import allowed_policy, policy_dir
from crm_privacy.dagrun.rundate import RunDateRefused, check_logical_date, check_run_date_not_future
from crm_privacy.dagrun.workdir import purge_stale, remove_run_workdir, retention, run_workdir
from crm_privacy.errors import (
    ActionError,
    BatchFailed,
    ConnectionFailed,
    CrmPrivacyError,
    GuardRefused,
    PolicyError,
    UsageError,
)
from crm_privacy.failures import describe, is_permanent
from crm_privacy.rules.planner import Plan, RulePlan, TableCount

ROOT = Path(__file__).resolve().parents[2]
SWEEP_KEYS = ["as_of", "crm_conn_id", "dry_run", "ledger_conn_id", "max_share", "policy", "simulate_future"]
TODAY = dt.date(2026, 3, 15)
NOW = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


# -- 1. conf keys ---------------------------------------------------------------------------------


def test_a_conf_typo_is_refused_listing_the_valid_keys_and_the_likely_one() -> None:
    with pytest.raises(UsageError) as refused:
        check_conf_keys({"dryrun": True}, SWEEP_KEYS)
    message = str(refused.value)
    assert "'dryrun'" in message and "did you mean dry_run?" in message
    assert all(key in message for key in SWEEP_KEYS)
    assert "Nothing was planned or changed" in message


def test_known_keys_and_an_empty_conf_pass() -> None:
    check_conf_keys({"dry_run": True, "max_share": 0.8}, SWEEP_KEYS)
    check_conf_keys({}, SWEEP_KEYS)
    check_conf_keys(None, SWEEP_KEYS)


def test_several_unknown_keys_are_all_named_and_long_ones_cut() -> None:
    with pytest.raises(UsageError) as refused:
        check_conf_keys({"zzz": 1, "x" * 500: 2}, SWEEP_KEYS)
    message = str(refused.value)
    assert "'zzz'" in message and "x" * 40 + "..." in message and "x" * 41 not in message


# -- 2. run dates ----------------------------------------------------------------------------------


def test_a_future_run_date_is_refused_for_a_real_run_naming_it_and_today() -> None:
    with pytest.raises(RunDateRefused) as refused:
        check_run_date_not_future(
            dt.date(2030, 1, 1), TODAY, dry_run=False, simulate_future=False, source="the as_of param"
        )
    assert "2030-01-01" in str(refused.value) and TODAY.isoformat() in str(refused.value)
    assert isinstance(refused.value, UsageError)


def test_a_dry_run_previews_a_future_date_only_when_asked() -> None:
    future = dt.date(2030, 1, 1)
    with pytest.raises(RunDateRefused, match="simulate_future"):
        check_run_date_not_future(future, TODAY, dry_run=True, simulate_future=False, source="x")
    assert check_run_date_not_future(future, TODAY, dry_run=True, simulate_future=True, source="x") is True
    assert check_run_date_not_future(TODAY, TODAY, dry_run=True, simulate_future=True, source="x") is False


def test_simulate_future_is_refused_for_a_real_run() -> None:
    with pytest.raises(RunDateRefused, match="dry runs only"):
        check_run_date_not_future(TODAY, TODAY, dry_run=False, simulate_future=True, source="x")


def test_today_and_past_dates_are_fine_for_a_real_run() -> None:
    for day in (TODAY, dt.date(2025, 6, 30)):
        assert (
            check_run_date_not_future(day, TODAY, dry_run=False, simulate_future=False, source="x") is False
        )


@pytest.mark.parametrize(
    ("logical", "fragment"),
    [
        (dt.datetime(2026, 4, 1, tzinfo=dt.UTC), "in the future"),
        (NOW + dt.timedelta(minutes=6), "in the future"),
        (dt.datetime(2024, 6, 30, tzinfo=dt.UTC), "before the DAG's start_date 2025-01-01"),
    ],
)
def test_the_timetable_check_refuses_future_and_pre_start_logical_dates(
    logical: dt.datetime, fragment: str
) -> None:
    with pytest.raises(ValueError, match=fragment) as refused:  # ValueError: the REST API answers 400
        check_logical_date(logical, START, NOW, "HINT")
    assert logical.date().isoformat() in str(refused.value)
    if "future" in fragment:
        assert TODAY.isoformat() in str(refused.value) and "HINT" in str(refused.value)


def test_the_timetable_check_accepts_now_a_few_seconds_ahead_and_the_past() -> None:
    for logical in (NOW, NOW + dt.timedelta(seconds=30), START, dt.datetime(2025, 6, 30, tzinfo=dt.UTC)):
        check_logical_date(logical, START, NOW)


def test_the_timetable_refuses_a_future_manual_run_and_survives_serialization() -> None:
    pytest.importorskip("airflow")
    from airflow import plugins_manager
    from airflow.serialization.decoders import decode_timetable
    from airflow.serialization.encoders import encode_timetable
    from pendulum import DateTime

    from crm_privacy.dag_defaults import START_DATE, schedule
    from crm_privacy.dagrun.timetable import RunDateTimetable

    timetable = schedule("@daily", "use as_of")
    assert "crm_privacy.dagrun.timetable.RunDateTimetable" in plugins_manager.get_timetables_plugins()
    again = decode_timetable(encode_timetable(timetable))
    assert isinstance(again, RunDateTimetable)
    assert again.start == START_DATE and again.hint == "use as_of" and again.summary == "0 0 * * *"
    past = DateTime(2025, 6, 30, tzinfo=dt.UTC)
    assert again.infer_manual_data_interval(run_after=past).end == past
    future = DateTime.now(dt.UTC).add(days=30)
    with pytest.raises(ValueError, match="use as_of"):
        again.infer_manual_data_interval(run_after=future)
    with pytest.raises(ValueError, match="start_date"):
        again.infer_manual_data_interval(run_after=DateTime(2024, 12, 31, tzinfo=dt.UTC))


def test_the_dags_use_the_timetable_with_retry_backoff() -> None:
    pytest.importorskip("airflow")
    from airflow.dag_processing.dagbag import DagBag

    from crm_privacy.dagrun.timetable import RunDateTimetable

    dags = DagBag(dag_folder=str(ROOT / "dags")).dags
    for dag_id in ("crm_retention_sweep", "crm_pii_discovery"):
        dag = dags[dag_id]
        assert isinstance(dag.timetable, RunDateTimetable)
        assert dag.timetable.start == dag.start_date
        for task in dag.tasks:
            if task.task_id != "watcher":
                assert task.retry_exponential_backoff >= 2 and task.retries >= 1, task.task_id
    sweep = dags["crm_retention_sweep"]
    assert "simulate_future" in sweep.params
    assert sweep.get_task("apply").map_index_template
    assert "compliance" in dags["crm_pii_discovery"].task_ids


# -- 7. the policy directory -------------------------------------------------------------------------


@pytest.fixture
def policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "policies"
    directory.mkdir()
    (directory / "crm.yaml").write_text("version: x\n")
    (tmp_path / "secret.yaml").write_text("password: x\n")
    monkeypatch.setenv("CRM_PRIVACY_POLICY_DIR", str(directory))
    return directory


def test_a_policy_of_the_directory_is_accepted_by_path_or_name(policies: Path) -> None:
    expected = str((policies / "crm.yaml").resolve())
    assert allowed_policy(str(policies / "crm.yaml")) == expected
    assert allowed_policy("crm.yaml") == expected


@pytest.mark.parametrize(
    "given",
    [
        "/etc/passwd",
        "{tmp}/secret.yaml",
        "../secret.yaml",
        "{dir}/../secret.yaml",
        "crm.txt",
        "",
        "link.yaml",
    ],
)
def test_a_policy_outside_the_directory_is_refused_by_name(policies: Path, given: str) -> None:
    (policies / "link.yaml").symlink_to(policies.parent / "secret.yaml")
    (policies / "crm.txt").write_text("x")
    text = given.format(tmp=policies.parent, dir=policies)
    with pytest.raises(UsageError, match="policy") as refused:
        allowed_policy(text)
    if text:
        assert repr(text) in str(refused.value) and "password" not in str(refused.value)


def test_the_policy_directory_defaults_to_the_default_policy_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRM_PRIVACY_POLICY_DIR", raising=False)
    monkeypatch.setenv("CRM_PRIVACY_POLICY", "/srv/policies/main.yaml")
    assert policy_dir() == Path("/srv/policies")
    monkeypatch.delenv("CRM_PRIVACY_POLICY")
    assert policy_dir() == ROOT / "include" / "policies"
    assert allowed_policy("demo_crm.yaml") == str((ROOT / "include" / "policies" / "demo_crm.yaml").resolve())


# -- 6. work directories and plan files ------------------------------------------------------------------


def test_the_plan_file_holds_what_apply_needs_only_and_files_are_private(tmp_path: Path) -> None:
    from crm_privacy.privatefiles import open_private, private_dir

    work = private_dir(tmp_path / "run")
    with open_private(work / "keys_R1.txt") as out:
        out.write('"c-1"\n"c-2"\n')
    rule = RulePlan(
        rule_id="R1",
        title="Prospect sans contact",
        purpose="prospection",
        legal_basis="legitimate_interest",
        subjects=2,
        tables=[TableCount("contacts", "anonymise", 2, 10)],
        findings={"missing_date": 1},
        keys_file=str(work / "keys_R1.txt"),
    )
    path = Plan(as_of="2025-06-30", policy_version="1", rules=[rule]).save(work)
    data = json.loads(path.read_text())
    assert set(data) == {"as_of", "policy_version", "rules"}
    assert set(data["rules"][0]) == {
        "rule_id",
        "kind",
        "subjects",
        "notify",
        "tables",
        "keys_file",
        "notify_file",
    }
    assert data["rules"][0]["keys_file"] == "keys_R1.txt"  # relative: the directory may be mounted elsewhere
    assert "c-1" not in path.read_text()
    assert stat.S_IMODE(work.stat().st_mode) == 0o700
    for file in (path, work / "keys_R1.txt"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    moved = tmp_path / "elsewhere"
    work.rename(moved)
    loaded = Plan.load(moved / "plan.json")
    assert loaded.rules[0].keys_file == str(moved / "keys_R1.txt") and loaded.rules[0].subjects == 2


def test_a_run_s_work_directory_is_removed_and_stale_ones_after_the_retention(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path))
    monkeypatch.delenv("CRM_PRIVACY_WORKDIR_RETENTION_DAYS", raising=False)
    assert retention() == dt.timedelta(days=7)
    old_run, recent_run, this_run = (
        run_workdir(r) for r in ("old", "recent", "manual__2025-06-30T00:00:00+00:00")
    )
    for path in (old_run, recent_run, this_run, tmp_path / "reports"):
        path.mkdir()
        (path / "plan.json").write_text("{}")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("kept: not a run directory")
    ten_days_ago = time.time() - 10 * 86400
    for path in (old_run, old_run / "plan.json", tmp_path / "reports", tmp_path / "notes"):
        os.utime(path, (ten_days_ago, ten_days_ago))
    assert this_run.name == "manual__2025-06-30T00_00_00_00_00"
    assert remove_run_workdir("manual__2025-06-30T00:00:00+00:00") and not this_run.exists()
    assert not remove_run_workdir("manual__2025-06-30T00:00:00+00:00")
    assert purge_stale(dt.datetime.now(dt.UTC)) == ["old"]
    assert recent_run.exists() and (tmp_path / "reports").exists() and (tmp_path / "notes").exists()
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR_RETENTION_DAYS", "0.5")
    with pytest.raises(UsageError, match="CRM_PRIVACY_WORKDIR_RETENTION_DAYS"):
        retention()


# -- 4. failures ------------------------------------------------------------------------------------


def _db_error(kind: str, orig: BaseException) -> Exception:
    from sqlalchemy import exc

    error: Exception = getattr(exc, kind)("SELECT 1", {}, orig)
    return error


class FakePgError(Exception):
    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _pymysql_error(errno: int, message: str) -> Exception:
    pymysql = pytest.importorskip("pymysql")
    error: Exception = pymysql.err.OperationalError(errno, message)
    return error


def _permanent_cases() -> list[Any]:
    from crm_privacy.crm.lock import LockLost

    return [
        PolicyError("rules.R1: unknown column"),
        GuardRefused("too big"),
        LockLost("taken over"),
        ActionError("no pseudonymisation key"),
        UsageError("bad conf"),
        CrmPrivacyError("post-check failed"),
        ConnectionFailed("bad password", permanent=True),
        BatchFailed("batch 1 of rule R2 failed: PolicyError: no role", permanent=True),
        TypeError("unsupported operand"),
        KeyError("run_id"),
    ]


@pytest.mark.parametrize("exc", _permanent_cases(), ids=lambda e: type(e).__name__)
def test_errors_a_retry_cannot_fix_are_permanent(exc: BaseException) -> None:
    assert is_permanent(exc)


def test_an_unknown_airflow_connection_is_permanent() -> None:
    from airflow.sdk.exceptions import AirflowNotFoundException

    exc = AirflowNotFoundException("The conn_id `nope` isn't defined")
    assert is_permanent(exc) and "nope" in describe(exc)[1]


def test_database_errors_by_cause() -> None:
    import sqlite3

    assert not is_permanent(_db_error("OperationalError", sqlite3.OperationalError("database is locked")))
    assert is_permanent(
        _db_error("OperationalError", sqlite3.OperationalError("attempt to write a readonly database"))
    )
    assert is_permanent(_db_error("OperationalError", sqlite3.OperationalError("no such table: contacts")))
    assert is_permanent(
        _db_error("ProgrammingError", FakePgError("permission denied for table invoices", "42501"))
    )
    assert is_permanent(
        _db_error("OperationalError", FakePgError('role "crm_reader" does not exist', "42704"))
    )
    assert not is_permanent(
        _db_error("OperationalError", FakePgError("server closed the connection", "08006"))
    )
    assert not is_permanent(_db_error("OperationalError", FakePgError("deadlock detected", "40P01")))
    assert is_permanent(_db_error("IntegrityError", FakePgError("duplicate key", "23505")))
    assert is_permanent(_db_error("OperationalError", _pymysql_error(1142, "SELECT command denied")))
    assert not is_permanent(_db_error("OperationalError", _pymysql_error(2013, "Lost connection")))
    assert not is_permanent(ConnectionFailed("cannot connect: connection refused"))
    assert not is_permanent(BatchFailed("batch 1 failed: OperationalError"))
    assert not is_permanent(OSError("No space left on device"))


def test_the_crm_lock_held_by_another_run_is_transient() -> None:
    from crm_privacy.crm.lock import LockBusy

    assert not is_permanent(LockBusy("the CRM is locked by run x", None))


def test_database_messages_keep_names_and_hide_values() -> None:
    pg = FakePgError(
        'duplicate key value violates unique constraint "contacts_email_key"\nDETAIL:  Key (email)=(jean.dupont@exemple.fr) already exists.',
        "23505",
    )
    kind, message = describe(_db_error("IntegrityError", pg), {"contacts_email_key"})
    assert kind == "IntegrityError" and "[23505]" in message and '"contacts_email_key"' in message
    assert "jean" not in message
    my = _pymysql_error(1062, "Duplicate entry 'jean.dupont@exemple.fr' for key 'contacts.email'")
    _, message = describe(_db_error("IntegrityError", my), {"contacts", "email"})
    assert "jean" not in message and "'contacts.email'" in message and "[1062]" in message
    _, message = describe(ValueError("jean.dupont@exemple.fr is not valid"))
    assert "jean" not in message and "ValueError" in message


# -- the task wrapper ----------------------------------------------------------------------------------


class FakeTi:
    task_id = "plan"
    try_number = 1
    max_tries = 3

    def __init__(self) -> None:
        self.pushed: dict[str, Any] = {}

    def xcom_push(self, key: str, value: Any) -> None:
        self.pushed[key] = value


@pytest.fixture
def ti(monkeypatch: pytest.MonkeyPatch) -> FakeTi:
    from crm_privacy.dagrun import task

    fake = FakeTi()
    monkeypatch.setattr(task, "current_ti", lambda: fake)
    return fake


def test_a_permanent_error_fails_the_task_at_once_and_is_recorded(
    ti: FakeTi, caplog: pytest.LogCaptureFixture
) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    from crm_privacy.dagrun.task import ERROR_KEY, airflow_task

    @airflow_task
    def step() -> None:
        raise PolicyError("demo.yaml: rules.R1: unknown column 'lastname'")

    with caplog.at_level(logging.INFO), pytest.raises(AirflowFailException, match="unknown column"):
        step()
    assert ti.pushed[ERROR_KEY] == {
        "step": "plan",
        "type": "PolicyError",
        "message": "demo.yaml: rules.R1: unknown column 'lastname'",
        "permanent": True,
    }
    assert "will not be retried" in caplog.text


def test_a_transient_error_is_left_to_airflow_s_retries_and_says_so(
    ti: FakeTi, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    from airflow.sdk.exceptions import AirflowFailException

    from crm_privacy.dagrun.task import ERROR_KEY, RetryableFailure, airflow_task

    @airflow_task
    def step() -> None:
        raise _db_error("OperationalError", sqlite3.OperationalError("database is locked"))

    with caplog.at_level(logging.INFO), pytest.raises(RetryableFailure) as raised:
        step()
    assert not isinstance(raised.value, AirflowFailException)
    assert "will retry with exponential backoff (try 1 of 4)" in caplog.text
    assert ti.pushed[ERROR_KEY]["permanent"] is False
    ti.try_number = 4
    with caplog.at_level(logging.INFO), pytest.raises(RetryableFailure):
        step()
    assert "no retry left" in caplog.text


# -- 3. and 5. guard verdict and batch labels ----------------------------------------------------------


def _ctx(max_share: float = 0.5, batch_size: int = 100) -> Any:
    guard = SimpleNamespace(max_share=max_share, batch_size=batch_size)
    return SimpleNamespace(loaded=SimpleNamespace(policy=SimpleNamespace(guard=guard)))


def _plan(rows: int, subjects: int = 250, notify: int = 0) -> Plan:
    rule = RulePlan(
        "R2", "t", "p", "contract", subjects, [TableCount("invoices", "archive", rows, 100)], notify=notify
    )
    return Plan("2025-06-30", "1", [rule])


def test_the_guard_verdict_says_why_either_way() -> None:
    from crm_privacy.sweep.job import guard_verdict

    passed = guard_verdict(_ctx(), _plan(30), None)
    assert passed == {
        "verdict": "passed",
        "reason": "no table over the limit of 50% (largest share: invoices 30.0%)",
    }
    refused = guard_verdict(_ctx(), _plan(60), None)
    assert refused["verdict"] == "refused" and "invoices: 60.0%" in refused["reason"]
    assert guard_verdict(_ctx(), _plan(60), 0.8)["verdict"] == "passed"


def test_batches_carry_their_rule_number_count_and_label() -> None:
    from crm_privacy.sweep.job import batches

    work = batches(_ctx(), _plan(30, subjects=250, notify=120))
    assert [b["label"] for b in work] == [
        "R2 batch 1/3",
        "R2 batch 2/3",
        "R2 batch 3/3",
        "R2 notices batch 1/2",
        "R2 notices batch 2/2",
    ]
    assert work[2] == {"rule_id": "R2", "batch_no": 2, "batches": 3, "kind": "apply", "label": "R2 batch 3/3"}


def test_task_retries_can_be_turned_off_for_a_demo(monkeypatch: Any) -> None:
    import importlib

    from crm_privacy import dag_defaults

    try:
        monkeypatch.setenv("CRM_PRIVACY_TASK_RETRIES", "0")
        assert importlib.reload(dag_defaults).DEFAULT_ARGS["retries"] == 0
        monkeypatch.setenv("CRM_PRIVACY_TASK_RETRIES", "many")  # not a number: the default stays
        assert importlib.reload(dag_defaults).DEFAULT_ARGS["retries"] == 3
    finally:
        monkeypatch.delenv("CRM_PRIVACY_TASK_RETRIES")
        importlib.reload(dag_defaults)
    assert dag_defaults.DEFAULT_ARGS["retries"] == 3
