"""``report.json``: what one run did, in a versioned schema (docs/reports.md), built from the run's
summary (counts only), the ledger's record of the run and of the runs before it, and the policy.

The builder copies counts, rule ids, table and column names, and the policy's own words (titles, legal
bases): nothing it reads holds a CRM value, and it adds none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from crm_privacy.policy.model import Policy
from crm_privacy.report import decisions
from crm_privacy.report.i18n import ACTIONS, LEGAL_BASES, Lang
from crm_privacy.report.layout import SCHEMA_VERSION

TREND_RUNS = 30


def build_report(
    summary: Mapping[str, Any],
    *,
    job: str,
    dag_id: str | None,
    lang: Lang = "fr",
    run: Mapping[str, Any] | None = None,
    policy: Policy | None = None,
    policy_sha256: str | None = None,
    history: Sequence[Mapping[str, Any]] = (),
    logical_date: str | None = None,
    data_docs: str | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The report of one run. ``run`` is the ledger's row of the run (times, policy hash), ``history``
    the ledger's rows of this job's runs, newest first (the trend); both may be missing (a run the
    ledger could not record)."""
    run = run or {}
    dry_run = bool(summary.get("dry_run"))
    status = str(summary.get("status") or run.get("status") or "failed")
    rules = [_rule(r, policy, lang) for r in summary.get("rules") or []]
    started, finished = _iso(run.get("started_at")), _iso(run.get("finished_at"))
    validation = _validation(summary.get("validation"), data_docs)
    discovery = _discovery(summary) if job == "pii_discovery" else None
    items = [
        *decisions.rule_findings(summary.get("rules") or [], lang),
        *decisions.guard_finding(summary.get("guard"), dry_run, lang),
        *decisions.validation_findings(validation, lang),
        *decisions.discovery_findings(discovery, lang),
    ]
    failure = _failure(summary)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": "crm_privacy.run_report",
        "lang": lang,
        "job": job,
        "dag_id": dag_id,
        "run_id": str(summary.get("run_id") or run.get("run_id") or "unknown-run"),
        "status": status,
        "dry_run": dry_run,
        "as_of": _text(summary.get("as_of") or run.get("as_of")),
        "logical_date": logical_date,
        "started_at": started,
        "finished_at": finished,
        "duration_seconds": _duration(run.get("started_at"), run.get("finished_at")),
        "generated_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "policy": {
            "version": _text(summary.get("policy_version") or run.get("policy_version")),
            "sha256": policy_sha256 or _text(run.get("policy_hash")),
            "controller": policy.controller if policy else None,
            "crm": policy.crm if policy else None,
        },
        "totals": _totals(summary, rules, status, dry_run),
        "rules": rules,
        "holds": _holds(policy, rules, summary.get("archive") or [], summary.get("archived") or {}),
        "guard": dict(summary.get("guard") or {}) or None,
        "validation": validation,
        "discovery": discovery,
        "decisions": [i for i in items if i["severity"] == "decision"],
        "information": [i for i in items if i["severity"] != "decision"],
        "failure": failure,
        "simulation": summary.get("simulation"),
        "nothing_due": (summary.get("nothing_due") or {}).get("reason")
        if isinstance(summary.get("nothing_due"), Mapping)
        else None,
        "trend": _trend(history, job),
    }
    return report


def _rule(rule: Mapping[str, Any], policy: Policy | None, lang: Lang) -> dict[str, Any]:
    purpose_id = str(rule.get("purpose") or "")
    purpose = next((p for p in policy.purposes if p.id == purpose_id), None) if policy else None
    basis = str(rule.get("legal_basis") or (purpose.legal_basis if purpose else "") or "")
    return {
        "rule_id": rule.get("rule_id"),
        "title": rule.get("title"),
        "kind": rule.get("kind", "rule"),
        "purpose": purpose_id or None,
        "purpose_title": purpose.title if purpose else None,
        "legal_basis": basis or None,
        "legal_basis_label": LEGAL_BASES[lang].get(basis, basis) or None,
        "retention": str(purpose.retention) if purpose else None,
        "subjects": int(rule.get("subjects") or 0),
        "actions": [
            {
                "table": t.get("table"),
                "action": t.get("action"),
                "action_label": ACTIONS[lang].get(str(t.get("action")), str(t.get("action"))),
                "rows": int(t.get("rows") or 0),
                "table_rows": t.get("table_rows"),
            }
            for t in rule.get("tables") or []
        ],
        "findings": {k: int(v) for k, v in (rule.get("findings") or {}).items() if v},
        "notices": int(rule.get("notify") or 0),
    }


def _totals(
    summary: Mapping[str, Any], rules: list[dict[str, Any]], status: str, dry_run: bool
) -> dict[str, Any]:
    by_action: dict[str, int] = {}
    for rule in rules:
        for action in rule["actions"]:
            by_action[action["action"]] = by_action.get(action["action"], 0) + action["rows"]
    treated = 0 if dry_run else int(summary.get("rows_affected") or 0)
    return {
        "rows_planned": int(summary.get("rows_planned") or 0),
        "rows_treated": treated,
        "subjects": sum(r["subjects"] for r in rules),
        # what the plan gave each action; on a real run that succeeded, what was done (the gate proved
        # nothing is left)
        "by_action": {k: v for k, v in by_action.items() if v},
        "tables_treated": dict(summary.get("tables_affected") or {}) if not dry_run else {},
        "complete": status == "succeeded",
    }


