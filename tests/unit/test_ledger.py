"""The ledger on SQLite: migrations, runs, plans, batches, locks and the audit chain."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, insert, inspect, text, update

from crm_privacy.errors import ConnectionFailed
from crm_privacy.ledger import BatchRecord, Ledger, LedgerError, PlanItemRecord, crm_identity
from crm_privacy.ledger.migrate import alembic_config, current_revision, head_revision
from crm_privacy.ledger.schema import VERSION_TABLE, audit_chain, batches, metadata, runs

T0 = dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC)
TABLES = {"runs", "plan_items", "batches", "batch_subjects", "locks", "audit_chain", "audit_chain_head"}


class FakeClock:
    """A clock the test moves by hand, so lock expiry needs no sleeping."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ledger(db_url: str, clock: FakeClock) -> Ledger:
    store = Ledger.from_url(db_url)
    store._clock = clock  # the engine is the real one; only time is faked
    return store


def start(ledger: Ledger, run_id: str = "run-1", *, job: str = "retention_sweep", **over: object) -> None:
    kwargs: dict[str, object] = {
        "job": job,
        "crm": "postgresql://crm@db:5432/crm",
        "policy_hash": "ab" * 32,
        "policy_version": "2026.1",
        "as_of": dt.date(2026, 2, 28),
        "dry_run": False,
        "params": {"batch_size": 500},
    }
    kwargs.update(over)
    ledger.start_run(run_id, **kwargs)  # type: ignore[arg-type]


def batch(
    no: int = 1, *, table: str = "contacts", rule: str = "inactive-3y", affected: int = 10, **over: object
) -> BatchRecord:
    fields: dict[str, object] = {
        "batch_no": no,
        "table_name": table,
        "rule_id": rule,
        "action": "anonymise",
        "rows_planned": 10,
        "rows_affected": affected,
        "status": "succeeded",
        "started_at": T0,
        "finished_at": T0 + dt.timedelta(milliseconds=1500),
    }
    fields.update(over)
    return BatchRecord(**fields)  # type: ignore[arg-type]


# -- migrations ---------------------------------------------------------------------------------------


def test_migrate_creates_the_tables_under_our_own_version_table(ledger: Ledger) -> None:
    names = set(inspect(ledger.engine).get_table_names())
    assert TABLES | {VERSION_TABLE} <= names
    assert "alembic_version" not in names  # never collides with another Alembic user of the database
    with ledger.engine.connect() as conn:
        assert current_revision(conn) == head_revision()


def test_migrate_twice_is_a_no_op(ledger: Ledger, db_url: str) -> None:
    start(ledger)
    ledger.migrate()
    Ledger.from_url(db_url).migrate()
    assert ledger.get_run("run-1") is not None
    with ledger.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar() == 1


