"""Find the subject of a request: the rows of the policy's subject table whose declared identifiers
(e-mail, phone, customer reference) match the request's, after the same normalisation (e-mail: trimmed,
lower case; phone: E.164; reference: trimmed). Set-based: one query per identifier, the server does
the comparison (phones are narrowed by their last digits in SQL, then compared normalised)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select

from crm_privacy.crm.binding import Binding
from crm_privacy.errors import UsageError
from crm_privacy.transform.keys import normalise


@dataclass(frozen=True)
class Located:
    keys: tuple[Any, ...]
    #: identifier kind -> subject keys it matched
    by_identifier: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def ambiguous(self) -> bool:
        return len(self.keys) > 1


def locate(binding: Binding, identifiers: Mapping[str, str]) -> Located:
    """The subject keys whose identifiers match ``identifiers`` (kind -> normalised value)."""
    declared: dict[str, list[str]] = {}
    for ident in binding.policy.subject.identifiers:
        declared.setdefault(ident.kind, []).append(ident.column)
    unknown = sorted(set(identifiers) - set(declared))
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: the policy declares no such identifier on {binding.policy.subject.table} "
            "(subject.identifiers)"
        )
    table, key = binding.subject, binding.subject_key
    by_identifier: dict[str, tuple[Any, ...]] = {}
    with binding.engine.connect() as conn:
        for kind, value in identifiers.items():
            found: set[Any] = set()
            for column_name in declared[kind]:
                column = table.c[column_name]
                if kind == "phone":
                    tail = value.lstrip("+")[-8:]  # its last digits in pairs, any separators between
                    pattern = "%" + "%".join(tail[i : i + 2] for i in range(0, len(tail), 2)) + "%"
                    rows = conn.execute(select(key, column).where(column.like(pattern))).all()
                    found.update(k for k, v in rows if v is not None and normalise("phone", str(v)) == value)
                else:
                    found.update(
                        conn.execute(select(key).where(_normalised(kind, column) == value)).scalars()
                    )
            by_identifier[kind] = tuple(sorted(found, key=str))
    keys = sorted({k for ks in by_identifier.values() for k in ks}, key=str)
    return Located(tuple(keys), by_identifier)


def _normalised(kind: str, column: Any) -> ColumnElement[Any]:
    text = func.trim(column)
    return func.lower(text) if kind == "email" else text
