"""Fixtures shared by unit tests. Keep this file minimal: one fixture per need, documented."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from crm_privacy.detect.engine import PiiEngine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    """The PII detection engine on fr_core_news_sm, loaded once for the whole session (~1 s)."""
    from crm_privacy.detect.engine import get_engine

    return get_engine("fr_core_news_sm")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo CRM of 200 contacts in SQLite, built once per session; tests work on copies (``crm``)."""
    from crm_privacy.crm.engine import make_engine
    from crm_privacy.demo.generate import generate_demo_crm

    path = tmp_path_factory.mktemp("demo") / "crm.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        generate_demo_crm(engine, contacts=200)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def crm(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's copy of the demo CRM, with a pseudonymisation key set (a real sweep could run)."""
    from crm_privacy.transform.keys import ENV_VAR

    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    path = tmp_path / "crm.db"
    shutil.copyfile(demo_file, path)
    return path