def test_migrations_match_the_query_schema(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"version_table": VERSION_TABLE, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_first_migrations_started_together_do_not_collide(db_url: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def migrate() -> None:
        barrier.wait()
        try:
            Ledger.from_url(db_url).close()
        except BaseException as exc:  # collected: a thread's exception would otherwise be lost
            errors.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(inspect(Ledger.from_url(db_url, migrate=False).engine).get_table_names()) >= TABLES


def test_the_initial_revision_downgrades_cleanly(ledger: Ledger) -> None:
    config = alembic_config()
    with ledger.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert not TABLES & set(inspect(ledger.engine).get_table_names())
    ledger.migrate()
    assert ledger.verify_chain()


def test_from_url_without_migrate_leaves_the_database_alone(tmp_path: Path) -> None:
    store = Ledger.from_url(f"sqlite:///{tmp_path / 'empty.db'}", migrate=False)
    assert inspect(store.engine).get_table_names() == []


def test_from_url_with_a_bad_url_fails_in_one_clear_line() -> None:
    with pytest.raises(ConnectionFailed, match="not a database URL"):
        Ledger.from_url("not a url at all")


# -- runs ---------------------------------------------------------------------------------------------


def test_start_run_records_a_running_run(ledger: Ledger) -> None:
    start(ledger)
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["status"] == "running"
    assert run["as_of"] == dt.date(2026, 2, 28)
    assert run["started_at"] == T0 and run["started_at"].tzinfo is not None
    assert run["params"] == {"batch_size": 500}
    assert run["attempts"] == 1 and run["finished_at"] is None


def test_a_retried_start_keeps_started_at_and_counts_the_attempt(ledger: Ledger, clock: FakeClock) -> None:
    start(ledger)
    ledger.finish_run("run-1", status="failed", summary={}, error="OperationalError on contacts")
    clock.advance(minutes=5)
    start(ledger, params={"batch_size": 100})
    run = ledger.get_run("run-1")
    assert run is not None
    assert (run["status"], run["started_at"], run["attempts"]) == ("running", T0, 2)
    assert run["finished_at"] is None and run["error"] is None
    assert run["params"] == {"batch_size": 100}


def test_a_run_id_cannot_change_job(ledger: Ledger) -> None:
    start(ledger)
    with pytest.raises(LedgerError, match="already belongs to job 'retention_sweep'"):
        start(ledger, job="dsr")


def test_finish_run_records_outcome_and_time(ledger: Ledger, clock: FakeClock) -> None:
    start(ledger)
    clock.advance(seconds=42)
    ledger.finish_run("run-1", status="succeeded", summary={"rows_affected": 12})
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["status"] == "succeeded"
    assert run["finished_at"] == T0 + dt.timedelta(seconds=42)
    assert run["summary"] == {"rows_affected": 12}


def test_finish_run_keeps_an_interrupted_run_interrupted(ledger: Ledger) -> None:
    """A run taken over by another (its lock found dead) is closed ``interrupted``; its own finish,
    coming later, must not turn it into ``failed`` (nor ``succeeded``) nor erase why."""
    start(ledger)
    assert ledger.run_status("run-1") == "running"
    assert ledger.interrupt_run("run-1", error="interrupted: its process died holding the CRM lock")
    assert (
        ledger.finish_run("run-1", status="failed", summary={}, error="apply: LockLost: ...") == "interrupted"
    )
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["status"] == "interrupted" and run["error"].startswith("interrupted: its process died")
    assert ledger.run_status("nope") is None
    start(ledger, "run-2")
    assert ledger.finish_run("run-2", status="failed", summary={}, error="plan: PolicyError: x") == "failed"
    assert ledger.get_run("run-2")["error"] == "plan: PolicyError: x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(
            lambda lg: lg.finish_run("run-1", status="done", summary={}),
            "unknown run status",
            id="bad-status",
        ),
        pytest.param(
            lambda lg: lg.finish_run("nope", status="failed", summary={}),
            "unknown run 'nope'",
            id="unknown-run",
        ),
        pytest.param(lambda lg: lg.record_plan("nope", []), "unknown run 'nope'", id="plan-unknown-run"),
        pytest.param(
            lambda lg: lg.record_batch("nope", batch()), "unknown run 'nope'", id="batch-unknown-run"
        ),
        pytest.param(
            lambda lg: lg.record_batch("run-1", batch(status="ok")),
            "unknown batch status",
            id="bad-batch-status",
        ),
        pytest.param(
            lambda lg: lg.record_batch("run-1", batch(started_at=dt.datetime(2026, 3, 1))),
            "naive",
            id="naive-time",
        ),
    ],
)
def test_bad_writes_are_refused_and_leave_nothing(ledger: Ledger, call: object, message: str) -> None:
    start(ledger)
    with pytest.raises(LedgerError, match=message):
        call(ledger)  # type: ignore[operator]
    assert ledger.batches_done("run-1") == set()
    assert ledger.verify_chain()


def test_get_run_of_an_unknown_run_is_none(ledger: Ledger) -> None:
    assert ledger.get_run("missing") is None


def test_list_runs_newest_first_filtered_by_job(ledger: Ledger, clock: FakeClock) -> None:
    for n, job in enumerate(["retention_sweep", "dsr", "retention_sweep", "retention_sweep"]):
        start(ledger, f"run-{n}", job=job)
        clock.advance(hours=1)
    assert [r["run_id"] for r in ledger.list_runs()] == ["run-3", "run-2", "run-1", "run-0"]
    assert [r["run_id"] for r in ledger.list_runs(job="retention_sweep", limit=2)] == ["run-3", "run-2"]
    assert [r["run_id"] for r in ledger.list_runs(job="dsr")] == ["run-1"]
    assert "plan" not in ledger.list_runs()[0]


