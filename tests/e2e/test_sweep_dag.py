"""The retention sweep DAG run for real by Airflow (`airflow dags test`) on a generated demo CRM.

Dry run first (nothing changes, same counts), then the real sweep (rows change, the post-check
finds nothing left, no personal value in the summary or the task logs), then again (nothing to do),
then a plan over the blast-radius limit (the run fails and nothing changes).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
RUN_DATE = "2025-06-30"


def _checksum(db: Path) -> str:
    """A digest of every row of every CRM table (the ledger is a separate file)."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _run(demo: dict[str, object], conf: dict[str, object]) -> tuple[str, dict[str, object]]:
    env = demo["env"]
    assert isinstance(env, dict)
    before = set((Path(str(demo["home"])) / "reports").glob("retention_sweep/*/summary.json"))
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", "crm_retention_sweep", RUN_DATE, "-c", json.dumps(conf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    after = set((Path(str(demo["home"])) / "reports").glob("retention_sweep/*/summary.json")) - before
    assert len(after) == 1, log[-3000:]
    return log, json.loads(after.pop().read_text(encoding="utf-8"))


def test_dry_run_then_real_then_nothing_left(demo: dict[str, object]) -> None:
    crm = Path(str(demo["crm"]))
    before = _checksum(crm)

    log, dry = _run(demo, {"dry_run": True, "max_share": 0.8})
    assert "state=success" in log
    assert dry["status"] == "planned" and dry["rows_planned"] > 0
    assert dry["guard"]["verdict"] == "passed" and dry["check"] == "not run" and "post_check" not in dry
    assert dry["validation"]["status"] == "not run"
    assert _checksum(crm) == before, "a dry run changed the CRM"

    log, real = _run(demo, {"max_share": 0.8})
    assert "state=success" in log, log[-3000:]
    assert real["status"] == "succeeded"
    assert real["rows_planned"] == dry["rows_planned"], "the dry run and the real run must plan the same"
    assert real["rows_affected"] > 0 and real["post_check"]["rows_left"] == 0
    # the run ends with a passing validation gate, its Data Docs next to the summary
    gate = real["validation"]
    assert gate["passed"] is True and gate["failed"] == [], gate
    assert gate["expectations"] == sum(k["expectations"] for k in gate["by_kind"].values())
    # one check per rule at least: R1-R4 (retention), C1 (consent)
    assert (
        gate["by_kind"]["retention"]["expectations"] >= 4 and gate["by_kind"]["consent"]["expectations"] >= 1
    )
    assert {"retention", "consent", "treated", "free_text", "integrity", "archive", "replan"} <= set(
        gate["by_kind"]
    )
    docs = Path(gate["data_docs"])
    assert docs.is_file() and docs.is_relative_to(Path(str(demo["home"])) / "reports")
    docs_text = "".join(
        f.read_text(encoding="utf-8", errors="replace") for f in docs.parent.rglob("*") if f.is_file()
    )
    assert (
        "pas de personne concernée qui garde des données dans le périmètre de la règle" in docs_text
    )  # a result page
    assert "validation gate passed" in log
    assert _checksum(crm) != before
    with sqlite3.connect(crm) as conn:
        anonymised = conn.execute("SELECT count(*) FROM contacts WHERE anonymised_at IS NOT NULL").fetchone()[
            0
        ]
        archived = conn.execute("SELECT count(*) FROM invoices_archive").fetchone()[0]
    r1 = next(r for r in real["rules"] if r["rule_id"] == "R1")
    assert anonymised == r1["subjects"] > 0
    assert archived > 0

    summary_text = json.dumps(real, ensure_ascii=False)
    for value in [*demo["emails"], *demo["names"]]:  # type: ignore[misc]
        assert value not in summary_text, "personal data in the run summary"
        assert value not in log, "personal data in the task logs"
        assert value not in docs_text, "personal data in the Data Docs"

    log, again = _run(demo, {"max_share": 0.8})
    assert "state=success" in log
    assert again["status"] == "succeeded", again.get("error")  # "state=success" also matches a task's line
    assert again["rows_affected"] == 0 and again["validation"]["passed"] is True
    assert _checksum(crm) == _checksum(crm)


def test_guard_refusal_fails_the_run_and_changes_nothing(demo: dict[str, object], tmp_path: Path) -> None:
    from crm_privacy.cli import main

    crm = tmp_path / "crm.db"
    assert (
        main(
            ["demo-db", "--url", f"sqlite:///{crm}", "--contacts", "400", "--seed", "3", "--as-of", RUN_DATE]
        )
        == 0
    )
    env = dict(demo["env"])  # type: ignore[call-overload]
    env["AIRFLOW_CONN_CRM_DEMO"] = json.dumps({"conn_type": "sqlite", "host": str(crm)})
    before = _checksum(crm)
    log, summary = _run({**demo, "env": env}, {"max_share": 0.01})
    assert "state=failed" in log
    assert summary["status"] == "failed"
    assert _checksum(crm) == before
    # the refusal says why, at once: in the log, the summary and the ledger (issue 9, point 4)
    assert "guard failed and will not be retried" in log and "up_for_retry" not in log
    assert summary["guard"]["verdict"] == "refused"
    assert summary["error"]["step"] == "guard" and summary["error"]["type"] == "GuardRefused"
    assert "more than 1%" in summary["error"]["message"]
    with sqlite3.connect(Path(str(demo["ledger"]))) as conn:
        status, error = conn.execute(
            "SELECT status, error FROM runs WHERE run_id = ?", (summary["run_id"],)
        ).fetchone()
    assert status == "failed" and error.startswith("guard: GuardRefused: the plan touches more than 1%")
    # a failed run keeps its plan for a retry
    work = Path(str(demo["home"])) / "work"
    assert any((d / "plan.json").is_file() for d in work.iterdir()), "the failed run's plan is gone"
