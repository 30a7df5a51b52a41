"""The reports' charts, drawn by matplotlib as SVG text to inline in the HTML (no file, no fetch).

Text stays text (``svg.fonttype: none``): small, searchable, rendered with the reader's fonts. Each chart
gets its own id salt so that two charts inlined in one page never share an element id.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from crm_privacy.report.i18n import ACTIONS, WORDS, Lang

_COLOURS = {
    "delete": "#b42318",
    "anonymise": "#234e8c",
    "minimise": "#4e8cc2",
    "archive": "#9a6700",
    "purge": "#6b4e16",
    "keep": "#8a94a3",
}
_FALLBACK = "#5b6675"


def as_svg(figure: Any, salt: str) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def new_figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    figure.set_facecolor("white")
    return figure


def rows_by_rule(rules: Sequence[Mapping[str, Any]], lang: Lang) -> str | None:
    """Horizontal stacked bars: one bar per rule, one segment per action, rows on the x axis."""
    labels = [str(r["rule_id"]) for r in rules if any(a["rows"] for a in r["actions"])]
    if not labels:
        return None
    actions = sorted({a["action"] for r in rules for a in r["actions"] if a["rows"]})
    figure = new_figure(7.5, 0.5 + 0.45 * len(labels))
    ax = figure.add_subplot()
    left = [0] * len(labels)
    kept = [r for r in rules if str(r["rule_id"]) in labels]
    for action in actions:
        values = [sum(a["rows"] for a in r["actions"] if a["action"] == action) for r in kept]
        ax.barh(
            labels,
            values,
            left=left,
            color=_COLOURS.get(action, _FALLBACK),
            label=ACTIONS[lang].get(action, action),
        )
        left = [x + v for x, v in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel(WORDS[lang]["rows"])
    ax.set_ylabel(WORDS[lang]["rule"])
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#d9dee5", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return as_svg(figure, "rules")


def trend(points: Sequence[Mapping[str, Any]], lang: Lang) -> str | None:
    """Rows treated (bars) and findings (line, right axis) over this job's last runs."""
    if len(points) < 2:
        return None
    words = WORDS[lang]
    labels = [str(p.get("as_of") or "?") for p in points]
    positions = list(range(len(points)))
    figure = new_figure(7.5, 3.0)
    ax = figure.add_subplot()
    ax.bar(positions, [p["rows_treated"] for p in points], color="#234e8c", label=words["trend_rows"])
    ax.set_ylabel(words["trend_rows"])
    ax.set_xticks(positions, labels, rotation=45, ha="right", fontsize=8)
    ax.spines[["top"]].set_visible(False)
    ax.grid(axis="y", color="#d9dee5", linewidth=0.6)
    ax.set_axisbelow(True)
    right = ax.twinx()
    right.plot(
        positions, [p["findings"] for p in points], color="#9a6700", marker="o", label=words["trend_findings"]
    )
    right.set_ylabel(words["trend_findings"])
    right.set_ylim(bottom=0)
    right.spines[["top"]].set_visible(False)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(
        handles, [words["trend_rows"], words["trend_findings"]], loc="upper left", fontsize=8, frameon=False
    )
    ax.set_xlabel(words["as_of"])
    return as_svg(figure, "trend")
