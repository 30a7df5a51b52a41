"""``crm-privacy demo-db``: create and fill the demo CRM in any SQLAlchemy URL.

Only argparse is imported at module level: ``crm-privacy --help`` must not pay for SQLAlchemy or Faker.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from typing import Any

PROGRESS_EVERY = 50_000  # contacts between two progress lines on stderr
SUPPORTED_BACKENDS = ("sqlite", "postgresql", "mysql", "mariadb")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo-db",
        help="create a deterministic French demo CRM (every retention case of GDPR_RULES.md)",
        description=(
            "Create the demo CRM schema in the database at --url and fill it with generated data. "
            "The same --seed, --contacts, --companies and --as-of give the same rows on SQLite, "
            "PostgreSQL and MariaDB."
        ),
    )
    parser.add_argument("--url", required=True, help="SQLAlchemy URL, e.g. postgresql://user@host/db")
    parser.add_argument("--contacts", type=_count, default=10_000, help="number of contacts (default 10000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--companies", type=_count, default=None, help="number of companies (default: contacts / 8)"
    )
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="run date D the data is built around (default 2025-06-30, the GDPR_RULES.md scenarios)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="drop the demo tables (and what a sweep created in the demo CRM: invoices_archive, crm_privacy_outbox, crm_privacy_lock) if they exist, then recreate them",
    )
    parser.set_defaults(func=run)


def _count(text: str) -> int:
    value = int(text.replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import make_url

    from crm_privacy.crm.engine import make_engine, normalise_url
    from crm_privacy.demo.generate import DEFAULT_AS_OF, DEFAULT_CHUNK, generate_demo_crm
    from crm_privacy.errors import ConnectionFailed

    if args.companies == 0:
        print("crm-privacy: error: --companies must be at least 1", file=sys.stderr)
        return 2
    backend = make_url(normalise_url(args.url)).get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise ConnectionFailed(f"demo-db supports SQLite, PostgreSQL and MariaDB/MySQL URLs, not {backend!r}")
    engine = make_engine(args.url)
    started = time.monotonic()
    last_report = [0]

    def progress(done: int, total: int) -> None:
        if done - last_report[0] >= PROGRESS_EVERY or (done == total and last_report[0]):
            last_report[0] = done
            elapsed = time.monotonic() - started
            print(
                f"demo-db: {done:,}/{total:,} contacts, {elapsed:.0f} s, {done / elapsed:,.0f} contacts/s",
                file=sys.stderr,
                flush=True,
            )

    try:
        counts = generate_demo_crm(
            engine,
            contacts=args.contacts,
            seed=args.seed,
            as_of=args.as_of or DEFAULT_AS_OF,
            companies=args.companies,
            replace=args.replace,
            progress=progress,
            chunk_size=min(DEFAULT_CHUNK, PROGRESS_EVERY),  # progress is reported once per chunk
        )
    finally:
        engine.dispose()
    elapsed = time.monotonic() - started
    width = max(len(name) for name in counts)
    print(f"demo CRM created in {engine.url.render_as_string(hide_password=True)} ({elapsed:.1f} s)")
    for name, rows in counts.items():
        print(f"  {name:<{width}}  {rows:>12,}")
    print(f"  {'total':<{width}}  {sum(counts.values()):>12,}")
    return 0
