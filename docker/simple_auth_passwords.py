"""Write SimpleAuthManager's passwords file from .env, just before the api-server starts.

Without this file SimpleAuthManager invents a password for each configured user and prints it in the
api-server's log. Writing it at every start makes AIRFLOW_ADMIN_PASSWORD in .env the password (change
it there, restart airflow-apiserver). The file lives in the container, readable by its user only.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path


def main(env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    path = Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
    user = env.get("AIRFLOW_ADMIN_USER") or "admin"
    password = env.get("AIRFLOW_ADMIN_PASSWORD", "")
    if not password:
        print("simple_auth_passwords: AIRFLOW_ADMIN_PASSWORD is empty", file=sys.stderr)
        return 1
    users = [
        entry.split(":")[0].strip()
        for entry in env.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", "").split(",")
    ]
    if user not in users:
        print(
            f"simple_auth_passwords: user {user!r} is not in AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS",
            file=sys.stderr,
        )
        return 1
    tmp = path.with_name(path.name + ".tmp")
    old_umask = os.umask(0o077)
    try:
        tmp.write_text(json.dumps({user: password}) + "\n", encoding="utf-8")
        tmp.replace(path)
    finally:
        os.umask(old_umask)
    print(f"simple_auth_passwords: password of {user!r} set from AIRFLOW_ADMIN_PASSWORD.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
