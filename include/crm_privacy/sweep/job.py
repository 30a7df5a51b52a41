"""The retention sweep as a sequence of steps shared by the CLI and the DAG: plan, guard, apply, check.

Each step takes plain values (paths, URLs, ids) so that an Airflow task can call it with what it got
from XCom; nothing personal is returned, only counts and file paths.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from crm_privacy.crm.binding import Binding, bind
from crm_privacy.crm.lock import CrmLock, Holder, LockMode
from crm_privacy.errors import BatchFailed, CrmPrivacyError, GuardRefused, PolicyError
from crm_privacy.ledger import BatchRecord, Ledger, PlanItemRecord
from crm_privacy.ledger.identity import crm_identity
from crm_privacy.policy.loader import LoadedPolicy, load_policy
from crm_privacy.policy.model import check_max_share
from crm_privacy.rules.notices import NoticeCheck
from crm_privacy.rules.planner import Plan, make_plan, read_key_batch
from crm_privacy.rules.steps import build_steps
from crm_privacy.sweep.apply import apply_batch
from crm_privacy.sweep.evidence import BatchEvidence, drain, drain_dead_run
from crm_privacy.transform.base import ActionContext
from crm_privacy.transform.keys import KeyRing

JOB = "retention_sweep"


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
        ctx.ledger.finish_run(ctx.run_id, status="failed", summary={}, error=_error_text(exc))
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


def _error_text(exc: Exception) -> str:
    """Our errors are written without personal data; others are reduced to their type."""
    return str(exc)[:500] if isinstance(exc, CrmPrivacyError) else type(exc).__name__


def _notice_check(ctx: SweepContext) -> NoticeCheck | None:
    return NoticeCheck(ctx.ledger, ctx.keyring, ctx.as_of) if ctx.keyring else None


def guard_step(ctx: SweepContext, plan: Plan, max_share: float | None) -> None:
    """Refuse a plan that touches more than ``max_share`` of any table (blast-radius guard)."""
    # a NaN limit would compare false with every share and silently let any plan through
    limit = ctx.loaded.policy.guard.max_share if max_share is None else check_max_share(max_share)
    touched: dict[str, tuple[int, int]] = {}
    for rule in plan.rules:
        for t in rule.tables:
            rows, total = touched.get(t.table, (0, t.table_rows))
            touched[t.table] = (rows + t.rows, total)
    over = {name: rows / total for name, (rows, total) in touched.items() if total and rows / total > limit}
    if over:
        detail = ", ".join(f"{name}: {share:.1%}" for name, share in sorted(over.items()))
        raise GuardRefused(
            f"the plan touches more than {limit:.0%} of table(s) {detail}; review it with a dry run, "
            "then allow it explicitly with a higher max_share"
        )


def batches(ctx: SweepContext, plan: Plan) -> list[dict[str, Any]]:
    size = ctx.loaded.policy.guard.batch_size
    work = [
        {"rule_id": r.rule_id, "batch_no": n, "kind": "purge" if r.kind == "purge" else "apply"}
        for r in plan.rules
        for n in range((r.subjects + size - 1) // size)
    ]
    notices = [
        {"rule_id": r.rule_id, "batch_no": n, "kind": "notify"}
        for r in plan.rules
        for n in range((r.notify + size - 1) // size)
    ]
    return work + notices


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
    policy_rule = next(r for r in ctx.loaded.policy.rules if r.id == rule_id)
    steps = build_steps(ctx.binding, policy_rule.scope, ctx.as_of, rule_id)
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
        _record(ctx, rule_id, batch_no, len(keys), {}, started, "failed", type(exc).__name__)
        # the driver's message may quote row values: only the error type leaves this function
        code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
        raise BatchFailed(
            f"batch {batch_no} of rule {rule_id} failed ({type(exc).__name__}{' ' + code if code else ''}); "
            "the batch was rolled back, earlier batches are kept, a new run finishes the job"
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


def finish_step(ctx: SweepContext, summary: dict[str, Any], *, status: str, error: str | None = None) -> None:
    try:
        drain(ctx.binding, ctx.ledger, ctx.run_id)
    except Exception as exc:  # the evidence stays in the CRM outbox: the next run's plan step moves it
        if status == "succeeded":
            status, error = "failed", f"batch evidence left in the CRM outbox ({type(exc).__name__})"
    ctx.ledger.finish_run(ctx.run_id, status=status, summary=summary, error=error)
    ctx.lock.release()  # not before: a run the ledger still has 'running' keeps its lock until found dead


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
    "open_context",
    "plan_step",
    "totals",
]
