"""The discovery DAG's task, as a plain function (the DAG file only wires it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crm_privacy.sweep.tasks import airflow_task, reports_root, safe_name


@airflow_task
def discover(params: dict[str, Any], run_id: str, logical_date: dt.datetime | None) -> dict[str, Any]:
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.discovery.job import run_discovery
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database

    crm = engine_from_airflow(params["crm_conn_id"])
    ledger = Ledger(engine_from_airflow(params["ledger_conn_id"]))
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    summary = run_discovery(
        policy=params["policy"],
        crm=crm,
        crm_name=params["crm_conn_id"],
        ledger=ledger,
        run_id=run_id,
        as_of=(logical_date or dt.datetime.now(dt.UTC)).date(),
        sample_rows=int(params["sample_rows"]),
        model=params["model"],
        out_dir=reports_root() / "discovery" / safe_name(run_id),
    )
    # XCom gets the verdict and the path; the findings (types and counts only) are in the report
    return {
        "compliant": summary["compliant"],
        "undeclared_columns": [f"{f['table']}.{f['column']}" for f in summary["undeclared"]],
        "report_path": summary["report_path"],
    }
