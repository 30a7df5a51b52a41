"""After a run: its report (JSON and HTML) in its folder, the index of all runs, the register of
processing, the copy to object storage when configured, and the e-mail to the DPO.

Called by the ``finish`` step of every DAG and by the CLI. Everything it reads is already free of
personal data (counts, names of rules, tables and columns, the policy's own words).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_privacy.dagrun.workdir import is_remote, reports_location, reports_root, run_reports_dir
from crm_privacy.report.build import TREND_RUNS, build_report
from crm_privacy.report.i18n import Lang, lang_of
from crm_privacy.report.layout import DATA_DOCS, INDEX_HTML, INDEX_JSON, REGISTER_DIR
from crm_privacy.report.render import report_html
from crm_privacy.report.store import mirror, write_index, write_run

if TYPE_CHECKING:
    from crm_privacy.ledger import Ledger
    from crm_privacy.policy.loader import LoadedPolicy

log = logging.getLogger("crm_privacy.report")

LANG_VARIABLE = "CRM_PRIVACY_REPORT_LANG"


@dataclass(frozen=True)
class Published:
    report: dict[str, Any]
    run_dir: Path
    json_path: Path
    html_path: Path
    index_path: Path
    mail: str | None


def report_lang(loaded: LoadedPolicy | None) -> Lang:
    """``CRM_PRIVACY_REPORT_LANG`` (fr or en), else the policy's ``reports.language``, else French."""
    given = os.environ.get(LANG_VARIABLE, "").strip().lower()
    if given:
        return lang_of(given)
    return lang_of(loaded.policy.reports.language) if loaded else "fr"


def publish(
    summary: Mapping[str, Any],
    *,
    job: str,
    dag_id: str | None,
    ledger: Ledger | None,
    loaded: LoadedPolicy | None,
    logical_date: str | None = None,
    send_mail: bool = True,
) -> Published:
    """Write the run's report and the index; copy them to object storage; e-mail the DPO."""
    run_id = str(summary.get("run_id") or "unknown-run")
    lang = report_lang(loaded)
    run: dict[str, Any] | None = None
    history: list[dict[str, Any]] = []
    if ledger is not None:
        try:
            run = ledger.get_run(run_id)
            history = ledger.list_runs(job=job, limit=TREND_RUNS)
        except Exception as exc:  # the report is still written, without times and trend
            log.warning("report without the ledger's record of the run: %s", type(exc).__name__)
    run_dir = run_reports_dir(run_id, job)
    has_docs = (run_dir / DATA_DOCS / "index.html").is_file()
    report = build_report(
        summary,
        job=job,
        dag_id=dag_id,
        lang=lang,
        run=run,
        policy=loaded.policy if loaded else None,
        policy_sha256=loaded.sha256 if loaded else None,
        history=history,
        logical_date=logical_date,
        data_docs=f"{DATA_DOCS}/index.html" if has_docs else None,
    )
    html = report_html(report)
    json_path, html_path = write_run(run_dir, report, html)
    base = reports_root()
    if loaded is not None:
        _register(loaded, base, lang)
    index_path = write_index(base, lang)
    location = reports_location()
    if is_remote(location):
        parts = [run_dir.relative_to(base).as_posix(), INDEX_JSON, INDEX_HTML]
        if (base / REGISTER_DIR).is_dir():
            parts.append(REGISTER_DIR)
        mirror(base, location, parts)
        log.info("report copied to %s", location)
    log.info("report of run %s: %s", run_id, html_path)
    outcome = _mail(report, html, loaded) if send_mail else None
    return Published(report, run_dir, json_path, html_path, index_path, outcome)


def _register(loaded: LoadedPolicy, base: Path, lang: Lang) -> None:
    """The register of processing follows the policy each run used (a problem is logged, not raised:
    the run's own report matters more)."""
    try:
        from crm_privacy.report.register import write_register
    except ImportError:  # built apart; absent from a partial install
        return
    try:
        write_register(loaded, base, lang=lang)
    except Exception as exc:
        log.warning("register of processing not updated: %s: %s", type(exc).__name__, str(exc)[:200])


def _mail(report: Mapping[str, Any], html: str, loaded: LoadedPolicy | None) -> str | None:
    try:
        from crm_privacy.report.mail import deliver
    except ImportError:
        return None
    recipients = list(loaded.policy.reports.recipients) if loaded else []
    return deliver(report, html, policy_recipients=recipients)  # logs its outcome in one line
