"""The sweep's work directory: one private directory per DAG run, removed when the run is done.

``CRM_PRIVACY_WORKDIR`` (default ``$AIRFLOW_HOME/crm_privacy``; shared storage when the tasks of a run
may land on different workers) holds one directory per run (``<run id>``, 0700) with its plan: the
plan file (counts and file names) and the key files (one CRM subject key per line: what the apply
tasks need), all 0600. The ``finish`` task removes the run's directory when the run succeeded (or a
dry run ended); a failed run keeps it, so that retrying its tasks finds the plan. Each successful
run then removes the run directories left behind that are older than
``CRM_PRIVACY_WORKDIR_RETENTION_DAYS`` (default 7): a failed run can be retried for that long.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from crm_privacy.errors import UsageError

RETENTION_VARIABLE = "CRM_PRIVACY_WORKDIR_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 7.0
MAX_RETENTION_DAYS = 3650.0


def workdir_root() -> Path:
    default = Path(os.environ.get("AIRFLOW_HOME", ".")) / "crm_privacy"
    return Path(os.environ.get("CRM_PRIVACY_WORKDIR", default))


REPORTS_VARIABLE = "CRM_PRIVACY_REPORTS_DIR"


def reports_location() -> str:
    """``CRM_PRIVACY_REPORTS_DIR`` as given: a local folder (default ``<work directory root>/reports``)
    or an object storage URL Airflow's ``ObjectStoragePath`` reads (``s3://bucket/reports``...)."""
    return os.environ.get(REPORTS_VARIABLE, "").strip() or str(workdir_root() / "reports")


def is_remote(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


def reports_root() -> Path:
    """The local folder where run reports are written: ``CRM_PRIVACY_REPORTS_DIR``, or, when that is
    an object storage URL, ``<work directory root>/reports`` (each run's report is then copied there)."""
    location = reports_location()
    if is_remote(location):
        return workdir_root() / "reports"
    return Path(location.removeprefix("file://"))


def run_reports_dir(run_id: str, job: str) -> Path:
    """``<reports root>/<job>/<run id made safe>``: two jobs' runs of one date never share a folder."""
    return reports_root() / job / safe_name(run_id)


def safe_name(run_id: str) -> str:
    """A run id as a directory name (Airflow run ids hold ':' and '+')."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in run_id)


def run_workdir(run_id: str) -> Path:
    return workdir_root() / safe_name(run_id)


def retention() -> dt.timedelta:
    """``CRM_PRIVACY_WORKDIR_RETENTION_DAYS`` (days, 1 to 3650), else 7 days."""
    raw = os.environ.get(RETENTION_VARIABLE, "").strip()
    if not raw:
        return dt.timedelta(days=DEFAULT_RETENTION_DAYS)
    try:
        days = float(raw)
    except ValueError:
        days = float("nan")
    if not 1 <= days <= MAX_RETENTION_DAYS:  # NaN fails too
        raise UsageError(f"{RETENTION_VARIABLE} must be a number of days from 1 to 3650, got {raw[:20]!r}")
    return dt.timedelta(days=days)


def remove_run_workdir(run_id: str) -> bool:
    """Remove the run's directory (its plan and key files); False if there was none."""
    path = run_workdir(run_id)
    if not path.is_dir():
        return False
    shutil.rmtree(path)
    return True


def last_change(path: Path) -> float:
    """The newest modification time of a run directory and of what it holds (two levels)."""
    times = [path.stat().st_mtime]
    for child in path.iterdir():
        times.append(child.lstat().st_mtime)
        if child.is_dir() and not child.is_symlink():
            times.extend(grand.lstat().st_mtime for grand in child.iterdir())
    return max(times)


def is_run_dir(path: Path) -> bool:
    """A run's directory: a real directory holding a plan, key files, or nothing (never the reports
    directory, which defaults to ``<workdir>/reports``, nor anything else put there)."""
    if path.is_symlink() or not path.is_dir() or path.name == "reports":
        return False
    names = [child.name for child in path.iterdir()]
    return not names or "plan.json" in names or any(n.startswith(("keys_", "notify_")) for n in names)


def purge_stale(now: dt.datetime, keep: str = "") -> list[str]:
    """Remove run directories unchanged for longer than ``retention()``, except ``keep``; return
    their names."""
    root = workdir_root()
    if not root.is_dir():
        return []
    limit = (now - retention()).timestamp()
    removed = []
    for path in sorted(root.iterdir()):
        if path.name == keep or not is_run_dir(path):
            continue
        try:
            if last_change(path) < limit:
                shutil.rmtree(path)
                removed.append(path.name)
        except FileNotFoundError:  # removed meanwhile (another run's finish)
            continue
    return removed
