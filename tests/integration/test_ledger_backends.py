"""The ledger on real servers (PostgreSQL, MariaDB/MySQL), each test in a scratch database.

Servers come from ``CRM_PRIVACY_TEST_POSTGRES_URL`` and ``CRM_PRIVACY_TEST_MYSQL_URL``. Unset or
unreachable locally, a backend is skipped; in CI (``CI`` set) the test fails: CI must never go green
without having talked to both servers.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import make_url, text

from crm_privacy.crm.engine import make_engine
from crm_privacy.ledger import BatchRecord, Ledger, PlanItemRecord
from crm_privacy.ledger.migrate import current_revision, head_revision
from crm_privacy.ledger.schema import VERSION_TABLE, metadata

pytestmark = pytest.mark.integration

SERVERS = {"postgresql": "CRM_PRIVACY_TEST_POSTGRES_URL", "mysql": "CRM_PRIVACY_TEST_MYSQL_URL"}
T0 = dt.datetime(2026, 3, 1, 2, 0, 0, 123456, tzinfo=dt.UTC)
OpenLedger = Callable[[], Ledger]


@pytest.fixture(params=list(SERVERS))
def ledger_db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """URL of a fresh, empty database on the backend's server, dropped after the test."""
    # tests/conftest.py's fixtures: skipped locally, failed in CI, when the server is unset or down.
    backend = request.getfixturevalue(
        "postgres_backend" if request.param == "postgresql" else "mysql_backend"
    )
    server = make_url(backend.server_url)
    name = f"crm_ledger_test_{uuid.uuid4().hex[:12]}"
    # Administrative statements run from the server's maintenance database, outside transactions.
    admin = make_engine(backend.maintenance_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        force = " WITH (FORCE)" if request.param == "postgresql" else ""
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
        admin.dispose()


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def open_ledger(ledger_db_url: str) -> Iterator[OpenLedger]:
    """Opens ledgers on the scratch database (each its own engine, like separate workers)."""
    opened: list[Ledger] = []

    def open_one() -> Ledger:
        opened.append(Ledger.from_url(ledger_db_url))
        return opened[-1]

    yield open_one
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(open_ledger: OpenLedger) -> Ledger:
    return open_ledger()


def start(ledger: Ledger, run_id: str = "scheduled__2026-03-01T02:00:00+00:00") -> str:
    ledger.start_run(
        run_id,
        job="retention_sweep",
        crm="postgresql://crm@db:5432/crm",
        policy_hash="ab" * 32,
        policy_version="2026.1",
        as_of=dt.date(2026, 2, 28),
        dry_run=False,
        params={"batch_size": 500},
    )
    return run_id


def batch(
    no: int = 1, *, table: str = "contacts", affected: int = 10, status: str = "succeeded"
) -> BatchRecord:
    paris = dt.timezone(dt.timedelta(hours=1))
    return BatchRecord(
        batch_no=no,
        table_name=table,
        rule_id="inactive-3y",
        action="anonymise",
        rows_planned=10,
        rows_affected=affected,
        status=status,
        started_at=T0.astimezone(paris),
        finished_at=(T0 + dt.timedelta(milliseconds=250)).astimezone(paris),
    )


def test_migrations_build_the_query_schema_and_rerun_as_no_ops(
    ledger: Ledger, open_ledger: OpenLedger
) -> None:
    open_ledger().migrate()
    ledger.migrate()
    with ledger.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar() == 1
        context = MigrationContext.configure(
            conn, opts={"version_table": VERSION_TABLE, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_first_migrations_started_together_do_not_collide(ledger_db_url: str) -> None:
    errors: list[BaseException] = []
    opened: list[Ledger] = []
    barrier = threading.Barrier(4)

    def migrate() -> None:
        barrier.wait()
        try:
            opened.append(Ledger.from_url(ledger_db_url))
        except BaseException as exc:  # collected: a thread's exception would otherwise be lost
            errors.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for ledger in opened:
        ledger.close()
    assert errors == []


def test_a_run_round_trips_with_utc_microseconds(ledger: Ledger, clock: FakeClock) -> None:
    ledger._clock = clock
    run_id = start(ledger)
    ledger.record_plan(
        run_id, [PlanItemRecord("contacts", "inactive-3y", "anonymise", "consent", 20, {"missing": 1})]
    )
    ledger.record_batch(run_id, batch(1), ["h1", "h2"])
    ledger.finish_run(run_id, status="succeeded", summary={"rows_affected": 10})
    run = ledger.get_run(run_id)
    assert run is not None
    assert run["started_at"] == T0 and run["started_at"].utcoffset() == dt.timedelta(0)
    assert run["as_of"] == dt.date(2026, 2, 28) and run["dry_run"] is False
    assert run["plan"][0]["rows"] == 20 and run["plan"][0]["findings"] == {"missing": 1}
    assert run["batches"]["duration_ms"] == 250
    assert ledger.list_runs(job="retention_sweep")[0]["run_id"] == run_id
    with ledger.engine.connect() as conn:
        started = conn.execute(text("SELECT started_at FROM batches")).scalar()
    if started.tzinfo is None:  # MariaDB: the UTC wall time
        started = started.replace(tzinfo=dt.UTC)
    assert started == T0  # microseconds kept


def test_a_retried_batch_replaces_and_totals_are_ints(ledger: Ledger) -> None:
    run_id = start(ledger)
    ledger.record_batch(run_id, batch(1, affected=0, status="failed"), ["h1"])
    ledger.record_batch(run_id, batch(1), ["h1", "h2"])
    ledger.record_batch(run_id, batch(2, affected=5), ["h2"])
    run = ledger.get_run(run_id)
    assert run is not None
    totals = run["batches"]
    assert totals == {
        "count": 2,
        "succeeded": 2,
        "failed": 0,
        "rows_planned": 20,
        "rows_affected": 15,
        "duration_ms": 500,
        "subjects": 2,
    }
    assert all(type(value) is int for value in totals.values())  # not Decimal (MySQL SUM)
    assert ledger.batches_done(run_id) == {("contacts", "inactive-3y", 1), ("contacts", "inactive-3y", 2)}


def test_subject_hashes_differing_only_by_case_stay_distinct(ledger: Ledger) -> None:
    run_id = start(ledger)
    ledger.record_batch(run_id, batch(), ["aBc=", "AbC=", "abc="])  # base64 keyed hashes
    run = ledger.get_run(run_id)
    assert run is not None and run["batches"]["subjects"] == 3


def test_locks_between_two_ledgers(open_ledger: OpenLedger, clock: FakeClock) -> None:
    first, second = open_ledger(), open_ledger()
    first._clock = second._clock = clock
    ttl = dt.timedelta(minutes=10)
    assert first.acquire_lock("sweep:postgresql://crm@db/crm", "run-a", ttl=ttl)
    assert first.acquire_lock("sweep:postgresql://crm@db/crm", "run-a", ttl=ttl)
    assert not second.acquire_lock("sweep:postgresql://crm@db/crm", "run-b", ttl=ttl)
    clock.now += dt.timedelta(minutes=11)
    assert second.acquire_lock("sweep:postgresql://crm@db/crm", "run-b", ttl=ttl)
    first.release_lock("sweep:postgresql://crm@db/crm", "run-a")  # no longer the holder
    assert not first.acquire_lock("sweep:postgresql://crm@db/crm", "run-a", ttl=ttl)
    second.release_lock("sweep:postgresql://crm@db/crm", "run-b")
    assert first.acquire_lock("sweep:postgresql://crm@db/crm", "run-a", ttl=ttl)


def test_only_one_of_many_contenders_gets_the_lock(open_ledger: OpenLedger) -> None:
    contenders = [open_ledger() for _ in range(6)]
    winners: list[str] = []
    barrier = threading.Barrier(len(contenders))

    def contend(n: int, store: Ledger) -> None:
        barrier.wait()
        if store.acquire_lock("sweep:crm", f"run-{n}", ttl=dt.timedelta(minutes=5)):
            winners.append(f"run-{n}")

    threads = [threading.Thread(target=contend, args=(n, s)) for n, s in enumerate(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1


def test_concurrent_writers_keep_one_unbroken_chain(ledger: Ledger, open_ledger: OpenLedger) -> None:
    run_id = start(ledger)
    writers = [open_ledger() for _ in range(4)]
    errors: list[BaseException] = []

    def write(n: int, store: Ledger) -> None:
        try:
            for no in range(5):
                store.record_batch(run_id, batch(no, table=f"t{n}"), [f"{n}-{no}"])
                store.record_batch(run_id, batch(no, table=f"t{n}"), [f"{n}-{no}"])  # a retry
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n, s)) for n, s in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    run = ledger.get_run(run_id)
    assert run is not None and run["batches"]["count"] == 20
    assert ledger.audit_problems() == []


def test_tampering_is_detected(ledger: Ledger) -> None:
    run_id = start(ledger)
    ledger.record_batch(run_id, batch(1), ["h1"])
    ledger.finish_run(run_id, status="succeeded", summary={})
    assert ledger.verify_chain()
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE batches SET rows_affected = 0"))
    assert not ledger.verify_chain()
