"""The retention sweep as a sequence of steps shared by the CLI and the DAG: plan, guard, apply, check.

Each step takes plain values (paths, URLs, ids) so that an Airflow task can call it with what it got
from XCom; nothing personal is returned, only counts and file paths.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from crm_privacy.crm.binding import Binding, bind
from crm_privacy.crm.db_errors import identifier_words
from crm_privacy.crm.lock import LOCK_TABLE, CrmLock, Holder, LockMode
from crm_privacy.crm.outbox import OUTBOX
from crm_privacy.errors import BatchFailed, GuardRefused, PolicyError
from crm_privacy.failures import describe, error_text, is_permanent
from crm_privacy.ledger import BatchRecord, Ledger, PlanItemRecord
from crm_privacy.ledger.identity import crm_identity
from crm_privacy.policy.loader import LoadedPolicy, load_policy
from crm_privacy.policy.model import RuleScope, check_max_share
from crm_privacy.rules.notices import NoticeCheck
from crm_privacy.rules.planner import SUPPRESSION_RULE, Plan, make_plan, read_key_batch
from crm_privacy.rules.steps import build_steps
from crm_privacy.sweep.apply import apply_batch
from crm_privacy.sweep.evidence import BatchEvidence, drain, drain_dead_run
from crm_privacy.transform.base import ActionContext
from crm_privacy.transform.keys import KeyRing

JOB = "retention_sweep"

log = logging.getLogger("crm_privacy.sweep")


@dataclass
class SweepContext:
    """Everything a step needs; built once per process (CLI) or per task (DAG)."""

    loaded: LoadedPolicy
    binding: Binding
    ledger: Ledger
    crm: str
    run_id: str
    as_of: dt.date
    workdir: Path
    keyring: KeyRing | None = None
    #: "process" (the CLI: alive while its session lock is) or "run" (a DAG run: alive while it heartbeats)
    lock_mode: LockMode = "process"
    #: The sweep lock, kept in the CRM itself (crm_privacy.crm.lock): one per database, whatever its URL.
    lock: CrmLock = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lock = CrmLock(self.binding.engine, run_id=self.run_id, job=JOB, mode=self.lock_mode)

    @functools.cached_property
    def names(self) -> set[str]:
        """Names of the policy (tables, columns, roles): database error messages may show them."""
        return identifier_words(self.loaded.policy.model_dump()) | {LOCK_TABLE, OUTBOX}


def open_context(
    policy_path: str | Path,
    crm: Engine,
    crm_name: str,
    ledger: Ledger,
    run_id: str,
    as_of: dt.date,
    workdir: Path,
    keyring: KeyRing | None = None,
    *,
    lock_mode: LockMode = "process",
) -> SweepContext:
    loaded = load_policy(policy_path)
    try:
        binding = bind(loaded.policy, crm)
        for rule in loaded.policy.rules:  # unknown actions and bad params: refused before any lock
            build_steps(binding, rule.scope, as_of, rule.id)
    except PolicyError as exc:
        raise PolicyError(f"{loaded.path}: {exc}") from None
    return SweepContext(loaded, binding, ledger, crm_name, run_id, as_of, workdir, keyring, lock_mode)


def plan_step(ctx: SweepContext, *, dry_run: bool, params: dict[str, Any]) -> Plan:
    """Take the CRM lock, start the run in the ledger, compute and record the plan.

    Dry runs lock too: a plan read while another run changes the CRM would be wrong, and the lock is
    how a run whose process died is found and closed. A dead holder is taken over (its run closed as
    ``interrupted`` in this ledger); a live one refuses this run, naming it."""
    ctx.lock.acquire(on_dead=lambda dead: _interrupt(ctx, dead))
    ctx.ledger.start_run(
        ctx.run_id,
        job=JOB,
        crm=ctx.crm,
        policy_hash=ctx.loaded.sha256,
        policy_version=ctx.loaded.policy.version,
        as_of=ctx.as_of,
        dry_run=dry_run,
        params=params,
    )
    try:
        if not dry_run:  # evidence a crashed run left in the CRM outbox goes to the ledger first
            drain(ctx.binding, ctx.ledger)
        plan = make_plan(ctx.binding, ctx.as_of, ctx.workdir, _notice_check(ctx))
    except Exception as exc:
        # a run that cannot plan must not keep the CRM locked nor stay 'running' in the ledger
        ctx.ledger.finish_run(ctx.run_id, status="failed", summary={}, error=_error_text(ctx, exc))
        ctx.lock.release()
        raise
    plan.save(ctx.workdir)
    ctx.ledger.record_plan(
        ctx.run_id,
        [
            PlanItemRecord(
                table_name=t.table,
                rule_id=r.rule_id,
                action=t.action,
                legal_basis=r.legal_basis,
                rows=t.rows,
                findings=r.findings,
            )
            for r in plan.rules
            for t in r.tables
        ],
    )
    return plan


def _interrupt(ctx: SweepContext, dead: Holder) -> None:
    """Close the run of a dead lock holder (if this ledger has it running) before taking its lock.

    Its committed batches' evidence moves from the CRM outbox to the ledger first, dry run or not:
    moving evidence is bookkeeping, not a change of CRM data, and the closed run's totals are whole."""
    drain_dead_run(ctx.binding.engine, ctx.ledger, dead.run_id)
    ctx.ledger.interrupt_run(dead.run_id, error=dead.death_note(f"run {ctx.run_id} took the lock over"))


