"""Data-subject requests (the case register) and the suppression list.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Self-contained like 0001 (no import of ``crm_privacy.ledger.schema``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RUN_ID = 250
SHORT = 64
HASH = 128


def _timestamp() -> sa.types.TypeEngine[object]:
    # MariaDB's plain DATETIME drops microseconds.
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")  # type: ignore[return-value]


def upgrade() -> None:
    op.create_table(
        "subject_requests",
        sa.Column("reference", sa.String(SHORT), primary_key=True),
        sa.Column("request_type", sa.String(16), nullable=False),
        sa.Column("received", sa.Date, nullable=False),
        sa.Column("due_at", sa.Date, nullable=False),
        sa.Column("paused_days", sa.Integer, nullable=False),
        sa.Column("extension_months", sa.Integer, nullable=False),
        sa.Column("extension_reason", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("identifier_hashes", sa.Text, nullable=False),
        sa.Column("actions", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text),
        sa.Column("run_id", sa.String(RUN_ID)),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("updated_at", _timestamp(), nullable=False),
        sa.Column("closed_at", _timestamp()),
    )
    op.create_index("ix_subject_requests_status_due", "subject_requests", ["status", "due_at"])
    op.create_table(
        "suppression",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column(
            "identifier_hash",
            sa.String(HASH).with_variant(mysql.VARCHAR(HASH, collation="utf8mb4_bin"), "mysql", "mariadb"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("added_on", sa.Date, nullable=False),
        sa.Column("keep_until", sa.Date, nullable=False),
        sa.Column("reference", sa.String(SHORT), nullable=False),
        sa.UniqueConstraint("identifier_hash", "reason", name="uq_suppression_hash_reason"),
    )


def downgrade() -> None:
    op.drop_table("suppression")
    op.drop_index("ix_subject_requests_status_due", table_name="subject_requests")
    op.drop_table("subject_requests")
