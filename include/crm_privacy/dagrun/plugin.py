"""The Airflow plugin of crm-privacy, declared as the package's ``airflow.plugins`` entry point
(pyproject.toml): it registers the DAGs' timetable, which Airflow must know to (de)serialize the DAGs."""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin

from crm_privacy.dagrun.timetable import RunDateTimetable


class CrmPrivacyPlugin(AirflowPlugin):
    """Registers ``RunDateTimetable`` with the scheduler, the DAG processor and the API server."""

    name = "crm_privacy"
    timetables = [RunDateTimetable]  # noqa: RUF012 (AirflowPlugin declares it a plain attribute)
