"""Erasure (art. 17) of one located subject: every table the policy links to them, in one transaction,
through the sweep's own steps with the widest scope (``all``): rows are deleted or anonymised as the
policy says, rows under a legal hold are kept or moved to the archive with their legal ground and
purge date (art. 17(3)(b)). Then the subject's identifiers are removed from the free text of other
people's rows, and a search of every text column proves that nothing matches them any more outside
the legal archive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, any_, false, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import array as pg_array

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import RuleScope
from crm_privacy.rules.steps import build_steps
from crm_privacy.sweep.apply import apply_batch
from crm_privacy.sweep.evidence import BatchEvidence
from crm_privacy.transform.base import ActionContext
from crm_privacy.transform.keys import KeyRing

PLACEHOLDER = "[donnée effacée]"
_TEXT_TYPES = ("CHAR", "TEXT", "CLOB", "STRING")


@dataclass
class ErasureResult:
    changed: dict[str, int] = field(default_factory=dict)
    mentions_scrubbed: dict[str, int] = field(default_factory=dict)
    names_scrubbed: dict[str, int] = field(default_factory=dict)
    archived: dict[str, int] = field(default_factory=dict)  # of ``changed``: rows moved to an archive
    kept: list[dict[str, Any]] = field(default_factory=list)
    leftovers: dict[str, int] = field(default_factory=dict)
    found_identifiers: dict[str, set[str]] = field(default_factory=dict)


def planned_rows(binding: Binding, keys: Sequence[Any], as_of: dt.date) -> dict[str, int]:
    """What an erasure of ``keys`` would touch, per table (a dry run)."""
    steps = build_steps(binding, RuleScope(all=True), as_of, "request")
    out: dict[str, int] = {}
    match = _key_match(keys)
    with binding.engine.connect() as conn:
        for step in steps:
            table = binding.table(step.table)
            where = [binding.linked(step.table, match), step.condition]
            n = int(conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)
            out[step.table] = out.get(step.table, 0) + n
    return out


def subject_values(binding: Binding, keys: Sequence[Any]) -> list[str]:
    """The subject's identifier values as the CRM stores them (to find them in other rows' text)."""
    columns = [binding.subject.c[i.column] for i in binding.policy.subject.identifiers]
    if not columns:
        return []
    with binding.engine.connect() as conn:
        rows = conn.execute(select(*columns).where(binding.subject_key.in_(list(keys)))).all()
    return sorted({str(v).strip() for row in rows for v in row if v is not None and str(v).strip()})


def subject_identifiers(binding: Binding, keys: Sequence[Any]) -> dict[str, set[str]]:
    """kind -> the subject's identifier values in the CRM, normalised (for the suppression list: the
    person's customer reference blocks a re-import even when the request gave only the e-mail)."""
    from crm_privacy.transform.keys import normalise

    idents = binding.policy.subject.identifiers
    if not idents:
        return {}
    with binding.engine.connect() as conn:
        rows = conn.execute(
            select(*[binding.subject.c[i.column] for i in idents]).where(binding.subject_key.in_(list(keys)))
        ).all()
    out: dict[str, set[str]] = {}
    for row in rows:
        for ident, value in zip(idents, row, strict=True):
            if value is not None and str(value).strip():
                out.setdefault(ident.kind, set()).add(normalise(ident.kind, str(value)))
    return out


def erase(
    binding: Binding,
    keys: Sequence[Any],
    *,
    as_of: dt.date,
    keyring: KeyRing,
    evidence: BatchEvidence,
    reference: str,
    identifiers: Mapping[str, str],
) -> ErasureResult:
    """Erase the subjects ``keys`` (one transaction), scrub their identifiers and their names (where
    the detection engine tags them) from other rows' text, and search every text column for what is
    left of the identifiers."""
    from crm_privacy.requests.names import scrub_name_mentions, subject_name_words

    values = subject_values(binding, keys)
    names = subject_name_words(binding, keys)
    steps = build_steps(binding, RuleScope(all=True), as_of, reference)
    marked_at = dt.datetime(as_of.year, as_of.month, as_of.day)
    result = ErasureResult()
    result.found_identifiers = subject_identifiers(binding, keys)
    result.changed = apply_batch(
        binding, steps, list(keys), ActionContext(keyring=keyring), marked_at, reference, evidence.seal
    )
    result.archived = archived_by(binding, reference)
    result.mentions_scrubbed = scrub_mentions(binding, values, identifiers)
    result.names_scrubbed = scrub_name_mentions(binding, names, PLACEHOLDER)
    result.kept = kept_under_hold(binding, keys, as_of)
    result.leftovers = search(binding, identifiers, values)
    return result


