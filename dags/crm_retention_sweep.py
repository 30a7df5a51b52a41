"""
### Retention and consent sweep (`crm_retention_sweep`)

Every day, finds the CRM data that must no longer be kept, in the form it is kept, and treats it:

1. **configure**: refuses, before anything is planned, a conf key that is not a param of this DAG
   (a typo such as `dryrun`: the message lists the valid keys), a run date after today (UTC) for a
   real run (a dry run may preview one with `simulate_future`), a policy outside
   `CRM_PRIVACY_POLICY_DIR`, an unknown connection id. A dry run says so first in every log;
2. **plan**: the policy's rules, evaluated on the run date (the `as_of` param, else the logical date;
   never the wall clock), give per table and rule the rows to delete or anonymise, and findings. An
   empty plan says why (nothing past its period yet, or nothing left);
3. **guard**: a plan touching more than `max_share` of a table is refused. A dry run evaluates it too
   and reports the verdict a real run would get, then stops: it changes nothing;
4. **apply**: one mapped task per batch of subjects (labelled `R2 batch 3/12`), one transaction each,
   safe to retry;
5. **check**: re-planning the same date must find nothing left (`not run` for a dry run);
6. **finish**: the JSON summary (counts only, no personal data; the failed step's cause in `error`),
   the ledger entry, and the run's work directory removed if the run ended well.

Errors a retry cannot fix (conf, policy, guard, key, unknown connection, missing role or privilege)
fail their task at once; a database briefly down or the CRM locked by another run are retried with
exponential backoff. Manual triggers with a logical date in the future or before the start date are
refused by the API (HTTP 400). Connections: `crm_conn_id` (the CRM), `ledger_conn_id` (the privacy
ledger). The pseudonymisation key is the Airflow variable `crm_privacy_hmac_key`. See README.md and
docs/sweep.md.
"""

from __future__ import annotations

from airflow.sdk import Param, dag, get_current_context, task

from crm_privacy.dag_defaults import DEFAULT_ARGS, START_DATE, TAGS, connection_params, schedule

FUTURE_HINT = (
    "To preview a future date, trigger with today's date and the params as_of=<that date>, "
    "dry_run=true and simulate_future=true."
)


@dag(
    dag_id="crm_retention_sweep",
    schedule=schedule("@daily", FUTURE_HINT),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=[*TAGS, "retention"],
    default_args=DEFAULT_ARGS,
    params={
        **connection_params(__file__),
        "dry_run": Param(
            False, type="boolean", description="Plan and evaluate the guard only: change nothing."
        ),
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
            description="Run date override (YYYY-MM-DD, not after today); empty = the logical date.",
        ),
        "simulate_future": Param(
            False,
            type="boolean",
            description="Dry runs only: allow an as_of date after today, to preview what will be due.",
        ),
    },
)
def crm_retention_sweep() -> None:
    @task
    def configure() -> dict:
        from crm_privacy.sweep import tasks

        ctx = get_current_context()
        conf = ctx["dag_run"].conf
        params = dict(ctx["params"])
        return tasks.configure(params, conf, ctx["dag"].params.keys(), ctx["run_id"], ctx.get("logical_date"))

    @task
    def plan(run_conf: dict) -> dict:
        from crm_privacy.sweep import tasks

        return tasks.plan(run_conf)

    @task
    def guard(run_conf: dict, planned: dict) -> list[dict]:
        from crm_privacy.sweep import tasks

        return tasks.guard(run_conf, planned)

    @task(max_active_tis_per_dagrun=2, map_index_template="{{ task.op_kwargs['batch']['label'] }}")
    def apply(batch: dict, run_conf: dict, planned: dict) -> dict:
        from crm_privacy.sweep import tasks

        return tasks.apply(run_conf, planned, batch)

    @task(trigger_rule="none_failed")
    def check(run_conf: dict, planned: dict, changes: list[dict]) -> dict:
        """The validation gate (Great Expectations): fails the run when the result is not proven."""
        from crm_privacy.sweep import tasks

        # a slice is one request; iterating would ask for one item past the end (logged as an error)
        return tasks.check(run_conf, planned, list(changes[:]))

    @task(trigger_rule="all_done")
    def finish() -> str:
        """Runs whatever happened before: reads every upstream value from XCom (any may be missing)."""
        from crm_privacy.sweep import tasks

        ctx = get_current_context()
        return tasks.finish_from_xcom(ctx["ti"], ctx["run_id"])

    @task(trigger_rule="one_failed", retries=0)
    def watcher() -> None:
        """Fails the run when any task failed (finish runs anyway and would look green)."""
        raise RuntimeError("a task of this sweep failed: see its log and the run summary")

    run_conf = configure()
    planned = plan(run_conf)
    batches = guard(run_conf, planned)
    changes = apply.partial(run_conf=run_conf, planned=planned).expand(batch=batches)
    checked = check(run_conf, planned, changes)
    done = finish()
    [run_conf, planned, batches, changes, checked] >> done
    [run_conf, planned, batches, changes, checked, done] >> watcher()


crm_retention_sweep()
