"""`crm-privacy register`: the register of processing (RGPD art. 30) from a policy, as HTML and JSON.

It reads the policy only (no CRM, no ledger) and writes ``<out>/register/register.json`` and
``register.html``. Exit codes: 0 written, 2 bad usage or a broken policy (then nothing is written).
"""

from __future__ import annotations

import sys
from typing import Any


def register(subparsers: Any) -> None:
    text = "write the register of processing (RGPD art. 30) drawn from a policy, as HTML and JSON"
    p = subparsers.add_parser("register", help=text, description=text)
    p.add_argument("--policy", required=True, help="policy YAML (see docs/policy.md)")
    p.add_argument(
        "--out",
        default=None,
        help="reports base directory; files go to OUT/register/ (default: CRM_PRIVACY_REPORTS_DIR)",
    )
    p.add_argument("--json", action="store_true", help="also print the register as one JSON object")
    p.add_argument(
        "--lang",
        choices=("fr", "en"),
        default=None,
        help="language of register.html (default: the policy's reports.language, French)",
    )
    p.set_defaults(func=_run)


def _run(args: Any) -> int:
    from pathlib import Path

    from crm_privacy.dagrun.workdir import reports_root
    from crm_privacy.policy.loader import load_policy
    from crm_privacy.report.layout import REGISTER_JSON
    from crm_privacy.report.register import write_register

    loaded = load_policy(args.policy)
    lang = args.lang or loaded.policy.reports.language
    html = write_register(loaded, Path(args.out) if args.out else reports_root(), lang=lang)
    if args.json:
        sys.stdout.write((html.parent / REGISTER_JSON).read_text(encoding="utf-8"))
    else:
        print(f"register of processing ({len(loaded.policy.purposes)} purpose(s)): {html}")
        print(f"  JSON: {html.parent / REGISTER_JSON}")
    return 0
