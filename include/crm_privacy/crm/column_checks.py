"""Schema checks on column types (part of ``schema_checks``): link and consent columns, column actions.

- a link column (``fk``, ``via``, a polymorphic ``id_column``) and ``consents.subject_fk`` must hold
  the kind of key it points at (integer, text, uuid...): an integer key compared with text selects
  the wrong rows on SQLite and MariaDB and fails on PostgreSQL; a polymorphic ``type_column`` must be
  text, or an integer with integer type values; the consents' purpose, status, mechanism and text
  version columns must be text;
- each column action must fit its column (``Action.check``: NOT NULL, the kind it writes, VARCHAR(n)
  lengths), and no action may change a table's key or link columns: otherwise every run fails at the
  same batch, or SQLite stores text in an INTEGER column, or rows lose their link to the subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import Column, MetaData

from crm_privacy.errors import PolicyError
from crm_privacy.policy.model import Policy, Polymorphic, TablePolicy
from crm_privacy.transform.base import build_action, column_kind

if TYPE_CHECKING:
    from crm_privacy.crm.schema_checks import _Describer


def link_columns(tp: TablePolicy) -> set[str]:
    """The columns of a table that tie its rows to the subject (``link:``)."""
    link = tp.link
    if link.fk is not None:
        return {link.fk}
    if link.via is not None:
        return {link.via_parts()[0]}
    if link.polymorphic is not None:
        return {link.polymorphic.type_column, link.polymorphic.id_column}
    return set()


# -- link and consent columns ---------------------------------------------------------------------------


def link_type_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    subject = policy.subject
    for name, tp in policy.tables.items():
        link, path = tp.link, f"tables.{name}.link"
        if link.fk is not None:
            yield from _points_at(describe, f"{path}.fk", name, link.fk, subject.table, subject.key, policy)
        if link.via is not None:
            column, parent = link.via_parts()
            key = _key_of(policy, parent)
            if key is not None:
                yield from _points_at(describe, f"{path}.via", name, column, parent, key, policy)
        if link.polymorphic is not None:
            poly = link.polymorphic
            for parent in dict.fromkeys(poly.targets(subject.table).values()):
                key = _key_of(policy, parent)
                if key is not None:
                    where = f"{path}.polymorphic.id_column"
                    yield from _points_at(describe, where, name, poly.id_column, parent, key, policy)
            yield from _type_column(describe, f"{path}.polymorphic", name, poly, subject.table)
    if policy.consents is not None:
        c = policy.consents
        yield from _points_at(
            describe, "consents.subject_fk", c.table, c.subject_fk, subject.table, subject.key, policy
        )
        for field in ("purpose_column", "status_column", "mechanism", "text_version"):
            yield from _text(describe, f"consents.{field}", c.table, getattr(c, field))


def _key_of(policy: Policy, table: str) -> str | None:
    if table == policy.subject.table:
        return policy.subject.key
    tp = policy.tables.get(table)
    return tp.key if tp is not None else None  # an unknown parent is reported by the policy checks


def _points_at(
    describe: _Describer, where: str, table: str, name: str, parent: str, key: str, policy: Policy
) -> Iterator[str]:
    column, target = describe.column(table, name), describe.column(parent, key)
    ours, theirs = _family(column, describe), _family(target, describe)
    if ours != theirs:
        whose = "the subject key" if parent == policy.subject.table else f"the key of {parent}"
        yield (
            f"{where}: {describe(table, name)}, not compatible with {parent}.{key} "
            f"({describe.type_of(target)}), {whose}: {ours} is not {theirs}"
        )


def _family(column: Column[object], describe: _Describer) -> str:
    """The kind of values a key column holds; an unknown type is its rendered name without length."""
    kind = column_kind(column)
    return kind if kind is not None else re.sub(r"\(.*\)", "", describe.type_of(column)).strip()


def _type_column(
    describe: _Describer, where: str, table: str, poly: Polymorphic, subject: str
) -> Iterator[str]:
    """A polymorphic type column holds text, or integer type ids whose values must then be integers."""
    kind = column_kind(describe.column(table, poly.type_column))
    if kind == "integer":
        bad = [v for v in poly.targets(subject) if not _INTEGER.fullmatch(str(v))]
        if bad:
            yield (
                f"{where}: {describe(table, poly.type_column)}, so its type values must be integers, "
                f"not {', '.join(repr(v) for v in bad)}"
            )
    elif kind != "text":
        yield f"{where}.type_column: {describe(table, poly.type_column)}, not a text or integer column"


_INTEGER = re.compile(r"-?\d+")


def integer_type_values(policy: Policy, metadata: MetaData) -> Policy:
    """``policy`` with the type values of polymorphic links whose type column is an integer made
    integers (``"60"`` -> ``60``), so that every query compares integers with integers."""
    tables = dict(policy.tables)
    for name, tp in policy.tables.items():
        poly = tp.link.polymorphic
        if poly is None or column_kind(metadata.tables[name].c[poly.type_column]) != "integer":
            continue
        if not all(_INTEGER.fullmatch(str(v)) for v in poly.targets(policy.subject.table)):
            continue  # refused by the schema checks, with the values named
        update: dict[str, object] = {"parents": {int(k): t for k, t in poly.parents.items()}}
        if poly.type_value is not None:
            update["type_value"] = int(poly.type_value)
        link = tp.link.model_copy(update={"polymorphic": poly.model_copy(update=update)})
        tables[name] = tp.model_copy(update={"link": link})
    return policy.model_copy(update={"tables": tables})


def _text(describe: _Describer, where: str, table: str, name: str) -> Iterator[str]:
    if column_kind(describe.column(table, name)) != "text":
        yield f"{where}: {describe(table, name)}, not a text column"


# -- column actions -------------------------------------------------------------------------------------


def action_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    for name, tp in policy.tables.items():
        protected = {tp.key: "the table's key"}
        protected |= {c: "a link column (link:)" for c in sorted(link_columns(tp))}
        if policy.consents is not None and policy.consents.table == name:
            protected.setdefault(policy.consents.subject_fk, "the consents' subject_fk")
        sections = [(f"tables.{name}.columns", tp.columns)]
        if tp.hold is not None:
            sections.append((f"tables.{name}.hold.columns", tp.hold.columns))
        for path, columns in sections:
            for column, spec in columns.items():
                if spec.action == "keep":
                    continue
                where = f"{path}.{column}"
                try:
                    action = build_action(spec.action, dict(spec.params), where=where)
                except PolicyError as exc:
                    yield str(exc)
                    continue
                found = describe(name, column, nullability=True)
                if column in protected:
                    yield f"{where}: {found}, {protected[column]}: no action may change it"
                elif problem := action.check(describe.column(name, column)):
                    yield f"{where}: {found}, {problem}"
