"""Actions that compute new values in Python, a batch at a time: hmac, generalise, fake (scrub_text:
``transform.scrub_action``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Column, ColumnElement, and_, extract, func, or_

from crm_privacy.transform.base import Action, ActionContext, Writes, register
from crm_privacy.transform.keys import PREFIX, pseudonym_hex_digits


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HmacParams(_Params):
    kind: Literal["email", "phone", "reference", "person", "text"] = "text"
    length: int = 16


@register
class Hmac(Action):
    """Keyed pseudonym ``pz:<hex>``: the same input gives the same pseudonym in every table and run."""

    name = "hmac"
    Params = HmacParams
    needs_values = True

    def writes(self) -> Writes | None:
        assert isinstance(self.params, HmacParams)
        hex_digits = pseudonym_hex_digits(self.params.length)
        return Writes("text", len(PREFIX) + hex_digits, f" ('{PREFIX}' + {hex_digits} hex)")

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        return and_(column.is_not(None), ~column.startswith(PREFIX, autoescape=True))

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        assert isinstance(self.params, HmacParams)
        ring = ctx.require_keyring(self.name)
        kind, length = self.params.kind, self.params.length
        return [
            v if v is None or str(v).startswith(PREFIX) else ring.pseudonym(kind, str(v), length)
            for v in values
        ]


class GeneraliseParams(_Params):
    to: Literal["year", "band5", "departement", "age_band"]


@register
class Generalise(Action):
    """Coarsen a quasi-identifier: date -> 1 January of its year (or of its 5-year band),
    postcode -> département, age -> 10-year band."""

    name = "generalise"
    Params = GeneraliseParams
    needs_values = True

    @property
    def label(self) -> str:
        assert isinstance(self.params, GeneraliseParams)
        return f"{self.name} to {self.params.to}"

    def writes(self) -> Writes | None:
        assert isinstance(self.params, GeneraliseParams)
        return _GENERALISED[self.params.to]

    def pending(self, column: Column[Any]) -> ColumnElement[bool] | None:
        assert isinstance(self.params, GeneraliseParams)
        to = self.params.to
        if to in {"year", "band5"}:
            not_first_jan = or_(extract("month", column) != 1, extract("day", column) != 1)
            if to == "band5":
                not_first_jan = or_(not_first_jan, extract("year", column) % 5 != 0)
            return and_(column.is_not(None), not_first_jan)
        if to == "departement":
            return and_(column.is_not(None), func.length(column) > 3)
        return and_(column.is_not(None), column % 10 != 0)

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        assert isinstance(self.params, GeneraliseParams)
        return [None if v is None else _GENERALISERS[self.params.to](v) for v in values]


def _year(value: Any) -> dt.date:
    return dt.date(_as_date(value).year, 1, 1)


def _band5(value: Any) -> dt.date:
    year = _as_date(value).year
    return dt.date(year - year % 5, 1, 1)


def _departement(value: Any) -> str:
    code = str(value).strip().replace(" ", "")
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20") and len(code) == 5:  # Corsica: 200xx-201xx is 2A, 202xx-206xx is 2B
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def _age_band(value: Any) -> int:
    return int(value) - int(value) % 10


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


#: what each generalisation writes: 1 January of a year, a département code (2A, 75, 971), a band
_GENERALISED: dict[str, Writes] = {
    "year": Writes("date"),
    "band5": Writes("date"),
    "departement": Writes("text", 3),
    "age_band": Writes("integer"),
}

_GENERALISERS: dict[str, Callable[[Any], Any]] = {
    "year": _year,
    "band5": _band5,
    "departement": _departement,
    "age_band": _age_band,
}


class FakeParams(_Params):
    kind: Literal["first_name", "last_name", "name", "email", "phone", "street", "city", "company"]


@register
class Fake(Action):
    """A realistic French value (Faker fr_FR), the same for the same subject on every run."""

    name = "fake"
    Params = FakeParams
    needs_values = True

    def writes(self) -> Writes | None:
        return Writes("text")  # every kind is text; lengths depend on the Faker pool, not checked

    def transform(
        self, values: Sequence[Any], subjects: Sequence[Any], ctx: ActionContext, column: Column[Any]
    ) -> list[Any]:
        assert isinstance(self.params, FakeParams)
        ring = ctx.require_keyring(self.name)
        pool = _fake_pool(self.params.kind)
        out: list[Any] = []
        for value, subject in zip(values, subjects, strict=True):
            if value is None:
                out.append(None)
                continue
            index = int(ring.digest(f"fake:{self.params.kind}", str(subject))[:12], 16) % len(pool)
            out.append(pool[index])
        return out


@cache
def _fake_pool(kind: str, size: int = 2000) -> tuple[str, ...]:
    """Faker is slow per call: draw a seeded pool once per process, then index it by keyed hash."""
    from faker import Faker

    fake = Faker("fr_FR")
    fake.seed_instance(20250630)
    make: dict[str, Callable[[], str]] = {
        "first_name": fake.first_name,
        "last_name": fake.last_name,
        "name": fake.name,
        "email": lambda: fake.user_name() + "@example.invalid",
        "phone": fake.phone_number,
        "street": fake.street_address,
        "city": fake.city,
        "company": fake.company,
    }
    return tuple(make[kind]() for _ in range(size))
