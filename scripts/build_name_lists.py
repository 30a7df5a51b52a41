"""Build the name gazetteer of the PERSON recognizers (``detect/recognizers/data/names.json.gz``).

The lists are derived, once, from two maintained datasets that are NOT runtime dependencies (one of
them needs 3.2 GB of memory to load):

- ``names-dataset`` 3.3.1 (MIT, Philippe Remy): first and last names by country, ranked;
- ``wordfreq`` (Apache-2.0 code, CC-BY-SA 4.0 data, Robyn Speer): the 80,000 most frequent French
  words, to keep the ``vocabulary`` list (dictionary words a note is likely to hold) small;
- Debian's ``wfrench`` word list (GPL-2, /usr/share/dict/french, lower-case entries only): French
  words, to know which names are also everyday words ("rose", "blanc", "pierre", "martin"): those
  need a capital, a partner name that is not a word, or a cue.

Names that are above all words or places ("bonjour", "merci", "france", "paris" as first names in
names-dataset's noisy data) are dropped (``NOT_NAMES``). Run in a throw-away virtualenv, then
commit the output:

    apt-get install wfrench wamerican
    python3.11 -m venv /tmp/names && /tmp/names/bin/pip install names-dataset==3.3.1 wordfreq
    /tmp/names/bin/python scripts/build_name_lists.py
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "include/crm_privacy/detect/recognizers/data/names.json.gz"
# France first; then the countries most French CRMs have customers or staff from.
COUNTRIES = {"FR": (3000, 25000)} | dict.fromkeys(
    ("BE", "CH", "LU", "MA", "DZ", "TN", "PT", "ES", "IT", "DE", "GB", "US", "PL", "TR", "RO", "CM",
     "CI", "SN", "NL", "CN", "VN", "IN", "BR", "RU", "EG", "LB"),
    (400, 1500),
)  # fmt: skip
DICTIONARY = Path("/usr/share/dict/french")
ENGLISH_DICTIONARY = Path("/usr/share/dict/american-english")
NOT_NAMES = frozenset(
    [
        "bonjour",
        "bonsoir",
        "salut",
        "merci",
        "cordialement",
        "madame",
        "monsieur",
        "mme",
        "mr",
        "mlle",
        "client",
        "cliente",
        "contact",
        "le",
        "la",
        "les",
        "de",
        "du",
        "des",
        "un",
        "une",
        "et",
        "en",
        "au",
        "aux",
        "sur",
        "par",
        "pour",
        "avec",
        "sans",
        "chez",
        "ou",
        "mon",
        "ma",
        "ses",
        "son",
        "france",
        "paris",
        "lyon",
        "marseille",
        "nice",
        "nantes",
        "lille",
        "toulouse",
        "bordeaux",
        "rennes",
        "reims",
        "brest",
        "metz",
        "tours",
        "angers",
        "dijon",
        "grenoble",
        "nancy",
        "rouen",
        "caen",
        "orleans",
        "amiens",
        "limoges",
        "poitiers",
        "pau",
        "bayonne",
        "nimes",
        "avignon",
        "toulon",
        "cannes",
        "lens",
        "calais",
        "vichy",
        "belgique",
        "suisse",
        "europe",
        "espagne",
        "italie",
        "allemagne",
        "maroc",
        "algerie",
        "tunisie",
        "portugal",
        "londres",
        "bruxelles",
        "geneve",
        "canada",
        "afrique",
        "asie",
        "amerique",
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "noel",
        "paques",
        "pro",
        "premium",
        "cloud",
        "offre",
        "pack",
        "box",
        "plus",
        "max",
        "mini",
        "office",
        "business",
        "service",
        "services",
        "solution",
        "orange",
        "free",
        "sfr",
        "bouygues",
        "google",
        "apple",
        "microsoft",
        "amazon",
        "facebook",
        "linkedin",
        "rdv",
        "tel",
        "fax",
        "mail",
        "email",
        "web",
        "www",
        "http",
        "https",
        "ok",
        "info",
        "infos",
        # SQL, vCard and log words of pasted exports ("iban: NULL", "WHERE email LIKE", "ADR;TYPE=")
        "null",
        "adr",
        "vide",
        "semi",
        "edge",
        "cell",
    ]
)


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def usable(word: str) -> bool:
    return len(word) >= 2 and all(c.isalpha() or c in "-'" for c in word)


def main() -> None:
    from names_dataset import NameDataset

    nd = NameDataset()
    first: set[str] = set()
    last: set[str] = set()
    for country, (n_first, n_last) in COUNTRIES.items():
        firsts = nd.get_top_names(n=n_first, country_alpha2=country).get(country, {})
        for names in firsts.values():
            first.update(fold(n) for n in names if usable(n))
        lasts = nd.get_top_names(n=n_last, use_first_names=False, country_alpha2=country).get(country, [])
        last.update(fold(n) for n in lasts if usable(n))
    first -= NOT_NAMES
    last -= NOT_NAMES
    words = DICTIONARY.read_text(encoding="utf-8").split()
    # lower-case entries only: the list also holds proper nouns, capitalised
    dictionary = {fold(w) for w in words if w[:1].islower() and usable(w)}
    common = dictionary & (first | last)
    import wordfreq

    frequent = {fold(w) for w in wordfreq.top_n_list("fr", 80000)}
    vocabulary = (dictionary & frequent) - first - last
    # Notes quote English e-mails ("Thank you", "Details below", "Best regards") that spaCy's French
    # model takes for names: the frequent English words that are no first name.
    english_words = ENGLISH_DICTIONARY.read_text(encoding="utf-8").split()
    english_dictionary = {w for w in english_words if w.islower() and usable(w)}
    english = {fold(w) for w in wordfreq.top_n_list("en", 20000) if w in english_dictionary} - first
    data = {
        "source": "names-dataset 3.3.1 (MIT); Debian wfrench (GPL-2), wamerican and wordfreq (CC-BY-SA 4.0) for `common`, `vocabulary` and `english`; scripts/build_name_lists.py",
        "first": sorted(first),
        "last": sorted(last),
        "common": sorted(common),
        "vocabulary": sorted(vocabulary),
        "english": sorted(english),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    print(
        f"{OUT}: {len(first)} first names, {len(last)} last names, {len(common)} of them words, {len(vocabulary)} other words, {len(english)} English words"
    )


if __name__ == "__main__":
    main()
