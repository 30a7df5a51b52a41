"""Writing reports under the reports base, and the index of every run (newest first).

Files are written locally (``dagrun.workdir.reports_root()``) with a temporary file and a rename, so a
reader never sees half a report. When ``CRM_PRIVACY_REPORTS_DIR`` is an object storage URL, each run's
folder, the register and the index are then copied there through Airflow's ``ObjectStoragePath``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crm_privacy.report.build import index_entry
from crm_privacy.report.layout import (
    DATA_DOCS,
    INDEX_HTML,
    INDEX_JSON,
    REGISTER_DIR,
    REGISTER_HTML,
    REPORT_HTML,
    REPORT_JSON,
    SCHEMA_VERSION,
)
from crm_privacy.report.render import index_html

log = logging.getLogger("crm_privacy.report")


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def dumps(data: Any) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n"


def write_run(run_dir: Path, report: Mapping[str, Any], html: str) -> tuple[Path, Path]:
    """``report.json`` and ``report.html`` of one run; returns their paths."""
    json_path, html_path = run_dir / REPORT_JSON, run_dir / REPORT_HTML
    write_atomic(json_path, dumps(report))
    write_atomic(html_path, html)
    return json_path, html_path


def index_entries(base: Path) -> list[dict[str, Any]]:
    """Every run under ``base`` (``<job>/<run dir>/report.json``), newest first."""
    entries = []
    for path in base.glob(f"*/*/{REPORT_JSON}"):
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("report %s unreadable: left out of the index", path.relative_to(base))
            continue
        if not isinstance(report, dict) or report.get("kind") != "crm_privacy.run_report":
            continue
        rel = path.parent.relative_to(base).as_posix()
        entries.append(index_entry(report, rel, (path.parent / DATA_DOCS / "index.html").is_file()))
    entries.sort(
        key=lambda e: (e.get("finished_at") or e.get("generated_at") or "", e["run_id"]), reverse=True
    )
    return entries


def write_index(base: Path, lang: str = "fr") -> Path:
    """Rebuild ``index.json`` and ``index.html`` from the reports present (a run's report written by a
    concurrent run is picked up by the next rebuild)."""
    entries = index_entries(base)
    write_atomic(base / INDEX_JSON, dumps({"schema_version": SCHEMA_VERSION, "runs": entries}))
    has_register = (base / REGISTER_DIR / REGISTER_HTML).is_file()
    write_atomic(base / INDEX_HTML, index_html(entries, lang=lang, has_register=has_register))
    return base / INDEX_HTML


def mirror(base: Path, location: str, parts: list[str]) -> None:
    """Copy ``parts`` (paths relative to ``base``: files or folders) to the object storage ``location``."""
    from airflow.sdk import ObjectStoragePath

    target = ObjectStoragePath(location)
    for part in parts:
        source = base / part
        files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        for file in files:
            dest = target / file.relative_to(base).as_posix()
            dest.parent.mkdir(parents=True, exist_ok=True)
            with dest.open("wb") as out:  # type: ignore[no-untyped-call]
                out.write(file.read_bytes())
