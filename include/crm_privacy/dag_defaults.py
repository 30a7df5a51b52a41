"""What every crm-privacy DAG shares: owner, retries, start date and schedule, and the params naming
the policy and the connections. Imported by DAG files at parse time: standard library, ``airflow.sdk``
and the (light) timetable only.

Retries are for errors that may fix themselves (a database briefly down, the CRM locked by another
run): 3 more tries, 1, 2 then 4 minutes later (exponential backoff, at most 15);
``CRM_PRIVACY_TASK_RETRIES`` changes the number (``make demo`` sets 0: a demo fails at once). Errors a retry
cannot fix fail at once whatever these say (``crm_privacy.dagrun.task``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from airflow.sdk import Param

from crm_privacy.dagrun.timetable import RunDateTimetable


def _retries() -> int:
    """3, or ``CRM_PRIVACY_TASK_RETRIES`` (0 for a demo or a test run that must fail at once)."""
    value = os.environ.get("CRM_PRIVACY_TASK_RETRIES", "").strip()
    return int(value) if value.isdigit() else 3


DEFAULT_ARGS: dict[str, Any] = {
    "owner": "data-protection",
    "retries": _retries(),
    "retry_delay": dt.timedelta(minutes=1),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": dt.timedelta(minutes=15),
}
TAGS = ["rgpd", "crm-privacy"]
#: The DAGs' start_date: Airflow creates no task for a logical date before it (the timetable refuses
#: such a trigger, saying so).
START_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def schedule(cron: str, hint: str = "") -> RunDateTimetable:
    """``cron`` (e.g. ``@daily``) as a timetable refusing manual logical dates in the future or before
    ``START_DATE`` (``crm_privacy.dagrun.timetable``); ``hint`` ends the refusal's message."""
    return RunDateTimetable(cron, timezone="UTC", start=START_DATE, hint=hint)


def default_policy(dag_file: str) -> str:
    """``$CRM_PRIVACY_POLICY``, else the demo policy of the project the DAG file belongs to."""
    demo = Path(dag_file).resolve().parents[1] / "include" / "policies" / "demo_crm.yaml"
    return os.environ.get("CRM_PRIVACY_POLICY", str(demo))


def connection_params(dag_file: str) -> dict[str, Param]:
    return {
        "policy": Param(
            default_policy(dag_file),
            type="string",
            description="Policy YAML: a file of the policy directory (CRM_PRIVACY_POLICY_DIR), by path or name.",
        ),
        "crm_conn_id": Param("crm_demo", type="string", description="Airflow connection of the CRM."),
        "ledger_conn_id": Param(
            "crm_privacy_ledger", type="string", description="Airflow connection of the privacy ledger."
        ),
    }
