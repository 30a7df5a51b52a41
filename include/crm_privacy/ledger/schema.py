"""The ledger's tables as SQLAlchemy Core objects, for queries (the DDL lives in the migrations).

Nothing here holds personal values: subjects appear only as keyed hashes computed by the caller.
JSON columns are plain text (canonical, sorted keys) so the three backends store the same bytes.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects import mysql

from crm_privacy.ledger.records import LedgerError

VERSION_TABLE = "crm_privacy_alembic_version"

# Column sizes, shared with the migrations. Airflow run ids are at most 250 characters.
RUN_ID = 250
NAME = 255
SHORT = 64
HASH = 128


# Integer surrogate keys: BIGINT on servers, INTEGER on SQLite so it is the autoincrementing rowid.
SurrogateKey = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime.datetime]):
    """Aware UTC datetimes in and out, whatever the backend keeps of the time zone.

    PostgreSQL stores an instant (timestamptz); SQLite and MariaDB store a wall-clock time and drop
    the zone, so every value is converted to UTC before it is written and marked UTC when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise LedgerError(f"naive timestamp {value.isoformat()}: the ledger needs timezone-aware times")
        utc = value.astimezone(datetime.UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # SQLite rows written by other tools
            value = datetime.datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)  # type: ignore[no-any-return]
        return value.astimezone(datetime.UTC)  # type: ignore[no-any-return]


# Keyed hashes may be base64 (case matters): MariaDB's default collation would merge "aB" and "Ab".
SubjectHash = String(HASH).with_variant(mysql.VARCHAR(HASH, collation="utf8mb4_bin"), "mysql", "mariadb")

# Check names are unique per run: compared byte for byte on every backend.
CheckName = String(NAME).with_variant(mysql.VARCHAR(NAME, collation="utf8mb4_bin"), "mysql", "mariadb")

metadata = MetaData()

