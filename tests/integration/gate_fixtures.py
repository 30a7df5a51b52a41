"""A demo CRM swept once (real sweep, demo policy) for the validation gate's tests, and the seeded
violations those tests put in it and take out again.

``swept_demo_crm`` builds the demo CRM (``generate_demo_crm``, small and seeded as in the other
integration tests) in a database of its own (an SQLite file, or a ``crm_gate_<random>`` database on the
PostgreSQL / MariaDB server, dropped at the end), runs the sweep on it as of 2025-06-30 with
``max_share`` 0.8, and notes which subjects the run treated and how, read from the CRM before and
after (not from the planner: the tests must not borrow what they check).

Each violation is a context manager: it commits its change (the gate and the CLI read the CRM through
connections of their own), yields, and undoes the change exactly, even when the test fails.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    delete,
    func,
    insert,
    make_url,
    select,
    text,
    update,
)
from sweep_fixtures import DEMO_POLICY, TEST_KEY, D, ensure_archive_reader

from crm_privacy.crm.binding import Binding, bind
from crm_privacy.crm.engine import make_engine, normalise_url
from crm_privacy.demo.generate import generate_demo_crm
from crm_privacy.policy.loader import load_policy
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.transform.keys import KeyRing

#: The blast-radius limit the demo needs (Makefile ``DEMO_CONF``): the demo CRM is full of expired data.
MAX_SHARE = 0.8
ARCHIVE = "invoices_archive"
#: tests/conftest.py's backends (``BACKENDS``): SQLite, then the servers
BACKENDS = ("sqlite", "postgresql", "mysql")
SERVERS = frozenset(BACKENDS[1:])


def root_conftest(config: pytest.Config) -> ModuleType:
    """tests/conftest.py (``import conftest`` here finds tests/integration/conftest.py)."""
    module = config.pluginmanager.get_plugin(str(Path(__file__).resolve().parents[1] / "conftest.py"))
    assert isinstance(module, ModuleType) and module.BACKENDS == BACKENDS
    return module


def backend_server(config: pytest.Config, backend: str) -> tuple[str, str] | None:
    """(URL, maintenance URL) of a server backend, by tests/conftest.py's rule (skipped locally when
    unset or down, failed when CI is set); None for SQLite."""
    if backend == "sqlite":
        return None
    conftest = root_conftest(config)
    url = conftest.server_url(backend)
    return url, conftest.maintenance_url(backend, url)


@dataclass
class SweptCrm:
    """The swept demo CRM, its ledger, the run's summary, and who the run treated (CRM keys)."""

    backend: str
    url: str
    engine: Engine
    ledger_url: str
    workdir: Path
    summary: dict[str, Any]
    #: prospects the run anonymised that no other rule could have (no login date: R4 cannot reach them)
    r1_contacts: list[int] = field(default_factory=list)
    #: prospects the run minimised without anonymising them (C1: marketing columns emptied)
    c1_contacts: list[int] = field(default_factory=list)
    #: notes the run scrubbed
    scrubbed_notes: list[int] = field(default_factory=list)
    #: the run's archived invoices whose subject is a customer or former customer (R2's, not R1's)
    archived_customer_invoices: list[int] = field(default_factory=list)

    def binding(self) -> Binding:
        return bind(load_policy(DEMO_POLICY).policy, self.engine)

    def table(self, name: str) -> Table:
        meta = MetaData()
        return Table(name, meta, autoload_with=self.engine)

    def count(self, name: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(self.table(name))).scalar_one())


