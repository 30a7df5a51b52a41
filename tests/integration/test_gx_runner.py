"""The GX runner on SQLite, PostgreSQL and MariaDB: right counts, and no CRM value in any result,
error, log record or Data Docs file, even when a check fails on canary personal data."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from crm_privacy.crm.engine import make_engine
from crm_privacy.validate.checks import CheckResult, EvidenceCheck, SqlCheck
from crm_privacy.validate.gx_runner import data_docs_index, evidence_results, run_checks

if TYPE_CHECKING:
    from conftest import CrmBackend

pytestmark = pytest.mark.integration

CANARIES = ("Zoé Canari-Testeuse", "zoe.canari@example.org", "06 98 76 54 32", "2 84 05 75 115 032 43")
# pieces of the canaries that a truncated or re-encoded copy would still hold
FRAGMENTS = ("Canari", "canari@", "98 76 54", "115 032", "Zo\\u00e9", "Zo&eacute;", "Zo&#233;", "Zo&#xe9;")
ROWS = [
    {"id": 1, "full_name": CANARIES[0], "email": CANARIES[1], "phone": CANARIES[2], "nir": CANARIES[3]},
    {"id": 2, "full_name": "Client 2", "email": None, "phone": None, "nir": None},
    {"id": 3, "full_name": "Client 3", "email": "pseudo-3@invalid", "phone": "pseudo", "nir": None},
]


def _people(url: str) -> None:
    """The table ``people``: one row of canary personal data, two scrubbed ones."""
    table = Table(
        "people",
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("full_name", String(80)),
        Column("email", String(80)),
        Column("phone", String(40)),
        Column("nir", String(40)),
    )
    engine = make_engine(url)
    try:
        table.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(table), ROWS)
    finally:
        engine.dispose()


def _check(name: str, where: str, table: str = "people") -> SqlCheck:
    return SqlCheck(
        kind="free_text",
        name=name,
        table=table,
        query=f"SELECT * FROM {{batch}} WHERE {where}",
        description=f"no row matches ({name})",
        column="email",
        rule="R1",
    )


def _checks(backend: str) -> list[SqlCheck]:
    regexp = "~" if backend == "postgresql" else "REGEXP"
    # a failing query whose database message quotes a value where the server does so (PostgreSQL)
    broken = "CAST(full_name AS integer) > 0" if backend == "postgresql" else "no_such_column = 'x'"
    return [
        _check("personal rows", "email LIKE '%@example.org' OR nir IS NOT NULL"),
        _check("nothing", "id < 0"),
        _check("broken", broken),
        _check("phone regexp", f"phone {regexp} '^0[67]( [0-9]{{2}}){{4}}$'"),  # NULL phones on row 2
        _check("regexp nothing", f"email {regexp} '^nobody@'"),
        # braces and "(?:" are plain SQL here: GX's str.format and SQLAlchemy's text() must not see them
        _check("email regexp", f"email {regexp} '^[a-z.]+@(?:example|test)[.]org$' AND '{{x}}' <> ':y'"),
        _check("missing table", "id > 0", table="no_such_table"),
    ]


def _leaks(text: str) -> list[str]:
    return [s for s in (*CANARIES, *FRAGMENTS) if s.lower() in text.lower()]


def test_counts_errors_and_docs_hold_no_personal_value(
    crm_backend: CrmBackend, scratch_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _people(scratch_url)
    docs = tmp_path / "docs"
    caplog.set_level(logging.DEBUG)
    for name in ("great_expectations", "sqlalchemy"):
        caplog.set_level(logging.DEBUG, logger=name)

    results = run_checks(scratch_url, _checks(crm_backend.name), docs_dir=docs, run_name="gate-test")

    by_name = {r.name: r for r in results}
    assert [r.name for r in results] == [c.name for c in _checks(crm_backend.name)]
    assert (by_name["personal rows"].passed, by_name["personal rows"].unexpected_count) == (False, 1)
    assert by_name["personal rows"].error is None
    assert (by_name["nothing"].passed, by_name["nothing"].unexpected_count) == (True, 0)
    assert (by_name["phone regexp"].passed, by_name["phone regexp"].unexpected_count) == (False, 1)
    assert (by_name["regexp nothing"].passed, by_name["regexp nothing"].error) == (True, None)
    assert (by_name["email regexp"].unexpected_count, by_name["email regexp"].error) == (1, None)
    for name in ("broken", "missing table"):
        failed = by_name[name]
        assert not failed.passed and failed.unexpected_count == 0
        # the driver error's class, and its code where the driver has one; nothing else
        assert failed.error and failed.error.replace(" (", "").rstrip(")").isidentifier(), failed.error
    if crm_backend.name == "postgresql":
        assert by_name["broken"].error == "InvalidTextRepresentation (22P02)"
    if crm_backend.name == "mysql":
        assert by_name["broken"].error == "OperationalError (1054)"
    assert by_name["personal rows"].to_dict() == {
        "kind": "free_text",
        "name": "personal rows",
        "expectation": "UnexpectedRowsExpectation",
        "table": "people",
        "column": "email",
        "rule": "R1",
        "description": "no row matches (personal rows)",
        "passed": False,
        "unexpected_count": 1,
        "error": None,
    }

    assert not _leaks(json.dumps([r.to_dict() for r in results], ensure_ascii=False))
    index = data_docs_index(docs)
    assert index is not None and index.is_file()
    files = [p for p in docs.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" and "validations" in p.parts for p in files), "no validation page built"
    leaks = {str(p): _leaks(p.read_text(encoding="utf-8", errors="ignore")) for p in files}
    assert not {p: found for p, found in leaks.items() if found}
    assert caplog.records
    logged = [f"{r.name}: {r.getMessage()} {r.exc_text or ''}" for r in caplog.records]
    assert not [line for line in logged if _leaks(line)]


def test_sqlite_regexp_is_null_safe_in_gx(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    _people(url)
    results = run_checks(
        url,
        [
            _check("all null", "nir REGEXP '[0-9]' AND id > 1"),  # rows 2 and 3: NULL, no error
            _check("canary nir", "nir REGEXP '^[12]( [0-9]{2}){2}'"),
        ],
    )
    assert [(r.passed, r.unexpected_count, r.error) for r in results] == [(True, 0, None), (False, 1, None)]


def test_no_docs_without_docs_dir_and_nothing_written_in_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    _people(url)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert run_checks(url, [_check("nothing", "id < 0")])[0].passed
    assert list(work.iterdir()) == []  # no gx/ project folder, no uncommitted/ directory
    assert data_docs_index(tmp_path / "nowhere") is None


def test_duplicate_check_names_are_refused() -> None:
    check = _check("same", "id < 0")
    with pytest.raises(ValueError, match="unique"):
        run_checks("sqlite://", [check, check])
    assert run_checks("sqlite://", []) == []


def test_evidence_results() -> None:
    checks = [
        EvidenceCheck(
            kind="retention", name="deleted:R1", table="t", expected=5, observed=5, description="d"
        ),
        EvidenceCheck(
            kind="retention", name="deleted:R2", table="t", expected=5, observed=3, description="d"
        ),
    ]
    assert evidence_results(checks) == [
        CheckResult("retention", "deleted:R1", "RecordedCountEqualsPlanned", "t", None, None, "d", True, 0),
        CheckResult("retention", "deleted:R2", "RecordedCountEqualsPlanned", "t", None, None, "d", False, 2),
    ]


def test_importing_the_runner_does_not_import_gx() -> None:
    code = "import sys, crm_privacy.validate.gx_runner; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
