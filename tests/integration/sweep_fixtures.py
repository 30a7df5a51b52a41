"""Hand-built CRM rows for the sweep scenarios (GDPR_RULES.md section 9), and ways to look at the CRM.

The scratch database itself (an empty SQLite file, or a ``crm_test_<random>`` database created on the
PostgreSQL / MariaDB server and dropped afterwards; skipped locally but failed in CI when a server is
missing) comes from ``scratch_url`` in ``tests/integration/conftest.py``; the ``crm`` fixture here puts
the demo schema in it. Personal values are distinctive (ASCII, unusual names) so that tests can search
for them in run summaries and in the ledger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, insert, make_url, select, text
from sqlalchemy.exc import DBAPIError

from crm_privacy.crm.engine import make_engine
from crm_privacy.crm.lock import LOCK_TABLE
from crm_privacy.demo.schema import TABLES_IN_LOAD_ORDER, metadata
from crm_privacy.policy.loader import load_policy
from crm_privacy.sweep.runner import run_sweep
from crm_privacy.transform.keys import KeyRing

TEST_KEY = "test-key-0123456789abcdef"
DEMO_POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"
D = dt.date(2025, 6, 30)  # the run date of every scenario unless stated otherwise


def airflow_connection(url: str) -> str:
    """The Airflow connection (JSON form of ``AIRFLOW_CONN_*``) for a SQLAlchemy URL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return json.dumps({"conn_type": "sqlite", "host": parsed.database})
    conn_type = "postgres" if parsed.get_backend_name() == "postgresql" else "mysql"
    fields = {"host": parsed.host, "port": parsed.port, "login": parsed.username, "schema": parsed.database}
    if parsed.password:
        fields["password"] = parsed.password
    return json.dumps({"conn_type": conn_type, **fields})


def at(day: str, time: str = "10:00") -> dt.datetime:
    """A naive UTC timestamp (the demo schema stores naive UTC), e.g. ``at("2022-06-30", "23:59")``."""
    return dt.datetime.fromisoformat(f"{day}T{time}")


Snapshot = dict[str, dict[Any, tuple[Any, ...]]]


@dataclass
class Crm:
    """A scratch CRM with the demo schema, plus what the tests need to look at it from outside."""

    url: str
    engine: Engine
    workdir: Path

    @property
    def ledger_url(self) -> str:
        return f"sqlite:///{self.workdir / 'ledger.db'}"

    def load(self, rows: Rows) -> None:
        with self.engine.begin() as conn:
            for table in TABLES_IN_LOAD_ORDER:
                if rows.tables.get(table.name):
                    conn.execute(insert(table), rows.tables[table.name])

    def snapshot(self) -> Snapshot:
        """Every row of every table in the database (the sweep may create some), by primary key; not
        the sweep lock's table (who holds the CRM, not CRM data: its own tests look at it)."""
        meta = MetaData()
        meta.reflect(self.engine)
        out: Snapshot = {}
        with self.engine.connect() as conn:
            for table in meta.sorted_tables:
                if table.name == LOCK_TABLE:
                    continue
                key = list(table.primary_key.columns) or list(table.columns)
                out[table.name] = {
                    _key(row, key): tuple(row) for row in conn.execute(select(table).order_by(*key))
                }
        return out

    def checksum(self) -> str:
        return hashlib.sha256(repr(sorted(self.snapshot().items())).encode()).hexdigest()

    def row(self, table: str, key: Any) -> dict[str, Any]:
        t = metadata.tables[table]
        with self.engine.connect() as conn:
            found = conn.execute(select(t).where(t.c.id == key)).mappings().first()
        assert found is not None, f"{table} row {key} is gone"
        return dict(found)

    def sweep(self, as_of: dt.date = D, **kwargs: Any) -> dict[str, Any]:
        """Run the whole sweep on this CRM (real run, no blast-radius limit unless told otherwise)."""
        options: dict[str, Any] = {
            "policy": DEMO_POLICY,
            "dry_run": False,
            "max_share": 1.0,
            "keyring": KeyRing(TEST_KEY),
        }
        options.update(kwargs)
        return run_sweep(
            crm_url=self.url,
            ledger_url=self.ledger_url,
            as_of=as_of,
            workdir=self.workdir / "runs",
            **options,
        )

    def orphans(self) -> dict[str, int]:
        """Rows pointing at a parent that is gone: by foreign key, or by the notes' polymorphic link."""
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for table in TABLES_IN_LOAD_ORDER:
                for fk in table.foreign_keys:
                    column, parent = fk.parent, fk.column
                    query = select(table.c.id).where(
                        column.is_not(None), column.not_in(select(parent).where(parent.is_not(None)))
                    )
                    if found := len(conn.execute(query).all()):
                        counts[f"{table.name}.{column.name}"] = found
            notes = metadata.tables["notes"]
            for parent_type, parent_table in (
                ("contact", "contacts"),
                ("opportunity", "opportunities"),
                ("company", "companies"),
            ):
                parents = metadata.tables[parent_table]
                query = select(notes.c.id).where(
                    notes.c.parent_type == parent_type, notes.c.parent_id.not_in(select(parents.c.id))
                )
                if found := len(conn.execute(query).all()):
                    counts[f"notes.parent_id ({parent_type})"] = found
        return counts


