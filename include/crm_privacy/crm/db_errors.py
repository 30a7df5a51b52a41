"""What a database error means for a run: can a retry fix it, and what may be said about it.

Drivers put row values into their messages (``Duplicate entry 'jean@exemple.fr'``, PostgreSQL's
``DETAIL: Key (email)=(...)``): only the first line of a message is kept, and any quoted text in it
that is not a name the caller knows (tables, columns, roles of the policy) becomes ``'?'``.

A retry can fix a server that is down or busy (connection lost, deadlock, lock timeout); it cannot
fix a missing role or privilege, a wrong password, an unknown database, table or column.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

#: PostgreSQL SQLSTATE classes and codes a retry can fix: connection exceptions, transaction rollbacks
#: (serialization failures, deadlocks), insufficient resources, operator intervention (shutdown,
#: cannot connect now), lock not available, query canceled (statement timeout).
_PG_TRANSIENT_CLASSES = ("08", "40", "53", "57")
_PG_TRANSIENT_CODES = {"55P03", "55006"}
#: MariaDB/MySQL error numbers a retry can fix: too many connections, lock wait timeout, deadlock,
#: server gone away or lost, cannot connect, query interrupted.
_MYSQL_TRANSIENT = {1040, 1053, 1205, 1213, 1317, 2002, 2003, 2006, 2013, 2055}
#: MariaDB/MySQL error numbers that mean a missing privilege or account.
_MYSQL_PERMISSION = {1044, 1045, 1142, 1143, 1227, 1370, 1410, 1698}
#: PostgreSQL: insufficient privilege, invalid authorization, wrong password, undefined object (a role).
_PG_PERMISSION = {"42501", "28000", "28P01", "42704"}
_SQLITE_TRANSIENT = ("database is locked", "database table is locked", "disk i/o error", "busy")

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_MAX_MESSAGE = 300


def driver_error(exc: BaseException) -> Any:
    """The DB-API exception behind a SQLAlchemy error (``exc.orig``), else ``exc`` itself."""
    return getattr(exc, "orig", None) or exc


def sqlstate(exc: BaseException) -> str:
    """PostgreSQL's SQLSTATE (psycopg), or ``""``."""
    return str(getattr(driver_error(exc), "sqlstate", None) or "")


def mysql_errno(exc: BaseException) -> int | None:
    """MariaDB/MySQL's error number (PyMySQL puts it first in ``args``), or None."""
    orig = driver_error(exc)
    if type(orig).__module__.startswith("pymysql") and orig.args and isinstance(orig.args[0], int):
        return int(orig.args[0])
    return None


def error_code(exc: BaseException) -> str:
    """SQLSTATE or MySQL error number as text, for messages (``""`` when there is none)."""
    errno = mysql_errno(exc)
    return sqlstate(exc) or (str(errno) if errno is not None else "")


def is_permission_error(exc: BaseException) -> bool:
    """A missing role, privilege or account, or a read-only SQLite file: an administrator must act."""
    if sqlstate(exc) in _PG_PERMISSION or mysql_errno(exc) in _MYSQL_PERMISSION:
        return True
    text = str(driver_error(exc)).lower()
    return "readonly database" in text or "permission denied" in text


def is_transient_db_error(exc: BaseException) -> bool:
    """A database error a retry may fix (the server down or busy for a moment)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    if is_permission_error(exc):
        return False
    state = sqlstate(exc)
    if state:
        return state[:2] in _PG_TRANSIENT_CLASSES or state in _PG_TRANSIENT_CODES
    errno = mysql_errno(exc)
    if errno is not None:
        return errno in _MYSQL_TRANSIENT
    if isinstance(exc, OperationalError):
        text = str(driver_error(exc)).lower()
        if type(driver_error(exc)).__module__.startswith("sqlite3"):
            return any(word in text for word in _SQLITE_TRANSIENT)
        return True  # another driver's operational error: connection trouble, by DB-API's definition
    return isinstance(exc, InterfaceError)


def safe_db_message(exc: BaseException, known_names: Collection[str] = ()) -> str:
    """The first line of the driver's message, quoted values replaced by ``'?'`` unless they are
    names in ``known_names`` (compared case-insensitively, each part of a dotted name)."""
    orig = driver_error(exc)
    args: tuple[Any, ...] = tuple(getattr(orig, "args", ()))
    text = str(args[1]) if mysql_errno(exc) is not None and len(args) > 1 else str(orig)
    lines = text.strip().splitlines()
    first = lines[0].strip() if lines else ""
    known = {name.lower() for name in known_names}

    def keep_or_hide(match: re.Match[str]) -> str:
        quoted = match.group(0)
        inner = quoted[1:-1]
        parts = [p for p in inner.split(".") if p]
        if parts and all(p.lower() in known for p in parts):
            return quoted
        return quoted[0] + "?" + quoted[-1]

    message = _QUOTED.sub(keep_or_hide, first)
    return message[:_MAX_MESSAGE] or type(orig).__name__


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def identifier_words(data: Any) -> set[str]:
    """Every identifier-shaped string (keys and values) in ``data``: e.g. a policy's ``model_dump()``
    gives its tables, columns and roles, the names database errors may show."""
    found: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _IDENTIFIER.match(item):
                found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return found
