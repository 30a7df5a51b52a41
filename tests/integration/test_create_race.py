"""Our tables in the CRM (outbox, lock, archives) are created by whichever task needs them first.

A run's batches start together on parallel Airflow workers, so on a CRM's first real run several
tasks find the outbox missing and create it at the same moment: the loser's CREATE failed with
"table ... already exists", an error taken as permanent, and the run failed (seen in CI, REST API
test of a real run). Here another connection creates the table between our check and our CREATE, on
SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Column, Connection, Engine, Integer, MetaData, Table, event, inspect, select, text
from sqlalchemy.exc import DBAPIError

from crm_privacy.crm.ddl import create_if_missing
from crm_privacy.crm.engine import make_engine
from crm_privacy.crm.lock import table as lock_table_module
from crm_privacy.crm.outbox import ensure_outbox, outbox

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(scratch_url: str) -> Iterator[Engine]:
    eng = make_engine(scratch_url)
    yield eng
    eng.dispose()


@contextmanager
def created_by_someone_else_first(engine: Engine, table: Table) -> Iterator[None]:
    """Before our CREATE runs (after its check found nothing), another connection creates the table."""
    other = make_engine(engine.url.render_as_string(hide_password=False))

    def create_elsewhere(target: Table, connection: Connection, **_: object) -> None:
        target.create(other)  # a second worker, its own connection

    event.listen(table, "before_create", create_elsewhere, once=True)
    try:
        yield
    finally:
        if event.contains(table, "before_create", create_elsewhere):
            event.remove(table, "before_create", create_elsewhere)
        other.dispose()


def test_the_outbox_created_by_another_worker_meanwhile_is_success(engine: Engine) -> None:
    with created_by_someone_else_first(engine, outbox):
        ensure_outbox(engine)  # raised "table crm_privacy_outbox already exists" before the fix
    assert inspect(engine).has_table(outbox.name)
    with engine.connect() as conn:
        assert conn.execute(select(outbox)).all() == []


def test_the_lock_table_created_by_another_worker_meanwhile_is_success(engine: Engine) -> None:
    with created_by_someone_else_first(engine, lock_table_module.lock_table):
        lock_table_module.ensure_table(engine)
    assert lock_table_module.has_table(engine)


def test_a_table_with_an_index_created_meanwhile_is_success(engine: Engine) -> None:
    table = Table(
        "crm_privacy_archive_race",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("n", Integer, index=True),
    )
    with created_by_someone_else_first(engine, table):
        create_if_missing(engine, table)
    assert [ix["column_names"] for ix in inspect(engine).get_indexes(table.name)] == [["n"]]


def test_a_create_that_fails_for_another_reason_still_fails(engine: Engine) -> None:
    table = Table("crm_privacy_broken", MetaData(), Column("id", Integer, primary_key=True))

    def broken(target: Table, connection: Connection, **_: object) -> None:
        connection.execute(text("CREATE TABLE crm_privacy_broken (id INTEGER PRIMARY KEY,)"))  # syntax error

    event.listen(table, "before_create", broken)
    with pytest.raises(DBAPIError):
        create_if_missing(engine, table)
    assert not inspect(engine).has_table(table.name)
