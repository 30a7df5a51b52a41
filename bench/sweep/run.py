"""Benchmark of the retention sweep on PostgreSQL: our sweep vs a naive row-by-row loop vs one statement.

For each size (100,000 and 1,000,000 demo contacts, seed 42, as of 2025-06-30) and each bench policy
(``policy_sql.yaml``: SQL-only actions; ``policy_hmac.yaml``: the same plus keyed HMAC pseudonyms for
email and customer_ref), every method runs on its own fresh clone of the same source database
(``CREATE DATABASE ... TEMPLATE``), in its own subprocess:

* ``sweep``: ``crm_privacy.sweep.runner.run_sweep`` (plan with counts, guard, batched apply with the
  ledger records, then the gate step: re-plan and the validation gate, Great Expectations with its
  Data Docs), as the CLI runs it; SQLite ledger in a temp dir;
* ``naive``: what a user would write with psycopg: select the expired ids, then one UPDATE (and one
  DELETE of the contact's interactions) per row, committing every 1,000 rows;
* ``statement``: one hand-written SQL statement doing the same changes (the practical limit); the
  pseudonyms with pgcrypto's ``hmac()`` (or, without pgcrypto, the same HMAC built from ``sha256()``).

All three must leave identical tables: the script compares a checksum of ``contacts`` and
``interactions`` across methods and fails when they differ. Throughput = rows changed (contacts
updated + interactions deleted) / wall time of the work (imports excluded, planning included).
Peak RSS is the child's ``ru_maxrss`` from ``os.wait4`` (client process only, not the server).

Usage (from the repository root, local PostgreSQL with trust auth):

    .venv/bin/python bench/sweep/run.py                 # both sizes, both policies, all methods
    .venv/bin/python bench/sweep/run.py --sizes 100000  # quicker
    .venv/bin/python bench/sweep/run.py --profile /tmp/prof --sizes 100000 --methods sweep
    .venv/bin/python bench/sweep/run.py --sizes 1000000 --methods sweep --repeat 2 --gate-checks

The gate's time (``run_gate``: build the suite, run it through GX, build the Data Docs) is reported
next to the sweep's time without it (plan, guard, apply, ledger, re-plan), with its share; GX's import
(once per process) is done before the timer and reported on its own. After each sweep,
``crm-privacy validate`` runs ``--validate`` times (default 2) on the swept clone, timed as a whole
process; ``--gate-checks`` also times each SQL check of the gate alone (as GX runs it: a count, then
at most 200 rows), with its estimated cost and its count with ``jit = off``.

Source databases ``crm_bench_src_100k`` / ``crm_bench_src_1m`` are generated on first use (then
``VACUUM (FREEZE, ANALYZE)``, as autovacuum would leave a live CRM) and reused, never modified; each run
gets its own clone (``CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY``, then ``CHECKPOINT``),
dropped after its checksum (and, after our sweep, the ``validate`` runs). Each method runs ``--repeat``
times (default 3), interleaved; the table shows the median.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
POLICIES = {"sql": HERE / "policy_sql.yaml", "hmac": HERE / "policy_hmac.yaml"}
METHODS = ("sweep", "naive", "statement")
AS_OF = dt.date(2025, 6, 30)
SEED = 42
#: Not a secret: a fixed bench key so that every method computes the same pseudonyms.
BENCH_KEY = "bench-only-key-not-a-secret-0123456789"
COMMIT_EVERY = 1000
DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"

# Personal columns of contacts and what R1 does to them in both bench policies (hmac: see below).
REDACTED = "(anonymisé)"
SQL_SET = {
    "civility": None,
    "first_name": REDACTED,
    "last_name": REDACTED,
    "email": None,
    "phone": None,
    "mobile": None,
    "address_line": None,
    "postcode": None,
    "city": None,
    "birth_date": None,
    "customer_ref": None,
    "segment": None,
    "lead_score": None,
    "preferences": None,
    "job_title": REDACTED,
}
HMAC_COLUMNS = {"email": "email", "customer_ref": "reference"}  # column -> pseudonym kind


def size_label(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k"


def libpq(url: str) -> str:
    """SQLAlchemy URL -> libpq conninfo for psycopg."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


