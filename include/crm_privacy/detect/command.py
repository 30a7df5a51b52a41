"""``crm-privacy detect``: PII spans of JSON-lines texts on stdin, as JSON lines on stdout.

Exit status: 0 every line answered with its entities; 2 usage or configuration error (bad option,
model not installed), nothing answered; 3 some lines got an error answer (the others were answered);
1 the run could not finish (stdin unreadable, internal error); 130 interrupted. No traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from crm_privacy.detect.nlp import DEFAULT_MODEL
from crm_privacy.detect.reader import MAX_LINE_BYTES
from crm_privacy.errors import CrmPrivacyError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_LINES_FAILED = 0, 1, 2, 3


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "detect",
        help="detect PII in JSON lines {id, text} read on stdin",
        description=(
            'Reads JSON lines {"id": ..., "text": ...} on stdin and writes, in the same order, '
            '{"id": ..., "entities": [{"type", "start", "end", "score"}]} with character offsets into '
            'text. A line that cannot be read gets {"id": ... or null, "line": N, "error": "..."} '
            "and the others are still answered. Exit status: 0 all answered, 2 usage or configuration "
            "error, 3 some lines got an error answer, 1 the run could not finish. See docs/detect.md."
        ),
    )
    parser.add_argument("--lang", choices=["fr"], default="fr", help="language of the texts (only fr)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy model (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=64, help="texts per batch (default: %(default)s)")
    parser.add_argument(
        "--max-line-bytes",
        type=int,
        default=MAX_LINE_BYTES,
        help="longer lines get an error answer and are not read (default: %(default)s, 16 MiB)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crm_privacy.detect.stream import detect_stream

    source = getattr(sys.stdin, "buffer", sys.stdin)  # bytes: each line is decoded (and checked) alone
    try:
        summary = detect_stream(
            source,
            sys.stdout,
            model=args.model,
            batch_size=max(1, args.batch_size),
            max_line=max(1, args.max_line_bytes),
        )
    except (CrmPrivacyError, KeyboardInterrupt):
        raise  # printed by the CLI (status 2, 130)
    except BrokenPipeError:
        _silence_stdout()  # the reader of our answers went away: nothing left to tell it
        return EXIT_FAILED
    except Exception as exc:  # its message may quote input text: only the type is shown
        print(f"crm-privacy: error: detect could not finish ({type(exc).__name__})", file=sys.stderr)
        return EXIT_FAILED
    if summary.failed:
        print(
            f"crm-privacy: error: {summary.failed} of {summary.lines} lines could not be answered "
            f'(first: line {summary.first_failed}); their answers hold an "error"',
            file=sys.stderr,
        )
        return EXIT_SOME_LINES_FAILED
    return EXIT_OK


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
