"""The RGPD pages (``crm_privacy.report.webapp``) on a reports base written in the layout of
``report/layout.py``: the French list of runs, the files of a run, the register, and the paths that must
be refused. Authentication is Airflow's (``requires_authenticated``): proved against a real api-server
in ``tests/e2e/test_rgpd_pages.py``; here it is replaced by a stub that wants one fixed bearer token,
except in the tests that check the real dependency is wired on every route."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from fastapi import HTTPException, Request
from fastapi.testclient import TestClient

from crm_privacy.report import webapp

TOKEN = "unit-test-token"
SECRET = "SECRET-OUTSIDE-THE-REPORTS-BASE"
RUN = "retention_sweep/manual__2025-06-30T00_00_00_00_00"
DRY = "retention_sweep/manual__2025-06-29T00_00_00_00_00"
DISCOVERY = "pii_discovery/scheduled__2025-06-28T00_00_00_00_00"
# GX names its validation folders after the run id as given (':' and '+' included)
VALIDATION = (
    "validations/contacts/manual__2025-06-30T00:00:00+00:00/20251201T100000.000000Z/crm-contacts.html"
)


def index_entry(path: str, **fields: Any) -> dict[str, Any]:
    job = path.split("/")[0]
    entry = {
        "job": job,
        "dag_id": f"crm_{job}",
        "run_id": "manual__2025-06-30T00:00:00+00:00",
        "path": path,
        "status": "succeeded",
        "dry_run": False,
        "as_of": "2025-06-30",
        "started_at": "2025-06-30T10:00:00+00:00",
        "finished_at": "2025-06-30T10:02:00+00:00",
        "rows_treated": 7695,
        "validation_passed": True,
        "findings": 12,
        "report_html": f"{path}/report.html",
        "report_json": f"{path}/report.json",
        "data_docs": f"{path}/data_docs/index.html",
    }
    return {**entry, **fields}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A reports base with three runs (one with Data Docs, a dry run, a discovery), no register, and a
    secret beside it that no URL may reach."""
    write(tmp_path / "secret.txt", SECRET)
    write(tmp_path / "outside" / "index.html", SECRET)
    root = tmp_path / "reports"
    runs = [
        index_entry(RUN),
        index_entry(DRY, dry_run=True, rows_treated=0, validation_passed=None, findings=3, data_docs=None),
        index_entry(DISCOVERY, status="failed", validation_passed=False, rows_treated=None, data_docs=None),
    ]
    write(root / "index.json", json.dumps({"schema_version": 1, "runs": runs}))
    for run in runs:
        write(root / run["path"] / "report.html", f"<h1>Rapport {run['path']}</h1>")
        write(root / run["path"] / "report.json", json.dumps({"rows_treated": run["rows_treated"]}))
    docs = root / RUN / "data_docs"
    write(docs / "index.html", '<link rel="stylesheet" href="static/styles/gx.css"><h1>Data Docs</h1>')
    write(docs / "static" / "styles" / "gx.css", "body { color: black; }")
    (docs / "static" / "fonts").mkdir(parents=True)
    (docs / "static" / "fonts" / "HKGrotesk-Bold.otf").write_bytes(b"OTTO\0\1")
    write(docs / VALIDATION, "<h1>contacts</h1>")
    (docs / "validations" / "leak").mkdir()
    (docs / "validations" / "leak" / "out.html").symlink_to(tmp_path / "outside" / "index.html")
    write(docs / "notes.py", "print('not a report file')")
    write(docs / ".hidden.html", SECRET)
    (docs / "escape.html").symlink_to(tmp_path / "secret.txt")
    (docs / "escape_dir").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / DRY / "data_docs").symlink_to(tmp_path / "outside", target_is_directory=True)
    return root


def stub_auth(request: Request) -> None:
    if request.headers.get("authorization") != f"Bearer {TOKEN}":
        raise HTTPException(401, "Not authenticated")


@pytest.fixture
def client(base: Path) -> TestClient:
    app = webapp.create_app(base)
    app.dependency_overrides[webapp.AUTHENTICATED] = stub_auth
    return TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"})


