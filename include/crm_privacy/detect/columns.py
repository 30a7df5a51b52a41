"""Reading text columns from a database: which columns hold text, a seeded sample, a full stream."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Integer, String, Table, func, select, tuple_

from crm_privacy.detect.entities import Span
from crm_privacy.detect.nlp import DEFAULT_MODEL

#: Rows read per window of the seeded sample: a range scan on the primary key index each.
WINDOW_ROWS = 50


def text_columns(table: Table) -> list[str]:
    """Columns whose type is a string (VARCHAR, TEXT, CHAR, CLOB, enums...), in table order."""
    return [c.name for c in table.columns if isinstance(c.type, String)]


def sample_rows(
    conn: Connection, table: Table, columns: Sequence[str], n: int, seed: int
) -> list[tuple[Any, ...]]:
    """Up to ``n`` rows (values of ``columns``), deterministic for a given seed and table content.

    With a single integer primary key: ``n / 50`` windows of 50 consecutive keys starting at seeded
    random points between min and max, so old and recent rows are both seen, using only index range
    scans (never ``ORDER BY RANDOM()``). Otherwise: the first ``n`` rows by primary key (or as stored).
    """
    cols = [table.c[name] for name in columns]
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, Integer):
        key = pk[0]
        low, high = conn.execute(select(func.min(key), func.max(key))).one()
        if low is None:
            return []
        if high - low + 1 > n:
            rng = random.Random(seed)
            found: dict[Any, tuple[Any, ...]] = {}
            for start in sorted(rng.randint(low, high) for _ in range(max(1, n // WINDOW_ROWS))):
                query = select(key, *cols).where(key >= start).order_by(key).limit(WINDOW_ROWS)
                for row in conn.execute(query):
                    found.setdefault(row[0], tuple(row[1:]))
            return list(found.values())[:n]
    query = select(*cols).limit(n)
    if pk:
        query = query.order_by(*pk)
    return [tuple(row) for row in conn.execute(query)]


def iter_column(
    engine: Engine, table: Table, column: str, *, page_rows: int = 1000
) -> Iterator[list[tuple[Any, Any]]]:
    """Every (primary key, value) of a column, a page at a time: keyset pagination on the primary key
    (short queries, no long-open cursor), or a server-side streamed cursor when there is no key."""
    pk = list(table.primary_key.columns)
    value = table.c[column]
    if not pk:
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=page_rows).execute(select(value))
            for part in result.partitions():
                yield [((), row[0]) for row in part]
        return
    last: tuple[Any, ...] | None = None
    while True:
        query = select(*pk, value).order_by(*pk).limit(page_rows)
        if last is not None:
            query = query.where(tuple_(*pk) > tuple_(*last))
        with engine.connect() as conn:
            rows = [(tuple(r[: len(pk)]), r[len(pk)]) for r in conn.execute(query)]
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def scan_column(
    engine: Engine, table: Table, column: str, *, model: str = DEFAULT_MODEL, page_rows: int = 1000
) -> Iterator[tuple[tuple[Any, ...], list[Span]]]:
    """(primary key, spans) for every non-empty value of a column, streamed in pages, constant memory;
    large columns use both cores (see ``scan.scan_batches``)."""
    from crm_privacy.detect.scan import scan_batches

    pages: list[list[tuple[Any, ...]]] = []

    def texts() -> Iterator[list[str | None]]:
        for page in iter_column(engine, table, column, page_rows=page_rows):
            pages.append([key for key, _ in page])
            yield [v if isinstance(v, str) else None for _, v in page]

    for results in scan_batches(texts(), model=model):
        keys = pages.pop(0)
        for key, spans in zip(keys, results, strict=True):
            if spans:
                yield key, spans
