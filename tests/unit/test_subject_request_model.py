"""Data-subject requests: the fields a person's request is checked on, and its legal deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_privacy.errors import UsageError
from crm_privacy.requests.deadlines import check_extension, due_date, pause_days
from crm_privacy.requests.model import parse_request

TODAY = dt.date(2025, 6, 30)


def ok(**kw: object) -> object:
    args: dict[str, object] = {
        "reference": "DSR-1",
        "received": "2025-06-02",
        "email": "a@b.fr",
        "today": TODAY,
    }
    args.update(kw)
    type_ = str(args.pop("type", "access"))
    return parse_request(type_, **args)  # type: ignore[arg-type]


def test_identifiers_are_normalised() -> None:
    request = ok(email="  Jean.Dupont@Example.FR ", phone="06 12 34 56 78", ref=" C-001 ")
    assert request.identifiers() == {  # type: ignore[attr-defined]
        "email": "jean.dupont@example.fr",
        "phone": "+33612345678",
        "reference": "C-001",
    }


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"type": "delete"}, "request type"),
        ({"email": None}, "identifiers"),
        ({"email": "   "}, "identifiers"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"reference": None}, "reference"),
        ({"reference": "../etc"}, "reference"),
        ({"received": "2025-13-01"}, "received"),
        ({"received": "2025-07-01"}, "received"),  # after today
        ({"type": "rectification"}, "changes"),
        ({"type": "rectification", "changes": {"bad name;": "x"}}, "changes"),
        ({"type": "erasure", "changes": {"city": "Lyon"}}, "changes"),
    ],
)
def test_bad_input_is_refused_naming_the_field(kw: dict[str, object], field: str) -> None:
    with pytest.raises(UsageError) as exc:
        ok(**kw)
    assert str(exc.value).startswith(field), str(exc.value)


def test_received_defaults_to_today() -> None:
    assert ok(received=None).received == TODAY  # type: ignore[attr-defined]


def test_due_date_is_one_calendar_month_with_pauses_and_extensions() -> None:
    # scenario 10: received 2025-06-02, due 2025-07-02
    assert due_date(dt.date(2025, 6, 2)) == dt.date(2025, 7, 2)
    # scenario 11: identity asked 2025-06-04, received 2025-06-14: 10 days paused
    assert due_date(dt.date(2025, 6, 2), pause_days(dt.date(2025, 6, 4), dt.date(2025, 6, 14))) == dt.date(
        2025, 7, 12
    )
    # the retention convention: a missing day is clamped to the month's end
    assert due_date(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert due_date(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    # an extension of 2 months at most
    assert due_date(dt.date(2025, 6, 2), 0, 2) == dt.date(2025, 9, 2)
    with pytest.raises(UsageError):
        due_date(dt.date(2025, 6, 2), 0, 3)


def test_an_extension_is_decided_before_the_deadline_with_reasons() -> None:
    due = dt.date(2025, 7, 12)
    check_extension(dt.date(2025, 7, 12), due, 2, "demande complexe : 14 systèmes à interroger")
    with pytest.raises(UsageError, match="has passed"):
        check_extension(dt.date(2025, 7, 13), due, 1, "trop tard")
    with pytest.raises(UsageError, match="reasons"):
        check_extension(dt.date(2025, 7, 1), due, 1, " ")
    with pytest.raises(UsageError, match="1 to 2"):
        check_extension(dt.date(2025, 7, 1), due, 3, "trois mois")
