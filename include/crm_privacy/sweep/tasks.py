"""The sweep's Airflow tasks, as plain functions: the DAG file only wires them.

Tasks exchange small JSON-able dicts (paths and counts, never personal data) through XCom. Plan files
live in ``CRM_PRIVACY_WORKDIR`` (shared storage when workers run on several machines; see
``dagrun.workdir``). Each task function is wrapped by ``dagrun.task.airflow_task``: an error a retry
cannot fix fails the task at once, and its cause reaches the run summary and the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from crm_privacy.dagrun.task import ERROR_KEY, airflow_task, push_xcom, remember_names
from crm_privacy.dagrun.workdir import (
    remove_run_workdir,
    reports_root,
    run_reports_dir,
    run_workdir,
    safe_name,
    workdir_root,
)
from crm_privacy.errors import CrmPrivacyError, GuardRefused, UsageError, ValidationFailed
from crm_privacy.failures import Failure, failure
from crm_privacy.rules.planner import Plan
from crm_privacy.sweep.job import JOB as SWEEP_JOB

__all__ = [
    "ERROR_KEY",
    "STEPS",
    "airflow_task",
    "apply",
    "check",
    "configure",
    "finish",
    "finish_from_xcom",
    "guard",
    "make_conf",
    "plan",
    "reports_root",
    "safe_name",
    "workdir_root",
]

log = logging.getLogger("crm_privacy.sweep")

#: The sweep's steps, in order (task ids of the DAG).
STEPS = ("configure", "plan", "guard", "apply", "check", "finish")
#: XCom key of the guard's verdict.
GUARD_KEY = "guard"
#: XCom key of the validation gate's block (pushed before the check task fails, for ``finish``).
VALIDATION_KEY = "validation"
DRY_RUN_BANNER = "DRY RUN: nothing will be changed"


def announce(conf: Mapping[str, Any]) -> None:
    """A dry run says so first, in every task's log; a simulated future date too."""
    if conf.get("dry_run"):
        log.warning("%s (run date %s)", DRY_RUN_BANNER, conf.get("as_of"))
    if conf.get("simulate_future"):
        log.warning(
            "SIMULATION: run date %s is in the future; this dry run shows what would be due on that day",
            conf.get("as_of"),
        )


def _context(conf: dict[str, Any]) -> Any:
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.sweep.job import open_context
    from crm_privacy.transform.keys import keyring_from_airflow

    crm = engine_from_airflow(conf["crm_conn_id"], crm=True)
    ledger = Ledger(engine_from_airflow(conf["ledger_conn_id"]))
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    ctx = open_context(
        conf["policy"],
        crm,
        conf["crm_conn_id"],
        ledger,
        conf["run_id"],
        dt.date.fromisoformat(conf["as_of"]),
        run_workdir(conf["run_id"]),
        keyring_from_airflow(),
        lock_mode="run",  # alive while its tasks heartbeat (CRM_PRIVACY_LOCK_GRACE_MINUTES)
    )
    remember_names(ctx.names)
    return ctx


