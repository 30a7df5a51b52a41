"""The sweep's lock, kept in the CRM itself: every way of reaching one database meets the same lock.

Two parts (docs/sweep.md, "The lock"):

- a row in the table ``crm_privacy_lock`` (created on first use) naming the holder: run id, job,
  host, pid, mode, when it took the lock and when it last heartbeat (``table``, ``holder``);
- a *session lock* that dies with the session holding it: PostgreSQL ``pg_try_advisory_lock``,
  MariaDB/MySQL ``GET_LOCK``, SQLite ``flock`` on a sidecar file next to the database file
  (``sessions``). Whoever changes the row holds it meanwhile, and a ``process`` holder keeps it for
  its whole run.

A ``process`` holder (the CLI: one process runs the whole sweep) is dead as soon as its session lock
is free. A ``run`` holder (an Airflow DAG run: several task processes, with gaps between them, two
apply tasks at once) cannot keep a session: it is alive while its tasks renew ``heartbeat_at`` and
dead after ``CRM_PRIVACY_LOCK_GRACE_MINUTES`` (30 by default) without. Each task renews the
heartbeat when it starts and from a background thread while it runs (``heartbeat``), and fails if
the lock is no longer its own (``core``). Times come from the database server's clock, so workers'
clocks need not agree. Messages name runs, hosts, pids and times: never CRM values.
"""

from __future__ import annotations

from crm_privacy.crm.lock.core import WAIT_SECONDS, CrmLock, close_all
from crm_privacy.crm.lock.holder import (
    DEFAULT_GRACE,
    GRACE_VARIABLE,
    Holder,
    LockBusy,
    LockLost,
    LockMode,
    busy_message,
    grace_from_env,
    when,
)
from crm_privacy.crm.lock.table import HOST, LOCK_TABLE, SWEEP, db_now, ensure_table, lock_table, read_holder
from crm_privacy.crm.lock.unlock import free_dead

__all__ = [
    "DEFAULT_GRACE",
    "GRACE_VARIABLE",
    "HOST",
    "LOCK_TABLE",
    "SWEEP",
    "WAIT_SECONDS",
    "CrmLock",
    "Holder",
    "LockBusy",
    "LockLost",
    "LockMode",
    "busy_message",
    "close_all",
    "db_now",
    "ensure_table",
    "free_dead",
    "grace_from_env",
    "lock_table",
    "read_holder",
    "when",
]
