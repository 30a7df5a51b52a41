"""`crm-privacy validate`: the validation gate alone, on any CRM, at any run date.

It changes nothing in the CRM. The outcome is a run of job ``validate`` in the ledger, with one row per
expectation in its ``validations`` table, and a Data Docs site in the run's report directory.
Exit codes: 0 the gate passed, 1 it failed, 2 bad usage or the CRM could not be read.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

JOB = "validate"


def register(subparsers: Any) -> None:
    text = "run the validation gate (Great Expectations) on a CRM: proves what a sweep must have left"
    p = subparsers.add_parser("validate", help=text, description=text)
    p.add_argument("--policy", required=True, help="policy YAML (see docs/policy.md)")
    p.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM database")
    p.add_argument("--ledger", required=True, help="SQLAlchemy URL of the privacy ledger")
    p.add_argument("--as-of", required=True, type=_date, help="run date YYYY-MM-DD the CRM is judged at")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=_run)


def _date(text: str) -> dt.date:
    from crm_privacy.errors import UsageError
    from crm_privacy.rules.calendar import check_run_date

    try:
        return check_run_date(dt.date.fromisoformat(text), "--as-of")
    except ValueError:
        raise UsageError(f"--as-of: {text!r} is not a date YYYY-MM-DD") from None


def _run(args: Any) -> int:
    from crm_privacy.crm.binding import bind
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.dagrun.workdir import run_reports_dir
    from crm_privacy.ledger import Ledger, crm_identity
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.policy.loader import load_policy
    from crm_privacy.report.publish import publish
    from crm_privacy.sweep.runner import cli_run_id
    from crm_privacy.sweep.validation import pending_notices
    from crm_privacy.validate.gate import RunEvidence, run_gate

    loaded = load_policy(args.policy)
    crm = make_engine(args.crm, crm=True)
    ledger = Ledger.from_url(args.ledger, migrate=False)
    refuse_same_database(crm, ledger.engine)
    ledger.migrate()
    run_id = cli_run_id().replace("cli__", "validate__", 1)
    try:
        binding = bind(loaded.policy, crm)
        ledger.start_run(
            run_id,
            job=JOB,
            crm=crm_identity(args.crm),
            policy_hash=loaded.sha256,
            policy_version=loaded.policy.version,
            as_of=args.as_of,
            dry_run=False,
            params={},
        )
        evidence = RunEvidence(
            planned=[], affected={}, pending_notices=pending_notices(ledger, loaded.policy, args.as_of)
        )
        gate = run_gate(
            binding,
            args.crm,
            args.as_of,
            evidence=evidence,
            docs_dir=run_reports_dir(run_id, JOB) / "data_docs",
            run_name=run_id,
        )
        ledger.record_validations(run_id, gate.results)
        summary = {"run_id": run_id, "as_of": args.as_of.isoformat(), "validation": gate.block()}
        status = "succeeded" if gate.passed else "failed"
        ledger.finish_run(
            run_id, status=status, summary=summary, error=None if gate.passed else gate.message()
        )
        published = publish(
            {**summary, "status": status, "dry_run": False, "policy_version": loaded.policy.version},
            job=JOB,
            dag_id=None,
            ledger=ledger,
            loaded=loaded,
        )
    finally:
        crm.dispose()
        ledger.close()
    if args.json:
        json.dump(
            {**summary, "status": status, "report": str(published.html_path)}, sys.stdout, ensure_ascii=False
        )
        sys.stdout.write("\n")
    else:
        print(f"validate {run_id} as of {args.as_of}: {'passed' if gate.passed else 'FAILED'}")
        print(f"  {len(gate.results)} expectation(s), {len(gate.failed)} failed")
        if not gate.passed:
            print("  " + gate.message().replace("\n", "\n  "))
        if gate.data_docs:
            print(f"  Data Docs: {gate.data_docs}")
        print(f"  report: {published.html_path}")
    return 0 if gate.passed else 1
