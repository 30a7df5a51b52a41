"""Create (and on request replace) the demo CRM tables, refusing to overwrite somebody's data.

On PostgreSQL the secondary indexes and foreign keys are added *after* the load: maintaining them row
by row made COPY about five times slower (per-row FK triggers and B-tree inserts), while building them
at the end is one sort and one join each. The final schema is the one ``metadata.create_all`` gives
(same DDL, same constraint names), which the integration tests check by reflection. SQLite cannot add
a foreign key to an existing table, and MariaDB/SQLite are only used for small datasets, so they get
``metadata.create_all`` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_privacy.demo.context import COLUMNS
from crm_privacy.errors import SchemaNotEmpty

if TYPE_CHECKING:
    from sqlalchemy import Engine


def our_existing_tables(engine: Engine) -> list[str]:
    """Demo tables already present in the target schema (sorted)."""
    from sqlalchemy import inspect

    existing = set(inspect(engine).get_table_names())
    return sorted(existing & set(COLUMNS))


def defers_constraints(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def prepare_schema(engine: Engine, *, replace: bool) -> None:
    """Create the demo tables; refuse if any exists unless ``replace`` (then drop ours, only ours).

    On PostgreSQL call :func:`finish_schema` after loading to add indexes and foreign keys.
    """
    from sqlalchemy.schema import CreateTable

    from crm_privacy.demo.schema import TABLES_IN_LOAD_ORDER, metadata

    present = our_existing_tables(engine)
    if present and not replace:
        raise SchemaNotEmpty(
            f"the target schema already has demo CRM tables ({', '.join(present)}); "
            "use --replace to drop and recreate them"
        )
    if present:
        _drop_sweep_tables(engine)
        metadata.drop_all(engine)
    if not defers_constraints(engine):
        metadata.create_all(engine)
        return
    with engine.begin() as conn:
        for table in TABLES_IN_LOAD_ORDER:
            conn.execute(CreateTable(table, include_foreign_key_constraints=[]))


#: Tables a sweep creates in the demo CRM: the demo policy's intermediate archive, the evidence outbox
#: and the lock. They describe the old data: replacing the data without them would leave archived
#: invoices whose ids collide with the new ones, and outbox evidence of runs no ledger knows.
SWEEP_TABLES = ("invoices_archive", "crm_privacy_outbox", "crm_privacy_lock")


def _drop_sweep_tables(engine: Engine) -> None:
    from sqlalchemy import MetaData, Table

    for name in SWEEP_TABLES:
        Table(name, MetaData()).drop(engine, checkfirst=True)


def finish_schema(engine: Engine) -> None:
    """Add what :func:`prepare_schema` deferred (PostgreSQL), then refresh planner statistics."""
    if not defers_constraints(engine):
        return
    from sqlalchemy.schema import AddConstraint, CreateIndex

    from crm_privacy.demo.schema import TABLES_IN_LOAD_ORDER

    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem TO '256MB'")
        for table in TABLES_IN_LOAD_ORDER:
            for index in sorted(table.indexes, key=lambda i: str(i.name)):
                conn.execute(CreateIndex(index))
            for fk in sorted(table.foreign_key_constraints, key=lambda c: tuple(c.column_keys)):
                # isolate_from_table=False: the default would mark the shared metadata's constraint
                # as "added by ALTER", and every later create_all in this process would omit it.
                conn.execute(AddConstraint(fk, isolate_from_table=False))
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE " + ", ".join(COLUMNS))
