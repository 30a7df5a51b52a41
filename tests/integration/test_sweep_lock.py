"""The sweep's lock lives in the CRM itself (issue 7, points 8 and 9), on SQLite, PostgreSQL and MariaDB.

Two URLs of one database, or the CLI beside the DAG, meet the same lock; a holder killed with -9 frees
it at once and its run ends ``interrupted``; an Airflow run's lock lives while it heartbeats and is
taken over after its grace; ``crm-privacy unlock`` frees a dead holder's lock, never a live one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url
from sweep_fixtures import DEMO_POLICY, SENT, TEST_KEY, Crm, D, Rows, airflow_connection, at, open_crm

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine
from crm_privacy.errors import GuardRefused
from crm_privacy.ledger import Ledger, crm_identity
from crm_privacy.sweep import tasks
from crm_privacy.sweep.job import SweepContext, finish_step, open_context, plan_step
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.transform.keys import KeyRing

pytestmark = pytest.mark.integration

CRM_CONN, LEDGER_CONN = "crm_lock_test", "ledger_lock_test"
DAG_RUN = "manual__2025-06-30T00:00:00+00:00"

# A CLI sweep that blocks inside its first batch (after planning, holding the lock) until killed.
BLOCKING_SWEEP = """
import pathlib, sys, time
import crm_privacy.sweep.job as job

def blocked(*args, **kwargs):
    pathlib.Path(sys.argv[1]).write_text("in a batch")
    time.sleep(600)
    raise SystemExit("not killed")

job.apply_batch = blocked
from crm_privacy.cli import main
sys.exit(main(sys.argv[2:]))
"""


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


def other_url(crm: Crm) -> str:
    """Another URL of the same database: ``localhost`` for ``127.0.0.1``; for SQLite a symlink."""
    url = make_url(crm.url)
    if url.get_backend_name() == "sqlite":
        link = crm.workdir / "elsewhere" / "same-crm.db"
        if not link.is_symlink():
            link.parent.mkdir(exist_ok=True)
            link.symlink_to(str(url.database))
        return f"sqlite:///{link}"
    assert url.host == "127.0.0.1", "the test servers are configured on 127.0.0.1"
    return url.set(host="localhost").render_as_string(hide_password=False)


def sweep(crm: Crm, url: str, **options: Any) -> dict[str, Any]:
    return run_sweep(
        policy=DEMO_POLICY,
        crm_url=url,
        ledger_url=crm.ledger_url,
        as_of=D,
        dry_run=False,
        max_share=1.0,
        keyring=KeyRing(TEST_KEY),
        workdir=crm.workdir / "runs",
        **options,
    )


def hold(crm: Crm, url: str, name: str, run_id: str) -> SweepContext:
    """Start a CLI-style run and stop between plan and apply: it holds the lock."""
    ctx = open_context(
        DEMO_POLICY,
        make_engine(url),
        name,
        Ledger.from_url(crm.ledger_url),
        run_id,
        D,
        crm.workdir / run_id,
        KeyRing(TEST_KEY),
    )
    plan_step(ctx, dry_run=False, params={})
    return ctx


def let_go(ctx: SweepContext) -> None:
    finish_step(ctx, {}, status="failed", error="test: stopped between plan and apply")
    ctx.binding.engine.dispose()
    ctx.ledger.close()


def runs_by_id(crm: Crm) -> dict[str, dict[str, Any]]:
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        return {run["run_id"]: run for run in ledger.list_runs()}
    finally:
        ledger.close()


def killed_sweep(crm: Crm, url: str) -> str:
    """Run a CLI sweep in a subprocess, SIGKILL it while it holds the lock; return its run id."""
    script, marker = crm.workdir / "blocking_sweep.py", crm.workdir / "in_batch"
    script.write_text(BLOCKING_SWEEP, encoding="utf-8")
    before = set(runs_by_id(crm))
    args = ["sweep", "--policy", str(DEMO_POLICY), "--crm", url, "--ledger", crm.ledger_url]
    args += ["--as-of", D.isoformat(), "--max-share", "1", "--workdir", str(crm.workdir / "killed")]
    proc = subprocess.Popen(
        [sys.executable, str(script), str(marker), *args],
        env={**os.environ, "CRM_PRIVACY_HMAC_KEY": TEST_KEY},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the blocking sweep ended before its first batch: {out[-2000:]} {err[-2000:]}")
        assert time.monotonic() < deadline, "the blocking sweep never reached its first batch"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    (run_id,) = set(runs_by_id(crm)) - before
    assert runs_by_id(crm)[run_id]["status"] == "running"  # what a kill -9 leaves behind
    return run_id


@pytest.fixture
def dag_conf(crm: Crm, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The DAG's run settings, with the CRM and the ledger as Airflow connections (env variables)."""
    monkeypatch.setenv(f"AIRFLOW_CONN_{CRM_CONN.upper()}", airflow_connection(crm.url))
    monkeypatch.setenv(f"AIRFLOW_CONN_{LEDGER_CONN.upper()}", airflow_connection(crm.ledger_url))
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY", TEST_KEY)
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(crm.workdir / "dag"))
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(crm.workdir / "reports"))
    params = {
        "policy": str(DEMO_POLICY),
        "crm_conn_id": CRM_CONN,
        "ledger_conn_id": LEDGER_CONN,
        "dry_run": False,
        "max_share": 1.0,
        "as_of": D.isoformat(),
    }
    return tasks.make_conf(params, DAG_RUN, None)


