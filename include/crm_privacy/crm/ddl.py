"""Our own tables in the CRM (outbox, lock, archives), created when first needed.

Several tasks of one run start together (Airflow maps a run's batches over parallel workers), and
each may be the first to need a table: "is it there? no: create it" races, and the loser's CREATE
fails with "already exists" (SQLite, MariaDB) or a duplicate catalog key (PostgreSQL), an error
no retry is expected to fix. Losing that race is success: the table is there.
"""

from __future__ import annotations

from sqlalchemy import Engine, Table, inspect
from sqlalchemy.exc import DBAPIError


def create_if_missing(engine: Engine, table: Table) -> None:
    """Create ``table`` (and its indexes) unless it exists, also when another process creates it at
    the same moment; any other failure is raised."""
    try:
        table.create(engine, checkfirst=True)
    except DBAPIError:
        if not inspect(engine).has_table(table.name):
            raise
