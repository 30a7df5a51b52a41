"""``report.html`` and the runs' ``index.html``: the report JSON made readable, in its language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from crm_privacy.report import charts
from crm_privacy.report.html import render
from crm_privacy.report.i18n import JOBS, STATUSES, WORDS, lang_of


def report_html(report: Mapping[str, Any]) -> str:
    lang = lang_of(report.get("lang"))
    words = WORDS[lang]
    validation = report.get("validation") or {}
    passed = validation.get("passed")
    return render(
        "report.html.j2",
        lang=lang,
        words=words,
        r=report,
        job_title=JOBS[lang].get(str(report.get("job")), str(report.get("job"))),
        status_label=STATUSES[lang].get(str(report.get("status")), str(report.get("status"))),
        validation_label=words["validation_passed"]
        if passed
        else words["validation_failed"]
        if passed is False
        else words["validation_not_run"],
        charts={
            "rules": charts.rows_by_rule(report.get("rules") or [], lang),
            "trend": charts.trend(report.get("trend") or [], lang),
        },
    )


def index_html(runs: Sequence[Mapping[str, Any]], *, lang: str = "fr", has_register: bool = False) -> str:
    language = lang_of(lang)
    return render(
        "index.html.j2",
        lang=language,
        words=WORDS[language],
        statuses=STATUSES[language],
        runs=runs,
        has_register=has_register,
    )