def row_of(snapshot: Snapshot, table: str, key: Any) -> dict[str, Any]:
    """A row of a snapshot as a dict (demo schema tables)."""
    return dict(zip(metadata.tables[table].columns.keys(), snapshot[table][key], strict=True))


def _key(row: Any, columns: list[Any]) -> Any:
    values = tuple(row._mapping[c.name] for c in columns)
    return values[0] if len(values) == 1 else values


def changed_keys(before: Snapshot, after: Snapshot) -> dict[str, set[Any]]:
    """Per table, the primary keys of rows deleted, inserted or modified (tables without change left out)."""
    out: dict[str, set[Any]] = {}
    for table in before.keys() | after.keys():
        old, new = before.get(table, {}), after.get(table, {})
        keys = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        if keys:
            out[table] = keys
    return out


def ensure_archive_reader(engine: Engine) -> None:
    """What an operator sets up once per server for the demo policy: the archive's reader role."""
    archive = load_policy(DEMO_POLICY).policy.tables["invoices"].archive
    role = archive.reader_role if archive else None
    if role is None or engine.dialect.name == "sqlite":
        return
    create = {
        "postgresql": f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "mysql": f"CREATE ROLE IF NOT EXISTS {role}",
    }[engine.dialect.name]
    try:
        with engine.begin() as conn:
            conn.execute(text(create))
    except DBAPIError:  # created at the same moment by a test running in parallel
        pass


@contextmanager
def open_crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    """The demo schema (no rows) in the scratch database; each test module wraps this as fixture ``crm``."""
    engine = make_engine(scratch_url)
    try:
        metadata.create_all(engine)
        ensure_archive_reader(engine)
        yield Crm(url=scratch_url, engine=engine, workdir=tmp_path)
    finally:
        engine.dispose()


def ledger_dump(url: str) -> str:
    """Every value of every table of the ledger, as one string (to search for leaked personal data)."""
    engine = make_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        parts: list[str] = []
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                parts.extend(repr(tuple(row)) for row in conn.execute(select(table)))
        return "\n".join(parts)
    finally:
        engine.dispose()


# -- scenario rows --------------------------------------------------------------------------------

FIRST_NAMES = ["Anatole", "Berthilde", "Quirin", "Ottilie", "Evariste", "Philomene", "Leocadie", "Saturnin"]
LAST_NAMES = [
    "Vauquelin",
    "Dorgeval",
    "Marchetti",
    "Kerjean",
    "Ferrandou",
    "Lapouge",
    "Quiblier",
    "Ressegaire",
]

# interaction kinds: (kind, direction, email_event)
SENT = ("email", "outbound", "sent")  # our own campaign: never resets the clock
OPEN = ("email", "inbound", "open")  # tracking pixel: never resets the clock
CLICK = ("email", "inbound", "click")  # the person acted: resets the clock
CALL_IN = ("call", "inbound", None)  # inbound call: resets the clock