def make_conf(
    params: dict[str, Any],
    run_id: str,
    logical_date: dt.datetime | None,
    *,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The run's settings: the run date comes from the params or the logical date, never the clock
    (the clock only bounds it: no future date for a real run, see ``dagrun.rundate``)."""
    from crm_privacy.dagrun.policy_path import allowed_policy
    from crm_privacy.dagrun.rundate import check_run_date_not_future, today_utc
    from crm_privacy.policy.model import check_max_share
    from crm_privacy.rules.calendar import check_run_date

    dry_run = bool(params.get("dry_run"))
    as_of = params.get("as_of") or (logical_date.date().isoformat() if logical_date else None)
    source = "the as_of param" if params.get("as_of") else "the logical date"
    if as_of is None:
        raise UsageError("no run date: trigger with a logical date or set the as_of param (YYYY-MM-DD)")
    try:
        day = check_run_date(dt.date.fromisoformat(str(as_of)), "run date (as_of)")
    except ValueError:
        raise UsageError(f"as_of must be a date YYYY-MM-DD, got {str(as_of)[:40]!r}") from None
    simulated = check_run_date_not_future(
        day,
        today or today_utc(),
        dry_run=dry_run,
        simulate_future=bool(params.get("simulate_future")),
        source=source,
    )
    max_share = params.get("max_share")
    return {
        "policy": allowed_policy(params.get("policy")),
        "crm_conn_id": params["crm_conn_id"],
        "ledger_conn_id": params["ledger_conn_id"],
        "dry_run": dry_run,
        "simulate_future": simulated,
        "max_share": None if max_share is None else check_max_share(max_share, "the max_share param"),
        "run_id": run_id,
        "as_of": day.isoformat(),
    }


@airflow_task
def configure(
    params: dict[str, Any],
    conf: Mapping[str, Any] | None,
    valid_keys: Iterable[str],
    run_id: str,
    logical_date: dt.datetime | None,
) -> dict[str, Any]:
    """The first task: refuse a conf with unknown keys, a bad run date or policy, an unknown
    connection id, before anything is planned; return the run's settings."""
    from crm_privacy.dagrun.conf import check_conf_keys

    check_conf_keys(conf, valid_keys)
    if params.get("dry_run"):
        log.warning(DRY_RUN_BANNER)
    run_conf = make_conf(params, run_id, logical_date)
    check_connections(run_conf)
    announce({"simulate_future": run_conf["simulate_future"], "as_of": run_conf["as_of"]})
    log.info(
        "run %s: run date %s (%s), policy %s, CRM connection %s, ledger connection %s, max_share %s",
        run_id,
        run_conf["as_of"],
        "as_of param" if params.get("as_of") else "logical date",
        run_conf["policy"],
        run_conf["crm_conn_id"],
        run_conf["ledger_conn_id"],
        "the policy's" if run_conf["max_share"] is None else run_conf["max_share"],
    )
    return run_conf


def check_connections(conf: Mapping[str, Any]) -> None:
    """Refuse connection ids Airflow does not know, naming them (nothing is connected to yet)."""
    from airflow.sdk import Connection

    for param in ("crm_conn_id", "ledger_conn_id"):
        conn_id = str(conf[param])
        try:
            Connection.get(conn_id)
        except Exception as exc:
            if "NotFound" not in type(exc).__name__:
                raise
            raise UsageError(
                f"Airflow connection {conn_id!r} ({param} param) is not defined: create it (UI: Admin > "
                f"Connections, or the environment variable AIRFLOW_CONN_{conn_id.upper()}, or your "
                f"secrets backend) or correct the {param} param"
            ) from None


@airflow_task
def plan(conf: dict[str, Any]) -> dict[str, Any]:
    from crm_privacy.sweep.explain import nothing_due
    from crm_privacy.sweep.job import plan_step

    announce(conf)
    ctx = _context(conf)
    params = {"dry_run": conf["dry_run"], "max_share": conf["max_share"]}
    if conf.get("simulate_future"):
        params["simulate_future"] = True
    result = plan_step(ctx, dry_run=conf["dry_run"], params=params)
    summary = result.summary()
    empty = nothing_due(ctx.binding, result, ctx.as_of)
    if empty is not None:
        summary["nothing_due"] = empty
        log.warning("%s", empty["reason"])
    log.info("plan: %s row(s) to treat as of %s", summary["rows_planned"], conf["as_of"])
    out: dict[str, Any] = {"plan_path": str(ctx.workdir / "plan.json"), "summary": summary}
    if not conf["dry_run"]:  # rows pointing at a missing parent before the run: the gate's baseline
        from crm_privacy.sweep.validation import orphans_before

        out["orphans_before"] = orphans_before(ctx)
    return out


@airflow_task
def guard(conf: dict[str, Any], planned: dict[str, Any]) -> list[dict[str, Any]]:
    """Evaluate the guard (dry runs too: the verdict a real run would get); return the batches to
    apply (none in a dry run). A real run over the limit fails here."""
    from crm_privacy.sweep.job import batches, guard_verdict

    announce(conf)
    ctx = _context(conf)
    ctx.lock.ensure_held()  # renews the run's heartbeat; fails if another run took the lock over
    plan_ = Plan.load(Path(planned["plan_path"]))
    verdict = guard_verdict(ctx, plan_, conf["max_share"])
    push_xcom(GUARD_KEY, verdict)
    refused = verdict["verdict"] == "refused"
    if conf["dry_run"]:
        if refused:
            log.warning("DRY RUN: the guard would REFUSE this plan in a real run: %s", verdict["reason"])
        else:
            log.info("DRY RUN: the guard would let a real run through: %s", verdict["reason"])
        return []
    if refused:
        raise GuardRefused(verdict["reason"])
    log.info("guard passed: %s", verdict["reason"])
    work = batches(ctx, plan_)
    log.info("%d batch(es) to apply", len(work))
    return work


@airflow_task
def apply(conf: dict[str, Any], planned: dict[str, Any], batch: dict[str, Any]) -> dict[str, int]:
    from crm_privacy.sweep.job import apply_step
    from crm_privacy.transform.keys import keyring_from_airflow

    ctx = _context(conf)
    plan_ = Plan.load(Path(planned["plan_path"]))
    log.info("applying %s", batch.get("label") or f"{batch['rule_id']} batch {batch['batch_no']}")
    return apply_step(
        ctx,
        plan_,
        batch["rule_id"],
        int(batch["batch_no"]),
        keyring_from_airflow(),
        batch.get("kind", "apply"),
    )


@airflow_task
def check(conf: dict[str, Any], planned: dict[str, Any], changes: list[dict[str, int]]) -> dict[str, Any]:
    """The validation gate of a real run: the Great Expectations suite written from the policy (the
    re-plan of the same date is one of its checks). A failed expectation fails the task, naming the
    table, column, expectation and count; its results are in the ledger and, through ``finish``, in
    the run's summary. A dry run changed nothing and validates nothing: ``not run``."""
    from crm_privacy.sweep.job import totals
    from crm_privacy.sweep.validation import NOT_RUN, gate_step, summary_fields

    announce(conf)
    if conf["dry_run"]:
        log.info("validation not run: a dry run changes nothing")
        return {"rows_affected": 0, "tables_affected": {}, "check": "not run", "validation": NOT_RUN}
    affected = totals(list(changes))
    ctx = _context(conf)
    docs = run_reports_dir(conf["run_id"], SWEEP_JOB) / "data_docs"
    gate, left = gate_step(
        ctx, Plan.load(Path(planned["plan_path"])), affected, docs, planned.get("orphans_before")
    )
    fields = summary_fields(gate, left)
    push_xcom(VALIDATION_KEY, fields)
    if not gate.passed:
        raise ValidationFailed(gate.message())
    log.info("validation gate passed: %d expectation(s); Data Docs: %s", len(gate.results), gate.data_docs)
    return {"rows_affected": sum(affected.values()), "tables_affected": affected, **fields}


def finish_from_xcom(ti: Any, run_id: str) -> str:
    """``finish`` as the DAG runs it: every upstream value read from XCom, any of them missing."""
    pulled = ti.xcom_pull(task_ids=list(STEPS[:-1]), key=ERROR_KEY) or []
    errors = [Failure.from_dict(e) for e in pulled if isinstance(e, dict)]
    checked = ti.xcom_pull(task_ids="check")
    if checked is None:  # a failed gate returns nothing, but pushed what it found
        gate = ti.xcom_pull(task_ids="check", key=VALIDATION_KEY)
        checked = dict(gate) if isinstance(gate, dict) else None
        failed = True
    else:
        failed = False
    return finish(
        ti.xcom_pull(task_ids="configure"),
        ti.xcom_pull(task_ids="plan"),
        checked,
        failed=failed or checked is None,
        run_id=run_id,
        guard=ti.xcom_pull(task_ids="guard", key=GUARD_KEY),
        errors=errors,
        dag_id=getattr(ti, "dag_id", None),
    )


@airflow_task
def finish(
    conf: dict[str, Any] | None,
    planned: dict[str, Any] | None,
    checked: dict[str, Any] | None,
    failed: bool,
    *,
    run_id: str | None = None,
    guard: dict[str, Any] | None = None,
    errors: Iterable[Failure] = (),
    dag_id: str | None = None,
) -> str:
    """Write the run summary (JSON, counts only), close the run in the ledger, release the lock,
    publish the run's report (``report.json``, ``report.html``, the index, the register, the e-mail to
    the DPO), and remove the run's work directory when the run ended well. Never fails for a missing
    upstream value: a step that failed leaves its value missing and its cause in ``errors``."""
    from crm_privacy.sweep.job import finish_step

    run_id = run_id or (conf or {}).get("run_id") or "unknown-run"
    if conf:
        announce(conf)
    failures = list(errors)
    if failed and not failures:
        failures.append(
            Failure(
                "unknown", "UpstreamFailed", "a step of this run failed without saying why: see its log", True
            )
        )
    dry_run = bool(conf and conf.get("dry_run"))
    status = "failed" if failures else ("planned" if dry_run else "succeeded")
    summary = _summary(run_id, conf, planned, checked, guard, failures, status)
    path = run_reports_dir(run_id, SWEEP_JOB) / "summary.json"
    if conf is None:  # configure failed: no connection, no policy to use
        summary["ledger"] = "not updated: the run's conf was refused"
        _write(path, summary)
        _publish_best_effort(summary, dag_id, None)
        return str(path)
    try:
        ctx = _context(conf)
        summary["status"] = finish_step(
            ctx,
            summary,
            status=status,
            error=failures[0].text() if failures else None,
            dry_run=dry_run,
        )
    except Exception as exc:
        found = failure("finish", exc)
        recorded = _record_in_ledger_only(conf, run_id, summary, failures or [found])
        summary["ledger"] = (
            f"recorded without the CRM ({found.type}: {found.message})"
            if recorded
            else f"not updated: {found.type}: {found.message}"
        )
        _write(path, summary)
        _publish_best_effort(summary, dag_id, conf)
        if failures and found.permanent:  # the run failed already, most likely for the same reason
            log.error("the ledger could not be updated: %s: %s", found.type, found.message)
            return str(path)
        raise
    _write(path, summary)
    _log_outcome(summary, failures)
    if not dry_run:
        from crm_privacy.sweep.job import archive_step

        summary["archive"] = archive_step(ctx)
    _publish(summary, dag_id, ctx.ledger, ctx.loaded)
    if summary["status"] in ("succeeded", "planned"):
        _clean_workdirs(run_id)
    return str(path)


def _publish(summary: Mapping[str, Any], dag_id: str | None, ledger: Any, loaded: Any) -> None:
    """The run's report, index, register and e-mail (``crm_privacy.report.publish``). A report that
    cannot be written fails ``finish`` (so the run), after the ledger has recorded the run."""
    from crm_privacy.report.publish import publish

    try:
        publish(summary, job=SWEEP_JOB, dag_id=dag_id, ledger=ledger, loaded=loaded)
    except OSError as exc:
        raise CrmPrivacyError(
            f"the run's report could not be written under {reports_root()}: {exc.strerror or type(exc).__name__}"
        ) from None


def _publish_best_effort(
    summary: Mapping[str, Any], dag_id: str | None, conf: Mapping[str, Any] | None
) -> None:
    """A report for a run whose context could not be built: with the policy if it loads, without the
    ledger (its record, if any, was written just before). Never raises: the run's failure is the news."""
    from crm_privacy.policy.loader import load_policy
    from crm_privacy.report.publish import publish

    loaded = None
    if conf is not None:
        try:
            loaded = load_policy(conf["policy"])
        except Exception:  # the broken policy is the run's error, already in the summary
            loaded = None
    try:
        publish(summary, job=SWEEP_JOB, dag_id=dag_id, ledger=None, loaded=loaded)
    except Exception as exc:
        log.error("the run's report could not be written: %s: %s", type(exc).__name__, str(exc)[:200])


def _record_in_ledger_only(
    conf: Mapping[str, Any], run_id: str, summary: dict[str, Any], failures: list[Failure]
) -> bool:
    """The run's failure in the ledger when the run's context cannot be built (the CRM is down, the
    policy is broken): the ledger keeps every run that was triggered, with its cause."""
    import hashlib

    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.ledger import Ledger
    from crm_privacy.sweep.job import JOB

    try:
        ledger = Ledger(engine_from_airflow(conf["ledger_conn_id"]))
        ledger.migrate()
        if ledger.run_status(run_id) is None:
            try:
                policy_hash = hashlib.sha256(Path(conf["policy"]).read_bytes()).hexdigest()
            except OSError:
                policy_hash = "unreadable"
            ledger.start_run(
                run_id,
                job=JOB,
                crm=str(conf["crm_conn_id"]),
                policy_hash=policy_hash,
                policy_version=None,
                as_of=dt.date.fromisoformat(str(conf["as_of"])),
                dry_run=bool(conf.get("dry_run")),
                params={"dry_run": bool(conf.get("dry_run"))},
            )
        summary["status"] = ledger.finish_run(
            run_id, status="failed", summary=summary, error=failures[0].text()
        )
        ledger.close()
    except Exception as exc:  # the ledger itself is out of reach: the summary file says so
        log.error("the ledger could not be updated either: %s", type(exc).__name__)
        return False
    return True


def _summary(
    run_id: str,
    conf: Mapping[str, Any] | None,
    planned: Mapping[str, Any] | None,
    checked: Mapping[str, Any] | None,
    guard: Mapping[str, Any] | None,
    failures: list[Failure],
    status: str,
) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "run_id": run_id,
        "dry_run": None if conf is None else bool(conf.get("dry_run")),
        "status": status,
    }
    if conf is not None and conf.get("simulate_future"):
        summary["simulation"] = (
            f"run date {conf.get('as_of')} is in the future: this dry run shows what would be due then"
        )
    summary.update((planned or {}).get("summary") or {})
    summary["guard"] = (
        dict(guard) if guard else {"verdict": "not run", "reason": "the guard step did not run"}
    )
    summary.update(rows_affected=0, tables_affected={})
    summary.update(checked or {})
    summary.setdefault("check", "not run")
    if "validation" not in summary:
        dry = conf is not None and bool(conf.get("dry_run"))
        reason = (
            "a dry run changes nothing: nothing to validate"
            if dry
            else "the run stopped before its validation"
        )
        summary["validation"] = {"passed": None, "status": "not run", "reason": reason}
    if failures:
        summary["error"] = {k: v for k, v in failures[0].as_dict().items() if k != "permanent"}
        if len(failures) > 1:
            summary["errors"] = [{k: v for k, v in f.as_dict().items() if k != "permanent"} for f in failures]
    return summary


