"""Every row the CRM holds about one person, table by table, for an access or portability export.

One ``SELECT`` per policy table, on the subject's keys (``WHERE <link> IN (keys)``, the same link
conditions the sweep uses), plus the rows of an intermediate archive when it exists. Free text is
given back without other people's names, phones and e-mails (art. 15(4)), the person's own kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Table, select
from sqlalchemy.sql import visitors

from crm_privacy.crm.archive import EXTRA, archive_table
from crm_privacy.crm.binding import Binding
from crm_privacy.errors import PolicyError

#: category of the columns an archive table adds (why and until when a row is kept)
ARCHIVE_CATEGORY = "archive"


@dataclass
class Collected:
    """The rows of one table that belong to the person, with what describes each column."""

    name: str
    source: str  #: the policy table (an archive table's rows come from it)
    category: str
    columns: list[Column[Any]]
    categories: dict[str, str]  #: column -> data category of the policy
    rows: list[dict[str, Any]] = field(default_factory=list)
    archive: bool = False
    excluded: list[str] = field(default_factory=list)  #: columns left out (portability)


def collect(binding: Binding, keys: Sequence[Any]) -> list[Collected]:
    """The person's rows in every table the policy links to the subject, archives included."""
    match = _keys_match(list(keys))
    out: list[Collected] = []
    with binding.engine.connect() as conn:
        for name, tp in binding.linked_tables():
            table = binding.table(name)
            categories = _categories(binding, name)
            key = binding.key(name).name
            rows = _read(conn, table, binding.linked(name, match), key)
            out.append(Collected(name, name, tp.category, list(table.columns), categories, rows))
            if tp.archive is not None and binding.engine.dialect.has_table(conn, tp.archive.table):
                archive = archive_table(binding, name)
                condition = _on_table(binding.linked(name, match), table, archive)
                extra = dict.fromkeys(EXTRA, ARCHIVE_CATEGORY)
                rows = _read(conn, archive, condition, key)
                columns = list(archive.columns)
                out.append(
                    Collected(archive.name, name, tp.category, columns, {**categories, **extra}, rows, True)
                )
    return out


def portable(binding: Binding, tables: Sequence[Collected]) -> list[Collected]:
    """``tables`` without what the policy marks ``inferred`` (art. 20 covers what the person provided
    and what was observed): whole tables (``'*'``), or columns."""
    out = []
    for table in tables:
        inferred = _inferred(binding, table.source)
        if "*" in inferred:
            continue
        columns = [c for c in table.columns if c.name not in inferred]
        rows = [{c.name: row[c.name] for c in columns} for row in table.rows]
        excluded = [c.name for c in table.columns if c.name in inferred]
        out.append(replace(table, columns=columns, rows=rows, excluded=excluded))
    return out


def _keys_match(keys: list[Any]) -> Any:
    def match(column: ColumnElement[object]) -> ColumnElement[bool]:
        return column.in_(keys)

    return match


def _read(conn: Connection, table: Table, condition: ColumnElement[bool], key: str) -> list[dict[str, Any]]:
    query = select(table).where(condition).order_by(table.c[key])
    return [dict(row) for row in conn.execute(query).mappings()]


def _inferred(binding: Binding, name: str) -> set[str]:
    """The table's ``inferred`` columns, each checked against the CRM (a typo would export a score)."""
    names = set(binding.policy.tables[name].inferred)
    table = binding.table(name)
    missing = sorted(n for n in names - {"*"} if n not in table.c)
    if missing:
        raise PolicyError(
            f"tables.{name}.inferred: column(s) absent from the CRM table {name}: {', '.join(missing)}"
        )
    return names


def _categories(binding: Binding, name: str) -> dict[str, str]:
    """column -> data category: the declared one (``columns``, ``hold.columns``), else the table's."""
    tp = binding.policy.tables[name]
    declared = {**tp.columns, **(tp.hold.columns if tp.hold else {})}
    return {
        c.name: declared[c.name].category if c.name in declared else tp.category
        for c in binding.table(name).columns
    }


def _on_table(condition: ColumnElement[bool], table: Table, other: Table) -> ColumnElement[bool]:
    """``condition`` written on ``table``'s columns, rewritten on the same-named columns of ``other``
    (an archive table has its source table's columns: the same link finds the person's rows)."""

    def swap(element: Any, **_: Any) -> Any:
        if isinstance(element, Column) and element.table is table:
            return other.c[element.name]
        return None

    return visitors.replacement_traverse(condition, {}, swap)


def free_text_columns(binding: Binding, name: str) -> list[str]:
    """Columns of ``name`` the policy treats with ``scrub_text``: free text about people."""
    tp = binding.policy.tables[name]
    declared = {**tp.columns, **(tp.hold.columns if tp.hold else {})}
    return [column for column, spec in declared.items() if spec.action == "scrub_text"]
