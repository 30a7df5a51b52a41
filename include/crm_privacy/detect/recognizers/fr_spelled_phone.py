"""Phone numbers spelled out in words, as voicemail transcriptions write them:
``zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit``."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PHONE_NUMBER
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_UNIT = (
    r"(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent)"
)
_NUMBER = rf"{_UNIT}(?:-(?:et-)?{_UNIT})*(?:[ ]et[ ](?:une?|onze))?"
_SEP = r"(?:,?[ ]+|[ ]*-[ ]*)"


class FrSpelledPhoneRecognizer(FrPatternRecognizer):
    """``zéro six ...`` then at least four more number words: a trunk 0 spelled out starts it."""

    ENTITY = PHONE_NUMBER
    NEEDS = r"(?i)z[ée]ro"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern(
            "spelled",
            rf"(?<![\w-])z[ée]ro{_SEP}(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)(?:{_SEP}{_NUMBER}){{3,8}}(?![\w-])",
            0.6,
        ),
    )
