"""`crm-privacy policy check`: a policy read against a CRM, as the sweep will read it.

It loads the policy, reflects the tables it names and checks every table, column, key, date and link
(the checks every run makes before it locks anything), then prints how each table reaches the
subject, what happens to its rows, which rules reach it (the planner's own steps), the CRM's tables
the policy does not name, and the indexes a lookup by person lacks. It reads the schema only: no row
is read or changed. Exit codes: 0 the policy fits the CRM, 2 it does not (the message names the
table, column or key) or the CRM cannot be reached.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import Policy, TablePolicy

SUBJECT_ITSELF = "the subject itself"


def register(subparsers: Any) -> None:
    text = "a policy and a CRM: check one against the other, show how each table reaches the subject"
    p = subparsers.add_parser("policy", help=text, description=text)
    kinds = p.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    check = kinds.add_parser(
        "check",
        help="check a policy against a CRM's schema (reads no row) and show each table's path and rules",
    )
    check.add_argument("--policy", required=True, help="policy YAML (see docs/policy.md)")
    check.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM")
    check.add_argument("--json", action="store_true", help="print the result as one JSON object")
    check.set_defaults(func=_check)
    draft = kinds.add_parser(
        "draft",
        help="draft a starting policy from a CRM's schema and a sample of its text (a start: TODOs to decide)",
    )
    draft.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM")
    draft.add_argument("--subject", required=True, help="the table with one row per person (contacts...)")
    draft.add_argument("--out", help="write the draft to this file (refused if it exists); default: stdout")
    draft.add_argument(
        "--sample", type=int, default=200, help="rows sampled per text column by the PII discovery (0: none)"
    )
    draft.set_defaults(func=_draft)


def _draft(args: Any) -> int:
    from pathlib import Path

    from crm_privacy.crm.engine import make_engine
    from crm_privacy.errors import UsageError
    from crm_privacy.ledger import crm_identity
    from crm_privacy.policy.draft import draft_policy

    out = Path(args.out) if args.out else None
    if out is not None and out.exists():
        raise UsageError(f"--out: {out} exists: the draft never overwrites a policy")
    engine = make_engine(args.crm, crm=True)
    try:
        name = crm_identity(args.crm).rsplit("/", 1)[-1] or "crm"
        text = draft_policy(engine, args.subject, sample_rows=args.sample, crm_name=name)
    finally:
        engine.dispose()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(
            f"draft written to {out}: decide its TODOs, then crm-privacy policy check --policy {out} --crm URL"
        )
    return 0


def _check(args: Any) -> int:
    from crm_privacy.crm.binding import bind
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.errors import PolicyError
    from crm_privacy.ledger import crm_identity
    from crm_privacy.policy.loader import load_policy

    loaded = load_policy(args.policy)
    engine = make_engine(args.crm, crm=True)
    try:
        try:
            binding = bind(loaded.policy, engine)
        except PolicyError as exc:
            raise PolicyError(f"{loaded.path}: {exc}") from None
        result = describe(binding, dt.datetime.now(dt.UTC).date())
    finally:
        engine.dispose()
    result = {
        "policy": str(loaded.path),
        "version": loaded.policy.version,
        "crm": crm_identity(args.crm),
        **result,
    }
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print(result)
    return 0


def describe(binding: Binding, as_of: dt.date) -> dict[str, Any]:
    """What the check prints, as data: no CRM value, only names."""
    from sqlalchemy import inspect

    from crm_privacy.crm.indexes import missing_indexes
    from crm_privacy.policy.model import RetentionRule
    from crm_privacy.rules.steps import build_steps

    policy = binding.policy
    reached: dict[str, list[dict[str, Any]]] = {name: [] for name in policy.tables}
    rules = []
    for rule in policy.rules:
        steps = build_steps(binding, rule.scope, as_of, rule.id)
        actions: dict[str, set[str]] = {}
        for step in steps:
            actions.setdefault(step.table, set()).add(
                f"{step.kind} ({', '.join(sorted(step.columns))})" if step.kind == "update" else step.kind
            )
        for table, kinds in actions.items():
            reached[table].append({"rule": rule.id, "actions": sorted(kinds)})
        rules.append(
            {
                "rule": rule.id,
                "kind": "retention" if isinstance(rule, RetentionRule) else "consent",
                "purpose": rule.purpose,
                "clock": [
                    f"{c.table}.{c.column}" + (" (its organisations)" if c.organisation else "")
                    for c in rule.clock
                ]
                if isinstance(rule, RetentionRule)
                else [],
                "scope": "all" if rule.scope.all else list(rule.scope.categories),
                "tables": sorted(actions),
            }
        )
    tables = [
        {
            "table": name,
            "reaches_subject": _path(policy, name),
            "category": tp.category,
            "row_action": _row_action(tp),
            "personal_columns": sorted(c for c, a in tp.columns.items() if a.action != "keep"),
            "rules": reached[name],
        }
        for name, tp in policy.tables.items()
    ]
    named = set(policy.tables) | {policy.subject.table} | set(policy.minimisation) | set(policy.non_personal)
    if policy.subject.organisation is not None:
        org = policy.subject.organisation
        named |= {org.table, *org.tables} | ({org.join.table} if org.join else set())
    if policy.consents:
        named.add(policy.consents.table)
    existing = set(inspect(binding.engine).get_table_names())
    return {
        "subject": {
            "table": policy.subject.table,
            "key": policy.subject.key,
            "identifiers": [f"{i.column} ({i.kind})" for i in policy.subject.identifiers],
            "organisation": _organisation(policy),
        },
        "tables": tables,
        "rules": rules,
        "not_in_policy": sorted(
            t for t in existing - named if not t.startswith("crm_privacy_") and not _is_archive(policy, t)
        ),
        "missing_indexes": missing_indexes(binding),
    }


def _path(policy: Policy, name: str) -> list[str]:
    """How rows of ``name`` reach the subject, one line per way ("contact_id -> contacts")."""
    link = policy.tables[name].link
    subject = policy.subject.table
    if link.subject:
        return [SUBJECT_ITSELF]
    if link.fk is not None:
        return [f"{link.fk} -> {subject}"]
    if link.via is not None:
        column, parent = link.via_parts()
        return (
            [f"{column} -> {parent}, then {way}" for way in _path(policy, parent)]
            if parent != subject
            else [f"{column} -> {subject}"]
        )
    assert link.polymorphic is not None
    poly = link.polymorphic
    out = []
    for type_value, parent in poly.targets(subject).items():
        head = f"{poly.type_column} = {type_value!r}: {poly.id_column} -> {parent}"
        out += [head] if parent == subject else [f"{head}, then {way}" for way in _path(policy, parent)]
    return out


def _organisation(policy: Policy) -> str | None:
    org = policy.subject.organisation
    if org is None:
        return None
    ways = [f"{policy.subject.table}.{org.column}"] if org.column is not None else []
    if org.join is not None:
        ways.append(f"{org.join.table}.{org.join.subject_column} -> {org.join.organisation_column}")
    how = " and ".join(ways)
    tables = ", ".join(f"{t}.{c}" for t, c in org.tables.items())
    return f"{org.table} by {how}" + (f" (its tables: {tables})" if tables else "")


def _row_action(tp: TablePolicy) -> str:
    text: str = tp.row_action
    if tp.marker:
        text += f" (marker {tp.marker})"
    if tp.archive:
        text += f", archive {tp.archive.table}"
    if tp.hold:
        text += f", legal hold {tp.hold.legal_basis} {tp.hold.period} from {tp.hold.starts_at}"
    return text


def _is_archive(policy: Policy, table: str) -> bool:
    return any(tp.archive is not None and tp.archive.table == table for tp in policy.tables.values())


def _print(result: dict[str, Any]) -> None:
    subject = result["subject"]
    print(f"policy {result['policy']} (version {result['version']}) fits {result['crm']}")
    print(
        f"subject: {subject['table']} (key {subject['key']}; identifiers: {', '.join(subject['identifiers']) or 'none'})"
    )
    if subject["organisation"]:
        print(f"  belongs to organisations: {subject['organisation']}; no rule changes their rows")
    print("tables, how each reaches the subject, what happens to its rows, the rules that reach it:")
    for t in result["tables"]:
        print(f"  {t['table']} [{t['category']}]: {t['row_action']}")
        for way in t["reaches_subject"]:
            print(
                "      the subject table" if way == SUBJECT_ITSELF else f"      reaches the subject by {way}"
            )
        for r in t["rules"]:
            print(f"      {r['rule']}: {', '.join(r['actions'])}")
        if not t["rules"]:
            print("      no rule reaches it")
    print("rules:")
    for r in result["rules"]:
        scope = "all categories" if r["scope"] == "all" else ", ".join(r["scope"])
        clock = f"; clock {', '.join(r['clock'])}" if r["clock"] else ""
        print(
            f"  {r['rule']} ({r['kind']}, purpose {r['purpose']}{clock}; scope {scope}): {', '.join(r['tables']) or 'no table'}"
        )
    if result["not_in_policy"]:
        print(f"tables of the CRM the policy does not name: {', '.join(result['not_in_policy'])}")
    for index in result["missing_indexes"]:
        print(
            f"index missing on {index['table']}({', '.join(index['columns'])}): {index['why']}; {index['create']}"
        )
