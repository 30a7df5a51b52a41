"""Rules that warn the person before acting (inactive accounts, GDPR_RULES.md R4 and scenario 6).

On the first run past the retention period a notice is queued (recorded in the ledger, keyed by the
subject's hash); the rule acts only on a later run, once the notice has waited ``notice.wait`` and
only if no newer activity happened since: a login after the notice cancels it and restarts the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import ColumnElement, select

from crm_privacy.crm.binding import Binding
from crm_privacy.errors import PolicyError
from crm_privacy.policy.model import RetentionRule
from crm_privacy.privatefiles import open_private
from crm_privacy.rules.calendar import add_period
from crm_privacy.rules.keysets import TakenKeys, key_order
from crm_privacy.transform.keys import KeyRing

_CHUNK = 5000


class NoticeStore(Protocol):
    def notices(self, rule_id: str, subject_hashes: Sequence[str]) -> Mapping[str, dt.date]: ...


class NoticeCheck:
    def __init__(self, store: NoticeStore, keyring: KeyRing, as_of: dt.date) -> None:
        self.store, self.keyring, self.as_of = store, keyring, as_of

    def split(
        self,
        conn: Any,
        binding: Binding,
        rule: RetentionRule,
        target: ColumnElement[bool],
        act_path: Path,
        notify_path: Path,
        taken: TakenKeys | None = None,
    ) -> tuple[int, int, int]:
        """Write the subjects to act on and those to warn; return (act, notify, waiting) counts.
        Subjects ``taken`` by an earlier rule of this run (it erases them) are left out."""
        assert rule.notice is not None
        subject = binding.subject
        if any(src.table != subject.name or src.organisation for src in rule.clock):
            raise PolicyError(
                f"rules.{rule.id}.notice: the clock of a rule with a notice must use subject columns"
            )
        clock_columns = [subject.c[src.column] for src in rule.clock]
        acted_before = add_period(self.as_of, rule.notice.wait, sign=-1)
        query = select(binding.subject_key, *clock_columns).where(target).order_by(key_order(binding))
        act = notify = waiting = 0
        # statement options: Connection.execution_options() would make every later query stream too
        result = conn.execute(query, execution_options={"stream_results": True, "yield_per": _CHUNK})
        with (
            open_private(act_path) as act_out,
            open_private(notify_path) as notify_out,
        ):
            for partition in result.partitions():
                rows = [r for r in partition if taken is None or not taken.taken(r[0])]
                if not rows:
                    continue
                hashes = [self.keyring.subject_hash(r[0]) for r in rows]
                known = self.store.notices(rule.id, hashes)
                for row, digest in zip(rows, hashes, strict=True):
                    last = max((_as_date(v) for v in row[1:] if v is not None), default=None)
                    noticed = known.get(digest)
                    if noticed is None or (last is not None and noticed < last):
                        notify_out.write(json.dumps(row[0]) + "\n")
                        notify += 1
                    elif noticed <= acted_before:
                        act_out.write(json.dumps(row[0]) + "\n")
                        act += 1
                    else:
                        waiting += 1
        return act, notify, waiting


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[no-any-return]
