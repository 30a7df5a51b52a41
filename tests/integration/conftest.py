"""Integration fixtures: empty scratch databases on each backend, and a small demo CRM in one.

SQLite uses a file in ``tmp_path``. On PostgreSQL and MariaDB each scratch database is a new
``crm_test_<random>`` created through the server's maintenance database and dropped after the test
(even when it fails), so tests never see each other's tables and may run in parallel.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import CrmBackend  # tests/conftest.py (pytest puts tests/ on sys.path)

DEMO_CONTACTS = 1_000
DEMO_SEED = 7

#: make_scratch_url(backend) -> URL of a new empty database on that backend
ScratchFactory = Callable[["CrmBackend"], str]


@pytest.fixture
def make_scratch_url(tmp_path: Path) -> Iterator[ScratchFactory]:
    """Factory of empty scratch databases (several per test if needed); all dropped at teardown."""
    from sqlalchemy import make_url, text

    from crm_privacy.crm.engine import make_engine, normalise_url

    created: list[tuple[CrmBackend, str]] = []

    def make(backend: CrmBackend) -> str:
        name = f"crm_test_{uuid.uuid4().hex[:12]}"
        if backend.server_url is None:
            return f"sqlite:///{tmp_path / (name + '.db')}"
        admin = make_engine(backend.maintenance_url, isolation_level="AUTOCOMMIT")
        charset = " CHARACTER SET utf8mb4" if backend.name == "mysql" else ""
        try:
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {name}{charset}"))
        finally:
            admin.dispose()
        created.append((backend, name))
        return (
            make_url(normalise_url(backend.server_url))
            .set(database=name)
            .render_as_string(hide_password=False)
        )

    yield make

    for backend, name in created:
        admin = make_engine(backend.maintenance_url, isolation_level="AUTOCOMMIT")
        force = " WITH (FORCE)" if backend.name == "postgresql" else ""  # PG 13+: despite open sessions
        try:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name}{force}"))
        finally:
            admin.dispose()


@pytest.fixture
def scratch_url(crm_backend: CrmBackend, make_scratch_url: ScratchFactory) -> str:
    """URL of an empty database on ``crm_backend``, dropped after the test."""
    return make_scratch_url(crm_backend)


@pytest.fixture
def demo_crm(scratch_url: str) -> str:
    """URL of a scratch database holding the demo CRM (``DEMO_CONTACTS`` contacts, seed ``DEMO_SEED``)."""
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.demo.generate import generate_demo_crm

    engine = make_engine(scratch_url)
    try:
        generate_demo_crm(engine, contacts=DEMO_CONTACTS, seed=DEMO_SEED)
    finally:
        engine.dispose()
    return scratch_url