@contextmanager
def scratch_database(backend: str, server: tuple[str, str] | None, tmp: Path) -> Iterator[str]:
    """A new empty database on ``backend`` (SQLite: a file in ``tmp``), dropped on exit; ``server``:
    the server's URL and maintenance URL (``backend_server``)."""
    if server is None:
        yield f"sqlite:///{tmp / 'crm.db'}"
        return
    name = f"crm_gate_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server[1], isolation_level="AUTOCOMMIT")
    charset = " CHARACTER SET utf8mb4" if backend == "mysql" else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{charset}"))
        yield make_url(normalise_url(server[0])).set(database=name).render_as_string(hide_password=False)
    finally:
        force = " WITH (FORCE)" if backend == "postgresql" else ""
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
        admin.dispose()


def _ids(conn: Connection, table: Table, *where: Any) -> set[int]:
    return set(conn.execute(select(table.c.id).where(*where)).scalars())


@contextmanager
def swept_demo_crm(
    backend: str, server: tuple[str, str] | None, tmp: Path, contacts: int, seed: int
) -> Iterator[SweptCrm]:
    """The demo CRM swept once at ``D`` with the demo policy and a test key (see the module's doc)."""
    with scratch_database(backend, server, tmp) as url:
        engine = make_engine(url)
        try:
            generate_demo_crm(engine, contacts=contacts, seed=seed)
            ensure_archive_reader(engine)
            meta = MetaData()
            meta.reflect(engine)
            c, n = meta.tables["contacts"], meta.tables["notes"]
            with engine.connect() as conn:
                anonymised_before = _ids(conn, c, c.c.anonymised_at.is_not(None))
                with_segment = _ids(conn, c, c.c.segment.is_not(None))
                scrubbed_before = _ids(conn, n, n.c.scrubbed_at.is_not(None))
                customer_invoices = {
                    row.id: row.contact_id
                    for row in conn.execute(
                        select(meta.tables["invoices"].c.id, meta.tables["invoices"].c.contact_id)
                    )
                }
            summary = run_sweep(
                policy=DEMO_POLICY,
                crm_url=url,
                ledger_url=f"sqlite:///{tmp / 'ledger.db'}",
                as_of=D,
                dry_run=False,
                max_share=MAX_SHARE,
                keyring=KeyRing(TEST_KEY),
                workdir=tmp / "runs",
            )
            swept = SweptCrm(backend, url, engine, f"sqlite:///{tmp / 'ledger.db'}", tmp, summary)
            prospects = c.c.status == "prospect"
            with engine.connect() as conn:
                anonymised = _ids(
                    conn, c, prospects, c.c.anonymised_at.is_not(None), c.c.last_login_at.is_(None)
                )
                swept.r1_contacts = sorted(anonymised - anonymised_before)
                emptied = _ids(conn, c, prospects, c.c.anonymised_at.is_(None), c.c.segment.is_(None))
                swept.c1_contacts = sorted(emptied & with_segment)
                swept.scrubbed_notes = sorted(_ids(conn, n, n.c.scrubbed_at.is_not(None)) - scrubbed_before)
                archive = Table(ARCHIVE, MetaData(), autoload_with=conn)
                customers = _ids(conn, c, c.c.status.in_(["customer", "former_customer"]))
                swept.archived_customer_invoices = sorted(
                    key
                    for key in conn.execute(select(archive.c.id)).scalars()
                    if customer_invoices.get(key) in customers
                )
            yield swept
        finally:
            engine.dispose()


# -- seeded violations: each commits its change, yields, then undoes it ----------------------------


def _foreign_keys(conn: Connection, *, checked: bool) -> None:
    """Let this transaction write a row whose parent is missing (as a CRM without constraints would)."""
    dialect = conn.dialect.name
    if dialect == "postgresql":  # SET LOCAL: back to normal at commit (the test server's superuser)
        conn.execute(text(f"SET LOCAL session_replication_role = {'origin' if checked else 'replica'}"))
    elif dialect in {"mysql", "mariadb"}:  # a session setting: put back before the pool gets it
        conn.execute(text(f"SET FOREIGN_KEY_CHECKS = {int(checked)}"))
    # SQLite: the caller uses a connection without make_engine's PRAGMA foreign_keys=ON


