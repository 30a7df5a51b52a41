"""docker/seed_crm.py (the crm-seed job of docker-compose) on real PostgreSQL and MariaDB servers.

A real sweep archives invoices and refuses to do so while the policy's archive reader role is missing
on the CRM server: the seed creates that role, idempotently, with the name the policy gives, so that
the sweep's own check and grant (crm_privacy.crm.archive.ensure_archive) then pass. Each test uses a
role name of its own (roles are server-wide), dropped afterwards.
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import inspect, text

from crm_privacy.crm.archive import _role_exists, ensure_archive
from crm_privacy.crm.binding import bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.policy.loader import load_policy

if TYPE_CHECKING:
    from conftest import CrmBackend
    from integration.conftest import ScratchFactory

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"


def _seed_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docker_seed_crm", ROOT / "docker" / "seed_crm.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seed_crm = _seed_module()


@pytest.fixture(params=["postgresql", "mysql"])
def server_crm(
    request: pytest.FixtureRequest, make_scratch_url: ScratchFactory, tmp_path: Path
) -> Iterator[tuple[str, Path, str]]:
    """(URL of an empty scratch CRM, the demo policy with a reader role of its own, that role)."""
    backend: CrmBackend = request.getfixturevalue(
        "postgres_backend" if request.param == "postgresql" else "mysql_backend"
    )
    url = make_scratch_url(backend)
    role = f"archive_reader_{uuid.uuid4().hex[:10]}"
    policy = tmp_path / "policy.yaml"
    text_ = DEMO_POLICY.read_text(encoding="utf-8")
    assert "reader_role: archive_reader " in text_
    policy.write_text(
        text_.replace("reader_role: archive_reader ", f"reader_role: {role} "), encoding="utf-8"
    )
    yield url, policy, role
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text(f"DROP OWNED BY {role}"))  # its grant on the archive table
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
    finally:
        engine.dispose()


def test_demo_policy_names_the_role_the_seed_creates() -> None:
    archive = load_policy(DEMO_POLICY).policy.tables["invoices"].archive
    assert archive is not None and archive.reader_role == "archive_reader"
    assert seed_crm.reader_roles(str(DEMO_POLICY)) == ["archive_reader"]


def test_seed_creates_the_reader_role_the_sweep_needs(
    server_crm: tuple[str, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    url, policy, role = server_crm
    env = {"CRM_SEED_URL": url, "CRM_SEED_CONTACTS": "50", "CRM_PRIVACY_POLICY": str(policy)}
    assert seed_crm.main(env) == 0
    out = capsys.readouterr().out
    assert f"created role {role}" in out

    engine = make_engine(url)
    try:
        assert "contacts" in inspect(engine).get_table_names()
        with engine.connect() as conn:
            assert _role_exists(conn, engine.dialect.name, role)
        # What a real sweep does before its first archive: check the role, create the table, grant.
        archive = ensure_archive(bind(load_policy(policy).policy, engine), "invoices")
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                granted = conn.execute(
                    text("SELECT has_table_privilege(:r, :t, 'SELECT')"), {"r": role, "t": archive.name}
                ).scalar()
            assert granted is True
    finally:
        engine.dispose()

    # Again (every `docker compose up`): the role is left as it is, the non-empty CRM untouched.
    assert seed_crm.main(env) == 0
    out = capsys.readouterr().out
    assert f"role {role} exists; left as it is" in out
    assert "leaving it untouched" in out
