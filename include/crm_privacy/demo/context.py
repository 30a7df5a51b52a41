"""Shared state of one generation run: the reference date and its cut-offs, id counters, row layout.

Rows are plain tuples in the column order of :data:`COLUMNS` (not ``Table.columns``), so that a column
added later to the schema by someone else simply stays NULL instead of shifting every value.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from crm_privacy.demo.pools import Pools

T = TypeVar("T")
Row = tuple[Any, ...]
Rows = dict[str, list[Row]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "companies": (
        "id", "name", "siren", "siret", "sector", "size_band", "address_line", "postcode", "city",
        "phone", "website", "internal_comment", "created_at",
    ),
    "contacts": (
        "id", "company_id", "customer_ref", "civility", "first_name", "last_name", "email", "phone",
        "mobile", "address_line", "postcode", "city", "birth_date", "job_title", "source", "status",
        "segment", "lead_score", "preferences", "created_at", "last_login_at",
    ),
    "interactions": ("id", "contact_id", "kind", "direction", "email_event", "occurred_at", "subject"),
    "notes": ("id", "parent_type", "parent_id", "author", "body", "created_at"),
    "consents": (
        "id", "contact_id", "purpose", "status", "given_at", "withdrawn_at", "channel",
        "collection_point", "text_version", "text_hash", "mechanism",
    ),
    "contracts": (
        "id", "contact_id", "company_id", "reference", "product", "start_date", "end_date",
        "monthly_amount",
    ),
    "opportunities": (
        "id", "contact_id", "company_id", "title", "stage", "amount", "margin", "expected_close",
        "created_at",
    ),
    "orders": ("id", "contact_id", "order_number", "ordered_at", "amount_ht", "margin", "delivery_address"),
    "invoices": (
        "id", "order_id", "contact_id", "invoice_number", "issued_at", "fiscal_year",
        "fiscal_year_close", "amount_ht", "amount_ttc", "margin", "billing_name", "billing_address",
        "billing_email", "paid",
    ),
}  # fmt: skip

TABLE_NAMES: tuple[str, ...] = tuple(COLUMNS)


def years_before(d: date, years: int) -> date:
    """Same calendar day ``years`` earlier; 29 February becomes 28 February (the GDPR_RULES convention)."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


@dataclass(frozen=True)
class Timeline:
    """Dates relative to the run date D; events never fall within ``MARGIN`` of a retention cut-off.

    The margin keeps the expected classification of every generated contact independent of boundary
    conventions (``>`` or ``>=``, time zones): boundary cases belong in the rule engine's unit tests.
    """

    as_of: date
    now: datetime  # D at 00:00: every generated event is strictly earlier
    prospect_cutoff: datetime  # D - 3 years (R1, R3)
    login_cutoff: datetime  # D - 2 years (R4)
    history_start: datetime  # 1 January, 13 years before D: invoices span 14 fiscal years

    MARGIN = timedelta(days=15)

    @classmethod
    def for_date(cls, as_of: date) -> Timeline:
        def midnight(d: date) -> datetime:
            return datetime(d.year, d.month, d.day)

        return cls(
            as_of=as_of,
            now=midnight(as_of),
            prospect_cutoff=midnight(years_before(as_of, 3)),
            login_cutoff=midnight(years_before(as_of, 2)),
            history_start=datetime(as_of.year - 13, 1, 1),
        )


class FastRandom(random.Random):
    """``random.Random`` whose integer draws are ``int(random() * n)``: 5-10x cheaper than the exact
    rejection sampling, deterministic all the same, and the bias (< 2**-40 for our ranges) is irrelevant
    for demo data. ``sample``, ``shuffle`` and ``choices`` go through ``_randbelow`` and get faster too."""

    def _randbelow(self, n: int) -> int:  # type: ignore[override]
        return int(self.random() * n)

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def choices(  # type: ignore[override]
        self,
        population: Sequence[T],
        weights: Sequence[float] | None = None,
        *,
        cum_weights: Sequence[float] | None = None,
        k: int = 1,
    ) -> list[T]:
        if k != 1 or weights is None or cum_weights is not None:
            return super().choices(population, weights, cum_weights=cum_weights, k=k)
        x = self.random() * sum(weights)  # our weight lists are short: a linear scan beats bisect
        for item, weight in zip(population, weights, strict=True):
            x -= weight
            if x < 0:
                return [item]
        return [population[-1]]


def between(r: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second instant in [start, end) (MariaDB DATETIME keeps no fraction by default)."""
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=r.randrange(span)) if span > 1 else start


@dataclass
class Ids:
    """Next explicit id per table; blocks are generated in order, so ids are deterministic."""

    next: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 1))

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class Run:
    """Everything a block generator needs."""

    seed: int
    pools: Pools
    timeline: Timeline
    companies: int
    ids: Ids = field(default_factory=Ids)


def new_rows() -> Rows:
    return {name: [] for name in COLUMNS}
