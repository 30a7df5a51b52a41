"""The deadlines of open data-subject requests on a given day, for the DPO: ``deadlines.json`` and
``deadlines.html`` (French) under ``<reports base>/requests/``.

A case appears by its reference, type, dates and status only: never an identifier nor its hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm_privacy.requests.deadlines import ALERT_DAYS

#: Folder of the deadline files under the reports base.
FOLDER = "requests"
JSON_NAME = "deadlines.json"
HTML_NAME = "deadlines.html"
SCHEMA_VERSION = 1
#: Cases drawn in the chart (the nearest deadlines first); the table always lists every open case.
CHART_CASES = 40

TYPES_FR = {
    "access": "accès (art. 15)",
    "rectification": "rectification (art. 16)",
    "erasure": "effacement (art. 17)",
    "portability": "portabilité (art. 20)",
    "objection": "opposition (art. 21)",
}
STATUSES_FR = {"open": "ouverte", "waiting_identity": "en attente d'identité", "review": "à revoir"}
STATES_FR = {"overdue": "en retard", "due_soon": "échéance proche", "on_time": "dans les temps"}
_COLOURS = {"overdue": "#b42318", "due_soon": "#9a6700", "on_time": "#234e8c"}


@dataclass(frozen=True)
class CaseDeadline:
    reference: str
    request_type: str
    received: dt.date
    due_at: dt.date
    days_left: int
    status: str

    @property
    def state(self) -> str:
        """``overdue`` (deadline passed), ``due_soon`` (within ``ALERT_DAYS``) or ``on_time``."""
        if self.days_left < 0:
            return "overdue"
        return "due_soon" if self.days_left <= ALERT_DAYS else "on_time"

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "request_type": self.request_type,
            "received": self.received.isoformat(),
            "due_at": self.due_at.isoformat(),
            "days_left": self.days_left,
            "status": self.status,
            "state": self.state,
        }


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def case_deadlines(cases: Iterable[Mapping[str, Any]], as_of: dt.date) -> list[CaseDeadline]:
    """Every open case (``Cases.all(open_only=True)``) with its days left on ``as_of``, nearest first."""
    found = [
        CaseDeadline(
            reference=str(case["reference"]),
            request_type=str(case["request_type"]),
            received=_day(case["received"]),
            due_at=_day(case["due_at"]),
            days_left=(_day(case["due_at"]) - as_of).days,
            status=str(case["status"]),
        )
        for case in cases
    ]
    return sorted(found, key=lambda c: (c.due_at, c.reference))


def alerts(deadlines: Iterable[CaseDeadline]) -> list[CaseDeadline]:
    """The cases to act on: overdue or due within ``ALERT_DAYS`` days."""
    return [c for c in deadlines if c.state != "on_time"]


def listing(deadlines: list[CaseDeadline], as_of: dt.date, run_id: str | None = None) -> dict[str, Any]:
    """The JSON document: counts, then every open case."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "crm_privacy.request_deadlines",
        "as_of": as_of.isoformat(),
        "run_id": run_id,
        "alert_days": ALERT_DAYS,
        "counts": {
            "open": len(deadlines),
            "due_soon": sum(c.state == "due_soon" for c in deadlines),
            "overdue": sum(c.state == "overdue" for c in deadlines),
        },
        "cases": [c.as_dict() for c in deadlines],
    }


def chart(deadlines: list[CaseDeadline], as_of: dt.date) -> str | None:
    """One bar per open case, from its receipt to its deadline, coloured by state; a line on ``as_of``."""
    if not deadlines:
        return None
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from crm_privacy.report.charts import as_svg, new_figure

    shown = deadlines[:CHART_CASES]
    figure = new_figure(7.5, 0.9 + 0.32 * len(shown))
    ax = figure.add_subplot()
    # x: days from as_of (the dates are written on the axis)
    starts = [(c.received - as_of).days for c in shown]
    widths = [max((c.due_at - c.received).days, 0.5) for c in shown]
    ax.barh(
        [c.reference for c in shown],
        widths,
        left=starts,
        color=[_COLOURS[c.state] for c in shown],
        height=0.6,
    )
    ax.axvline(0, color="#1d2430", linewidth=1.2, linestyle="--")
    ax.text(0, -0.9, f" {as_of.isoformat()}", fontsize=8, va="bottom")
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: (as_of + dt.timedelta(days=int(x))).isoformat()))
    ax.tick_params(axis="x", labelsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("de la réception à l'échéance")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#d9dee5", linewidth=0.6)
    ax.set_axisbelow(True)
    present = [s for s in ("overdue", "due_soon", "on_time") if any(c.state == s for c in shown)]
    ax.legend(
        [Patch(color=_COLOURS[s]) for s in present],
        [STATES_FR[s] for s in present],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
    )
    return as_svg(figure, "deadlines")


def page(document: Mapping[str, Any], deadlines: list[CaseDeadline], as_of: dt.date) -> str:
    from crm_privacy.report.html import render

    return render(
        "deadlines.html.j2",
        lang="fr",
        doc=document,
        cases=deadlines,
        types=TYPES_FR,
        statuses=STATUSES_FR,
        states=STATES_FR,
        chart=chart(deadlines, as_of),
        chart_cases=CHART_CASES,
    )


def write_deadlines(
    deadlines: list[CaseDeadline], as_of: dt.date, base: Path, run_id: str | None = None
) -> tuple[dict[str, Any], Path, Path]:
    """Write both files under ``<base>/requests/`` (copied to object storage when the reports base is
    a URL); return the JSON document and the two paths."""
    from crm_privacy.dagrun.workdir import is_remote, reports_location
    from crm_privacy.report.store import dumps, mirror, write_atomic

    document = listing(deadlines, as_of, run_id)
    json_path, html_path = base / FOLDER / JSON_NAME, base / FOLDER / HTML_NAME
    write_atomic(json_path, dumps(document))
    write_atomic(html_path, page(document, deadlines, as_of))
    location = reports_location()
    if is_remote(location):
        mirror(base, location, [f"{FOLDER}/{JSON_NAME}", f"{FOLDER}/{HTML_NAME}"])
    return document, json_path, html_path
