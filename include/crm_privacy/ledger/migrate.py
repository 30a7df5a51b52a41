"""Bring a ledger database to the newest schema with the Alembic revisions shipped in the package."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from crm_privacy.ledger.records import LedgerError
from crm_privacy.ledger.schema import VERSION_TABLE

# Serialises concurrent first runs (mapped tasks starting together) on the servers.
_PG_LOCK_KEY = 0x63726D5F6C6564  # "crm_led"
_MYSQL_LOCK = "crm_privacy_ledger_migrate"
_MYSQL_DIALECTS = ("mysql", "mariadb")


def alembic_config() -> Config:
    """A file-less Alembic config pointing at the package's migrations directory."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("crm_privacy.ledger") / "migrations"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(engine: Engine) -> None:
    """Upgrade to head in one transaction; a database already at head is not touched."""
    with engine.connect() as probe:
        if current_revision(probe) == head_revision():
            return
        probe.rollback()
    config = alembic_config()
    with engine.connect() as connection:
        _begin_exclusive(connection)
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
        finally:
            if connection.dialect.name in _MYSQL_DIALECTS:
                # A named lock belongs to the session, which the pool keeps alive: release it.
                connection.rollback()
                connection.execute(text("SELECT RELEASE_LOCK(:name)"), {"name": _MYSQL_LOCK})
                connection.commit()


def _begin_exclusive(connection: Connection) -> None:
    """Start a transaction that keeps other migrators out until it ends."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # pysqlite runs DDL outside any transaction; an explicit BEGIN IMMEDIATE makes the whole
        # upgrade atomic and takes the write lock up front (others wait on busy_timeout).
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    elif dialect in _MYSQL_DIALECTS:
        # MySQL DDL commits implicitly, so a transaction cannot guard it: a named session lock can.
        got = connection.execute(text("SELECT GET_LOCK(:name, 120)"), {"name": _MYSQL_LOCK}).scalar()
        if got != 1:
            raise LedgerError("another process has been migrating the ledger for 2 minutes: retry later")
