"""The sweep's Airflow tasks, as plain functions: the DAG file only wires them.

Tasks exchange small JSON-able dicts (paths and counts, never personal data) through XCom. Plan files
live in ``CRM_PRIVACY_WORKDIR`` (shared storage when workers run on several machines).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from crm_privacy.errors import ActionError, CrmPrivacyError, GuardRefused, PolicyError, UsageError
from crm_privacy.rules.planner import Plan

PROCESSES_VARIABLE = "CRM_PRIVACY_DETECT_PROCESSES"  # as in crm_privacy.detect.scan (kept light here)

P = ParamSpec("P")
R = TypeVar("R")


def airflow_task(func: Callable[P, R]) -> Callable[P, R]:
    """How product code runs inside an Airflow task.

    - A broken policy, a refused plan or a missing key will not fix itself: fail without retrying
      (Airflow retries the rest: a database that is briefly down, a lost worker).
    - PII detection stays in the task's process: forking worker processes from a task (which runs
      log and heartbeat threads) can hang; Airflow's own mapped tasks and workers give the scale-out.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        os.environ.setdefault(PROCESSES_VARIABLE, "1")
        try:
            return func(*args, **kwargs)
        except (PolicyError, GuardRefused, ActionError, UsageError) as exc:
            from airflow.sdk.exceptions import AirflowFailException

            raise AirflowFailException(str(exc)) from None
        finally:  # the task ends: stop its lock heartbeat (the DAG run keeps the lock between tasks)
            from crm_privacy.crm.lock import close_all

            close_all()

    return wrapper


def workdir_root() -> Path:
    default = Path(os.environ.get("AIRFLOW_HOME", ".")) / "crm_privacy"
    return Path(os.environ.get("CRM_PRIVACY_WORKDIR", default))


def reports_root() -> Path:
    return Path(os.environ.get("CRM_PRIVACY_REPORTS_DIR", workdir_root() / "reports"))


def safe_name(run_id: str) -> str:
    """A run id as a directory name (Airflow run ids hold ':' and '+')."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in run_id)


def _context(conf: dict[str, Any]) -> Any:
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.sweep.job import open_context
    from crm_privacy.transform.keys import keyring_from_airflow

    crm = engine_from_airflow(conf["crm_conn_id"])
    ledger = Ledger(engine_from_airflow(conf["ledger_conn_id"]))
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    return open_context(
        conf["policy"],
        crm,
        conf["crm_conn_id"],
        ledger,
        conf["run_id"],
        dt.date.fromisoformat(conf["as_of"]),
        workdir_root() / safe_name(conf["run_id"]),
        keyring_from_airflow(),
        lock_mode="run",  # alive while its tasks heartbeat (CRM_PRIVACY_LOCK_GRACE_MINUTES)
    )


def make_conf(params: dict[str, Any], run_id: str, logical_date: dt.datetime | None) -> dict[str, Any]:
    """The run's settings: the run date comes from the params or the logical date, never the clock."""
    from crm_privacy.policy.model import check_max_share
    from crm_privacy.rules.calendar import check_run_date

    as_of = params.get("as_of") or (logical_date.date().isoformat() if logical_date else None)
    if as_of is None:
        raise CrmPrivacyError("no run date: trigger with a logical date or set the as_of param")
    try:
        check_run_date(dt.date.fromisoformat(str(as_of)), "run date (as_of)")
    except ValueError:
        raise UsageError(f"as_of must be a date YYYY-MM-DD, got {str(as_of)[:40]!r}") from None
    max_share = params.get("max_share")
    return {
        "policy": params["policy"],
        "crm_conn_id": params["crm_conn_id"],
        "ledger_conn_id": params["ledger_conn_id"],
        "dry_run": bool(params["dry_run"]),
        "max_share": None if max_share is None else check_max_share(max_share, "the max_share param"),
        "run_id": run_id,
        "as_of": str(as_of),
    }


@airflow_task
def plan(conf: dict[str, Any]) -> dict[str, Any]:
    from crm_privacy.sweep.job import plan_step

    ctx = _context(conf)
    result = plan_step(
        ctx, dry_run=conf["dry_run"], params={"dry_run": conf["dry_run"], "max_share": conf["max_share"]}
    )
    return {"plan_path": str(ctx.workdir / "plan.json"), "summary": result.summary()}


@airflow_task
def guard(conf: dict[str, Any], planned: dict[str, Any]) -> list[dict[str, Any]]:
    """Refuse an oversized plan; return the batches to apply (none in a dry run)."""
    from crm_privacy.sweep.job import batches, guard_step

    ctx = _context(conf)
    ctx.lock.ensure_held()  # renews the run's heartbeat; fails if another run took the lock over
    plan_ = Plan.load(Path(planned["plan_path"]))
    if conf["dry_run"]:
        return []
    guard_step(ctx, plan_, conf["max_share"])
    return batches(ctx, plan_)


@airflow_task
def apply(conf: dict[str, Any], planned: dict[str, Any], batch: dict[str, Any]) -> dict[str, int]:
    from crm_privacy.sweep.job import apply_step
    from crm_privacy.transform.keys import keyring_from_airflow

    ctx = _context(conf)
    plan_ = Plan.load(Path(planned["plan_path"]))
    return apply_step(
        ctx,
        plan_,
        batch["rule_id"],
        int(batch["batch_no"]),
        keyring_from_airflow(),
        batch.get("kind", "apply"),
    )


@airflow_task
def check(conf: dict[str, Any], changes: list[dict[str, int]]) -> dict[str, Any]:
    from crm_privacy.sweep.job import check_step, totals

    affected = totals(list(changes))
    left = {} if conf["dry_run"] else check_step(_context(conf))
    if left:
        raise CrmPrivacyError(f"post-check failed: rows still due after the sweep: {left}")
    return {"rows_affected": sum(affected.values()), "tables_affected": affected, "rows_left": 0}


def finish(
    conf: dict[str, Any], planned: dict[str, Any] | None, checked: dict[str, Any] | None, failed: bool
) -> str:
    """Write the run summary (JSON, counts only), close the run in the ledger, release the lock."""
    from crm_privacy.sweep.job import finish_step

    ctx = _context(conf)
    status = "failed" if failed else ("planned" if conf["dry_run"] else "succeeded")
    summary: dict[str, Any] = {
        "run_id": conf["run_id"],
        "dry_run": conf["dry_run"],
        "status": status,
        **((planned or {}).get("summary") or {}),
        **(checked or {"rows_affected": 0, "tables_affected": {}}),
    }
    finish_step(ctx, summary, status=status)
    out = reports_root() / safe_name(conf["run_id"])
    out.mkdir(parents=True, exist_ok=True)
    path = out / "summary.json"
    path.write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return str(path)
