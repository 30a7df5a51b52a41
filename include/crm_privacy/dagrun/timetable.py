"""The DAGs' timetable: a cron schedule whose manual runs must have a usable logical date.

``RunDateTimetable`` schedules like ``CronTriggerTimetable`` (what ``schedule="@daily"`` gives in
Airflow 3). When a run is triggered by hand with a logical date (REST API, UI form, ``airflow dags
test``), Airflow asks the timetable for that run's data interval: this one first refuses a date in
the future or before the DAG's start date (``dagrun.rundate``), so the trigger fails at once with the
reason (HTTP 400) instead of creating a run that would never start, or one with no task.

Airflow needs custom timetables registered by a plugin: ``dagrun.plugin.CrmPrivacyPlugin``, declared as
the ``airflow.plugins`` entry point of this package, so every process where the package is installed
has it (scheduler, DAG processor, API server, ``airflow dags test``), whatever its plugins folder.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from airflow.timetables.base import DataInterval, Timetable
from airflow.timetables.trigger import CronTriggerTimetable
from pendulum import DateTime

from crm_privacy.dagrun.rundate import check_logical_date


class RunDateTimetable(CronTriggerTimetable):
    """``CronTriggerTimetable`` refusing manual logical dates in the future or before ``start``."""

    def __init__(
        self,
        cron: str,
        *,
        timezone: Any = "UTC",
        start: dt.datetime | None = None,
        hint: str = "",
        interval: dt.timedelta = dt.timedelta(),
        run_immediately: bool | dt.timedelta = False,
    ) -> None:
        super().__init__(cron, timezone=timezone, interval=interval, run_immediately=run_immediately)
        self.start = None if start is None else start.astimezone(dt.UTC)
        self.hint = hint

    def infer_manual_data_interval(self, *, run_after: DateTime) -> DataInterval:
        check_logical_date(run_after, self.start, dt.datetime.now(dt.UTC), self.hint)
        return super().infer_manual_data_interval(run_after=run_after)

    def serialize(self) -> dict[str, Any]:
        return {
            **super().serialize(),
            "start": None if self.start is None else self.start.isoformat(),
            "hint": self.hint,
        }

    @classmethod
    def deserialize(cls, data: dict[str, Any]) -> Timetable:
        timetable = super().deserialize(data)  # built with ``cls``: this class, start and hint unset
        assert isinstance(timetable, RunDateTimetable)
        start = data.get("start")
        timetable.start = None if start is None else dt.datetime.fromisoformat(start)
        timetable.hint = str(data.get("hint") or "")
        return timetable
