"""The evidence survives a crash: a sweep killed between a batch's CRM commit and its ledger record
loses nothing. On SQLite, PostgreSQL and MariaDB.

The sweep runs in a child process (``sweep_crash.py``) that kills itself with SIGKILL on the third
batch, after the CRM transaction committed and before the ledger was written. Then either a new run
on the same date (the CLI case) or a retry of the same run's tasks (the Airflow case) must leave a
ledger whose totals are the rows really changed, with every subject, an intact chain and an empty
outbox.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sweep_fixtures import DEMO_POLICY, SENT, TEST_KEY, Crm, D, Rows, Snapshot, at, changed_keys, open_crm

from crm_privacy.ledger import BatchRecord, Ledger, crm_identity
from crm_privacy.ledger.schema import batch_subjects, batches
from crm_privacy.rules.planner import Plan
from crm_privacy.sweep.job import apply_step, check_step, finish_step, open_context, totals
from crm_privacy.sweep.job import batches as batches_of
from crm_privacy.transform.keys import ENV_VAR, KeyRing

pytestmark = pytest.mark.integration

SUBJECTS = range(1, 301)  # 300 expired prospects, 50 per batch: six batches of rule R1
CRASH_AT = 3  # the third batch commits in the CRM, then the process dies
R1_TABLES = ("contacts", "interactions", "consents", "opportunities")
CRASH_SCRIPT = Path(__file__).with_name("sweep_crash.py")


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    with open_crm(scratch_url, tmp_path) as db:
        yield db


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    """The demo policy with batches of 50 subjects."""
    source = DEMO_POLICY.read_text(encoding="utf-8")
    assert source.count("batch_size: 5000") == 1
    path = tmp_path / "policy_batch_50.yaml"
    path.write_text(source.replace("batch_size: 5000", "batch_size: 50"), encoding="utf-8")
    return path


@pytest.fixture
def start(crm: Crm) -> Snapshot:
    """300 prospects expired on D (R1), and bystanders; the CRM as it was before any sweep."""
    rows = Rows()
    rows.bystanders()
    for cid in SUBJECTS:
        rows.prospect(
            cid, collected=at("2022-05-15"), events=[(at("2023-02-01"), SENT), (at("2024-02-01"), SENT)]
        )
    crm.load(rows)
    return crm.snapshot()


def crash_sweep(crm: Crm, policy: Path) -> str:
    """Run a sweep in a child process that is killed on batch ``CRASH_AT``; return the dead run's id."""
    env = {**os.environ, ENV_VAR: TEST_KEY}
    args = [str(policy), crm.url, crm.ledger_url, str(crm.workdir / "runs"), D.isoformat(), str(CRASH_AT)]
    done = subprocess.run(
        [sys.executable, str(CRASH_SCRIPT), *args], env=env, capture_output=True, timeout=600
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode(errors="replace")[-2000:]
    with opened(crm) as ledger:
        (run,) = ledger.list_runs()
    assert run["status"] == "running"  # nobody closed it: the process is gone
    return str(run["run_id"])


def opened(crm: Crm) -> Any:
    return closing(Ledger.from_url(crm.ledger_url))


def ledger_totals(ledger: Ledger, run_id: str | None = None) -> dict[str, int]:
    """Rows changed per table according to the ledger's succeeded batches (all runs, or one)."""
    query = (
        select(batches.c.table_name, func.sum(batches.c.rows_affected))
        .where(batches.c.status == "succeeded", batches.c.table_name.not_in(["*", "(notices)"]))
        .group_by(batches.c.table_name)
    )
    if run_id is not None:
        query = query.where(batches.c.run_id == run_id)
    with ledger.engine.connect() as conn:
        return {table: int(rows) for table, rows in conn.execute(query) if rows}


def ledger_subjects(ledger: Ledger) -> set[str]:
    with ledger.engine.connect() as conn:
        return set(conn.execute(select(batch_subjects.c.subject_hash).distinct()).scalars())


def outbox_rows(crm: Crm) -> int:
    with crm.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM crm_privacy_outbox")).scalar_one())


def changed_counts(start: Snapshot, crm: Crm) -> dict[str, int]:
    """Rows the sweeps really changed in the CRM (the outbox, empty or not, is not CRM data)."""
    changed = changed_keys(start, crm.snapshot())
    assert set(changed) <= {*R1_TABLES, "crm_privacy_outbox"}, set(changed)
    return {table: len(keys) for table, keys in changed.items() if table in R1_TABLES}


def assert_complete_evidence(crm: Crm, start: Snapshot) -> None:
    changed = changed_counts(start, crm)
    assert changed == {"contacts": 300, "interactions": 600, "consents": 300, "opportunities": 300}
    keyring = KeyRing(TEST_KEY)
    with opened(crm) as ledger:
        assert ledger_totals(ledger) == changed
        assert {keyring.subject_hash(cid) for cid in SUBJECTS} <= ledger_subjects(ledger)
        assert ledger.verify_chain(), ledger.audit_problems()
    assert outbox_rows(crm) == 0


def assert_crashed_after_commit(crm: Crm, start: Snapshot) -> None:
    """The dead run committed three batches in the CRM but recorded only two in the ledger."""
    assert changed_counts(start, crm)["contacts"] == 50 * CRASH_AT
    with opened(crm) as ledger:
        assert ledger_totals(ledger).get("contacts") == 50 * (CRASH_AT - 1)


def test_a_new_run_after_a_crash_completes_the_evidence(crm: Crm, policy: Path, start: Snapshot) -> None:
    dead_run = crash_sweep(crm, policy)
    assert_crashed_after_commit(crm, start)

    # The dead run's lease in the ledger would refuse a new sweep for LOCK_TTL: an operator who knows
    # the worker is gone releases it (a lock that dies with its holder makes this step unnecessary).
    with opened(crm) as ledger:
        ledger.release_lock("sweep:" + crm_identity(crm.url), dead_run)

    second = crm.sweep(policy=policy)

    assert second["status"] == "succeeded"
    assert_complete_evidence(crm, start)


def test_a_retried_run_after_a_crash_completes_the_evidence(crm: Crm, policy: Path, start: Snapshot) -> None:
    """Airflow retries the dead run's tasks under the same run id: the batch that committed is not
    applied again (nor recorded again with 0 rows); its evidence comes from the outbox."""
    dead_run = crash_sweep(crm, policy)
    assert_crashed_after_commit(crm, start)

    keyring = KeyRing(TEST_KEY)
    with opened(crm) as ledger:
        ctx = open_context(
            policy,
            crm.engine,
            crm_identity(crm.url),
            ledger,
            dead_run,
            D,
            crm.workdir / "runs" / dead_run,
            keyring,
        )
        plan = Plan.load(ctx.workdir / "plan.json")
        work = batches_of(ctx, plan)
        assert [b["rule_id"] for b in work] == ["R1"] * 6
        changes = [apply_step(ctx, plan, b["rule_id"], b["batch_no"], keyring, b["kind"]) for b in work]
        per_batch = {"contacts": 50, "interactions": 100, "consents": 50, "opportunities": 50}
        assert [{t: n for t, n in c.items() if n} for c in changes] == [per_batch] * 6
        assert check_step(ctx) == {}
        finish_step(ctx, {"tables_affected": totals(changes)}, status="succeeded")
        assert ledger_totals(ledger, dead_run) == {t: 6 * n for t, n in per_batch.items()}

    assert_complete_evidence(crm, start)


def test_batch_rows_is_what_a_retry_skips(tmp_path: Path) -> None:
    """Only a succeeded CRM batch of that run counts; its notices and a failed attempt do not."""
    ledger = Ledger.from_url(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        ledger.start_run(
            "run-1",
            job="retention_sweep",
            crm="crm",
            policy_hash="ab" * 32,
            policy_version="1",
            as_of=D,
            dry_run=False,
            params={},
        )
        now = dt.datetime.now(dt.UTC)

        def record(table: str, batch_no: int, rows: int, status: str = "succeeded") -> None:
            ledger.record_batch(
                "run-1",
                BatchRecord(batch_no, table, "R1", "apply", 5, rows, status, now, now),
            )

        record("(notices)", 0, 5)
        record("*", 1, 0, status="failed")
        record("contacts", 2, 5)
        record("interactions", 2, 9)
        record("*", 3, 0)
        assert ledger.batch_rows("run-1", "R1", 0) is None
        assert ledger.batch_rows("run-1", "R1", 1) is None
        assert ledger.batch_rows("run-1", "R1", 2) == {"contacts": 5, "interactions": 9}
        assert ledger.batch_rows("run-1", "R1", 3) == {}
        assert ledger.batch_rows("run-2", "R1", 2) is None
    finally:
        ledger.close()


def dead_run_status(crm: Crm, run_id: str) -> str:
    with opened(crm) as ledger:
        run = ledger.get_run(run_id)
    assert run is not None
    return str(run["status"])


def test_a_dry_run_closing_a_crashed_run_moves_its_evidence(crm: Crm, policy: Path, start: Snapshot) -> None:
    """A plan (dry run) that finds the killed holder closes its run and moves its committed batch."""
    dead_run = crash_sweep(crm, policy)
    assert_crashed_after_commit(crm, start)

    plan = crm.sweep(policy=policy, dry_run=True, plan_only=True)

    assert plan["status"] == "planned"
    assert dead_run_status(crm, dead_run) == "interrupted"
    with opened(crm) as ledger:
        assert ledger_totals(ledger) == changed_counts(start, crm)  # the ledger says what the CRM shows
        assert ledger.verify_chain(), ledger.audit_problems()
    assert outbox_rows(crm) == 0


def test_unlock_closing_a_crashed_run_moves_its_evidence(
    crm: Crm, policy: Path, start: Snapshot, capsys: pytest.CaptureFixture[str]
) -> None:
    from crm_privacy.cli import main

    dead_run = crash_sweep(crm, policy)
    assert_crashed_after_commit(crm, start)

    assert main(["unlock", "--crm", crm.url, "--ledger", crm.ledger_url]) == 0, capsys.readouterr().err

    assert dead_run_status(crm, dead_run) == "interrupted"
    with opened(crm) as ledger:
        assert ledger_totals(ledger) == changed_counts(start, crm)
        assert ledger.verify_chain(), ledger.audit_problems()
    assert outbox_rows(crm) == 0
