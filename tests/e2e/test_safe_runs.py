"""Issue 9 through `airflow dags test`: triggers that cannot surprise, failures that explain themselves.

A typo in the conf, a future or too early run date, an unknown connection, a policy outside the policy
directory: refused in the first task (or by the timetable, before any run exists), at once, without
retry, nothing planned or changed, the reason in the log and the summary. A dry run says so first,
reports the guard's verdict and no check. Mapped apply tasks carry their rule and batch as label.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
RUN_DATE = "2025-06-30"
SWEEP_KEYS = ["as_of", "crm_conn_id", "dry_run", "ledger_conn_id", "max_share", "policy", "simulate_future"]


def checksum(db: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def dags_test(
    demo: dict[str, object], conf: dict[str, Any], day: str = RUN_DATE, env: dict[str, str] | None = None
) -> tuple[int, str, dict[str, Any] | None, str | None]:
    """Run the sweep once; (exit status, log, the new summary or None, the run id or None)."""
    reports = Path(str(demo["home"])) / "reports"
    before = set(reports.glob("retention_sweep/*/summary.json"))
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", "crm_retention_sweep", day, "-c", json.dumps(conf)],
        env=env or demo["env"],  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    new = set(reports.glob("retention_sweep/*/summary.json")) - before
    assert len(new) <= 1, log[-3000:]
    summary = json.loads(new.pop().read_text(encoding="utf-8")) if new else None
    return proc.returncode, log, summary, None if summary is None else str(summary["run_id"])


def task_instances(demo: dict[str, object], run_id: str) -> dict[str, tuple[str, int, str | None]]:
    """task id (with [map index]) -> (state, try number, rendered label), from Airflow's database."""
    with sqlite3.connect(Path(str(demo["home"])) / "airflow.db") as conn:
        rows = conn.execute(
            "SELECT task_id, map_index, state, try_number, rendered_map_index FROM task_instance WHERE run_id = ?",
            (run_id,),
        ).fetchall()
    return {(t if m < 0 else f"{t}[{m}]"): (s, n, label) for t, m, s, n, label in rows}


def our_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "[crm_privacy." in line]


def assert_refused_at_once(
    demo: dict[str, object], log: str, summary: dict[str, Any] | None, step: str
) -> None:
    assert "state=failed" in log, log[-3000:]
    assert summary is not None and summary["status"] == "failed", summary
    assert summary["error"]["step"] == step, summary["error"]
    tis = task_instances(demo, summary["run_id"])
    assert tis[step][0] == "failed" and all(tries <= 1 for _, tries, _ in tis.values()), tis
    assert "up_for_retry" not in log
    assert f"{step} failed and will not be retried" in log
    assert tis.get("plan", ("",))[0] != "success", "refused, yet planned"


def test_a_conf_typo_is_refused_before_anything_is_planned(demo: dict[str, object]) -> None:
    crm = Path(str(demo["crm"]))
    before = checksum(crm)
    _, log, summary, _ = dags_test(demo, {"dryrun": True})
    assert_refused_at_once(demo, log, summary, "configure")
    assert summary is not None
    message = summary["error"]["message"]
    assert "'dryrun'" in message and "did you mean dry_run?" in message
    assert all(key in message for key in SWEEP_KEYS), message
    assert summary["guard"]["verdict"] == "not run" and summary["check"] == "not run"
    assert checksum(crm) == before


def test_a_dry_run_says_so_first_and_reports_the_guard_verdict_not_a_check(demo: dict[str, object]) -> None:
    crm = Path(str(demo["crm"]))
    before = checksum(crm)
    code, log, summary, run_id = dags_test(demo, {"dry_run": True})  # the policy's max_share: 50%
    assert code == 0 and "state=success" in log, log[-3000:]
    assert summary is not None and run_id is not None
    assert our_lines(log)[0].split("[crm_privacy.")[0].rstrip().endswith("DRY RUN: nothing will be changed")
    assert summary["status"] == "planned" and summary["rows_planned"] > 0
    assert summary["guard"]["verdict"] == "refused" and "more than 50%" in summary["guard"]["reason"]
    assert "the guard would REFUSE this plan in a real run" in log
    assert summary["check"] == "not run" and "rows_left" not in summary
    assert checksum(crm) == before
    assert not (Path(str(demo["home"])) / "work" / run_id.replace(":", "_").replace("+", "_")).exists()


@pytest.mark.parametrize(
    ("conf", "fragment"),
    [
        ({"as_of": "2030-01-01"}, "a real run cannot treat data as of a future date"),
        ({"as_of": "2030-01-01", "dry_run": True}, "set simulate_future to true"),
        ({"as_of": RUN_DATE, "simulate_future": True}, "simulate_future is for dry runs only"),
    ],
    ids=["real", "dry-without-simulate", "simulate-a-real-run"],
)
def test_a_future_run_date_is_refused(demo: dict[str, object], conf: dict[str, Any], fragment: str) -> None:
    _, log, summary, _ = dags_test(demo, conf)
    assert_refused_at_once(demo, log, summary, "configure")
    assert summary is not None and fragment in summary["error"]["message"]
    if "2030" in json.dumps(conf):
        today = dt.datetime.now(dt.UTC).date().isoformat()
        assert "2030-01-01" in summary["error"]["message"] and today in summary["error"]["message"]