def _write(path: Path, summary: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str), encoding="utf-8")


def _log_outcome(summary: Mapping[str, Any], failures: list[Failure]) -> None:
    if failures:
        first = failures[0]
        log.error(
            "run %s: %s in %s: %s: %s",
            summary["run_id"],
            summary["status"],
            first.step,
            first.type,
            first.message,
        )
    elif summary.get("dry_run"):
        guard = summary.get("guard") or {}
        log.warning(
            "DRY RUN ended: %s row(s) planned, nothing changed; a real run would be %s by the guard (%s)",
            summary.get("rows_planned", 0),
            guard.get("verdict"),
            guard.get("reason"),
        )
    else:
        log.info(
            "run %s %s: %s row(s) changed",
            summary["run_id"],
            summary["status"],
            summary.get("rows_affected", 0),
        )


def _clean_workdirs(run_id: str) -> None:
    """Remove this run's work directory, and those left by older runs (``dagrun.workdir``); a problem
    here is logged, never fails the run."""
    from crm_privacy.dagrun.workdir import purge_stale, retention

    try:
        if remove_run_workdir(run_id):
            log.info("work directory of run %s removed", run_id)
        stale = purge_stale(dt.datetime.now(dt.UTC), keep=safe_name(run_id))
        if stale:
            log.info(
                "removed %d work director%s older than %s day(s): %s",
                len(stale),
                "y" if len(stale) == 1 else "ies",
                retention().days,
                ", ".join(stale),
            )
    except (OSError, CrmPrivacyError) as exc:
        log.warning("work directories not cleaned: %s: %s", type(exc).__name__, str(exc)[:200])
