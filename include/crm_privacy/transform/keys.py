"""The pseudonymisation key and keyed hashes (HMAC-SHA256), stable across tables and runs.

The key never comes from the policy or the repository: ``CRM_PRIVACY_HMAC_KEY`` on the CLI, an
Airflow variable or connection in DAGs. Identifiers are normalised first so that ``Jean@X.fr `` and
``jean@x.fr`` give the same pseudonym, which keeps joins between tables possible after treatment.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from typing import Literal

from crm_privacy.errors import ActionError

ENV_VAR = "CRM_PRIVACY_HMAC_KEY"
AIRFLOW_VARIABLE = "crm_privacy_hmac_key"
AIRFLOW_CONNECTION = "crm_privacy_hmac"
PREFIX = "pz:"
MIN_KEY_BYTES = 16
#: hex digits of a SHA-256 HMAC: the most a pseudonym can have after its prefix
DIGEST_HEX_DIGITS = 64


def pseudonym_hex_digits(length: int = 16) -> int:
    """Hex digits in ``KeyRing.pseudonym(kind, value, length)`` (the digest sliced to ``length``)."""
    return len(range(DIGEST_HEX_DIGITS)[:length])


class KeyRing:
    """Holds the secret; computes pseudonyms and subject hashes. Never printed, never stored."""

    def __init__(self, secret: str | bytes) -> None:
        raw = secret.encode() if isinstance(secret, str) else secret
        if len(raw) < MIN_KEY_BYTES:
            raise ActionError(f"the HMAC key is too short ({len(raw)} bytes, need at least {MIN_KEY_BYTES})")
        self._key = raw

    def __repr__(self) -> str:
        return "KeyRing(<secret>)"

    def digest(self, domain: str, value: str) -> str:
        return hmac.new(self._key, f"{domain}\x1f{value}".encode(), hashlib.sha256).hexdigest()

    def pseudonym(self, kind: str, value: str, length: int = 16) -> str:
        """``pz:`` + hex HMAC of the normalised value; the prefix marks a value as already treated."""
        return PREFIX + self.digest(f"pseudonym:{kind}", normalise(kind, value))[:length]

    def subject_hash(self, subject_key: object) -> str:
        """How a subject appears in the ledger: keyed, so the ledger alone cannot re-identify."""
        return self.digest("subject", str(subject_key))


def identifier_hash(keyring: KeyRing, kind: str, normalised: str) -> str:
    """The keyed hash of a normalised identifier (``email``, ``phone``, ``reference``): what the
    ledger's case register and suppression list keep of a person."""
    return keyring.digest("identifier", f"{kind}:{normalised}")


def normalise(kind: str, value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()
    if kind == "email":
        return value.lower()
    if kind == "phone":
        digits = re.sub(r"[^\d+]", "", value.replace("(0)", ""))
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if digits.startswith("0") and len(digits) == 10:
            digits = "+33" + digits[1:]
        if digits.startswith("+330"):  # "+33 06 ...": a redundant trunk 0
            digits = "+33" + digits[4:]
        return digits
    if kind == "person":
        return " ".join(value.lower().split())
    return value


def keyring_from_env() -> KeyRing:
    secret = os.environ.get(ENV_VAR)
    if not secret:
        raise ActionError(
            f"no pseudonymisation key: set {ENV_VAR} (at least {MIN_KEY_BYTES} bytes, e.g. "
            "`openssl rand -hex 32`); keep it out of the policy and the repository"
        )
    return KeyRing(secret)


def keyring_from_airflow() -> KeyRing:
    """Airflow variable ``crm_privacy_hmac_key``, else the password of the Airflow connection
    ``crm_privacy_hmac`` (both can come from a secrets backend), else the environment variable."""
    from airflow.sdk import Connection, Variable

    secret: str | None
    try:
        secret = Variable.get(AIRFLOW_VARIABLE)
    except Exception:  # the Task SDK raises its own not-found error type
        secret = None
    if not secret:
        try:
            secret = Connection.get(AIRFLOW_CONNECTION).password
        except Exception:
            secret = None
    if secret:
        return KeyRing(str(secret))
    return keyring_from_env()


#: where a secret named in the policy is read: an environment variable, an Airflow variable, or the
#: password of an Airflow connection (both Airflow ones can come from a secrets backend)
SecretSource = Literal["env", "variable", "connection"]
SECRET_SOURCES: dict[SecretSource, str] = {
    "env": "the environment variable",
    "variable": "the Airflow variable",
    "connection": "the password of the Airflow connection",
}


def named_secret(source: SecretSource, name: str) -> str | None:
    """The secret held at ``name`` (see ``SecretSource``), or None when it is absent, empty or cannot
    be read (Airflow not reachable outside a task). The value is never logged nor put in a message."""
    if source == "env":
        return os.environ.get(name) or None
    try:
        from airflow.sdk import Connection, Variable

        value = Variable.get(name) if source == "variable" else Connection.get(name).password
    except Exception:  # not found, no Airflow, no API server: the Task SDK raises its own types
        return None
    return str(value) if value else None
