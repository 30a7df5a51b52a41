"""Run one real sweep and die on the Nth batch: after its CRM commit, before its evidence reaches the ledger.

Run as a script by ``test_sweep_evidence.py`` (``python sweep_crash.py POLICY CRM LEDGER WORKDIR AS_OF N``,
key in ``CRM_PRIVACY_HMAC_KEY``). Nothing in product code knows about it: the ledger's
``record_batches`` is wrapped here, and the Nth call kills the process with SIGKILL (no ``finally``,
no ``atexit``, no rollback: what a lost worker or an OOM kill leaves behind).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from crm_privacy.ledger import BatchRecord, Ledger
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.transform.keys import keyring_from_env


def die_on_batch(crash_at: int) -> None:
    real = Ledger.record_batches
    calls = 0

    def record_or_die(
        self: Ledger, run_id: str, records: Sequence[BatchRecord], subject_hashes: Sequence[str] = ()
    ) -> None:
        nonlocal calls
        calls += 1
        if calls == crash_at:
            os.kill(os.getpid(), signal.SIGKILL)
        real(self, run_id, records, subject_hashes)

    Ledger.record_batches = record_or_die  # type: ignore[method-assign]


def main(argv: Sequence[str]) -> int:
    policy, crm_url, ledger_url, workdir, as_of, crash_at = argv
    die_on_batch(int(crash_at))
    run_sweep(
        policy=policy,
        crm_url=crm_url,
        ledger_url=ledger_url,
        as_of=dt.date.fromisoformat(as_of),
        dry_run=False,
        max_share=1.0,
        keyring=keyring_from_env(),
        workdir=Path(workdir),
    )
    return 0  # only reached when the sweep had fewer than N batches


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