def finish_dag_run(conf: dict[str, Any], planned: dict[str, Any]) -> None:
    batches = tasks.guard(conf, planned)
    changes = [tasks.apply(conf, planned, batch) for batch in batches]
    checked = tasks.check(conf, planned, changes)
    tasks.finish(conf, planned, checked, failed=False)


def age_heartbeat(crm: Crm, minutes: float) -> None:
    """As if the holder had last heartbeaten ``minutes`` ago."""
    from sqlalchemy import update

    from crm_privacy.crm.lock import lock_table

    with crm.engine.begin() as conn:
        conn.execute(
            update(lock_table).values(heartbeat_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes))
        )


def names_holder(message: str, run_id: str) -> None:
    assert run_id in message
    assert socket.gethostname() in message and f"pid {os.getpid()}" in message
    assert "since" in message and "heartbeat" in message


# -- (a) two URLs of one database ---------------------------------------------------------------------


def test_two_urls_of_one_database_meet_the_same_lock(crm: Crm) -> None:
    second = other_url(crm)
    assert crm_identity(second) != crm_identity(crm.url)  # what the old, name-based lock relied on
    start = crm.checksum()
    holder = hold(crm, crm.url, crm_identity(crm.url), "holder-a")
    try:
        with pytest.raises(GuardRefused, match="locked") as refusal:
            sweep(crm, second)
        names_holder(str(refusal.value), "holder-a")
        assert "process" in str(refusal.value)  # how it frees: when the holder's process ends
        assert crm.checksum() == start
    finally:
        let_go(holder)
    assert sweep(crm, second)["status"] == "succeeded"


# -- (b) the CLI beside the DAG -------------------------------------------------------------------------


def test_the_cli_and_the_dag_meet_the_same_lock(crm: Crm, dag_conf: dict[str, Any]) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    start = crm.checksum()
    planned = tasks.plan(dag_conf)  # the DAG run holds the lock (its crm name is a connection id)

    with pytest.raises(GuardRefused, match="locked") as refusal:
        sweep(crm, crm.url)
    names_holder(str(refusal.value), DAG_RUN)
    assert crm.checksum() == start

    finish_dag_run(dag_conf, planned)
    assert runs_by_id(crm)[DAG_RUN]["status"] == "succeeded"
    assert sweep(crm, crm.url)["rows_affected"] == 0  # the lock is free; the DAG did the work

    holder = hold(crm, crm.url, crm_identity(crm.url), "cli-holder")
    try:
        again = tasks.make_conf({**dag_conf, "dry_run": False}, DAG_RUN + "_2", None)
        # a lock held by another run frees when that run ends: Airflow retries (with backoff)
        with pytest.raises(GuardRefused, match="cli-holder") as busy:
            tasks.plan(again)
        assert not isinstance(busy.value, AirflowFailException)
    finally:
        let_go(holder)


