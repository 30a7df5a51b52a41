"""One discovery run: sample the CRM's text columns, compare with the policy, record and report.

Undeclared personal data is a finding ("traitement non recensé / colonne non mappée"): the discovery
itself succeeds (in the ledger too), its summary says the CRM is not compliant until the column is
mapped in the policy, and the DAG's ``compliance`` task then fails, naming the report.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from crm_privacy.failures import error_text
from crm_privacy.ledger import Ledger
from crm_privacy.policy.loader import load_policy

JOB = "pii_discovery"

log = logging.getLogger("crm_privacy.discovery")


def run_discovery(
    *,
    policy: str | Path,
    crm: Engine,
    crm_name: str,
    ledger: Ledger,
    run_id: str,
    as_of: dt.date,
    sample_rows: int = 500,
    model: str = "fr_core_news_sm",
    out_dir: Path | None = None,
    dag_id: str | None = None,
) -> dict[str, Any]:
    """Run discovery and return its summary (types, counts and shares: no value from the CRM); its
    report (``report.json``, ``report.html``) goes to the run's report folder, next to ``out_dir``'s
    ``discovery.json`` (the columns sampled, in detail)."""
    from crm_privacy.detect.discovery import discover
    from crm_privacy.report.publish import publish

    loaded = load_policy(policy)
    params = {"sample_rows": sample_rows, "model": model}
    ledger.start_run(
        run_id,
        job=JOB,
        crm=crm_name,
        policy_hash=loaded.sha256,
        policy_version=loaded.policy.version,
        as_of=as_of,
        dry_run=True,
        params=params,
    )
    try:
        archives = [t.archive.table for t in loaded.policy.tables.values() if t.archive]
        report = discover(
            crm,
            loaded.policy.declared_columns(),
            sample_rows=sample_rows,
            model=model,
            created_later=archives,
        )
    except Exception as exc:
        failed = {
            "run_id": run_id,
            "as_of": as_of.isoformat(),
            "policy_version": loaded.policy.version,
            "status": "failed",
            "dry_run": False,
            "error": {"step": "discover", "type": type(exc).__name__, "message": error_text(exc)},
        }
        ledger.finish_run(run_id, status="failed", summary=failed, error=error_text(exc))
        try:
            publish(failed, job=JOB, dag_id=dag_id, ledger=ledger, loaded=loaded)
        except Exception as report_error:  # the discovery's own error is the news
            log.error("the run's report could not be written: %s", type(report_error).__name__)
        raise
    data = report.to_dict()
    summary: dict[str, Any] = {
        "run_id": run_id,
        "as_of": as_of.isoformat(),
        "policy_version": loaded.policy.version,
        "compliant": not data["undeclared"] and not data["missing_declared"],
        "columns_sampled": len(data["columns"]),
        "undeclared": data["undeclared"],
        "missing_declared": data["missing_declared"],
    }
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "discovery.json").write_text(
            json.dumps({**summary, "columns": data["columns"]}, indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
        summary["report_path"] = str(out_dir / "discovery.json")
    ledger.finish_run(run_id, status="succeeded", summary=summary)
    published = publish(
        {**summary, "status": "succeeded", "dry_run": False},
        job=JOB,
        dag_id=dag_id,
        ledger=ledger,
        loaded=loaded,
    )
    summary["report"] = str(published.html_path)
    return summary
