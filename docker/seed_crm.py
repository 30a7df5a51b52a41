"""crm-seed job: the archive reader roles the policy names, then the demo data set in an empty CRM.

1. Every ``tables.*.archive.reader_role`` of the policy (``CRM_PRIVACY_POLICY``, the file the DAGs
   read; the demo policy names ``archive_reader``) is created on the CRM server if it does not exist
   yet: PostgreSQL ``CREATE ROLE <name> NOLOGIN``, MariaDB/MySQL ``CREATE ROLE IF NOT EXISTS <name>``
   (SQLite has no roles). The sweep refuses to archive without it; it then grants the role SELECT on
   the archive table it creates, and nothing else. Give a person read access to the archive with
   ``GRANT archive_reader TO <their login>``. An existing role is left as it is: this runs at every
   ``docker compose up``, also on a CRM that already holds tables.
2. Runs ``crm-privacy demo-db --url URL --contacts N --seed S`` (the same parser and code as the CLI,
   in-process so that a refusal is recognised by its exception type, not by parsing a message).

- The CRM already holds tables (a restart, or a real CRM): print a message, exit 0, write nothing.
- demo-db refuses a non-empty schema (``SchemaNotEmpty``, e.g. another job seeded it meanwhile):
  the same. ``--replace`` is never passed: this job cannot wipe anything.
- Any other error (CRM unreachable, bad arguments): exit non-zero, so the failure shows in
  ``docker compose ps``.

Settings (environment): CRM_DB_HOST, CRM_DB_PORT, CRM_DB_NAME, CRM_DB_USER, CRM_DB_PASSWORD, or a
whole SQLAlchemy URL in CRM_SEED_URL; CRM_SEED_CONTACTS (default 10000), CRM_SEED (default 42);
CRM_PRIVACY_POLICY (default: the demo policy, include/policies/demo_crm.yaml next to this script).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

#: The demo policy, at the same place relative to this script in the repository and in the image
#: (/opt/crm-privacy/docker/ and /opt/crm-privacy/include/policies/).
DEFAULT_POLICY = Path(__file__).resolve().parents[1] / "include" / "policies" / "demo_crm.yaml"


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


def policy_path(env: Mapping[str, str]) -> str:
    return env.get("CRM_PRIVACY_POLICY") or str(DEFAULT_POLICY)


def reader_roles(path: str) -> list[str]:
    """The archive reader roles the policy at ``path`` names (sorted, each once)."""
    from crm_privacy.policy.loader import load_policy

    tables = load_policy(path).policy.tables.values()
    return sorted({t.archive.reader_role for t in tables if t.archive and t.archive.reader_role})


def ensure_roles(url: str, roles: Sequence[str]) -> list[str]:
    """Create each missing role on the CRM server (idempotent); one message per role."""
    from sqlalchemy import text

    from crm_privacy.crm.engine import make_engine

    engine = make_engine(url)
    messages = []
    try:
        dialect = engine.dialect.name
        if dialect not in ("postgresql", "mysql", "mariadb"):
            return [f"crm-seed: {dialect} has no roles; archive readers are not restricted there."]
        quote = engine.dialect.identifier_preparer.quote
        # The same look-up as the sweep's check (crm_privacy.crm.archive).
        exists = text(
            "SELECT 1 FROM pg_roles WHERE rolname = :r"
            if dialect == "postgresql"
            else "SELECT 1 FROM mysql.user WHERE User = :r"
        )
        create = "CREATE ROLE {} NOLOGIN" if dialect == "postgresql" else "CREATE ROLE IF NOT EXISTS {}"
        with engine.begin() as conn:
            for role in roles:
                if conn.execute(exists, {"r": role}).first() is not None:
                    messages.append(f"crm-seed: role {role} exists; left as it is.")
                    continue
                conn.execute(text(create.format(quote(role))))
                messages.append(f"crm-seed: created role {role} (the only reader of the archive tables).")
    finally:
        engine.dispose()
    return messages


def demo_db_argv(url: str, env: Mapping[str, str]) -> list[str]:
    contacts = env.get("CRM_SEED_CONTACTS") or "10000"
    seed = env.get("CRM_SEED") or "42"
    return ["demo-db", "--url", url, "--contacts", contacts, "--seed", seed]


def main(env: Mapping[str, str] | None = None) -> int:
    from sqlalchemy.exc import DBAPIError

    from crm_privacy.cli import build_parser
    from crm_privacy.errors import CrmPrivacyError, SchemaNotEmpty

    env = os.environ if env is None else env
    url = crm_url(env)
    roles: list[str] = []
    try:
        roles = reader_roles(policy_path(env))
        for message in ensure_roles(url, roles):
            print(message)
    except CrmPrivacyError as exc:
        print(f"crm-seed: error: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"crm-seed: error: cannot create the archive reader roles {roles}: {reason}", file=sys.stderr)
        return 2
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