def raw_get(client: TestClient, raw_path: str) -> tuple[int, bytes]:
    """GET with the path sent as written (httpx would remove '..'), decoded as uvicorn decodes it."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": urllib.parse.unquote(raw_path),
        "raw_path": raw_path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {TOKEN}".encode())],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(client.app(scope, receive, send))  # type: ignore[arg-type]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return next(m["status"] for m in sent if m["type"] == "http.response.start"), body


# ---- the list of runs ------------------------------------------------------------------------------
def test_the_list_shows_each_run_in_french_with_its_links(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    page = resp.text
    for header in ("DAG", "Date d'exécution", "Statut", "Lignes traitées", "Validation", "Constats"):
        assert header in page, header
    assert "7\u202f695" in page  # French thousands
    assert "30/06/2025 10:00 UTC" in page
    for verdict in ("réussie", "échouée", "non exécutée"):
        assert f">{verdict}</span>" in page, verdict
    assert "simulation" in page
    assert f'href="/runs/{RUN}/report.html"' in page
    assert f'href="/runs/{RUN}/data_docs/"' in page  # the list of its validation pages
    assert f'href="/runs/{RUN}/report.json"' in page
    assert page.count("Data Docs</a>") == 1  # only the run that has them
    assert page.index(RUN) < page.index(DRY) < page.index(DISCOVERY)  # the index's order (newest first)


def test_every_link_of_the_list_opens(client: TestClient) -> None:
    import re

    links = re.findall(r'href="(/[^"]+)"', client.get("/").text)
    assert len(links) > 7
    for link in links:
        if link.startswith("/register"):
            continue  # no register in this base: its page says how to make one
        assert client.get(link).status_code == 200, link


def test_no_report_yet_says_so(tmp_path: Path) -> None:
    app = webapp.create_app(tmp_path / "nothing-here")
    app.dependency_overrides[webapp.AUTHENTICATED] = stub_auth
    resp = TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}).get("/")
    assert resp.status_code == 200
    assert "Aucun rapport pour l'instant" in resp.text
    assert "<table>" not in resp.text


def test_an_unreadable_index_is_named(client: TestClient, base: Path) -> None:
    (base / "index.json").write_text("{not json", encoding="utf-8")
    resp = client.get("/")
    assert resp.status_code == 500
    assert "index.json" in resp.text and "illisible" in resp.text


def test_the_index_cannot_smuggle_links_or_markup(client: TestClient, base: Path) -> None:
    hostile = [
        index_entry(RUN, dag_id="<script>alert(1)</script>", report_html="/etc/passwd"),
        index_entry("../../etc", report_html="../../etc/report.html", report_json="https://evil.example/x"),
        index_entry(RUN, data_docs=f"{RUN}/../../../secret.txt"),
        "not a run",
    ]
    (base / "index.json").write_text(json.dumps({"runs": hostile}), encoding="utf-8")
    page = client.get("/").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    for bad in ("/etc/passwd", "evil.example", "../", "secret.txt"):
        assert bad not in page, bad


# ---- files of a run ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "content_type", "csp_part"),
    [
        (f"/runs/{RUN}/report.html", "text/html; charset=utf-8", "default-src 'none'"),
        (f"/runs/{RUN}/report.json", "application/json", "default-src 'none'"),
        (f"/runs/{RUN}/data_docs/index.html", "text/html; charset=utf-8", "script-src 'self'"),
        (f"/runs/{RUN}/data_docs/static/styles/gx.css", "text/css; charset=utf-8", "style-src 'self'"),
        (f"/runs/{RUN}/data_docs/static/fonts/HKGrotesk-Bold.otf", "font/otf", "font-src 'self'"),
        (f"/runs/{RUN}/data_docs/{VALIDATION}", "text/html; charset=utf-8", "script-src 'self'"),
    ],
    ids=["report-html", "report-json", "data-docs", "data-docs-css", "data-docs-font", "gx-validation-page"],
)
def test_run_files_are_served_with_their_type_and_policy(
    client: TestClient, url: str, content_type: str, csp_part: str
) -> None:
    resp = client.get(url)
    assert resp.status_code == 200, url
    assert resp.headers["content-type"] == content_type
    assert csp_part in resp.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_the_data_docs_list_links_each_validation_page(client: TestClient) -> None:
    """GX's home page lists validations with CDN scripts the policy refuses: our list does it without."""
    import re

    resp = client.get(f"/runs/{RUN}/data_docs/")
    assert resp.status_code == 200
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', resp.text)
    assert [name for _, name in links] == ["contacts", "page d'accueil des Data Docs"]
    assert client.get(links[0][0]).text == "<h1>contacts</h1>"
    assert "leak" not in resp.text


