"""`crm-privacy`: every job of the product, runnable without Airflow (same code as the DAGs).

Each command lives in its own module exposing ``register(subparsers)``; the module keeps heavy imports
inside the function that runs the command, so ``crm-privacy --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from crm_privacy.errors import CrmPrivacyError

COMMAND_MODULES: tuple[str, ...] = (
    "crm_privacy.demo.command",
    "crm_privacy.sweep.command",
    "crm_privacy.detect.command",
    "crm_privacy.detect.decrypt_command",
    "crm_privacy.discovery.command",
    "crm_privacy.sweep.operate",
    "crm_privacy.validate.command",
    "crm_privacy.requests.command",
    "crm_privacy.report.register_command",
    "crm_privacy.policy.check_command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-privacy",
        description="GDPR (RGPD) compliance for CRM databases: demo CRM, retention sweeps, PII detection.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command not built yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _logs_to_stderr()
    try:
        code: int = args.func(args)
    except CrmPrivacyError as exc:
        print(f"crm-privacy: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("crm-privacy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()
    try:
        sys.stdout.flush()  # a reader gone early (`| head -1`) is seen here, not at interpreter exit
    except BrokenPipeError:
        return _reader_gone()
    return code


def _logs_to_stderr() -> None:
    """Logs go to stderr, stdout is the command's output (``--json`` is read by machines).

    Airflow, once imported (a run's report reads its SMTP connection and object storage through it),
    points the root logger at the stdout of the moment: let it configure itself now, onto stderr."""
    with contextlib.redirect_stdout(sys.stderr):
        import airflow.sdk  # noqa: F401
    # and, as before Airflow was imported, only warnings and errors: a command's output is its own
    for handler in logging.getLogger().handlers:
        handler.setLevel(max(handler.level, logging.WARNING))


def _reader_gone() -> int:
    """Whoever read our output stopped (``| head``): exit quietly, as the Python docs advise for SIGPIPE.

    Python flushes stdout again at exit; pointing it at devnull stops a second BrokenPipeError there."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test's capture)
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a command killed by a closed pipe


if __name__ == "__main__":
    sys.exit(main())
