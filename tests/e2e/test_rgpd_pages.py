"""The RGPD pages on a real api-server (``airflow_server.py``: api-server, scheduler, dag-processor with
our plugins folder), where authentication is Airflow's own: an anonymous or forged request gets 401/403,
a JWT from ``POST /auth/token`` opens the pages, whether it comes as ``Authorization: Bearer`` (API
clients) or as the ``_token`` cookie (what the UI's iframe sends). Traversal attempts are sent byte for
byte (``http.client``: no client-side clean-up of ``..``) and get 404, never the file.

Run: ``pytest -m e2e tests/e2e/test_rgpd_pages.py`` (about a minute, most of it starting Airflow).
"""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.airflow_server import AirflowServer, LogReporter

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PREFIX = "/crm-privacy"
SECRET = "SECRET-OUTSIDE-THE-REPORTS-BASE"
RUN = "retention_sweep/manual__2025-06-30T00_00_00_00_00"
PAGES = [f"{PREFIX}/", f"{PREFIX}/runs/{RUN}/report.html", f"{PREFIX}/runs/{RUN}/data_docs/index.html"]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_reports(home: Path, base: Path) -> None:
    """One run in the reports layout, a secret beside the base, and symlinks pointing at it."""
    write(home / "secret.txt", SECRET)
    run = {
        "job": "retention_sweep",
        "dag_id": "crm_retention_sweep",
        "run_id": "manual__2025-06-30T00:00:00+00:00",
        "path": RUN,
        "status": "succeeded",
        "dry_run": False,
        "as_of": "2025-06-30",
        "started_at": "2025-06-30T10:00:00+00:00",
        "rows_treated": 7695,
        "validation_passed": False,
        "findings": 12,
        "report_html": f"{RUN}/report.html",
        "report_json": f"{RUN}/report.json",
        "data_docs": f"{RUN}/data_docs/index.html",
    }
    write(base / "index.json", json.dumps({"schema_version": 1, "runs": [run]}))
    write(base / RUN / "report.html", "<h1>Rapport de la purge</h1>")
    write(base / RUN / "report.json", json.dumps({"totals": {"rows_treated": 7695}}))
    write(base / RUN / "data_docs" / "index.html", "<h1>Data Docs</h1>")
    (base / RUN / "data_docs" / "escape.html").symlink_to(home / "secret.txt")
    (base / RUN / "data_docs" / "escape_dir").symlink_to(home, target_is_directory=True)


@pytest.fixture(scope="module")
def airflow(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[AirflowServer]:
    home = tmp_path_factory.mktemp("airflow-rgpd")
    server = AirflowServer(home=home, crm=home / "crm.db", ledger=home / "ledger.db")
    write_reports(home, server.reports_dir)
    reporter = LogReporter(server, "airflow")
    request.config.pluginmanager.register(reporter, "crm-privacy-rgpd-airflow-logs")
    try:
        started = time.monotonic()
        server.start()
        print(f"\nAirflow up on {server.base_url} in {time.monotonic() - started:.0f} s (home {home})")
        yield server
    finally:
        server.stop()
        request.config.pluginmanager.unregister(reporter)


def raw_get(server: AirflowServer, path: str, token: str | None) -> tuple[int, str]:
    """GET ``path`` exactly as written (httpx and browsers remove '..' before sending)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


@pytest.mark.parametrize("path", PAGES, ids=["list", "report", "data-docs"])
def test_anonymous_requests_are_refused(airflow: AirflowServer, path: str) -> None:
    resp = httpx.get(f"{airflow.base_url}{path}", timeout=30)
    assert resp.status_code in (401, 403), resp.text[:300]
    assert "7\u202f695" not in resp.text and "Rapport de la purge" not in resp.text


@pytest.mark.parametrize(
    "credentials",
    [{"headers": {"Authorization": "Bearer not-a-jwt"}}, {"cookies": {"_token": "not-a-jwt"}}],
    ids=["forged-bearer", "forged-cookie"],
)
def test_forged_tokens_are_refused(airflow: AirflowServer, credentials: dict[str, dict[str, str]]) -> None:
    resp = httpx.get(f"{airflow.base_url}{PREFIX}/", timeout=30, **credentials)  # type: ignore[arg-type]
    assert resp.status_code in (401, 403)
    assert "7\u202f695" not in resp.text


def test_a_bearer_token_opens_the_list_of_runs(airflow: AirflowServer) -> None:
    token = airflow.login()
    resp = httpx.get(f"{airflow.base_url}{PREFIX}/", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert resp.status_code == 200
    assert "crm_retention_sweep" in resp.text and "7\u202f695" in resp.text and ">échouée<" in resp.text
    assert "default-src 'none'" in resp.headers["content-security-policy"]


def test_the_login_cookie_opens_every_page(airflow: AirflowServer) -> None:
    """What the UI's iframe sends: the ``_token`` cookie the login form set, no Authorization header."""
    cookies = {"_token": airflow.login()}
    for path in PAGES:
        resp = httpx.get(f"{airflow.base_url}{path}", cookies=cookies, timeout=30)
        assert resp.status_code == 200, (path, resp.text[:300])
    report = httpx.get(f"{airflow.base_url}{PREFIX}/runs/{RUN}/report.json", cookies=cookies, timeout=30)
    assert report.json() == {"totals": {"rows_treated": 7695}}


@pytest.mark.parametrize(
    "path",
    [
        f"{PREFIX}/runs/../secret.txt/report.html",
        f"{PREFIX}/runs/{RUN}/data_docs/../../../../secret.txt",
        f"{PREFIX}/runs/{RUN}/data_docs/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        f"{PREFIX}/runs/{RUN}/data_docs/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt",
        f"{PREFIX}/runs/%2e%2e/%2e%2e/report.html",
        f"{PREFIX}/runs/{RUN}/data_docs/{'/..' * 6}/etc/passwd",
        f"{PREFIX}/runs/{RUN}/data_docs//etc/passwd",
        f"{PREFIX}/runs/{RUN}/data_docs/%2Fetc%2Fpasswd",
        f"{PREFIX}/runs/{RUN}/data_docs/escape.html",
        f"{PREFIX}/runs/{RUN}/data_docs/escape_dir/secret.txt",
        f"{PREFIX}/register/..%2Fsecret.txt",
    ],
    ids=[
        "dotdot",
        "dotdot-in-data-docs",
        "percent-encoded-dotdot",
        "percent-encoded-slashes",
        "percent-encoded-job",
        "dotdot-to-etc",
        "absolute",
        "percent-encoded-absolute",
        "symlinked-file-out",
        "symlinked-dir-out",
        "register-dotdot",
    ],
)
def test_traversal_gets_404_and_never_the_file(airflow: AirflowServer, path: str) -> None:
    status, body = raw_get(airflow, path, airflow.login())
    assert status == 404, (path, body[:300])
    assert SECRET not in body and "root:" not in body


def test_airflow_lists_the_plugin_beside_the_timetable_plugin(airflow: AirflowServer) -> None:
    plugins = {p["name"]: p for p in airflow.api_json("GET", "/api/v2/plugins")["plugins"]}
    assert "crm_privacy" in plugins, sorted(plugins)  # the DAGs' timetable (entry point)
    ours = plugins["crm_privacy_reports"]
    assert [a["url_prefix"] for a in ours["fastapi_apps"]] == [PREFIX]
    (view,) = ours["external_views"]
    assert (view["name"], view["url_route"], view["href"]) == ("RGPD", "rgpd", f"{PREFIX}/")
