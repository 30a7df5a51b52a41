"""Run dates a run may use: never in the future for a real run, never before the DAG's start date.

Two places check them. At trigger time the DAG's timetable (``dagrun.timetable``) refuses a logical
date in the future (Airflow would leave such a run queued until that day, and with
``max_active_runs=1`` it would block every later run) or before the DAG's ``start_date`` (Airflow
would create no task for it and the run would end green having done nothing): the REST API answers
400 with the reason, ``airflow dags test`` stops with it. In the run, the first task checks the run
date itself (the ``as_of`` param, else the logical date): a date after today (UTC) is refused for a
real run; a dry run may preview it only when asked explicitly (``simulate_future``).
"""

from __future__ import annotations

import datetime as dt

from crm_privacy.errors import UsageError

#: A logical date this much ahead of the server's clock is still accepted (clocks of browsers differ).
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


class RunDateRefused(UsageError, ValueError):
    """A run date no run may use (a ValueError too: Airflow's REST API turns it into a 400 answer)."""


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def check_logical_date(
    logical: dt.datetime, start: dt.datetime | None, now: dt.datetime, future_hint: str = ""
) -> None:
    """Refuse a manual run's logical date after ``now`` (plus ``CLOCK_TOLERANCE``) or before ``start``;
    ``future_hint`` ends the message about a future date."""
    when = logical.astimezone(dt.UTC)
    if when > now + CLOCK_TOLERANCE:
        raise RunDateRefused(
            f"logical date {when:%Y-%m-%d %H:%M:%S} UTC is in the future (today is "
            f"{now.astimezone(dt.UTC).date().isoformat()}, UTC): Airflow would not start this run before "
            "then, and a queued run blocks every later one (max_active_runs=1). Trigger it with today's "
            f"date or an earlier one.{' ' + future_hint if future_hint else ''}"
        )
    if start is not None and when < start:
        raise RunDateRefused(
            f"logical date {when:%Y-%m-%d %H:%M:%S} UTC is before the DAG's start_date "
            f"{start.astimezone(dt.UTC).date().isoformat()}: Airflow would create no task for this run, "
            f"which would end green having done nothing. Trigger it with a date from "
            f"{start.astimezone(dt.UTC).date().isoformat()} on."
        )


def check_run_date_not_future(
    run_date: dt.date, today: dt.date, *, dry_run: bool, simulate_future: bool, source: str
) -> bool:
    """Whether this run simulates a future date; refuse a future date unless a dry run asks for it.

    ``source`` says where the date came from (``the as_of param``, ``the logical date``)."""
    if simulate_future and not dry_run:
        raise RunDateRefused(
            "simulate_future is for dry runs only: set dry_run to true as well (a real run never treats "
            "a future date)"
        )
    if run_date <= today:
        return False
    if not dry_run:
        raise RunDateRefused(
            f"run date {run_date.isoformat()} ({source}) is after today ({today.isoformat()}, UTC): a real "
            "run cannot treat data as of a future date (it would purge data still under its retention "
            "period or legal hold today). Use today's date or an earlier one; to preview that date, "
            "trigger a dry run with simulate_future set to true."
        )
    if not simulate_future:
        raise RunDateRefused(
            f"run date {run_date.isoformat()} ({source}) is after today ({today.isoformat()}, UTC): a dry "
            "run previews a future date only when asked explicitly: set simulate_future to true."
        )
    return True
