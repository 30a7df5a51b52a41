"""The ledger: evidence of every run (plan, batches, pseudonymous subjects) in its own database.

Every write is one transaction that first takes the audit chain's lock, writes, then seals the
record's new state in the chain. Writes are idempotent so Airflow retries never duplicate evidence.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from crm_privacy.crm.engine import make_engine
from crm_privacy.ledger import chain, locks, queries
from crm_privacy.ledger.migrate import upgrade
from crm_privacy.ledger.records import (
    BATCH_STATUSES,
    FINAL_RUN_STATUSES,
    BatchRecord,
    LedgerError,
    PlanItemRecord,
)
from crm_privacy.ledger.rows import batch_values, check, plan_row, subject_rows
from crm_privacy.ledger.schema import NAME, batch_subjects, batches, notices, plan_items, runs, validations
from crm_privacy.ledger.state import (
    batch_key,
    batch_state,
    canonical_json,
    plan_state,
    run_state,
    validations_state,
)

if TYPE_CHECKING:  # the gate's package may import Great Expectations: not at run time here
    from crm_privacy.validate.checks import CheckResult

Clock = Callable[[], datetime.datetime]


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class Ledger:
    """The privacy store. Cheap to build: nothing touches the database before the first call."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self._clock = clock

    @classmethod
    def from_url(cls, url: str, *, migrate: bool = True) -> Ledger:
        """Connect (failing in one clear line) and, by default, bring the schema to the newest revision."""
        ledger = cls(make_engine(url))
        if migrate:
            ledger.migrate()
        return ledger

    def migrate(self) -> None:
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- runs -------------------------------------------------------------------------------------

    def start_run(
        self,
        run_id: str,
        *,
        job: str,
        crm: str,
        policy_hash: str,
        policy_version: str | None,
        as_of: datetime.date,
        dry_run: bool,
        params: Mapping[str, Any],
    ) -> None:
        """Record a run as running. A retry of the same run keeps ``started_at`` and counts the attempt."""
        values = {
            "crm": crm,
            "policy_hash": policy_hash,
            "policy_version": policy_version,
            "as_of": as_of,
            "dry_run": dry_run,
            "params": canonical_json(params),
            "status": "running",
            "finished_at": None,
            "summary": None,
            "error": None,
        }
        with self._writing() as conn:
            known = conn.execute(select(runs.c.job, runs.c.attempts).where(runs.c.run_id == run_id)).first()
            if known is None:
                conn.execute(
                    insert(runs).values(
                        run_id=run_id, job=job, attempts=1, started_at=self._clock(), **values
                    )
                )
            elif known.job != job:
                raise LedgerError(f"run {run_id!r} already belongs to job {known.job!r}, not {job!r}")
            else:
                conn.execute(
                    update(runs).where(runs.c.run_id == run_id).values(attempts=known.attempts + 1, **values)
                )
            self._seal_run(conn, run_id)

    def finish_run(
        self, run_id: str, *, status: str, summary: Mapping[str, Any], error: str | None = None
    ) -> str:
        """Close a run: ``succeeded``, ``failed``, ``refused``, or ``planned`` for a dry run; return the
        status it has now. A run already closed as ``interrupted`` (another run found it dead and took
        its lock over) keeps that status and its error: what it did after losing the lock is moot."""
        check(status, FINAL_RUN_STATUSES, "run status")
        with self._writing() as conn:
            _require_run(conn, run_id)
            current = conn.execute(select(runs.c.status).where(runs.c.run_id == run_id)).scalar()
            if current == "interrupted":
                return "interrupted"
            conn.execute(
                update(runs)
                .where(runs.c.run_id == run_id)
                .values(
                    status=status, finished_at=self._clock(), summary=canonical_json(summary), error=error
                )
            )
            self._seal_run(conn, run_id)
        return status

    def run_status(self, run_id: str) -> str | None:
        """The run's status, or None if this ledger has no such run."""
        with self.engine.connect() as conn:
            found = conn.execute(select(runs.c.status).where(runs.c.run_id == run_id)).scalar()
        return None if found is None else str(found)

    def interrupt_run(self, run_id: str, *, error: str) -> bool:
        """Close a run still ``running`` whose holder was found dead (its CRM lock taken over or freed)
        as ``interrupted``; False if this ledger does not know it or it has already ended."""
        with self._writing() as conn:
            closed = conn.execute(
                update(runs)
                .where(runs.c.run_id == run_id, runs.c.status == "running")
                .values(status="interrupted", finished_at=self._clock(), error=error[:500])
            ).rowcount
            if closed:
                self._seal_run(conn, run_id)
        return bool(closed)

    def get_run(self, run_id: str) -> dict[str, Any] | None:
        """The run with its plan (``plan``), batch totals (``batches``) and totals per rule (``batches_by_rule``)."""
        with self.engine.connect() as conn:
            return queries.run_report(conn, run_id)

    def list_runs(self, *, job: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Newest first, without plans or batches."""
        with self.engine.connect() as conn:
            return queries.list_runs(conn, job=job, limit=limit)

    # -- plans and batches ------------------------------------------------------------------------

    def record_plan(self, run_id: str, items: Sequence[PlanItemRecord]) -> None:
        """Store the run's plan, replacing any plan an earlier attempt recorded."""
        with self._writing() as conn:
            _require_run(conn, run_id)
            conn.execute(delete(plan_items).where(plan_items.c.run_id == run_id))
            if items:
                conn.execute(
                    insert(plan_items), [plan_row(run_id, no, item) for no, item in enumerate(items, 1)]
                )
            chain.append(
                conn,
                run_id=run_id,
                kind="plan",
                key=run_id,
                state=plan_state(conn, run_id),
                now=self._clock(),
            )

    def record_batch(self, run_id: str, batch: BatchRecord, subject_hashes: Sequence[str] = ()) -> None:
        """Store one batch and its subjects; recording the same (table, rule, batch_no) again replaces it."""
        self.record_batches(run_id, [batch], subject_hashes)

    def record_batches(
        self, run_id: str, records: Sequence[BatchRecord], subject_hashes: Sequence[str] = ()
    ) -> None:
        """Store what one batch did to several tables in one transaction; the subjects go with the
        first record. Same replacement rule as ``record_batch``."""
        for batch in records:
            check(batch.status, BATCH_STATUSES, "batch status")
        with self._writing() as conn:
            _require_run(conn, run_id)
            for i, batch in enumerate(records):
                self._write_batch(conn, run_id, batch, subject_hashes if i == 0 else ())

    def _write_batch(
        self, conn: Connection, run_id: str, batch: BatchRecord, subject_hashes: Sequence[str]
    ) -> None:
        values = batch_values(batch)
        key = (
            batches.c.run_id == run_id,
            batches.c.table_name == batch.table_name,
            batches.c.rule_id == batch.rule_id,
            batches.c.batch_no == batch.batch_no,
        )
        batch_id = conn.execute(select(batches.c.id).where(*key)).scalar()
        if batch_id is None:
            inserted = conn.execute(insert(batches).values(run_id=run_id, **values))
            batch_id = inserted.inserted_primary_key[0]  # type: ignore[index]
        else:
            conn.execute(update(batches).where(batches.c.id == batch_id).values(**values))
            conn.execute(delete(batch_subjects).where(batch_subjects.c.batch_id == batch_id))
        for chunk in subject_rows(batch_id, run_id, batch, subject_hashes):
            conn.execute(insert(batch_subjects), chunk)
        chain.append(
            conn,
            run_id=run_id,
            kind="batch",
            key=batch_key(batch.table_name, batch.rule_id, batch.batch_no),
            state=batch_state(conn, batch_id),
            now=self._clock(),
        )

    def batches_done(self, run_id: str) -> set[tuple[str, str, int]]:
        """(table, rule, batch_no) of the run's succeeded batches: what a retry can skip."""
        query = select(batches.c.table_name, batches.c.rule_id, batches.c.batch_no).where(
            batches.c.run_id == run_id, batches.c.status == "succeeded"
        )
        with self.engine.connect() as conn:
            return {(row.table_name, row.rule_id, row.batch_no) for row in conn.execute(query)}

    def batch_rows(self, run_id: str, rule_id: str, batch_no: int) -> dict[str, int] | None:
        """Rows per table of one succeeded CRM batch of the run (notices left out); None if not recorded."""
        query = select(batches.c.table_name, batches.c.rows_affected).where(
            batches.c.run_id == run_id,
            batches.c.rule_id == rule_id,
            batches.c.batch_no == batch_no,
            batches.c.status == "succeeded",
            batches.c.table_name != "(notices)",
        )
        with self.engine.connect() as conn:
            found = {row.table_name: int(row.rows_affected) for row in conn.execute(query)}
        return {t: n for t, n in found.items() if t != "*"} if found else None

    # -- validations (the gate's checks) ---------------------------------------------------------

    def record_validations(self, run_id: str, results: Sequence[CheckResult]) -> None:
        """Store what the validation gate found for the run, in order, replacing what an earlier
        attempt of the gate recorded; sealed in the audit chain like a plan (counts only)."""
        names = [result.name for result in results]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise LedgerError(f"validations of run {run_id!r}: check names repeated: {repeated}")
        with self._writing() as conn:
            _require_run(conn, run_id)
            conn.execute(delete(validations).where(validations.c.run_id == run_id))
            if results:
                now = self._clock()
                rows = [_validation_row(run_id, no, result, now) for no, result in enumerate(results, 1)]
                conn.execute(insert(validations), rows)
            chain.append(
                conn,
                run_id=run_id,
                kind="validations",
                key=run_id,
                state=validations_state(conn, run_id),
                now=self._clock(),
            )

    def validations(self, run_id: str) -> list[dict[str, Any]]:
        """The run's validation results in the gate's order (``position`` from 1); ``created_at`` an
        aware UTC datetime. Empty if none were recorded (or the run is unknown)."""
        query = select(validations).where(validations.c.run_id == run_id).order_by(validations.c.position)
        with self.engine.connect() as conn:
            return [
                {key: value for key, value in row._mapping.items() if key not in ("id", "run_id")}
                for row in conn.execute(query)
            ]

    # -- notices (warn before acting) ------------------------------------------------------------

    def notices(self, rule_id: str, subject_hashes: Sequence[str]) -> dict[str, datetime.date]:
        """The latest notice date queued under ``rule_id`` for each of these subjects that has one."""
        found: dict[str, datetime.date] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(subject_hashes), 1000):
                chunk = list(subject_hashes[start : start + 1000])
                query = (
                    select(notices.c.subject_hash, func.max(notices.c.queued_on))
                    .where(notices.c.rule_id == rule_id, notices.c.subject_hash.in_(chunk))
                    .group_by(notices.c.subject_hash)
                )
                found.update({h: d for h, d in conn.execute(query)})
        return found

    def record_notices(
        self, run_id: str, rule_id: str, subject_hashes: Sequence[str], queued_on: datetime.date
    ) -> int:
        """Queue notices (idempotent for the same rule, subject and day); return how many are new."""
        with self.engine.begin() as conn:
            _require_run(conn, run_id)
            already = set(
                conn.execute(
                    select(notices.c.subject_hash).where(
                        notices.c.rule_id == rule_id,
                        notices.c.queued_on == queued_on,
                        notices.c.subject_hash.in_(list(subject_hashes)),
                    )
                ).scalars()
            )
            new = [
                {"rule_id": rule_id, "subject_hash": h, "queued_on": queued_on, "run_id": run_id}
                for h in dict.fromkeys(subject_hashes)
                if h not in already
            ]
            if new:
                conn.execute(insert(notices), new)
        return len(new)

    # -- locks and audit --------------------------------------------------------------------------

    def acquire_lock(self, name: str, owner: str, *, ttl: datetime.timedelta) -> bool:
        """Take the named lease for ``ttl``; True if taken, renewed (same owner) or taken over (expired).

        Legacy: the sweep no longer uses these leases; it locks the CRM itself (crm_privacy.crm.lock)."""
        return locks.acquire(self.engine, name, owner, now=self._clock(), ttl=ttl)

    def release_lock(self, name: str, owner: str) -> None:
        locks.release(self.engine, name, owner)

    def verify_chain(self) -> bool:
        """True when the audit chain is unbroken and every sealed record (run, plan, batch, validations)
        matches its last seal."""
        return not self.audit_problems()

    def audit_problems(self) -> list[str]:
        """What ``verify_chain`` found wrong, one PII-free line per problem (record ids, no values)."""
        with self.engine.connect() as conn:
            return chain.problems(conn)

    # -- internals --------------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            chain.lock(conn)
            yield conn

    def _seal_run(self, conn: Connection, run_id: str) -> None:
        chain.append(
            conn, run_id=run_id, kind="run", key=run_id, state=run_state(conn, run_id), now=self._clock()
        )


def _validation_row(
    run_id: str, position: int, result: CheckResult, now: datetime.datetime
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "position": position,
        "kind": result.kind,
        "name": result.name,
        "expectation": result.expectation,
        "table_name": result.table,
        "column_name": result.column,
        "rule_id": result.rule,
        "passed": bool(result.passed),
        "unexpected_count": int(result.unexpected_count),
        # The column holds NAME characters: an over-long message is cut, never refused.
        "error": None if result.error is None else result.error[:NAME],
        "description": result.description,
        "created_at": now,
    }


def _require_run(conn: Connection, run_id: str) -> None:
    if conn.execute(select(runs.c.run_id).where(runs.c.run_id == run_id)).first() is None:
        raise LedgerError(f"unknown run {run_id!r}: call start_run first")