def _next_id(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


@contextmanager
def inserted(crm: SweptCrm, name: str, row: dict[str, Any], *, orphan: bool = False) -> Iterator[int]:
    """One row inserted in ``name`` (its id the table's next one); ``orphan``: foreign keys not checked."""
    t = crm.table(name)
    engine = crm.engine
    if orphan and engine.dialect.name == "sqlite":
        # make_engine turns SQLite's foreign keys on for every connection; a plain engine leaves them off
        from sqlalchemy import create_engine

        engine = create_engine(crm.url)
    try:
        with engine.begin() as conn:
            if orphan:
                _foreign_keys(conn, checked=False)
            key = _next_id(conn, t)
            conn.execute(insert(t).values(id=key, **row))
            if orphan:
                _foreign_keys(conn, checked=True)
        try:
            yield key
        finally:
            with crm.engine.begin() as conn:
                conn.execute(delete(t).where(t.c.id == key))
    finally:
        if engine is not crm.engine:
            engine.dispose()


@contextmanager
def updated(crm: SweptCrm, name: str, key: int, **values: Any) -> Iterator[None]:
    """Columns of one row set to ``values``; their old values put back on exit."""
    t = crm.table(name)
    with crm.engine.begin() as conn:
        old = conn.execute(select(*[t.c[c] for c in values]).where(t.c.id == key)).mappings().one()
        assert conn.execute(update(t).where(t.c.id == key).values(**values)).rowcount == 1
    try:
        yield
    finally:
        with crm.engine.begin() as conn:
            conn.execute(update(t).where(t.c.id == key).values(**dict(old)))


@contextmanager
def copied(crm: SweptCrm, source: str, target: str, key: int) -> Iterator[None]:
    """Row ``key`` of ``source`` copied into ``target`` (the columns they share); removed on exit."""
    s, t = crm.table(source), crm.table(target)
    with crm.engine.begin() as conn:
        row = conn.execute(select(s).where(s.c.id == key)).mappings().one()
        conn.execute(insert(t).values({c.name: row[c.name] for c in t.columns if c.name in row}))
    try:
        yield
    finally:
        with crm.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.id == key))


@contextmanager
def deleted(crm: SweptCrm, name: str, key: int) -> Iterator[None]:
    """Row ``key`` of ``name`` deleted; put back as it was on exit."""
    t = crm.table(name)
    with crm.engine.begin() as conn:
        row = dict(conn.execute(select(t).where(t.c.id == key)).mappings().one())
        conn.execute(delete(t).where(t.c.id == key))
    try:
        yield
    finally:
        with crm.engine.begin() as conn:
            conn.execute(insert(t).values(row))


@contextmanager
def foreign_reader(crm: SweptCrm, table: str, on: str = "table") -> Iterator[str]:
    """A role of its own (PostgreSQL / MariaDB) that may read ``table``, revoked and dropped on exit.

    ``on``: ``table`` (GRANT SELECT ON the table), ``columns`` (GRANT SELECT (its columns) ON the
    table: the role reads every column all the same) or ``database`` (MariaDB: GRANT SELECT ON the
    CRM's database.*, which covers the table)."""
    role = f"gate_intruder_{uuid.uuid4().hex[:8]}"
    if on == "columns":
        columns = ", ".join(crm.table(table).columns.keys())
        target = f"SELECT ({columns}) ON {table}"
    elif on == "database":
        assert crm.engine.dialect.name in {"mysql", "mariadb"}
        target = f"SELECT ON `{crm.engine.url.database}`.*"
    else:
        target = f"SELECT ON {table}"
    with crm.engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role}"))
        conn.execute(text(f"GRANT {target} TO {role}"))
    try:
        yield role
    finally:
        with crm.engine.begin() as conn:
            conn.execute(text(f"REVOKE {target} FROM {role}"))
            conn.execute(text(f"DROP ROLE {role}"))


def years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)
