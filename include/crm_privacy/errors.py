"""Domain exceptions. Messages name what failed and where, never a personal value."""

from __future__ import annotations


class CrmPrivacyError(Exception):
    """Base class: the CLI prints these as one clear line and exits with status 2."""


class ConnectionFailed(CrmPrivacyError):
    """A database (CRM or ledger) could not be reached.

    ``permanent``: a retry cannot help (wrong URL, unknown driver, bad credentials, no such database);
    otherwise the server may just be down for a moment."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class SchemaNotEmpty(CrmPrivacyError):
    """Refusing to write demo data into a schema that already holds tables."""


class PolicyError(CrmPrivacyError):
    """The policy file is broken or does not match the CRM schema."""


class GuardRefused(CrmPrivacyError):
    """A plan was refused by a safety guard (blast radius, lock, missing key)."""


class ActionError(CrmPrivacyError):
    """An action was misconfigured or cannot run (e.g. no HMAC key)."""


class BatchFailed(CrmPrivacyError):
    """A batch of a sweep failed and was rolled back (the message holds no row values).

    ``permanent`` says whether its cause can fix itself (a server briefly down) or not (a missing
    role, a policy error): Airflow retries the first kind only."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class UsageError(CrmPrivacyError):
    """An option or DAG param is out of range (max share, run date) or the ledger is the CRM itself."""


class ValidationFailed(CrmPrivacyError):
    """The validation gate found what must not be there after a run (the message names tables,
    columns, expectations and counts, never a value)."""
