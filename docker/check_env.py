"""Refuse to start the stack with placeholder, weak or malformed secrets (run by airflow-init).

docker compose itself refuses missing or empty values (``${VAR:?...}``), but a copied .env.example
is neither: its "change-me" placeholders would start a GDPR tool with guessable keys. This script
reads the raw .env values (airflow-init receives them under their .env names), prints one line per
problem, never a value, and exits 1 if there is any; every Airflow service waits for airflow-init.

Run it on a .env file before deploying:  python docker/check_env.py .env
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

PLACEHOLDER = "change-me"

# Keys that sign or encrypt: long, random, and one per purpose.
SIGNING_KEYS = ("AIRFLOW_JWT_SECRET", "AIRFLOW_API_SECRET_KEY", "CRM_PRIVACY_HMAC_KEY")
# Passwords that go inside database URLs and connection JSON: no character needs escaping there.
URL_PASSWORDS = ("AIRFLOW_DB_PASSWORD", "CRM_DB_PASSWORD", "LEDGER_DB_PASSWORD")
REQUIRED = ("AIRFLOW_FERNET_KEY", *SIGNING_KEYS, "AIRFLOW_ADMIN_PASSWORD", *URL_PASSWORDS)

MIN_KEY_LENGTH = 32
MIN_PASSWORD_LENGTH = 12
URL_SAFE = re.compile(r"[A-Za-z0-9._~-]+")
USERNAME = re.compile(r"[A-Za-z0-9._-]+")


def problems(env: Mapping[str, str]) -> list[str]:
    """Every problem found in ``env`` (names only, never values); empty when the settings are usable."""
    found: list[str] = []
    for name in REQUIRED:
        value = env.get(name, "")
        if not value:
            found.append(f"{name} is missing or empty")
        elif PLACEHOLDER in value.lower():
            found.append(f"{name} still holds the .env.example placeholder: generate a real value")
    if found:
        return found

    if not _is_fernet_key(env["AIRFLOW_FERNET_KEY"]):
        found.append(
            "AIRFLOW_FERNET_KEY is not a Fernet key (32 url-safe base64-encoded bytes): generate one with "
            '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`'
        )
    for name in SIGNING_KEYS:
        if len(env[name]) < MIN_KEY_LENGTH:
            found.append(f"{name} is shorter than {MIN_KEY_LENGTH} characters: use `openssl rand -hex 32`")
    for name in (*URL_PASSWORDS, "AIRFLOW_ADMIN_PASSWORD"):
        if len(env[name]) < MIN_PASSWORD_LENGTH:
            found.append(f"{name} is shorter than {MIN_PASSWORD_LENGTH} characters")
    for name in URL_PASSWORDS:
        if not URL_SAFE.fullmatch(env[name]):
            found.append(f"{name} may only use letters, digits and - _ . ~ (it goes inside URLs and JSON)")
    user = env.get("AIRFLOW_ADMIN_USER") or "admin"
    if not USERNAME.fullmatch(user):
        found.append("AIRFLOW_ADMIN_USER may only use letters, digits and - _ .")

    # One secret per purpose: a leaked JWT secret must not also reveal the pseudonymisation key.
    secrets = (*SIGNING_KEYS, "AIRFLOW_FERNET_KEY")
    for i, first in enumerate(secrets):
        for second in secrets[i + 1 :]:
            if env[first] == env[second]:
                found.append(f"{first} and {second} are the same value: generate one per purpose")
    return found


def _is_fernet_key(value: str) -> bool:
    """A Fernet key, or several separated by commas (Airflow's key rotation: new key first)."""
    from cryptography.fernet import Fernet

    try:
        for key in value.split(","):
            Fernet(key.strip().encode())
    except (ValueError, TypeError):
        return False
    return True


def read_env_file(path: Path) -> dict[str, str]:
    """The KEY=VALUE lines of a .env file (comments and blank lines skipped, optional quotes removed)."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    import os

    args = sys.argv[1:] if argv is None else argv
    if args:
        env = read_env_file(Path(args[0]))
    elif env is None:
        env = os.environ
    found = problems(env)
    if found:
        print("check_env: refusing to start crm-privacy, fix .env first:", file=sys.stderr)
        for line in found:
            print(f"  - {line}", file=sys.stderr)
        return 1
    print(f"check_env: {len(REQUIRED)} secrets present, none a placeholder, all well-formed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
