"""`crm-privacy runs` and `crm-privacy unlock`: see the runs in the ledger, free a dead holder's lock."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

#: What ``runs`` shows of a run (the ledger's column names).
RUN_FIELDS = ("run_id", "job", "crm", "as_of", "status", "started_at", "finished_at", "dry_run", "error")
HEADERS = ("RUN ID", "JOB", "CRM", "AS OF", "STATUS", "STARTED (UTC)", "FINISHED (UTC)", "DRY RUN", "ERROR")


def register(subparsers: Any) -> None:
    help_text = "list the runs recorded in the privacy ledger, newest first"
    p = subparsers.add_parser("runs", help=help_text, description=help_text)
    p.add_argument("--ledger", required=True, help="SQLAlchemy URL of the privacy ledger")
    p.add_argument("--job", default=None, help="only this job (e.g. retention_sweep)")
    p.add_argument("--limit", type=_positive, default=20, help="at most N runs (default 20)")
    p.add_argument("--json", action="store_true", help="print one JSON array")
    p.set_defaults(func=_runs)

    help_text = "free the sweep lock of a CRM whose holder is gone (never a live holder's)"
    p = subparsers.add_parser(
        "unlock",
        help=help_text,
        description=help_text + ". A holder is gone when its process no longer holds its session lock "
        "(CLI) or when it has not heartbeat for CRM_PRIVACY_LOCK_GRACE_MINUTES (Airflow).",
    )
    p.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM database")
    p.add_argument("--ledger", default=None, help="privacy ledger URL: mark the holder's run interrupted")
    p.set_defaults(func=_unlock)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text[:20]!r}")
    return value


def _runs(args: argparse.Namespace) -> int:
    from sqlalchemy import inspect

    from crm_privacy.errors import CrmPrivacyError
    from crm_privacy.ledger import Ledger

    ledger = Ledger.from_url(args.ledger, migrate=False)  # looking changes nothing
    try:
        if not inspect(ledger.engine).has_table("runs"):
            raise CrmPrivacyError("no privacy ledger at this URL (no runs table)")
        found = [_row(run) for run in ledger.list_runs(job=args.job, limit=args.limit)]
    finally:
        ledger.close()
    if args.json:
        json.dump(found, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif not found:
        print("no runs")
    else:
        _print_table(found)
    return 0


def _row(run: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in run.items()
        if key in RUN_FIELDS
    }


def _print_table(found: list[dict[str, Any]]) -> None:
    def cell(key: str, value: Any) -> str:
        if value is None:
            return "-"
        if key in ("started_at", "finished_at"):
            return str(value)[:19].replace("T", " ")
        if key == "dry_run":
            return "yes" if value else "no"
        text = " ".join(str(value).split())
        return text if len(text) <= 80 else text[:77] + "..."

    lines = [HEADERS, *(tuple(cell(k, run.get(k)) for k in RUN_FIELDS) for run in found)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(RUN_FIELDS) - 1)]
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=False)) + "  " + line[-1])


def _unlock(args: argparse.Namespace) -> int:
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.crm.lock import Holder, free_dead
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.sweep.evidence import drain_dead_run

    crm = make_engine(args.crm, crm=True)
    ledger = None
    closed = False
    moved = 0

    def close_run(dead: Holder) -> None:  # before the lock is freed: a failure here frees nothing
        nonlocal closed, moved
        if ledger is not None:  # its committed batches' evidence first: the closed run's totals are whole
            moved = drain_dead_run(crm, ledger, dead.run_id)
            closed = ledger.interrupt_run(dead.run_id, error=dead.death_note("freed by crm-privacy unlock"))

    try:
        if args.ledger:
            ledger = Ledger.from_url(args.ledger, migrate=False)
            refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created (in the CRM)
            ledger.migrate()
        freed = free_dead(crm, on_dead=close_run)  # refuses a live holder, naming it
    finally:
        crm.dispose()
        if ledger is not None:
            ledger.close()
    if freed is None:
        print("the CRM is not locked: nothing to free")
        return 0
    print(f"freed the lock of {freed.describe()}: its holder is gone")
    if ledger is None:
        print(
            f"  run {freed.run_id} is left as it is in its ledger: pass --ledger URL to mark it interrupted"
        )
    elif closed:
        print(f"  run {freed.run_id} marked interrupted in the ledger")
    if moved:
        print(f"  {moved} batch(es) of its evidence moved from the CRM outbox to the ledger")
    else:
        print(f"  run {freed.run_id} is not running in this ledger (already closed, or in another ledger)")
    return 0
