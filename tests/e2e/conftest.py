"""Fixtures of the whole-DAG tests: a generated demo CRM and an Airflow home of its own."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
RUN_DATE = "2025-06-30"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from crm_privacy.cli import main

    home = tmp_path_factory.mktemp("airflow")
    crm, ledger = home / "crm.db", home / "ledger.db"
    assert (
        main(
            ["demo-db", "--url", f"sqlite:///{crm}", "--contacts", "1500", "--seed", "7", "--as-of", RUN_DATE]
        )
        == 0
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "CRM_PRIVACY"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__PARALLELISM="4",
        AIRFLOW_CONN_CRM_DEMO=json.dumps({"conn_type": "sqlite", "host": str(crm)}),
        AIRFLOW_CONN_CRM_PRIVACY_LEDGER=json.dumps({"conn_type": "sqlite", "host": str(ledger)}),
        AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY="e2e-test-key-0123456789abcdef",
        CRM_PRIVACY_WORKDIR=str(home / "work"),
        CRM_PRIVACY_REPORTS_DIR=str(home / "reports"),
        CRM_PRIVACY_POLICY=str(ROOT / "include" / "policies" / "demo_crm.yaml"),
    )
    subprocess.run([AIRFLOW, "db", "migrate"], env=env, check=True, capture_output=True, timeout=300)
    with sqlite3.connect(crm) as conn:
        emails = [r[0] for r in conn.execute("SELECT email FROM contacts WHERE email IS NOT NULL")]
        names = [r[0] for r in conn.execute("SELECT last_name FROM contacts WHERE length(last_name) > 6")]
    return {"env": env, "crm": crm, "ledger": ledger, "home": home, "emails": emails, "names": names}
