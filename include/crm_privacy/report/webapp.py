"""The "RGPD" pages of the Airflow UI: the list of runs, each run's report, Data Docs and JSON, and the
register of processing, read from the reports base and served by the api-server (mounted by
``plugins/crm_privacy_reports.py``, shown in an iframe of the UI).

Every route needs an authenticated Airflow user (the UI's iframe sends the ``_token`` cookie; API
clients send ``Authorization: Bearer``). A path is served only if it names a regular file of a known
type that resolves inside the reports base; anything else (``..``, absolute, symlink out) is a 404.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from airflow.api_fastapi.core_api.security import requires_authenticated
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from crm_privacy.dagrun.workdir import reports_root
from crm_privacy.report import layout
from crm_privacy.report.html import environment

logger = logging.getLogger(__name__)

# The same dependency object on every route (tests override it through ``app.dependency_overrides``).
AUTHENTICATED = requires_authenticated()

# Reports are single files: inline CSS and SVG, nothing fetched, no script.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
# GX Data Docs also load their own static files (CSS, fonts, images) from the site. Their CDN scripts
# and styles are refused: the page runs in the Airflow origin, where third-party code could act as the
# logged-in user (and production hosts are often offline anyway).
DATA_DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors 'self'"
)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
STATUSES = {"succeeded": ("réussie", "ok"), "failed": ("échouée", "bad"), "running": ("en cours", "warn")}
VERDICTS = {True: ("réussie", "ok"), False: ("échouée", "bad"), None: ("non exécutée", "muted")}


def create_app(reports_dir: Path | None = None) -> FastAPI:
    """The app; ``reports_dir`` defaults to ``reports_root()`` read at each request."""
    app = FastAPI(
        title="crm-privacy RGPD",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(AUTHENTICATED)],
    )

    def base() -> Path:
        return reports_dir if reports_dir is not None else reports_root()

    @app.get("/", response_class=HTMLResponse)
    def runs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        rows: list[_Row] = []
        problem: str | None = None
        status = 200
        try:
            index = json.loads((base() / layout.INDEX_JSON).read_text(encoding="utf-8"))
            rows = [_row(run, root) for run in index.get("runs") or [] if isinstance(run, dict)]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            logger.warning("unreadable reports index %s: %s", base() / layout.INDEX_JSON, exc)
            problem, status = f"L'index des rapports ({layout.INDEX_JSON}) est illisible.", 500
        page = _page(_RUNS_PAGE, root=root, runs=rows, problem=problem)
        return HTMLResponse(page, status_code=status, headers=_headers(REPORT_CSP))

    @app.get("/runs/{job}/{run_dir}/{name}")
    def report(job: str, run_dir: str, name: str) -> FileResponse:
        if name not in (layout.REPORT_HTML, layout.REPORT_JSON):
            raise HTTPException(404)
        return _serve(base(), [job, run_dir, name], REPORT_CSP)

    @app.get("/runs/{job}/{run_dir}/data_docs/", response_class=HTMLResponse)
    def data_docs_home(request: Request, job: str, run_dir: str) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        here = f"{root}/runs/{job}/{run_dir}/{layout.DATA_DOCS}"
        pages = [(name, f"{here}/{quote(rel)}") for name, rel in _validation_pages(base(), job, run_dir)]
        page = _page(_DATA_DOCS_PAGE, run_dir=run_dir, home=f"{here}/index.html", pages=pages)
        return HTMLResponse(page, headers=_headers(REPORT_CSP))

    @app.get("/runs/{job}/{run_dir}/data_docs/{path:path}")
    def data_docs(job: str, run_dir: str, path: str) -> FileResponse:
        return _serve(base(), [job, run_dir, layout.DATA_DOCS, *path.split("/")], DATA_DOCS_CSP)

    @app.get("/register", response_model=None)
    @app.get("/register/", response_model=None)
    def register() -> FileResponse | HTMLResponse:
        if (base() / layout.REGISTER_DIR / layout.REGISTER_HTML).is_file():
            return _serve(base(), [layout.REGISTER_DIR, layout.REGISTER_HTML], REPORT_CSP)
        return HTMLResponse(_page(_NO_REGISTER_PAGE), status_code=404, headers=_headers(REPORT_CSP))

    @app.get("/register/{name}")
    def register_file(name: str) -> FileResponse:
        if name not in (layout.REGISTER_HTML, layout.REGISTER_JSON):
            raise HTTPException(404)
        return _serve(base(), [layout.REGISTER_DIR, name], REPORT_CSP)

    return app


def _serve(base: Path, parts: list[str], csp: str) -> FileResponse:
    path = _resolve(base, parts)
    return FileResponse(path, media_type=CONTENT_TYPES[path.suffix.lower()], headers=_headers(csp))


def _resolve(base: Path, parts: list[str]) -> Path:
    """The file at ``base/parts`` if every part is a plain name, its type is known and it resolves
    inside ``base``; else 404."""
    # the first two parts are a job and a run directory, or 'register' and one of its two files
    if not all(map(layout.valid_segment, parts[:2])) or not all(map(_plain, parts)):
        raise HTTPException(404)
    root = base.resolve()
    path = root.joinpath(*parts).resolve()  # follows symlinks: one pointing out lands outside root
    if path.suffix.lower() not in CONTENT_TYPES or not path.is_relative_to(root) or not path.is_file():
        raise HTTPException(404)
    return path


def _validation_pages(base: Path, job: str, run_dir: str) -> list[tuple[str, str]]:
    """(table, path under data_docs) of each GX validation page of a run: GX's own home page lists them
    with scripts from public CDNs, which the Data Docs' policy refuses."""
    _resolve(base, [job, run_dir, layout.DATA_DOCS, "index.html"])  # 404 unless built (and inside)
    root = base.resolve()
    docs = root / job / run_dir / layout.DATA_DOCS
    pages = []
    for page in sorted((docs / "validations").rglob("*.html")):
        parts = page.relative_to(docs).parts  # validations/<suite>/<run>/<time>/<batch>.html
        if all(map(_plain, parts)) and page.resolve().is_relative_to(root):
            pages.append((parts[1], "/".join(parts)))
    return pages


