"""Values of named fields in what a CRM pastes from other systems: JSON (``"nom": "Roche"``), XML
(``<nom>BRUNET</nom>``), query strings and logs (``?nom=henry&prenom=edith``, ``patient="LI Marin"``),
``key: value`` lines (YAML, LDIF ``sn: Soulié``, vCard ``BDAY:19440113``), vCard and MECARD names
(``N:Petit;Régis;;;``, ``MECARD:N:Morin,Joana;``), jCard (``["bday", {}, "date", "1971-07-19"]``) and
SQL inserts (``INSERT INTO t (nom, naissance) VALUES ('BOYER', '1974-08-26')``).

The field name says what the value is, with the header vocabulary of pasted tables
(``table_columns.column_type``). Only names, dates of birth and postal addresses are reported here:
the other types have recognizers of their own that find them by shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import unquote_plus

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import DATE_TIME, LOCATION, PERSON, Span
from crm_privacy.detect.recognizers._words import person_not_company
from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.fr_birth_date import DATE_SHAPE
from crm_privacy.detect.recognizers.names import is_first_name, is_last_name, is_plain_word
from crm_privacy.detect.recognizers.table_columns import column_type

_KEY = r"[A-Za-z][\w.\-]{0,30}"
_FORMS = re.compile(
    "|".join(
        (
            rf"\"(?P<jkey>{_KEY})\"[ \t]*:[ \t]*\"(?P<jval>[^\"\n]{{1,80}})\"",  # JSON
            rf"<(?P<xkey>{_KEY})(?:[ \t][^<>\n]*)?>(?P<xval>[^<>\n]{{1,80}})</(?P=xkey)>",  # XML
            # query strings, logs: key=value, key="value"
            rf"(?<![\w.\-])(?P<qkey>{_KEY})=(?:\"(?P<qval1>[^\"\n]{{1,80}})\"|'(?P<qval2>[^'\n]{{1,80}})'"
            r"|(?P<qval3>[^&\s;,\"'<>]{1,80}))",
            # key: value alone on its line (YAML, LDIF, vCard, forms); key may be quoted
            rf"^[ \t\-]*(?P<lkey>{_KEY})(?:;[^:\n]*)?[ \t]*:[ \t]*[\"']?(?P<lval>[^\n\"']{{1,80}}?)[\"']?[ \t]*$",
        )
    ),
    re.MULTILINE,
)
# vCard "N:Petit;Régis;;;" and MECARD "MECARD:N:Morin,Joana;TEL:...": the parts of the name field
_VCARD_N = re.compile(r"(?m)(?:^|MECARD:)N(?:;[^:\n]*)?:(?P<val>[^\n]{1,120})")
# jCard: ["fn", {}, "text", "Nicolas Sy"], ["n", {}, "text", ["Sy", "Nicolas", "", "", ""]]
_JCARD = re.compile(
    r"\[[ \t]*\"(?P<key>fn|n|bday)\"[ \t]*,[ \t]*\{[^{}\n]*\}[ \t]*,[ \t]*\"[\w\-]+\"[ \t]*,[ \t]*"
    r"(?P<val>\"[^\"\n]*\"|\[[^\[\]\n]*\])"
)
_QUOTED = re.compile(r"\"([^\"\n]*)\"")
_INSERT = re.compile(
    r"(?is)insert[ \t]+into[ \t]+[\w.\"`]+[ \t]*\((?P<cols>[^()]{1,400})\)[ \t\n]*values[ \t\n]*"
)
_TUPLE = re.compile(r"[ \t\n,]*\((?P<body>(?:'(?:[^'\n]|'')*'|[^()'\n])*)\)")
_SQL_VALUE = re.compile(r"'((?:[^'\n]|'')*)'|([^,'\s][^,]*)")
_NAME_VALUE = re.compile(r"[^\W\d_][^\W\d_ .'’\-]*(?:[ .'’\-]{1,2}[^\W\d_]+){0,5}\.?")
_COMPACT_DATE = r"(?:19|20)[0-9]{2}[01][0-9][0-3][0-9]"
_DATE_VALUE = re.compile(rf"(?:{DATE_SHAPE}|{_COMPACT_DATE})", re.IGNORECASE)
_ADDRESS_VALUE = re.compile(r"[0-9]{1,4}[^\n]{4,78}[^\W_]")
# field names that mean "a person's name" whatever the value; the others (name, client, patient...)
# also name products, firms or ids: their value must hold a first or last name we know
_NAME_FIELDS = frozenset(
    {
        "nom", "prenom", "prenoms", "lastname", "firstname", "surname", "givenname", "sn", "cn",
        "fullname", "displayname", "nomcomplet", "nomdusage", "nomdenaissance", "n", "fn",
    }
)  # fmt: skip
_EXTRA_KEYS = {
    "sn": PERSON,
    "cn": PERSON,
    "givenname": PERSON,
    "displayname": PERSON,
    "nm": PERSON,  # ISO 20022 (SEPA) <Nm>
    "n": PERSON,
    "fn": PERSON,
    "patient": PERSON,
    "bday": DATE_TIME,
    "birthday": DATE_TIME,
    "anniversaire": DATE_TIME,
}
SCORE = 0.7


def field_type(key: str) -> str | None:
    """What the value of a field named ``key`` is: ``"dateNaissance"`` -> DATE_TIME."""
    return _EXTRA_KEYS.get(_folded(key)) or column_type(key)


def _folded(key: str) -> str:
    return re.sub(r"[^a-z]", "", key.lower())


class FrKeyedValuesRecognizer(FrPatternRecognizer):
    """Names, dates of birth and addresses in named fields of JSON, XML, logs, vCards and SQL."""

    ENTITY = PERSON  # one of several: find() reports the type of each field
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("field", _FORMS.pattern, SCORE),)
    NEEDS = r"[=:<\[(]"

    def find(self, text: str) -> list[Span]:
        if self._needs is not None and self._needs.search(text) is None:
            return []
        found: list[Span] = []
        for match in _FORMS.finditer(text):
            form = next(f for f in ("j", "x", "q", "l") if match.group(f"{f}key") is not None)
            key = match.group(f"{form}key")
            group = next(
                g
                for g in (f"{form}val", "qval1", "qval2", "qval3")
                if g in match.re.groupindex and match.group(g)
            )
            found.extend(
                _value(text, key, match.start(group), match.end(group), encoded=form == "q", line=form == "l")
            )
        for match in _VCARD_N.finditer(text):
            sep = "," if text.startswith("MECARD:", match.start()) else ";"
            value_end = match.end("val")
            if sep == ",":  # MECARD fields end at ";", or with the line
                semicolon = text.find(";", match.start("val"), value_end)
                value_end = semicolon if semicolon >= 0 else value_end
            found.extend(_parts(text, "n", match.start("val"), value_end, sep))
        for match in _JCARD.finditer(text):
            for quoted in _QUOTED.finditer(text, match.start("val"), match.end("val")):
                found.extend(_value(text, match.group("key"), quoted.start(1), quoted.end(1)))
        found.extend(_inserts(text))
        return found


def _parts(text: str, key: str, start: int, end: int, sep: str) -> Iterator[Span]:
    """Family, given and other names of a vCard ``N`` field; its fourth and fifth parts are the
    honorific ("Mme") and the suffix."""
    pos = start
    for part in text[start:end].split(sep)[:3]:
        yield from _value(text, key, pos, pos + len(part))
        pos += len(part) + 1


def _inserts(text: str) -> Iterator[Span]:
    for insert in _INSERT.finditer(text):
        keys = [c.strip(' \t\n"`[]') for c in insert.group("cols").split(",")]
        pos = insert.end()
        while (row := _TUPLE.match(text, pos)) is not None:
            body_start = row.start("body")
            values = list(_SQL_VALUE.finditer(text, body_start, row.end("body")))
            if len(values) == len(keys):
                for key, value in zip(keys, values, strict=True):
                    group = 1 if value.group(1) is not None else 2
                    yield from _value(text, key, value.start(group), value.end(group))
            pos = row.end()


def _value(
    text: str, key: str, start: int, end: int, *, encoded: bool = False, line: bool = False
) -> Iterator[Span]:
    """The span of a field's value when its name and its shape agree. On a ``key: value`` line of
    prose ("Client : Oui bonjour") only the fields that always hold a name count for PERSON."""
    kind = field_type(key)
    if kind is None or (line and kind == PERSON and _folded(key) not in _NAME_FIELDS):
        return
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    value = text[start:end]
    if encoded and ("%" in value or "+" in value):
        value = unquote_plus(value)
    if not value:
        return
    if kind == PERSON:
        if _NAME_VALUE.fullmatch(value) is None or not _a_name(key, value):
            return
        bounds = person_not_company(text, start, end)
        if bounds is not None:
            yield Span(PERSON, bounds[0], bounds[1], SCORE)
    elif kind == DATE_TIME:
        if _DATE_VALUE.fullmatch(value):
            yield Span(DATE_TIME, start, end, SCORE)
    elif kind == LOCATION and _ADDRESS_VALUE.fullmatch(value):
        yield Span(LOCATION, start, end, SCORE)


def _a_name(key: str, value: str) -> bool:
    words = re.findall(r"[^\W\d_]{2,}", value)
    if not words or all(is_plain_word(w) for w in words):
        return False  # "nom": "Produit", name=submit
    if _folded(key) in _NAME_FIELDS:
        return True
    return any(is_first_name(w) or is_last_name(w) for w in words)
