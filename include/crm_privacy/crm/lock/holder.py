"""Who holds the sweep lock, how long a silent ``run`` holder stays alive, and the messages naming it.

Messages name runs, hosts, pids and times: never CRM values.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from typing import Literal

from crm_privacy.errors import CrmPrivacyError, GuardRefused

LockMode = Literal["process", "run"]

GRACE_VARIABLE = "CRM_PRIVACY_LOCK_GRACE_MINUTES"
DEFAULT_GRACE = dt.timedelta(minutes=30)
#: Bounds of CRM_PRIVACY_LOCK_GRACE_MINUTES: at least a minute (heartbeats come every minute at most),
#: at most 7 days (a dead Airflow run must not lock the CRM for longer).
GRACE_MIN_MINUTES = 1.0
GRACE_MAX_MINUTES = 7 * 24 * 60.0


class LockBusy(GuardRefused):
    """The CRM is locked by a live holder (named in the message)."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


class LockLost(GuardRefused):
    """This run no longer holds the lock (taken over or freed): it must not touch the CRM."""


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as its row says."""

    run_id: str
    job: str
    host: str
    pid: int
    mode: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime

    def describe(self) -> str:
        return (
            f"run {self.run_id} (job {self.job}, {self.mode} mode, host {self.host}, pid {self.pid}, "
            f"since {when(self.acquired_at)}, last heartbeat {when(self.heartbeat_at)})"
        )

    def death_note(self, freed_by: str) -> str:
        """Why its run ends ``interrupted`` (for the ledger's error column)."""
        return (
            f"interrupted: its process died holding the CRM lock ({self.mode} mode, host {self.host}, "
            f"pid {self.pid}, last heartbeat {when(self.heartbeat_at)}); {freed_by}"
        )

    def dead(self, now: dt.datetime, grace: dt.timedelta) -> bool:
        """Dead, for a caller holding the session lock: a process holder's session is gone, or a run
        holder has not heartbeat for longer than ``grace``."""
        return self.mode != "run" or now - self.heartbeat_at > grace


def when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def grace_from_env() -> dt.timedelta:
    """``CRM_PRIVACY_LOCK_GRACE_MINUTES`` (minutes, may be fractional, 1 to 10080), else 30 minutes."""
    raw = os.environ.get(GRACE_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_GRACE
    try:
        minutes = float(raw)
    except ValueError:
        minutes = math.nan
    if not (math.isfinite(minutes) and GRACE_MIN_MINUTES <= minutes <= GRACE_MAX_MINUTES):
        # a timedelta overflows past 999,999,999 days; a grace of minutes would free a live holder
        raise CrmPrivacyError(
            f"{GRACE_VARIABLE} must be a number of minutes from {GRACE_MIN_MINUTES:g} to "
            f"{GRACE_MAX_MINUTES:g} (7 days), got {raw[:20]!r}"
        )
    return dt.timedelta(minutes=minutes)


def busy_message(holder: Holder | None, grace: dt.timedelta) -> str:
    """Who holds the lock, and when and how it frees."""
    if holder is None:
        return (
            "the CRM is locked: another process is taking or checking its lock right now; retry in a moment"
        )
    if holder.mode == "run":
        how = (
            "an Airflow run keeps the lock while its tasks heartbeat: it frees when that run finishes, "
            f"or at {when(holder.heartbeat_at + grace)} if no task of it heartbeats until then (grace "
            f"{grace.total_seconds() / 60:g} min, {GRACE_VARIABLE}); after that the next sweep takes it "
            "over, or `crm-privacy unlock --crm URL` frees it"
        )
    else:
        how = (
            "a process holder (the CLI) keeps the lock while its process lives: it frees when that run "
            "finishes or its process ends; if the process is gone, the next sweep or `crm-privacy unlock "
            "--crm URL` takes it over at once"
        )
    return f"the CRM is locked by {holder.describe()}; {how}"


def busy(holder: Holder | None, grace: dt.timedelta, prefix: str = "") -> LockBusy:
    """The refusal naming ``holder`` (``prefix`` says what was refused)."""
    return LockBusy(prefix + busy_message(holder, grace), holder)


def not_held(run_id: str, holder: Holder | None) -> str:
    """Why a run lost the lock, as its row says: another holder took it over, or it was freed."""
    detail = f"it is held by {holder.describe()}" if holder else "it was freed"
    return f"run {run_id} no longer holds the lock on this CRM: {detail}"


def session_lost(run_id: str) -> str:
    return f"run {run_id} lost its database session, and the lock with it"


def lost(reason: str) -> LockLost:
    return LockLost(f"{reason}; this run must not touch the CRM any more: start a new run")