def _plain(part: str) -> bool:
    """A file or directory name: not empty, not hidden, '.' or '..', no separator or control char."""
    return (
        bool(part) and not part.startswith(".") and not any(c in part for c in "\\\0") and part.isprintable()
    )


def _headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


@dataclass(frozen=True)
class _Row:
    """One run of index.json as the list shows it (French labels, links under the app's root)."""

    dag: str
    run_id: str
    started: str
    as_of: str
    dry_run: bool
    status: tuple[str, str]
    rows: Any
    validation: tuple[str, str]
    findings: Any
    report_html: str | None
    report_json: str | None
    data_docs: str | None


def _row(run: dict[str, Any], root: str) -> _Row:
    run_path = str(run.get("path") or "")

    def link(key: str) -> str | None:
        # only a file of this run's directory, whatever the index says
        value = run.get(key)
        if not isinstance(value, str) or not value.startswith(f"{run_path}/"):
            return None
        parts = value.split("/")
        ok = len(parts) > 2 and all(map(layout.valid_segment, parts[:2])) and all(map(_plain, parts))
        return f"{root}/runs/{value}" if ok else None

    status = str(run.get("status") or "")
    verdict = run.get("validation_passed")
    return _Row(
        dag=str(run.get("dag_id") or run.get("job") or ""),
        run_id=str(run.get("run_id") or ""),
        started=_when(run.get("started_at")),
        as_of=str(run.get("as_of") or ""),
        dry_run=run.get("dry_run") is True,
        status=STATUSES.get(status, (status or "inconnu", "muted")),
        rows=run.get("rows_treated"),
        validation=VERDICTS.get(verdict if isinstance(verdict, bool) else None, VERDICTS[None]),
        findings=run.get("findings"),
        report_html=link("report_html"),
        report_json=link("report_json"),
        # the run's list of validation pages (data_docs/), rather than GX's home page
        data_docs=docs.rsplit("/", 1)[0] + "/" if (docs := link("data_docs")) else None,
    )


