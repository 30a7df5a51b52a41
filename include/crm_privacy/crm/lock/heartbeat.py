"""A lock's heartbeat: a background thread calling ``beat`` every ``interval`` seconds until stopped."""

from __future__ import annotations

import threading
from collections.abc import Callable

#: One beat, given the stop event of its thread (to check under the caller's own mutex); False ends it.
Beat = Callable[[threading.Event], bool]


class Heartbeat:
    def __init__(self, interval: float, beat: Beat) -> None:
        self.interval = interval
        self._beat = beat
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start beating, unless it already does."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop = threading.Event()  # each thread its own: one stopped stays stopped
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="crm-privacy-lock-heartbeat", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop beating, waiting (up to 5 s) for a beat under way unless called from the beat itself."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            if not self._beat(stop):
                return
