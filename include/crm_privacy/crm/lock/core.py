"""A run's hold on the sweep lock: ``CrmLock`` takes it, keeps it alive and frees it."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from crm_privacy.crm.lock import table
from crm_privacy.crm.lock.heartbeat import Heartbeat
from crm_privacy.crm.lock.holder import Holder, LockMode, busy, grace_from_env, lost, not_held, session_lost
from crm_privacy.crm.lock.sessions import SessionLock, take_session
from crm_privacy.crm.lock.table import SWEEP

#: How long a contender waits for the session lock, which others hold for a moment to change the row.
WAIT_SECONDS = 3.0

#: Called with a dead holder before its lock changes hands (closing its run in a ledger).
OnDead = Callable[[Holder], None]


def hold_session(
    engine: Engine, name: str, grace: dt.timedelta, wait: float, prefix: str = ""
) -> SessionLock:
    """The session lock (see ``take_session``), else LockBusy naming the row's holder."""
    session = take_session(engine, name, wait)
    if session is None:
        raise busy(table.read_holder(engine, name), grace, prefix)
    return session


_OPEN: weakref.WeakSet[CrmLock] = weakref.WeakSet()


def close_all() -> None:
    """Stop every heartbeat and session of this process (an Airflow task ending: its run keeps the lock)."""
    for lock in list(_OPEN):
        lock.close()


class CrmLock:
    """One run's hold on the sweep lock of one CRM. Nothing touches the database before ``acquire``."""

    def __init__(
        self,
        engine: Engine,
        *,
        run_id: str,
        job: str,
        mode: LockMode,
        name: str = SWEEP,
        grace: dt.timedelta | None = None,
        wait: float = WAIT_SECONDS,
    ) -> None:
        if mode not in ("process", "run"):
            raise ValueError(f"unknown lock mode {mode!r}")
        self.engine, self.run_id, self.job, self.mode, self.name = engine, run_id, job, mode, name
        self.grace = grace_from_env() if grace is None else grace
        self.interval = max(0.5, min(60.0, self.grace.total_seconds() / 6))
        self._wait = wait
        self._session: SessionLock | None = None
        self._mutex = threading.Lock()  # one user of the session at a time: the run or its heartbeat
        self._lost: str | None = None
        self._heartbeat = Heartbeat(self.interval, self._beat)
        _OPEN.add(self)

    def acquire(self, on_dead: OnDead | None = None) -> Holder | None:
        """Take the lock for this run and keep it (session and heartbeat) until ``release``/``close``.

        A dead holder is taken over: ``on_dead`` runs first (closing its run in the ledger), and the
        holder is returned. A live holder is refused (LockBusy naming it). A retry of this run (an
        Airflow task retried) takes its own lock again."""
        with self._mutex:
            session, dead = self._take(on_dead, take_over=True)
            if self.mode == "process":
                self._session = session  # kept: it dies with this process
            else:
                session.release()  # liveness by heartbeat
            self._lost = None
        self._heartbeat.start()
        return dead

    def ensure_held(self) -> None:
        """Fail (LockLost) unless this run holds the lock; renews the heartbeat now and from a
        background thread until ``close``. Call before touching the CRM."""
        with self._mutex:
            if self._lost is None:
                self._check()
            reason = self._lost
        if reason is not None:
            raise lost(reason)
        self._heartbeat.start()

    def release(self) -> None:
        """Free the lock if this run still holds it (a lock taken over is left alone), then close."""
        self._heartbeat.stop()
        try:
            table.delete_own(self.engine, self.name, self.run_id)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the heartbeat and drop the session lock, leaving the row: what an Airflow task does
        when it ends (its run keeps the lock). For a process holder it is as if it had died."""
        self._heartbeat.stop()
        with self._mutex:
            session, self._session = self._session, None
            if session is not None:
                session.release()

    # -- internals: called with the mutex held (``_beat`` takes it) ---------------------------------

    def _take(self, on_dead: OnDead | None, *, take_over: bool) -> tuple[SessionLock, Holder | None]:
        """The session lock, with the row made this run's (``_claim``); the caller keeps or frees it."""
        session = hold_session(self.engine, self.name, self.grace, self._wait)
        try:
            table.ensure_table(self.engine)
            return session, self._claim(on_dead, take_over=take_over)
        except BaseException:
            session.release()
            raise

    def _claim(self, on_dead: OnDead | None, *, take_over: bool) -> Holder | None:
        """With the session lock held: make the row this run's. Returns the dead holder taken over."""
        now, current = table.now_and_holder(self.engine, self.name)
        mine = table.this_process(self.run_id, self.job, self.mode, now)
        if current is not None and current.run_id == self.run_id:
            table.update_own(self.engine, self.name, mine)
            return None
        if not take_over:
            self._lost = not_held(self.run_id, current)
            raise lost(self._lost)
        if current is None:
            try:
                table.insert_row(self.engine, self.name, mine)
            except IntegrityError:  # a run holder's release and a taker met: look again later
                raise busy(None, self.grace) from None
            return None
        if not current.dead(now, self.grace):
            raise busy(current, self.grace)
        if on_dead is not None:
            on_dead(current)
        if not table.take_over(self.engine, self.name, current, mine):  # it heartbeat (or finished) meanwhile
            raise busy(table.read_holder(self.engine, self.name), self.grace)
        return current

    def _check(self) -> None:
        """Renew a run holder's heartbeat; re-take a process holder's session (a retry) or check it."""
        if self.mode == "run":
            self._renew()
        elif self._session is None:  # a new context of a process run (a retry): re-take it
            self._session, _ = self._take(None, take_over=False)
        elif not self._session.alive():
            self._lost = session_lost(self.run_id)

    def _renew(self) -> None:
        """Heartbeat; marks the lock lost if the row is not ours any more."""
        if not table.renew(self.engine, self.name, self.run_id):
            self._lost = not_held(self.run_id, table.read_holder(self.engine, self.name))

    def _beat(self, stop: threading.Event) -> bool:
        """One heartbeat from the background thread; False when there is nothing left to keep."""
        with self._mutex:
            if stop.is_set() or self._lost is not None:
                return False
            if self.mode == "process":
                if self._session is None:
                    return False
                if not self._session.alive():
                    self._lost = session_lost(self.run_id)
                    return False
            with contextlib.suppress(SQLAlchemyError):  # busy or unreachable for a moment: grace covers it
                self._renew()
            return True
