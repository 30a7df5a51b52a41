"""A stable, secret-free name for a CRM database, for the ``runs.crm`` column and for lock names."""

from __future__ import annotations

import os

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from crm_privacy.errors import ConnectionFailed


def crm_identity(url: str) -> str:
    """``backend://user@host:port/database`` of a SQLAlchemy URL, without password, driver or query.

    The driver and query are dropped so that the same database reached with another driver or
    option (``charset=utf8mb4``...) gets the same identity, hence the same sweep lock; the query can
    also carry secrets (``sslpassword``). SQLite paths are made absolute for the same reason.
    Strings that are not URLs (an Airflow connection id) are already secret-free: returned as is.
    """
    if "://" not in url:
        return url
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ConnectionFailed("not a database URL (value not shown: it may hold a password)") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            database = os.path.abspath(database)
        return f"sqlite:///{database}" if database else "sqlite://"
    user = f"{parsed.username}@" if parsed.username else ""
    host = (parsed.host or "").lower()
    port = f":{parsed.port}" if parsed.port else ""
    database = f"/{parsed.database}" if parsed.database else ""
    return f"{backend}://{user}{host}{port}{database}"
