"""The retention sweep triggered the way a data engineer does it: REST API v2 on a running Airflow.

One Airflow per test session (api-server + scheduler + dag-processor, LocalExecutor, SQLite metadata
database, see ``airflow_server.py``) runs the DAGs of this project on a fresh demo CRM. Each case
triggers ``crm_retention_sweep`` with ``POST /api/v2/dags/{dag}/dagRuns`` and polls the run and its
task instances until they are terminal, then reads the task logs through the API (issue 9):

- a valid dry run succeeds and changes nothing;
- a typo in the conf fails at once (no retry), the first task's log naming the unknown key and the
  valid ones, and nothing changes;
- a future logical date fails at once naming the date and today, and does not block the next run;
- an unknown connection id fails at once without retry, naming the connection;
- a real run changes the CRM and writes its summary.

A refusal may also come at trigger time (HTTP 400 naming the problem): as good, nothing runs. A run
that is accepted must fail within ``FAST_FAIL_SECONDS`` of the trigger, no task tried twice. Cheap
cases run twice (the same trigger must give the same answer). The real run comes last, on a CRM
generated again: it changes the CRM.

Run: ``pytest -m e2e tests/e2e/test_rest_api.py`` (about 3 minutes; the Airflow logs are attached to a
failed test's report).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crm_privacy.dagrun.workdir import safe_name
from tests.e2e.airflow_server import BIN, AirflowServer, LogReporter

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DAG_ID = "crm_retention_sweep"
RUN_DATE = dt.date(2025, 6, 30)
FAST_FAIL_SECONDS = 60  # issue 9: "a clear refusal in seconds"
RUN_TIMEOUT = 600  # a whole sweep of the 300-contact demo CRM on a busy 2-core machine


# ---- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def airflow(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[AirflowServer]:
    """A running Airflow with the sweep unpaused; every process it started is ended at the end."""
    home = tmp_path_factory.mktemp("airflow-rest")
    crm, ledger = home / "crm.db", home / "ledger.db"
    make_demo_crm(crm)
    server = AirflowServer(home=home, crm=crm, ledger=ledger)
    reporter = LogReporter(server, "airflow")
    request.config.pluginmanager.register(reporter, "crm-privacy-airflow-logs")
    try:
        started = time.monotonic()
        server.start()
        server.wait_dag(DAG_ID)
        server.unpause(DAG_ID)
        print(f"\nAirflow up on {server.base_url} in {time.monotonic() - started:.0f} s (home {home})")
        yield server
    finally:
        server.stop()
        request.config.pluginmanager.unregister(reporter)


@pytest.fixture(autouse=True)
def _no_run_left_behind(airflow: AirflowServer) -> Iterator[None]:
    """A test that fails mid-run must not leave a run blocking the next ones (max_active_runs=1)."""
    airflow.run_ids.clear()
    yield
    airflow.finish_unfinished_runs(DAG_ID)


@pytest.fixture(scope="module")
def valid_keys(airflow: AirflowServer) -> list[str]:
    """The conf keys the DAG accepts: its params, as the API shows them."""
    details = airflow.api_json("GET", f"/api/v2/dags/{DAG_ID}/details")
    keys = sorted(details["params"])
    assert {"dry_run", "max_share", "crm_conn_id"} <= set(keys), keys
    return keys


# ---- helpers --------------------------------------------------------------------------------------
def make_demo_crm(crm: Path) -> None:
    """The demo CRM at ``crm``, (re)created: 300 contacts, seed 42, built around RUN_DATE."""
    demo = subprocess.run(
        [str(BIN / "crm-privacy"), "demo-db", "--url", f"sqlite:///{crm}", "--contacts", "300", "--seed", "42",
         "--as-of", RUN_DATE.isoformat(), "--replace"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert demo.returncode == 0, f"crm-privacy demo-db failed:\n{demo.stdout}\n{demo.stderr}"


def crm_digest(db: Path) -> dict[str, str]:
    """A digest of the rows of each table of the CRM (the ledger is another file)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        digests = {}
        for table in tables:
            digest = hashlib.sha256()
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
            digests[table] = digest.hexdigest()
    return digests


EMPTY = hashlib.sha256().hexdigest()  # a table with no row, or no table (the sweep creates its lock table)


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t, EMPTY) != after.get(t, EMPTY))


def assert_crm_unchanged(before: dict[str, str], crm: Path, what: str) -> None:
    changed = changed_tables(before, crm_digest(crm))
    assert not changed, f"{what} changed rows of the CRM in tables {changed}"