# -- the hand-written SQL (naive loop and single statement) ------------------------------------------


def expired_sql(columns: str = "c.id") -> str:
    """R1 of the bench policies, by hand: prospects, not anonymised, whose latest clock date (created_at,
    inbound interactions that are not e-mail opens/sends) is before the cutoff, with at least one date."""
    inbound = (
        "i.contact_id = c.id AND i.direction = 'inbound' "
        "AND (i.email_event IS NULL OR i.email_event NOT IN ('open', 'sent'))"
    )
    return (
        f"SELECT {columns} FROM contacts c "
        "WHERE c.anonymised_at IS NULL AND c.status = 'prospect' "
        "AND (c.created_at IS NULL OR c.created_at < %(cutoff)s) "
        f"AND NOT EXISTS (SELECT 1 FROM interactions i WHERE {inbound} AND i.occurred_at >= %(cutoff)s) "
        f"AND (c.created_at IS NOT NULL OR EXISTS (SELECT 1 FROM interactions i WHERE {inbound}))"
    )


def set_clause(variant: str, hmac_sql: dict[str, str] | None = None) -> str:
    """``SET`` list of the contacts update; hmac columns take ``hmac_sql[col]`` (SQL) or a parameter."""
    parts = []
    for column, value in SQL_SET.items():
        if variant == "hmac" and column in HMAC_COLUMNS:
            parts.append(f"{column} = {hmac_sql[column] if hmac_sql else f'%({column})s'}")
        elif value is None:
            parts.append(f"{column} = NULL")
        else:
            parts.append(f"{column} = %(redacted)s")
    parts.append("anonymised_at = %(marked)s")
    return ", ".join(parts)


def pgcrypto_pseudonym(column: str, kind: str) -> str:
    """``KeyRing.pseudonym`` in SQL with pgcrypto: pz: + hex HMAC-SHA256 of the normalised value."""
    normalised = f"btrim(normalize(c.{column}, NFKC), E' \\t\\n\\r\\x0b\\x0c')"
    if kind == "email":
        normalised = f"lower({normalised})"
    message = f"convert_to('pseudonym:{kind}' || chr(31) || {normalised}, 'UTF8')"
    digest = f"hmac({message}, %(key)s, 'sha256')"
    return _keep_treated(column, digest)


def sha256_pseudonym(column: str, kind: str) -> str:
    """The same HMAC without pgcrypto: H((K^opad) || H((K^ipad) || m)) with the built-in sha256()."""
    normalised = f"btrim(normalize(c.{column}, NFKC), E' \\t\\n\\r\\x0b\\x0c')"
    if kind == "email":
        normalised = f"lower({normalised})"
    message = f"convert_to('pseudonym:{kind}' || chr(31) || {normalised}, 'UTF8')"
    digest = f"sha256(%(k_opad)s || sha256(%(k_ipad)s || {message}))"
    return _keep_treated(column, digest)


def _keep_treated(column: str, digest: str) -> str:
    return (
        f"CASE WHEN c.{column} IS NULL OR c.{column} LIKE 'pz:%%' THEN c.{column} "
        f"ELSE 'pz:' || left(encode({digest}, 'hex'), 16) END"
    )


def hmac_pads(key: bytes) -> dict[str, bytes]:
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\0")
    return {
        "k_ipad": bytes(b ^ 0x36 for b in block),
        "k_opad": bytes(b ^ 0x5C for b in block),
    }


def statement_sql(variant: str, pgcrypto: bool) -> str:
    hmac_sql = None
    if variant == "hmac":
        make = pgcrypto_pseudonym if pgcrypto else sha256_pseudonym
        hmac_sql = {column: make(column, kind) for column, kind in HMAC_COLUMNS.items()}
    return (
        f"WITH expired AS MATERIALIZED ({expired_sql()}), "
        "gone AS (DELETE FROM interactions i USING expired e WHERE i.contact_id = e.id RETURNING 1), "
        f"done AS (UPDATE contacts c SET {set_clause(variant, hmac_sql)} "
        "FROM expired e WHERE c.id = e.id RETURNING 1) "
        "SELECT (SELECT count(*) FROM done), (SELECT count(*) FROM gone)"
    )


