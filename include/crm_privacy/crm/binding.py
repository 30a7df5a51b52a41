"""Bind a policy to a live CRM: reflect the tables it names, check every name, link rows to subjects.

Identifiers from the policy are only used after they were found in the reflected schema, so SQL is
always built from reflected ``Table``/``Column`` objects (quoted by SQLAlchemy), never from text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from graphlib import TopologicalSorter

from sqlalchemy import Column, ColumnElement, Engine, FromClause, MetaData, Table, and_, or_, select
from sqlalchemy.exc import SQLAlchemyError

from crm_privacy.crm.column_checks import integer_type_values
from crm_privacy.crm.schema_checks import check_schema
from crm_privacy.errors import ConnectionFailed, PolicyError
from crm_privacy.policy.model import ConsentRule, Policy, RetentionRule, TablePolicy

#: Given a column that holds a subject key, return the condition "this key is one of ours".
KeyMatch = Callable[[ColumnElement[object]], ColumnElement[bool]]


@dataclass
class Binding:
    policy: Policy
    metadata: MetaData
    engine: Engine

    @property
    def subject(self) -> Table:
        return self.metadata.tables[self.policy.subject.table]

    @property
    def subject_key(self) -> Column[object]:
        return self.subject.c[self.policy.subject.key]

    def table(self, name: str) -> Table:
        return self.metadata.tables[name]

    def key(self, name: str) -> Column[object]:
        return self.table(name).c[self.policy.tables[name].key]

    def linked(self, name: str, match: KeyMatch) -> ColumnElement[bool]:
        """Condition on table ``name``: the row belongs to a subject whose key satisfies ``match``.

        ``match`` is a key list (``col IN (...)``) or correlated to the subject row of an enclosing
        query (``col == subject.key``). A row reached through a parent (``via``, or a polymorphic
        parent other than the subject) is linked by ``row.column IN (SELECT p.key FROM parent AS p
        WHERE <p linked>)``, recursively: each parent gets an alias of its own and every other table
        (the subject's, for a correlated ``match``) is correlated to the enclosing statement at
        whatever depth, so "the parents of this subject" never reads "the parents of any subject".
        With a key list the subquery is uncorrelated: the server hashes or semi-joins it once."""
        return self._linked(self.table(name), name, match)

    def _linked(self, table: FromClause, name: str, match: KeyMatch) -> ColumnElement[bool]:
        link = self.policy.tables[name].link
        if link.subject:
            return match(table.c[self.policy.tables[name].key])
        if link.fk is not None:
            return match(table.c[link.fk])
        if link.polymorphic is not None:
            poly = link.polymorphic
            return or_(
                *[
                    and_(
                        table.c[poly.type_column] == type_value,
                        self._through(table.c[poly.id_column], parent, match),
                    )
                    for type_value, parent in poly.targets(self.policy.subject.table).items()
                ]
            )
        column, parent = link.via_parts()
        return self._through(table.c[column], parent, match)

    def _through(self, column: ColumnElement[object], parent: str, match: KeyMatch) -> ColumnElement[bool]:
        """``column`` holds the key of a row of ``parent`` that belongs to a subject matched by ``match``."""
        if parent == self.policy.subject.table:
            return match(column)
        alias = self.table(parent).alias()
        rows = select(alias.c[self.policy.tables[parent].key]).where(self._linked(alias, parent, match))
        return column.in_(rows.correlate_except(alias))

    def delete_order(self) -> list[str]:
        """Policy tables, children before parents: reflected foreign keys and declared links (a note
        attached to an opportunity is treated before the opportunity is deleted).

        A foreign key is what the database enforces, so it wins: a declared link that says the
        opposite (vtiger's ``vtiger_crmentity`` row of a record is attached to the record by type and
        id, yet the record's table holds the foreign key to it) is left out of the order rather than
        closing a cycle. :func:`crm_privacy.rules.steps.build_steps` refuses a rule that would then
        delete such a parent before the rows attached to it."""
        after: dict[str, set[str]] = {name: set() for name in self.policy.tables}
        for table in self.metadata.tables.values():
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                known = parent in after and table.name in after and parent != table.name
                # a cycle of foreign keys (rare, both nullable): the first one found is kept
                if known and not _reaches(after, table.name, parent):
                    after[parent].add(table.name)
        for name, tp in self.policy.tables.items():
            for parent in _declared_parents(self.policy, name, tp):
                if parent in after and parent != name and not _reaches(after, name, parent):
                    after[parent].add(name)
        return list(TopologicalSorter(after).static_order())

    def linked_tables(self) -> Iterator[tuple[str, TablePolicy]]:
        for name in self.delete_order():
            yield name, self.policy.tables[name]


def _reaches(after: dict[str, set[str]], start: str, goal: str) -> bool:
    """Whether ``goal`` must already come before ``start`` (``after[x]``: the tables before ``x``):
    then putting ``start`` before ``goal`` would close a cycle."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(after.get(node, ()))
    return False


def _declared_parents(policy: Policy, name: str, tp: TablePolicy) -> list[str]:
    link = tp.link
    if link.fk is not None:
        return [policy.subject.table]
    if link.via is not None:
        return [link.via_parts()[1]]
    if link.polymorphic is not None:
        return list(link.polymorphic.targets(policy.subject.table).values())
    return []


def bind(policy: Policy, engine: Engine) -> Binding:
    """Reflect the policy's tables and check every table and column it names."""
    metadata = MetaData()
    wanted = _tables_named(policy)
    try:
        with engine.connect() as conn:
            existing = set(engine.dialect.get_table_names(conn))
            missing = sorted(wanted - existing)
            if missing:
                raise PolicyError(
                    f"the policy names table(s) absent from the CRM: {', '.join(missing)} "
                    f"(the CRM has: {', '.join(sorted(existing)) or 'no tables'})"
                )
            metadata.reflect(conn, only=sorted(wanted))
    except SQLAlchemyError as exc:
        raise ConnectionFailed(f"cannot read the CRM schema: {type(exc).__name__}") from exc
    problems = [
        f"{table}.{column} ({where})"
        for table, column, where in _columns_named(policy)
        if column not in metadata.tables[table].c
    ]
    if problems:
        raise PolicyError("the policy names column(s) absent from the CRM: " + "; ".join(problems))
    check_schema(policy, metadata, engine.dialect)  # keys unique, dates, markers, where values
    return Binding(policy=integer_type_values(policy, metadata), metadata=metadata, engine=engine)


def _tables_named(policy: Policy) -> set[str]:
    names = set(policy.tables) | {policy.subject.table}
    org = policy.subject.organisation
    if org is not None:
        names |= {org.table, *org.tables} | ({org.join.table} if org.join else set())
    if policy.consents:
        names.add(policy.consents.table)
    names |= set(policy.minimisation) | set(policy.non_personal)
    return names


def _columns_named(policy: Policy) -> Iterator[tuple[str, str, str]]:
    subject = policy.subject.table
    yield subject, policy.subject.key, "subject.key"
    for ident in policy.subject.identifiers:
        yield subject, ident.column, "subject.identifiers"
    org = policy.subject.organisation
    if org is not None:
        yield org.table, org.key, "subject.organisation.key"
        if org.column is not None:
            yield subject, org.column, "subject.organisation.column"
        if org.join is not None:
            yield org.join.table, org.join.subject_column, "subject.organisation.join"
            yield org.join.table, org.join.organisation_column, "subject.organisation.join"
        for table, column in org.tables.items():
            yield table, column, f"subject.organisation.tables.{table}"
    for name, tp in policy.tables.items():
        yield name, tp.key, f"tables.{name}.key"
        if tp.marker:
            yield name, tp.marker, f"tables.{name}.marker"
        for column in tp.columns:
            yield name, column, f"tables.{name}.columns"
        if tp.hold:
            yield name, tp.hold.starts_at, f"tables.{name}.hold.starts_at"
            for column in tp.hold.columns:
                yield name, column, f"tables.{name}.hold.columns"
        link = tp.link
        if link.fk:
            yield name, link.fk, f"tables.{name}.link.fk"
        if link.polymorphic:
            yield name, link.polymorphic.type_column, f"tables.{name}.link.polymorphic"
            yield name, link.polymorphic.id_column, f"tables.{name}.link.polymorphic"
        if link.via:
            yield name, link.via_parts()[0], f"tables.{name}.link.via"
    for rule in policy.rules:
        for column in rule.where:
            yield subject, column, f"rules.{rule.id}.where"
        if isinstance(rule, RetentionRule):
            for src in rule.clock:
                yield src.table, src.column, f"rules.{rule.id}.clock"
                for column in [*src.where, *src.exclude]:
                    yield src.table, column, f"rules.{rule.id}.clock"
        if isinstance(rule, ConsentRule):
            yield subject, rule.collected_at, f"rules.{rule.id}.collected_at"
    if policy.consents:
        c = policy.consents
        for column in (
            c.subject_fk,
            c.purpose_column,
            c.status_column,
            c.given_at,
            c.withdrawn_at,
            c.text_version,
            c.mechanism,
        ):
            yield c.table, column, "consents"
    for table, columns in policy.minimisation.items():
        for column in columns:
            yield table, column, "minimisation"
    for table, columns in policy.non_personal.items():
        for column in columns:
            yield table, column, "non_personal"
