"""The first ledger schema: runs, plan items, batches, batch subjects, locks and the audit chain.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Self-contained on purpose (no import of ``crm_privacy.ledger.schema``): a revision must keep
creating the schema it created on the day it was released, whatever the code becomes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

RUN_ID = 250
NAME = 255
SHORT = 64
HASH = 128
GENESIS = "0" * 64


def _timestamp() -> sa.types.TypeEngine[object]:
    # MariaDB's plain DATETIME drops microseconds; batch durations and the chain need them.
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")  # type: ignore[return-value]


def _surrogate_key() -> sa.types.TypeEngine[int]:
    # INTEGER on SQLite so the column is the autoincrementing rowid.
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("run_id", sa.String(RUN_ID), primary_key=True),
        sa.Column("job", sa.String(SHORT), nullable=False),
        sa.Column("crm", sa.String(NAME * 2), nullable=False),
        sa.Column("policy_hash", sa.String(HASH), nullable=False),
        sa.Column("policy_version", sa.String(SHORT)),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("dry_run", sa.Boolean, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("started_at", _timestamp(), nullable=False),
        sa.Column("finished_at", _timestamp()),
        sa.Column("summary", sa.Text),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_runs_job_started_at", "runs", ["job", "started_at"])

    op.create_table(
        "plan_items",
        sa.Column("id", _surrogate_key(), primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(RUN_ID), sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("item_no", sa.Integer, nullable=False),
        sa.Column("table_name", sa.String(NAME), nullable=False),
        sa.Column("rule_id", sa.String(HASH), nullable=False),
        sa.Column("action", sa.String(SHORT), nullable=False),
        sa.Column("legal_basis", sa.String(NAME)),
        sa.Column("row_count", sa.BigInteger, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.UniqueConstraint("run_id", "item_no", name="uq_plan_items_run_item"),
    )

    op.create_table(
        "batches",
        sa.Column("id", _surrogate_key(), primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(RUN_ID), sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("table_name", sa.String(NAME), nullable=False),
        sa.Column("rule_id", sa.String(HASH), nullable=False),
        sa.Column("batch_no", sa.Integer, nullable=False),
        sa.Column("action", sa.String(SHORT), nullable=False),
        sa.Column("rows_planned", sa.BigInteger, nullable=False),
        sa.Column("rows_affected", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", _timestamp(), nullable=False),
        sa.Column("finished_at", _timestamp(), nullable=False),
        sa.Column("duration_ms", sa.BigInteger, nullable=False),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("run_id", "table_name", "rule_id", "batch_no", name="uq_batches_key"),
    )

    op.create_table(
        "batch_subjects",
        sa.Column("batch_id", _surrogate_key(), sa.ForeignKey("batches.id"), primary_key=True),
        # Binary collation on MariaDB: base64 hashes differ by case only.
        sa.Column(
            "subject_hash",
            sa.String(HASH).with_variant(mysql.VARCHAR(HASH, collation="utf8mb4_bin"), "mysql", "mariadb"),
            primary_key=True,
        ),
        sa.Column("run_id", sa.String(RUN_ID), nullable=False),
        sa.Column("table_name", sa.String(NAME), nullable=False),
        sa.Column("rule_id", sa.String(HASH), nullable=False),
        sa.Column("batch_no", sa.Integer, nullable=False),
    )
    op.create_index("ix_batch_subjects_subject_hash", "batch_subjects", ["subject_hash"])
    op.create_index("ix_batch_subjects_run_id", "batch_subjects", ["run_id"])

    op.create_table(
        "locks",
        sa.Column("name", sa.String(NAME * 2), primary_key=True),
        sa.Column("owner", sa.String(RUN_ID), nullable=False),
        sa.Column("acquired_at", _timestamp(), nullable=False),
        sa.Column("expires_at", _timestamp(), nullable=False),
    )

    op.create_table(
        "audit_chain",
        sa.Column("seq", _surrogate_key(), primary_key=True, autoincrement=False),
        sa.Column("recorded_at", _timestamp(), nullable=False),
        sa.Column("run_id", sa.String(RUN_ID), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_key", sa.String(NAME * 2), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(SHORT), nullable=False),
        sa.Column("hash", sa.String(SHORT), nullable=False),
        sa.UniqueConstraint("hash", name="uq_audit_chain_hash"),
    )
    op.create_index("ix_audit_chain_run_id", "audit_chain", ["run_id"])

    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(SHORT), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])


def downgrade() -> None:
    # Children before parents.
    for table in (
        "audit_chain_head",
        "audit_chain",
        "locks",
        "batch_subjects",
        "batches",
        "plan_items",
        "runs",
    ):
        op.drop_table(table)
