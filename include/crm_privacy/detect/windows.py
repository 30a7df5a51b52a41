"""Long texts are analysed in bounded, overlapping windows, so memory does not grow with their length.

Window ``k`` covers ``[k * stride, k * stride + size)``, ``stride = size - 2 * margin``. It *owns* the
spans that start in ``[k * stride + margin, (k + 1) * stride + margin)`` (the first window from 0,
the last to the end): every owned span has ``margin`` characters of context on both sides inside its
window, so an entity that straddles a window edge is found whole by the window that owns its start,
and no span is reported twice. Context cues are looked for 40 characters back at most and entities
are far shorter than the margin; an entity longer than ``margin`` characters may be cut.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

#: Characters of context kept on each side of a window's owned range.
MARGIN_CHARS = 250


class Window(NamedTuple):
    """``[start, end)`` of the text to analyse; spans starting in ``[own_start, own_end)`` are kept."""

    start: int
    end: int
    own_start: int
    own_end: int

    def owns(self, position: int) -> bool:
        return self.own_start <= position < self.own_end


def margin_for(size: int, margin: int = MARGIN_CHARS) -> int:
    """The margin used with windows of ``size`` characters: at most a quarter of the window."""
    return max(0, min(margin, size // 4))


def windows(length: int, size: int, margin: int | None = None) -> Iterator[Window]:
    """The windows of a text of ``length`` characters (one window when it fits in ``size``)."""
    if size < 1:
        raise ValueError("window size must be positive")
    margin = margin_for(size) if margin is None else margin
    if length <= size:
        yield Window(0, length, 0, length)
        return
    stride = size - 2 * margin
    if stride < 1:
        raise ValueError("window margin leaves no room to own any span")
    start = 0
    while True:
        own_start = 0 if start == 0 else start + margin
        if start + size >= length:
            yield Window(start, length, own_start, length)
            return
        yield Window(start, start + size, own_start, start + stride + margin)
        start += stride
