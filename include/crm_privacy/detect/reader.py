"""Input lines of ``crm-privacy detect``, read by a thread and handed over in bounded groups.

A line longer than the cap is skipped piece by piece (never held whole); what the thread has read
ahead is bounded in lines and in size, so memory does not grow with the input or its longest line.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from typing import IO, Any

from crm_privacy.detect.lines import TooLong

#: A longer line gets an error answer instead of being read (``--max-line-bytes``).
MAX_LINE_BYTES = 16 * 1024 * 1024
#: Size of the lines read ahead and not yet taken (one longer line is always let through).
READ_AHEAD_BYTES = 4 * 1024 * 1024
#: Size of one group of lines at most (one longer line makes a group alone).
GROUP_BYTES = 1024 * 1024
_SKIP_PIECE = 1024 * 1024

RawLine = bytes | str | TooLong
Numbered = tuple[int, RawLine]


def numbered_lines(source: IO[Any], max_line: int = MAX_LINE_BYTES) -> Iterator[Numbered]:
    """(line number from 1, line) for every line of ``source`` (bytes, or str for a text stream);
    a line over ``max_line`` bytes (characters) comes as ``TooLong`` and is not kept in memory."""
    line_no = 0
    while True:
        raw = source.readline(max_line + 1)
        if not raw:
            return
        line_no += 1
        newline = b"\n" if isinstance(raw, bytes) else "\n"
        if len(raw) > max_line and not (len(raw) == max_line + 1 and raw.endswith(newline)):
            while raw and not raw.endswith(newline):
                raw = source.readline(_SKIP_PIECE)
            yield line_no, TooLong(max_line, "bytes" if isinstance(newline, bytes) else "characters")
        else:
            yield line_no, raw


def size_of(raw: RawLine) -> int:
    return 0 if isinstance(raw, TooLong) else len(raw)


class ReadAhead:
    """A queue of numbered lines bounded in count and in total size; ``None`` marks the end."""

    def __init__(self, max_lines: int, max_size: int = READ_AHEAD_BYTES) -> None:
        self.max_lines, self.max_size = max_lines, max_size
        self._items: deque[Numbered | None] = deque()
        self._size = 0
        self._changed = threading.Condition()
        self.failure: BaseException | None = None

    def put(self, item: Numbered | None, stop: threading.Event) -> bool:
        """Wait for room (always some when empty); False when ``stop`` is set meanwhile."""
        size = 0 if item is None else size_of(item[1])
        with self._changed:
            while self._items and (len(self._items) >= self.max_lines or self._size + size > self.max_size):
                if stop.is_set():
                    return False
                self._changed.wait(0.1)
            self._items.append(item)
            self._size += size
            self._changed.notify_all()
        return True

    def get(self, timeout: float | None = None) -> Numbered | None:
        """The next item; raises TimeoutError when none came within ``timeout`` seconds."""
        with self._changed:
            if not self._changed.wait_for(lambda: bool(self._items), timeout):
                raise TimeoutError
            item = self._items.popleft()
            self._size -= 0 if item is None else size_of(item[1])
            self._changed.notify_all()
            return item


def arrivals(
    source: IO[Any],
    batch_size: int,
    *,
    max_line: int = MAX_LINE_BYTES,
    group_size: int = GROUP_BYTES,
    linger: float = 0.05,
) -> Iterator[list[Numbered]]:
    """Numbered lines grouped by what arrived together: at most ``batch_size`` lines and ``group_size``
    bytes, or whatever came within ``linger`` seconds. Raises what reading ``source`` raised, after
    the groups read before it."""
    ahead = ReadAhead(max_lines=batch_size * 4)
    stop = threading.Event()

    def read() -> None:
        try:
            for item in numbered_lines(source, max_line):
                if not ahead.put(item, stop):
                    return
        except Exception as exc:  # handed to the consumer, raised there
            ahead.failure = exc
        ahead.put(None, stop)

    reader = threading.Thread(target=read, name="detect-stdin", daemon=True)
    reader.start()
    try:
        item = ahead.get()
        while item is not None:
            group, size = [item], size_of(item[1])
            fetched = False  # whether ``item`` already holds the first line of the next group
            while len(group) < batch_size:
                try:
                    item = ahead.get(timeout=linger)
                except TimeoutError:
                    break
                if item is None or size + size_of(item[1]) > group_size:
                    fetched = True
                    break
                group.append(item)
                size += size_of(item[1])
            yield group
            if not fetched:
                item = ahead.get()
        if ahead.failure is not None:
            raise ahead.failure
    finally:
        stop.set()
