"""The legal deadline of a request (RGPD art. 12(3)): one calendar month from receipt, paused while
the controller waits for identity information, extendable by two more months (with reasons, told to
the person before the first deadline passes).

Calendar months follow the retention convention (``crm_privacy.rules.calendar``): a missing day is
clamped to the month's end (31 January + 1 month = 28 or 29 February).
"""

from __future__ import annotations

import datetime as dt

from crm_privacy.errors import UsageError
from crm_privacy.policy.model import Period
from crm_privacy.rules.calendar import add_period

ONE_MONTH = Period(amount=1, unit="m")
MAX_EXTENSION_MONTHS = 2
ALERT_DAYS = 10  # the deadlines DAG lists cases due within this many days
ESCALATE_DAYS = 2  # ... and its alert says URGENT for cases due within this many days, or overdue


def due_date(received: dt.date, paused_days: int = 0, extension_months: int = 0) -> dt.date:
    """Received + 1 month, + the days paused for identity checks, + an extension of up to 2 months."""
    if paused_days < 0:
        raise UsageError("pause: a negative number of days")
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise UsageError(f"extension: 0 to {MAX_EXTENSION_MONTHS} months, got {extension_months}")
    due = add_period(received, ONE_MONTH) + dt.timedelta(days=paused_days)
    if extension_months:
        due = add_period(due, Period(amount=extension_months, unit="m"))
    return due


def pause_days(asked: dt.date, answered: dt.date) -> int:
    """Days the clock stops while the person is asked for identity information."""
    if answered < asked:
        raise UsageError("pause: the answer comes before the question")
    return (answered - asked).days


def check_extension(today: dt.date, due: dt.date, months: int, reason: str) -> None:
    """An extension is decided before the deadline passes, with its reasons, and at most 2 months."""
    if not reason.strip():
        raise UsageError("extension: the reasons told to the person are required")
    if today > due:
        raise UsageError(
            f"extension: the deadline {due.isoformat()} has passed; it can no longer be extended"
        )
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        raise UsageError(f"extension: 1 to {MAX_EXTENSION_MONTHS} months, got {months}")
