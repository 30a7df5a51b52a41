"""The register of processing (RGPD art. 30) drawn from the policy: ``register.json`` and ``register.html``.

Only the policy and the product are read, never the CRM: the register holds no personal data and is
the same wherever it is rebuilt (``crm-privacy register``, and the DAGs at every run).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_privacy.errors import UsageError
from crm_privacy.policy.loader import LoadedPolicy
from crm_privacy.policy.model import (
    ColumnAction,
    Policy,
    Purpose,
    RetentionRule,
    Rule,
    RuleScope,
    TablePolicy,
)
from crm_privacy.report.html import render, thousands
from crm_privacy.report.i18n_register import FR, LANGUAGES
from crm_privacy.report.layout import REGISTER_DIR, REGISTER_HTML, REGISTER_JSON

SCHEMA_VERSION = 1


@dataclass
class Reach:
    """What a rule (or a legal hold) does to one table: its rows, and which personal columns."""

    rows: str | None = None  # delete, archive, delete_with_parent, hold; None: columns only
    columns: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)


def build_register(loaded: LoadedPolicy) -> dict[str, Any]:
    """The register as a JSON-able dict (``schema_version`` 1; labels in French, codes alongside)."""
    policy = loaded.policy
    purposes = [_purpose(policy, purpose) for purpose in policy.purposes]
    reached = {t["table"] for p in purposes for t in p["tables"]}
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "policy": {"file": loaded.path.name, "version": policy.version, "sha256": loaded.sha256},
        "crm": policy.crm,
        "controller": {"name": policy.controller, "dpo": policy.dpo},
        "purposes": purposes,
        # tables no rule and no hold reaches: kept with no retention limit the policy enforces
        "tables_without_purpose": [
            {"table": name, "category": tp.category}
            for name, tp in policy.tables.items()
            if name not in reached
        ],
        "legal_holds": _holds(policy),
        "security_measures": {
            "product": _product_measures(policy),
            "declared": list(policy.security_measures),
        },
    }


def rule_reach(policy: Policy, scope: RuleScope) -> dict[str, Reach]:
    """The tables and columns a rule of ``scope`` treats: the same choices as the planner's steps
    (``rules.steps.build_steps``, which needs the reflected schema; this reads the policy only)."""
    out: dict[str, Reach] = {}
    for name, tp in policy.tables.items():
        if tp.row_action in {"delete", "archive"} and _in_scope(scope, tp.category):
            out[name] = _whole_rows(tp, tp.row_action)
            continue
        columns = {c: a for c, a in tp.columns.items() if a.action != "keep" and _in_scope(scope, a.category)}
        with_parent = _deletes_a_parent(policy, tp, scope)
        if columns or with_parent:
            reach = Reach("delete_with_parent" if with_parent else None, set(columns), _categories(columns))
            if with_parent:
                reach.categories.add(tp.category)
            out[name] = reach
    return out


def _in_scope(scope: RuleScope, category: str) -> bool:
    return scope.all or category in scope.categories


def _deletes_a_parent(policy: Policy, tp: TablePolicy, scope: RuleScope) -> bool:
    """Polymorphic rows go with a parent the rule deletes outright (``steps._deleted_parent_types``)."""
    if tp.link.polymorphic is None:
        return False
    parents = tp.link.polymorphic.targets(policy.subject.table).values()
    return any(
        (p := policy.tables[name]).row_action == "delete" and p.hold is None and _in_scope(scope, p.category)
        for name in parents
    )


def _whole_rows(tp: TablePolicy, rows: str) -> Reach:
    columns = {**tp.columns, **(tp.hold.columns if tp.hold else {})}
    return Reach(rows, set(columns), {tp.category} | _categories(columns))


def _categories(columns: dict[str, ColumnAction]) -> set[str]:
    return {a.category for a in columns.values()}


def _purpose(policy: Policy, purpose: Purpose) -> dict[str, Any]:
    rules = [rule for rule in policy.rules if rule.purpose == purpose.id]
    reach: dict[str, Reach] = {}
    held = {
        n: _whole_rows(tp, "hold")
        for n, tp in policy.tables.items()
        if tp.hold and tp.hold.purpose == purpose.id
    }
    for each in [*(rule_reach(policy, rule.scope) for rule in rules), held]:
        for name, r in each.items():
            mine = reach.setdefault(name, Reach())
            mine.rows = mine.rows or r.rows
            mine.columns |= r.columns
            mine.categories |= r.categories
    code = purpose.legal_basis.value
    return {
        "id": purpose.id,
        "title": purpose.title,
        "legal_basis": {"code": code, "label": FR["legal_bases"][code]},
        "description": purpose.description,
        "data_subjects": list(purpose.data_subjects),
        "data_categories": sorted({c for r in reach.values() for c in r.categories}),
        "tables": [
            {"table": name, "rows": r.rows, "columns": sorted(r.columns), "categories": sorted(r.categories)}
            for name, r in sorted(reach.items(), key=lambda item: list(policy.tables).index(item[0]))
        ],
        "recipients": list(purpose.recipients),
        "transfers": [t.model_dump() for t in purpose.transfers],
        "retention": {
            **_period(str(purpose.retention)),
            "clock_starts": purpose.clock_starts,
            "at_expiry": purpose.at_expiry,
        },
        "rules": [_rule(policy, rule) for rule in rules],
        "consent": purpose.consent.model_dump() if purpose.consent else None,
    }


def _period(text: str) -> dict[str, Any]:
    return {"period": text, "amount": int(text[:-1]), "unit": text[-1]}


def _rule(policy: Policy, rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "kind": rule.kind,
        "scope": {"all": rule.scope.all, "categories": list(rule.scope.categories)},
        "clock": (
            [f"{c.table}.{c.column}" for c in rule.clock]
            if isinstance(rule, RetentionRule)
            else [f"{policy.subject.table}.{rule.collected_at}"]
        ),
        "notice_wait": str(rule.notice.wait) if isinstance(rule, RetentionRule) and rule.notice else None,
        "grace": None if isinstance(rule, RetentionRule) else str(rule.grace),
    }


def _holds(policy: Policy) -> list[dict[str, Any]]:
    return [
        {
            "table": name,
            "category": tp.category,
            "purpose": tp.hold.purpose,
            "legal_basis": tp.hold.legal_basis,
            **_period(str(tp.hold.period)),
            "starts_at": tp.hold.starts_at,
            "columns": sorted(tp.hold.columns),
            "archive": tp.archive.model_dump() if tp.archive else None,
        }
        for name, tp in policy.tables.items()
        if tp.hold is not None
    ]


def _product_measures(policy: Policy) -> list[dict[str, Any]]:
    """What crm-privacy itself does for security (art. 32), as the code does it; see docs/register.md."""
    measures: list[tuple[str, dict[str, Any]]] = [
        ("keyed_pseudonyms", {}),
        ("hash_chained_ledger", {}),
        ("no_personal_data_in_outputs", {}),
        ("blast_radius_guard", {"max_share": policy.guard.max_share}),
        ("atomic_batches", {"batch_size": policy.guard.batch_size}),
        ("validation_gate", {}),
        ("private_work_files", {}),
        ("one_run_at_a_time", {}),
    ]
    for name, tp in policy.tables.items():
        if tp.archive is not None and tp.archive.reader_role:
            measures.append(
                (
                    "archive_reader_role",
                    {"table": name, "archive": tp.archive.table, "role": tp.archive.reader_role},
                )
            )
    scrubbed = [
        f"{n}.{c}"
        for n, tp in policy.tables.items()
        for c, a in tp.columns.items()
        if a.action == "scrub_text"
    ]
    if scrubbed:
        measures.append(("free_text_scrubbing", {"columns": ", ".join(scrubbed)}))
    measures.append(("pii_discovery", {}))
    return [
        {"id": key, "params": params, "text": measure_text(key, params, "fr")} for key, params in measures
    ]


def measure_text(key: str, params: dict[str, Any], lang: str) -> str:
    words = {k: _shown(k, v, lang) for k, v in params.items()}
    return str(_words(lang)["measures"][key].format(**words))


def _shown(key: str, value: Any, lang: str) -> str:
    if key == "max_share":
        number = f"{float(value) * 100:g}"
        return f"{number.replace('.', ',')}\u202f%" if lang == "fr" else f"{number}%"
    return thousands(value, lang)


def _words(lang: str) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise UsageError(f"register language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return LANGUAGES[lang]


_PERIOD = re.compile(r"^(\d+)([ymd])$")


def period_words(text: str, lang: str) -> str:
    """``3y`` -> ``3 ans`` / ``3 years``."""
    match = _PERIOD.match(text)
    if not match:
        return text
    amount = int(match[1])
    one, many = _words(lang)["units"][match[2]]
    return f"{thousands(amount, lang)} {one if amount == 1 else many}"


def render_register_html(register: dict[str, Any], lang: str = "fr") -> str:
    """One self-contained HTML page of ``register`` in French (default) or English (escaped)."""
    t = _words(lang)
    return render(
        "register.html.j2",
        lang=lang,
        t=t,
        r=register,
        period=lambda text: period_words(text, lang),
        category=lambda code: f"{t['categories'][code]} ({code})" if code in t["categories"] else code,
        measure=lambda m: measure_text(m["id"], m["params"], lang),
    )


def write_register(loaded: LoadedPolicy, base_dir: Path, lang: str = "fr") -> Path:
    """Write ``<base_dir>/register/register.json`` and ``register.html``, each atomically (a reader never
    sees half a file); both are rendered before either is written. Returns the HTML path."""
    register = build_register(loaded)
    page = render_register_html(register, lang)
    directory = base_dir / REGISTER_DIR
    directory.mkdir(parents=True, exist_ok=True)
    _write_atomic(directory / REGISTER_JSON, json.dumps(register, ensure_ascii=False, indent=2) + "\n")
    _write_atomic(directory / REGISTER_HTML, page)
    return directory / REGISTER_HTML


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temp.open("x", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
