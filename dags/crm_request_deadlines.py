"""
### Request deadlines (`crm_request_deadlines`) · Échéances des demandes

Every day, lists the open data-subject requests of the case register (privacy ledger) against their
legal deadline (one month from receipt, plus pauses and extensions: RGPD art. 12(3)) on the run's
logical date:

1. **list_deadlines**: writes `CRM_PRIVACY_REPORTS_DIR/requests/deadlines.json` and `deadlines.html`
   (French: every open case with its reference, type, receipt, due date, days left and status, and a
   chart of the open cases against their deadlines), then e-mails the DPO the cases due within 10
   days or overdue (reference, type, due date, days left) through the SMTP connection
   `crm_privacy_smtp`; without it, one log line. Cases appear by reference only: no identifier;
2. **on_time**: **fails** (without retry) when a case is past its deadline, naming the cases and the
   report, so that a late answer is a red run someone notices. It turns green once the case is closed
   (or extended before its deadline).

Connection: `ledger_conn_id` (the privacy ledger). The policy gives the DPO's addresses
(`reports.recipients`) unless the variable `crm_privacy_dpo_emails` is set. Requests are handled by
the DAG `crm_subject_request`.
"""

from __future__ import annotations

from airflow.sdk import dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, START_DATE, TAGS, connection_params, schedule


@dag(
    dag_id="crm_request_deadlines",
    schedule=schedule("@daily"),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=[*TAGS, "requests"],
    default_args=DEFAULT_ARGS,
    params={k: v for k, v in connection_params(__file__).items() if k != "crm_conn_id"},
)
def crm_request_deadlines() -> None:
    @task
    def list_deadlines() -> dict:
        from crm_privacy.requests import tasks

        ctx = get_current_context()
        day = tasks.run_day(ctx.get("logical_date"), ctx["dag_run"].run_after)
        return tasks.list_deadlines(
            dict(ctx["params"]), ctx["dag_run"].conf, ctx["dag"].params.keys(), ctx["run_id"], day
        )

    @task
    def on_time(found: dict) -> str:
        """Fails when a request is past its legal deadline (see the DAG doc)."""
        from crm_privacy.requests import tasks

        return tasks.on_time(found)

    on_time(list_deadlines())


crm_request_deadlines()
