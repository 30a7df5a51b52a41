"""``crm-privacy detect``: PII spans of JSON-lines texts on stdin, as JSON lines on stdout."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_privacy.detect.nlp import DEFAULT_MODEL


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "detect",
        help="detect PII in JSON lines {id, text} read on stdin",
        description=(
            'Reads JSON lines {"id": ..., "text": ...} on stdin and writes, in the same order, '
            '{"id": ..., "entities": [{"type", "start", "end", "score"}]} with character offsets into '
            "text. A malformed line stops the run with exit status 2 after the lines before it are answered. "
            "See docs/detect.md."
        ),
    )
    parser.add_argument("--lang", choices=["fr"], default="fr", help="language of the texts (only fr)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy model (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=64, help="texts per batch (default: %(default)s)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crm_privacy.detect.stream import detect_stream

    detect_stream(sys.stdin, sys.stdout, model=args.model, batch_size=max(1, args.batch_size))
    return 0