def archived_by(binding: Binding, reference: str) -> dict[str, int]:
    """Rows moved to each table's archive by the request ``reference`` (its rule id in the archive)."""
    from crm_privacy.crm.archive import archive_table

    out: dict[str, int] = {}
    with binding.engine.connect() as conn:
        for name, tp in binding.policy.tables.items():
            if tp.archive is None or not binding.engine.dialect.has_table(conn, tp.archive.table):
                continue
            archive = archive_table(binding, name)
            rows = conn.scalar(
                select(func.count()).select_from(archive).where(archive.c.archived_by_rule == reference)
            )
            if rows:
                out[name] = int(rows)
    return out


def scrub_mentions(binding: Binding, values: Sequence[str], identifiers: Mapping[str, str]) -> dict[str, int]:
    """Replace the subject's identifiers in the free text of every row of the policy's tables (notes
    of other people that mention them); return rows changed per table."""
    patterns = _patterns(values, identifiers)
    if not patterns:
        return {}
    regex = re.compile("|".join(patterns), re.IGNORECASE)
    changed: dict[str, int] = {}
    with binding.engine.begin() as conn:
        for name, column in _text_columns(binding, free_text_only=True):
            table = binding.table(name)
            key = binding.key(name)
            col = table.c[column]
            where = _prefilter(
                col, [*values, *identifiers.values()], binding.engine.dialect.name, indexed=True
            )
            rows = conn.execute(select(key, col).where(where)).all()
            for row_key, text in rows:
                if text is None:
                    continue
                new = regex.sub(PLACEHOLDER, str(text))
                if new != text:
                    conn.execute(update(table).where(key == row_key).values({column: new}))
                    changed[name] = changed.get(name, 0) + 1
    return changed


def kept_under_hold(binding: Binding, keys: Sequence[Any], as_of: dt.date) -> list[dict[str, Any]]:
    """Rows of the subject kept under a legal hold (in the table or its archive), with the ground and
    the date they will be purged."""
    from crm_privacy.crm.archive import archive_table

    out = []
    match = _key_match(keys)
    with binding.engine.connect() as conn:
        for name, tp in binding.policy.tables.items():
            if tp.hold is None:
                continue
            entry: dict[str, Any] = {
                "table": name,
                "legal_basis": tp.hold.legal_basis,
                "period": str(tp.hold.period),
                "rows_in_table": int(
                    conn.scalar(
                        select(func.count())
                        .select_from(binding.table(name))
                        .where(binding.linked(name, match))
                    )
                    or 0
                ),
                "archive_table": tp.archive.table if tp.archive else None,
                "rows_archived": 0,
                "until": None,
            }
            if tp.archive and binding.engine.dialect.has_table(conn, tp.archive.table):
                archive = archive_table(binding, name)
                linked = _archive_linked(binding, name, archive, match)
                rows, until = conn.execute(
                    select(func.count(), func.max(archive.c.purge_after)).where(linked)
                ).one()
                entry["rows_archived"] = int(rows or 0)
                entry["until"] = None if until is None else str(until)[:10]
            if entry["rows_in_table"] or entry["rows_archived"]:
                out.append(entry)
    return out


def search(binding: Binding, identifiers: Mapping[str, str], values: Sequence[str]) -> dict[str, int]:
    """Rows of every text column of the policy's tables (held tables excepted: the legal hold) that
    still hold one of the subject's identifiers: the proof an erasure is complete (expected: none).

    One scan per table: a cheap SQL filter on all its text columns joined into one string (one
    pattern per identifier and row, not one per column), then the candidates are confirmed in Python,
    column by column, with the exact patterns (a phone written with any separators)."""
    regex = re.compile("|".join(_patterns(values, identifiers)), re.IGNORECASE)
    columns: dict[str, list[str]] = {}
    for name, column in _text_columns(binding, free_text_only=False):
        if binding.policy.tables[name].hold is None:  # held rows: counted by kept_under_hold
            columns.setdefault(name, []).append(column)
    dialect = binding.engine.dialect.name
    every = [*values, *identifiers.values()]
    found: dict[str, int] = {}
    with binding.engine.connect() as conn:
        for name, names in columns.items():
            table = binding.table(name)
            cols = [table.c[c] for c in names]
            if not any(_fitting(col, every) for col in cols):
                continue
            for row in conn.execute(select(*cols).where(_prefilter(_joined(cols, dialect), every, dialect))):
                for column, value in zip(names, row, strict=True):
                    if value is not None and regex.search(str(value)):
                        found[f"{name}.{column}"] = found.get(f"{name}.{column}", 0) + 1
    return found


#: Between two columns joined for the search: a control character no identifier holds.
_UNIT_SEPARATOR = "\x1f"


def _joined(cols: Sequence[Any], dialect: str) -> Any:
    """The text columns of a row as one string (nulls skipped)."""
    if len(cols) == 1:
        return cols[0]
    if dialect != "sqlite":  # PostgreSQL, MySQL, MariaDB
        return func.concat_ws(_UNIT_SEPARATOR, *cols)
    joined: Any = func.coalesce(cols[0], "")
    for col in cols[1:]:  # SQLite has concat_ws from 3.44 only
        joined = joined.op("||")(literal(_UNIT_SEPARATOR)).op("||")(func.coalesce(col, ""))
    return joined