def test_a_report_may_not_run_scripts_nor_fetch_anything(client: TestClient) -> None:
    csp = client.get(f"/runs/{RUN}/report.html").headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "http" not in csp


@pytest.mark.parametrize(
    "raw_path",
    [
        "/runs/../secret.txt/report.html",
        f"/runs/{RUN}/../../../secret.txt",
        f"/runs/{RUN}/data_docs/../../../../secret.txt",
        f"/runs/{RUN}/data_docs/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        f"/runs/{RUN}/data_docs/..%2f..%2f..%2f..%2fsecret.txt",
        "/runs/%2e%2e/outside/report.html",
        "/runs/retention_sweep/%2e%2e/report.json",
        f"/runs/{RUN}/data_docs//etc/passwd",
        f"/runs/{RUN}/data_docs/%2fetc%2fpasswd",
        f"/runs/{RUN}/data_docs/escape.html",
        f"/runs/{RUN}/data_docs/escape_dir/index.html",
        f"/runs/{DRY}/data_docs/index.html",
        f"/runs/{RUN}/data_docs/.hidden.html",
        f"/runs/{RUN}/data_docs/notes.py",
        f"/runs/{RUN}/data_docs/static",
        f"/runs/{DRY}/data_docs/",
        f"/runs/{RUN}/summary.json",
        "/runs/retention_sweep/.hidden/report.html",
        "/runs/retention_sweep/x%00/report.html",
        "/runs/retention_sweep/a%5c..%5c..%5csecret.txt/report.html",
        "/register/../secret.txt",
        "/register/index.json",
    ],
    ids=[
        "dotdot-job",
        "dotdot-after-run",
        "dotdot-in-data-docs",
        "percent-encoded-dotdot",
        "percent-encoded-slash",
        "percent-encoded-job",
        "percent-encoded-run-dir",
        "absolute-path",
        "percent-encoded-absolute",
        "symlinked-file-out",
        "symlinked-dir-out",
        "symlinked-data-docs-out",
        "hidden-file",
        "unknown-type",
        "directory",
        "symlinked-data-docs-list",
        "not-a-report-file",
        "hidden-run-dir",
        "nul-byte",
        "backslashes",
        "register-dotdot",
        "register-other-file",
    ],
)
def test_paths_outside_a_report_are_404(client: TestClient, raw_path: str) -> None:
    status, body = raw_get(client, raw_path)
    assert status == 404, (raw_path, body[:200])
    assert SECRET.encode() not in body


# ---- the register ------------------------------------------------------------------------------------
def test_a_missing_register_names_the_command(client: TestClient) -> None:
    resp = client.get("/register")
    assert resp.status_code == 404
    assert "crm-privacy register --policy P" in resp.text


def test_the_register_is_served(client: TestClient, base: Path) -> None:
    write(base / "register" / "register.html", "<h1>Registre des activités de traitement</h1>")
    write(base / "register" / "register.json", "{}")
    for url in ("/register", "/register/", "/register/register.html"):
        resp = client.get(url)
        assert resp.status_code == 200 and "Registre des activités" in resp.text, url
    assert client.get("/register/register.json").headers["content-type"] == "application/json"


# ---- authentication ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["/", f"/runs/{RUN}/report.html", f"/runs/{RUN}/data_docs/index.html", "/register"]
)
def test_airflow_authentication_is_required_on_every_route(base: Path, url: str) -> None:
    """The real dependency, without a token: Airflow's ``get_user`` refuses before any file is read."""
    resp = TestClient(webapp.create_app(base)).get(url)
    assert resp.status_code == 401
    assert "Rapport" not in resp.text and "Data Docs" not in resp.text


def test_every_route_depends_on_airflow_requires_authenticated(base: Path) -> None:
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi.routing import APIRoute

    assert webapp.AUTHENTICATED.__qualname__.startswith("requires_authenticated.")
    routes = [r for r in webapp.create_app(base).routes if isinstance(r, APIRoute)]
    assert len(routes) == 7
    for route in routes:
        calls = [d.call for d in route.dependant.dependencies]
        assert webapp.AUTHENTICATED in calls, route.path
        auth = route.dependant.dependencies[calls.index(webapp.AUTHENTICATED)]
        assert get_user in [d.call for d in auth.dependencies], route.path
