"""Dates of birth written in French, after a birth cue ("né le", "date de naissance", "DDN")."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import DATE_TIME
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|januar|februar|m[äa]rz|juni|juli|oktober|dezember|"
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[ûu]t"
    r"|septembre|sept?\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?"
)
_DAYS = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ ]+)?"
#: a day of the month said in words, as a call transcript writes it: "le neuf septembre 1976"
_DAY_WORDS = (
    r"premier|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    r"|dix-sept|dix-huit|dix-neuf|vingt(?:[ -]et[ -]un|-deux|-trois|-quatre|-cinq|-six|-sept|-huit|-neuf)?"
    r"|trente(?:[ -]et[ -]un)?"
)
DATE_SHAPE = (
    rf"(?:1er|[0-3]?[0-9]|{_DAY_WORDS})\.?[ ]+(?:{_MONTHS})[ ]+(?:19|20)[0-9]{{2}}"
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
    r"|(?:date[ ]+de[ ]+naissance|ddn|naissance|anniversaire|date[ ]+(?:de[ ]+)?naiss\.?)"
    r"(?:[ ]*[:=?(][ ]*|[ ]+)(?:[^\d\n.;]{0,30}?[ :(])?"
    # form and export labels: "date_nai:", "date_naissance:", "\"birthdate\": \"", "Date et lieu de
    # naisance :" (typo included), "dt naiss."
    r"|(?:date|dt)[ _\-]*(?:et[ ]+lieu[ ]+)?(?:de[ _]+)?nai(?:s{1,2}(?:ance)?)?\.?[\"'»]?[ ]*[:=][ ]*[\"'«]?[ ]*"
    r"|(?:birth[ _]?date|date[ _]of[ _]birth|dob)[\"']?[ ]*[:=][ ]*[\"']?[ ]*"
)
#: the start of a chat or minutes line, before the answer: "[11:44] Vous : ", "Client > ", "- "
_SPEAKER = r"(?:\[[0-9:h ]{3,8}\][ ]*)?(?:[^\n:>\[]{1,30}?[ ]?[:>][ ]*)?"
_NUMS = re.compile(r"[0-9]+")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
#: a table row without a header ("Mme|Touré|Oumou|1er décembre 1971|06 48 ..."): a cell that is a date
#: of a year a living customer was born in, on a line of at least three cells of one separator
_CELL_SEPARATORS = ",;|\t"
#: a document about a birth ("acte de naissance", "extrait de naissance"): the date after it is the
#: document's when its year is no customer's birth year
_DOCUMENT = re.compile(
    r"(?i)(?:acte|extrait|certificat|d[ée]claration|copie)(?:[ ]+int[ée]grale)?(?:[ ]+d['’]acte)?[ ]+de[ ]*$"
)
_BORN_BY = 2010


def _not_a_birth_year(text: str, start: int, end: int) -> bool:
    year = _YEAR.search(text, start, end)
    return year is None or int(year.group()) > _BORN_BY


class FrBirthDateRecognizer(FrPatternRecognizer):
    """``née le 3 janvier 1980``, ``date de naissance : 03/01/1980``, ``DDN 1980-01-03``, ``né en 1980``.

    Only dates of birth are personal data worth reporting; a meeting, order or contract date
    ("RDV le 12 mars 2025") is business data and is deliberately NOT reported as DATE_TIME.
    """

    ENTITY = DATE_TIME
    NEEDS = r"[0-9]"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern("birth date", rf"(?<![\w])(?:{_CUE})[ ]*{_DAYS}(?P<pii>{DATE_SHAPE})(?![0-9])", 0.9),
        # "ma date de naissance est erronée sur le contrat : c'est le 28 février 1982": the cue opens
        # the sentence, the date comes later in it (no other number in between)
        Pattern(
            "birth sentence",
            rf"(?<![\w])(?:date[ ]+de[ ]+naissance|naissance|ddn)(?![\w])[^\n.;!?0-9]{{0,80}}?[ :(]"
            rf"{_DAYS}(?P<pii>{DATE_SHAPE})(?![0-9])",
            0.8,
        ),
        # a chat or a form asks for the date of birth on one line, the answer opens the next one:
        # "il me faut votre date de naissance.\n[11:44] Vous : 1er février 1968"
        Pattern(
            "birth answer",
            rf"(?<![\w])(?:date[ ]+de[ ]+naissance|naissance|ddn)(?![\w])[^\n0-9]{{0,60}}\n[ \t]*{_SPEAKER}"
            rf"(?:le[ ]+)?{_DAYS}(?P<pii>{DATE_SHAPE})(?![0-9])",
            0.8,
        ),
        # family members on an HR or insurance form: "Enfant : Léo (22/08/2020)", "Conjoint(e) : Lucien
        # Lopez, 23/08/1968"
        Pattern(
            "family member",
            r"(?<![\w])(?:enfants?|conjoint(?:\(e\)|e)?|[ée]poux|[ée]pouse|ayant[ -]droit)(?:[ ]*[0-9])?[ ]*:"
            rf"[^\n(,0-9]{{1,60}}?(?:\([ ]*|,[ ]*)(?:n[ée]e?\(?e?\)?[ ]+le[ ]+)?(?P<pii>{DATE_SHAPE})(?![0-9])",
            0.8,
        ),
        # a change history: "« Date de naissance » : 2 juin 1979 => 7 avril 1947"
        Pattern(
            "birth date changed",
            rf"(?<![\w])naissance[^\n]{{0,40}}?(?:=>|->|→)[ ]*(?P<pii>{DATE_SHAPE})(?![0-9])",
            0.8,
        ),
        Pattern("table cell", rf"(?m)(?:^|[,;|\t])[ ]*\"?(?P<pii>{DATE_SHAPE})\"?[ ]*(?=[,;|\t]|$)", 0.6),
        Pattern("birth year", rf"(?<![\w]){_BORN}[ ]+en[ ]+(?P<pii>(?:19|20)[0-9]{{2}})(?![0-9])", 0.7),
        Pattern(
            "birth year label",
            r"(?<![\w])ann[ée]e[ ]+de[ ]+naissance[ \t]*[:=\-]?[ \t]*(?P<pii>(?:19|20)[0-9]{2})(?![0-9])",
            0.7,
        ),
    )
    CONTEXT = ("naissance", "ne le", "nee le", "ddn")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span("pii")
        if _DOCUMENT.search(text, max(0, match.start() - 40), match.start()) and _not_a_birth_year(
            text, start, end
        ):
            return None  # "Acte de naissance manquant → 15/04/2025": a document's date, not a birth
        if pattern_name in ("birth sentence", "birth answer", "birth date changed"):
            year = _YEAR.search(text[start:end])
            if year is None or not 1900 <= int(year.group()) <= _BORN_BY:
                return None  # "Acte de naissance reçu.\nLe 12 mars 2025 : envoi": a business date
        if pattern_name == "table cell":
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if max(line.count(c) for c in _CELL_SEPARATORS) < 3:
                return None
            year = _YEAR.search(text[start:end])
            if year is None or not 1900 <= int(year.group()) <= _BORN_BY:
                return None  # "05/03/24", an order of 2024: a business date
        return start, end

    def validate_result(self, pattern_text: str) -> bool:
        nums = [int(n) for n in _NUMS.findall(pattern_text)]
        if len(nums) == 3 and nums[0] > 31:  # ISO: year first
            nums = [nums[2], nums[1], nums[0]]
        if len(nums) == 3:
            return 1 <= nums[0] <= 31 and 1 <= nums[1] <= 12
        return (len(nums) == 2 and 1 <= nums[0] <= 31) or len(nums) == 1