def new_run_id(name: str) -> str:
    return f"e2e_{name}_{uuid.uuid4().hex[:8]}"  # letters, digits, '_': also the report directory's name


def trigger_ok(airflow: AirflowServer, name: str, conf: dict[str, Any], day: dt.date = RUN_DATE) -> str:
    run_id = new_run_id(name)
    logical_date = airflow.next_logical_date(day)
    resp = airflow.trigger(DAG_ID, run_id, logical_date, conf)
    assert resp.status_code == 200, (
        f"trigger {conf} at {logical_date} refused: {resp.status_code} {resp.text}"
    )
    return run_id


def wait_success(airflow: AirflowServer, run_id: str) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    run, tis = airflow.wait_run(DAG_ID, run_id, RUN_TIMEOUT)
    elapsed = time.monotonic() - started
    assert run["state"] == "success", (
        f"run {run_id} {run['state']} after {elapsed:.0f} s; tasks: {airflow.describe(tis)}\n"
        f"{airflow.run_logs(DAG_ID, run_id, tis)}"
    )
    print(f"{run_id}: success in {elapsed:.1f} s")
    return run, elapsed


def wait_fast_failure(airflow: AirflowServer, run_id: str) -> list[dict[str, Any]]:
    """The run must fail, without any retry, within FAST_FAIL_SECONDS of the trigger."""
    started = time.monotonic()
    run, tis = airflow.wait_run(DAG_ID, run_id, FAST_FAIL_SECONDS + 30, stop_on_retry=True)
    elapsed = time.monotonic() - started
    retried = [ti for ti in tis if ti["state"] == "up_for_retry" or (ti.get("try_number") or 0) > 1]
    assert not retried, (
        f"a retry cannot fix this, yet Airflow retries: {airflow.describe(retried)}\n"
        f"{airflow.run_logs(DAG_ID, run_id, tis)}"
    )
    assert run["state"] == "failed", (
        f"run {run_id} is {run['state']}, expected failed: {airflow.describe(tis)}"
    )
    assert elapsed <= FAST_FAIL_SECONDS, (
        f"run {run_id} took {elapsed:.0f} s to fail (limit {FAST_FAIL_SECONDS} s)"
    )
    print(f"{run_id}: failed in {elapsed:.1f} s ({airflow.describe(tis)})")
    return tis


