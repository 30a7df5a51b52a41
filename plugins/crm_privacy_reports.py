"""The "RGPD" entry of the Airflow UI: the DPO's run reports, Data Docs and register of processing.

The api-server mounts ``crm_privacy.report.webapp`` under ``/crm-privacy``; the UI shows it in an
iframe under ``/plugin/rgpd``. Every page needs a logged-in Airflow user. The app is built at its
first request, so the scheduler, the dag-processor and the workers, which load plugins too, never
import FastAPI or the webapp for it.
"""

from __future__ import annotations

from typing import Any

from airflow.plugins_manager import AirflowPlugin

URL_PREFIX = "/crm-privacy"
# A shield, inline: the navigation shows it before the user opens anything.
ICON = (
    "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' "
    "stroke='%23667085' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>"
    "<path d='M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z'/><path d='m9 12 2 2 4-4'/></svg>"
)


class LazyReportsApp:
    """An ASGI app that builds the webapp at its first request."""

    def __init__(self) -> None:
        self._app: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self._app is None:
            from crm_privacy.report.webapp import create_app

            self._app = create_app()
        await self._app(scope, receive, send)

    def __repr__(self) -> str:  # what GET /api/v2/plugins shows
        return "crm_privacy.report.webapp:create_app()"


class CrmPrivacyReportsPlugin(AirflowPlugin):
    """The RGPD pages (the timetable plugin is ``crm_privacy``, an entry point of the package)."""

    name = "crm_privacy_reports"
    fastapi_apps = [  # noqa: RUF012 (AirflowPlugin declares it a plain attribute)
        {"app": LazyReportsApp(), "url_prefix": URL_PREFIX, "name": "crm-privacy RGPD"}
    ]
    external_views = [  # noqa: RUF012
        {
            "name": "RGPD",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "url_route": "rgpd",
            "nav_top_level": True,
            "icon": ICON,
        }
    ]
