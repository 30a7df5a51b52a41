"""Phone numbers spelled out in words, as voicemail transcriptions write them:
``zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit``, also with some groups in
digits (``zéro sept 41 soixante-neuf 67 03``) or digit by digit (``zéro six 7 zéro huit 4 9 ...``)."""

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
#: a group of the number after the spelled trunk prefix: words, or one or two digits
_GROUP = rf"(?:{_NUMBER}|\d{{1,2}})"


class FrSpelledPhoneRecognizer(FrPatternRecognizer):
    """``zéro six ...`` then three to eight more groups (number words or one or two digits): a
    trunk 0 spelled out starts it."""

    ENTITY = PHONE_NUMBER
    NEEDS = r"(?i)z[ée]ro"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern(
            "spelled",
            rf"(?<![\w-])z[ée]ro{_SEP}(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)(?:{_SEP}{_GROUP}){{3,8}}(?![\w-])",
            0.6,
        ),
    )
