"""French postal addresses: number, type of way, name, then optionally postcode and town."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import LOCATION
from crm_privacy.detect.recognizers._words import walk
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_WAYS = (
    r"rue|avenue|av\.?|boulevard|bd|bld|all[ée]e|impasse|imp\.|chemin|ch\.|place|pl\.|quai|route|rte"
    r"|cours|square|passage|r[ée]sidence|chauss[ée]e|faubourg|fbg|rond-point|sentier|voie|villa"
    r"|cit[ée]|hameau|lotissement|promenade|esplanade|parvis|lieu-dit|mont[ée]e|mail|zac|za|zi"
)
_NUMBER = r"[0-9]{1,4}(?:[ ]?(?:bis|ter|quater|[a-d])(?![\w]))?"
_STREET_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l'",
        "d'",
        "l’",
        "d’",
        "au",
        "aux",
        "sur",
        "sous",
        "en",
        "et",
        "lès",
    }
)
_POSTCODE = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*(?:F-)?[0-9]{5}[ \t]+")


class FrAddressRecognizer(FrPatternRecognizer):
    """``12 bis, rue de la Paix 75002 Paris``, ``rue Victor Hugo, 69003 LYON``, ``3 av. Foch``.

    A way without a number needs a postcode and a town after it: "boutique rue de la République"
    names a place of business, not somebody's home. A postcode alone (5 digits) is never enough.
    """

    ENTITY = LOCATION
    FLAGS = re.IGNORECASE
    PATTERNS = (Pattern("address", rf"(?<![\w])(?:(?P<num>{_NUMBER})[ ]?,?[ ]+)?(?:{_WAYS})[ ]+", 0.7),)
    CONTEXT = ("adresse", "domicile", "habite", "demeurant", "domicilie", "livraison", "facturation")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        street_end = walk(
            text, match.end(), max_tokens=6, lower_max=4, particles=_STREET_PARTICLES, street=True
        )
        if street_end is None:
            return None
        end = street_end
        post = _POSTCODE.match(text, street_end)
        if post is not None:
            town_end = walk(text, post.end(), max_tokens=3, lower_max=2, particles=_STREET_PARTICLES)
            end = town_end if town_end is not None else post.start() + len(post.group().rstrip())
        if match.group("num") is None and post is None:
            return None
        return match.start(), end
