"""Lone surrogates: code points that Python strings may hold but UTF-8 (and spaCy) cannot encode.

They come from bytes decoded with ``errors="surrogateescape"`` (stdin under a C/UTF-8 locale, some
database drivers) or from a JSON escape such as ``"\\udce9"``. Detection replaces each one by U+FFFD
(one code point for one: offsets do not move); messages give a position, never the text around it.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def first_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate of ``text``, or None."""
    match = _SURROGATE.search(text)
    return None if match is None else match.start()


def without_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD; the same object when there is none."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(REPLACEMENT, text)
