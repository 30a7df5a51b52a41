"""The privacy store: runs, plans, batches, pseudonymous subjects, locks and the audit chain.

Its own database (SQLite in the demo, PostgreSQL in production), never the CRM's nor Airflow's.
"""

from __future__ import annotations

from crm_privacy.ledger.identity import crm_identity
from crm_privacy.ledger.records import BatchRecord, LedgerError, PlanItemRecord
from crm_privacy.ledger.store import Ledger

__all__ = ["BatchRecord", "Ledger", "LedgerError", "PlanItemRecord", "crm_identity"]