# -- plans and batches --------------------------------------------------------------------------------


def test_record_plan_replaces_the_previous_plan(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_plan(
        "run-1", [PlanItemRecord("contacts", "r1", "delete", "consent", 5, {"missing_dates": 2})]
    )
    ledger.record_plan(
        "run-1",
        [
            PlanItemRecord("contacts", "r1", "delete", "consent", 4),
            PlanItemRecord("notes", "r2", "scrub_text", None, 9),
        ],
    )
    run = ledger.get_run("run-1")
    assert run is not None
    assert [(p["item_no"], p["table_name"], p["rows"], p["findings"]) for p in run["plan"]] == [
        (1, "contacts", 4, {}),
        (2, "notes", 9, {}),
    ]


def test_a_retried_batch_replaces_instead_of_adding(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_batch("run-1", batch(affected=0, status="failed", error="deadlock"), ["h1", "h2"])
    ledger.record_batch("run-1", batch(affected=10), ["h1", "h3", "h3"])
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["batches"] == {
        "count": 1,
        "succeeded": 1,
        "failed": 0,
        "rows_planned": 10,
        "rows_affected": 10,
        "duration_ms": 1500,
        "subjects": 2,
    }
    with ledger.engine.connect() as conn:
        hashes = conn.execute(text("SELECT subject_hash FROM batch_subjects ORDER BY 1")).scalars().all()
        error = conn.execute(text("SELECT error FROM batches")).scalar()
    assert hashes == ["h1", "h3"]
    assert error is None


def test_batches_done_lists_only_succeeded_batches(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_batch("run-1", batch(1))
    ledger.record_batch("run-1", batch(2, status="failed", affected=0))
    ledger.record_batch("run-1", batch(1, table="notes", rule="scrub"))
    assert ledger.batches_done("run-1") == {("contacts", "inactive-3y", 1), ("notes", "scrub", 1)}
    assert ledger.batches_done("other") == set()


def test_get_run_totals_batches_overall_and_per_rule(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_batch("run-1", batch(1, affected=10), ["a", "b"])
    ledger.record_batch("run-1", batch(2, affected=7), ["b", "c"])
    ledger.record_batch("run-1", batch(1, table="notes", rule="scrub", affected=3, status="failed"), ["a"])
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["batches"]["count"] == 3
    assert run["batches"]["rows_affected"] == 20
    assert (run["batches"]["succeeded"], run["batches"]["failed"]) == (2, 1)
    assert run["batches"]["subjects"] == 3  # distinct across batches
    assert [(r["table_name"], r["count"], r["rows_affected"]) for r in run["batches_by_rule"]] == [
        ("contacts", 2, 17),
        ("notes", 1, 3),
    ]


def test_a_run_without_batches_has_zero_totals(ledger: Ledger) -> None:
    start(ledger)
    run = ledger.get_run("run-1")
    assert run is not None
    assert set(run["batches"].values()) == {0}
    assert run["batches_by_rule"] == []


def test_times_in_other_zones_are_stored_as_utc(ledger: Ledger) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    start(ledger)
    ledger.record_batch("run-1", batch(started_at=T0.astimezone(paris), finished_at=T0.astimezone(paris)))
    with ledger.engine.connect() as conn:
        row = conn.execute(batches.select()).one()
    assert row.started_at == T0 and row.started_at.utcoffset() == dt.timedelta(0)


def test_many_subjects_are_inserted_in_chunks(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_batch("run-1", batch(), [f"{n:064x}" for n in range(2500)])
    run = ledger.get_run("run-1")
    assert run is not None and run["batches"]["subjects"] == 2500


# -- locks --------------------------------------------------------------------------------------------


def test_a_lock_is_exclusive_until_released(ledger: Ledger, db_url: str, clock: FakeClock) -> None:
    other = Ledger.from_url(db_url)
    other._clock = clock
    ttl = dt.timedelta(minutes=30)
    assert ledger.acquire_lock("sweep:crm", "run-a", ttl=ttl)
    assert ledger.acquire_lock("sweep:crm", "run-a", ttl=ttl)  # same owner: renewed, still True
    assert not other.acquire_lock("sweep:crm", "run-b", ttl=ttl)
    assert other.acquire_lock("sweep:other-crm", "run-b", ttl=ttl)
    other.release_lock("sweep:crm", "run-b")  # not the holder: nothing happens
    assert not other.acquire_lock("sweep:crm", "run-b", ttl=ttl)
    ledger.release_lock("sweep:crm", "run-a")
    assert other.acquire_lock("sweep:crm", "run-b", ttl=ttl)


def test_an_expired_lock_is_taken_over(ledger: Ledger, db_url: str, clock: FakeClock) -> None:
    other = Ledger.from_url(db_url)
    other._clock = clock
    assert ledger.acquire_lock("sweep:crm", "run-a", ttl=dt.timedelta(minutes=10))
    clock.advance(minutes=9)
    assert not other.acquire_lock("sweep:crm", "run-b", ttl=dt.timedelta(minutes=10))
    clock.advance(minutes=2)
    assert other.acquire_lock("sweep:crm", "run-b", ttl=dt.timedelta(minutes=10))
    assert not ledger.acquire_lock("sweep:crm", "run-a", ttl=dt.timedelta(minutes=10))
    ledger.release_lock("sweep:crm", "run-a")  # the old holder cannot free the new holder's lock
    assert not ledger.acquire_lock("sweep:crm", "run-a", ttl=dt.timedelta(minutes=10))


def test_a_renewed_lock_lasts_from_the_renewal(ledger: Ledger, db_url: str, clock: FakeClock) -> None:
    other = Ledger.from_url(db_url)
    other._clock = clock
    assert ledger.acquire_lock("sweep:crm", "run-a", ttl=dt.timedelta(minutes=10))
    clock.advance(minutes=8)
    assert ledger.acquire_lock("sweep:crm", "run-a", ttl=dt.timedelta(minutes=10))
    clock.advance(minutes=8)
    assert not other.acquire_lock("sweep:crm", "run-b", ttl=dt.timedelta(minutes=10))


def test_only_one_of_many_contenders_gets_the_lock(db_url: str, ledger: Ledger) -> None:
    contenders = [Ledger.from_url(db_url) for _ in range(6)]
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


# -- audit chain --------------------------------------------------------------------------------------


def full_run(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_plan("run-1", [PlanItemRecord("contacts", "inactive-3y", "anonymise", "consent", 20)])
    ledger.record_batch("run-1", batch(1), ["h1", "h2"])
    ledger.record_batch("run-1", batch(2), ["h3"])
    ledger.record_batch("run-1", batch(2), ["h3", "h4"])  # a retry: sealed again
    ledger.finish_run("run-1", status="succeeded", summary={"rows_affected": 20})


def test_the_chain_of_an_untouched_ledger_verifies(ledger: Ledger) -> None:
    assert ledger.verify_chain()  # empty
    full_run(ledger)
    assert ledger.verify_chain()
    with ledger.engine.connect() as conn:
        kinds = conn.execute(audit_chain.select().order_by(audit_chain.c.seq)).all()
    assert [row.kind for row in kinds] == ["run", "plan", "batch", "batch", "batch", "run"]


TAMPERING = {
    "batch-count-edited": "UPDATE batches SET rows_affected = 1 WHERE batch_no = 1",
    "subject-removed": "DELETE FROM batch_subjects WHERE subject_hash = 'h2'",
    "subject-added": "INSERT INTO batch_subjects SELECT batch_id, 'h9', run_id, table_name, rule_id, batch_no "
    "FROM batch_subjects WHERE subject_hash = 'h1'",
    "plan-edited": "UPDATE plan_items SET row_count = 2",
    "run-status-edited": "UPDATE runs SET status = 'failed'",
    "chain-entry-edited": "UPDATE audit_chain SET state = replace(state, 'succeeded', 'failed') WHERE seq = 3",
    "last-entry-deleted": "DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)",
    "middle-entry-deleted": "DELETE FROM audit_chain WHERE seq = 3",
}


@pytest.mark.parametrize("statement", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampering_behind_the_ledgers_back_is_detected(ledger: Ledger, statement: str) -> None:
    full_run(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(text(statement))
    assert not ledger.verify_chain()
    assert ledger.audit_problems()


def test_rows_inserted_behind_the_ledgers_back_are_detected(ledger: Ledger) -> None:
    full_run(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(runs).values(
                run_id="forged",
                job="retention_sweep",
                crm="x",
                policy_hash="x",
                as_of=dt.date(2026, 1, 1),
                dry_run=False,
                params="{}",
                status="succeeded",
                attempts=1,
                started_at=T0,
            )
        )
    assert any("'forged': not in the audit chain" in p for p in ledger.audit_problems())


def test_a_rewritten_chain_still_disagrees_with_its_tip(ledger: Ledger) -> None:
    full_run(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(delete(audit_chain).where(audit_chain.c.kind == "run"))
    problems = ledger.audit_problems()
    assert any("missing" in p for p in problems)
    assert any("not in the audit chain" in p for p in problems)


def test_audit_problems_name_records_not_values(ledger: Ledger) -> None:
    full_run(ledger)
    with ledger.engine.begin() as conn:
        conn.execute(update(batches).where(batches.c.batch_no == 2).values(rows_affected=0))
    assert ledger.audit_problems() == [
        "batch 'run-1' '[\"contacts\",\"inactive-3y\",2]': differs from its audit entry 5"
    ]


def test_concurrent_writers_keep_one_unbroken_chain(db_url: str, ledger: Ledger) -> None:
    start(ledger)
    writers = [Ledger.from_url(db_url) for _ in range(4)]

    def write(n: int, store: Ledger) -> None:
        for no in range(5):
            store.record_batch("run-1", batch(no, table=f"t{n}"), [f"{n}-{no}"])

    threads = [threading.Thread(target=write, args=(n, s)) for n, s in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run = ledger.get_run("run-1")
    assert run is not None and run["batches"]["count"] == 20
    assert ledger.audit_problems() == []


# -- identity -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        pytest.param(
            "postgresql+psycopg://crm:s3cret@DB.example:5432/crm",
            "postgresql://crm@db.example:5432/crm",
            id="pg-password-and-driver-dropped",
        ),
        pytest.param(
            "postgresql://crm@db/crm?sslpassword=x&sslmode=require",
            "postgresql://crm@db/crm",
            id="query-dropped",
        ),
        pytest.param(
            "mysql+pymysql://root:pw@127.0.0.1:3306/crm?charset=utf8mb4",
            "mysql://root@127.0.0.1:3306/crm",
            id="mysql",
        ),
        pytest.param("sqlite:////var/data/crm.db", "sqlite:////var/data/crm.db", id="sqlite-absolute"),
        pytest.param("sqlite://", "sqlite://", id="sqlite-memory"),
        pytest.param("crm_demo", "crm_demo", id="airflow-conn-id"),
    ],
)
def test_crm_identity_has_no_secret(url: str, identity: str) -> None:
    assert crm_identity(url) == identity
    assert "s3cret" not in crm_identity(url)


def test_crm_identity_of_a_relative_sqlite_path_is_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert crm_identity("sqlite:///crm.db") == f"sqlite:///{tmp_path / 'crm.db'}"


def test_crm_identity_of_a_broken_url_does_not_echo_it() -> None:
    with pytest.raises(ConnectionFailed) as info:
        crm_identity("postgresql://u:s3cret@host:notaport/db")
    assert "s3cret" not in str(info.value)


def test_one_batch_over_several_tables_is_recorded_at_once(ledger: Ledger) -> None:
    start(ledger)
    records = [batch(1, table="interactions", affected=7), batch(1, table="contacts", affected=3)]
    ledger.record_batches("run-1", records, ["h1", "h2", "h3"])
    ledger.record_batches("run-1", records, ["h1", "h2", "h3"])  # an Airflow retry: replaced, not added
    run = ledger.get_run("run-1")
    assert run is not None
    assert run["batches"]["count"] == 2 and run["batches"]["rows_affected"] == 10
    assert run["batches"]["subjects"] == 3
    assert ledger.verify_chain()
