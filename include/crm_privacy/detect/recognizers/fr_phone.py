"""French phone numbers in every usual writing, recognised by shape over the whole numbering plan."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PHONE_NUMBER
from crm_privacy.detect.recognizers._words import REFERENCE_WORDS, has_context
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_SEP = r"[ .\-]?"
# "+33 (0)6", "+33 06" and "0033 6" all carry a redundant trunk 0 that phonenumbers rejects.
_TRUNK = re.compile(r"^(?:\+|00)[ ]?33[ .\-]?(?:\(0\)|0)")
_FR_PREFIX = re.compile(r"^(?:\+|00)[ ]?33[ .\-]?(?:\(0\)[ ]?|0)?")
# "(+33) 6 33 76 47 42", "(0033) 1 ...": the country code in brackets, read as "+33 6 ..."
_BRACKETED_CODE = re.compile(r"^\(((?:\+|00)[0-9]{1,3})\)[ ]?")
_OVERSEAS_PREFIX = re.compile(r"^(?:\+|00)[ ]?(262|269|590|594|596|508|681|687|689)[ .\-]?(?:\(0\)[ ]?)?")
_GROUPS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[^0-9]+")
# Digit groups of the usual writings, after the prefix: "06 12 34 56 78", "0612345678",
# "0596 12 34 56" (overseas, 08 00 numbers); "+33 6 12 34 56 78", "+33612345678".
_NATIONAL_SHAPES = frozenset({(10,), (2, 2, 2, 2, 2), (4, 2, 2, 2), (4, 3, 3)})
# writings typed with two separators ("07.19 69.81 41"): still a French number when grouped by two
_MIXED_SHAPES = frozenset({(2, 2, 2, 2, 2), (1, 2, 2, 2, 2)})
_LOOSE_SHAPES = frozenset({(1, 2, 2, 2, 2), (2, 2, 2, 2, 1)})
_INTERNATIONAL_SHAPES = frozenset({(9,), (1, 2, 2, 2, 2), (3, 2, 2, 2), (3, 3, 3)})
# Overseas country codes: 9 digits (La Réunion/Mayotte, Guadeloupe, Guyane, Martinique), 6 digits
# (Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Nouvelle-Calédonie), 8 digits (Polynésie).
_OVERSEAS_SHAPES: dict[str, frozenset[tuple[int, ...]]] = {
    **dict.fromkeys(("262", "269", "590", "594", "596"), frozenset({(9,), (3, 2, 2, 2)})),
    **dict.fromkeys(("508", "681", "687"), frozenset({(6,), (2, 2, 2)})),
    "689": frozenset({(8,), (2, 2, 2, 2)}),
}
# An IBAN (often mistyped, so not found as one) ends with groups that look like a phone number:
# "DE89 3704 0044 0532 0130 00". A candidate right after a country code + key and 4-char groups is
# the tail of an account number.
_IBAN_HEAD = re.compile(r"[A-Za-z]{2}[0-9]{2}(?:[ \-]?[A-Za-z0-9]{4})+[ \-]?$")


class FrPhoneRecognizer(FrPatternRecognizer):
    """``06 12 34 56 78``, dots, dashes, no separator, ``+33 6 ...``, ``+33 (0)6 ...``, ``+336...``,
    overseas ``+262 692 ...``.

    A number written in a usual French grouping is reported whatever its block: a CRM keeps
    mistyped, fictitious and not (yet) allocated numbers, and they are still someone's number.
    Other groupings must be valid for phonenumbers; foreign numbers written with a ``+`` prefix must
    have a possible length for their country.
    """

    ENTITY = PHONE_NUMBER
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern("fr national", rf"(?<![\w+])0[1-9](?:{_SEP}[0-9]{{2}}){{4}}(?![0-9])", 0.6),
        # "0655 455 632": the mobile prefix, then two groups of three
        Pattern(
            "fr national 4-3-3", r"(?<![\w+])0[67][0-9]{2}[ .][0-9]{3}[ .][0-9]{3}(?![0-9]|[.,][0-9])", 0.5
        ),
        Pattern("fr national slashes", r"(?<![\w+/])0[1-9](?:/[0-9]{2}){4}(?![0-9/])", 0.6),
        Pattern(
            "fr international",
            rf"(?<![\w+])(?:\((?:\+|00)33\)[ ]?|(?:\+|00)[ ]?33{_SEP})(?:\(0\)[ ]?|0)?[1-9](?:(?:{_SEP}[0-9]{{2}}){{4}}|[0-9]{{2}}[ ][0-9]{{3}}[ ][0-9]{{3}})(?![0-9])",
            0.6,
        ),
        Pattern(
            "fr overseas",
            r"(?<![\w+])(?:\+|00)[ ]?(?:262|269|590|594|596|508|681|687|689)[ .\-]?(?:\(0\)[ ]?)?"
            rf"[0-9]{{2}}(?:{_SEP}[0-9]{{1,2}}){{2,4}}(?![0-9])",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])(?:\+|00)(?!33)[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,6}(?![0-9])",
            0.4,
        ),
        # "6 77 66 41 65" (trunk 0 forgotten), "06 81 83 36 9" (a digit missing): after a phone word only
        Pattern(
            "fr national loose",
            r"(?<![\w+.,])(?:0?[1-9](?:[ .][0-9]{2}){4}|0[1-9](?:[ .][0-9]{2}){3}[ .][0-9])(?![0-9]|[.,][0-9])",
            0.4,
        ),
    )
    CONTEXT = (
        "tel", "telephone", "portable", "mobile", "fixe", "appel", "joindre", "joignable", "numero",
        "standard", "ligne", "urgence", "sms", "whatsapp", "gsm", "fax", "rappel", "contact",
    )  # fmt: skip
    CONTEXT_REQUIRED = frozenset({"fr national loose"})

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        if pattern_name in ("fr national", "international") and _IBAN_HEAD.search(
            text, max(0, start - 40), start
        ):
            return None
        compact = text[start:end].isdigit() or pattern_name == "fr national 4-3-3"
        if (compact or not _usual_shape(text[start:end])) and has_context(
            text, start, REFERENCE_WORDS, window=15
        ):
            return None  # "réf 0123 4567 89": an odd grouping after a reference word is a reference
        return start, end

    def validate_result(self, pattern_text: str) -> bool:
        if _usual_shape(pattern_text):
            return True
        if tuple(len(g) for g in _GROUPS.findall(pattern_text)) in _LOOSE_SHAPES:
            return True  # only the loose pattern, after a phone word, gives these
        number = _TRUNK.sub("+33", _BRACKETED_CODE.sub(r"\1 ", pattern_text))
        # a national number may belong to an overseas département (06 39 Mayotte, 06 90 Guadeloupe,
        # 06 92 La Réunion...): French CRMs hold them in the same national writing
        regions = _REGIONS if not number.startswith(("+", "00")) else ("FR",)
        for region in regions:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                return False
            if phonenumbers.is_valid_number(parsed):
                return True
            if parsed.country_code != 33 and number.startswith(("+", "00")):
                # a foreign number with its country code: its length decides, not its allocation
                # ("+44 7700 900123" is a fictitious British range, still typed as a phone number)
                return bool(phonenumbers.is_possible_number(parsed))
        return False


def _usual_shape(text: str) -> bool:
    """Whether ``text`` is a French number written in a usual grouping with one kind of separator
    (or with spaces and dots mixed, in pairs of digits)."""
    text = _BRACKETED_CODE.sub(r"\1 ", text)
    overseas = _OVERSEAS_PREFIX.match(text)
    if overseas:
        rest, shapes = text[overseas.end() :], _OVERSEAS_SHAPES[overseas.group(1)]
    elif text.startswith(("+", "00")):
        prefix = _FR_PREFIX.match(text)
        if prefix is None:
            return False
        rest, shapes = text[prefix.end() :], _INTERNATIONAL_SHAPES
    else:
        rest, shapes = text, _NATIONAL_SHAPES
    shape = tuple(len(g) for g in _GROUPS.findall(rest))
    separators = set(_SEPARATORS.findall(rest))
    if len(separators) > 1 and (separators - {" ", "."} or shape not in _MIXED_SHAPES):
        return False  # "06 12.34-56 78": not a usual writing, left to phonenumbers
    return shape in shapes


# Metropolitan France first, then the overseas départements and collectivités sharing the 0X plan.
_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")
