"""crm-seed job: fill an empty CRM with the demo data set; never touch a CRM that holds tables.

Runs ``crm-privacy demo-db --url URL --contacts N --seed S`` (the same parser and code as the CLI,
in-process so that a refusal is recognised by its exception type, not by parsing a message).

- The CRM already holds tables (a restart, or a real CRM): print a message, exit 0, write nothing.
- demo-db refuses a non-empty schema (``SchemaNotEmpty``, e.g. another job seeded it meanwhile):
  the same. ``--replace`` is never passed: this job cannot wipe anything.
- Any other error (CRM unreachable, bad arguments): exit non-zero, so the failure shows in
  ``docker compose ps``.

Settings (environment): CRM_DB_HOST, CRM_DB_PORT, CRM_DB_NAME, CRM_DB_USER, CRM_DB_PASSWORD, or a
whole SQLAlchemy URL in CRM_SEED_URL; CRM_SEED_CONTACTS (default 10000), CRM_SEED (default 42).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def crm_url(env: Mapping[str, str]) -> str:
    """The CRM's URL, built with SQLAlchemy so that any character in the password is escaped."""
    if url := env.get("CRM_SEED_URL"):
        return url
    from sqlalchemy import URL

    return URL.create(
        "postgresql+psycopg",
        username=env["CRM_DB_USER"],
        password=env["CRM_DB_PASSWORD"],
        host=env["CRM_DB_HOST"],
        port=int(env.get("CRM_DB_PORT") or 5432),
        database=env["CRM_DB_NAME"],
    ).render_as_string(hide_password=False)


def existing_tables(url: str) -> list[str]:
    from sqlalchemy import inspect

    from crm_privacy.crm.engine import make_engine

    engine = make_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def demo_db_argv(url: str, env: Mapping[str, str]) -> list[str]:
    contacts = env.get("CRM_SEED_CONTACTS") or "10000"
    seed = env.get("CRM_SEED") or "42"
    return ["demo-db", "--url", url, "--contacts", contacts, "--seed", seed]


def main(env: Mapping[str, str] | None = None) -> int:
    from crm_privacy.cli import build_parser
    from crm_privacy.errors import CrmPrivacyError, SchemaNotEmpty

    env = os.environ if env is None else env
    url = crm_url(env)
    try:
        tables = existing_tables(url)
        if tables:
            print(f"crm-seed: the CRM already holds {len(tables)} table(s); leaving it untouched.")
            return 0
        argv = demo_db_argv(url, env)
        args = build_parser().parse_args(argv)
        print(f"crm-seed: the CRM is empty; writing the demo data set ({argv[4]} contacts, seed {argv[6]}).")
        code: int = args.func(args)
    except SchemaNotEmpty as exc:
        print(f"crm-seed: demo-db refused to write into a non-empty CRM ({exc}); leaving it untouched.")
        return 0
    except CrmPrivacyError as exc:
        print(f"crm-seed: error: {exc}", file=sys.stderr)
        return 2
    if code == 0:
        print("crm-seed: done.")
    return code


if __name__ == "__main__":
    sys.exit(main())
