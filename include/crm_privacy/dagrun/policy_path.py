"""The ``policy`` param may name only a policy file of the configured policy directory.

Whoever can trigger a run can set its params; a path param that reads any file the worker can read
(``/etc/...``, another project's secrets) is a way to probe them. The policy directory is
``CRM_PRIVACY_POLICY_DIR``, else the directory of ``CRM_PRIVACY_POLICY`` (the default policy), else
``include/policies`` of this project. A relative name is taken in that directory. Refused, by name and
before anything is read: a file outside it (an absolute path elsewhere, ``..``, a symbolic link
leading out), a name not ending in ``.yaml``/``.yml``.
"""

from __future__ import annotations

import os
from pathlib import Path

from crm_privacy.errors import UsageError

POLICY_DIR_VARIABLE = "CRM_PRIVACY_POLICY_DIR"
DEFAULT_POLICY_VARIABLE = "CRM_PRIVACY_POLICY"
SUFFIXES = (".yaml", ".yml")


def policy_dir() -> Path:
    """The directory policy params must stay in."""
    configured = os.environ.get(POLICY_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured)
    default = os.environ.get(DEFAULT_POLICY_VARIABLE, "").strip()
    if default:
        return Path(default).parent
    return Path(__file__).resolve().parents[2] / "policies"  # include/policies of this project


def allowed_policy(given: object) -> str:
    """The resolved path of the policy param ``given``, or UsageError naming it."""
    text = str(given or "").strip()
    shown = repr(text[:200])
    directory = policy_dir()
    where = f"the policy directory {directory} ({POLICY_DIR_VARIABLE})"
    if not text:
        raise UsageError(f"the policy param is empty: name a policy file of {where}")
    if "\x00" in text:
        raise UsageError(f"policy {shown} refused: not a file name")
    path = Path(text)
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"policy {shown} refused: a policy is a .yaml file of {where}")
    try:
        root = directory.resolve(strict=True)
    except OSError:
        raise UsageError(f"policy {shown} refused: {where} does not exist") from None
    resolved = (root / path if not path.is_absolute() else path).resolve()  # follows symlinks and '..'
    if not resolved.is_relative_to(root):
        raise UsageError(
            f"policy {shown} refused: it is outside {where}; put the policy file there (or set "
            f"{POLICY_DIR_VARIABLE} on the workers)"
        )
    return str(resolved)
