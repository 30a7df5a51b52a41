"""The calendar convention of retention periods, pinned (docstring of ``crm_privacy.rules.calendar``).

Expired on run date D when D >= start + period; a missing day is clamped to the month's last day
(29 February + 1 year -> 28 February); only the date part of a timestamp counts. The SQL cutoff the
planner uses (``expiry_cutoff``) must agree with ``is_expired`` for every start date: checked by brute
force over leap and non-leap years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from dateutil.relativedelta import relativedelta
from pydantic import TypeAdapter

from crm_privacy.policy.model import Period, PeriodField
from crm_privacy.rules.calendar import add_period, expiry_cutoff, is_expired, latest_expired_start

ONE_DAY = dt.timedelta(days=1)


def period(text: str) -> Period:
    """A period as the policy spells it (``3y``, ``1m``, ``30d``)."""
    return TypeAdapter(PeriodField).validate_python(text)


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def expiry_case(start: str, length: str, run_date: str, expired: bool) -> object:
    verdict = "expired" if expired else "kept"
    return pytest.param(start, length, run_date, expired, id=f"{start}+{length}-on-{run_date}-{verdict}")


@pytest.mark.parametrize(
    ("start", "length", "run_date", "expired"),
    [
        # GDPR_RULES.md section 9, scenario 4: D = start + 3 calendar years is already expired
        expiry_case("2022-06-30", "3y", "2025-06-30", True),
        expiry_case("2022-06-30", "3y", "2025-06-29", False),
        expiry_case("2024-02-29", "3y", "2027-02-27", False),
        expiry_case("2024-02-29", "3y", "2027-02-28", True),
        expiry_case("2024-02-29", "3y", "2027-03-01", True),
        expiry_case("2024-02-29", "4y", "2028-02-28", False),
        expiry_case("2024-02-29", "4y", "2028-02-29", True),
        expiry_case("2024-02-29", "2y", "2026-02-28", True),
        expiry_case("2023-02-28", "1y", "2024-02-28", True),
        expiry_case("2023-02-28", "1y", "2024-02-27", False),
        # month-end clamping of month periods
        expiry_case("2025-01-31", "1m", "2025-02-27", False),
        expiry_case("2025-01-31", "1m", "2025-02-28", True),
        expiry_case("2024-01-31", "1m", "2024-02-28", False),
        expiry_case("2024-01-31", "1m", "2024-02-29", True),
        expiry_case("2024-03-31", "1m", "2024-04-30", True),
        expiry_case("2024-03-31", "1m", "2024-04-29", False),
        expiry_case("2023-06-01", "24m", "2025-06-01", True),
        expiry_case("2023-06-01", "24m", "2025-05-31", False),
        # day periods are plain day counts
        expiry_case("2025-06-30", "30d", "2025-07-30", True),
        expiry_case("2025-06-30", "30d", "2025-07-29", False),
        expiry_case("2024-02-01", "30d", "2024-03-02", True),
        expiry_case("2024-02-01", "30d", "2024-03-01", False),
    ],
)
def test_expiry_on_pinned_dates(start: str, length: str, run_date: str, expired: bool) -> None:
    assert is_expired(d(start), period(length), d(run_date)) is expired


@pytest.mark.parametrize(
    ("start", "length", "anniversary"),
    [
        ("2022-06-30", "3y", "2025-06-30"),
        ("2024-02-29", "3y", "2027-02-28"),
        ("2024-02-29", "4y", "2028-02-29"),
        ("2025-01-31", "1m", "2025-02-28"),
        ("2024-01-31", "1m", "2024-02-29"),
        ("2024-12-31", "2m", "2025-02-28"),
        ("2024-11-30", "3m", "2025-02-28"),
        ("2025-06-30", "30d", "2025-07-30"),
    ],
)
def test_add_period_clamps_to_month_end(start: str, length: str, anniversary: str) -> None:
    assert add_period(d(start), period(length)) == d(anniversary)


@pytest.mark.parametrize(
    ("run_date", "length", "latest"),
    [
        # 2027-02-28 - 3y is 2024-02-28, yet 2024-02-29 + 3y = 2027-02-28 is expired too
        ("2027-02-28", "3y", "2024-02-29"),
        ("2027-02-27", "3y", "2024-02-27"),
        ("2025-06-30", "3y", "2022-06-30"),
        # every start from 28 to 31 January reaches 28 February after one month
        ("2025-02-28", "1m", "2025-01-31"),
        ("2024-02-29", "1m", "2024-01-31"),
        ("2024-02-28", "1m", "2024-01-28"),
        ("2025-07-30", "30d", "2025-06-30"),
    ],
)
def test_latest_expired_start_pinned(run_date: str, length: str, latest: str) -> None:
    assert latest_expired_start(d(run_date), period(length)) == d(latest)


@pytest.mark.parametrize(
    ("clock", "expired"),
    [
        ("2022-06-30T00:00:00", True),
        ("2022-06-30T23:59:59.999999", True),  # only the date part counts
        ("2022-07-01T00:00:00", False),
    ],
    ids=["midnight-of-start-expired", "last-instant-of-start-day-expired", "next-day-not-expired"],
)
def test_cutoff_ignores_time_of_day(clock: str, expired: bool) -> None:
    """Scenario 4: a last inbound contact on 2022-06-30 (at any hour) is expired on 2025-06-30."""
    cutoff = expiry_cutoff(d("2025-06-30"), period("3y"))
    assert (dt.datetime.fromisoformat(clock) < cutoff) is expired


PERIODS = ["3y", "2y", "1m", "30d"]
UNITS = {"y": "years", "m": "months", "d": "days"}


def anniversary(start: dt.date, p: Period) -> dt.date:
    """Independent oracle: dateutil's calendar arithmetic also clamps to the month's last day."""
    moved: dt.date = start + relativedelta(**{UNITS[p.unit]: p.amount})
    return moved


@pytest.mark.parametrize("length", PERIODS, ids=[f"{p}-every-start-2023-to-2028" for p in PERIODS])
def test_cutoff_agrees_with_is_expired_for_every_start(length: str) -> None:
    """For every start date (leap years 2024 and 2028 included) and run dates around its expiry,
    ``latest_expired_start`` and ``expiry_cutoff`` say exactly what ``is_expired`` says."""
    p = period(length)
    for start in days(d("2023-01-01"), d("2028-12-31")):
        expiry = add_period(start, p)
        assert expiry == anniversary(start, p), (start, p)
        assert not is_expired(start, p, expiry - ONE_DAY), (start, p)
        assert is_expired(start, p, expiry), (start, p)
        for run_date in (expiry - 2 * ONE_DAY, expiry - ONE_DAY, expiry, expiry + ONE_DAY):
            expected = is_expired(start, p, run_date)
            latest = latest_expired_start(run_date, p)
            cutoff = expiry_cutoff(run_date, p)
            midnight = dt.datetime(start.year, start.month, start.day)
            assert (start <= latest) is expected, (start, p, run_date)
            assert (midnight < cutoff) is expected, (start, p, run_date)
            assert (midnight.replace(hour=23, minute=59, second=59) < cutoff) is expected, (
                start,
                p,
                run_date,
            )


@pytest.mark.parametrize("length", PERIODS, ids=[f"{p}-every-run-date-2025-to-2029" for p in PERIODS])
def test_expired_starts_form_a_prefix_ending_at_latest_expired_start(length: str) -> None:
    """For every run date, the expired starts are exactly those on or before the latest expired start:
    no start after it is expired, none before it is kept (checked on a window around the boundary)."""
    p = period(length)
    for run_date in days(d("2025-01-01"), d("2029-12-31")):
        latest = latest_expired_start(run_date, p)
        assert expiry_cutoff(run_date, p) == dt.datetime.combine(latest + ONE_DAY, dt.time())
        for offset in range(-5, 6):
            start = latest + offset * ONE_DAY
            assert is_expired(start, p, run_date) is (offset <= 0), (run_date, p, start)
