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


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with (files("crm_privacy.detect.recognizers") / "data" / "names.json.gz").open("rb") as raw:
        data = json.loads(gzip.decompress(raw.read()))
    return Gazetteer(frozenset(data["first"]), frozenset(data["last"]), frozenset(data["common"]))


def _parts(word: str) -> list[str]:
    return [p for p in fold(word).replace("’", "-").replace("'", "-").split("-") if p]


def is_first_name(word: str) -> bool:
    """``Claire``, ``jean-aimé`` (every part a first name), ``HÉLÈNE``; accents and case ignored."""
    parts = _parts(word)
    return bool(parts) and all(p in gazetteer().first for p in parts)


def is_last_name(word: str) -> bool:
    """``Ferrand``, ``le-goff``, ``N'Diaye`` (the last part a last name), ``DUPONT``."""
    parts = _parts(word)
    return bool(parts) and (fold(word) in gazetteer().last or parts[-1] in gazetteer().last)


def is_word(word: str) -> bool:
    """Whether a name is also an everyday word ("pierre", "rose"): it needs a capital or a partner."""
    return all(p in gazetteer().common for p in _parts(word))
