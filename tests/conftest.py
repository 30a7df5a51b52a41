"""Shared test fixtures: which database backends this run can use.

Servers come from ``CRM_PRIVACY_TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/crm_test``)
and ``CRM_PRIVACY_TEST_MYSQL_URL`` (e.g. ``mysql+pymysql://root@127.0.0.1:3306/crm_test``). Locally an
unset or unreachable server skips its tests with the reason; when ``CI`` is set they *fail*, so a CI run
can never be green without having exercised PostgreSQL and MariaDB.

The database a URL names (``crm_test`` above) is created at the start of the session when the server
lacks it (fixture ``server_databases``), so the README's test command works on a fresh machine with running
servers. It is kept afterwards; tests work in scratch databases of their own created beside it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import NoReturn

import pytest

SERVER_URL_VARIABLES = {
    "postgresql": "CRM_PRIVACY_TEST_POSTGRES_URL",
    "mysql": "CRM_PRIVACY_TEST_MYSQL_URL",
}
BACKENDS = ("sqlite", *SERVER_URL_VARIABLES)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def backend_unavailable(reason: str) -> NoReturn:
    """Skip locally; fail in CI (a silently skipped backend would make CI lie)."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: every backend must be tested)", pytrace=False)
    pytest.skip(reason)


def maintenance_url(backend: str, url: str) -> str:
    """The same server, on a database that always exists (to create and drop scratch databases)."""
    from sqlalchemy import make_url

    from crm_privacy.crm.engine import normalise_url

    parsed = make_url(normalise_url(url))
    # information_schema: every MariaDB/MySQL account may connect to it (URL.set(database=None) is a no-op).
    return parsed.set(
        database="postgres" if backend == "postgresql" else "information_schema"
    ).render_as_string(hide_password=False)


@functools.cache
def _server_problem(backend: str, url: str) -> str | None:
    """Why the server cannot be used (None if it answers); cached: checked once per run and server."""
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.errors import ConnectionFailed

    try:
        # psycopg and PyMySQL both take connect_timeout: a firewalled port must not hang the run.
        engine = make_engine(maintenance_url(backend, url), connect_args={"connect_timeout": 5})
    except ConnectionFailed as exc:
        return str(exc)
    engine.dispose()
    return None


def ensure_database(backend: str, url: str) -> str | None:
    """Create the database ``url`` names on its server if it does not exist; the problem, or None.

    Runs on the server's maintenance database (``postgres``; MariaDB: ``information_schema``).
    """
    from sqlalchemy import make_url, text
    from sqlalchemy.exc import DBAPIError

    from crm_privacy.crm.engine import make_engine, normalise_url
    from crm_privacy.errors import ConnectionFailed

    name = make_url(normalise_url(url)).database
    if not name:
        return None
    try:
        admin = make_engine(
            maintenance_url(backend, url), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5}
        )
    except ConnectionFailed as exc:
        return str(exc)
    quoted = admin.dialect.identifier_preparer.quote(name)
    exists = text("SELECT 1 FROM pg_database WHERE datname = :name")
    try:
        with admin.connect() as conn:
            if backend == "mysql":
                conn.execute(text(f"CREATE DATABASE IF NOT EXISTS {quoted} CHARACTER SET utf8mb4"))
            elif conn.execute(exists, {"name": name}).first() is None:
                try:
                    conn.execute(text(f"CREATE DATABASE {quoted}"))
                except DBAPIError:
                    if conn.execute(exists, {"name": name}).first() is None:
                        raise
                    # created meanwhile by another test run on the same server
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return f"cannot create the database {name}: {reason}"
    finally:
        admin.dispose()
    return None


@pytest.fixture(scope="session", autouse=True)
def server_databases() -> None:
    """Once per session: the databases the two URLs name exist on their servers (created if missing).

    A server that is down is left to the tests that use it (skipped locally); in CI the session fails.
    """
    for backend, variable in SERVER_URL_VARIABLES.items():
        url = os.environ.get(variable, "").strip()
        if not url:
            continue
        problem = ensure_database(backend, url)
        if problem and in_ci():
            pytest.fail(f"{variable}: {problem} (CI is set: every backend must be tested)", pytrace=False)


def server_url(backend: str) -> str:
    """The configured URL of a server backend, after checking the server answers (else skip/fail)."""
    variable = SERVER_URL_VARIABLES[backend]
    url = os.environ.get(variable, "").strip()
    if not url:
        backend_unavailable(f"{variable} is not set: no {backend} server to test against")
    problem = _server_problem(backend, url)
    if problem:
        backend_unavailable(f"{backend} server from {variable} is unreachable: {problem}")
    return url


@dataclass(frozen=True)
class CrmBackend:
    """A backend the test may use: ``server_url`` is None for SQLite (tests use a file in tmp_path)."""

    name: str
    server_url: str | None

    @property
    def maintenance_url(self) -> str:
        """URL of a database that always exists on that server (to create/drop scratch databases)."""
        if self.server_url is None:
            raise ValueError("SQLite has no server")
        return maintenance_url(self.name, self.server_url)


@pytest.fixture
def all_crm_backends() -> list[CrmBackend]:
    """All three backends at once (for cross-backend comparisons); same skip/fail rule as crm_backend."""
    return [
        CrmBackend("sqlite", None),
        *(CrmBackend(name, server_url(name)) for name in SERVER_URL_VARIABLES),
    ]


@pytest.fixture(params=BACKENDS)
def crm_backend(request: pytest.FixtureRequest) -> CrmBackend:
    """Each of SQLite, PostgreSQL and MariaDB/MySQL; servers skipped (locally) or failed (CI) if absent."""
    name = str(request.param)
    if name == "sqlite":
        return CrmBackend("sqlite", None)
    return CrmBackend(name, server_url(name))


@pytest.fixture
def postgres_backend() -> CrmBackend:
    """The PostgreSQL server only (same skip/fail rule)."""
    return CrmBackend("postgresql", server_url("postgresql"))


@pytest.fixture
def mysql_backend() -> CrmBackend:
    """The MariaDB/MySQL server only (same skip/fail rule)."""
    return CrmBackend("mysql", server_url("mysql"))
