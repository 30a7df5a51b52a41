"""Benchmark of the demo CRM generator: N contacts (and their rows) into a database, usually PostgreSQL.

Measures wall time (load, then indexes + foreign keys + ANALYZE), rows per table and memory: peak RSS
(``ru_maxrss``) and the RSS sampled after every committed chunk, to show that memory stays flat while
the data grows. Prints a markdown report for bench/README.md.

    .venv/bin/python bench/generate.py --url postgresql://postgres@127.0.0.1/crm_bench --contacts 1000000 --replace
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from datetime import date

import psutil
from sqlalchemy import text

from crm_privacy.crm.engine import make_engine
from crm_privacy.demo.generate import DEFAULT_AS_OF, generate_demo_crm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/crm_bench")
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF)
    parser.add_argument("--replace", action="store_true", help="drop existing demo tables first")
    args = parser.parse_args(argv)

    engine = make_engine(args.url)
    process = psutil.Process()
    samples: list[tuple[int, float, int]] = []  # (contacts done, seconds, rss bytes)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        samples.append((done, time.perf_counter() - started, process.memory_info().rss))
        if done % 100_000 == 0 or done == total:
            rate = done / samples[-1][1]
            print(
                f"{done:>10,} contacts  {samples[-1][1]:7.1f} s  {rate:8,.0f}/s", file=sys.stderr, flush=True
            )

    counts = generate_demo_crm(
        engine,
        contacts=args.contacts,
        seed=args.seed,
        as_of=args.as_of,
        replace=args.replace,
        progress=progress,
    )
    total_s = time.perf_counter() - started
    load_s = samples[-1][1] if samples else total_s
    with engine.connect() as conn:
        server = (
            conn.execute(text("SELECT version()")).scalar() if engine.dialect.name != "sqlite" else "SQLite"
        )
    engine.dispose()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rss = [s[2] / 2**20 for s in samples]
    rows = sum(counts.values())
    print(f"## Demo CRM generation: {args.contacts:,} contacts, seed {args.seed}, as of {args.as_of}\n")
    print("| table | rows |\n| --- | ---: |")
    for name, n in counts.items():
        print(f"| {name} | {n:,} |")
    print(f"| **total** | **{rows:,}** |\n")
    print("| measure | value |\n| --- | ---: |")
    print(f"| wall time, total | {total_s:.1f} s |")
    print(f"| of which generate + load | {load_s:.1f} s |")
    print(f"| of which indexes, foreign keys, ANALYZE | {total_s - load_s:.1f} s |")
    print(f"| contacts per second (total) | {args.contacts / total_s:,.0f} |")
    print(f"| rows per second (total) | {rows / total_s:,.0f} |")
    print(f"| peak RSS (ru_maxrss) | {peak_mb:.0f} MB |")
    if rss:  # flat memory: RSS should stop growing after the first chunks
        at = [rss[min(len(rss) - 1, round(f * len(rss)) - 1)] for f in (0.1, 0.25, 0.5, 0.75, 1.0)]
        print(f"| RSS at 10 / 25 / 50 / 75 / 100 % | {' / '.join(f'{v:.0f}' for v in at)} MB |")
    print(f"| server | {str(server).split(' on ')[0]} |")
    load = " / ".join(f"{v:.1f}" for v in psutil.getloadavg())
    print(
        f"| client | Python {platform.python_version()}, {psutil.cpu_count()} CPUs, load avg {load} at the end |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
