"""The README's test command on a fresh machine: the databases the two URLs name need not exist yet.

tests/conftest.py (fixture ``server_databases``) creates them at the start of the session. Checked as a
user would meet it: a pytest session whose URLs name a database missing from the server, then the
database exists (and a second session finds it and leaves it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import make_url, text

from crm_privacy.crm.engine import make_engine, normalise_url

if TYPE_CHECKING:
    from conftest import CrmBackend

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = {"postgresql": "CRM_PRIVACY_TEST_POSTGRES_URL", "mysql": "CRM_PRIVACY_TEST_MYSQL_URL"}


def _exists(backend: CrmBackend, name: str) -> bool:
    query = {
        "postgresql": "SELECT 1 FROM pg_database WHERE datname = :n",
        "mysql": "SELECT 1 FROM information_schema.schemata WHERE schema_name = :n",
    }[backend.name]
    engine = make_engine(backend.maintenance_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query), {"n": name}).first() is not None
    finally:
        engine.dispose()


@pytest.fixture(params=list(VARIABLES))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[CrmBackend, str]]:
    """A server backend and the name of a database missing from it (dropped after the test)."""
    backend: CrmBackend = request.getfixturevalue(
        "postgres_backend" if request.param == "postgresql" else "mysql_backend"
    )
    name = f"crm_fresh_{uuid.uuid4().hex[:12]}"
    yield backend, name
    admin = make_engine(backend.maintenance_url, isolation_level="AUTOCOMMIT")
    force = " WITH (FORCE)" if backend.name == "postgresql" else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
    finally:
        admin.dispose()


def _session(variable: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES.values()}
    env[variable] = url
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit/test_calendar.py", "-x"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_session_creates_the_missing_database_of_its_url(server: tuple[CrmBackend, str]) -> None:
    backend, name = server
    assert backend.server_url is not None
    url = make_url(normalise_url(backend.server_url)).set(database=name).render_as_string(hide_password=False)
    assert not _exists(backend, name)
    first = _session(VARIABLES[backend.name], url)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert _exists(backend, name)
    again = _session(VARIABLES[backend.name], url)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert _exists(backend, name)