def _error_text(ctx: SweepContext, exc: Exception) -> str:
    """``Type: message`` without personal data (``failures.describe``)."""
    return error_text(exc, ctx.names)


def _notice_check(ctx: SweepContext) -> NoticeCheck | None:
    return NoticeCheck(ctx.ledger, ctx.keyring, ctx.as_of) if ctx.keyring else None


def guard_verdict(ctx: SweepContext, plan: Plan, max_share: float | None) -> dict[str, str]:
    """The blast-radius guard's verdict on ``plan``: ``{"verdict": "passed"|"refused", "reason": ...}``.

    A table is over the limit when the plan touches more than ``max_share`` (else the policy's
    ``guard.max_share``) of its rows; the reason names such tables, or the largest share."""
    # a NaN limit would compare false with every share and silently let any plan through
    limit = ctx.loaded.policy.guard.max_share if max_share is None else check_max_share(max_share)
    touched: dict[str, tuple[int, int]] = {}
    for rule in plan.rules:
        for t in rule.tables:
            rows, total = touched.get(t.table, (0, t.table_rows))
            touched[t.table] = (rows + t.rows, total)
    shares = {name: rows / total for name, (rows, total) in touched.items() if total and rows}
    over = {name: share for name, share in shares.items() if share > limit}
    if over:
        detail = ", ".join(f"{name}: {share:.1%}" for name, share in sorted(over.items()))
        return {
            "verdict": "refused",
            "reason": f"the plan touches more than {limit:.0%} of table(s) {detail}; review it with a dry "
            "run, then allow it explicitly with a higher max_share",
        }
    if not shares:
        return {"verdict": "passed", "reason": f"the plan touches no row (limit {limit:.0%} of a table)"}
    name, share = max(shares.items(), key=lambda item: (item[1], item[0]))
    return {
        "verdict": "passed",
        "reason": f"no table over the limit of {limit:.0%} (largest share: {name} {share:.1%})",
    }


def guard_step(ctx: SweepContext, plan: Plan, max_share: float | None) -> None:
    """Refuse a plan that touches more than ``max_share`` of any table (blast-radius guard)."""
    verdict = guard_verdict(ctx, plan, max_share)
    if verdict["verdict"] == "refused":
        raise GuardRefused(verdict["reason"])


def batches(ctx: SweepContext, plan: Plan) -> list[dict[str, Any]]:
    """The batches to apply, each with its rule, number (0-based), count and label
    (``R2 batch 3/12``: what the Airflow UI shows for each mapped apply task)."""
    size = ctx.loaded.policy.guard.batch_size
    work: list[dict[str, Any]] = []
    notices: list[dict[str, Any]] = []
    for r in plan.rules:
        count = (r.subjects + size - 1) // size
        kind = "purge" if r.kind == "purge" else "apply"
        work += [_batch(r.rule_id, n, count, kind) for n in range(count)]
        count = (r.notify + size - 1) // size
        notices += [_batch(r.rule_id, n, count, "notify") for n in range(count)]
    return work + notices


