"""What a sweep at ``as_of`` must do to a generated CRM, as the generator knows it.

Each CRM module in this package exposes:

- ``NAME`` (e.g. ``"dolibarr"``), ``POLICY`` (the shipped policy's path), ``SUBJECT_TABLE``;
- ``build(engine, *, seed: int = 7, contacts: int = 120) -> Fate``: creates the test schema (a subset
  of the CRM's real tables, with their real names and column types) on an empty database and fills
  it with French data whose fate at ``Fate.as_of`` is known.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fate:
    """The generator's promise about a run at ``as_of`` with the CRM's shipped policy."""

    #: run date of the sweep (ISO), e.g. "2025-06-30"
    as_of: str
    #: subject keys whose personal data must be gone after the sweep (anonymised or deleted)
    expired: frozenset[Hashable]
    #: subject keys that must be left exactly as they were, with every row that belongs to them
    kept: frozenset[Hashable]
    #: for each expired subject, the personal values it has anywhere in the CRM (name as "First Last",
    #: e-mail, phone as written, NIR, ...): none may remain in any text column of any table afterwards
    #: (compared case-insensitively; values with 8+ digits also on their digits alone)
    secrets: Mapping[Hashable, tuple[str, ...]]
    #: table -> primary keys of rows that must be identical after the sweep: the kept subjects' rows
    #: and everything that belongs to them, invoices under their legal duty, company rows
    untouched: Mapping[str, frozenset[Hashable]]
    #: table -> primary keys of rows that must be gone after the sweep (e.g. expired contacts' events)
    deleted: Mapping[str, frozenset[Hashable]] = field(default_factory=dict)