def common_params() -> dict[str, Any]:
    from crm_privacy.policy.model import Period
    from crm_privacy.rules.calendar import expiry_cutoff

    return {
        "cutoff": expiry_cutoff(AS_OF, Period(amount=3, unit="y")),
        "marked": dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day),
        "redacted": REDACTED,
    }


# -- the three methods (each runs in a child process) -----------------------------------------------


#: Where our sweep's wall time goes (see ``phase_timers``); "other" is the rest (reading key files,
#: subject hashes for the ledger, binding the policy, guard, the gate's notices and its ledger rows,
#: finishing the run). "check" is the re-plan; "gate" is ``run_gate``: building the suite and running
#: it through GX, Data Docs included.
PHASES = ("plan", "apply", "ledger", "check", "gate")
#: Inside "gate": building the SQL checks, the GX run (checkpoint), and the Data Docs site GX builds.
GATE_PARTS = ("build", "gx", "docs")
#: GX's last fetch of unexpected rows per check (``UnexpectedRowsQueryTable``): at most this many.
GX_ROW_LIMIT = 200


def phase_timers() -> tuple[dict[str, float], dict[str, float], list[Any]]:
    """Wrap the sweep's steps with timers (a few hundred calls: no measurable overhead).

    Returns the seconds per phase, the seconds per part of the gate, and (filled by the run) the
    gate's SQL checks, for ``time_checks``.
    """
    import crm_privacy.sweep.job as job
    import crm_privacy.sweep.runner as runner
    import crm_privacy.sweep.validation as validation
    import crm_privacy.validate.gate as gate
    import crm_privacy.validate.gx_runner as gx_runner
    from crm_privacy.ledger.store import Ledger

    spent = dict.fromkeys(PHASES, 0.0)
    parts = dict.fromkeys(GATE_PARTS, 0.0)
    built: list[Any] = []

    def timed(into: dict[str, float], phase: str, func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                into[phase] += time.perf_counter() - start

        return wrapper

    def keep_checks(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            sql, recorded = func(*args, **kwargs)
            built[:] = sql
            return sql, recorded

        return wrapper

    def docs_timer(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            context = func(*args, **kwargs)
            context.build_data_docs = timed(parts, "docs", context.build_data_docs)
            return context

        return wrapper

    for owner, name, into, phase in (
        (runner, "plan_step", spent, "plan"),
        (validation, "check_step", spent, "check"),  # the re-plan, first thing gate_step does
        (validation, "run_gate", spent, "gate"),  # build + GX run + Data Docs (gate_step calls it)
        (job, "apply_batch", spent, "apply"),  # the CRM statements of a batch (job.apply_step calls it)
        (Ledger, "record_batches", spent, "ledger"),  # the batch's evidence: row, subject hashes, chain
        (gate, "build_checks", parts, "build"),  # run_gate calls the module's name
        (gx_runner, "run_checks", parts, "gx"),  # run_gate imports it from the module when it runs
    ):
        setattr(owner, name, timed(into, phase, getattr(owner, name)))
    gate.build_checks = keep_checks(gate.build_checks)
    gx_runner._ephemeral_context = docs_timer(gx_runner._ephemeral_context)
    return spent, parts, built


def time_checks(url: str, checks: list[Any]) -> list[dict[str, Any]]:
    """Each SQL check of the gate run alone, as GX runs it: ``SELECT COUNT(*)`` over the query, then
    its rows (at most ``GX_ROW_LIMIT``), on the swept database, after the sweep (counts only). Also the
    planner's estimated cost of the count (PostgreSQL JIT-compiles a query above ``jit_above_cost``,
    and inlines and optimises it above ``jit_optimize_above_cost``) and the count again with
    ``SET jit = off``."""
    from sqlalchemy import create_engine, text

    from crm_privacy.validate.gx_runner import gx_query

    engine = create_engine(url)
    out = []
    try:
        with engine.connect() as conn:
            for check in checks:
                query = gx_query(check.query).format(batch=check.table)  # what GX hands to text()
                count_sql = f"SELECT COUNT(*) FROM ({query}) AS q"
                start = time.perf_counter()
                count = conn.execute(text(count_sql)).scalar_one()
                middle = time.perf_counter()
                conn.execute(text(f"SELECT * FROM ({query}) AS q LIMIT {GX_ROW_LIMIT}")).fetchall()
                end = time.perf_counter()
                plan = conn.execute(text(f"EXPLAIN (FORMAT JSON) {count_sql}")).scalar_one()
                conn.execute(text("SET LOCAL jit = off"))
                again = time.perf_counter()
                conn.execute(text(count_sql)).scalar_one()
                no_jit = time.perf_counter() - again
                conn.rollback()
                out.append(
                    {
                        "name": check.name,
                        "table": check.table,
                        "count_s": middle - start,
                        "rows_s": end - middle,
                        "count_no_jit_s": no_jit,
                        "cost": float(plan[0]["Plan"]["Total Cost"]),
                        "unexpected": int(count),
                    }
                )
    finally:
        engine.dispose()
    return out


def run_sweep_method(
    url: str, variant: str, profile: str | None, gate_checks: bool = False
) -> dict[str, Any]:
    from crm_privacy.sweep.runner import run_sweep
    from crm_privacy.transform.keys import KeyRing

    # GX is imported by the gate when it first runs (about 3 s, once per process): imports are not
    # part of the measured work (see "Measures"); its cost is reported on its own
    start = time.perf_counter()
    import great_expectations  # noqa: F401

    gx_import = time.perf_counter() - start
    spent, parts, built = phase_timers()
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        work = Path(tmp)

        def call() -> dict[str, Any]:
            return run_sweep(
                policy=POLICIES[variant],
                crm_url=url,
                ledger_url=f"sqlite:///{work / 'ledger.db'}",
                as_of=AS_OF,
                dry_run=False,
                max_share=1.0,
                keyring=KeyRing(BENCH_KEY),
                workdir=work,
            )

        start = time.perf_counter()
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            summary = profiler.runcall(call)
            profiler.dump_stats(profile)
        else:
            summary = call()
        seconds = time.perf_counter() - start
    if summary.get("status") != "succeeded":
        raise SystemExit(f"sweep did not succeed: {summary.get('status')} {summary.get('validation')}")
    phases = {**spent, "other": seconds - sum(spent.values())}
    validation = summary.get("validation") or {}
    return {
        "rows": int(summary["rows_affected"]),
        "seconds": seconds,
        "tables": summary["tables_affected"],
        "phases": phases,
        "gate_parts": parts,
        "gx_import": gx_import,
        "expectations": validation.get("expectations"),
        "sql_checks": len(built),
        "checks": time_checks(url, built) if gate_checks else [],
    }


def run_naive_method(url: str, variant: str) -> dict[str, Any]:
    import psycopg

    from crm_privacy.transform.keys import PREFIX, KeyRing

    ring = KeyRing(BENCH_KEY)
    params = common_params()
    update = f"UPDATE contacts c SET {set_clause(variant)} WHERE c.id = %(id)s"
    start = time.perf_counter()
    contacts = interactions = 0
    with psycopg.connect(libpq(url)) as conn, conn.cursor() as cur:
        wanted = "c.id, c.email, c.customer_ref" if variant == "hmac" else "c.id"
        cur.execute(expired_sql(wanted) + " ORDER BY c.id", params)
        rows = cur.fetchall()
        conn.commit()
        for n, row in enumerate(rows, start=1):
            values = {**params, "id": row[0]}
            if variant == "hmac":
                for (column, kind), value in zip(HMAC_COLUMNS.items(), row[1:], strict=True):
                    treated = value is None or value.startswith(PREFIX)
                    values[column] = value if treated else ring.pseudonym(kind, value)
            cur.execute("DELETE FROM interactions WHERE contact_id = %(id)s", values)
            interactions += cur.rowcount
            cur.execute(update, values)
            contacts += cur.rowcount
            if n % COMMIT_EVERY == 0:
                conn.commit()
        conn.commit()
    seconds = time.perf_counter() - start
    return {
        "rows": contacts + interactions,
        "seconds": seconds,
        "tables": {"contacts": contacts, "interactions": interactions},
    }


def run_statement_method(url: str, variant: str) -> dict[str, Any]:
    import psycopg

    # the key as bytes, as KeyRing encodes it
    params = {**common_params(), "key": BENCH_KEY.encode(), **hmac_pads(BENCH_KEY.encode())}
    start = time.perf_counter()
    with psycopg.connect(libpq(url)) as conn, conn.cursor() as cur:
        pgcrypto = bool(
            cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'").fetchone()[0]  # type: ignore[index]
        )
        cur.execute(statement_sql(variant, pgcrypto), params)
        contacts, interactions = cur.fetchone()  # type: ignore[misc]
        conn.commit()
    seconds = time.perf_counter() - start
    return {
        "rows": contacts + interactions,
        "seconds": seconds,
        "tables": {"contacts": contacts, "interactions": interactions},
        "hmac_via": ("pgcrypto" if pgcrypto else "sha256") if variant == "hmac" else None,
    }


def child(args: argparse.Namespace) -> None:
    if args.method == "sweep":
        result = run_sweep_method(args.url, args.variant, args.profile, args.gate_checks)
    elif args.method == "naive":
        result = run_naive_method(args.url, args.variant)
    else:
        result = run_statement_method(args.url, args.variant)
    print(json.dumps(result))


# -- orchestration ------------------------------------------------------------------------------------


class Server:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def url(self, db: str) -> str:
        return f"{self.base}/{db}"

    def admin(self, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(libpq(self.url("postgres")), autocommit=True) as conn:
            cur = conn.execute(sql.encode())
            return cur.fetchall() if cur.description else []

    def exists(self, db: str) -> bool:
        return bool(self.admin(f"SELECT 1 FROM pg_database WHERE datname = '{db}'"))

    def query(self, db: str, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(libpq(self.url(db)), autocommit=True) as conn:
            cur = conn.execute(sql.encode())
            return cur.fetchall() if cur.description else []


def ensure_source(server: Server, contacts: int) -> str:
    """The source database of one size: generated once (seed 42), then only read (as a template)."""
    name = f"crm_bench_src_{size_label(contacts)}"
    if server.exists(name):
        have = server.query(name, "SELECT count(*) FROM contacts")[0][0]
        if have != contacts:
            raise SystemExit(f"{name} has {have} contacts, expected {contacts}: drop it to regenerate")
        return name
    print(f"generating {name} ({contacts:,} contacts, seed {SEED})...", file=sys.stderr, flush=True)
    from sqlalchemy import create_engine

    from crm_privacy.demo.generate import generate_demo_crm

    server.admin(f"CREATE DATABASE {name}")
    engine = create_engine(server.url(name))
    try:
        generate_demo_crm(engine, contacts=contacts, seed=SEED, as_of=AS_OF)
    finally:
        engine.dispose()
    # as autovacuum would have left a live CRM: visibility map and hint bits set, so that no
    # method pays for the first pass over freshly loaded pages (the data does not change)
    server.query(name, "VACUUM (FREEZE, ANALYZE)")
    return name


def checksum(server: Server, db: str) -> str:
    """Order-independent digest of every row of contacts and interactions (after a method ran)."""
    parts = []
    for table in ("contacts", "interactions"):
        count, total = server.query(
            db,
            f"SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0) "
            f"FROM {table} t",
        )[0]
        parts.append(f"{table}:{count}:{total}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def validate_cli(url: str, variant: str, env: dict[str, str], ledger_dir: Path) -> dict[str, Any]:
    """``crm-privacy validate`` on the swept database, as a user runs it: one process, timed from the
    outside (interpreter start, imports and GX included); a new SQLite ledger each time."""
    ledger = ledger_dir / f"validate-{time.monotonic_ns()}.db"
    cmd = [
        str(Path(sys.executable).with_name("crm-privacy")),
        "validate",
        "--policy",
        str(POLICIES[variant]),
        "--crm",
        url,
        "--ledger",
        f"sqlite:///{ledger}",
        "--as-of",
        AS_OF.isoformat(),
        "--json",
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    summary = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    if code != 0:
        raise SystemExit(f"crm-privacy validate exited {code}: {summary.get('validation')}")
    return {
        "seconds": seconds,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "expectations": summary["validation"]["expectations"],
    }


def run_one(
    server: Server,
    source: str,
    method: str,
    variant: str,
    profile: str | None,
    validate: int = 0,
    gate_checks: bool = False,
) -> dict[str, Any]:
    """One method on a fresh clone of ``source``, in its own process; the clone is dropped after.
    After our sweep, ``crm-privacy validate`` runs ``validate`` times on the swept clone."""
    clone = f"crm_bench_run_{method}_{variant}"
    server.admin(f"DROP DATABASE IF EXISTS {clone}")
    server.admin(f"CREATE DATABASE {clone} TEMPLATE {source} STRATEGY FILE_COPY")
    reports = tempfile.TemporaryDirectory(prefix="bench-reports-")  # the gate's Data Docs sites
    try:
        if method == "statement" and variant == "hmac":
            try:
                server.query(clone, "CREATE EXTENSION IF NOT EXISTS pgcrypto")
            except Exception as exc:  # then the statement computes the HMAC with sha256()
                print(f"pgcrypto unavailable ({type(exc).__name__}): HMAC via sha256()", file=sys.stderr)
        server.admin("CHECKPOINT")
        cmd = [sys.executable, __file__, "_child", method, variant, server.url(clone)]
        if profile:
            cmd += ["--profile", profile]
        if gate_checks and method == "sweep":
            cmd += ["--gate-checks"]
        env = {
            **os.environ,
            "CRM_PRIVACY_HMAC_KEY": BENCH_KEY,
            "CRM_PRIVACY_REPORTS_DIR": reports.name,
            "CRM_PRIVACY_WORKDIR": reports.name,
        }
        load = os.getloadavg()[0]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # the rusage of this child only
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{method}/{variant} failed with exit code {proc.returncode}")
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        result.update(
            method=method,
            variant=variant,
            peak_rss_mb=usage.ru_maxrss / 1024,
            checksum=checksum(server, clone),
            load_before=load,
        )
        if method == "sweep" and validate:
            result["validate_cli"] = [
                validate_cli(server.url(clone), variant, env, Path(reports.name)) for _ in range(validate)
            ]
        return result
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {clone}")
        reports.cleanup()


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median wall time over the repeats of one (size, policy, method); rows and checksums must agree."""
    times = sorted(r["seconds"] for r in runs)
    median = statistics.median(times)
    out = {k: runs[0][k] for k in ("contacts", "variant", "method", "rows", "tables")}
    out.update(
        seconds=median,
        min_s=times[0],
        max_s=times[-1],
        repeats=len(runs),
        rows_per_s=out["rows"] / median,
        peak_rss_mb=max(r["peak_rss_mb"] for r in runs),
        checksums=sorted({r["checksum"] for r in runs}),
        rows_seen=sorted({r["rows"] for r in runs}),
    )
    if "phases" in runs[0]:
        out["phases"] = {p: statistics.median(r["phases"][p] for r in runs) for p in runs[0]["phases"]}
    if "gate_parts" in runs[0]:
        out["gate_parts"] = {p: statistics.median(r["gate_parts"][p] for r in runs) for p in GATE_PARTS}
        gates = sorted(r["phases"]["gate"] for r in runs)
        rest = sorted(r["seconds"] - r["phases"]["gate"] for r in runs)
        shares = sorted(r["phases"]["gate"] / (r["seconds"] - r["phases"]["gate"]) for r in runs)
        out.update(
            gate_s=statistics.median(gates),
            gate_min_max=(gates[0], gates[-1]),
            without_gate_s=statistics.median(rest),
            without_gate_min_max=(rest[0], rest[-1]),
            gate_share=statistics.median(shares),
            gate_share_min_max=(shares[0], shares[-1]),
            gx_import_s=statistics.median(r["gx_import"] for r in runs),
            expectations=runs[0]["expectations"],
            sql_checks=runs[0]["sql_checks"],
            validate_cli=[v for r in runs for v in r.get("validate_cli", [])],
            checks=_median_checks([r["checks"] for r in runs if r["checks"]]),
        )
    return out


def _median_checks(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per check, the median of its timings over the runs that timed the checks."""
    if not runs:
        return []
    out = []
    for i, first in enumerate(runs[0]):
        out.append(
            {
                **first,
                "count_s": statistics.median(r[i]["count_s"] for r in runs),
                "rows_s": statistics.median(r[i]["rows_s"] for r in runs),
                "count_no_jit_s": statistics.median(r[i]["count_no_jit_s"] for r in runs),
            }
        )
    return out


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| contacts | policy | method | rows changed | wall time, median (min–max) | rows/s | "
        "vs statement | peak RSS |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ref = next(
            (
                x
                for x in results
                if x["contacts"] == r["contacts"]
                and x["variant"] == r["variant"]
                and x["method"] == "statement"
            ),
            None,
        )
        ratio = f"{r['rows_per_s'] / ref['rows_per_s']:.0%}" if ref else "n/a"
        lines.append(
            f"| {r['contacts']:,} | {r['variant']} | {r['method']} | {r['rows']:,} | "
            f"{r['seconds']:.1f} s ({r['min_s']:.1f}–{r['max_s']:.1f}) | {r['rows_per_s']:,.0f} | {ratio} | "
            f"{r['peak_rss_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def phase_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| contacts | policy | total | plan | apply (CRM) | ledger | check (re-plan) | gate | other |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r["method"] != "sweep":
            continue
        ph = r["phases"]
        cells = " | ".join(f"{ph[p]:.1f} s" for p in (*PHASES, "other"))
        lines.append(f"| {r['contacts']:,} | {r['variant']} | {r['seconds']:.1f} s | {cells} |")
    return "\n".join(lines)


def gate_table(results: list[dict[str, Any]]) -> str:
    """The gate's time next to the sweep's: the sweep without the gate (plan, guard, apply, ledger,
    re-plan), the gate (``run_gate``: build, GX run, Data Docs), its share of the former, and
    ``crm-privacy validate`` alone on the swept database (whole process)."""
    lines = [
        "| contacts | policy | sweep without gate | gate: total | build | GX run | of which Data Docs | "
        "gate / sweep without gate | gate / whole run | expectations | `validate` CLI runs |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r["method"] != "sweep":
            continue
        parts = r["gate_parts"]
        lo, hi = r["gate_share_min_max"]
        cli = ", ".join(f"{v['seconds']:.1f} s" for v in r["validate_cli"]) or "not run"
        lines.append(
            f"| {r['contacts']:,} | {r['variant']} | {r['without_gate_s']:.1f} s | {r['gate_s']:.1f} s | "
            f"{parts['build']:.2f} s | {parts['gx'] - parts['docs']:.1f} s | {parts['docs']:.1f} s | "
            f"{r['gate_share']:.0%} ({lo:.0%}–{hi:.0%}) | {r['gate_s'] / r['seconds']:.0%} | "
            f"{r['expectations']} ({r['sql_checks']} SQL) | {cli} |"
        )
    return "\n".join(lines)


def checks_table(results: list[dict[str, Any]], top: int = 12) -> str:
    lines = [
        "Sum over all SQL checks: "
        + "; ".join(
            f"{r['contacts']:,}/{r['variant']}: COUNT(*) {sum(c['count_s'] for c in r['checks']):.1f} s + "
            f"rows {sum(c['rows_s'] for c in r['checks']):.1f} s (COUNT(*) with jit off "
            f"{sum(c['count_no_jit_s'] for c in r['checks']):.1f} s)"
            for r in results
            if r.get("checks")
        ),
        "",
        "| contacts | policy | check | table | COUNT(*) | rows (LIMIT 200) | COUNT(*), jit off | "
        "estimated cost | unexpected |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ranked = sorted(r.get("checks", []), key=lambda c: -(c["count_s"] + c["rows_s"]))
        for c in ranked[:top]:
            lines.append(
                f"| {r['contacts']:,} | {r['variant']} | `{c['name']}` | {c['table']} | "
                f"{c['count_s']:.2f} s | {c['rows_s']:.2f} s | {c['count_no_jit_s']:.2f} s | "
                f"{c['cost']:,.0f} | {c['unexpected']} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command")
    c = sub.add_parser("_child", help="internal: run one method in this process, print JSON")
    c.add_argument("method", choices=METHODS)
    c.add_argument("variant", choices=sorted(POLICIES))
    c.add_argument("url")
    c.add_argument("--profile")
    c.add_argument("--gate-checks", action="store_true")
    parser.add_argument("--server", default=DEFAULT_SERVER, help=f"PostgreSQL server URL ({DEFAULT_SERVER})")
    parser.add_argument("--sizes", default="100000,1000000", help="contacts per source DB, comma-separated")
    parser.add_argument("--policies", default="sql,hmac", help="bench policies: sql, hmac")
    parser.add_argument("--methods", default=",".join(METHODS), help="sweep, naive, statement")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each method (median reported)")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    parser.add_argument("--profile", help="cProfile our sweep into <PREFIX>_<size>_<policy>.prof")
    parser.add_argument(
        "--validate", type=int, default=2, help="runs of `crm-privacy validate` after each sweep (2)"
    )
    parser.add_argument(
        "--gate-checks", action="store_true", help="time each SQL check of the gate after each sweep"
    )
    args = parser.parse_args(argv)
    if args.command == "_child":
        child(args)
        return
    server = Server(args.server)
    runs: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    failures: list[str] = []
    methods = args.methods.split(",")
    for contacts in [int(s) for s in args.sizes.split(",")]:
        source = ensure_source(server, contacts)
        for variant in args.policies.split(","):
            mine: dict[str, list[dict[str, Any]]] = {m: [] for m in methods}
            for n in range(args.repeat):
                for method in methods:  # interleaved, so that a noisy minute hits every method
                    profile = None
                    if args.profile and method == "sweep":
                        profile = f"{args.profile}_{size_label(contacts)}_{variant}.prof"
                    r = run_one(server, source, method, variant, profile, args.validate, args.gate_checks)
                    r.update(contacts=contacts, repeat=n)
                    runs.append(r)
                    mine[method].append(r)
                    gate = ""
                    if method == "sweep":
                        g = r["phases"]["gate"]
                        gate = (
                            f"  gate {g:.1f} s = {g / (r['seconds'] - g):.0%} of the sweep without it"
                            + "".join(f", validate {v['seconds']:.1f} s" for v in r.get("validate_cli", []))
                        )
                    print(
                        f"{contacts:>9,} {variant:<5} {method:<9} #{n + 1} {r['rows']:>9,} rows "
                        f"{r['seconds']:7.1f} s {r['rows'] / r['seconds']:>10,.0f} rows/s "
                        f"{r['peak_rss_mb']:6.0f} MB  load {r['load_before']:.1f}  checksum {r['checksum']}"
                        + gate,
                        file=sys.stderr,
                        flush=True,
                    )
            summaries = [summarise(mine[m]) for m in methods]
            results.extend(summaries)
            outcomes = {(tuple(s["checksums"]), tuple(s["rows_seen"])) for s in summaries}
            if len(outcomes) > 1 or any(len(s["checksums"]) > 1 for s in summaries):
                failures.append(
                    f"{contacts:,}/{variant}: methods disagree: "
                    + ", ".join(f"{s['method']}: {s['checksums']} {s['rows_seen']}" for s in summaries)
                )
    version = server.query("postgres", "SHOW server_version")[0][0]
    print(
        f"\nPostgreSQL {version}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"as of {AS_OF}, seed {SEED}, median of {args.repeat} run(s)\n"
    )
    print(table(results))
    if "sweep" in methods:
        print("\nOur sweep, median seconds per phase:\n")
        print(phase_table(results))
        print("\nThe gate next to the sweep (medians; the share is per run, then the median):\n")
        print(gate_table(results))
        gx = statistics.median(r["gx_import_s"] for r in results if r["method"] == "sweep")
        print(f"\n`import great_expectations`, once per process, not in the times above: {gx:.1f} s")
        if args.gate_checks:
            print("\nThe gate's slowest SQL checks, each run alone after the sweep (median):\n")
            print(checks_table(results))
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "results": results}, indent=1, default=str))
    if failures:
        print("\n" + "\n".join(failures), file=sys.stderr)
        raise SystemExit(1)
    print("\nAll methods left identical contacts and interactions tables (checksums equal).")


if __name__ == "__main__":
    main()
