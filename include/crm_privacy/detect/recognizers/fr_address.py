"""French postal addresses: number, type of way, name, then optionally postcode and town."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import LOCATION, Span
from crm_privacy.detect.recognizers._words import fold, has_context, walk
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
# A post-office box or a CEDEX sorting code may come between the street and the postcode.
_BOX = r"(?:[ \t]*,?[ \t]*\n?[ \t>]*(?:BP|B\.P\.|CS|TSA)[ ]?[0-9]{1,5})?"
_POSTCODE = re.compile(rf"{_BOX}[ \t]*(?:,|[–\-])?[ \t]*\n?[ \t>]*(?:F-)?[0-9]{{5}}[ \t]+")
# Belgian, Swiss, Luxembourg (4 digits), Portuguese (4-3), Spanish/Italian/German (5) postcodes
_FOREIGN_POSTCODE = re.compile(
    r"[ \t]*,?[ \t]*\n?[ \t>]*(?:[A-Z]{1,2}-)?(?:[0-9]{4}-[0-9]{3}|[0-9]{4,5})[ \t]+"
)
_CEDEX = re.compile(r"[ \t]+cedex(?:[ \t]+[0-9]{1,2})?(?![\w])", re.IGNORECASE)
_UK_POSTCODE = re.compile(
    r"[ \t]*,?[ \t]*[A-Z][A-Za-z]+(?:[ \t]+[A-Z]{1,2}[0-9][0-9A-Z]?[ \t]+[0-9][A-Z]{2})?"
)
_FOREIGN_WAYS = (
    r"via|viale|piazza|corso|calle|c/|gran[ ]v[ií]a|avenida|avda\.|plaza|paseo|rua|travessa|largo|rue|avenue|chauss[ée]e"
    r"|boulevard|place|straat|laan"
)
_SUFFIX_WAYS = (
    r"[^\W\d_]+(?:strasse|straße|str\.|gasse|weg|platz|allee|ring|damm|ufer|straat|laan|dreef|steenweg)"
)
_UK_WAYS = r"street|st\.|road|rd\.|avenue|ave\.|lane|drive|close|court|crescent|gardens|terrace|way|square"
_COMPLEMENTS = (
    r"(?:[0-9]{1,2}(?:e|er|[èe]me)[ ]+)?[ée]tage|(?-i:Espace|ESPACE)|technop[ôo]le|parc|lot\.|bloc|cit[ée]|rdc|app\.|le[ ]+bourg|"
    r"r[ée]sidence|r[ée]s\.|b[âa]timent|b[âa]t\.?|escalier|esc\.|appartement|appt\.?|apt\.?|porte|[ée]tage"
    r"|zac|za|zi|zone[ ]+(?:artisanale|industrielle|d'activit[ée]s)|parc[ ]+d'activit[ée]s|lieu-dit|lieu[ ]+dit"
    r"|cs|bp|tsa|immeuble|imm\.|villa|hameau|lotissement|flat|apartment"
)
# After the street and its number: "bureau 2414", "app. 120", "Apt 15", "9º D", "scala A, int. 10".
_AFTER_STREET = re.compile(
    r"(?:[ ]*,[ ]*(?:(?:bureau|app\.?|appt\.?|apt\.?|appartement|suite|unit|porte|scala|int\.|interno|piano"
    r"|bte|bo[iî]te|b[âa]t\.?|b[âa]timent|escalier|esc\.)[ ]*[0-9A-Za-z]{1,5}\.?"
    r"|[0-9]{1,2}(?:e|er|[èe]me)[ ]+[ée]tage(?:[ ]+(?:gauche|droite))?|rdc"
    r"|[0-9]{1,2}[ºª°](?:[ ]*(?:[0-9]{1,2}[ºª°]|izq(?:da)?\.?|dcha\.?|der\.?|[A-Z]))?))*",
    re.IGNORECASE,
)
_NEAR_ADDRESS = re.compile(
    rf"(?<![\w])(?:[0-9]{{1,4}}[ ]?(?:bis|ter|[a-d])?,?[ ]+(?:{_WAYS})[ ]|(?:F-)?[0-9]{{5}}[ ]+[^\W\d_]"
    rf"|[0-9]{{1,4}}[A-Z]?[ ]+[A-Z][a-z]+[ ]+(?:{_UK_WAYS})(?![\w]))",
    re.IGNORECASE,
)
# Words that make a town's postcode part of a person's address when they come shortly before it.
_ADDRESS_CUES = (
    "rue", "avenue", "bd", "boulevard", "chemin", "allee", "impasse", "place", "route", "quai", "cour",
    "residence", "bat", "lieu-dit", "lieu dit", "adresse", "domicil", "habite", "demeur", "bp", "r.",
    "chem.", "appt", "escalier", "esc.", "livraison", "livrer", "demenag",
)  # fmt: skip


_ADDRESS_LABEL = (
    r"(?:(?:home|new|mailing|postal|billing|delivery|shipping)[ ]+)?address"
    r"|(?:nouvelle[ ]+)?adresse(?:[ ]+(?:de[ ]+(?:correspondance|livraison|facturation|domicile)|postale"
    r"|perso(?:nnelle)?|du[ ]+domicile|priv[ée]e))?|domicile|demeurant"
)


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
            rf"(?<![\w])[0-9]{{1,4}}[A-Za-z]?[ ]+(?-i:(?:(?:[A-Z][a-z]+|[0-9]{{1,3}}(?:st|nd|rd|th))[ ]+){{1,3}})(?:{_UK_WAYS})(?![\w])",
            0.6,
        ),
        # "38 Grand-Rue, L-1724 Luxembourg", "Gran Vía 63, 9º D": a way that is the whole name
        Pattern(
            "whole way",
            rf"(?<![\w])(?:(?P<num>{_NUMBER})[ ]?,?[ ]+)?(?:grande?[\-'’ ]rue|gran[ ]v[ií]a)(?![\w])",
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
        # "my home address: Villa 134, Sicap Liberté 2, Dakar?", "Adresse : Rue 14 x Boulevard de la
        # Gueule Tapée, Ziguinchor, Sénégal": after an address label, the rest of the line is the
        # address when it holds a number and at least two words (ways of any country, lieux-dits)
        Pattern("after cue", rf"(?<![\w])(?:{_ADDRESS_LABEL})[ \t]*:[ \t]*(?=[^\s])", 0.6),
    )
    CONTEXT = ("adresse", "domicile", "habite", "demeurant", "domicilie", "livraison", "facturation")

    def find(self, text: str) -> list[Span]:
        """The pieces found by the patterns, joined into whole addresses: pieces apart by a comma
        or a line break and a complement ("..., Appt 6, 75011 Paris"), and the named place or
        building written before the street ("Le Mas de Fabre, 46160 Cajarc")."""
        joined: list[Span] = []
        pieces = [s._replace(start=_place_before(text, s.start)) for s in super().find(text)]
        for span in sorted(pieces, key=lambda s: (s.start, -s.end)):
            if joined and (span.start <= joined[-1].end or _glue(text[joined[-1].end : span.start])):
                last = joined[-1]
                joined[-1] = last._replace(end=max(last.end, span.end), score=max(last.score, span.score))
            else:
                joined.append(span)
        return joined

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        if pattern_name == "address":
            return self._french(text, match)
        start = match.start()
        if pattern_name == "way then number":
            street_end = walk(text, match.end(), max_tokens=5, lower_max=4, particles=_STREET_PARTICLES)
            number = _FOREIGN_NUMBER.match(text, street_end or 0)
            if street_end is None or number is None:
                return None
            after = _AFTER_STREET.match(text, number.end())
            return start, _town(
                text, after.end() if after else number.end(), _FOREIGN_POSTCODE, required=True
            )
        if pattern_name == "whole way":
            number = _FOREIGN_NUMBER.match(text, match.end())
            street_end = number.end() if number is not None else match.end()
            after = _AFTER_STREET.match(text, street_end)
            street_end = after.end() if after else street_end
            end = _town(text, street_end, _POSTCODE, required=True)
            if end == street_end:
                end = _town(text, street_end, _FOREIGN_POSTCODE, required=True)
            if end == street_end and (match.group("num") is None and number is None):
                return None
            return start, end
        if pattern_name == "suffix way":
            return start, _town(text, match.end(), _FOREIGN_POSTCODE, required=False)
        if pattern_name == "uk":
            after = _AFTER_STREET.match(text, match.end())
            street_end = after.end() if after else match.end()
            north_america = _NORTH_AMERICA.match(text, street_end)  # "4780 Elm Street\nBoston, MA 02116"
            post = north_america or _UK_POSTCODE.match(text, street_end)
            if post is None:
                return start, match.end()
            country = _COUNTRY.match(text, post.end())
            return start, country.end() if country is not None else post.end()
        if pattern_name == "after cue":
            return _rest_of_line(text, match.end())
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
        # "postcode town": part of an address only shortly after a way, a building or an address cue,
        # or right after a named place on its line ("La Croix Blanche, 48400 Florac")
        if not has_context(text, start, _ADDRESS_CUES, window=60) and _place_before(text, start) == start:
            return None
        town_end = walk(text, match.end(), max_tokens=3, lower_max=2, particles=_STREET_PARTICLES)
        if town_end is None or _NOT_TOWN.match(text, match.end()):
            return None
        cedex = _CEDEX.match(text, town_end)
        return start, cedex.end() if cedex is not None else town_end

    def _french(self, text: str, match: re.Match[str]) -> tuple[int, int] | None:
        street_end = walk(
            text, match.end(), max_tokens=6, lower_max=4, particles=_STREET_PARTICLES, street=True
        )
        if street_end is None:
            return None
        after = _AFTER_STREET.match(text, street_end)
        street_end = after.end() if after else street_end
        end = _town(text, street_end, _POSTCODE, required=False)
        if end == street_end:  # "L-1930 Luxembourg", "4000 Liège"; "Montréal QC H3G 1H6"
            end = _town(text, street_end, _FOREIGN_POSTCODE, required=True)
        if end == street_end:
            north_america = _NORTH_AMERICA.match(text, street_end)
            if north_america is not None:
                country = _COUNTRY.match(text, north_america.end())
                end = country.end() if country is not None else north_america.end()
        if match.group("num") is None and end == street_end:
            return None
        return match.start(), end


#: where the address on a cue's line ends: a question mark, a sentence end, a field separator
_LINE_END = re.compile(r"\?|\.(?:\s|$)|;|\||\t|[ ]+(?:[-–—][ ]+|\(|merci|thanks|tel|t[ée]l)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _rest_of_line(text: str, pos: int) -> tuple[int, int] | None:
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    stop = _LINE_END.search(text, pos, line_end)
    end = stop.start() if stop is not None else line_end
    while end > pos and text[end - 1] in " ,.:":
        end -= 1
    value = text[pos:end]
    if not 8 <= len(value) <= 120 or not any(c.isdigit() for c in value) or len(_WORD.findall(value)) < 2:
        return None
    if "@" in value or "://" in value:
        return None
    return pos, end


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


_FOREIGN_NUMBER = re.compile(
    r",?[ ]+(?:n°[ ]?)?[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?(?:[ ]+(?:bus|bte|boîte)[ ]+[0-9]{1,4})?(?![\w])",
    re.IGNORECASE,
)
_COUNTRY = re.compile(
    r"(?:,[ ]*|[ ]*\n[ \t>]*|[ ]+[\-–][ ]+)(?:france|belgique|belgium|suisse|switzerland|espagne|spain"
    r"|italie|italy|allemagne|germany|portugal|luxembourg|pays-bas|maroc|morocco|alg[ée]rie|tunisie"
    r"|s[ée]n[ée]gal|royaume-uni|united[ ]kingdom|uk|canada|usa|[ée]tats-unis|united[ ]states|deutschland"
    r"|espa[ñn]a|italia|schweiz|svizzera|belgi[ëe]|nederland|marruecos|al-maghrib)(?![\w])",
    re.IGNORECASE,
)
_NORTH_AMERICA = re.compile(
    r"(?:,[ ]*|[ ]*\n[ \t]*)[^\W\d_][\w'’ \-]{1,30}?(?:[ ]\([^)\n]{1,20}\))?(?:,[ ]*|[ ]+)"
    r"(?:[A-Z]{2}[ ]+)?(?:[0-9]{5}(?:-[0-9]{4})?|[A-Z][0-9][A-Z][ ]?[0-9][A-Z][0-9])(?![\w])"
)


#: Words of an address's complement lines, and of the named places written before a street or a
#: postcode (accent-free, lower case).
_COMPLEMENT_WORDS = frozenset(
    """
    appt apt app appartement bat batiment esc escalier porte entree etage rdc bloc imm immeuble fond
    de du cour gauche droite cage logement log
    """.split()  # noqa: SIM905
)
_PLACE_WORDS = frozenset(
    """
    lieu-dit lieudit residence res hameau domaine mas moulin ferme metairie chateau cite lotissement
    section
    lot villa clos manoir bastide ker quartier zone za zi zac parc immeuble bat batiment esc escalier
    appt apt appartement porte entree les le la l
    """.split()  # noqa: SIM905
)
_GLUE_TOKEN = re.compile(r"[^\W_][\w.'’\-]*")
_CHUNK = re.compile(r"(?:^|(?<=[,:;\n→(|]))[ \t>]*([^,:;\n→()?!|]{2,120}?)[ \t]*,?[ \t]*$")
#: what follows a five-digit number that is an amount or a quantity, not a postcode
_NOT_TOWN = re.compile(
    r"(?:euros?|eur|ht|ttc|km|kg|kwh|m2|m²|litres?|pi[eè]ces?|unit[ée]s?|exemplaires?|personnes?|clients?"
    r"|habitants?|colis|points?)(?![\w])",
    re.IGNORECASE,
)
_STREET_WORDS = _COMPLEMENT_WORDS | frozenset(_STREET_PARTICLES) | {"en", "d'en", "lieu-dit"}


def _glue(gap: str) -> bool:
    """Whether ``gap`` between two address pieces is only separators and complement words or codes
    (", ", " 6, ", "\nEntrée B\n"): the pieces are one address."""
    if len(gap) > 30 or gap.count("\n") > 2 or any(c in gap for c in ".?!;:()→"):
        return False
    for token in _GLUE_TOKEN.findall(gap):
        if not (fold(token) in _COMPLEMENT_WORDS or len(token) <= 3 or token.isdigit()):
            return False
    return bool(gap.strip(" \t,\n>-–") == "" or _GLUE_TOKEN.search(gap))


def _place_before(text: str, start: int) -> int:
    """Where the address starting at ``start`` really starts: up to three comma-separated chunks
    before it on its line that name a place or a building ("Résidence Ker Avel, Bât. B, 102 rue
    ...", "lieu-dit Les Granges, 2 voie communale 4", "livrer au Le Mas de Fabre, 46160 Cajarc")."""
    for _ in range(3):
        line_start = text.rfind("\n", 0, start) + 1
        chunk = _CHUNK.search(text, max(line_start, start - 120), start)
        if chunk is None:
            return start
        words = list(_GLUE_TOKEN.finditer(chunk.group(1)))[-6:]
        first = next((k for k, w in enumerate(words) if _opens_place(words, k)), None)
        if first is None:
            return start
        if any(w.group()[0].islower() and fold(w.group()) not in _STREET_WORDS for w in words[first + 1 :]):
            return start  # "résidence principale depuis 2019": a sentence, not a place's name
        start = chunk.start(1) + words[first].start()
    return start


def _opens_place(words: list[re.Match[str]], k: int) -> bool:
    word = fold(words[k].group())
    if word in ("le", "la", "les", "l"):
        return words[k].group()[0].isupper() and k + 1 < len(words) and words[k + 1].group()[0].isupper()
    return word in _PLACE_WORDS