def _when(value: Any) -> str:
    """An ISO timestamp as '30/06/2025 10:00 UTC' (the text as given when it is not one)."""
    try:
        stamp = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
    zone = " UTC" if stamp.utcoffset() == dt.timedelta(0) else stamp.strftime(" %z") if stamp.tzinfo else ""
    return stamp.strftime("%d/%m/%Y %H:%M") + zone


def _page(template: str, **context: Any) -> str:
    return environment().from_string(template).render(lang="fr", **context)


_RUNS_PAGE = """{% extends "_base.html.j2" %}
{% block title %}RGPD · rapports d'exécution{% endblock %}
{% block body %}
<h1>Rapports RGPD</h1>
<p class="sub">Chaque exécution des DAG crm-privacy, la plus récente d'abord ·
<a href="{{ root }}/register/">registre des traitements</a></p>
{% if problem %}
<div class="failure">{{ problem }}</div>
{% elif not runs %}
<div class="decision">Aucun rapport pour l'instant : un rapport apparaît ici à la fin de chaque
exécution de <code>crm_retention_sweep</code> ou <code>crm_pii_discovery</code> (ou de
<code>crm-privacy sweep</code>).</div>
{% else %}
<table>
<thead><tr><th>DAG</th><th>Date d'exécution</th><th>Statut</th><th class="num">Lignes traitées</th>
<th>Validation</th><th class="num">Constats</th><th>Rapport</th></tr></thead>
<tbody>
{% for r in runs %}
<tr>
<td>{{ r.dag }}{% if r.dry_run %} <span class="badge warn">simulation</span>{% endif %}
<br><span class="muted">{{ r.run_id }}</span></td>
<td>{{ r.started }}{% if r.as_of %}<br><span class="muted">date de référence {{ r.as_of }}</span>{% endif %}</td>
<td><span class="badge {{ r.status[1] }}">{{ r.status[0] }}</span></td>
<td class="num">{{ r.rows | thousands }}</td>
<td><span class="badge {{ r.validation[1] }}">{{ r.validation[0] }}</span></td>
<td class="num">{{ r.findings | thousands }}</td>
<td>{% if r.report_html %}<a href="{{ r.report_html }}">rapport</a>{% endif %}
{% if r.data_docs %} · <a href="{{ r.data_docs }}">Data Docs</a>{% endif %}
{% if r.report_json %} · <a href="{{ r.report_json }}">JSON</a>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% endif %}
{% endblock %}
"""

_NO_REGISTER_PAGE = """{% extends "_base.html.j2" %}
{% block title %}RGPD · registre des traitements{% endblock %}
{% block body %}
<h1>Registre des traitements</h1>
<div class="decision">Le registre des traitements (article 30) n'a pas encore été produit. Pour le
produire : <code>crm-privacy register --policy P</code> (P : le fichier de la politique, par exemple
<code>include/policies/demo_crm.yaml</code>).</div>
{% endblock %}
"""

_DATA_DOCS_PAGE = """{% extends "_base.html.j2" %}
{% block title %}RGPD · Data Docs{% endblock %}
{% block body %}
<h1>Data Docs</h1>
<p class="sub">Résultats de validation Great Expectations de l'exécution {{ run_dir }}, une page par
table.</p>
{% if pages %}
<ul>
{% for name, href in pages %}<li><a href="{{ href }}">{{ name }}</a></li>
{% endfor %}
</ul>
{% else %}
<p class="muted">Aucune page de validation.</p>
{% endif %}
<p class="muted">La <a href="{{ home }}">page d'accueil des Data Docs</a> remplit ses tableaux avec des
scripts publics (CDN) que ces pages n'autorisent pas : les pages de validation se lisent sans eux.</p>
{% endblock %}
"""
