"""The name gazetteer: French and foreign first and last names, and which of them are also words.

Built once by ``scripts/build_name_lists.py`` from names-dataset (MIT) and Debian's French word list;
loaded lazily (about 50,000 folded strings, a few MB) the first time a recognizer needs it.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from crm_privacy.detect.recognizers._words import fold


class Gazetteer(NamedTuple):
    first: frozenset[str]
    last: frozenset[str]
    common: frozenset[str]  # names that are also everyday French words ("rose", "pierre", "blanc")
    vocabulary: frozenset[str]  # frequent French words that are no name ("chauffeur", "solde")
    english: frozenset[str]  # frequent English words that are no first name ("thank", "below")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with (files("crm_privacy.detect.recognizers") / "data" / "names.json.gz").open("rb") as raw:
        data = json.loads(gzip.decompress(raw.read()))
    return Gazetteer(
        frozenset(data["first"]),
        frozenset(data["last"]),
        frozenset(data["common"]),
        frozenset(data["vocabulary"]),
        frozenset(data["english"]),
    )


# English (and CRM English) words that names-dataset also lists as names: never a name on their own.
_NEVER = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "from",
        "for",
        "with",
        "at",
        "by",
        "in",
        "on",
        "is",
        "are",
        "was",
        "be",
        "been",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "you",
        "we",
        "they",
        "it",
        "this",
        "that",
        "new",
        "next",
        "run",
        "ping",
        "post",
        "get",
        "put",
        "call",
        "team",
        "has",
        "have",
        "can",
        "could",
        "may",
        "low",
        "high",
        "kind",
        "many",
        "dear",
        "sir",
        "madam",
        "hello",
        "hi",
        "thanks",
        "best",
        "regards",
        "sent",
        "subject",
        "date",
        "cc",
        "bcc",
        "re",
        "fw",
        "fwd",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "jan",
        "feb",
        "mar",
        "apr",
        "will",
        "would",
        "should",
        "please",
        "see",
        "note",
        "notes",
        "test",
        "user",
        "admin",
        "root",
        "host",
        "server",
        "ticket",
        "issue",
        "open",
        "opened",
        "closed",
        "status",
        "priority",
        "release",
        "deployed",
        "goes",
        "moved",
        "threatens",
        "delivered",
        "billing",
        "reporting",
        "attendees",
        "minutes",
        "requester",
        "assignee",
        "agent",
    ]
)


def _parts(word: str) -> list[str]:
    return [p for p in fold(word).replace("’", "-").replace("'", "-").split("-") if p]


def is_first_name(word: str) -> bool:
    """``Claire``, ``jean-aimé`` (every part a first name), ``HÉLÈNE``; accents and case ignored."""
    parts = _parts(word)
    return bool(parts) and all(p in gazetteer().first and p not in _NEVER for p in parts)


def is_last_name(word: str) -> bool:
    """``Ferrand``, ``le-goff``, ``N'Diaye`` (the last part a last name), ``DUPONT``."""
    parts = _parts(word)
    if not parts or parts[-1] in _NEVER:
        return False
    return fold(word) in gazetteer().last or parts[-1] in gazetteer().last


def is_word(word: str) -> bool:
    """Whether a name is also an everyday word ("pierre", "rose"): it needs a capital or a partner."""
    return all(p in gazetteer().common for p in _parts(word))


def is_everyday(word: str) -> bool:
    """A frequent French word, or a last name that is also one ("Voisin", "Solde"); first names
    that are words ("Pierre", "Rose") are not everyday here: spaCy may keep them."""
    g = gazetteer()
    return all(p in g.vocabulary or (p in g.common and p not in g.first) for p in _parts(word))


def is_plain_word(word: str) -> bool:
    """A frequent French word that no name list holds ("Opportunités", "Chauffeur"; not "Bois")."""
    parts = _parts(word)
    return bool(parts) and all(p in gazetteer().vocabulary for p in parts)


def is_english(word: str) -> bool:
    """A frequent English word that is no first name ("Thank", "Details", "Best", "Payload" is not)."""
    parts = _parts(word)
    return bool(parts) and all(p in gazetteer().english or p in _NEVER for p in parts)


def is_unknown(word: str) -> bool:
    """Neither a name nor a French word we know: a rare surname ("Kaboré", "Haas") most often."""
    g = gazetteer()
    parts = _parts(word)
    return bool(parts) and not any(
        p in g.vocabulary or p in g.common or p in g.first or p in _NEVER for p in parts
    )