# -- (c) kill -9 ------------------------------------------------------------------------------------------


def test_a_killed_cli_sweep_frees_the_crm_at_once_and_ends_interrupted(
    crm: Crm, capsys: pytest.CaptureFixture[str]
) -> None:
    killed = killed_sweep(crm, crm.url)

    started = time.monotonic()
    result = sweep(crm, crm.url)
    assert result["status"] == "succeeded" and result["rows_affected"] > 0
    assert time.monotonic() - started < 120  # not the hours of a lease

    assert runs_by_id(crm)[killed]["status"] == "interrupted"
    capsys.readouterr()
    assert main(["runs", "--ledger", crm.ledger_url, "--json"]) == 0
    listed = {run["run_id"]: run for run in json.loads(capsys.readouterr().out)}
    assert listed[killed]["status"] == "interrupted"
    assert listed[result["run_id"]]["status"] == "succeeded"
    assert set(listed[killed]) >= {"job", "crm", "as_of", "started_at", "finished_at", "dry_run", "error"}
    assert main(["runs", "--ledger", crm.ledger_url, "--job", "retention_sweep", "--limit", "1"]) == 0
    table = capsys.readouterr().out
    assert result["run_id"] in table and killed not in table


# -- (d) crm-privacy unlock -----------------------------------------------------------------------------


def test_unlock_refuses_a_live_holder_and_frees_a_dead_one(
    crm: Crm, capsys: pytest.CaptureFixture[str]
) -> None:
    unlock = ["unlock", "--crm", crm.url, "--ledger", crm.ledger_url]
    assert main(unlock) == 0  # nothing to free
    capsys.readouterr()

    holder = hold(crm, other_url(crm), "live-holder", "live-holder")
    try:
        assert main(unlock) == 2
        names_holder(capsys.readouterr().err, "live-holder")
        with pytest.raises(GuardRefused, match="live-holder"):  # still locked
            sweep(crm, crm.url)
    finally:
        let_go(holder)

    killed = killed_sweep(crm, other_url(crm))
    assert main(unlock) == 0
    out = capsys.readouterr().out
    assert killed in out and "interrupted" in out
    assert runs_by_id(crm)[killed]["status"] == "interrupted"
    assert main(unlock) == 0  # nothing left to free
    assert sweep(crm, crm.url)["status"] == "succeeded"


# -- (e) an Airflow run's grace -----------------------------------------------------------------------------


def test_an_airflow_holder_is_taken_over_after_its_grace_and_not_before(
    crm: Crm, dag_conf: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from airflow.sdk.exceptions import AirflowFailException

    monkeypatch.setenv("CRM_PRIVACY_LOCK_GRACE_MINUTES", "45")
    start = crm.checksum()
    planned = tasks.plan(dag_conf)  # then the DAG run's tasks stop: no heartbeat any more

    with pytest.raises(GuardRefused, match="locked") as refusal:
        sweep(crm, crm.url)
    message = str(refusal.value)
    names_holder(message, DAG_RUN)
    assert "45 min" in message and "unlock" in message  # when and how it frees

    age_heartbeat(crm, 44)  # within grace: still alive
    with pytest.raises(GuardRefused, match="locked"):
        sweep(crm, crm.url)
    capsys.readouterr()
    assert main(["unlock", "--crm", crm.url, "--ledger", crm.ledger_url]) == 2
    assert DAG_RUN in capsys.readouterr().err
    assert crm.checksum() == start

    batches = tasks.guard(dag_conf, planned)  # a task renews the heartbeat when it starts
    age_heartbeat(crm, 10)
    with pytest.raises(GuardRefused, match="locked"):
        sweep(crm, crm.url)

    age_heartbeat(crm, 46)  # past grace: the holder is dead, taken over
    result = sweep(crm, crm.url)
    assert result["status"] == "succeeded" and result["rows_affected"] > 0
    assert runs_by_id(crm)[DAG_RUN]["status"] == "interrupted"

    with pytest.raises(AirflowFailException, match="no longer holds the lock"):
        tasks.apply(dag_conf, planned, batches[0])  # the late task must not touch the CRM
