"""Find personal data where the policy does not expect it: sample every text column, detect PII.

The report holds types, counts and shares only, never a value read from the database, so it can
be logged, stored and shown to anyone who may see the schema.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy
from sqlalchemy import MetaData

from crm_privacy.detect import columns as column_io


@dataclass(frozen=True)
class ColumnFinding:
    """What the sample of one text column contained."""

    table: str
    column: str
    declared: bool
    category: str | None  # the data category the policy declares, if any
    rows_sampled: int
    rows_with_pii: int
    entities: dict[str, int] = field(default_factory=dict)  # entity type -> spans found

    @property
    def share_with_pii(self) -> float:
        return self.rows_with_pii / self.rows_sampled if self.rows_sampled else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "column": self.column,
            "declared": self.declared,
            "category": self.category,
            "rows_sampled": self.rows_sampled,
            "rows_with_pii": self.rows_with_pii,
            "share_with_pii": round(self.share_with_pii, 4),
            "entities": dict(sorted(self.entities.items())),
        }


@dataclass(frozen=True)
class DiscoveryReport:
    """Every sampled text column, and the undeclared ones where PII was found."""

    model: str
    sample_rows: int
    seed: int
    columns: tuple[ColumnFinding, ...]
    missing_declared: tuple[str, ...] = ()  # "table.column" declared by the policy, absent from the schema

    @property
    def undeclared(self) -> tuple[ColumnFinding, ...]:
        return tuple(c for c in self.columns if c.rows_with_pii and not c.declared)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "sample_rows": self.sample_rows,
            "seed": self.seed,
            "columns": [c.to_dict() for c in self.columns],
            "undeclared": [c.to_dict() for c in self.undeclared],
            "missing_declared": list(self.missing_declared),
        }


def discover(
    engine: sqlalchemy.Engine,
    declared: Mapping[str, Mapping[str, str]],
    *,
    sample_rows: int = 500,
    seed: int = 0,
    model: str = "fr_core_news_sm",
    created_later: Iterable[str] = (),
) -> DiscoveryReport:
    """Reflect the schema, sample every text column of every table, detect PII, compare with ``declared``
    (table -> {column -> data category}, as in the policy). Names are compared case-insensitively.
    Tables of ``created_later`` (archive tables, made by the first sweep that archives) are not
    missing while they do not exist at all."""
    from crm_privacy.detect.scan import scan_texts

    policy = {t.lower(): {c.lower(): cat for c, cat in cols.items()} for t, cols in declared.items()}
    metadata = MetaData()
    metadata.reflect(bind=engine)
    findings: list[ColumnFinding] = []
    seen: set[tuple[str, str]] = set()
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        columns = column_io.text_columns(table)
        seen.update((table.name.lower(), c.name.lower()) for c in table.columns)
        if not columns:
            continue
        with engine.connect() as conn:
            rows = column_io.sample_rows(conn, table, columns, sample_rows, seed)
        texts = [v if isinstance(v, str) else None for row in rows for v in row]
        spans = list(scan_texts(texts, model=model))
        for j, name in enumerate(columns):
            per_row = spans[j :: len(columns)]
            counts = Counter(s.entity_type for row_spans in per_row for s in row_spans)
            category = policy.get(table.name.lower(), {}).get(name.lower())
            findings.append(
                ColumnFinding(
                    table=table.name,
                    column=name,
                    declared=category is not None,
                    category=category,
                    rows_sampled=len(rows),
                    rows_with_pii=sum(1 for row_spans in per_row if row_spans),
                    entities=dict(counts),
                )
            )
    present = {t for t, _ in seen}
    later = {t.lower() for t in created_later} - present
    missing = tuple(
        f"{t}.{c}" for t, cols in policy.items() if t not in later for c in cols if (t, c) not in seen
    )
    return DiscoveryReport(model, sample_rows, seed, tuple(findings), missing)
