"""
### Retention and consent sweep (`crm_retention_sweep`)

Every day, finds the CRM data that must no longer be kept, in the form it is kept, and treats it:

1. **plan**: the policy's rules, evaluated on the run's logical date (never the wall clock), give per
   table and rule the rows to delete or anonymise, and findings (missing dates, invalid consents);
2. **guard**: a plan touching more than `max_share` of a table is refused; `dry_run` stops here;
3. **apply**: one mapped task per batch of subjects, one transaction each, safe to retry;
4. **check**: re-planning the same date must find nothing left;
5. **finish**: the JSON summary (counts only, no personal data) and the ledger entry; the run fails
   if any step failed.

Connections: `crm_conn_id` (the CRM), `ledger_conn_id` (the privacy ledger). The pseudonymisation key
is the Airflow variable `crm_privacy_hmac_key`. See README.md and docs/policy.md.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, TAGS, connection_params


@dag(
    dag_id="crm_retention_sweep",
    schedule="@daily",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=[*TAGS, "retention"],
    default_args=DEFAULT_ARGS,
    params={
        **connection_params(__file__),
        "dry_run": Param(False, type="boolean", description="Plan only: change nothing."),
        "max_share": Param(
            None,
            type=["null", "number"],
            exclusiveMinimum=0,
            maximum=1,
            description="Blast-radius limit (share of a table, 0 < x <= 1); empty = the policy's.",
        ),
        "as_of": Param(
            None,
            type=["null", "string"],
            format="date",
            description="Run date override (YYYY-MM-DD); empty = the logical date.",
        ),
    },
)
def crm_retention_sweep() -> None:
    @task
    def configure() -> dict:
        from crm_privacy.sweep.tasks import make_conf

        ctx = get_current_context()
        return make_conf(dict(ctx["params"]), ctx["run_id"], ctx.get("logical_date"))

    @task
    def plan(run_conf: dict) -> dict:
        from crm_privacy.sweep import tasks

        return tasks.plan(run_conf)

    @task
    def guard(run_conf: dict, planned: dict) -> list[dict]:
        from crm_privacy.sweep import tasks

        return tasks.guard(run_conf, planned)

    @task(max_active_tis_per_dagrun=2)
    def apply(batch: dict, run_conf: dict, planned: dict) -> dict:
        from crm_privacy.sweep import tasks

        return tasks.apply(run_conf, planned, batch)

    @task(trigger_rule="none_failed")
    def check(run_conf: dict, changes: list[dict]) -> dict:
        from crm_privacy.sweep import tasks

        return tasks.check(run_conf, list(changes))

    @task(trigger_rule="all_done")
    def finish(run_conf: dict) -> str:
        from crm_privacy.sweep import tasks

        ti = get_current_context()["ti"]
        planned, checked = ti.xcom_pull(task_ids="plan"), ti.xcom_pull(task_ids="check")
        return tasks.finish(run_conf, planned, checked, failed=checked is None)

    @task(trigger_rule="one_failed", retries=0)
    def watcher() -> None:
        """Fails the run when any task failed (finish runs anyway and would look green)."""
        raise RuntimeError("a task of this sweep failed: see its log and the run summary")

    run_conf = configure()
    planned = plan(run_conf)
    batches = guard(run_conf, planned)
    changes = apply.partial(run_conf=run_conf, planned=planned).expand(batch=batches)
    checked = check(run_conf, changes)
    done = finish(run_conf)
    checked >> done
    [planned, batches, changes, checked, done] >> watcher()


crm_retention_sweep()
