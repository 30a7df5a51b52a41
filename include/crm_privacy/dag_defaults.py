"""What every crm-privacy DAG shares: owner and retries, and the params naming the policy and the
connections. Imported by DAG files at parse time: standard library and ``airflow.sdk`` only."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from airflow.sdk import Param

DEFAULT_ARGS: dict[str, Any] = {"owner": "data-protection", "retries": 2, "retry_delay": timedelta(minutes=2)}
TAGS = ["rgpd", "crm-privacy"]


def default_policy(dag_file: str) -> str:
    """``$CRM_PRIVACY_POLICY``, else the demo policy of the project the DAG file belongs to."""
    demo = Path(dag_file).resolve().parents[1] / "include" / "policies" / "demo_crm.yaml"
    return os.environ.get("CRM_PRIVACY_POLICY", str(demo))


def connection_params(dag_file: str) -> dict[str, Param]:
    return {
        "policy": Param(default_policy(dag_file), type="string", description="Path of the policy YAML."),
        "crm_conn_id": Param("crm_demo", type="string", description="Airflow connection of the CRM."),
        "ledger_conn_id": Param(
            "crm_privacy_ledger", type="string", description="Airflow connection of the privacy ledger."
        ),
    }