def test_a_dry_run_simulates_a_future_date_when_asked(demo: dict[str, object]) -> None:
    crm = Path(str(demo["crm"]))
    before = checksum(crm)
    conf = {"as_of": "2030-01-01", "dry_run": True, "simulate_future": True}
    code, log, summary, _ = dags_test(demo, conf)
    assert code == 0 and "state=success" in log, log[-3000:]
    assert summary is not None and summary["status"] == "planned" and summary["as_of"] == "2030-01-01"
    assert "in the future" in summary["simulation"] and "SIMULATION: run date 2030-01-01" in log
    assert checksum(crm) == before


@pytest.mark.parametrize(
    ("day", "fragment"),
    [("2030-01-01", "is in the future"), ("2024-06-30", "before the DAG's start_date 2025-01-01")],
)
def test_a_logical_date_no_run_can_use_is_refused_by_the_timetable(
    demo: dict[str, object], day: str, fragment: str
) -> None:
    """Airflow would never start a future-dated run (and it would block later ones), and would create
    no task before the start date: the trigger itself is refused (the REST API answers 400)."""
    code, log, summary, _ = dags_test(demo, {"dry_run": True}, day=day)
    assert code != 0 and summary is None
    assert "RunDateRefused" in log and fragment in log and day in log
    if "future" in fragment:
        assert dt.datetime.now(dt.UTC).date().isoformat() in log and "simulate_future" in log


def test_an_unknown_connection_fails_at_once_naming_it(demo: dict[str, object]) -> None:
    _, log, summary, _ = dags_test(demo, {"crm_conn_id": "does_not_exist", "dry_run": True})
    assert_refused_at_once(demo, log, summary, "configure")
    assert (
        summary is not None
        and "'does_not_exist' (crm_conn_id param) is not defined" in summary["error"]["message"]
    )


@pytest.mark.parametrize("policy", ["/etc/passwd", "../../../etc/hosts.yaml", "/tmp/elsewhere/policy.yaml"])
def test_a_policy_outside_the_policy_directory_is_refused_by_name(
    demo: dict[str, object], policy: str
) -> None:
    _, log, summary, _ = dags_test(demo, {"policy": policy, "dry_run": True})
    assert_refused_at_once(demo, log, summary, "configure")
    assert summary is not None and f"policy {policy!r} refused" in summary["error"]["message"]


def test_a_plan_error_fails_at_once_and_reaches_summary_and_ledger(
    demo: dict[str, object], tmp_path: Path
) -> None:
    """A broken policy in the policy directory: plan fails without retry, finish explains it."""
    policies = tmp_path / "policies"
    policies.mkdir()
    demo_policy = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"
    text = demo_policy.read_text(encoding="utf-8").replace(
        "column: last_login_at}", "column: last_login_typo}"
    )
    assert "last_login_typo" in text
    (policies / "broken.yaml").write_text(text, encoding="utf-8")
    env = {**demo["env"], "CRM_PRIVACY_POLICY_DIR": str(policies)}  # type: ignore[dict-item]
    _, log, summary, _ = dags_test(demo, {"policy": "broken.yaml", "dry_run": True}, env=env)
    assert_refused_at_once(demo, log, summary, "plan")
    assert summary is not None and summary["error"]["type"] == "PolicyError"
    assert "last_login_typo" in summary["error"]["message"]
    assert "Traceback" not in summary["error"]["message"]


def test_a_run_date_before_any_expiry_is_explained(demo: dict[str, object]) -> None:
    code, log, summary, _ = dags_test(demo, {"as_of": "1990-01-01", "dry_run": True})
    assert code == 0 and "state=success" in log, log[-3000:]
    assert summary is not None and summary["rows_planned"] == 0
    reason = summary["nothing_due"]["reason"]
    assert "no subject can be past its period yet" in reason and "1990-01-01" in reason
    assert summary["nothing_due"]["first_possible_expiry"] > "1990-01-01"
    assert "no subject can be past its period yet" in log


def test_real_run_labels_its_batches_and_removes_its_work_directory(demo: dict[str, object]) -> None:
    code, log, summary, run_id = dags_test(demo, {"max_share": 0.8})
    assert code == 0 and "state=success" in log, log[-3000:]
    assert summary is not None and run_id is not None and summary["status"] == "succeeded"
    assert (
        summary["guard"]["verdict"] == "passed"
        and summary["check"] == "passed"
        and summary["post_check"]["rows_left"] == 0
        and summary["validation"]["passed"] is True
    )
    labels = sorted(
        label for task, (_, _, label) in task_instances(demo, run_id).items() if task.startswith("apply[")
    )
    assert labels and all(label and label.split()[0] in {"R1", "R2", "R3", "R4", "C1"} for label in labels), (
        labels
    )
    assert "R1 batch 1/1" in labels, labels
    work = Path(str(demo["home"])) / "work"
    assert not any(work.iterdir()), f"work files left behind: {list(work.iterdir())}"