def _batch(rule_id: str, batch_no: int, count: int, kind: str) -> dict[str, Any]:
    what = "notices batch" if kind == "notify" else "batch"
    return {
        "rule_id": rule_id,
        "batch_no": batch_no,
        "batches": count,
        "kind": kind,
        "label": f"{rule_id} {what} {batch_no + 1}/{count}",
    }


def apply_step(
    ctx: SweepContext, plan: Plan, rule_id: str, batch_no: int, keyring: KeyRing, kind: str = "apply"
) -> dict[str, int]:
    """Apply one batch (one transaction, its evidence in the CRM outbox) and record it in the ledger.

    Safe to retry: evidence a crashed attempt left in the outbox goes to the ledger first, and a batch
    the ledger has as succeeded is not applied again (its recorded counts are returned)."""
    ctx.lock.ensure_held()  # a DAG task: renews the run's heartbeat, fails if the lock was taken over
    rule = next(r for r in plan.rules if r.rule_id == rule_id)
    if kind == "notify":
        return _notify(ctx, rule.notify_file, rule_id, batch_no, keyring)
    drain(ctx.binding, ctx.ledger, ctx.run_id)
    done = ctx.ledger.batch_rows(ctx.run_id, rule_id, batch_no)
    if done is not None:
        return done
    if kind == "purge":
        return _purge(ctx, rule_id, batch_no)
    if rule_id == SUPPRESSION_RULE:  # people erased on request, back in the CRM: everything, again
        scope = RuleScope(all=True)
    else:
        scope = next(r for r in ctx.loaded.policy.rules if r.id == rule_id).scope
    steps = build_steps(ctx.binding, scope, ctx.as_of, rule_id)
    keys = read_key_batch(Path(rule.keys_file), batch_no, ctx.loaded.policy.guard.batch_size)
    started = dt.datetime.now(dt.UTC)
    marked_at = dt.datetime(ctx.as_of.year, ctx.as_of.month, ctx.as_of.day)
    try:
        hashes = [keyring.subject_hash(k) for k in keys]
        evidence = BatchEvidence(ctx.binding, ctx.run_id, rule_id, batch_no, kind, hashes, len(keys))
        apply_batch(
            ctx.binding, steps, keys, ActionContext(keyring=keyring), marked_at, rule_id, evidence.seal
        )
    except Exception as exc:
        # the driver's message may quote row values: describe() keeps its first line, values hidden
        kind_, message = describe(exc, ctx.names)
        _record(ctx, rule_id, batch_no, len(keys), {}, started, "failed", f"{kind_}: {message}"[:500])
        permanent = is_permanent(exc)
        then = (
            "a retry cannot fix this: fix the cause, then run again"
            if permanent
            else "this may fix itself: a retry or the next run finishes the job"
        )
        raise BatchFailed(
            f"batch {batch_no + 1} of rule {rule_id} failed: {kind_}: {message}; the batch was rolled "
            f"back, earlier batches are kept; {then}",
            permanent=permanent,
        ) from None
    return evidence.publish(ctx.ledger)


def _notify(ctx: SweepContext, path: str, rule_id: str, batch_no: int, keyring: KeyRing) -> dict[str, int]:
    """Queue the notices of one batch in the ledger; the CRM is not changed."""
    started = dt.datetime.now(dt.UTC)
    keys = read_key_batch(Path(path), batch_no, ctx.loaded.policy.guard.batch_size)
    hashes = [keyring.subject_hash(k) for k in keys]
    queued = ctx.ledger.record_notices(ctx.run_id, rule_id, hashes, ctx.as_of)
    ctx.ledger.record_batch(
        ctx.run_id,
        BatchRecord(
            batch_no=batch_no,
            table_name="(notices)",
            rule_id=rule_id,
            action="notify",
            rows_planned=len(keys),
            rows_affected=queued,
            status="succeeded",
            started_at=started,
            finished_at=dt.datetime.now(dt.UTC),
        ),
        hashes,
    )
    return {}


