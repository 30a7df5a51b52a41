"""``crm-privacy demo-db`` / ``generate_demo_crm`` on real databases: SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, func, inspect, select, text

from crm_privacy.cli import main
from crm_privacy.crm.engine import make_engine
from crm_privacy.demo import command
from crm_privacy.demo.generate import generate_demo_crm
from crm_privacy.demo.schema import TABLES_IN_LOAD_ORDER, metadata

if TYPE_CHECKING:
    from conftest import CrmBackend
    from integration.conftest import ScratchFactory

pytestmark = pytest.mark.integration

# Columns whose content is compared across backends (text, dates, amounts, booleans).
CHECKED = {
    "contacts": ("id", "email", "phone", "created_at", "last_login_at", "status", "birth_date"),
    "notes": ("id", "parent_type", "parent_id", "body", "created_at"),
    "invoices": ("id", "order_id", "issued_at", "fiscal_year", "amount_ht", "amount_ttc", "paid"),
    "consents": ("id", "purpose", "status", "given_at", "withdrawn_at", "text_version", "mechanism"),
    "companies": ("id", "name", "siret", "internal_comment"),
}


def _canonical(value: Any) -> str:
    """One spelling per value whatever the driver returns (SQLite gives floats for NUMERIC, 0/1 for bools)."""
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (Decimal, float)):
        return f"{Decimal(str(value)):.2f}"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in TABLES_IN_LOAD_ORDER
        }


def checksums(engine: Engine) -> dict[str, str]:
    out = {}
    with engine.connect() as conn:
        for name, columns in CHECKED.items():
            table = metadata.tables[name]
            digest = hashlib.sha256()
            for row in conn.execute(select(*(table.c[c] for c in columns)).order_by(table.c.id)):
                digest.update("|".join(_canonical(v) for v in row).encode())
                digest.update(b"\n")
            out[name] = digest.hexdigest()
    return out


def test_same_seed_same_data_on_every_backend(
    all_crm_backends: list[CrmBackend], make_scratch_url: ScratchFactory
) -> None:
    results = {}
    for backend in all_crm_backends:
        engine = make_engine(make_scratch_url(backend))
        try:
            returned = generate_demo_crm(engine, contacts=1_500, seed=11)
            assert counts(engine) == returned, backend.name
            results[backend.name] = (returned, checksums(engine))
        finally:
            engine.dispose()
    reference = results["sqlite"]
    assert reference[0]["contacts"] == 1_500 and reference[0]["interactions"] > 4_000
    for name, result in results.items():
        assert result[0] == reference[0], f"row counts differ on {name}"
        assert result[1] == reference[1], f"content differs on {name}"


def test_personal_columns_left_for_the_sweep_are_null(demo_crm: str) -> None:
    engine = make_engine(demo_crm)
    try:
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT COUNT(*) FROM contacts WHERE anonymised_at IS NOT NULL")).scalar()
                == 0
            )
            assert (
                conn.execute(text("SELECT COUNT(*) FROM notes WHERE scrubbed_at IS NOT NULL")).scalar() == 0
            )
            assert conn.execute(text("SELECT COUNT(*) FROM contacts WHERE created_at IS NULL")).scalar() > 0
    finally:
        engine.dispose()


def test_schema_is_the_one_create_all_makes(
    crm_backend: CrmBackend, demo_crm: str, make_scratch_url: ScratchFactory
) -> None:
    """PostgreSQL adds indexes and foreign keys after the load: the result must not differ."""
    reference = make_engine(make_scratch_url(crm_backend))
    generated = make_engine(demo_crm)
    try:
        metadata.create_all(reference)
        assert _shape(generated) == _shape(reference)
    finally:
        reference.dispose()
        generated.dispose()


def _shape(engine: Engine) -> dict[str, Any]:
    inspector = inspect(engine)
    shape: dict[str, Any] = {}
    for table in sorted(metadata.tables):
        fks = inspector.get_foreign_keys(table)
        shape[table] = (
            [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
            inspector.get_pk_constraint(table)["constrained_columns"],
            sorted((fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"]) for fk in fks),
            sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table)),
        )
    return shape


def test_refuses_a_schema_with_demo_tables_unless_replace(
    demo_crm: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _contacts(demo_crm)
    assert main(["demo-db", "--url", demo_crm, "--contacts", "50", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "contacts" in err and "--replace" in err
    assert _contacts(demo_crm) == before

    assert main(["demo-db", "--url", demo_crm, "--contacts", "50", "--seed", "1", "--replace"]) == 0
    out = capsys.readouterr().out
    assert "contacts" in out and "invoices" in out and "total" in out
    assert _contacts(demo_crm) == 50


def test_one_leftover_table_is_enough_to_refuse_and_foreign_tables_survive(
    scratch_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(scratch_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
            conn.execute(text("CREATE TABLE someone_elses (id INTEGER PRIMARY KEY)"))
            conn.execute(text("INSERT INTO someone_elses (id) VALUES (1)"))
        assert main(["demo-db", "--url", scratch_url, "--contacts", "20"]) == 2
        assert "(notes)" in capsys.readouterr().err
        assert main(["demo-db", "--url", scratch_url, "--contacts", "20", "--replace"]) == 0
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM someone_elses")).scalar() == 1
    finally:
        engine.dispose()


def _contacts(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT COUNT(*) FROM contacts")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://postgres@127.0.0.1:1/crm",
        "mysql://root@127.0.0.1:1/crm",
        "mariadb+pymysql://root@127.0.0.1:1/crm",
        "postgresql://postgres@nonexistent-host.invalid/crm",
        "oracle://scott@127.0.0.1/crm",
        "not a url",
    ],
)
def test_unusable_url_is_a_one_line_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-db", "--url", url, "--contacts", "10"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("crm-privacy: error: ") and captured.err.count("\n") == 1


def test_progress_goes_to_stderr_and_summary_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(command, "PROGRESS_EVERY", 1_000)  # also the chunk size: one line per chunk
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    assert (
        main(["demo-db", "--url", url, "--contacts", "2_500", "--companies", "40", "--as-of", "2024-01-31"])
        == 0
    )
    captured = capsys.readouterr()
    progress = captured.err.strip().splitlines()
    assert len(progress) == 3 and all("contacts/s" in line for line in progress), progress
    assert "2,500/2,500" in progress[-1]
    summary = captured.out.splitlines()
    assert "companies" in summary[1] and summary[1].split()[-1] == "40"
    assert summary[2].split() == ["contacts", "2,500"] and summary[-1].startswith("  total")


def test_mariadb_executemany_becomes_multi_row_inserts(
    mysql_backend: CrmBackend, make_scratch_url: ScratchFactory
) -> None:
    """PyMySQL rewrites executemany(INSERT ... VALUES) into multi-row INSERTs: one statement, not one per row."""
    from crm_privacy.demo.ddl import prepare_schema
    from crm_privacy.demo.generate import iter_chunks
    from crm_privacy.demo.writers import ChunkWriter

    engine = make_engine(make_scratch_url(mysql_backend))
    try:
        prepare_schema(engine, replace=False)
        _, rows = next(iter_chunks(2_000, seed=1))
        with engine.connect() as conn:
            before = int(conn.execute(text("SHOW SESSION STATUS LIKE 'Com_insert'")).one()[1])
            ChunkWriter(engine)._insert(conn, "companies", rows["companies"])
            after = int(conn.execute(text("SHOW SESSION STATUS LIKE 'Com_insert'")).one()[1])
            conn.commit()
        assert len(rows["companies"]) == 250 and after - before == 1
    finally:
        engine.dispose()


def test_replace_after_a_sweep_gives_a_crm_the_next_sweep_treats_the_same_way(
    crm_backend: CrmBackend,
    make_scratch_url: ScratchFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`make demo` twice: regenerating the demo CRM over a swept one drops what the sweep created in it
    (the invoices archive, the outbox, the lock), so the second sweep is the first one again instead
    of failing on archived invoice ids that collide with the new invoices."""
    import json

    from sweep_fixtures import TEST_KEY, ensure_archive_reader

    from crm_privacy.demo.ddl import SWEEP_TABLES

    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", TEST_KEY)
    url = make_scratch_url(crm_backend) if crm_backend.server_url else f"sqlite:///{tmp_path / 'crm.db'}"
    policy = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"
    generate = ["demo-db", "--url", url, "--contacts", "300", "--seed", "3", "--as-of", "2025-06-30"]
    sweep = ["sweep", "--policy", str(policy), "--crm", url, "--as-of", "2025-06-30", "--max-share", "1"]
    changed = []
    for attempt in range(2):
        assert main([*generate, *(["--replace"] if attempt else [])]) == 0
        engine = make_engine(url)
        try:
            ensure_archive_reader(engine)
            capsys.readouterr()
            ledger = f"sqlite:///{tmp_path / f'ledger{attempt}.db'}"
            assert main([*sweep, "--ledger", ledger, "--json"]) == 0, capsys.readouterr().err
            summary = json.loads(capsys.readouterr().out)
            assert set(SWEEP_TABLES) <= set(inspect(engine).get_table_names())  # the sweep made them
        finally:
            engine.dispose()
        assert summary["status"] == "succeeded" and summary["tables_affected"].get("invoices")
        changed.append(summary["tables_affected"])
    assert changed[1] == changed[0]
