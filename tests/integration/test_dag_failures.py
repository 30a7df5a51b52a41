"""Issue 9, point 4: the DAG's tasks fail in a way that explains itself, on SQLite, PostgreSQL, MariaDB.

The task functions run as the DAG runs them (Airflow connections from the environment), without a
scheduler: a batch failure carries its cause and says whether a retry helps; ``finish`` never crashes
on a missing upstream value and puts the failed step's cause in the summary and the ledger; a run
taken over by another stays ``interrupted``; the run's work directory goes when the run ended well.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sweep_fixtures import DEMO_POLICY, SENT, TEST_KEY, Crm, D, Rows, airflow_connection, at, open_crm

from crm_privacy.errors import BatchFailed, ConnectionFailed, PolicyError
from crm_privacy.failures import failure
from crm_privacy.ledger import Ledger
from crm_privacy.ledger.schema import batches as batches_table
from crm_privacy.sweep import tasks

pytestmark = pytest.mark.integration

CRM_CONN, LEDGER_CONN = "crm_fail_test", "ledger_fail_test"
DAG_RUN = "manual__2025-06-30T00:00:00+00:00"
ROLE_ERROR = (
    "tables.invoices.archive.reader_role: role 'crm_archive_reader' does not exist on the CRM server; "
    "create it (it is the only role allowed to read the archive)"
)


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    with open_crm(scratch_url, tmp_path) as db:
        rows = Rows()
        rows.bystanders()
        for cid in (1, 2):  # expired on D: the sweep has work to do
            rows.prospect(
                cid, collected=at("2022-05-15"), events=[(at("2023-02-01"), SENT), (at("2024-02-01"), SENT)]
            )
        db.load(rows)
        yield db


@pytest.fixture
def dag_conf(crm: Crm, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv(f"AIRFLOW_CONN_{CRM_CONN.upper()}", airflow_connection(crm.url))
    monkeypatch.setenv(f"AIRFLOW_CONN_{LEDGER_CONN.upper()}", airflow_connection(crm.ledger_url))
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY", TEST_KEY)
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(crm.workdir / "dag"))
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(crm.workdir / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_POLICY_DIR", str(DEMO_POLICY.parent))
    params = {
        "policy": str(DEMO_POLICY),
        "crm_conn_id": CRM_CONN,
        "ledger_conn_id": LEDGER_CONN,
        "dry_run": False,
        "max_share": 1.0,
        "as_of": D.isoformat(),
    }
    return tasks.make_conf(params, DAG_RUN, None)


def ledger_run(crm: Crm, run_id: str = DAG_RUN) -> dict[str, Any]:
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        run = ledger.get_run(run_id)
        assert run is not None, f"the ledger has no run {run_id}"
        return run
    finally:
        ledger.close()


def summary_of(crm: Crm, run_id: str = DAG_RUN) -> dict[str, Any]:
    path = crm.workdir / "reports" / "retention_sweep" / tasks.safe_name(run_id) / "summary.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def work_dir(crm: Crm, run_id: str = DAG_RUN) -> Path:
    return crm.workdir / "dag" / tasks.safe_name(run_id)


def test_a_batch_failure_carries_its_cause_and_fails_at_once(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    import crm_privacy.sweep.job as job

    planned = tasks.plan(dag_conf)
    work = tasks.guard(dag_conf, planned)
    first = next(b for b in work if b["kind"] == "apply")

    def no_role(*args: Any, **kwargs: Any) -> None:
        raise PolicyError(ROLE_ERROR)

    monkeypatch.setattr(job, "apply_batch", no_role)
    with pytest.raises(AirflowFailException) as failed:
        tasks.apply(dag_conf, planned, first)
    message = str(failed.value)
    assert message.startswith("BatchFailed: batch 1 of rule")
    assert ROLE_ERROR in message and "a retry cannot fix this" in message
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        with ledger.engine.connect() as conn:
            errors = list(
                conn.execute(select(batches_table.c.error).where(batches_table.c.status == "failed"))
            )
    finally:
        ledger.close()
    assert errors and ROLE_ERROR in errors[0][0]

    # the cause, in finish: summary and ledger; the work directory kept for a retry
    found = failure("apply", BatchFailed(message.split(": ", 1)[1], permanent=True))
    tasks.finish(dag_conf, planned, None, failed=True, errors=[found])
    summary = summary_of(crm)
    assert summary["status"] == "failed"
    assert summary["error"]["step"] == "apply" and ROLE_ERROR in summary["error"]["message"]
    assert summary["check"] == "not run" and "post_check" not in summary
    assert summary["validation"] == {
        "passed": None,
        "status": "not run",
        "reason": "the run stopped before its validation",
    }
    run = ledger_run(crm)
    assert (
        run["status"] == "failed"
        and ROLE_ERROR in run["error"]
        and run["error"].startswith("apply: BatchFailed")
    )
    assert work_dir(crm).is_dir(), "a failed run keeps its plan for the retry"


def test_a_transient_batch_failure_is_left_to_retries(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.sdk.exceptions import AirflowFailException
    from sqlalchemy.exc import OperationalError

    import crm_privacy.sweep.job as job

    planned = tasks.plan(dag_conf)
    first = next(b for b in tasks.guard(dag_conf, planned) if b["kind"] == "apply")

    def server_gone(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("UPDATE contacts", {}, sqlite3.OperationalError("database is locked"))

    with monkeypatch.context() as patch, pytest.raises(BatchFailed) as failed:
        patch.setattr(job, "apply_batch", server_gone)
        tasks.apply(dag_conf, planned, first)
    assert not isinstance(failed.value, AirflowFailException) and not failed.value.permanent
    assert "database is locked" in str(failed.value) and "may fix itself" in str(failed.value)
    assert tasks.apply(dag_conf, planned, first)  # the retry, the database back: the batch goes through


def test_finish_survives_a_failed_plan_and_records_why(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    import crm_privacy.sweep.job as job

    def broken(*args: Any, **kwargs: Any) -> None:
        raise PolicyError("demo_crm.yaml: rules.R1.clock: column 'last_seen' is not in table contacts")

    with monkeypatch.context() as patch, pytest.raises(AirflowFailException, match="last_seen") as failed:
        patch.setattr(job, "make_plan", broken)
        tasks.plan(dag_conf)
    found = failure("plan", PolicyError(str(failed.value).split(": ", 1)[1]))
    path = tasks.finish(dag_conf, None, None, failed=True, errors=[found])  # planned is None: no TypeError
    summary = json.loads(Path(path).read_text(encoding="utf-8"))
    assert summary["status"] == "failed" and summary["error"]["step"] == "plan"
    assert summary["error"]["type"] == "PolicyError" and "last_seen" in summary["error"]["message"]
    assert summary["guard"]["verdict"] == "not run" and summary["check"] == "not run"
    run = ledger_run(crm)
    assert (
        run["status"] == "failed"
        and run["error"].startswith("plan: PolicyError:")
        and "last_seen" in run["error"]
    )


def test_finish_records_a_run_that_never_got_the_lock(crm: Crm, dag_conf: dict[str, Any]) -> None:
    from test_sweep_lock import hold, let_go

    from crm_privacy.crm.lock import LockBusy
    from crm_privacy.ledger import crm_identity

    holder = hold(crm, crm.url, crm_identity(crm.url), "cli-holder")
    try:
        with pytest.raises(LockBusy, match="cli-holder") as busy:  # transient: Airflow retries it
            tasks.plan(dag_conf)
        tasks.finish(dag_conf, None, None, failed=True, errors=[failure("plan", busy.value)])
    finally:
        let_go(holder)
    run = ledger_run(crm)
    assert run["status"] == "failed" and run["error"].startswith(
        "plan: LockBusy: the CRM is locked by run cli-holder"
    )
    assert summary_of(crm)["error"]["type"] == "LockBusy"


def test_finish_without_any_upstream_value_writes_the_summary(crm: Crm, dag_conf: dict[str, Any]) -> None:
    """configure failed: no conf, nothing else either."""
    found = failure("configure", PolicyError("x"))
    path = tasks.finish(None, None, None, failed=True, run_id="manual__typo", errors=[found])
    summary = json.loads(Path(path).read_text(encoding="utf-8"))
    assert summary["status"] == "failed" and summary["dry_run"] is None
    assert summary["error"] == {"step": "configure", "type": "PolicyError", "message": "x"}
    assert summary["ledger"].startswith("not updated")


def test_an_interrupted_run_stays_interrupted_after_its_finish(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from airflow.sdk.exceptions import AirflowFailException
    from test_sweep_lock import age_heartbeat, sweep

    monkeypatch.setenv("CRM_PRIVACY_LOCK_GRACE_MINUTES", "5")
    planned = tasks.plan(dag_conf)
    work = tasks.guard(dag_conf, planned)
    age_heartbeat(crm, 6)  # the DAG run looks dead: a CLI sweep takes its lock over
    assert sweep(crm, crm.url)["status"] == "succeeded"
    assert ledger_run(crm)["status"] == "interrupted"
    with pytest.raises(AirflowFailException, match="no longer holds the lock") as lost:
        tasks.apply(dag_conf, planned, work[0])
    found = failure("apply", Exception(str(lost.value)))
    tasks.finish(dag_conf, planned, None, failed=True, errors=[found])
    run = ledger_run(crm)
    assert run["status"] == "interrupted", "finish turned an interrupted run into " + run["status"]
    assert run["error"].startswith("interrupted:")
    assert summary_of(crm)["status"] == "interrupted"


def test_a_run_that_ended_well_removes_its_work_directory(crm: Crm, dag_conf: dict[str, Any]) -> None:
    planned = tasks.plan(dag_conf)
    assert work_dir(crm).is_dir() and (work_dir(crm) / "plan.json").is_file()
    changes = [tasks.apply(dag_conf, planned, b) for b in tasks.guard(dag_conf, planned)]
    checked = tasks.check(dag_conf, planned, changes)
    assert checked["check"] == "passed" and checked["post_check"]["rows_left"] == 0
    assert checked["validation"]["passed"] is True and not checked["validation"]["failed"]
    tasks.finish(dag_conf, planned, checked, failed=False)
    assert not work_dir(crm).exists()
    assert summary_of(crm)["status"] == "succeeded"
    assert ledger_run(crm)["status"] == "succeeded"


def test_a_dry_run_reports_the_guard_verdict_and_no_check(crm: Crm, dag_conf: dict[str, Any]) -> None:
    conf = {**dag_conf, "dry_run": True, "max_share": 0.0001}
    planned = tasks.plan(conf)
    assert tasks.guard(conf, planned) == []  # a dry run applies nothing, refused or not
    checked = tasks.check(conf, planned, [])
    assert checked["check"] == "not run" and checked["validation"]["status"] == "not run"
    assert checked["rows_affected"] == 0 and checked["tables_affected"] == {}
    verdict = {"verdict": "refused", "reason": "the plan touches more than 0% of table(s) contacts: 50.0%"}
    tasks.finish(conf, planned, checked, failed=False, guard=verdict)
    summary = summary_of(crm)
    assert summary["status"] == "planned" and summary["guard"] == verdict
    assert summary["check"] == "not run" and "post_check" not in summary
    assert summary["validation"] == {
        "passed": None,
        "status": "not run",
        "reason": "a dry run changes nothing: nothing to validate",
    }
    assert ledger_run(crm)["status"] == "planned"
    assert dt.date.fromisoformat(summary["as_of"]) == D


def test_finish_records_the_failure_in_the_ledger_when_the_crm_is_down(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CRM server is down for good (retries exhausted): finish cannot build the run's context,
    and still records the run and its cause in the ledger, which is up."""
    down = json.dumps(
        {"conn_type": "postgres", "host": "127.0.0.1", "port": 1, "login": "x", "schema": "crm"}
    )
    monkeypatch.setenv(f"AIRFLOW_CONN_{CRM_CONN.upper()}", down)
    with pytest.raises(Exception) as failed:
        tasks.plan(dag_conf)
    found = failure("plan", failed.value)
    assert not found.permanent  # a server that is down may come back: Airflow retries
    with pytest.raises(ConnectionFailed):  # finish is retried too, once the failure is recorded
        tasks.finish(dag_conf, None, None, failed=True, errors=[found])
    summary = summary_of(crm)
    assert summary["status"] == "failed" and summary["ledger"].startswith("recorded without the CRM")
    run = ledger_run(crm)
    assert run["status"] == "failed" and run["error"].startswith("plan: "), run["error"]
    assert run["error"] == found.text()
