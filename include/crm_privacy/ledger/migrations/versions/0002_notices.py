"""Notices queued before acting on a subject (inactive accounts: warn, then act 30 days later).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("rule_id", sa.String(128), nullable=False),
        sa.Column(
            "subject_hash",
            sa.String(128).with_variant(mysql.VARCHAR(128, collation="utf8mb4_bin"), "mysql", "mariadb"),
            nullable=False,
        ),
        sa.Column("queued_on", sa.Date, nullable=False),
        sa.Column("run_id", sa.String(250), nullable=False),
        sa.UniqueConstraint("rule_id", "subject_hash", "queued_on", name="uq_notices_key"),
    )
    op.create_index("ix_notices_subject", "notices", ["rule_id", "subject_hash"])


def downgrade() -> None:
    op.drop_index("ix_notices_subject", table_name="notices")
    op.drop_table("notices")
