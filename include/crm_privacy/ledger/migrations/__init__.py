"""Alembic migrations of the ledger, shipped inside the package and run by ``crm_privacy.ledger.migrate``."""
