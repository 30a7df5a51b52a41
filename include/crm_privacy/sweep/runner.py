"""Run a whole sweep in one process (the CLI); the DAG runs the same steps as separate tasks."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import uuid
from pathlib import Path
from typing import Any

from crm_privacy.crm.engine import make_engine
from crm_privacy.dagrun.workdir import run_reports_dir
from crm_privacy.errors import CrmPrivacyError, GuardRefused, UsageError
from crm_privacy.failures import error_text
from crm_privacy.ledger import Ledger, crm_identity
from crm_privacy.ledger.separation import refuse_same_database
from crm_privacy.policy.model import check_max_share
from crm_privacy.rules.calendar import check_run_date
from crm_privacy.sweep.explain import nothing_due
from crm_privacy.sweep.job import (
    JOB,
    apply_step,
    archive_step,
    batches,
    finish_step,
    guard_verdict,
    open_context,
    plan_step,
    totals,
)
from crm_privacy.sweep.validation import NOT_RUN, gate_step, orphans_before, summary_fields
from crm_privacy.transform.keys import KeyRing

log = logging.getLogger("crm_privacy.sweep")


def cli_run_id() -> str:
    """Run id of a job started from the CLI (Airflow runs use the DAG run id)."""
    return f"cli__{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}__{uuid.uuid4().hex[:8]}"


def run_sweep(
    *,
    policy: str | Path,
    crm_url: str,
    ledger_url: str,
    as_of: dt.date,
    dry_run: bool,
    max_share: float | None = None,
    keyring: KeyRing | None = None,
    workdir: Path | None = None,
    plan_only: bool = False,
) -> dict[str, Any]:
    """Plan, guard, apply and check; return the run summary (counts only, no personal data)."""
    run_id = cli_run_id()
    check_run_date(as_of)
    if max_share is not None:
        check_max_share(max_share)
    crm = make_engine(crm_url, crm=True)
    ledger = Ledger.from_url(ledger_url, migrate=False)
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    work = workdir or Path(tempfile.mkdtemp(prefix="crm-privacy-"))
    try:  # plan files hold the CRM keys of the people erased
        (work / run_id).mkdir(mode=0o700, parents=True)
    except OSError as exc:
        raise UsageError(f"work directory {work}: cannot create a directory in it ({exc.strerror})") from None
    ctx = open_context(policy, crm, crm_identity(crm_url), ledger, run_id, as_of, work / run_id, keyring)
    dry = dry_run or plan_only
    params = {"dry_run": dry, "max_share": max_share}
    plan = plan_step(ctx, dry_run=dry, params=params)
    summary: dict[str, Any] = {"run_id": run_id, "dry_run": dry, **plan.summary()}
    empty = nothing_due(ctx.binding, plan, as_of)
    if empty is not None:
        summary["nothing_due"] = empty
    if plan_only:
        from crm_privacy.crm.indexes import missing_indexes

        summary["missing_indexes"] = missing_indexes(ctx.binding)
    try:
        verdict = guard_verdict(ctx, plan, max_share)
        summary["guard"] = verdict
        if dry:  # the verdict a real run would get, and no check: nothing was changed
            summary.update(
                rows_affected=0, tables_affected={}, check="not run", validation=NOT_RUN, status="planned"
            )
            finish_step(ctx, summary, status="planned", dry_run=True)
            _report(ctx, summary)
            return summary
        if verdict["verdict"] == "refused":
            raise GuardRefused(verdict["reason"])
        if keyring is None:
            raise CrmPrivacyError("a real sweep needs the pseudonymisation key (CRM_PRIVACY_HMAC_KEY)")
        before = orphans_before(ctx)
        changes = [
            apply_step(ctx, plan, b["rule_id"], b["batch_no"], keyring, b["kind"]) for b in batches(ctx, plan)
        ]
        affected = totals(changes)
        gate, left = gate_step(ctx, plan, affected, run_reports_dir(run_id, JOB) / "data_docs", before)
        summary.update(
            rows_affected=sum(affected.values()), tables_affected=affected, **summary_fields(gate, left)
        )
        summary["status"] = "succeeded" if gate.passed else "failed"
        if not gate.passed:
            summary["error"] = {"step": "check", "message": gate.message()}
        finish_step(ctx, summary, status=summary["status"], error=None if gate.passed else gate.message())
        _report(ctx, summary)
        return summary
    except GuardRefused as exc:
        summary.update(status="refused", error=str(exc), rows_affected=0, tables_affected={})
        finish_step(ctx, summary, status="refused", error=str(exc))
        _report(ctx, summary, strict=False)
        raise
    except Exception as exc:
        summary.update(status="failed", error={"step": "sweep", "message": error_text(exc, ctx.names)})
        finish_step(ctx, summary, status="failed", error=error_text(exc, ctx.names))
        _report(ctx, summary, strict=False)
        raise
    finally:
        ctx.lock.close()  # a run that could not finish keeps its row: the next sweep finds it dead at once
        crm.dispose()


def _report(ctx: Any, summary: dict[str, Any], *, strict: bool = True) -> None:
    """The run's report (``crm_privacy.report.publish``); its path goes into the summary. ``strict``:
    a report that cannot be written is an error; otherwise (the run failed already) it is logged."""
    from crm_privacy.report.publish import publish

    try:
        summary.setdefault("archive", archive_step(ctx))
        published = publish(summary, job=JOB, dag_id=None, ledger=ctx.ledger, loaded=ctx.loaded)
    except Exception as exc:
        if strict:
            raise CrmPrivacyError(
                f"the run's report could not be written: {type(exc).__name__}: {str(exc)[:200]}"
            ) from None
        log.error("the run's report could not be written: %s", type(exc).__name__)
        return
    summary["report"] = str(published.html_path)
