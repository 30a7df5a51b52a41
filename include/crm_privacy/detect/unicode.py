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


# No-break, narrow, thin, figure and other fixed-width spaces (pasted from word processors and
# e-mails: "06\u00a012\u00a034...") read as a space; non-breaking hyphens as a hyphen. One code point
# for one, so offsets do not move.
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FOR_ANALYSIS = str.maketrans({**dict.fromkeys(_SPACES, " "), "\u2010": "-", "\u2011": "-"})
_ODD = re.compile(f"[{_SPACES}\u2010\u2011\ud800-\udfff]")


def for_analysis(text: str) -> str:
    """What the recognizers read: lone surrogates as U+FFFD, typographic spaces as spaces,
    non-breaking hyphens as hyphens; the same object when there is nothing to change."""
    if text.isascii() or _ODD.search(text) is None:
        return text
    return without_surrogates(text).translate(_FOR_ANALYSIS)
