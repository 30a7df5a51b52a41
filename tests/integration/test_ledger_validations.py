"""The ledger's ``validations`` table (issue 10, point 3) on SQLite, PostgreSQL and MariaDB.

What the validation gate found is evidence like a plan: recorded in order, replaced as a whole when
the gate is retried, refused for a run the ledger does not know, and sealed in the audit chain so an
edit behind the ledger's back (a failed check turned into a passed one) is found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import delete, func, insert, inspect, select, update

from crm_privacy.crm.engine import make_engine
from crm_privacy.ledger import BatchRecord, Ledger, LedgerError, PlanItemRecord
from crm_privacy.ledger.migrate import alembic_config, current_revision, head_revision
from crm_privacy.ledger.schema import audit_chain, validations
from crm_privacy.validate.checks import CheckResult

pytestmark = pytest.mark.integration

T0 = dt.datetime(2026, 3, 1, 2, 0, 0, 123456, tzinfo=dt.UTC)
RUN = "scheduled__2026-03-01T02:00:00+00:00"


def result(name: str, *, passed: bool = True, count: int = 0, **over: object) -> CheckResult:
    fields: dict[str, object] = {
        "kind": "retention",
        "name": name,
        "expectation": "UnexpectedRowsExpectation",
        "table": "interactions",
        "column": "created_at",
        "rule": "R1",
        "description": "no interaction older than 3 years is left — « aucune »",
        "passed": passed,
        "unexpected_count": count,
    }
    fields.update(over)
    return CheckResult(**fields)  # type: ignore[arg-type]


SUITE = [
    result("retention:R1:interactions", passed=False, count=3),
    result(
        "integrity:contacts",
        kind="integrity",
        expectation="RecordedCountEqualsPlanned",
        table="contacts",
        column=None,
        rule=None,
        count=0,
    ),
    result("free_text:R2:notes", kind="free_text", passed=False, count=0, error="OperationalError: boom"),
]


def start(ledger: Ledger, run_id: str = RUN) -> str:
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


def batch(no: int = 1) -> BatchRecord:
    return BatchRecord(
        batch_no=no,
        table_name="contacts",
        rule_id="R1",
        action="anonymise",
        rows_planned=10,
        rows_affected=10,
        status="succeeded",
        started_at=T0,
        finished_at=T0 + dt.timedelta(milliseconds=250),
    )


def alembic_to(ledger: Ledger, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with ledger.engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def chain_entries(ledger: Ledger, kind: str) -> int:
    with ledger.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(audit_chain.c.kind == kind)).scalar() or 0)


@pytest.fixture
def ledger(scratch_url: str) -> Iterator[Ledger]:
    """A ledger at the newest revision on each backend, with a fixed clock (microseconds included)."""
    store = Ledger.from_url(scratch_url)
    store._clock = lambda: T0
    yield store
    store.close()


def test_an_existing_0002_ledger_migrates_up_keeping_its_data_and_back_down(scratch_url: str) -> None:
    old = Ledger(make_engine(scratch_url), clock=lambda: T0)
    try:
        alembic_to(old, "0002")
        with old.engine.connect() as conn:
            assert current_revision(conn) == "0002"
        assert "validations" not in inspect(old.engine).get_table_names()
        start(old)
        old.record_plan(RUN, [PlanItemRecord("contacts", "R1", "anonymise", "consent", 10)])
        old.record_batch(RUN, batch(), ["h1", "h2"])
        assert old.record_notices(RUN, "R3", ["n1", "n2"], dt.date(2026, 2, 28)) == 2
        old.finish_run(RUN, status="succeeded", summary={"rows_affected": 10})
        before = old.get_run(RUN)
    finally:
        old.close()

    ledger = Ledger.from_url(scratch_url)  # what every worker does: migrate to head on opening
    try:
        with ledger.engine.connect() as conn:
            assert current_revision(conn) == head_revision() >= "0003"
        assert "validations" in inspect(ledger.engine).get_table_names()
        assert ledger.get_run(RUN) == before
        assert set(ledger.notices("R3", ["n1", "n2"])) == {"n1", "n2"}
        assert ledger.validations(RUN) == []
        assert ledger.audit_problems() == []
        ledger.record_validations(RUN, SUITE)  # after finish_run too: the gate may run last
        assert ledger.audit_problems() == []

        alembic_to(ledger, "0002", down=True)
        with ledger.engine.connect() as conn:
            assert current_revision(conn) == "0002"
        assert "validations" not in inspect(ledger.engine).get_table_names()
        assert ledger.get_run(RUN) == before

        ledger.migrate()  # and up again: an empty table, the rest kept
        assert ledger.validations(RUN) == []
        assert ledger.get_run(RUN) == before
    finally:
        ledger.close()


def test_validations_round_trip_in_the_gates_order(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_validations(RUN, SUITE)
    found = ledger.validations(RUN)
    assert [row["position"] for row in found] == [1, 2, 3]
    assert [row["name"] for row in found] == [r.name for r in SUITE]  # not sorted by name
    assert found[0] == {
        "position": 1,
        "kind": "retention",
        "name": "retention:R1:interactions",
        "expectation": "UnexpectedRowsExpectation",
        "table_name": "interactions",
        "column_name": "created_at",
        "rule_id": "R1",
        "passed": False,
        "unexpected_count": 3,
        "error": None,
        "description": "no interaction older than 3 years is left — « aucune »",
        "created_at": T0,
    }
    assert found[1]["passed"] is True  # a real bool on MariaDB too (TINYINT underneath)
    assert (found[1]["column_name"], found[1]["rule_id"]) == (None, None)
    assert found[2]["error"] == "OperationalError: boom"
    assert found[0]["created_at"].tzinfo == dt.UTC
    assert ledger.validations("another-run") == []
    assert ledger.audit_problems() == []


def test_recording_again_replaces_the_earlier_attempt(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_validations(RUN, SUITE)
    retried = [result("treated:R1:contacts", kind="treated"), result("retention:R1:interactions")]
    ledger.record_validations(RUN, retried)
    found = ledger.validations(RUN)
    assert [(row["position"], row["name"], row["passed"]) for row in found] == [
        (1, "treated:R1:contacts", True),
        (2, "retention:R1:interactions", True),
    ]
    with ledger.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(validations)).scalar() == 2
    ledger.record_validations(RUN, [])  # a gate with nothing to check clears the earlier results
    assert ledger.validations(RUN) == []
    assert chain_entries(ledger, "validations") == 3
    assert ledger.audit_problems() == []


def test_runs_keep_their_own_validations(ledger: Ledger) -> None:
    start(ledger, "run-a")
    start(ledger, "run-b")
    ledger.record_validations("run-a", SUITE)
    ledger.record_validations("run-b", SUITE[:1])  # same check names in another run: allowed
    ledger.record_validations("run-a", SUITE[1:])
    assert [row["name"] for row in ledger.validations("run-b")] == [SUITE[0].name]
    assert [row["name"] for row in ledger.validations("run-a")] == [r.name for r in SUITE[1:]]
    assert ledger.audit_problems() == []


def test_an_unknown_run_is_refused_and_nothing_is_written(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match=r"unknown run 'nope': call start_run first"):
        ledger.record_validations("nope", SUITE)
    with ledger.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(validations)).scalar() == 0
    assert chain_entries(ledger, "validations") == 0
    assert ledger.audit_problems() == []


def test_repeated_check_names_are_refused_before_writing(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_validations(RUN, SUITE)
    with pytest.raises(LedgerError, match=r"check names repeated: \['integrity:contacts'\]"):
        ledger.record_validations(RUN, [*SUITE, result("integrity:contacts")])
    assert len(ledger.validations(RUN)) == 3  # the earlier results stay
    assert ledger.audit_problems() == []


def test_names_are_compared_byte_for_byte_and_long_errors_are_cut(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_validations(
        RUN, [result("retention:R1:Notes"), result("retention:R1:notes", error="É" * 400)]
    )
    found = ledger.validations(RUN)
    assert [row["name"] for row in found] == ["retention:R1:Notes", "retention:R1:notes"]
    assert found[1]["error"] == "É" * 255
    assert ledger.audit_problems() == []


def test_validations_before_finish_are_sealed_and_the_chain_verifies(ledger: Ledger) -> None:
    start(ledger)
    ledger.record_plan(RUN, [PlanItemRecord("contacts", "R1", "anonymise", "consent", 10)])
    ledger.record_batch(RUN, batch(), ["h1"])
    ledger.record_validations(RUN, SUITE)  # the gate runs before the run is closed
    assert ledger.finish_run(RUN, status="failed", summary={"validations_failed": 2}) == "failed"
    assert ledger.verify_chain(), ledger.audit_problems()
    with ledger.engine.connect() as conn:
        kinds = conn.execute(select(audit_chain.c.kind).order_by(audit_chain.c.seq)).scalars().all()
    assert kinds == ["run", "plan", "batch", "validations", "run"]


def test_edits_behind_the_ledgers_back_are_found(ledger: Ledger) -> None:
    start(ledger)
    start(ledger, "other")
    ledger.record_validations(RUN, SUITE)
    with ledger.engine.begin() as conn:  # a failed check quietly turned into a passed one
        conn.execute(
            update(validations)
            .where(validations.c.name == "retention:R1:interactions")
            .values(passed=True, unexpected_count=0)
        )
    assert ledger.audit_problems() == [f"validations {RUN!r} {RUN!r}: differs from its audit entry 3"]

    ledger.record_validations(RUN, SUITE)  # recorded again through the ledger: sealed again
    assert ledger.verify_chain()
    with ledger.engine.begin() as conn:
        conn.execute(delete(validations).where(validations.c.position == 3))
    assert any("differs from its audit entry" in p for p in ledger.audit_problems())

    ledger.record_validations(RUN, SUITE)
    with ledger.engine.begin() as conn:  # rows for a run whose gate never recorded any
        conn.execute(
            insert(validations).values(
                run_id="other",
                position=1,
                kind="retention",
                name="forged",
                expectation="UnexpectedRowsExpectation",
                table_name="contacts",
                passed=True,
                unexpected_count=0,
                description="forged",
                created_at=T0,
            )
        )
    assert ledger.audit_problems() == ["validations 'other': not in the audit chain"]
