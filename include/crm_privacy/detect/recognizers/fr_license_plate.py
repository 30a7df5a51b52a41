"""French vehicle registration plates: SIV (``AB-123-CD``, since 2009) and FNI (``1234 AB 75``)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import FR_LICENSE_PLATE
from crm_privacy.detect.recognizers._words import CAR_MAKES, CAR_MODELS, has_context
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

# SIV letters exclude I, O and U.
_SIV_LETTERS = r"[A-HJ-NP-TV-Z]{2}"
_WORDS = frozenset(
    [
        "LE",
        "LA",
        "DE",
        "DU",
        "EN",
        "ET",
        "UN",
        "AU",
        "NE",
        "SE",
        "CE",
        "SA",
        "MA",
        "TA",
        "ES",
        "EST",
        "PAR",
        "SUR",
        "NB",
        "CF",
    ]
)
_UNITS = frozenset(
    [
        "KM",
        "ML",
        "CL",
        "DL",
        "KG",
        "MG",
        "MM",
        "CM",
        "HT",
        "EU",
        "GB",
        "MB",
        "KB",
        "PC",
        "MN",
        "JR",
        "HR",
        "MW",
        "KW",
        "KV",
        "AH",
        "EX",
        "NB",
    ]
)
_DEPARTMENT = r"(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])"
#: Car makes and common models: right after a plate they say what it is ("JN882VC Peugeot 308").
_MAKES = re.compile(
    rf"[ ]*[(:\-–—,]?[ ]*(?:{'|'.join(CAR_MAKES + CAR_MODELS)}|citro[eë]n|m[ée]gane|zo[ée]|mini|ds|smart)(?![\w])",
    re.IGNORECASE,
)
#: Headings that make a whole note about vehicles: a plate may come lines after them (a fleet list).
_NOTE_CUES = (
    "flotte", "parc auto", "immatricul", "immat", "vehicule", "vehicules", "carte grise", "parking",
    "stationnement", "tournee", "lld",
)  # fmt: skip
#: Car makes written before a plate ("Renault Clio 525FNE31", "Dacia Sandero 717 LEW 31").
_MAKES_BEFORE = CAR_MAKES
_NOTE_WINDOW = 600
#: letters between two numbers that make a time or a range, not an FNI series ("18 h 30", "1 au 25")
_NOT_SERIES = re.compile(r"(?i)h|au|a|et|ou|mn|min|x|sur")


def _plate_like(candidate: str) -> bool:
    """Whether a plate shape could not just as well be words and numbers ("de 250 km", "2 sur 12",
    "3 x 25"): dashes between its blocks, or two or more capitals that are no word or unit."""
    letters = re.sub(r"[^A-Za-z]", "", candidate)
    if "-" in candidate:
        return True
    return len(letters) >= 2 and letters.isupper() and letters not in _WORDS and letters not in _UNITS


class FrLicensePlateRecognizer(FrPatternRecognizer):
    """``AB-123-CD``, ``AB 123 CD``, ``ab-123-cd``; ``AB123CD`` and the old ``1234 AB 75`` only after a
    cue (immatriculation, plaque, véhicule...): without one they are too often a reference."""

    ENTITY = FR_LICENSE_PLATE
    NEEDS = r"[0-9]{3}|[0-9] ?[A-Za-z]"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern(
            "siv", rf"(?<![\w\-])(?-i:{_SIV_LETTERS}([ \-])(?!000)[0-9]{{3}}\1{_SIV_LETTERS})(?![\w\-])", 0.6
        ),
        Pattern(
            "siv any case",
            rf"(?<![\w\-]){_SIV_LETTERS}([ \-]|[ ]-[ ])(?!000)[0-9]{{3}}\1{_SIV_LETTERS}(?![\w\-])",
            0.5,
        ),
        Pattern("siv compact", rf"(?<![\w\-]){_SIV_LETTERS}(?!000)[0-9]{{3}}{_SIV_LETTERS}(?![\w\-])", 0.5),
        Pattern(
            "fni",
            rf"(?<![\w\-])[1-9][0-9]{{0,3}}([ \-]?)[A-HJ-NP-Z]{{1,3}}\1{_DEPARTMENT}(?![\w\-])",
            0.4,
        ),
    )
    CONTEXT = (
        "immatricul",
        "immat",
        "plaque",
        "vehic",
        "voiture",
        "auto",
        "moto",
        "scooter",
        "camion",
        "utilitaire",
        "carte grise",
        "stationn",
        "parking",
        "pv",
        "fourriere",
        "flotte",
        "tiers",
        "sinistre",
        "constat",
        "livreur",
        "assur",
        "parc auto",
    )
    #: these shapes need a cue: a vehicle word before, a car make right after, or a vehicle heading
    #: earlier in the note
    CUED = frozenset({"siv any case", "siv compact", "fni"})

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        series = re.sub(r"[^A-Za-z]", "", text[start:end])
        near = has_context(text, start, self.CONTEXT)
        if pattern_name == "fni" and (
            _NOT_SERIES.fullmatch(series) or not (near or series.isupper() or "-" in text[start:end])
        ):
            return None  # "18 h 30", "du 1 au 25", "2 sur 12", "3 x 25": a time, a range, a count
        if pattern_name in self.CUED and not (
            near
            or _MAKES.match(text, end)
            or has_context(text, start, _MAKES_BEFORE, window=25)
            or (_plate_like(text[start:end]) and has_context(text, start, _NOTE_CUES, window=_NOTE_WINDOW))
        ):
            return None
        letters = re.sub(r"[^A-Za-z]", "", text[start:end]).upper()
        # "LE 100 KM", "DE 250 ML" in a text typed in capitals: words and units, not a plate
        if (
            pattern_name == "siv"
            and "-" not in text[start:end]
            and not has_context(text, start, self.CONTEXT)
            and (letters[:2] in _WORDS or letters[2:] in _UNITS)
        ):
            return None
        return start, end

    def validate_result(self, pattern_text: str) -> bool | None:
        # "WW-..." temporary plates are real, and "SS-..." (never issued) is still typed by someone
        # about a car: the shape decides, not the issuing rules
        return None
