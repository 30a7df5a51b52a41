"""What a rule does to each table: delete rows, or update columns (with a 'still pending' condition).

Steps are built from the policy once per rule; the planner counts them, the applier executes them,
both with the same SQL conditions, so the dry run and the real run agree by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, false, or_, true

from crm_privacy.crm.binding import Binding
from crm_privacy.crm.subjects import subject_key_of
from crm_privacy.errors import PolicyError
from crm_privacy.policy.model import ColumnAction, RuleScope, TablePolicy
from crm_privacy.rules.calendar import expiry_cutoff
from crm_privacy.rules.dates import on_or_after
from crm_privacy.transform.base import Action, build_action


@dataclass
class TableStep:
    table: str
    kind: Literal["delete", "update", "archive"]
    #: extra row condition (legal hold in force, or not), besides the link to the subjects
    condition: ColumnElement[bool] = field(default_factory=true)
    columns: dict[str, Action] = field(default_factory=dict)
    marker: str | None = None
    label: str = ""
    #: (planning only) a condition on the subject row: the rows of such subjects are deleted by an
    #: earlier rule of the same run (a narrower rule first, then one with scope ``all``), so this
    #: step must not count them a second time
    left_to_earlier: ColumnElement[bool] | None = None

    def pending(self, binding: Binding) -> ColumnElement[bool]:
        """Rows that still need this step: deleting or archiving is pending while rows exist."""
        if self.kind in {"delete", "archive"}:
            return true()
        table = binding.table(self.table)
        if self.marker:
            return table.c[self.marker].is_(None)
        conditions = [a.pending(table.c[c]) for c, a in self.columns.items()]
        return or_(*[c for c in conditions if c is not None]) if conditions else false()

    @property
    def action_name(self) -> str:
        if self.kind in {"delete", "archive"}:
            return self.kind
        return self.label or "update"


def build_steps(binding: Binding, scope: RuleScope, as_of: dt.date, rule_id: str) -> list[TableStep]:
    steps: list[TableStep] = []
    done: set[str] = set()
    for name, tp in binding.linked_tables():
        own = _table_steps(binding, name, tp, scope, as_of, rule_id)
        orphaned = _deleted_parent_types(binding, tp, scope)
        if orphaned and tp.link.polymorphic is not None:
            _refuse_parents_deleted_first(binding, name, tp, orphaned, done, rule_id)
            # rows attached to a parent this rule deletes would point at nothing: they go with it
            type_column = binding.table(name).c[tp.link.polymorphic.type_column]
            steps.append(TableStep(name, "delete", condition=type_column.in_(orphaned)))
            for step in own:
                step.condition = and_(step.condition, type_column.not_in(orphaned))
        steps.extend(own)
        done.add(name)
    return steps


def _refuse_parents_deleted_first(
    binding: Binding, name: str, tp: TablePolicy, orphaned: list[str | int], done: set[str], rule_id: str
) -> None:
    """Rows attached to a parent the rule deletes are found through that parent, so they must go first;
    a foreign key from the parent's table to this one (vtiger: ``vtiger_potential.potentialid ->
    vtiger_crmentity.crmid``) makes the database delete the parent first. Refused, naming both."""
    assert tp.link.polymorphic is not None
    parents = tp.link.polymorphic.targets(binding.policy.subject.table)
    first = sorted({parents[t] for t in orphaned if parents[t] in done})
    if first:
        raise PolicyError(
            f"tables.{name}: rule {rule_id} deletes {', '.join(first)} outright, whose rows hold a FOREIGN "
            f"KEY to {name}, while {name} rows are attached to them by type and id: the database deletes "
            f"the {', '.join(first)} rows first and the attached {name} rows could no longer be found. "
            f"Give {', '.join(first)} row_action: anonymise (or keep), or remove that foreign key"
        )


def _deleted_parent_types(binding: Binding, tp: TablePolicy, scope: RuleScope) -> list[str | int]:
    """Type values of a polymorphic link whose parent rows the rule deletes outright."""
    if tp.link.polymorphic is None:
        return []
    out = []
    for type_value, parent in tp.link.polymorphic.targets(binding.policy.subject.table).items():
        ptp = binding.policy.tables[parent]
        if ptp.row_action == "delete" and ptp.hold is None and _in_scope(scope, ptp.category):
            out.append(type_value)
    return out


def _in_scope(scope: RuleScope, category: str) -> bool:
    return scope.all or category in scope.categories


def _table_steps(
    binding: Binding, name: str, tp: TablePolicy, scope: RuleScope, as_of: dt.date, rule_id: str
) -> list[TableStep]:
    where = f"tables.{name}"
    table = binding.table(name)
    held: ColumnElement[bool] = false()
    if tp.hold is not None:
        cutoff = expiry_cutoff(as_of, tp.hold.period)
        held = on_or_after(binding.engine.dialect.name, table.c[tp.hold.starts_at], cutoff)
    steps: list[TableStep] = []
    if tp.row_action in {"delete", "archive"} and _in_scope(scope, tp.category):
        # rows past their legal hold (or without one) go; rows still held stay, minimised, either
        # in place or moved to the intermediate archive
        steps.append(TableStep(name, "delete", condition=~held if tp.hold else true()))
        if tp.hold is not None:
            columns = _actions(tp.hold.columns, RuleScope(all=True), f"{where}.hold")
            if tp.row_action == "archive":
                steps.append(TableStep(name, "archive", condition=held, columns=columns))
            elif columns:
                steps.append(TableStep(name, "update", condition=held, columns=columns, label="hold"))
        return steps
    if tp.hold is not None and tp.row_action in {"anonymise", "keep"} and _in_scope(scope, tp.category):
        # rows still under the legal obligation keep what it needs: only the hold's columns are
        # treated; the table's own treatment waits for the hold to end
        hold_columns = _actions(tp.hold.columns, RuleScope(all=True), f"{where}.hold")
        if hold_columns:
            steps.append(TableStep(name, "update", condition=held, columns=hold_columns, label="hold"))
    columns = _actions(tp.columns, scope, where)
    if not columns:
        return steps
    treated = {c for c, a in tp.columns.items() if a.action != "keep"}
    covers_all = treated <= set(columns)
    marker = tp.marker if (tp.marker and covers_all and tp.row_action == "anonymise") else None
    step = TableStep(
        name,
        "update",
        condition=~held if tp.hold and tp.row_action in {"anonymise", "keep"} else true(),
        columns=columns,
        marker=marker,
        label="anonymise" if marker else "minimise",
    )
    if marker is None and any(a.pending(table.c[c]) is None for c, a in columns.items()):
        raise PolicyError(
            f"{where}: rule {rule_id} treats column(s) whose treatment cannot be recognised afterwards "
            f"({', '.join(c for c, a in columns.items() if a.pending(table.c[c]) is None)}); declare a "
            "marker: column on this table and include all its personal columns in the rule's scope"
        )
    steps.append(step)
    return steps


def _actions(columns: dict[str, ColumnAction], scope: RuleScope, where: str) -> dict[str, Action]:
    out: dict[str, Action] = {}
    for column, spec in columns.items():
        if spec.action == "keep" or not _in_scope(scope, spec.category):
            continue
        out[column] = build_action(spec.action, dict(spec.params), where=f"{where}.columns.{column}")
    return out


def subject_of(binding: Binding, name: str) -> Any:
    """SQL expression giving, on each row of ``name``, the key of the subject it belongs to (for
    per-subject values: ``fake``, and the subject's own values in ``scrub_text``), for every link
    kind: a note attached to an opportunity gives the opportunity's contact, not the opportunity."""
    return subject_key_of(binding, name)
