"""A real Airflow for end-to-end tests: api-server, scheduler and dag-processor on a free port.

``AirflowServer.start()`` builds a temporary ``AIRFLOW_HOME`` (SQLite metadata database, LocalExecutor)
with what ``scripts/env.sh`` sets (our DAGs and plugins, the CRM and ledger connections, the work and
report directories, the policy, the HMAC key variable), runs ``airflow db migrate``, then starts the
three components, each in its own process group with its output in ``<home>/component-logs``.
``stop()`` ends every process group (SIGTERM, then SIGKILL).

Authentication is the default SimpleAuthManager with one configured admin user whose password we
write into its password file before start-up (``[core] simple_auth_manager_passwords_file``: the
manager only generates passwords for users missing from that file); ``POST /auth/token`` with JSON
``{"username", "password"}`` returns the JWT (``airflow/api_fastapi/auth/managers/simple/routes/login.py``).

Scheduled runs are switched off (``[scheduler] use_job_schedule = False``): unpausing the ``@daily``
sweep would otherwise start a real sweep of today's date next to the runs the tests trigger.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
AIRFLOW = str(BIN / "airflow")
USERNAME = "e2e-admin"
COMPONENTS = {
    "api-server": ["api-server", "--workers", "1"],
    "scheduler": ["scheduler"],
    "dag-processor": ["dag-processor"],
}
TERMINAL_RUN_STATES = {"success", "failed"}
# Fields Airflow adds to every task log record: left out of the text of a log (the message stays).
CONTEXT_KEYS = frozenset(
    [
        "timestamp",
        "logger",
        "level",
        "filename",
        "lineno",
        "frames",
        "dag_id",
        "task_id",
        "run_id",
        "ti_id",
        "try_number",
        "map_index",
        "exc_notes",
        "syntax_error",
        "is_cause",
        "is_group",
    ]
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 60) -> str:
    """The last lines of a component's log, without the HTTP access lines (the test's own polling)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"({path}: {exc})"
    return "\n".join([line for line in text.splitlines() if "[http.access]" not in line][-lines:])


def task_log_tail(path: Path, lines: int = 30) -> str:
    """The last records of a task's log file (JSON lines) as ``time level event [exception]``."""
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            out.append(line)
            continue
        errors = " ".join(
            f"{e.get('exc_type')}: {e.get('exc_value')}"
            for e in record.get("error_detail") or []
            if isinstance(e, dict)
        )
        out.append(
            f"{record.get('timestamp', '')[11:23]} {record.get('level', '')} {record.get('event', '')} {errors}"
        )
    return "\n".join(out[-lines:])


