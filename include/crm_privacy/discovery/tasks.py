"""The discovery DAG's tasks, as plain functions (the DAG file only wires them).

``discover`` samples the CRM and writes the report; ``compliance`` then fails, visibly, when the
report found personal data in columns the policy does not declare (or declared columns missing from
the CRM): the run ends ``failed`` with the report's path in the task's message, instead of a green
run nobody reads.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from crm_privacy.dagrun.task import airflow_task
from crm_privacy.dagrun.workdir import run_reports_dir
from crm_privacy.errors import CrmPrivacyError
from crm_privacy.sweep.tasks import check_connections

log = logging.getLogger("crm_privacy.discovery")


class NotCompliant(CrmPrivacyError):
    """Discovery found personal data the policy does not declare (a finding for the DPO)."""


@airflow_task
def discover(
    params: dict[str, Any],
    run_id: str,
    logical_date: dt.datetime | None,
    conf: Mapping[str, Any] | None = None,
    valid_keys: Iterable[str] | None = None,
    dag_id: str = "crm_pii_discovery",
) -> dict[str, Any]:
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.dagrun.conf import check_conf_keys
    from crm_privacy.dagrun.policy_path import allowed_policy
    from crm_privacy.discovery.job import run_discovery
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database

    if valid_keys is not None:
        check_conf_keys(conf, valid_keys)
    policy = allowed_policy(params.get("policy"))
    check_connections(params)
    crm = engine_from_airflow(params["crm_conn_id"], crm=True)
    ledger = Ledger(engine_from_airflow(params["ledger_conn_id"]))
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    summary = run_discovery(
        policy=policy,
        crm=crm,
        crm_name=params["crm_conn_id"],
        ledger=ledger,
        run_id=run_id,
        as_of=(logical_date or dt.datetime.now(dt.UTC)).date(),
        sample_rows=int(params["sample_rows"]),
        model=params["model"],
        out_dir=run_reports_dir(run_id, "pii_discovery"),
        dag_id=dag_id,
    )
    # XCom gets the verdict and the path; the findings (types and counts only) are in the report
    return {
        "compliant": summary["compliant"],
        "undeclared_columns": [f"{f['table']}.{f['column']}" for f in summary["undeclared"]],
        "missing_declared": list(summary["missing_declared"]),
        "report_path": summary["report_path"],
        "report": summary["report"],
    }


@airflow_task
def compliance(found: Mapping[str, Any] | None) -> str:
    """Fail (no retry) when discovery found undeclared personal data; the message names the columns
    (never a value) and the report."""
    if not found:
        raise CrmPrivacyError("no discovery result: the discover task failed (see its log)")
    report = found.get("report") or found.get("report_path")
    undeclared = list(found.get("undeclared_columns") or [])
    missing = list(found.get("missing_declared") or [])
    if found.get("compliant") and not undeclared and not missing:
        log.info(
            "compliant: every column holding personal data is declared in the policy (report %s)", report
        )
        return "compliant"
    parts = []
    if undeclared:
        parts.append(
            f"personal data in {len(undeclared)} column(s) the policy does not declare: {', '.join(undeclared)}"
        )
    if missing:
        parts.append(f"{len(missing)} declared column(s) missing from the CRM: {', '.join(missing)}")
    raise NotCompliant(
        f"NOT compliant: {'; '.join(parts)}. Report: {report}. Declare these columns in the policy "
        "(with their retention and treatment) or remove the data, then run discovery again"
    )
