"""Why a step failed, said without personal data, and whether trying again can help.

Used by the DAG tasks (fail at once or let Airflow retry), the run summary, the ledger's ``error``
column and the CLI. Our own errors (``CrmPrivacyError``) are written without personal data and are
shown whole; database errors are reduced to their first line with quoted values hidden
(``crm.db_errors``); any other error is shown by its type only, as its text may quote a row.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from crm_privacy.errors import BatchFailed, ConnectionFailed, CrmPrivacyError

#: Longest message kept in a summary or in the ledger.
MAX_MESSAGE = 500

#: Python errors that are bugs or bad input: running the same code again gives the same error.
_PROGRAMMING_ERRORS: tuple[type[BaseException], ...] = (
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    ValueError,
    AssertionError,
    NotImplementedError,
    LookupError,
    ImportError,
    PermissionError,
    FileNotFoundError,
    IsADirectoryError,
    NotADirectoryError,
)


@dataclass(frozen=True)
class Failure:
    """One failed step, as the summary, the ledger and the task log show it."""

    step: str
    type: str
    message: str
    permanent: bool

    def as_dict(self) -> dict[str, Any]:
        return {"step": self.step, "type": self.type, "message": self.message, "permanent": self.permanent}

    def text(self) -> str:
        """One line for the ledger's ``error`` column."""
        return f"{self.step}: {self.type}: {self.message}"[:MAX_MESSAGE]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failure:
        return cls(
            step=str(data.get("step") or "?"),
            type=str(data.get("type") or "Error"),
            message=str(data.get("message") or ""),
            permanent=bool(data.get("permanent", True)),
        )


def describe(exc: BaseException, known_names: Collection[str] = ()) -> tuple[str, str]:
    """(type name, message without personal data) of ``exc``."""
    from crm_privacy.crm.db_errors import error_code, safe_db_message

    name = type(exc).__name__
    if isinstance(exc, CrmPrivacyError):
        return name, str(exc)[:MAX_MESSAGE]
    if _is_airflow_not_found(exc):
        return name, str(exc)[:MAX_MESSAGE]  # names a connection or variable id, never a value
    if hasattr(exc, "orig") and is_db_error(exc):
        code = error_code(exc)
        message = safe_db_message(exc, known_names)
        return name, (f"[{code}] {message}" if code else message)[:MAX_MESSAGE]
    return name, f"{name} (its text is not shown: it may quote a row)"


def is_permanent(exc: BaseException) -> bool:
    """Whether a retry cannot fix ``exc``: bad conf, policy, guard, key, unknown connection id,
    missing role or privilege, a bug. Transient: a server down or busy, the CRM locked by another run."""
    from crm_privacy.crm.db_errors import is_permission_error, is_transient_db_error
    from crm_privacy.crm.lock import LockBusy

    if isinstance(exc, LockBusy):
        return False  # another run holds the CRM: it frees when that run ends
    if isinstance(exc, (ConnectionFailed, BatchFailed)):
        return exc.permanent
    if isinstance(exc, CrmPrivacyError):
        return True
    if _is_airflow_not_found(exc):
        return True
    if is_db_error(exc):
        return is_permission_error(exc) or not is_transient_db_error(exc)
    return isinstance(exc, _PROGRAMMING_ERRORS)


def failure(step: str, exc: BaseException, known_names: Collection[str] = ()) -> Failure:
    kind, message = describe(exc, known_names)
    return Failure(step=step, type=kind, message=message, permanent=is_permanent(exc))


def error_text(exc: BaseException, known_names: Collection[str] = ()) -> str:
    """``Type: message`` for the ledger's ``error`` column."""
    kind, message = describe(exc, known_names)
    return f"{kind}: {message}"[:MAX_MESSAGE]


def is_db_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError)


def _is_airflow_not_found(exc: BaseException) -> bool:
    """Airflow's "connection/variable not defined" (``AirflowNotFoundException``, Task SDK or core),
    matched by name: this module must not import Airflow."""
    return any(cls.__name__ == "AirflowNotFoundException" for cls in type(exc).__mro__)
