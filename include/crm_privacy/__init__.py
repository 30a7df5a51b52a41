"""crm-privacy: GDPR (RGPD) compliance for CRM databases, run by Apache Airflow.

The package is imported by DAG files at parse time: keep this module free of heavy imports.
"""

from __future__ import annotations

__version__ = "0.1.0"
