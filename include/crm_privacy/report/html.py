"""Jinja2 rendering of every HTML page of the reports (autoescaped; templates in ``templates/``).

Pages are single self-contained files: CSS is inlined from ``_base.html.j2``, charts are inline SVG,
no font, script or image is fetched from anywhere.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crm_privacy.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = thousands
    env.filters["when"] = when
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context`` (values are escaped)."""
    return environment().get_template(template).render(**context)


def thousands(value: Any, lang: str = "fr") -> str:
    """12345 -> '12 345' (French, narrow no-break space) or '12,345' (English); other values as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def when(value: Any) -> str:
    """An ISO date-time as '2026-12-01 23:58 UTC' (UTC times only; anything else as given, or '—')."""
    if not value:
        return "—"
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.utcoffset() != dt.timedelta(0):
        return text
    return f"{moment:%Y-%m-%d %H:%M} UTC"
