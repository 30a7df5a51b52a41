"""How product code runs inside an Airflow task: failures that explain themselves.

``airflow_task`` wraps each task function:

- an error a retry cannot fix (bad conf, policy, guard, missing key, unknown connection id, missing
  role or privilege, a bug: ``failures.is_permanent``) fails the task at once, without retry
  (``AirflowFailException``);
- any other error (a database briefly down, the CRM locked by another run) is left to Airflow's
  retries, with exponential backoff (``dag_defaults.DEFAULT_ARGS``); the log says it will retry;
- either way the cause, without personal data, goes to the task log and to the XCom
  ``crm_privacy_error`` (``{"step", "type", "message", "permanent"}``), where the run's ``finish``
  task finds it for the summary and the ledger. A new try of the task clears it (Airflow clears a
  task's XComs when it starts again).

Outside Airflow (tests calling the functions directly) the same rules apply; nothing is pushed.
"""

from __future__ import annotations

import functools
import logging
import os
import traceback
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

from crm_privacy.errors import CrmPrivacyError
from crm_privacy.failures import Failure, failure

PROCESSES_VARIABLE = "CRM_PRIVACY_DETECT_PROCESSES"  # as in crm_privacy.detect.scan (kept light here)
#: XCom key of a failed step's cause.
ERROR_KEY = "crm_privacy_error"

log = logging.getLogger("crm_privacy.dagrun")

P = ParamSpec("P")
R = TypeVar("R")

#: Names the current task may show in database error messages (tables, columns, roles of the policy).
_KNOWN_NAMES: set[str] = set()


class RetryableFailure(CrmPrivacyError):
    """A transient failure, re-raised without the driver's text (which may quote a row): Airflow
    retries the task."""


def remember_names(names: set[str]) -> None:
    """Let database error messages of this task show these names (not personal data)."""
    _KNOWN_NAMES.update(names)


def current_ti() -> Any | None:
    """The running Airflow task instance, or None outside a task."""
    try:
        from airflow.sdk import get_current_context

        return get_current_context()["ti"]
    except Exception:  # not in an Airflow task (or no Airflow): nothing to push or read
        return None


def push_xcom(key: str, value: Any) -> None:
    """Push an XCom from the running task; does nothing outside Airflow, never fails the task."""
    ti = current_ti()
    if ti is None:
        return
    try:
        ti.xcom_push(key=key, value=value)
    except Exception as exc:  # the failure being reported matters more than its copy in XCom
        log.warning("could not record %s in XCom (%s)", key, type(exc).__name__)


def step_name(default: str) -> str:
    ti = current_ti()
    task_id = getattr(ti, "task_id", None) if ti is not None else None
    return str(task_id or default)


def airflow_task(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` as an Airflow task body (see the module's docstring).

    PII detection stays in the task's process: forking worker processes from a task (which runs
    log and heartbeat threads) can hang; Airflow's own mapped tasks and workers give the scale-out.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        os.environ.setdefault(PROCESSES_VARIABLE, "1")
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            _fail(failure(step_name(func.__name__), exc, _KNOWN_NAMES), exc)
        finally:  # the task ends: stop its lock heartbeat (the DAG run keeps the lock between tasks)
            from crm_privacy.crm.lock import close_all

            close_all()

    return wrapper


def _fail(found: Failure, exc: Exception) -> NoReturn:
    """Log and record ``found``, then fail the task for good or let Airflow retry it."""
    push_xcom(ERROR_KEY, found.as_dict())
    if _is_bug(exc):  # where it happened helps; the frames show code, not the error's text
        log.error("%s: traceback of the %s (error text withheld):\n%s", found.step, found.type, _frames(exc))
    if found.permanent:
        log.error(
            "%s failed and will not be retried (a retry cannot fix this): %s: %s",
            found.step,
            found.type,
            found.message,
        )
        from airflow.sdk.exceptions import AirflowFailException

        raise AirflowFailException(f"{found.type}: {found.message}") from None
    log.warning(
        "%s failed: %s: %s; this may fix itself: %s",
        found.step,
        found.type,
        found.message,
        _retry_note(),
    )
    if isinstance(exc, CrmPrivacyError):
        raise exc
    raise RetryableFailure(f"{found.type}: {found.message}") from None


def _retry_note() -> str:
    ti = current_ti()
    tries, max_tries = getattr(ti, "try_number", None), getattr(ti, "max_tries", None)
    if not isinstance(tries, int) or not isinstance(max_tries, int):
        return "Airflow will retry it if the task has retries left"
    if tries <= max_tries:
        return f"will retry with exponential backoff (try {tries} of {max_tries + 1})"
    return f"no retry left (try {tries} of {max_tries + 1})"


def _is_bug(exc: Exception) -> bool:
    from crm_privacy.failures import is_db_error

    return (
        not isinstance(exc, CrmPrivacyError) and not is_db_error(exc) and "NotFound" not in type(exc).__name__
    )


def _frames(exc: BaseException) -> str:
    return "".join(traceback.format_tb(exc.__traceback__))
