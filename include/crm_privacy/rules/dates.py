"""Compare a CRM date or timestamp column with a cutoff, the same way on every server.

A cutoff is always a midnight (``calendar.expiry_cutoff``): only the date part of a clock counts.
SQLite keeps dates as text, so comparing a ``DATE`` value ``'2022-03-01'`` with a bound timestamp
``'2022-03-01 00:00:00.000000'`` is a string comparison that puts the date *before* its own
midnight (one day early); a ``DATETIME`` column may also hold ``'2022-03-01T10:00'`` or a bare date
written by another tool. On SQLite both sides are therefore reduced to ``YYYY-MM-DD`` with
``date()``; servers compare typed values, with a date for ``DATE`` columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Date, DateTime, and_, false, func, literal


def _sides(dialect: str, column: ColumnElement[Any], cutoff: dt.datetime) -> tuple[Any, Any]:
    if dialect == "sqlite":
        return func.date(column), literal(cutoff.date().isoformat())
    if isinstance(column.type, Date) and not isinstance(column.type, DateTime):
        return column, cutoff.date()
    return column, cutoff


def on_or_after(dialect: str, column: ColumnElement[Any], cutoff: dt.datetime) -> ColumnElement[bool]:
    """``column >= cutoff`` by calendar date (NULL stays NULL: callers decide what it means)."""
    left, right = _sides(dialect, column, cutoff)
    return left >= right  # type: ignore[no-any-return]


def before(dialect: str, column: ColumnElement[Any], cutoff: dt.datetime) -> ColumnElement[bool]:
    """``column < cutoff`` by calendar date."""
    left, right = _sides(dialect, column, cutoff)
    return left < right  # type: ignore[no-any-return]


def unreadable(dialect: str, column: ColumnElement[Any]) -> ColumnElement[bool]:
    """A value that is there but is no date: SQLite only, where a DATE column may hold any text
    (``'30/06/2024'`` written by another tool). Servers refuse such values on write."""
    if dialect != "sqlite":
        return false()
    return and_(column.is_not(None), func.date(column).is_(None))
