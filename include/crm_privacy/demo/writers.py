"""Stream generated rows into the database, one chunk per transaction.

PostgreSQL gets ``COPY ... FROM STDIN`` through psycopg 3 (the raw DBAPI connection under SQLAlchemy):
about ten times faster than INSERTs and the reason a million contacts load in minutes. Other backends
get an executemany of a Core ``INSERT``; with PyMySQL, ``cursor.executemany`` rewrites
``INSERT ... VALUES (...)`` into multi-row statements of up to ~1 MB, so MariaDB is not row-by-row
either (the integration tests check it through ``Com_insert``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from crm_privacy.demo.context import COLUMNS, Rows
from crm_privacy.demo.schema import TABLES_IN_LOAD_ORDER

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


class ChunkWriter:
    """Writes a chunk of rows (all tables, parents first) in one transaction and commits it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self._types: dict[str, list[str]] = {}

    def write(self, rows: Rows) -> None:
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                # Losing the last chunks on a crash is fine for demo data; waiting for fsync is not.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            for table in TABLES_IN_LOAD_ORDER:
                batch = rows.get(table.name)
                if not batch:
                    continue
                if self.dialect == "postgresql":
                    self._copy(conn, table.name, batch)
                else:
                    self._insert(conn, table.name, batch)
                self.counts[table.name] += len(batch)
            conn.commit()

    def _copy(self, conn: Connection, name: str, batch: Iterable[tuple[object, ...]]) -> None:
        """Binary COPY: ~40% less client CPU than text COPY (no value-to-text formatting)."""
        quote = conn.dialect.identifier_preparer.quote
        columns = ", ".join(quote(c) for c in COLUMNS[name])
        raw = conn.connection.driver_connection
        assert raw is not None
        sql = f"COPY {quote(name)} ({columns}) FROM STDIN (FORMAT BINARY)"
        with raw.cursor() as cur, cur.copy(sql) as copy:
            if name not in self._types:
                self._types[name] = self._pg_types(conn, name)
            copy.set_types(self._types[name])
            for row in batch:
                copy.write_row(row)

    def _pg_types(self, conn: Connection, name: str) -> list[str]:
        """PostgreSQL type names of the copied columns ("bigint", "varchar", "numeric"...), from the schema."""
        from crm_privacy.demo.schema import metadata

        table = metadata.tables[name]
        return [table.c[c].type.compile(dialect=conn.dialect).split("(")[0].lower() for c in COLUMNS[name]]

    def _insert(self, conn: Connection, name: str, batch: list[tuple[object, ...]]) -> None:
        from crm_privacy.demo.schema import metadata

        table = metadata.tables[name]
        columns = COLUMNS[name]
        params = [dict(zip(columns, row, strict=True)) for row in batch]
        with warnings.catch_warnings():
            # SQLite stores NUMERIC as float-ish text; exact cents are not needed for demo data.
            warnings.filterwarnings("ignore", message=".*Decimal objects natively.*")
            conn.execute(table.insert(), params)
