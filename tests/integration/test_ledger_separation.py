"""The ledger may not be the CRM's own database, however the URL spells it (issue 7, point 10).

On a server the same database is reached as ``localhost`` or ``127.0.0.1``, with or without the driver
in the URL: the servers say which database they are, so every spelling is refused (exit 2, nothing
created in the CRM). Another database of the same server is a valid ledger.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import inspect, make_url

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine
from crm_privacy.demo.schema import metadata
from crm_privacy.transform.keys import ENV_VAR

if TYPE_CHECKING:
    from conftest import CrmBackend
    from integration.conftest import ScratchFactory

DEMO_POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"


def other_spellings(url: str) -> list[str]:
    """The same database: host ``localhost`` <-> ``127.0.0.1``, and without the driver name."""
    parsed = make_url(url)
    other_host = {"localhost": "127.0.0.1", "127.0.0.1": "localhost"}.get(parsed.host or "", parsed.host)
    backend = parsed.get_backend_name()
    return [
        parsed.set(host=other_host).render_as_string(hide_password=False),
        parsed.set(drivername=backend, host=other_host).render_as_string(hide_password=False),
    ]


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def plan(crm_url: str, ledger_url: str, tmp_path: Path) -> int:
    args = ["plan", "--policy", str(DEMO_POLICY), "--crm", crm_url, "--ledger", ledger_url]
    try:
        return main([*args, "--as-of", "2025-06-30", "--workdir", str(tmp_path / "work")])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture(params=["postgres_backend", "mysql_backend"])
def server(request: pytest.FixtureRequest) -> CrmBackend:
    """PostgreSQL, then MariaDB (skipped locally, failed in CI when absent)."""
    backend: CrmBackend = request.getfixturevalue(request.param)
    return backend


@pytest.fixture
def server_crm(server: CrmBackend, make_scratch_url: ScratchFactory) -> str:
    """The demo schema (no rows) in a scratch database of the server."""
    url = make_scratch_url(server)
    engine = make_engine(url)
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()
    return url


def test_ledger_in_the_crm_database_is_refused_however_spelled(
    server_crm: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    before = tables(server_crm)
    for ledger in [server_crm, *other_spellings(server_crm)]:
        code = plan(server_crm, ledger, tmp_path)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "same database as the CRM" in err and "Traceback" not in err
        assert tables(server_crm) == before  # no ledger table created among the CRM's


def test_another_database_of_the_same_server_is_a_valid_ledger(
    server: CrmBackend,
    server_crm: str,
    make_scratch_url: ScratchFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ledger = make_scratch_url(server)
    assert plan(server_crm, other_spellings(ledger)[0], tmp_path) == 0, capsys.readouterr().err
    assert "runs" in tables(ledger)


def unlock(crm_url: str, ledger_url: str) -> int:
    try:
        return main(["unlock", "--crm", crm_url, "--ledger", ledger_url])
    except SystemExit as exc:
        return int(exc.code or 0)


def test_unlock_with_the_crm_as_ledger_is_refused_however_spelled(
    server_crm: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tables(server_crm)
    for ledger in [server_crm, *other_spellings(server_crm)]:
        code = unlock(server_crm, ledger)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "same database as the CRM" in err and "Traceback" not in err
        assert tables(server_crm) == before  # no ledger table created among the CRM's


def test_mysql_and_mariadb_urls_of_one_database_are_refused(
    mysql_backend: CrmBackend,
    make_scratch_url: ScratchFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``mysql+pymysql://`` and ``mariadb+pymysql://`` name two dialects but reach the same server."""
    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    url = make_scratch_url(mysql_backend)
    engine = make_engine(url)
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()
    before = tables(url)
    parsed = make_url(url)
    as_mysql = parsed.set(drivername="mysql+pymysql").render_as_string(hide_password=False)
    as_mariadb = parsed.set(drivername="mariadb+pymysql").render_as_string(hide_password=False)
    for crm_url, ledger_url in [(as_mysql, as_mariadb), (as_mariadb, as_mysql)]:
        code = plan(crm_url, ledger_url, tmp_path)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "same database as the CRM" in err and "Traceback" not in err
        assert unlock(crm_url, ledger_url) == 2
        assert "same database as the CRM" in capsys.readouterr().err
        assert tables(url) == before
