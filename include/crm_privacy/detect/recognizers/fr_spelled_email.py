"""E-mail addresses dictated in words, as voicemail transcriptions write them:
``alexandre point cadet arobase hotmail point fr``, ``m point ferrari at hotmail point fr``; and
addresses written so robots miss them: ``claire.dupont [at] orange [dot] fr``, ``x(at)gmail.com``."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import EMAIL_ADDRESS
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_WORD = r"[^\W\d_][\w\-]*"
_DOT = r"[ ]+(?:point|dot|tiret[ ]+(?:du[ ]+)?bas|tiret|underscore|under[ ]+score)[ ]+"
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_BRACKET_DOT = rf"(?:[ ]*{_OPEN}[ ]*(?:dot|point)[ ]*{_CLOSE}[ ]*|\.)"


class FrSpelledEmailRecognizer(FrPatternRecognizer):
    """``<name> (point <name>)* arobase|at <domain> (point <word>)+``: the ``arobase``/``at`` and at
    least one ``point`` after it make it an address."""

    ENTITY = EMAIL_ADDRESS
    NEEDS = r"(?i)\b(?:arobase|at)\b"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern(
            "spelled",
            rf"(?<![\w])(?:{_WORD}|[0-9]+)(?:{_DOT}(?:{_WORD}|[0-9]+))*[ ]+(?:arobase|at)[ ]+{_WORD}(?:{_DOT}{_WORD})*"
            rf"{_DOT}(?:fr|com|net|org|eu|be|ch|io|info|biz)(?![\w])",
            0.6,
        ),
        Pattern(
            "bracketed",
            rf"(?<![\w.+\-])[A-Za-z0-9._%+\-]*[A-Za-z0-9][ ]*{_OPEN}[ ]*(?:at|arobase|@)[ ]*{_CLOSE}[ ]*"
            rf"{_LABEL}(?:{_BRACKET_DOT}{_LABEL})*{_BRACKET_DOT}[A-Za-z]{{2,6}}(?![\w])",
            0.6,
        ),
    )

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        if pattern_name == "bracketed":
            return match.span()
        # the local part is the last chain "word (point word)*" before "arobase": "c'est alexandre
        # point cadet arobase ..." starts at "alexandre"
        start, end = match.span()
        at = re.search(r"[ ]+(?:arobase|at)[ ]+", text[start:end], re.IGNORECASE)
        if at is None:
            return None
        local = _LOCAL.search(text, start, start + at.start())
        return (local.start() if local else start), end


_LOCAL = re.compile(rf"(?<![\w])(?:{_WORD}|[0-9]+)(?:{_DOT}(?:{_WORD}|[0-9]+))*$", re.IGNORECASE)
