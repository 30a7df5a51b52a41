"""``crm-privacy decrypt-text --key-env VAR``: stdin with every ``<ENC:TYPE:...>`` marker decrypted.

For the DPO: notes scrubbed by ``scrub_text`` in ``encrypt`` mode give back what was encrypted, with
the AES key read from the environment variable named by ``--key-env`` (never from the command line,
which other users of the machine can see). Exit status 0, or 2 (no key, wrong key, altered marker:
one line on stderr, no text of the note).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from crm_privacy.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "decrypt-text",
        help="decrypt the <ENC:...> spans of texts scrubbed in encrypt mode (stdin to stdout)",
        description=(
            "Reads text on stdin and writes it to stdout with every <ENC:TYPE:...> marker left by "
            "scrub_text in encrypt mode replaced by the text it encrypts; the rest is copied as it is. "
            "The AES key is read from the environment variable named by --key-env. See docs/detect.md."
        ),
    )
    parser.add_argument(
        "--key-env",
        required=True,
        metavar="VAR",
        help="environment variable holding the AES key (the policy's key_env)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crm_privacy.detect.decrypt import decrypt_text

    key = os.environ.get(args.key_env)
    if not key:
        raise UsageError(f"the environment variable {args.key_env} (--key-env) is not set")
    source = getattr(sys.stdin, "buffer", None)
    # bytes that are not UTF-8 are carried through unchanged (surrogateescape), like every other byte
    text = source.read().decode("utf-8", "surrogateescape") if source is not None else sys.stdin.read()
    plain = decrypt_text(text, key)
    target = getattr(sys.stdout, "buffer", None)
    if target is not None:
        sys.stdout.flush()
        target.write(plain.encode("utf-8", "surrogateescape"))
    else:
        sys.stdout.write(plain)
    return 0
