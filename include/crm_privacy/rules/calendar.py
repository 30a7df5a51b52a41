"""The calendar convention of every retention period (documented in docs/policy.md, pinned by tests).

A period runs in calendar units: ``start + N years`` keeps the month and day, ``start + N months``
keeps the day. When that day does not exist it is clamped to the month's last day (29 February ->
28 February, 31 January + 1 month -> 28/29 February). Data whose clock started on ``start`` is
**expired on run date D when D >= start + period**: on the anniversary itself it is expired.
Only the date part of a timestamp counts; the run date is the DAG run's logical date (UTC).

Run dates lie between ``FIRST_RUN_DATE`` and ``LAST_RUN_DATE``; with periods of at most 200 years
(``policy.model.MAX_PERIOD``) no computation from a run date leaves the calendar (years 1 to 9999).
"""

from __future__ import annotations

import calendar
import datetime as dt

from crm_privacy.errors import UsageError
from crm_privacy.policy.model import Period

FIRST_RUN_DATE = dt.date(1970, 1, 1)
LAST_RUN_DATE = dt.date(2200, 12, 31)


def check_run_date(run_date: dt.date, name: str = "run date") -> dt.date:
    """Refuse a run date outside FIRST_RUN_DATE..LAST_RUN_DATE (a typo like 0001-01-01 or 9999-12-31)."""
    if not FIRST_RUN_DATE <= run_date <= LAST_RUN_DATE:
        raise UsageError(
            f"{name} {run_date.isoformat()} is out of range: "
            f"use a date from {FIRST_RUN_DATE.isoformat()} to {LAST_RUN_DATE.isoformat()}"
        )
    return run_date


def add_period(start: dt.date, period: Period, sign: int = 1) -> dt.date:
    """``start`` moved by ``period`` (or back by it with ``sign=-1``), clamping to month ends.

    A result beyond the calendar saturates at ``date.max`` (``date.min`` backwards): a hold that
    starts on 9999-12-31 in the CRM never ends, it does not crash the sweep.
    """
    if period.unit == "d":
        days = sign * period.amount
        if not dt.date.min.toordinal() <= start.toordinal() + days <= dt.date.max.toordinal():
            return dt.date.max if days > 0 else dt.date.min
        return start + dt.timedelta(days=days)
    months = sign * period.amount * (12 if period.unit == "y" else 1)
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return dt.date.max if months > 0 else dt.date.min
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def is_expired(start: dt.date, period: Period, run_date: dt.date) -> bool:
    return run_date >= add_period(start, period)


def latest_expired_start(run_date: dt.date, period: Period) -> dt.date:
    """The latest clock start that is expired on ``run_date``: expired <=> start <= this date.

    Because of clamping, subtracting the period is not always exact (2027-02-28 - 3y = 2024-02-28,
    yet 2024-02-29 + 3y = 2027-02-28 is expired too), so step forward while the next day is expired.
    """
    candidate = add_period(run_date, period, sign=-1)
    while is_expired(candidate + dt.timedelta(days=1), period, run_date):
        candidate += dt.timedelta(days=1)
    while not is_expired(candidate, period, run_date):  # never true today; guards future units
        candidate -= dt.timedelta(days=1)
    return candidate


def expiry_cutoff(run_date: dt.date, period: Period) -> dt.datetime:
    """Exclusive timestamp bound: a clock value ``< cutoff`` is expired on ``run_date``."""
    last = latest_expired_start(run_date, period) + dt.timedelta(days=1)
    return dt.datetime(last.year, last.month, last.day)
