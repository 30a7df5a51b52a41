"""The Airflow plugin of the RGPD pages (``plugins/crm_privacy_reports.py``): what Airflow 3.3 reads from
it, checked with Airflow's own response models, and a cheap import (schedulers and workers load it)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "crm_privacy_reports.py"


def load_plugin() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crm_privacy_reports", PLUGIN)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_plugin_declares_an_app_and_a_top_level_rgpd_entry() -> None:
    from airflow.api_fastapi.app import RESERVED_URL_PREFIXES
    from airflow.api_fastapi.core_api.datamodels.plugins import ExternalViewResponse, FastAPIAppResponse

    from crm_privacy.dagrun.plugin import CrmPrivacyPlugin

    plugin = load_plugin().CrmPrivacyReportsPlugin
    assert plugin.name != CrmPrivacyPlugin.name  # the timetable plugin stays registered beside it
    (app,) = plugin.fastapi_apps
    FastAPIAppResponse.model_validate({**app, "app": str(app["app"])})
    assert not any(app["url_prefix"].startswith(p) for p in RESERVED_URL_PREFIXES)
    (view,) = plugin.external_views
    model = ExternalViewResponse.model_validate(view)
    assert (model.name, model.destination, model.nav_top_level) == ("RGPD", "nav", True)
    assert model.href == f"{app['url_prefix']}/" and model.url_route == "rgpd"


def test_the_mounted_app_asks_for_an_airflow_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path))
    app = load_plugin().CrmPrivacyReportsPlugin.fastapi_apps[0]["app"]
    assert TestClient(app).get("/").status_code == 401


def test_importing_the_plugin_imports_neither_fastapi_nor_the_webapp() -> None:
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('p', {str(PLUGIN)!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fastapi', 'crm_privacy.report'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout
