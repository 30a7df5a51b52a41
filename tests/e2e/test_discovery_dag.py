"""The PII discovery DAG run by Airflow on the demo CRM: it finds the column nobody declared, and the
run ends failed (its ``compliance`` task), naming the column and the report (issue 9, point 8)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))


def test_discovery_reports_the_undeclared_column_without_values_and_fails(demo: dict[str, object]) -> None:
    env = demo["env"]
    assert isinstance(env, dict)
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", "crm_pii_discovery", "2025-06-30", "-c", json.dumps({"sample_rows": 200})],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    assert "state=failed" in log, log[-3000:]
    reports = list((Path(str(demo["home"])) / "reports" / "pii_discovery").glob("*/discovery.json"))
    assert len(reports) == 1
    # discover succeeded; compliance failed at once (no retry), naming the column and the report
    assert "compliance failed and will not be retried" in log and "up_for_retry" not in log
    assert (
        "NOT compliant: personal data in 1 column(s) the policy does not declare: companies.internal_comment"
        in log
    )
    page = reports[0].with_name("report.html")
    assert f"Report: {page}" in log
    # the DPO's report: the undeclared column as a decision to take, and the run in the index
    dpo = json.loads(reports[0].with_name("report.json").read_text(encoding="utf-8"))
    assert dpo["job"] == "pii_discovery" and dpo["dag_id"] == "crm_pii_discovery"
    assert [(d["code"], d["table"], d["column"]) for d in dpo["decisions"]] == [
        ("undeclared_column", "companies", "internal_comment")
    ]
    assert "Colonne non déclarée contenant des données personnelles : companies.internal_comment" in (
        page.read_text(encoding="utf-8")
    )
    index = json.loads((Path(str(demo["home"])) / "reports" / "index.json").read_text(encoding="utf-8"))
    assert any(r["run_id"] == dpo["run_id"] and r["findings"] == 1 for r in index["runs"])
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    undeclared = {f"{f['table']}.{f['column']}": f for f in report["undeclared"]}
    assert report["compliant"] is False
    assert set(undeclared) == {"companies.internal_comment"}
    finding = undeclared["companies.internal_comment"]
    assert {"PERSON", "PHONE_NUMBER"} <= set(finding["entities"])
    assert 0 < finding["share_with_pii"] < 1
    text = reports[0].read_text(encoding="utf-8") + page.read_text(encoding="utf-8")
    for value in [*demo["emails"], *demo["names"]]:  # type: ignore[misc]
        assert value not in text and value not in log
