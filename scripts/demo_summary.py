"""Print where the demo sweep's output is, and its headline counts (no personal data)."""

from __future__ import annotations

import json
import os
from pathlib import Path

reports = Path(os.environ["CRM_PRIVACY_REPORTS_DIR"])
runs = sorted(reports.glob("retention_sweep/*/summary.json"), key=lambda p: p.stat().st_mtime)
if not runs:
    raise SystemExit(f"no run summary found under {reports}: see .demo/last-run.log")
summary = json.loads(runs[-1].read_text(encoding="utf-8"))
print(
    f"\nRetention sweep {summary['status']} (run date {summary.get('as_of')}, policy {summary.get('policy_version')})"
)
for rule in summary.get("rules", []):
    rows = sum(t["rows"] for t in rule["tables"])
    print(f"  {rule['rule_id']:<3} {rule['title']}: {rule['subjects']} personne(s), {rows} ligne(s)")
    if rule.get("findings"):
        found = ", ".join(f"{name} = {count}" for name, count in rule["findings"].items())
        print(f"      constats : {found}")
print(f"  rows changed: {summary.get('rows_affected', 0)} {summary.get('tables_affected', {})}")
gate = summary.get("validation") or {}
if gate.get("passed") is None:
    print(f"  validation (Great Expectations): not run ({gate.get('reason', 'no validation block')})")
else:
    verdict = "passed" if gate["passed"] else "FAILED"
    print(f"  validation (Great Expectations): {verdict}, {gate['expectations']} expectation(s)")
    for failed in gate.get("failed", []):
        where = failed["table"] + (f".{failed['column']}" if failed.get("column") else "")
        print(f"      {where}: {failed['expectation']} [{failed['name']}]: {failed['unexpected_count']}")
    if gate.get("data_docs"):
        print(f"  Data Docs of the validation: {gate['data_docs']}")
print(f"\nRun report for the DPO (HTML, French): {runs[-1].parent / 'report.html'}")
print(f"Run report (JSON, for machines): {runs[-1].parent / 'report.json'} ; summary: {runs[-1]}")
print(f"Every run, newest first: {reports / 'index.html'}")
print("Airflow log of the run: .demo/last-run.log ; privacy ledger: .demo/ledger.db")

found = sorted((reports / "pii_discovery").glob("*/discovery.json"), key=lambda p: p.stat().st_mtime)
if found:
    discovery = json.loads(found[-1].read_text(encoding="utf-8"))
    verdict = "conforme" if discovery["compliant"] else "NON conforme"
    print(f"\nPII discovery: {discovery['columns_sampled']} text columns sampled, {verdict}")
    for f in discovery["undeclared"]:
        types = ", ".join(f"{t} x{n}" for t, n in f["entities"].items())
        print(
            f"  colonne non recensée : {f['table']}.{f['column']} ({f['share_with_pii']:.0%} des lignes : {types})"
        )
    print(f"Discovery report: {found[-1].parent / 'report.html'} (detail: {found[-1]})")
register = reports / "register" / "register.html"
if register.is_file():
    print(f"\nRegister of processing (RGPD art. 30): {register}")