def failed_logs(airflow: AirflowServer, run_id: str, tis: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(task_id, log) of the failed task instances, the first one to start first."""
    failed = sorted((ti for ti in tis if ti["state"] == "failed"), key=lambda ti: ti["start_date"] or "~")
    assert failed, f"no failed task in run {run_id}: {airflow.describe(tis)}"
    return [
        (
            ti["task_id"],
            airflow.task_log(DAG_ID, run_id, ti["task_id"], int(ti["try_number"]), ti["map_index"]),
        )
        for ti in failed
    ]


def state_of(tis: list[dict[str, Any]], task_id: str) -> str | None:
    states = [ti["state"] for ti in tis if ti["task_id"] == task_id]
    return states[0] if states else None


@dataclass
class Refusal:
    """How Airflow refused a trigger: at once (HTTP 400) or with a run that failed fast."""

    where: str  # "the trigger's 400 answer" or "the log of <task> (first failed task)"
    first: str  # the first message: the 400 answer, or the first failed task's log
    everything: str  # plus the other failed tasks' logs and the run's note
    tis: list[dict[str, Any]]  # empty when refused at trigger time


def refused(airflow: AirflowServer, name: str, conf: dict[str, Any], day: dt.date = RUN_DATE) -> Refusal:
    """Trigger a run that must be refused: a 400 at trigger time, or a run failing fast without retry."""
    run_id = new_run_id(name)
    started = time.monotonic()
    resp = airflow.trigger(DAG_ID, run_id, airflow.next_logical_date(day), conf)
    if resp.status_code == 400:
        print(f"{run_id}: refused at trigger time in {time.monotonic() - started:.1f} s: {resp.text[:300]}")
        return Refusal("the trigger's 400 answer", resp.text, resp.text, [])
    assert resp.status_code == 200, f"trigger {conf}: {resp.status_code} {resp.text}"
    tis = wait_fast_failure(airflow, run_id)
    logs = failed_logs(airflow, run_id, tis)
    note = airflow.run(DAG_ID, run_id).get("note") or ""
    return Refusal(
        f"the log of {logs[0][0]} (first failed task)",
        logs[0][1],
        "\n".join([*(f"--- {task_id} ---\n{log}" for task_id, log in logs), f"--- note ---\n{note}"]),
        tis,
    )


# ---- the cases ------------------------------------------------------------------------------------
@pytest.mark.parametrize("attempt", [1, 2])
def test_valid_dry_run_succeeds_and_changes_nothing(airflow: AirflowServer, attempt: int) -> None:
    before = crm_digest(airflow.crm)
    run_id = trigger_ok(airflow, f"dry_run_{attempt}", {"dry_run": True})
    wait_success(airflow, run_id)
    assert_crm_unchanged(before, airflow.crm, "a dry run")
    summary = airflow.reports_dir / "retention_sweep" / safe_name(run_id) / "summary.json"
    assert summary.is_file(), f"no run summary at {summary}"
    assert json.loads(summary.read_text(encoding="utf-8"))["dry_run"] is True


@pytest.mark.parametrize("attempt", [1, 2])
def test_conf_typo_is_refused_with_the_valid_keys(
    airflow: AirflowServer, valid_keys: list[str], attempt: int
) -> None:
    before = crm_digest(airflow.crm)
    refusal = refused(airflow, f"typo_{attempt}", {"dryrun": True})
    assert state_of(refusal.tis, "plan") in (None, "upstream_failed", "skipped", "removed"), (
        f"the run with a typo was planned anyway: {AirflowServer.describe(refusal.tis)}"
    )
    message = refusal.first
    assert "dryrun" in message, f"{refusal.where} does not name the unknown key 'dryrun':\n{message[-3000:]}"
    missing = [key for key in valid_keys if key not in message]
    assert not missing, f"{refusal.where} does not list the valid keys {missing}:\n{message[-3000:]}"
    assert_crm_unchanged(before, airflow.crm, "a run with a conf typo")


@pytest.mark.parametrize("conf", [{}, {"dry_run": True}], ids=["real", "dry_run"])
def test_future_logical_date_is_refused_and_does_not_block(
    airflow: AirflowServer, conf: dict[str, Any]
) -> None:
    before = crm_digest(airflow.crm)
    today = dt.datetime.now(dt.UTC).date()
    future = today + dt.timedelta(days=30)
    refusal = refused(airflow, f"future_{'dry' if conf else 'real'}", conf, day=future)
    text = refusal.everything
    assert future.isoformat() in text, f"{refusal.where}: the date {future} is not named:\n{text[-3000:]}"
    assert today.isoformat() in text, f"{refusal.where}: today ({today}) is not named:\n{text[-3000:]}"
    assert_crm_unchanged(before, airflow.crm, "a run with a future logical date")

    # max_active_runs=1: the refused run must not hold the DAG
    after = trigger_ok(airflow, "dry_after_future", {"dry_run": True})
    wait_success(airflow, after)
    assert_crm_unchanged(before, airflow.crm, "a dry run")


@pytest.mark.parametrize("attempt", [1, 2])
def test_unknown_connection_fails_at_once_naming_it(airflow: AirflowServer, attempt: int) -> None:
    before = crm_digest(airflow.crm)
    refusal = refused(airflow, f"no_conn_{attempt}", {"crm_conn_id": "does_not_exist", "dry_run": True})
    assert "does_not_exist" in refusal.everything, (
        f"{refusal.where}: the connection 'does_not_exist' is not named:\n{refusal.everything[-3000:]}"
    )
    assert_crm_unchanged(before, airflow.crm, "a run with an unknown connection")


def test_real_run_changes_the_crm_and_writes_its_summary(airflow: AirflowServer) -> None:
    make_demo_crm(airflow.crm)  # as generated, whatever a misbehaving case before did to it
    before = crm_digest(airflow.crm)
    run_id = trigger_ok(airflow, "real", {"max_share": 0.8})
    wait_success(airflow, run_id)
    changed = changed_tables(before, crm_digest(airflow.crm))
    assert {"contacts", "interactions", "invoices"} <= set(changed), f"the real sweep changed only {changed}"
    summary_path = airflow.reports_dir / "retention_sweep" / safe_name(run_id) / "summary.json"
    assert summary_path.is_file(), (
        f"no run summary at {summary_path}; reports: {sorted(p.name for p in airflow.reports_dir.glob('*'))}"
    )
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    assert summary["status"] == "succeeded" and summary["dry_run"] is False, summary
    assert summary["rows_affected"] > 0, summary
