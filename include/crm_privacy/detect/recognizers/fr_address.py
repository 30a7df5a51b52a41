"""French postal addresses: number, type of way, name, then optionally postcode and town."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import LOCATION
from crm_privacy.detect.recognizers._words import has_context, walk
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_WAYS = (
    r"rue|r\.|avenue|av\.?|boulevard|bd|bld|bvd|chem\.|all\.|all[ée]e|impasse|imp\.|chemin|ch\.|place|pl\.|quai|route|rte"
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
_POSTCODE = re.compile(r"[ \t]*(?:,|[–\-])?[ \t]*\n?[ \t]*(?:F-)?[0-9]{5}[ \t]+")
# Belgian, Swiss, Luxembourg (4 digits), Portuguese (4-3), Spanish/Italian/German (5) postcodes
_FOREIGN_POSTCODE = re.compile(
    r"[ \t]*,?[ \t]*\n?[ \t]*(?:[A-Z]{1,2}-)?(?:[0-9]{4}-[0-9]{3}|[0-9]{4,5})[ \t]+"
)
_CEDEX = re.compile(r"[ \t]+cedex(?:[ \t]+[0-9]{1,2})?(?![\w])", re.IGNORECASE)
_UK_POSTCODE = re.compile(
    r"[ \t]*,?[ \t]*[A-Z][A-Za-z]+(?:[ \t]+[A-Z]{1,2}[0-9][0-9A-Z]?[ \t]+[0-9][A-Z]{2})?"
)
_FOREIGN_WAYS = (
    r"via|viale|piazza|corso|calle|avenida|avda\.|plaza|paseo|rua|travessa|largo|rue|avenue|chauss[ée]e"
    r"|boulevard|place|straat|laan"
)
_SUFFIX_WAYS = r"[^\W\d_]+(?:strasse|straße|str\.|gasse|weg|platz|straat|laan|dreef|steenweg)"
_UK_WAYS = r"street|st\.|road|rd\.|avenue|ave\.|lane|drive|close|court|crescent|gardens|terrace|way|square"
_COMPLEMENTS = (
    r"(?:[0-9]{1,2}(?:e|er|[èe]me)[ ]+)?[ée]tage|(?-i:Espace|ESPACE)|technop[ôo]le|parc|lot\.|bloc|cit[ée]|rdc|app\.|le[ ]+bourg|"
    r"r[ée]sidence|r[ée]s\.|b[âa]timent|b[âa]t\.?|escalier|esc\.|appartement|appt\.?|apt\.?|porte|[ée]tage"
    r"|zac|za|zi|zone[ ]+(?:artisanale|industrielle|d'activit[ée]s)|parc[ ]+d'activit[ée]s|lieu-dit|lieu[ ]+dit"
    r"|cs|bp|tsa|immeuble|imm\.|villa|hameau|lotissement|flat|apartment"
)
_NEAR_ADDRESS = re.compile(
    rf"(?<![\w])(?:[0-9]{{1,4}}[ ]?(?:bis|ter|[a-d])?,?[ ]+(?:{_WAYS})[ ]|(?:F-)?[0-9]{{5}}[ ]+[^\W\d_])",
    re.IGNORECASE,
)
# Words that make a town's postcode part of a person's address when they come shortly before it.
_ADDRESS_CUES = (
    "rue", "avenue", "bd", "boulevard", "chemin", "allee", "impasse", "place", "route", "quai", "cour",
    "residence", "bat", "lieu-dit", "lieu dit", "adresse", "domicil", "habite", "demeur", "bp", "r.",
    "chem.", "appt", "escalier", "esc.", "livraison", "livrer", "demenag",
)  # fmt: skip


class FrAddressRecognizer(FrPatternRecognizer):
    """``12 bis, rue de la Paix 75002 Paris``, ``rue Victor Hugo, 69003 LYON``, ``3 av. Foch``.

    A way without a number needs a postcode and a town after it: "boutique rue de la République"
    names a place of business, not somebody's home. A postcode alone (5 digits) is never enough.
    """

    ENTITY = LOCATION
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern("address", rf"(?<![\w])(?:(?P<num>{_NUMBER})[ ]?,?[ ]+)?(?:{_WAYS})[ ]+", 0.7),
        # "Via Roma 50", "Calle Mayor 89", "Rue de la Loi 86": the number after the name
        Pattern("way then number", rf"(?<![\w])(?:{_FOREIGN_WAYS})[ ]+", 0.6),
        # "Hauptstraße 166", "Bahnhofstrasse 133"
        Pattern("suffix way", rf"(?<![\w]){_SUFFIX_WAYS}[ ]+[0-9]{{1,4}}[a-z]?(?![\w])", 0.6),
        # "43 Baker Street, London NW1 6XE"
        Pattern(
            "uk",
            rf"(?<![\w])[0-9]{{1,4}}[ ]+(?-i:(?:[A-Z][a-z]+[ ]+){{1,3}})(?:{_UK_WAYS})(?![\w])",
            0.6,
        ),
        Pattern("po box", r"(?<![\w])(?:BP|B\.P\.|CS|TSA)[ ]?[0-9]{1,5}(?![\w])", 0.6),
        # "Résidence Les Tilleuls", "Bât. B", "Escalier 2", "Appt 115": lines of an address, near one
        Pattern(
            "complement",
            rf"(?<![\w])(?:{_COMPLEMENTS})(?![^\W_])[ .]*[^\W_][\w'’\-]*(?:[ ]+[^\W\d_][\w'’\-]*|[ ]+[0-9]{{1,4}}[A-Za-z]?(?![\w]|[ .][0-9])){{0,5}}",
            0.5,
        ),
        Pattern("postcode town", r"(?<![\w\-])(?:F-)?[0-9]{5}[ \t]+(?=[^\W\d_])", 0.5),
    )
    CONTEXT = ("adresse", "domicile", "habite", "demeurant", "domicilie", "livraison", "facturation")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        if pattern_name == "address":
            return self._french(text, match)
        start = match.start()
        if pattern_name == "way then number":
            street_end = walk(text, match.end(), max_tokens=5, lower_max=4, particles=_STREET_PARTICLES)
            number = re.compile(
                r",?[ ]+(?:n°[ ]?)?[0-9]{1,4}[a-z]?(?:[ ]+(?:bus|bte|boîte)[ ]+[0-9]{1,4})?(?![\w])"
            ).match(text, street_end or 0)
            if street_end is None or number is None:
                return None
            return start, _town(text, number.end(), _FOREIGN_POSTCODE, required=True)
        if pattern_name == "suffix way":
            return start, _town(text, match.end(), _FOREIGN_POSTCODE, required=False)
        if pattern_name == "uk":
            north_america = _NORTH_AMERICA.match(text, match.end())  # "4780 Elm Street\nBoston, MA 02116"
            if north_america is not None:
                return start, north_america.end()
            post = _UK_POSTCODE.match(text, match.end())
            return start, post.end() if post is not None else match.end()
        if pattern_name == "po box":
            end = _town(text, match.end(), _POSTCODE, required=True)
            return None if end == match.end() else (start, end)
        if pattern_name == "complement":
            window = text[max(0, start - 120) : match.end() + 120]
            if _NEAR_ADDRESS.search(window) is None:
                return None
            end = match.end()
            while end > start and text[end - 1] in " .-":
                end -= 1
            return start, end
        # "postcode town": part of an address only shortly after a way, a building or an address cue
        if not has_context(text, start, _ADDRESS_CUES, window=60):
            return None
        town_end = walk(text, match.end(), max_tokens=3, lower_max=2, particles=_STREET_PARTICLES)
        if town_end is None:
            return None
        cedex = _CEDEX.match(text, town_end)
        return start, cedex.end() if cedex is not None else town_end

    def _french(self, text: str, match: re.Match[str]) -> tuple[int, int] | None:
        street_end = walk(
            text, match.end(), max_tokens=6, lower_max=4, particles=_STREET_PARTICLES, street=True
        )
        if street_end is None:
            return None
        end = _town(text, street_end, _POSTCODE, required=False)
        if end == street_end:  # "L-1930 Luxembourg", "4000 Liège"; "Montréal QC H3G 1H6"
            end = _town(text, street_end, _FOREIGN_POSTCODE, required=True)
        if end == street_end:
            north_america = _NORTH_AMERICA.match(text, street_end)
            end = north_america.end() if north_america is not None else end
        if match.group("num") is None and end == street_end:
            return None
        return match.start(), end


def _town(text: str, pos: int, postcode: re.Pattern[str], *, required: bool) -> int:
    """End of ", 75002 Paris (Cedex 02)" after ``pos``, or ``pos`` when there is none (or when the
    postcode has no town after it and ``required``)."""
    post = postcode.match(text, pos)
    if post is None:
        return pos
    town_end = walk(text, post.end(), max_tokens=3, lower_max=2, particles=_STREET_PARTICLES)
    if town_end is None:
        return pos if required else post.start() + len(post.group().rstrip())
    cedex = _CEDEX.match(text, town_end)
    end = cedex.end() if cedex is not None else town_end
    country = _COUNTRY.match(text, end)
    return country.end() if country is not None else end


_COUNTRY = re.compile(
    r"(?:,[ ]*|[ ]*\n[ \t>]*|[ ]+[\-–][ ]+)(?:france|belgique|belgium|suisse|switzerland|espagne|spain"
    r"|italie|italy|allemagne|germany|portugal|luxembourg|pays-bas|maroc|morocco|alg[ée]rie|tunisie"
    r"|s[ée]n[ée]gal|royaume-uni|united[ ]kingdom|uk|canada|usa|[ée]tats-unis)(?![\w])",
    re.IGNORECASE,
)
_NORTH_AMERICA = re.compile(
    r"(?:,[ ]*|[ ]*\n[ \t]*)[^\W\d_][\w'’ \-]{1,30}?(?:[ ]\([^)\n]{1,20}\))?(?:,[ ]*|[ ]+)"
    r"(?:[A-Z]{2}[ ]+)?(?:[0-9]{5}(?:-[0-9]{4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9])(?![\w])"
)
