"""Check that a policy fits the reflected CRM schema beyond names: keys, dates, markers, ``where`` values.

``bind`` calls ``check_schema`` once every table and column the policy names was found, before
anything is planned or locked. Each problem is one line naming the policy key path, the
``table.column`` and the type found (never a row value: no row is read here):

- a subject key or table key must be unique (primary key, single-column unique constraint or full
  unique index): a non-unique key would select and update every row sharing its value;
- clocks, ``collected_at``, ``hold.starts_at`` and the consents' dates must be dates or timestamps;
- a marker must be a nullable date or timestamp of its own: not treated, personal, a key, a link or
  a clock column (writing the marker would overwrite data or restart a clock);
- ``where`` and ``exclude`` values must have the column's type (a string for an integer column
  selects nobody on SQLite and MariaDB and fails on PostgreSQL);
- link and consent columns must hold the kind of key they point at, and each column action must fit
  its column's type, length and NOT NULL (``column_checks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

from sqlalchemy import Column, MetaData, Table, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.types import Date, DateTime, TypeEngine

from crm_privacy.crm.column_checks import action_problems, link_columns, link_type_problems
from crm_privacy.errors import PolicyError
from crm_privacy.policy.model import ConsentRule, Policy, RetentionRule, TablePolicy

#: where a column is used, for messages: (policy key path, table, column)
Use = tuple[str, str, str]


def check_schema(policy: Policy, metadata: MetaData, dialect: Dialect) -> None:
    """Raise ``PolicyError`` listing every problem, one per line; return if the policy fits."""
    problems = schema_problems(policy, metadata, dialect)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise PolicyError(f"{len(problems)} problem(s) in the policy against the CRM schema:\n{lines}")


def schema_problems(policy: Policy, metadata: MetaData, dialect: Dialect) -> list[str]:
    describe = _Describer(metadata, dialect)
    return [
        *_key_problems(policy, describe),
        *_date_problems(policy, describe),
        *_marker_problems(policy, describe),
        *_where_problems(policy, describe),
        *link_type_problems(policy, describe),
        *action_problems(policy, describe),
    ]


class _Describer:
    """Reflected columns and their types as the server spells them (``VARCHAR(20)``, ``BIGINT``)."""

    def __init__(self, metadata: MetaData, dialect: Dialect) -> None:
        self.metadata, self.dialect = metadata, dialect

    def table(self, name: str) -> Table:
        return self.metadata.tables[name]

    def column(self, table: str, name: str) -> Column[object]:
        return self.table(table).c[name]

    def type_of(self, column: Column[object]) -> str:
        try:
            return str(column.type.compile(dialect=self.dialect))
        except Exception:  # a type the dialect cannot render (NullType): its class name says enough
            return type(column.type).__name__.upper()

    def __call__(self, table: str, name: str, *, nullability: bool = False) -> str:
        column = self.column(table, name)
        null = " NOT NULL" if nullability and not column.nullable else ""
        return f"{table}.{name} is {self.type_of(column)}{null}"


# -- keys -----------------------------------------------------------------------------------------------


def _key_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    subject = policy.subject
    keys: list[Use] = [("subject.key", subject.table, subject.key)]
    keys += [(f"tables.{name}.key", name, tp.key) for name, tp in policy.tables.items()]
    for where, table, column in keys:
        if not is_unique(describe.table(table), column):
            yield (
                f"{where}: {table}.{column} is not unique: a key must be the primary key or have a "
                "single-column unique constraint or unique index (rows sharing a value would be "
                "treated together)"
            )
    own_key = policy.tables[subject.table].key
    if own_key != subject.key and is_unique(describe.table(subject.table), subject.key):
        yield (
            f"tables.{subject.table}.key: {subject.table}.{own_key} is not subject.key "
            f"({subject.table}.{subject.key}); the subject table's key must be the subject key"
        )


def is_unique(table: Table, name: str) -> bool:
    """``name`` alone is the primary key, a unique constraint or a unique index (not partial)."""
    if [c.name for c in table.primary_key.columns] == [name]:
        return True
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and [c.name for c in constraint.columns] == [name]:
            return True
    for index in table.indexes:
        partial = any(k.endswith("_where") and v is not None for k, v in index.dialect_kwargs.items())
        single = len(index.expressions) == 1 and [c.name for c in index.columns] == [name]
        if index.unique and single and not partial:
            return True
    return False


# -- dates ----------------------------------------------------------------------------------------------


def is_date(column: Column[object]) -> bool:
    """Date or timestamp: Date, DateTime, TIMESTAMP (SQLite: declared DATE, DATETIME, TIMESTAMP)."""
    return isinstance(column.type, Date | DateTime)


def date_uses(policy: Policy) -> Iterator[Use]:
    """Every column the policy reads as a date: clocks, collected_at, hold starts, consent dates."""
    for rule in policy.rules:
        if isinstance(rule, RetentionRule):
            for i, src in enumerate(rule.clock):
                yield f"rules.{rule.id}.clock[{i}]", src.table, src.column
        if isinstance(rule, ConsentRule):
            yield f"rules.{rule.id}.collected_at", policy.subject.table, rule.collected_at
    for name, tp in policy.tables.items():
        if tp.hold is not None:
            yield f"tables.{name}.hold.starts_at", name, tp.hold.starts_at
    if policy.consents is not None:
        c = policy.consents
        yield "consents.given_at", c.table, c.given_at
        yield "consents.withdrawn_at", c.table, c.withdrawn_at


def _date_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    for where, table, column in date_uses(policy):
        if not is_date(describe.column(table, column)):
            yield f"{where}: {describe(table, column)}, not a date or timestamp"


# -- markers --------------------------------------------------------------------------------------------


def _marker_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    for name, tp in policy.tables.items():
        if tp.marker is None:
            continue
        column = describe.column(name, tp.marker)
        where = f"tables.{name}.marker: {name}.{tp.marker}"
        if not is_date(column) or not column.nullable:
            yield (
                f"tables.{name}.marker: {describe(name, tp.marker, nullability=True)}, "
                "not a nullable date or timestamp"
            )
        elif conflict := _marker_conflict(policy, name, tp):
            yield f"{where} is {conflict}; the marker needs a column of its own"


def _marker_conflict(policy: Policy, name: str, tp: TablePolicy) -> str | None:
    """Why writing the marker would overwrite something the policy uses, if it would."""
    marker = tp.marker
    treated = set(tp.columns) | (set(tp.hold.columns) if tp.hold else set())
    personal = set(policy.minimisation.get(name, []))
    if name == policy.subject.table:
        personal |= {i.column for i in policy.subject.identifiers}
    if marker in treated:
        return "one of the table's treated columns (columns: or hold.columns)"
    if marker in personal:
        return "declared personal (subject.identifiers or minimisation)"
    if marker == tp.key:
        return "the table's key"
    if marker in link_columns(tp):
        return "a link column (link:)"
    for where, table, column in date_uses(policy):
        if (table, column) == (name, marker):
            return f"also the clock of {where}"
    return None


# -- where values ---------------------------------------------------------------------------------------


def where_uses(policy: Policy) -> Iterator[tuple[str, str, str, list[object], bool]]:
    """(key path, table, column, values, is_filter) for every value list of a rule: ``where`` lists
    select rows (an empty one selects none), ``exclude`` lists only remove some."""
    subject = policy.subject.table
    for rule in policy.rules:
        for column, values in rule.where.items():
            yield f"rules.{rule.id}.where.{column}", subject, column, values, True
        if isinstance(rule, RetentionRule):
            for i, src in enumerate(rule.clock):
                for column, values in src.where.items():
                    yield f"rules.{rule.id}.clock[{i}].where.{column}", src.table, column, values, True
                for column, values in src.exclude.items():
                    yield f"rules.{rule.id}.clock[{i}].exclude.{column}", src.table, column, values, False


def _where_problems(policy: Policy, describe: _Describer) -> Iterator[str]:
    for where, table, name, values, selects in where_uses(policy):
        column = describe.column(table, name)
        if selects and not values:
            yield f"{where}: an empty list selects no row of {table}.{name}"
        expected = expected_values(column, describe.dialect)
        for i, value in enumerate(values):
            if value is None:
                yield (
                    f"{where}[{i}]: {table}.{name}: null never matches in a value list "
                    "(SQL IN / NOT IN never match NULL)"
                )
            elif expected is not None and not expected[1](value):
                yield f"{where}[{i}]: {describe(table, name)}, expects {expected[0]}, got {kind_of(value)}"


def _no_bool(*types: type) -> Callable[[object], bool]:
    return lambda v: isinstance(v, types) and not isinstance(v, bool)


#: python type of a column -> (what a value must be, in words; the test)
_EXPECTED: dict[type, tuple[str, Callable[[object], bool]]] = {
    bool: ("a boolean", lambda v: isinstance(v, bool)),
    int: ("an integer", _no_bool(int)),
    float: ("a number", _no_bool(int, float, Decimal)),
    Decimal: ("a number", _no_bool(int, float, Decimal)),
    str: ("text", lambda v: isinstance(v, str)),
    dt.datetime: ("a date or timestamp", lambda v: isinstance(v, dt.date)),
    dt.date: ("a date", lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime)),
}


def expected_values(column: Column[object], dialect: Dialect) -> tuple[str, Callable[[object], bool]] | None:
    """What values of ``column`` look like in the policy; None for types not checked (UUID, JSON...)."""
    if _mysql_boolean(column.type, dialect):  # MariaDB/MySQL BOOLEAN is TINYINT(1): true, false, 0, 1
        return ("a boolean", lambda v: isinstance(v, int) and v in (0, 1))  # True/False are ints
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return None
    return _EXPECTED.get(python_type)


def _mysql_boolean(type_: TypeEngine[object], dialect: Dialect) -> bool:
    return (
        dialect.name in {"mysql", "mariadb"}
        and type(type_).__name__ == "TINYINT"
        and getattr(type_, "display_width", None) == 1
    )


def kind_of(value: object) -> str:
    """A policy value's kind in words (the value itself is never repeated)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float | Decimal):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a timestamp"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | dict):
        return "a list or mapping"
    return type(value).__name__
