"""``free_dead``, for ``crm-privacy unlock``: free the lock of a holder that is gone, never a live one's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from crm_privacy.crm.lock import table
from crm_privacy.crm.lock.core import WAIT_SECONDS, OnDead, hold_session
from crm_privacy.crm.lock.holder import Holder, LockBusy, busy, busy_message, grace_from_env
from crm_privacy.crm.lock.table import SWEEP

REFUSED = "refusing to unlock: "


def free_dead(
    engine: Engine,
    *,
    name: str = SWEEP,
    grace: dt.timedelta | None = None,
    on_dead: OnDead | None = None,
    wait: float = WAIT_SECONDS,
) -> Holder | None:
    """Free the lock if its holder is dead and return that holder (None if the CRM was not locked);
    ``on_dead`` runs first (closing its run in a ledger). A live holder is refused (LockBusy)."""
    grace = grace_from_env() if grace is None else grace
    session = hold_session(engine, name, grace, wait, REFUSED)
    try:
        if not table.has_table(engine):
            return None
        now, holder = table.now_and_holder(engine, name)
        if holder is None:
            return None
        if not holder.dead(now, grace):
            raise busy(holder, grace, REFUSED)
        if on_dead is not None:
            on_dead(holder)
        if not table.delete_dead(engine, name, holder):
            raise LockBusy(REFUSED + busy_message(table.read_holder(engine, name), grace), None)
        return holder
    finally:
        session.release()
