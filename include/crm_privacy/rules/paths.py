"""Rows of a policy table that belong to *the subject row of the enclosing query*, as joins.

:meth:`Binding.linked` is a condition on one table (what ``UPDATE`` and ``DELETE`` need). A question
asked for every subject row (a recent date? anything left to treat?) is written here as one
``EXISTS`` per way the table reaches the subject, over the joins of that way: a note on an
opportunity is ``EXISTS (SELECT FROM notes JOIN opportunities AS p ON p.id = notes.parent_id WHERE
notes.parent_type = 'opportunity' AND p.contact_id = contacts.id AND ...)``. Each step is an index
probe, a negated ``EXISTS`` is an anti-join, and nothing re-runs a nested subquery per row.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, FromClause, exists, literal, or_, select

from crm_privacy.crm.binding import Binding

#: one way to the subject: the joined tables, the column holding the subject key, type conditions
Path = tuple[FromClause, ColumnElement[object], list[ColumnElement[bool]]]


def subject_rows(binding: Binding, name: str, condition: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    """One ``EXISTS`` per way table ``name`` reaches the subject: "a row of ``name`` that satisfies
    ``condition`` (built on ``binding.table(name)``) belongs to the subject row of the enclosing query".
    Their OR is the question; negate each of them (an AND of ``NOT EXISTS``) for "none"."""
    table = binding.table(name)
    return [
        exists(
            select(binding.key(name))
            .select_from(joined)
            .where(holder == binding.subject_key, *along, condition)
        )
        for joined, holder, along in _paths(binding, name, table, table)
    ]


def organisation_rows(
    binding: Binding, name: str, table: FromClause, condition: ColumnElement[bool]
) -> list[ColumnElement[bool]]:
    """One ``EXISTS`` per way to the organisations (the subject's column, the join table): a row of ``name`` (the organisation table, or one of the organisation's tables),
    read as ``table`` (an alias: the organisation table may be the subject table itself), satisfies
    ``condition`` and belongs to one of the organisations of the subject row of the enclosing query."""
    org = binding.policy.subject.organisation
    assert org is not None
    holder = table.c[org.key] if name == org.table else table.c[org.tables[name]]
    out: list[ColumnElement[bool]] = []
    if org.column is not None:
        out.append(
            exists(
                select(literal(1))
                .select_from(table)
                .where(holder == binding.subject.c[org.column], condition)
            )
        )
    if org.join is not None:
        link = binding.table(org.join.table).alias()
        joined = table.join(link, link.c[org.join.organisation_column] == holder)
        out.append(
            exists(
                select(literal(1))
                .select_from(joined)
                .where(link.c[org.join.subject_column] == binding.subject_key, condition)
            )
        )
    return out


def any_subject_row(binding: Binding, name: str, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return or_(*subject_rows(binding, name, condition))


def _paths(binding: Binding, name: str, table: FromClause, joined: FromClause) -> Iterator[Path]:
    """Ways from ``table`` (the policy table ``name`` or an alias of it, already in ``joined``) to the
    column holding the subject key."""
    link = binding.policy.tables[name].link
    if link.subject:
        yield joined, table.c[binding.policy.tables[name].key], []
    elif link.fk is not None:
        yield joined, table.c[link.fk], []
    elif link.polymorphic is not None:
        poly = link.polymorphic
        for type_value, parent in poly.targets(binding.policy.subject.table).items():
            for way, holder, along in _parent(binding, table.c[poly.id_column], parent, joined):
                yield way, holder, [table.c[poly.type_column] == type_value, *along]
    else:
        column, parent = link.via_parts()
        yield from _parent(binding, table.c[column], parent, joined)


def _parent(
    binding: Binding, column: ColumnElement[object], parent: str, joined: FromClause
) -> Iterator[Path]:
    """Ways on from ``column``, which holds the key of a row of ``parent``."""
    if parent == binding.policy.subject.table:
        yield joined, column, []
        return
    alias = binding.table(parent).alias()
    on = alias.c[binding.policy.tables[parent].key] == column
    yield from _paths(binding, parent, alias, joined.join(alias, on))