@dataclass
class Rows:
    """Rows to insert, per table; ids are given in insertion order so tests can name the rows."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, **row: Any) -> int:
        existing = self.tables[table]
        row.setdefault("id", max((r["id"] for r in existing), default=0) + 1)
        existing.append(row)
        return int(row["id"])

    def of_contacts(self, table: str, contact_ids: set[int]) -> set[int]:
        """Ids of the rows of ``table`` that belong to these contacts."""
        if table == "contacts":
            return {r["id"] for r in self.tables[table] if r["id"] in contact_ids}
        return {r["id"] for r in self.tables[table] if r.get("contact_id") in contact_ids}

    def personal_values(self) -> list[str]:
        """Every distinctive personal string inserted (names, e-mails, phones, addresses, references)."""
        values: set[str] = set()
        for row in self.tables["contacts"]:
            for column in (
                "first_name",
                "last_name",
                "email",
                "phone",
                "mobile",
                "address_line",
                "customer_ref",
            ):
                if row.get(column):
                    values.add(str(row[column]))
            values.add(str(row["email"]).lower())
            values.add(f"{row['first_name']} {row['last_name']}")
        for row in self.tables["invoices"]:
            values.update(str(row[c]) for c in ("billing_name", "billing_email", "billing_address"))
        for row in self.tables["orders"]:
            values.add(str(row["delivery_address"]))
        return sorted(values)

    # -- subjects --

    def contact(
        self, cid: int, *, status: str = "prospect", collected: dt.datetime | None, **extra: Any
    ) -> int:
        first, last = FIRST_NAMES[cid % len(FIRST_NAMES)], LAST_NAMES[(cid // 3) % len(LAST_NAMES)]
        row: dict[str, Any] = {
            "id": cid,
            "customer_ref": f"CRX-{cid:05d}-Q",
            "civility": "Mme",
            "first_name": first,
            "last_name": last,
            "email": f"{first}.{last}.{cid}@Exemple-Test.fr",
            "phone": f"01 4{cid % 10} 7{cid % 7} 3{cid % 5} {cid % 100:02d}",
            "mobile": f"06 9{cid % 10} 58 1{cid % 3} {cid % 100:02d}",
            "address_line": f"{cid} impasse des Ecrevisses",
            "postcode": "75011",
            "city": "Paris",
            "birth_date": dt.date(1981, 7, 14),
            "job_title": "Responsable achats",
            "source": "salon",
            "status": status,
            "segment": "PME",
            "lead_score": 42,
            "preferences": "offres;evenements",
            "created_at": collected,
            "last_login_at": None,
            "anonymised_at": None,
        }
        row.update(extra)
        return self.add("contacts", **row)

    def event(self, cid: int, when: dt.datetime, what: tuple[str, str, str | None]) -> int:
        kind, direction, email_event = what
        return self.add(
            "interactions",
            contact_id=cid,
            kind=kind,
            direction=direction,
            email_event=email_event,
            occurred_at=when,
            subject="Offre printemps",
        )

    def consent(
        self,
        cid: int,
        *,
        status: str = "granted",
        given_at: dt.datetime | None = None,
        text_version: str | None = "nl-v3",
        mechanism: str | None = "checkbox",
        purpose: str = "newsletter",
    ) -> int:
        return self.add(
            "consents",
            contact_id=cid,
            purpose=purpose,
            status=status,
            given_at=given_at,
            withdrawn_at=None,
            channel="email",
            collection_point="https://exemple-test.fr/inscription",
            text_version=text_version,
            text_hash="ab" * 32 if text_version else None,
            mechanism=mechanism,
        )

    def opportunity(self, cid: int, created: dt.datetime) -> int:
        return self.add(
            "opportunities",
            contact_id=cid,
            title="Renouvellement parc",
            stage="qualification",
            amount=1200,
            created_at=created,
        )

    def prospect(
        self,
        cid: int,
        *,
        collected: dt.datetime | None,
        events: Sequence[tuple[dt.datetime, tuple[str, str, str | None]]] = (),
        consent: bool = True,
        opportunity: bool = True,
    ) -> int:
        """A prospect for the retention rule R1: with a valid newsletter consent (so that the consent
        rule C1 leaves it alone), an opportunity and the given interactions."""
        self.contact(cid, collected=collected)
        if consent:
            self.consent(cid, given_at=collected or at("2020-01-01"))
        if opportunity:
            self.opportunity(cid, created=collected or at("2020-01-01"))
        for when, what in events:
            self.event(cid, when, what)
        return cid

    def bystanders(self) -> set[int]:
        """Subjects no rule reaches on any run date used here (2025 to 2027): their rows never change."""
        customer = self.contact(
            900, status="customer", collected=at("2019-04-02"), last_login_at=at("2025-06-01")
        )
        self.add(
            "contracts",
            contact_id=customer,
            reference="K-900",
            product="Maintenance",
            start_date=dt.date(2019, 5, 1),
            end_date=None,  # running: the relationship is alive
            monthly_amount=99,
        )
        order = self.add(
            "orders",
            contact_id=customer,
            order_number="CMD-900-1",
            ordered_at=at("2025-03-03"),
            amount_ht=500,
            delivery_address="8 allee des Glycines, 44000 Nantes",
        )
        self.add(
            "invoices",
            order_id=order,
            contact_id=customer,
            invoice_number="FAC-900-1",
            issued_at=dt.date(2025, 3, 3),
            fiscal_year=2025,
            fiscal_year_close=dt.date(2025, 12, 31),
            amount_ht=500,
            amount_ttc=600,
            billing_name="Saturnin Ressegaire",
            billing_address="8 allee des Glycines, 44000 Nantes",
            billing_email="saturnin.ressegaire@exemple-test.fr",
            paid=True,
        )
        self.event(customer, at("2025-05-20"), CALL_IN)
        recent = self.prospect(901, collected=at("2025-01-15"), events=[(at("2025-02-01"), CLICK)])
        return {customer, recent}
