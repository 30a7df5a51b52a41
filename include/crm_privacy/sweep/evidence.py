"""Every committed batch reaches the ledger, whatever crashes: through the CRM's outbox.

A batch writes its evidence (``crm_privacy.crm.outbox``) in its own CRM transaction; after the commit
the evidence goes to the ledger, then leaves the outbox. Evidence a crash left behind is moved by the
next step that can: a retried apply step or the check/finish step of the same run, the plan step of
the next run on that CRM (a dry run too, for the dead run it closes), or ``crm-privacy unlock``. Moving is idempotent (the ledger replaces a batch recorded again), so a
crash at any point leaves the ledger complete once one of those steps has run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, Engine

from crm_privacy.crm import outbox
from crm_privacy.crm.binding import Binding
from crm_privacy.crm.outbox import OutboxEntry
from crm_privacy.ledger import BatchRecord, Ledger, LedgerError


class BatchEvidence:
    """The evidence of one batch: sealed inside its CRM transaction, published after the commit."""

    def __init__(
        self,
        binding: Binding,
        run_id: str,
        rule_id: str,
        batch_no: int,
        kind: str,
        subject_hashes: Sequence[str],
        rows_planned: int | None = None,
    ) -> None:
        """``rows_planned`` None: the rows the batch changes (a purge knows them only then)."""
        _ensure_outbox(binding)  # DDL before the batch's transaction
        self._binding = binding
        self._template = OutboxEntry(
            run_id=run_id,
            rule_id=rule_id,
            batch_no=batch_no,
            kind=kind,
            rows_planned=rows_planned if rows_planned is not None else 0,
            changed={},
            started_at=_now(),
            finished_at=_now(),
            subject_hashes=tuple(subject_hashes),
        )
        self._planned_from_changes = rows_planned is None
        self._sealed: OutboxEntry | None = None

    def seal(self, conn: Connection, changed: Mapping[str, int]) -> None:
        """Write the outbox row in the batch's transaction (``crm_privacy.crm.outbox.Seal``)."""
        self._sealed = self._done(changed)
        outbox.write(conn, self._sealed)

    def publish(self, ledger: Ledger) -> dict[str, int]:
        """After the commit: record the batch in the ledger, then drop its outbox row; return its changes.

        A batch that sealed nothing had no subjects and changed nothing: it is recorded directly."""
        entry = self._sealed or self._done({})
        record(ledger, entry)
        if self._sealed is not None:
            outbox.remove(self._binding.engine, entry)
        return dict(entry.changed)

    def _done(self, changed: Mapping[str, int]) -> OutboxEntry:
        t = self._template
        planned = sum(changed.values()) if self._planned_from_changes else t.rows_planned
        return OutboxEntry(
            run_id=t.run_id,
            rule_id=t.rule_id,
            batch_no=t.batch_no,
            kind=t.kind,
            rows_planned=planned,
            changed=dict(changed),
            started_at=t.started_at,
            finished_at=_now(),
            subject_hashes=t.subject_hashes,
        )


def drain(binding: Binding, ledger: Ledger, run_id: str | None = None) -> int:
    """Move what crashes left in the outbox (one run's, or every run's) to the ledger; return how many.

    Reads only: a CRM without an outbox table is left as it is (a dry run creates nothing)."""
    if not _outbox_known(binding):
        return 0
    return _move(binding.engine, ledger, run_id)


def drain_dead_run(engine: Engine, ledger: Ledger, run_id: str) -> int:
    """Move a dead holder's evidence to the ledger when its run is closed (``plan``, dry or not, and
    ``unlock``); return how many batches. Bookkeeping only: a CRM without an outbox is left as it is
    (nothing created), and a run this ledger does not know keeps its evidence in the outbox."""
    if ledger.get_run(run_id) is None or not outbox.outbox_exists(engine):
        return 0
    return _move(engine, ledger, run_id)


def _move(engine: Engine, ledger: Ledger, run_id: str | None) -> int:
    entries = outbox.pending(engine, run_id)
    for entry in entries:
        if ledger.get_run(entry.run_id) is None:
            raise LedgerError(
                f"the CRM outbox ({outbox.OUTBOX}) holds evidence of run {entry.run_id!r}, which this ledger "
                "does not know: run the sweep with that run's ledger (the evidence stays in the outbox)"
            )
        record(ledger, entry)
        outbox.remove(engine, entry)
    return len(entries)


def record(ledger: Ledger, entry: OutboxEntry) -> None:
    """One ledger transaction for the batch: a record per table changed, the subjects on the first."""
    records = [
        BatchRecord(
            batch_no=entry.batch_no,
            table_name=table,
            rule_id=entry.rule_id,
            action="apply",
            rows_planned=entry.rows_planned,
            rows_affected=rows,
            status="succeeded",
            started_at=entry.started_at,
            finished_at=entry.finished_at,
        )
        for table, rows in (entry.changed or {"*": 0}).items()
    ]
    ledger.record_batches(entry.run_id, records, entry.subject_hashes)


def _ensure_outbox(binding: Binding) -> None:
    if not binding.__dict__.get("_outbox_ready"):
        outbox.ensure_outbox(binding.engine)
        binding.__dict__["_outbox_ready"] = True


def _outbox_known(binding: Binding) -> bool:
    if not binding.__dict__.get("_outbox_ready") and outbox.outbox_exists(binding.engine):
        binding.__dict__["_outbox_ready"] = True
    return bool(binding.__dict__.get("_outbox_ready"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