def _purge(ctx: SweepContext, rule_id: str, batch_no: int) -> dict[str, int]:
    """Delete one batch of archived rows whose hold is over (set-based, one transaction)."""
    from crm_privacy.crm.archive import purge_batch

    evidence = BatchEvidence(ctx.binding, ctx.run_id, rule_id, batch_no, "purge", [])
    purge_batch(
        ctx.binding, rule_id.split(":", 1)[1], ctx.as_of, ctx.loaded.policy.guard.batch_size, evidence.seal
    )
    return evidence.publish(ctx.ledger)


def _record(
    ctx: SweepContext,
    rule_id: str,
    batch_no: int,
    planned: int,
    changed: dict[str, int],
    started: dt.datetime,
    status: str,
    error: str | None,
    hashes: list[str] | None = None,
) -> None:
    finished = dt.datetime.now(dt.UTC)
    records = [
        BatchRecord(
            batch_no=batch_no,
            table_name=table,
            rule_id=rule_id,
            action="apply",
            rows_planned=planned,
            rows_affected=changed.get(table, 0),
            status=status,
            started_at=started,
            finished_at=finished,
            error=error,
        )
        for table in (changed or {"*": 0})
    ]
    ctx.ledger.record_batches(ctx.run_id, records, hashes or [])


def check_step(ctx: SweepContext) -> dict[str, int]:
    """Post-check: re-planning on the same date must find nothing left to do."""
    ctx.lock.ensure_held()
    drain(ctx.binding, ctx.ledger, ctx.run_id)
    plan = make_plan(ctx.binding, ctx.as_of, ctx.workdir / "check", _notice_check(ctx))
    left = {f"{r.rule_id}:{t.table}": t.rows for r in plan.rules for t in r.tables if t.rows}
    return left


def finish_step(
    ctx: SweepContext,
    summary: dict[str, Any],
    *,
    status: str,
    error: str | None = None,
    dry_run: bool = False,
) -> str:
    """Close the run in the ledger, then free the lock; return the status the ledger has for it.

    A run the ledger does not know (its plan step failed before starting it: a lock held by another
    run, an unreadable key) is recorded now, so the ledger keeps its failure too. A run closed as
    ``interrupted`` meanwhile keeps that status."""
    try:
        drain(ctx.binding, ctx.ledger, ctx.run_id)
    except Exception as exc:  # the evidence stays in the CRM outbox: the next run's plan step moves it
        if status == "succeeded":
            status, error = "failed", f"batch evidence left in the CRM outbox ({type(exc).__name__})"
    if ctx.ledger.run_status(ctx.run_id) is None:
        ctx.ledger.start_run(
            ctx.run_id,
            job=JOB,
            crm=ctx.crm,
            policy_hash=ctx.loaded.sha256,
            policy_version=ctx.loaded.policy.version,
            as_of=ctx.as_of,
            dry_run=dry_run,
            params={"dry_run": dry_run},
        )
    final = ctx.ledger.finish_run(ctx.run_id, status=status, summary=summary, error=error)
    ctx.lock.release()  # not before: a run the ledger still has 'running' keeps its lock until found dead
    return final


def totals(changes: list[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for change in changes:
        for table, rows in change.items():
            out[table] = out.get(table, 0) + rows
    return out


__all__ = [
    "JOB",
    "SweepContext",
    "apply_step",
    "batches",
    "check_step",
    "crm_identity",
    "finish_step",
    "guard_step",
    "guard_verdict",
    "open_context",
    "plan_step",
    "totals",
]


def archive_step(ctx: SweepContext) -> list[dict[str, Any]]:
    """What the intermediate archive keeps after the run and when it will be purged (for the report)."""
    from crm_privacy.crm.archive import archive_outlook

    try:
        return archive_outlook(ctx.binding, ctx.as_of)
    except Exception as exc:  # the report says less; the run's result stands
        log.warning("archive outlook not read: %s", type(exc).__name__)
        return []
