"""Tables pasted into a note (CSV, TSV, ``|`` rows) whose header names the columns: every cell of a
``nom``, ``tel``, ``iban``, ``siren``, ``date_naissance``... column is that kind of personal data,
whatever its writing ("Lewandowski;Pavel;...", a SIREN without its label, a date of birth alone).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import ClassVar

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import (
    CREDIT_CARD,
    DATE_TIME,
    EMAIL_ADDRESS,
    FR_LICENSE_PLATE,
    FR_NIR,
    FR_SIREN,
    FR_SIRET,
    IBAN_CODE,
    IP_ADDRESS,
    LOCATION,
    PERSON,
    PHONE_NUMBER,
    URL,
    Span,
)
from crm_privacy.detect.recognizers._words import fold
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

# Header words (folded, letters only) -> entity type; a header is read by its first word that maps.
_HEADERS: dict[str, str] = {
    **dict.fromkeys(
        [
            "nom",
            "prenom",
            "name",
            "lastname",
            "firstname",
            "surname",
            "fullname",
            "nomcomplet",
            "contact",
            "client",
            "titulaire",
            "interlocuteur",
            "interlocutrice",
            "signataire",
            "beneficiaire",
            "demandeur",
        ],
        PERSON,
    ),
    **dict.fromkeys(
        [
            "tel",
            "telephone",
            "phone",
            "mobile",
            "portable",
            "gsm",
            "fixe",
            "fax",
            "cell",
            "cellulaire",
            "telfixe",
            "telmobile",
        ],
        PHONE_NUMBER,
    ),
    **dict.fromkeys(["email", "mail", "courriel", "emailperso", "mailperso"], EMAIL_ADDRESS),
    **dict.fromkeys(["iban", "rib"], IBAN_CODE),
    "siren": FR_SIREN,
    "siret": FR_SIRET,
    **dict.fromkeys(["nir", "secu", "numsecu", "securitesociale", "insee", "nss"], FR_NIR),
    **dict.fromkeys(
        [
            "ddn",
            "datenaissance",
            "datedenaissance",
            "naissance",
            "birthdate",
            "dateofbirth",
            "dob",
            "nele",
            "nee",
        ],
        DATE_TIME,
    ),
    **dict.fromkeys(["immat", "immatriculation", "plaque", "plate", "vehicule"], FR_LICENSE_PLATE),
    **dict.fromkeys(["adresse", "address", "domicile", "adressepostale"], LOCATION),
    **dict.fromkeys(["ip", "adresseip", "ipaddress"], IP_ADDRESS),
    **dict.fromkeys(["linkedin", "profil", "profile", "urlperso", "siteperso"], URL),
    **dict.fromkeys(["carte", "cb", "pan", "numerocarte"], CREDIT_CARD),
}
_NEEDS_DIGIT = frozenset(
    {PHONE_NUMBER, IBAN_CODE, FR_SIREN, FR_SIRET, FR_NIR, DATE_TIME, IP_ADDRESS, CREDIT_CARD}
)
_NEEDS_LETTER = frozenset({PERSON, EMAIL_ADDRESS, LOCATION, URL})
_SEPARATORS = (";", "\t", "|", ",")
_LETTERS = re.compile(r"[a-z]+")
_EDGE = " \"'"
CELL_SCORE = 0.5


def column_type(header: str) -> str | None:
    """``"Date de naissance"`` -> DATE_TIME, ``"IP_DERNIERE_CONNEXION"`` -> IP_ADDRESS, ``"Qté"`` -> None."""
    words = _LETTERS.findall(fold(header))
    joined = "".join(words)
    if joined in _HEADERS:
        return _HEADERS[joined]
    for n in range(len(words), 0, -1):  # "date naissance client", "ip derniere connexion"
        if "".join(words[:n]) in _HEADERS:
            return _HEADERS["".join(words[:n])]
    return _HEADERS.get(words[0]) if words else None


def _cells(line: str, sep: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of ``line`` split on ``sep``, quotes and spaces left out."""
    cells = []
    pos = 0
    for part in line.split(sep):
        start, end = pos, pos + len(part)
        while start < end and line[start] in _EDGE:
            start += 1
        while end > start and line[end - 1] in _EDGE:
            end -= 1
        cells.append((start, end))
        pos += len(part) + 1
    return cells


