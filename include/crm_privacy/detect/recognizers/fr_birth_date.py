"""Dates of birth written in French, after a birth cue ("né le", "date de naissance", "DDN")."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import DATE_TIME
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|januar|februar|m[äa]rz|juni|juli|oktober|dezember|"
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr?\.|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[ûu]t"
    r"|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\."
)
_DAYS = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ ]+)?"
_DATE = (
    rf"(?:1er|[0-3]?[0-9])\.?[ ]+(?:{_MONTHS})[ ]+(?:19|20)[0-9]{{2}}"
    rf"|(?:{_MONTHS})[ ]+[0-3]?[0-9](?:st|nd|rd|th)?,?[ ]+(?:19|20)[0-9]{{2}}"
    r"|[0-3]?[0-9][ ]?[/.\-][ ]?[01]?[0-9][ ]?[/.\-][ ]?(?:19|20)?[0-9]{2}"
    r"|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"
    r"|[0-3][0-9][01][0-9](?:19|20)[0-9]{2}"  # "11051944", typed without separators
    r"|[0-3]?[0-9][ ][01]?[0-9][ ](?:19|20)[0-9]{2}"  # "24 04 1958"
)
_BORN = r"n[ée]e?(?:\(e\)|e?s)?"
_CUE = (
    rf"{_BORN}(?:[ ]+[àa][ ]+[^,\n;:]{{1,40}}?)?[ ]+le(?:[ \t]*[:=])?"
    r"|date[ ]+of[ ]+birth(?:[ ]+is)?[ ]*:?|d\.?o\.?b\.?[ ]*:|born(?:[ ]+on)?|geburtsdatum[ ]*:?|geboren[ ]+am"
    r"|fecha[ ]+de[ ]+nacimiento[ ]*:?|data[ ]+di[ ]+nascita[ ]*:?"
    # "date de naissance vérifiée : ...", "date de naissance (08/12/1979)", "date de naissance ? Nous
    # avons 25/02/80": a few words may come between the cue and the date
    r"|(?:date[ ]+de[ ]+naissance|ddn|naissance|anniversaire)(?:[ ]*[:=?(][ ]*|[ ]+)(?:[^\d\n.;]{0,30}?[ :(])?"
)
_NUMS = re.compile(r"[0-9]+")


class FrBirthDateRecognizer(FrPatternRecognizer):
    """``née le 3 janvier 1980``, ``date de naissance : 03/01/1980``, ``DDN 1980-01-03``, ``né en 1980``.

    Only dates of birth are personal data worth reporting; a meeting, order or contract date
    ("RDV le 12 mars 2025") is business data and is deliberately NOT reported as DATE_TIME.
    """

    ENTITY = DATE_TIME
    NEEDS = r"[0-9]"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern("birth date", rf"(?<![\w])(?:{_CUE})[ ]*{_DAYS}(?P<pii>{_DATE})(?![0-9])", 0.9),
        Pattern("birth year", rf"(?<![\w]){_BORN}[ ]+en[ ]+(?P<pii>(?:19|20)[0-9]{{2}})(?![0-9])", 0.7),
        Pattern(
            "birth year label",
            r"(?<![\w])ann[ée]e[ ]+de[ ]+naissance[ \t]*[:=\-]?[ \t]*(?P<pii>(?:19|20)[0-9]{2})(?![0-9])",
            0.7,
        ),
    )
    CONTEXT = ("naissance", "ne le", "nee le", "ddn")

    def validate_result(self, pattern_text: str) -> bool:
        nums = [int(n) for n in _NUMS.findall(pattern_text)]
        if len(nums) == 3 and nums[0] > 31:  # ISO: year first
            nums = [nums[2], nums[1], nums[0]]
        if len(nums) == 3:
            return 1 <= nums[0] <= 31 and 1 <= nums[1] <= 12
        return (len(nums) == 2 and 1 <= nums[0] <= 31) or len(nums) == 1