def _fitting(column: Any, values: Sequence[str]) -> list[str]:
    """The values a column can hold at all: a VARCHAR(20) cannot hold a 30-character address (a
    phone number needs room for its last 8 digits)."""
    length = getattr(column.type, "length", None)
    if length is None:
        return list(values)
    return [v for v in values if len(v) <= length or (_phone_digits(v) is not None and length >= 8)]


_PHONE = re.compile(r"^\+?[\d\s.\-()/]+$")


def _phone_digits(value: str) -> str | None:
    """The national significant digits of a value written like a phone number (8 digits or more,
    nothing but digits and separators), else None: a customer reference is never a phone."""
    if not _PHONE.match(value.strip()):
        return None
    digits = re.sub(r"\D", "", value)
    if digits.startswith("33") and len(digits) == 11:
        digits = digits[2:]
    elif digits.startswith("0033"):
        digits = digits[4:]
    national = digits.lstrip("0")
    return national if len(national) >= 8 else None


def _patterns(values: Sequence[str], identifiers: Mapping[str, str]) -> list[str]:
    out = set()
    for value in [*values, *identifiers.values()]:
        out.add(re.escape(value))
        national = _phone_digits(value)
        if national is not None:  # written with any separators, national or international
            body = _SEPARATORS.join(re.escape(d) for d in national)
            out.add(rf"(?<!\d)(?:\+33{_SEPARATORS}|0033{_SEPARATORS}|0)?{body}(?!\d)")
    return sorted(out, key=len, reverse=True)


def _prefilter(col: Any, values: Iterable[str], dialect: str, *, indexed: bool = False) -> Any:
    """A cheap SQL filter for rows that may hold a value; the caller confirms them in Python.

    ``indexed`` (one free-text column, PostgreSQL): written so that a trigram index (``pg_trgm``,
    which ``crm-privacy plan`` proposes for free text) answers it: ``ILIKE`` for a value, a regular
    expression with optional separators for a phone number. Otherwise, for a scan: the lower-cased
    text against every value's ``LIKE`` pattern (on PostgreSQL one ``LIKE ANY``, which lowers the
    text once: ``ILIKE`` costs twice as much per row), and the phone's last 8 digits in order with
    anything between them."""
    postgres = dialect == "postgresql"
    conditions: list[Any] = []
    plain = sorted(v for v in set(values) if _phone_digits(v) is None)
    if postgres and not indexed and plain:
        conditions.append(
            func.lower(col).like(any_(pg_array([f"%{_like_escaped(v.lower())}%" for v in plain])))
        )
    else:
        for value in plain:
            if postgres:
                conditions.append(col.icontains(value, autoescape=True))
            else:
                conditions.append(func.lower(col).contains(value.lower(), autoescape=True))
    for national in sorted({n for v in values if (n := _phone_digits(v)) is not None}):
        # its last 8 digits in order, anything between them ("12 34 56 78", "123 456 78")
        digits = col.like("%" + "%".join(national[-8:]) + "%")
        # PostgreSQL: LIKE first (cheap on a scan), then the expression a trigram index can answer
        conditions.append(and_(digits, col.regexp_match(_SEPARATORS.join(national))) if postgres else digits)
    return or_(false(), *conditions)


def _like_escaped(value: str) -> str:
    """``value`` as a LIKE pattern matching itself (PostgreSQL's default escape, the backslash)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: What may stand between two digits of a phone number (a wider class, ``\s`` included, keeps
#: PostgreSQL from using a trigram index).
_SEPARATORS = "[ .\u00a0\t-]?"


def _text_columns(binding: Binding, *, free_text_only: bool) -> list[tuple[str, str]]:
    free = set(binding.policy.free_text_columns()) if free_text_only else None
    out = []
    for name in binding.policy.tables:
        for column in binding.table(name).columns:
            if not any(t in str(column.type).upper() for t in _TEXT_TYPES):
                continue
            if free is None or (name, column.name) in free:
                out.append((name, column.name))
    return out


def _archive_linked(binding: Binding, name: str, archive: Any, match: Any) -> Any:
    """The archive rows of the subject: the archive keeps the source table's columns, so the link
    column of a direct link (``fk``) is there; other links are followed through the source table."""
    link = binding.policy.tables[name].link
    if link.fk is not None:
        return match(archive.c[link.fk])
    return archive.c[binding.policy.tables[name].key].in_(
        select(binding.key(name)).where(binding.linked(name, match))
    )


def _key_match(keys: Sequence[Any]) -> Any:
    values = list(keys)

    def match(col: Any) -> Any:
        return col.in_(values)

    return match
