"""The sweep's gate: after the batches, the Great Expectations suite proves the result.

The same step for the DAG's ``check`` task and for ``crm-privacy sweep``: re-plan the run date
(nothing may be left), run the suite written from the policy, record every expectation's outcome in
the ledger (``validations``) and build the run's Data Docs site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from crm_privacy.ledger import Ledger
from crm_privacy.ledger.schema import notices
from crm_privacy.policy.model import Policy, RetentionRule
from crm_privacy.rules.calendar import add_period
from crm_privacy.rules.planner import Plan
from crm_privacy.sweep.job import SweepContext, check_step
from crm_privacy.validate.gate import GateResult, RunEvidence, run_gate

#: What a dry run's summary says instead of a validation block.
NOT_RUN = {"passed": None, "status": "not run", "reason": "a dry run changes nothing: nothing to validate"}


def pending_notices(ledger: Ledger, policy: Policy, as_of: dt.date) -> dict[str, int]:
    """Per rule with a notice, the people warned less than its wait before ``as_of``: their data may
    still be there (the rule acts when the wait is over)."""
    out: dict[str, int] = {}
    rules = [r for r in policy.rules if isinstance(r, RetentionRule) and r.notice is not None]
    with ledger.engine.connect() as conn:  # one connection for every rule
        for rule in rules:
            assert rule.notice is not None
            since = add_period(as_of, rule.notice.wait, sign=-1)
            query = select(func.count(func.distinct(notices.c.subject_hash))).where(
                notices.c.rule_id == rule.id, notices.c.queued_on > since, notices.c.queued_on <= as_of
            )
            out[rule.id] = int(conn.execute(query).scalar_one())
    return out


def gate_step(
    ctx: SweepContext,
    plan: Plan,
    affected: Mapping[str, int],
    docs_dir: Path | None,
    orphans_before: Mapping[str, int] | None = None,
) -> tuple[GateResult, dict[str, int]]:
    """Re-plan, run the suite, record its results in the ledger; return them and the re-plan's
    leftovers ("rule:table" -> rows)."""
    left = check_step(ctx)
    evidence = RunEvidence(
        planned=[{"rule_id": r.rule_id, "tables": [asdict(t) for t in r.tables]} for r in plan.rules],
        affected=dict(affected),
        pending_notices=pending_notices(ctx.ledger, ctx.loaded.policy, ctx.as_of),
        replan_left=left,
        orphans_before=orphans_before,
    )
    url = ctx.binding.engine.url.render_as_string(hide_password=False)
    result = run_gate(ctx.binding, url, ctx.as_of, evidence=evidence, docs_dir=docs_dir, run_name=ctx.run_id)
    ctx.lock.ensure_held()  # the gate may take a while on a large CRM: the run still owns the lock
    ctx.ledger.record_validations(ctx.run_id, result.results)
    return result, left


def orphans_before(ctx: SweepContext) -> dict[str, int]:
    """Rows pointing at a missing parent before the run applies anything: the gate then fails only
    when the run adds some (a CRM may hold a few, written by another tool)."""
    from crm_privacy.validate.gate import orphans_now

    return orphans_now(ctx.binding, ctx.as_of)


def summary_fields(result: GateResult, left: Mapping[str, int]) -> dict[str, Any]:
    """What the run's summary says about its check."""
    return {
        "post_check": {"rows_left": sum(left.values()), "details": dict(left)},
        "check": "passed" if result.passed else "failed",
        "validation": result.block(),
    }
