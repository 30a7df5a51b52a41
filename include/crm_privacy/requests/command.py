"""`crm-privacy request TYPE ...` (a data-subject request) and `crm-privacy suppression check`."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import Any

from crm_privacy.errors import UsageError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "request",
        help="carry out a data-subject request (access, portability, rectification, erasure, objection)",
        description="Register the case, find the person, act within the policy, answer; exit 0 when the "
        "request was carried out or closed with an answer, 1 when it waits for a human (several people "
        "match), 2 on invalid input.",
    )
    p.add_argument("type", choices=["access", "portability", "rectification", "erasure", "objection"])
    p.add_argument("--policy", required=True, help="policy YAML")
    p.add_argument("--crm", required=True, help="SQLAlchemy URL of the CRM")
    p.add_argument("--ledger", required=True, help="SQLAlchemy URL of the privacy ledger")
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--ref", help="customer reference")
    p.add_argument("--received", help="date the request was received, YYYY-MM-DD (default: today)")
    p.add_argument("--reference", help="case reference (default: a new one)")
    p.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE", help="rectification")
    p.add_argument(
        "--out",
        help="folder for the response letter, a copy of the run's report, the export bundle and its "
        "password file, and the validation pages (default: the run's folder under the reports base)",
    )
    p.add_argument("--dry-run", action="store_true")
    p.add_argument(
        "--awaiting-identity",
        action="store_true",
        help="register the case and act on nothing until the identity check is recorded (case pause)",
    )
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.set_defaults(func=_request)

    k = subparsers.add_parser("case", help="a data-subject request's case: identity pause, extension, list")
    kinds = k.add_subparsers(dest="action", required=True)
    pause = kinds.add_parser(
        "pause", help="the clock stops while the person is asked for identity information"
    )
    pause.add_argument("--ledger", required=True)
    pause.add_argument("--reference", required=True)
    pause.add_argument("--asked", required=True, help="date the information was asked, YYYY-MM-DD")
    pause.add_argument("--answered", required=True, help="date it was received, YYYY-MM-DD")
    pause.set_defaults(func=_pause)
    extend = kinds.add_parser("extend", help="extend the deadline by 1 or 2 months (before it passes)")
    extend.add_argument("--ledger", required=True)
    extend.add_argument("--reference", required=True)
    extend.add_argument("--months", type=int, required=True)
    extend.add_argument("--reason", required=True, help="the reasons told to the person")
    extend.add_argument("--today", help="the decision's date (default: today, UTC)")
    extend.set_defaults(func=_extend)
    listing = kinds.add_parser("list", help="the cases, by due date")
    listing.add_argument("--ledger", required=True)
    listing.add_argument("--open", action="store_true", help="open cases only")
    listing.set_defaults(func=_list)

    s = subparsers.add_parser("suppression", help="the suppression list (erased people, objections)")
    sub = s.add_subparsers(dest="action", required=True)
    c = sub.add_parser(
        "check",
        help='read identifiers as JSON lines on stdin ({"email": ...}, {"phone": ...}, {"ref": ...}) '
        "and answer, line by line, whether each is suppressed",
    )
    c.add_argument("--ledger", required=True)
    c.add_argument("--json", action="store_true", help="(the answer is always JSON lines)")
    c.set_defaults(func=_check)


def _changes(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--set: {item[:40]!r} is not COLUMN=VALUE")
        out[column.strip()] = value
    return out


def _request(args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from crm_privacy.crm.engine import make_engine
    from crm_privacy.ledger import Ledger, crm_identity
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.requests.model import parse_request
    from crm_privacy.requests.runner import run_request
    from crm_privacy.sweep.runner import cli_run_id
    from crm_privacy.transform.keys import keyring_from_env

    today = dt.datetime.now(dt.UTC).date()
    reference = args.reference or f"DSR-{today:%Y%m%d}-{uuid.uuid4().hex[:6]}"
    request = parse_request(
        args.type,
        reference=reference,
        received=args.received,
        email=args.email,
        phone=args.phone,
        ref=args.ref,
        changes=_changes(args.set) if args.set else None,
        dry_run=args.dry_run,
        awaiting_identity=args.awaiting_identity,
        today=today,
    )
    keyring = keyring_from_env()
    crm = make_engine(args.crm, crm=True)
    ledger = Ledger.from_url(args.ledger, migrate=False)
    refuse_same_database(crm, ledger.engine)
    ledger.migrate()
    run_id = cli_run_id().replace("cli__", "request__", 1)
    try:
        summary = run_request(
            request,
            policy=args.policy,
            crm=crm,
            crm_name=crm_identity(args.crm),
            ledger=ledger,
            keyring=keyring,
            run_id=run_id,
            out_dir=Path(args.out) if args.out else None,
        )
    finally:
        crm.dispose()
        ledger.close()
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        print(f"{request.type} {summary['reference']}: {summary['status']} (due {summary['due_at']})")
        print(f"  {summary.get('outcome', '')}")
        if summary.get("note"):  # sent again: the case as it stands, nothing done this time
            print(f"  {summary['note']}")
        for key in ("letter", "bundle", "bundle_password_file", "report"):
            if summary.get(key):
                print(f"  {key.replace('_', ' ')}: {summary[key]}")
    return 1 if summary["status"] == "review" else 0


def _check(args: argparse.Namespace) -> int:
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases
    from crm_privacy.requests.runner import identifier_hashes
    from crm_privacy.transform.keys import keyring_from_env, normalise

    keyring = keyring_from_env()
    ledger = Ledger.from_url(args.ledger)
    cases = Cases(ledger)
    kinds = {"email": "email", "phone": "phone", "ref": "reference"}
    code = 0
    try:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or len(item) != 1:
                    raise ValueError
                [(field, value)] = item.items()
                kind = kinds[field]
                if not isinstance(value, str) or not value.strip():
                    raise ValueError
            except (ValueError, KeyError):
                print(
                    json.dumps(
                        {
                            "line": number,
                            "error": 'expected one of {"email": ...}, {"phone": ...}, {"ref": ...}',
                        }
                    )
                )
                code = 2
                continue
            [digest] = identifier_hashes(keyring, {kind: normalise(kind, value)})
            reasons = cases.suppressed([digest]).get(digest, [])
            print(
                json.dumps(
                    {"line": number, field: value, "suppressed": bool(reasons), "reasons": sorted(reasons)},
                    ensure_ascii=False,
                )
            )
    finally:
        ledger.close()
    return code


def _day(text: str, field: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{field}: {text[:30]!r} is not a date YYYY-MM-DD") from None


def _open_case(ledger_url: str, reference: str) -> tuple[Any, Any, dict[str, Any]]:
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases

    ledger = Ledger.from_url(ledger_url)
    cases = Cases(ledger)
    case = cases.get(reference)
    if case is None:
        ledger.close()
        raise UsageError(f"reference: no case {reference!r} in this ledger")
    if case["status"] in ("closed", "refused"):
        ledger.close()
        raise UsageError(f"reference: case {reference!r} is {case['status']}")
    return ledger, cases, case


def _pause(args: argparse.Namespace) -> int:
    from crm_privacy.requests.deadlines import due_date, pause_days

    asked, answered = _day(args.asked, "asked"), _day(args.answered, "answered")
    days = pause_days(asked, answered)
    ledger, cases, case = _open_case(args.ledger, args.reference)
    try:
        paused = int(case["paused_days"]) + days
        due = due_date(case["received"], paused, int(case["extension_months"]))
        cases.update(args.reference, paused_days=paused, due_at=due, status="open")
    finally:
        ledger.close()
    print(f"{args.reference}: clock paused {days} day(s) ({paused} in all); due {due.isoformat()}")
    return 0


def _extend(args: argparse.Namespace) -> int:
    import datetime as dt

    from crm_privacy.requests.deadlines import MAX_EXTENSION_MONTHS, check_extension, due_date

    today = _day(args.today, "today") if args.today else dt.datetime.now(dt.UTC).date()
    ledger, cases, case = _open_case(args.ledger, args.reference)
    try:
        months = int(case["extension_months"]) + args.months
        if months > MAX_EXTENSION_MONTHS:
            raise UsageError(f"months: {months} months in all; the limit is {MAX_EXTENSION_MONTHS}")
        check_extension(today, case["due_at"], args.months, args.reason)
        due = due_date(case["received"], int(case["paused_days"]), months)
        cases.update(
            args.reference, extension_months=months, extension_reason=args.reason.strip(), due_at=due
        )
    finally:
        ledger.close()
    print(f"{args.reference}: extended by {args.months} month(s); due {due.isoformat()}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases

    ledger = Ledger.from_url(args.ledger)
    try:
        rows = Cases(ledger).all(open_only=args.open)
    finally:
        ledger.close()
    for case in rows:
        print(
            f"{case['reference']:<24} {case['request_type']:<14} received {case['received']} "
            f"due {case['due_at']} {case['status']}"
        )
    return 0
