"""A run's conf holds only keys the DAG declares: a typo must not silently run something else.

Airflow merges a run's conf into its params and keeps unknown keys: ``{"dryrun": true}`` would leave
``dry_run`` at its default (false) and start a *real* sweep. The first task of each DAG refuses them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from crm_privacy.errors import UsageError

_SHOWN = 40  # characters of an unknown key shown in the message


def check_conf_keys(conf: Mapping[str, Any] | None, valid: Iterable[str]) -> None:
    """Refuse conf keys that are not params of the DAG, listing the valid ones (and a likely typo)."""
    known = sorted(str(k) for k in valid)
    unknown = sorted(str(k) for k in (conf or {}) if str(k) not in known)
    if not unknown:
        return
    parts = []
    for key in unknown:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        shown = repr(key[:_SHOWN] + ("..." if len(key) > _SHOWN else ""))
        parts.append(f"{shown} (did you mean {close[0]}?)" if close else shown)
    raise UsageError(
        f"unknown key{'s' if len(unknown) > 1 else ''} in the run's conf: {', '.join(parts)}; "
        f"valid keys: {', '.join(known)}. Nothing was planned or changed: trigger again with the right keys"
    )
