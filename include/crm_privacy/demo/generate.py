"""Generate the demo CRM: a deterministic, French, GDPR-relevant dataset streamed chunk by chunk.

Same ``seed``, ``contacts``, ``companies`` and ``as_of`` give the same rows on SQLite, PostgreSQL and
MariaDB: values come from pure Python (Faker pools + ``random.Random`` per block of
:data:`BLOCK` contacts), never from the database. Memory stays flat because only one chunk (by
default 10,000 contacts and their child rows) exists at a time.

Call :func:`generate_demo_crm` from code; ``crm-privacy demo-db`` is the command-line wrapper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from crm_privacy.demo.companies import company_block
from crm_privacy.demo.context import Rows, Run, Timeline, new_rows
from crm_privacy.demo.ddl import finish_schema, prepare_schema
from crm_privacy.demo.people import contact_block
from crm_privacy.demo.pools import build_pools

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: Acceptance-scenario date D of GDPR_RULES.md §9.
DEFAULT_AS_OF = date(2025, 6, 30)
#: Contacts (and companies) per random stream. Part of the data definition: changing it changes data.
BLOCK = 1000
#: Contacts per database transaction (does not change the data).
DEFAULT_CHUNK = 10_000

#: progress(contacts_done, contacts_total) after each committed chunk.
Progress = Callable[[int, int], None]


def default_companies(contacts: int) -> int:
    """One company for eight contacts (at least one): ~55% of contacts are B2B, ~4 per company."""
    return max(1, contacts // 8)


def iter_chunks(
    contacts: int,
    *,
    seed: int,
    as_of: date = DEFAULT_AS_OF,
    companies: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[tuple[int, Rows]]:
    """Yield ``(contacts_done, rows)`` chunks: all companies first (contacts_done=0), then contacts.

    Rows are tuples in :data:`crm_privacy.demo.context.COLUMNS` order. Usable without a database
    (unit tests, CSV export).
    """
    if contacts < 0:
        raise ValueError("contacts must be >= 0")
    n_companies = default_companies(contacts) if companies is None else companies
    if n_companies < 1:
        raise ValueError("companies must be >= 1")
    run = Run(seed=seed, pools=build_pools(seed), timeline=Timeline.for_date(as_of), companies=n_companies)
    per_chunk = max(BLOCK, chunk_size)
    rows, pending = new_rows(), 0
    for first in range(1, n_companies + 1, BLOCK):
        count = min(BLOCK, n_companies - first + 1)
        company_block(run, first, count, rows)
        pending += count
        if pending >= per_chunk:
            yield 0, rows
            rows, pending = new_rows(), 0
    if pending:
        yield 0, rows
        rows, pending = new_rows(), 0
    done = 0
    for first in range(1, contacts + 1, BLOCK):
        count = min(BLOCK, contacts - first + 1)
        contact_block(run, first, count, rows)
        pending += count
        done += count
        if pending >= per_chunk or done == contacts:
            yield done, rows
            rows, pending = new_rows(), 0


def generate_demo_crm(
    engine: Engine,
    *,
    contacts: int = 10_000,
    seed: int = 42,
    as_of: date = DEFAULT_AS_OF,
    companies: int | None = None,
    replace: bool = False,
    progress: Progress | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> dict[str, int]:
    """Create the demo schema on ``engine`` and fill it; return the number of rows per table.

    Raises :class:`crm_privacy.errors.SchemaNotEmpty` if demo tables exist and ``replace`` is false.
    """
    from crm_privacy.demo.writers import ChunkWriter

    prepare_schema(engine, replace=replace)
    writer = ChunkWriter(engine)
    chunks = iter_chunks(contacts, seed=seed, as_of=as_of, companies=companies, chunk_size=chunk_size)
    for done, rows in chunks:
        writer.write(rows)
        if progress is not None and done:
            progress(done, contacts)
    finish_schema(engine)
    return dict(writer.counts)
