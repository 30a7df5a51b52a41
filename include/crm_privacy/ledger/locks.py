"""Named leases in the ledger, so two sweeps never work on the same CRM at once.

A lease expires on its own (a killed worker cannot hold a CRM forever). Each step is one statement
in its own transaction, so the database arbitrates between processes and hosts: no read-then-write.
Expiry uses the callers' clocks, which are assumed to agree to well within a lease's TTL.
"""

from __future__ import annotations

import datetime

from sqlalchemy import Engine, delete, insert, update
from sqlalchemy.exc import IntegrityError

from crm_privacy.ledger.schema import locks


def acquire(
    engine: Engine, name: str, owner: str, *, now: datetime.datetime, ttl: datetime.timedelta
) -> bool:
    """True if ``owner`` holds ``name`` until ``now + ttl`` (taken, taken over, or renewed)."""
    expires_at = now + ttl
    if _update(engine, name, owner, expires_at, now=now, take_over=False):
        return True  # already ours: renewed
    if _update(engine, name, owner, expires_at, now=now, take_over=True):
        return True  # the previous holder's lease had run out
    try:
        with engine.begin() as conn:
            conn.execute(insert(locks).values(name=name, owner=owner, acquired_at=now, expires_at=expires_at))
        return True
    except IntegrityError:
        # Someone inserted it between our update and insert: theirs unless it has already expired.
        return _update(engine, name, owner, expires_at, now=now, take_over=True)


def release(engine: Engine, name: str, owner: str) -> None:
    """Drop the lease if ``owner`` still holds it (a lease taken over by another run is left alone)."""
    with engine.begin() as conn:
        conn.execute(delete(locks).where(locks.c.name == name, locks.c.owner == owner))


def _update(
    engine: Engine,
    name: str,
    owner: str,
    expires_at: datetime.datetime,
    *,
    now: datetime.datetime,
    take_over: bool,
) -> bool:
    if take_over:
        stmt = (
            update(locks)
            .where(locks.c.name == name, locks.c.expires_at <= now)
            .values(owner=owner, acquired_at=now, expires_at=expires_at)
        )
    else:
        stmt = update(locks).where(locks.c.name == name, locks.c.owner == owner).values(expires_at=expires_at)
    with engine.begin() as conn:
        return conn.execute(stmt).rowcount == 1