# One row per run (an Airflow DAG run or a CLI invocation): what ran, on which CRM, under which
# policy (its sha256) and date, and how it ended.
runs = Table(
    "runs",
    metadata,
    Column("run_id", String(RUN_ID), primary_key=True),
    Column("job", String(SHORT), nullable=False),
    Column("crm", String(NAME * 2), nullable=False),
    Column("policy_hash", String(HASH), nullable=False),
    Column("policy_version", String(SHORT)),
    Column("as_of", Date, nullable=False),
    Column("dry_run", Boolean, nullable=False),
    Column("params", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
    Column("summary", Text),
    Column("error", Text),
    Index("ix_runs_job_started_at", "job", "started_at"),
)

# What the run meant to do, before doing it: per table and rule, how many rows and why (legal basis).
plan_items = Table(
    "plan_items",
    metadata,
    Column("id", SurrogateKey, primary_key=True, autoincrement=True),
    Column("run_id", String(RUN_ID), ForeignKey("runs.run_id"), nullable=False),
    Column("item_no", Integer, nullable=False),
    Column("table_name", String(NAME), nullable=False),
    Column("rule_id", String(HASH), nullable=False),
    Column("action", String(SHORT), nullable=False),
    Column("legal_basis", String(NAME)),
    # Not "rows": a reserved word on MySQL/MariaDB, and auditors type these queries by hand.
    Column("row_count", BigInteger, nullable=False),
    Column("findings", Text, nullable=False),
    UniqueConstraint("run_id", "item_no", name="uq_plan_items_run_item"),
)

# What the run did: one row per batch (one CRM transaction), replaced if the batch is retried.
batches = Table(
    "batches",
    metadata,
    Column("id", SurrogateKey, primary_key=True, autoincrement=True),
    Column("run_id", String(RUN_ID), ForeignKey("runs.run_id"), nullable=False),
    Column("table_name", String(NAME), nullable=False),
    Column("rule_id", String(HASH), nullable=False),
    Column("batch_no", Integer, nullable=False),
    Column("action", String(SHORT), nullable=False),
    Column("rows_planned", BigInteger, nullable=False),
    Column("rows_affected", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=False),
    Column("duration_ms", BigInteger, nullable=False),
    Column("error", Text),
    UniqueConstraint("run_id", "table_name", "rule_id", "batch_no", name="uq_batches_key"),
)

# Which (pseudonymous) subjects each batch processed: keyed hashes only, never identifiers.
batch_subjects = Table(
    "batch_subjects",
    metadata,
    Column("batch_id", SurrogateKey, ForeignKey("batches.id"), primary_key=True),
    Column("subject_hash", SubjectHash, primary_key=True),
    # Repeated from the batch so "which runs touched this subject?" is one indexed query.
    Column("run_id", String(RUN_ID), nullable=False),
    Column("table_name", String(NAME), nullable=False),
    Column("rule_id", String(HASH), nullable=False),
    Column("batch_no", Integer, nullable=False),
    Index("ix_batch_subjects_subject_hash", "subject_hash"),
    Index("ix_batch_subjects_run_id", "run_id"),
)

# Leases: at most one sweep per CRM at a time (name "sweep:<crm identity>").
locks = Table(
    "locks",
    metadata,
    Column("name", String(NAME * 2), primary_key=True),
    Column("owner", String(RUN_ID), nullable=False),
    Column("acquired_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

# Append-only hash chain sealing every state of every run, plan, batch and validations (see chain.py).
audit_chain = Table(
    "audit_chain",
    metadata,
    Column("seq", SurrogateKey, primary_key=True, autoincrement=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("run_id", String(RUN_ID), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("record_key", String(NAME * 2), nullable=False),
    Column("state", Text, nullable=False),
    Column("prev_hash", String(SHORT), nullable=False),
    Column("hash", String(SHORT), nullable=False),
    UniqueConstraint("hash", name="uq_audit_chain_hash"),
    Index("ix_audit_chain_run_id", "run_id"),
)

# One row (id=1): the chain's tip. Writers lock it first, so appends are serialised and a truncated
# chain (last entries deleted) no longer matches the tip.
audit_chain_head = Table(
    "audit_chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(SHORT), nullable=False),
)

# Notices queued before acting (inactive accounts): keyed subject hash, the rule, the run date.
notices = Table(
    "notices",
    metadata,
    Column("id", SurrogateKey, primary_key=True, autoincrement=True),
    Column("rule_id", String(HASH), nullable=False),
    Column("subject_hash", SubjectHash, nullable=False),
    Column("queued_on", Date, nullable=False),
    Column("run_id", String(RUN_ID), nullable=False),
    UniqueConstraint("rule_id", "subject_hash", "queued_on", name="uq_notices_key"),
    Index("ix_notices_subject", "rule_id", "subject_hash"),
)

# What the validation gate checked for a run and what it found: counts only, never a CRM value.
# Replaced as a whole when the gate is retried; ``position`` keeps the suite's order.
validations = Table(
    "validations",
    metadata,
    Column("id", SurrogateKey, primary_key=True, autoincrement=True),
    Column("run_id", String(RUN_ID), ForeignKey("runs.run_id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(SHORT), nullable=False),
    # Binary collation on MariaDB: names differing by case only are two checks, as on the others.
    Column("name", CheckName, nullable=False),
    Column("expectation", String(NAME), nullable=False),
    Column("table_name", String(NAME), nullable=False),
    Column("column_name", String(NAME)),
    Column("rule_id", String(HASH)),
    Column("passed", Boolean, nullable=False),
    Column("unexpected_count", BigInteger, nullable=False),
    # Why the check could not run (its SQL failed), cut to NAME characters: names tables, not values.
    Column("error", String(NAME)),
    Column("description", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("run_id", "name", name="uq_validations_run_name"),
    Index("ix_validations_run_id", "run_id"),
)

# Data-subject requests (art. 15-21): one row per case, identified by its reference. The person
# appears only as keyed hashes of their normalised identifiers; ``actions`` holds counts per table.
subject_requests = Table(
    "subject_requests",
    metadata,
    Column("reference", String(SHORT), primary_key=True),
    Column("request_type", String(16), nullable=False),
    Column("received", Date, nullable=False),
    Column("due_at", Date, nullable=False),
    Column("paused_days", Integer, nullable=False),
    Column("extension_months", Integer, nullable=False),
    Column("extension_reason", Text),
    Column("status", String(16), nullable=False),
    Column("identifier_hashes", Text, nullable=False),
    Column("actions", Text, nullable=False),
    Column("outcome", Text),
    Column("run_id", String(RUN_ID)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    Index("ix_subject_requests_status_due", "status", "due_at"),
)

# The suppression list: keyed hashes of the identifiers of people who were erased or who objected
# to prospecting, so that a re-import or a restored backup treats them again. Read only to exclude.
suppression = Table(
    "suppression",
    metadata,
    Column("id", SurrogateKey, primary_key=True, autoincrement=True),
    Column("identifier_hash", SubjectHash, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("reason", String(16), nullable=False),
    Column("added_on", Date, nullable=False),
    Column("keep_until", Date, nullable=False),
    Column("reference", String(SHORT), nullable=False),
    UniqueConstraint("identifier_hash", "reason", name="uq_suppression_hash_reason"),
)
