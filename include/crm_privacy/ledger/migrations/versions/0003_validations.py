"""Validations: what the validation gate checked for a run, and what it found (counts only).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Self-contained like 0001 (no import of ``crm_privacy.ledger.schema``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RUN_ID = 250
NAME = 255
SHORT = 64
HASH = 128


def _timestamp() -> sa.types.TypeEngine[object]:
    # MariaDB's plain DATETIME drops microseconds.
    return sa.DateTime(timezone=True).with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")  # type: ignore[return-value]


def upgrade() -> None:
    op.create_table(
        "validations",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("run_id", sa.String(RUN_ID), sa.ForeignKey("runs.run_id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(SHORT), nullable=False),
        # Binary collation on MariaDB: names differing by case only are two checks, as on the others.
        sa.Column(
            "name",
            sa.String(NAME).with_variant(mysql.VARCHAR(NAME, collation="utf8mb4_bin"), "mysql", "mariadb"),
            nullable=False,
        ),
        sa.Column("expectation", sa.String(NAME), nullable=False),
        sa.Column("table_name", sa.String(NAME), nullable=False),
        sa.Column("column_name", sa.String(NAME)),
        sa.Column("rule_id", sa.String(HASH)),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("unexpected_count", sa.BigInteger, nullable=False),
        sa.Column("error", sa.String(NAME)),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.UniqueConstraint("run_id", "name", name="uq_validations_run_name"),
    )
    op.create_index("ix_validations_run_id", "validations", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_validations_run_id", table_name="validations")
    op.drop_table("validations")