class FrTableColumnsRecognizer(FrPatternRecognizer):
    """Cells under a personal-data header in a pasted table; the header row itself is not reported."""

    ENTITY = PERSON  # one of several: find() reports the type of each column
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("table", r"[;|\t,]", 0.5),)  # for Presidio's registry
    NEEDS = r"[;|\t,][^\n]*[;|\t,]|[^\W\d_][ ]{2,}[^\W\d_]"  # separators, or a fixed-width header

    def find(self, text: str) -> list[Span]:
        if self._needs is not None and self._needs.search(text) is None:
            return []
        found: list[Span] = []
        columns: dict[int, str] | None = None
        fixed: list[tuple[int, str | None]] | None = None
        sep = ""
        width = 0
        offset = 0
        for line in text.split("\n"):
            line_start, offset = offset, offset + len(line) + 1
            if fixed is not None:
                cells = _fixed_cells(line, fixed)
                if cells is not None:
                    found.extend(
                        Span(kind, line_start + s, line_start + e, CELL_SCORE) for kind, s, e in cells
                    )
                    continue
                fixed = None
            if columns is not None and line.count(sep) == width:
                for k, (start, end) in enumerate(_cells(line, sep)):
                    kind = columns.get(k)
                    value = line[start:end]
                    if kind is None or not value or not _plausible(kind, value):
                        continue
                    found.append(Span(kind, line_start + start, line_start + end, CELL_SCORE))
                continue
            columns = None
            header = _header(line)
            if header is not None:
                sep, columns = header
                width = line.count(sep)
            else:
                fixed = _fixed_header(line)
        return found


def _header(line: str) -> tuple[str, dict[int, str]] | None:
    """The separator and the personal columns of a header row, or None when ``line`` is no header."""
    for sep in _SEPARATORS:
        if line.count(sep) < 2:
            continue
        cells = [line[s:e] for s, e in _cells(line, sep)]
        if any(ch.isdigit() for c in cells for ch in c) or any(len(c) > 40 for c in cells):
            return None  # a data row, or prose with commas
        columns = {k: t for k, c in enumerate(cells) if c and (t := column_type(c)) is not None}
        if len(columns) >= 2 or (columns and len(cells) >= 3 and sep != ","):
            return sep, columns
    return None


_FIXED_CELL = re.compile(r"\S+(?: \S+)*")


def _fixed_header(line: str) -> list[tuple[int, str | None]] | None:
    """The columns of a fixed-width export's header ("NUMADH  NOM         PRENOM      NIR"): three
    or more names two spaces apart or more, two of them personal; (start, type) of each."""
    if "  " not in line or any(ch.isdigit() for ch in line):
        return None
    cells = list(_FIXED_CELL.finditer(line))
    if len(cells) < 3 or any(len(c.group()) > 30 for c in cells):
        return None
    kinds = [column_type(c.group()) for c in cells]
    if sum(k is not None for k in kinds) < 2:
        return None
    return [(c.start(), k) for c, k in zip(cells, kinds, strict=True)]


def _fixed_cells(line: str, columns: list[tuple[int, str | None]]) -> list[tuple[str, int, int]] | None:
    """The personal cells of a fixed-width row, or None when ``line`` does not fit the columns. A
    word belongs to the last column starting at most two characters after it (exports are often off
    by one); the words of one column make its value ("LE GUEN")."""
    if not line.strip() or any(ch in line for ch in ";|\t"):
        return None
    starts = [c[0] for c in columns]
    spans: dict[int, list[int]] = {}
    for word in re.finditer(r"\S+", line):
        k = bisect_right(starts, word.start() + 2) - 1
        if k < 0:
            return None
        spans.setdefault(k, [word.start(), word.end()])[1] = word.end()
    if len(spans) < max(2, len(columns) // 2):
        return None  # a line of prose under the table
    cells = []
    for k, (start, end) in spans.items():
        kind = columns[k][1]
        if kind is not None and _plausible(kind, line[start:end]):
            cells.append((kind, start, end))
    return cells


def _plausible(kind: str, value: str) -> bool:
    if kind in _NEEDS_DIGIT and not any(ch.isdigit() for ch in value):
        return False
    if kind in _NEEDS_LETTER and not any(ch.isalpha() for ch in value):
        return False
    return not (kind == PERSON and "@" in value)