def _holds(
    policy: Policy | None,
    rules: list[dict[str, Any]],
    outlook: Sequence[Mapping[str, Any]],
    archived: Mapping[str, int],
) -> list[dict[str, Any]]:
    """Each held table: its legal ground and period, what this run archived or purged (from its rules'
    actions, or ``archived`` for a request: table -> rows), and (real runs) what the archive keeps
    afterwards with its next and last purge dates."""
    if policy is None:
        return []
    kept = {str(o.get("table")): o for o in outlook}
    out = []
    for name, table in policy.tables.items():
        if table.hold is None:
            continue
        moved = {"archive": int(archived.get(name, 0)), "purge": 0}
        for rule in rules:
            for action in rule["actions"]:
                if action["table"] == name and action["action"] in moved:
                    moved[action["action"]] += action["rows"]
        out.append(
            {
                "table": name,
                "legal_basis": table.hold.legal_basis,
                "period": str(table.hold.period),
                "starts_at": table.hold.starts_at,
                "archive_table": table.archive.table if table.archive else None,
                "archive_reader": table.archive.reader_role if table.archive else None,
                "rows_archived": moved["archive"],
                "rows_purged": moved["purge"],
                "purge_date": f"{table.hold.starts_at} + {table.hold.period}",
                "archive_rows_kept": kept[name]["rows_kept"] if name in kept else None,
                "next_purge": kept[name]["next_purge"] if name in kept else None,
                "last_purge": kept[name]["last_purge"] if name in kept else None,
            }
        )
    return out


def _validation(block: Any, data_docs: str | None) -> dict[str, Any]:
    """The gate's block with every key present (``passed`` None: not run, with its reason)."""
    block = block if isinstance(block, Mapping) else {}
    passed = block.get("passed")
    return {
        "passed": passed,
        "status": block.get("status") or ("passed" if passed else "failed" if passed is False else "not run"),
        "reason": block.get("reason"),
        "expectations": int(block.get("expectations") or 0),
        "failed": list(block.get("failed") or []),
        "by_kind": dict(block.get("by_kind") or {}),
        "data_docs": data_docs if block.get("data_docs") else None,
    }


def _discovery(summary: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "compliant": summary.get("compliant"),
        "columns_sampled": summary.get("columns_sampled"),
        "undeclared": list(summary.get("undeclared") or []),
        "missing_declared": list(summary.get("missing_declared") or []),
    }


def _failure(summary: Mapping[str, Any]) -> dict[str, Any] | None:
    error = summary.get("error")
    if isinstance(error, Mapping):
        return {"step": error.get("step"), "type": error.get("type"), "message": error.get("message")}
    if error:
        return {"step": None, "type": None, "message": str(error)}
    return None


def _trend(history: Sequence[Mapping[str, Any]], job: str) -> list[dict[str, Any]]:
    """This job's last runs, oldest first: rows treated and decisions found (from their summaries)."""
    points = []
    for run in list(history)[:TREND_RUNS]:
        if run.get("job") not in (None, job):
            continue
        summary = run.get("summary") or {}
        if not isinstance(summary, Mapping):
            continue
        found = sum(
            int(v or 0) for r in summary.get("rules") or [] for v in (r.get("findings") or {}).values()
        )
        found += len(summary.get("undeclared") or [])
        points.append(
            {
                "run_id": run.get("run_id"),
                "as_of": _text(run.get("as_of")),
                "finished_at": _iso(run.get("finished_at")),
                "status": run.get("status"),
                "dry_run": bool(run.get("dry_run")),
                "rows_treated": 0 if run.get("dry_run") else int(summary.get("rows_affected") or 0),
                "findings": found,
            }
        )
    return points[::-1]


def _duration(start: Any, end: Any) -> float | None:
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return round((end - start).total_seconds(), 1)
    return None


def _iso(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return None if value is None else str(value)


def _text(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)


def index_entry(report: Mapping[str, Any], path: str, has_data_docs: bool) -> dict[str, Any]:
    """The line of the run in ``index.json``."""
    validation = report.get("validation") or {}
    return {
        "job": report["job"],
        "dag_id": report.get("dag_id"),
        "run_id": report["run_id"],
        "path": path,
        "status": report["status"],
        "dry_run": report["dry_run"],
        "as_of": report.get("as_of"),
        "started_at": report.get("started_at"),
        "finished_at": report.get("finished_at"),
        "rows_treated": report["totals"]["rows_treated"],
        "validation_passed": validation.get("passed"),
        "findings": len(report.get("decisions") or []),
        "report_html": f"{path}/report.html",
        "report_json": f"{path}/report.json",
        "data_docs": f"{path}/data_docs/index.html" if has_data_docs else None,
        "generated_at": report.get("generated_at"),
    }
