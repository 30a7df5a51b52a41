"""`crm-privacy discover`: PII discovery without Airflow (same code as the DAG)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    text = "sample every text column of the CRM and report personal data the policy does not declare"
    p = subparsers.add_parser("discover", help=text, description=text)
    p.add_argument("--policy", required=True, help="policy YAML (see docs/policy.md)")
    p.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM database")
    p.add_argument("--ledger", required=True, help="SQLAlchemy URL of the privacy ledger")
    p.add_argument(
        "--sample-rows",
        type=_sample_rows,
        default=500,
        help="rows sampled per table, 10-100000 (default 500)",
    )
    p.add_argument("--model", default="fr_core_news_sm", help="spaCy model (fr_core_news_sm or _md)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.set_defaults(func=_run)


def _sample_rows(text: str) -> int:
    """As the DAG's sample_rows param: a negative LIMIT would read whole tables on SQLite."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 10 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"must be from 10 to 100000, got {value}")
    return value


def _run(args: argparse.Namespace) -> int:
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.discovery.job import run_discovery
    from crm_privacy.ledger import Ledger, crm_identity
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.sweep.runner import cli_run_id

    crm = make_engine(args.crm, crm=True)
    ledger = Ledger.from_url(args.ledger, migrate=False)
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    summary = run_discovery(
        policy=args.policy,
        crm=crm,
        crm_name=crm_identity(args.crm),
        ledger=ledger,
        run_id=cli_run_id(),
        as_of=dt.datetime.now(dt.UTC).date(),
        sample_rows=args.sample_rows,
        model=args.model,
    )
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    verdict = "compliant" if summary["compliant"] else "NOT compliant"
    print(
        f"PII discovery {summary['run_id']}: {summary['columns_sampled']} text column(s) sampled, {verdict}"
    )
    for f in summary["undeclared"]:
        types = ", ".join(f"{t} x{n}" for t, n in f["entities"].items())
        print(
            f"  undeclared: {f['table']}.{f['column']}: {f['share_with_pii']:.0%} of {f['rows_sampled']} "
            f"sampled rows hold personal data ({types})"
        )
    for name in summary["missing_declared"]:
        print(f"  declared but absent from the CRM: {name}")
    return 0
