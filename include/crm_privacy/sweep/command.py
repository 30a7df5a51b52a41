"""`crm-privacy plan` and `crm-privacy sweep`: the retention sweep without Airflow."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crm_privacy.errors import CrmPrivacyError, UsageError


def register(subparsers: Any) -> None:
    for name, help_text in (
        ("plan", "compute what the retention rules would change (changes nothing)"),
        ("sweep", "plan, guard, apply in batches and check the retention sweep"),
    ):
        p = subparsers.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--policy", required=True, help="policy YAML (see docs/policy.md)")
        p.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM database")
        p.add_argument("--ledger", required=True, help="SQLAlchemy URL of the privacy ledger")
        p.add_argument("--as-of", type=_date, default=None, help="run date YYYY-MM-DD (default: today, UTC)")
        p.add_argument("--json", action="store_true", help="print the run summary as one JSON object")
        p.add_argument(
            "--workdir",
            default=None,
            help="where plan files go, kept after the run (default: a private temp dir, removed at the end)",
        )
        if name == "sweep":
            p.add_argument("--dry-run", action="store_true", help="stop after the plan; change nothing")
            p.add_argument(
                "--max-share", type=_share, default=None, help="blast-radius limit: a share with 0 < x <= 1"
            )
        p.set_defaults(func=_run, plan_only=name == "plan")


def _date(text: str) -> dt.date:
    from crm_privacy.rules.calendar import check_run_date  # pydantic: not for `--help`

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None
    try:
        return check_run_date(day)
    except CrmPrivacyError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _share(text: str) -> float:
    from crm_privacy.policy.model import check_max_share

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number with 0 < x <= 1, got {text!r}") from None
    try:
        return check_max_share(value, "the value")
    except CrmPrivacyError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@contextmanager
def _workdir(given: str | None) -> Iterator[Path]:
    """The user's --workdir (kept), or a private temp dir (0700) removed when the run ends, however
    it ends: its plan files hold the CRM keys of the people being erased."""
    if given:
        path = Path(given)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--workdir {given}: cannot create the directory ({exc.strerror})") from None
        if not os.access(path, os.W_OK | os.X_OK) or not _can_write_in(path):
            raise UsageError(f"--workdir {given}: not a directory this user can write to")
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="crm-privacy-", ignore_cleanup_errors=True) as temp:
        yield Path(temp)


def _can_write_in(path: Path) -> bool:
    """Whether a directory can really be made in ``path``: ``os.access`` says yes to root on /sys or
    on a read-only mount."""
    try:
        probe = tempfile.mkdtemp(prefix=".crm-privacy-probe-", dir=path)
        os.rmdir(probe)
    except OSError:
        return False
    return True


def _run(args: argparse.Namespace) -> int:
    from crm_privacy.sweep.runner import run_sweep

    dry = args.plan_only or getattr(args, "dry_run", False)
    with _workdir(args.workdir) as workdir:
        summary = run_sweep(
            policy=args.policy,
            crm_url=args.crm,
            ledger_url=args.ledger,
            as_of=args.as_of or dt.datetime.now(dt.UTC).date(),
            dry_run=dry,
            max_share=getattr(args, "max_share", None),
            keyring=_keyring(required=not dry),
            workdir=workdir,
            plan_only=args.plan_only,
        )
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        _print_human(summary)
    return 0 if summary.get("status") in {"planned", "succeeded"} else 1


def _keyring(*, required: bool) -> Any:
    """The key from CRM_PRIVACY_HMAC_KEY; a plan uses it when present (rules with notices need it)."""
    import os

    from crm_privacy.transform.keys import ENV_VAR, keyring_from_env

    if required or os.environ.get(ENV_VAR):
        return keyring_from_env()
    return None


def _print_human(summary: dict[str, Any]) -> None:
    mode = "plan (dry run)" if summary["dry_run"] else "sweep"
    print(f"{mode} {summary['run_id']} as of {summary['as_of']}: {summary['status']}")
    for rule in summary["rules"]:
        print(f"  {rule['rule_id']} {rule['title']}: {rule['subjects']} subject(s)")
        for t in (t for t in rule["tables"] if t["rows"]):
            print(f"      {t['table']:<15} {t['action']:<10} {t['rows']:>9} row(s) of {t['table_rows']}")
        for name, count in rule["findings"].items():
            print(f"      finding: {name} = {count}")
    guard = summary.get("guard")
    if isinstance(guard, dict):
        would = "a real run would get: " if summary["dry_run"] else ""
        print(f"  guard: {would}{guard['verdict']} ({guard['reason']})")
    if summary.get("check") == "not run":
        print("  post-check: not run (a dry run changes nothing)")
    if summary.get("nothing_due"):
        print(f"  {summary['nothing_due']['reason']}")
    print(f"  rows planned: {summary['rows_planned']}, rows changed: {summary.get('rows_affected', 0)}")
    for index in summary.get("missing_indexes") or []:
        print(
            f"  index missing on {index['table']}({', '.join(index['columns'])}): {index['why']}; "
            f"{index['create']}"
        )