def log_text(content: Iterable[Any]) -> str:
    """The task log returned by the REST API (structured lines) as plain text, one line per record.

    Every string of a record is kept (event, exception type and value, ...), so a message can be found
    whether Airflow put it in ``event`` or in ``error_detail``.
    """

    def strings(value: Any) -> Iterable[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in CONTEXT_KEYS:
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif value is not None:
            yield str(value)

    return "\n".join(" ".join(strings(record)) for record in content)


class AirflowError(AssertionError):
    """The Airflow under test misbehaved (start-up, API): the message holds the components' logs."""


@dataclass
class AirflowServer:
    home: Path
    crm: Path
    ledger: Path
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    hmac_key: str = field(default_factory=lambda: secrets.token_hex(32))
    jwt_secret: str = field(default_factory=lambda: secrets.token_urlsafe(64))
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    token: str | None = None
    run_ids: list[tuple[str, str]] = field(default_factory=list)  # (dag_id, run_id) of the current test
    _counter: int = 0

    # ---- layout --------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_dir(self) -> Path:
        return self.home / "component-logs"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def workdir(self) -> Path:
        return self.home / "work"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "CRM_PRIVACY"))}
        key, jwt = self.hmac_key, self.jwt_secret
        env.update(
            PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            AIRFLOW_HOME=str(self.home),
            AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"),
            AIRFLOW__CORE__PLUGINS_FOLDER=str(ROOT / "plugins"),
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            AIRFLOW__CORE__PARALLELISM="4",
            AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="True",
            AIRFLOW__CORE__EXECUTOR="LocalExecutor",
            AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"{self.base_url}/execution/",
            AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=f"{USERNAME}:admin",
            AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE=str(self.home / "passwords.json"),
            AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{self.home / 'airflow.db'}",
            AIRFLOW__API__HOST="127.0.0.1",
            AIRFLOW__API__PORT=str(self.port),
            AIRFLOW__API__WORKERS="1",
            AIRFLOW__API__BASE_URL=self.base_url,
            AIRFLOW__API__SECRET_KEY=jwt,
            AIRFLOW__API_AUTH__JWT_SECRET=jwt,  # every component must share it
            AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE="False",
            AIRFLOW__LOGGING__LOGGING_LEVEL="INFO",
            AIRFLOW_CONN_CRM_DEMO=json.dumps({"conn_type": "sqlite", "host": str(self.crm)}),
            AIRFLOW_CONN_CRM_PRIVACY_LEDGER=json.dumps({"conn_type": "sqlite", "host": str(self.ledger)}),
            AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY=key,
            CRM_PRIVACY_HMAC_KEY=key,
            CRM_PRIVACY_WORKDIR=str(self.workdir),
            CRM_PRIVACY_REPORTS_DIR=str(self.reports_dir),
            CRM_PRIVACY_POLICY=str(ROOT / "include" / "policies" / "demo_crm.yaml"),
            CRM_PRIVACY_POLICY_DIR=str(ROOT / "include" / "policies"),
        )
        return env

    # ---- life cycle ----------------------------------------------------------------------------
    def start(self, timeout: float = 300) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        (self.home / "passwords.json").write_text(json.dumps({USERNAME: self.password}) + "\n")
        env = self.env()
        with open(self.log_dir / "db-migrate.log", "wb") as out:
            proc = subprocess.run(
                [AIRFLOW, "db", "migrate"], env=env, stdout=out, stderr=subprocess.STDOUT, timeout=600
            )
        if proc.returncode:
            raise AirflowError(f"airflow db migrate failed:\n{tail(self.log_dir / 'db-migrate.log')}")
        for name, args in COMPONENTS.items():
            with open(self.log_dir / f"{name}.log", "wb") as out:
                self.procs[name] = subprocess.Popen(
                    [AIRFLOW, *args],
                    env=env,
                    cwd=self.home,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: stop() ends its workers too
                )
        self.wait_healthy(timeout)
        self.login()

    def stop(self, grace: float = 20) -> None:
        """End every process we started: each component's process group, and their descendants
        (a task's supervisor runs in a process group of its own)."""
        descendants = self._descendants()
        for proc in self.procs.values():
            self._signal_group(proc.pid, signal.SIGTERM)
        for child in descendants:
            with contextlib.suppress(psutil.Error):
                child.terminate()
        deadline = time.monotonic() + grace
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        psutil.wait_procs(descendants, timeout=max(0.1, deadline - time.monotonic()))
        for proc in self.procs.values():  # workers left behind by a leader that exited
            self._signal_group(proc.pid, signal.SIGKILL)
        for child in [*descendants, *self._descendants()]:
            with contextlib.suppress(psutil.Error):
                child.kill()
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)

    def _descendants(self) -> list[psutil.Process]:
        found: dict[int, psutil.Process] = {}
        for proc in self.procs.values():
            with contextlib.suppress(psutil.Error):
                found.update((c.pid, c) for c in psutil.Process(proc.pid).children(recursive=True))
        return list(found.values())

    @staticmethod
    def _signal_group(pgid: int, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # start_new_session: pgid = pid
            os.killpg(pgid, sig)

    def check_alive(self) -> None:
        dead = {name: proc.returncode for name, proc in self.procs.items() if proc.poll() is not None}
        if dead:
            raise AirflowError(f"Airflow component(s) exited: {dead}\n{self.logs_report()}")

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                resp = httpx.get(f"{self.base_url}/api/v2/monitor/health", timeout=10)
                last = resp.text
                if resp.status_code == 200:
                    health = resp.json()
                    if all(
                        (health.get(part) or {}).get("status") == "healthy"
                        for part in ("metadatabase", "scheduler", "dag_processor")
                    ):
                        return
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(2)
        raise AirflowError(
            f"Airflow not healthy after {timeout:.0f} s (last answer: {last})\n{self.logs_report()}"
        )

    # ---- REST API --------------------------------------------------------------------------------
    def login(self) -> str:
        resp = httpx.post(
            f"{self.base_url}/auth/token", json={"username": USERNAME, "password": self.password}, timeout=30
        )
        if resp.status_code != 201:
            raise AirflowError(f"POST /auth/token: {resp.status_code} {resp.text[:500]}")
        self.token = str(resp.json()["access_token"])
        return self.token

    def api(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        for attempt in range(2):
            headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
            try:
                resp = httpx.request(method, f"{self.base_url}{path}", headers=headers, timeout=60, **kwargs)
            except httpx.HTTPError as exc:
                self.check_alive()
                raise AirflowError(f"{method} {path}: {exc!r}") from exc
            if resp.status_code == 401 and attempt == 0:
                self.login()
                kwargs["headers"] = {}
                continue
            return resp
        return resp

    def api_json(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        resp = self.api(method, path, **kwargs)
        if resp.status_code != expect:
            raise AirflowError(
                f"{method} {path}: expected {expect}, got {resp.status_code}: {resp.text[:2000]}"
            )
        return resp.json()

    def wait_dag(self, dag_id: str, timeout: float = 240) -> dict[str, Any]:
        """Wait until the dag-processor has parsed ``dag_id`` (and no import error is reported)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            errors = self.api_json("GET", "/api/v2/importErrors")
            if errors.get("import_errors"):
                raise AirflowError(f"DAG import errors: {json.dumps(errors, indent=1)[:4000]}")
            resp = self.api("GET", f"/api/v2/dags/{dag_id}")
            if resp.status_code == 200:
                return dict(resp.json())
            time.sleep(2)
        raise AirflowError(f"DAG {dag_id} not parsed after {timeout:.0f} s\n{self.logs_report()}")

    def unpause(self, dag_id: str) -> None:
        dag = self.api_json("PATCH", f"/api/v2/dags/{dag_id}", json={"is_paused": False})
        assert dag["is_paused"] is False, dag

    def next_logical_date(self, day: dt.date) -> str:
        """A logical date on ``day`` (UTC) never used before: (dag_id, logical_date) is unique."""
        self._counter += 1
        stamp = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(seconds=self._counter)
        return stamp.isoformat()

    def trigger(self, dag_id: str, run_id: str, logical_date: str, conf: dict[str, Any]) -> httpx.Response:
        resp = self.api(
            "POST",
            f"/api/v2/dags/{dag_id}/dagRuns",
            json={"dag_run_id": run_id, "logical_date": logical_date, "conf": conf},
        )
        if resp.status_code == 200:
            self.run_ids.append((dag_id, run_id))
        return resp

    def run(self, dag_id: str, run_id: str) -> dict[str, Any]:
        return dict(self.api_json("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}"))

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        data = self.api_json("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=100")
        return list(data["task_instances"])

    def wait_run(
        self, dag_id: str, run_id: str, timeout: float, stop_on_retry: bool = False
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Poll the run until it is terminal; ``stop_on_retry``: return as soon as a task awaits a retry.

        Raises ``AssertionError`` (with the task states and logs) when it is still running at ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            run = self.run(dag_id, run_id)
            tis = self.task_instances(dag_id, run_id)
            if run["state"] in TERMINAL_RUN_STATES:
                return run, tis
            if stop_on_retry and any(ti["state"] == "up_for_retry" for ti in tis):
                return run, tis
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"run {run_id} still {run['state']!r} after {timeout:.0f} s; "
                    f"tasks: {self.describe(tis)}\n{self.run_logs(dag_id, run_id, tis)}"
                )
            self.check_alive()
            time.sleep(1)

    @staticmethod
    def describe(tis: list[dict[str, Any]]) -> str:
        def label(ti: dict[str, Any]) -> str:
            index = "" if ti.get("map_index", -1) == -1 else f"[{ti['map_index']}]"
            return f"{ti['task_id']}{index}={ti['state']}(try {ti.get('try_number')})"

        return ", ".join(
            label(ti) for ti in sorted(tis, key=lambda t: (t["start_date"] or "~", t["task_id"]))
        )

    def task_log(self, dag_id: str, run_id: str, task_id: str, try_number: int, map_index: int = -1) -> str:
        path = f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/logs/{try_number}"
        data = self.api_json(
            "GET",
            path,
            params={"map_index": map_index, "full_content": True},
            headers={"Accept": "application/json"},
        )
        return log_text(data.get("content") or [])

    def run_logs(self, dag_id: str, run_id: str, tis: list[dict[str, Any]] | None = None) -> str:
        """Every tried task's log of a run (through the API), for assertion messages."""
        parts = []
        for ti in tis if tis is not None else self.task_instances(dag_id, run_id):
            for try_number in range(1, int(ti.get("try_number") or 0) + 1):
                try:
                    text = self.task_log(dag_id, run_id, ti["task_id"], try_number, ti.get("map_index", -1))
                except AssertionError as exc:
                    text = str(exc)
                parts.append(
                    f"--- {ti['task_id']}[{ti.get('map_index', -1)}] try {try_number} ---\n{text[-3000:]}"
                )
        return "\n".join(parts)

    def finish_unfinished_runs(self, dag_id: str) -> list[str]:
        """Mark failed every run that is not terminal (a failed test must not block the next ones)."""
        runs = self.api_json("GET", f"/api/v2/dags/{dag_id}/dagRuns?limit=100")["dag_runs"]
        stuck = [r["dag_run_id"] for r in runs if r["state"] not in TERMINAL_RUN_STATES]
        for run_id in stuck:
            self.api("PATCH", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}", json={"state": "failed"})
        return stuck

    # ---- diagnostics -----------------------------------------------------------------------------
    def logs_report(self, lines: int = 60) -> str:
        parts = [f"Airflow home: {self.home} (component logs in {self.log_dir})"]
        for path in sorted(self.log_dir.glob("*.log")):
            parts.append(f"===== {path.name} (last {lines} lines) =====\n{tail(path, lines)}")
        for dag_id, run_id in self.run_ids:
            for path in sorted((self.home / "logs" / f"dag_id={dag_id}" / f"run_id={run_id}").rglob("*.log")):
                parts.append(f"===== task log {path.relative_to(self.home)} =====\n{task_log_tail(path)}")
        return "\n".join(parts)


class LogReporter:
    """A pytest plugin, registered while the server runs: failed tests get the Airflow logs."""

    def __init__(self, server: AirflowServer, fixture_name: str) -> None:
        self.server, self.fixture_name = server, fixture_name

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        outcome = yield
        report = outcome.get_result()
        if report.failed and self.fixture_name in getattr(item, "fixturenames", ()):
            report.sections.append(("Captured Airflow logs", self.server.logs_report()))
