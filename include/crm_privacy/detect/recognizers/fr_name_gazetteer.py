"""Names with no civility or label before them, found with the name gazetteer, in any case.

spaCy finds capitalised names in well-written sentences; CRM notes also hold ``rappeler lucien
ferrand demain``, ``dossier transmis par odile marchal``, ``Bonjour Claire,`` and signatures.
Three shapes are reported:

- a first name followed by a last name (particles allowed: ``jean de la fontaine``), in lower case,
  title case or capitals, when at least one of the two is not also an everyday word ("pierre
  dupont" yes, "rose blanc" no);
- a first name alone after a greeting (``Bonjour Claire``, ``Merci Julie``) or a cue (``vu avec
  Julie``, ``transmis par Odile``): capitalised, or in lower case when it is no French word;
- a signature: the first line after a sign-off (``Cordialement,``), up to four capitalised words
  that are all names (``Lorraine Cousin``, ``Faure Victoire``), even names that are also words;
- after a cue (``c'est``, ``par``, ``présents :``, ``débiteur``), a first name and a last name in
  the same case, even when both are also words (``par rosa cordier``) or the first name is one the
  gazetteer does not know (``c'est ngoc gaillard``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PERSON, Span
from crm_privacy.detect.recognizers._words import PARTICLES, fold, is_stop, person_not_company
from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.names import is_everyday, is_first_name, is_last_name, is_unknown, is_word

# a word glued to digits by a dash or an underscore is a code, not a name ("GX-959-FD", "FD-12")
_TOKEN = re.compile(r"(?<![\w\-])(?>[^\W\d_]+(?:[\-'’][^\W\d_]+)*)(?![\-_]?\d|\w)")
_GREETINGS = frozenset(
    ["bonjour", "bonsoir", "salut", "hello", "hi", "cher", "chere", "dear", "coucou", "merci"]
)
_CUES = frozenset(["avec", "par", "pour"])
_SIGN_OFF = re.compile(
    r"(?:cordialement|bien\s+(?:a|à)\s+(?:vous|toi)|bien\s+cordialement|sinc[eè]rement|amiti[eé]s"
    r"|(?:best\s+|kind\s+|warm\s+)?regards|bonne\s+(?:fin\s+de\s+)?(?:journ[eé]e|soir[eé]e|semaine)"
    r"|belle\s+journ[eé]e|[aà]\s+bient[oô]t|[aà]\s+tr[eè]s\s+vite|bonne\s+r[eé]ception|[aà]\s+plus|bises|merci(?:\s+d'avance|\s+beaucoup)?|cdlt|cdt|bav|bàv"
    r"|salutations(?:\s+distingu[eé]es)?|thanks|cheers|mfg|gr[üu](?:ß|ss)e|saludos(?:\s+cordiales)?"
    r"|un\s+saludo|cordiali\s+saluti|saluti|atentamente|--)\s*[,.!]?\s*\n(?:[ \t>]*\n)*[ \t>-]*$",
    re.IGNORECASE,
)
# Words after which a first name typed in lower case is a person ("c'est sonia", "de marie-therese",
# "livreur akua"), and the cues of a first name alone ("Bonjour Claire", "vu avec Julie").
_LOWER_CUES = (
    _GREETINGS
    | _CUES
    | frozenset(
        """
        c'est est de d du et cc ou droit fille fils mari femme epouse mere pere frere soeur a à chez
        demander anciennement livreur chauffeur cdt cordialement moi encore suivi transfere
        debiteur titulaire co-titulaire prospect contact interlocuteur interlocutrice gerant gerante
        presents presentes excuse excusee excuses anime animee redacteur signataire beneficiaire
        destinataire ici collegue
        """.split()  # noqa: SIM905
    )
)
_GREETINGS_AND_CUES = _GREETINGS | _CUES
# Cues after which a first name is a person even when it is also a word and typed in lower case:
# "je m'appelle garance", "je suis Ambre", "ici Sylvain", "j'avais eu modeste", "cc octave".
_STRONG_CUES = frozenset(["m'appelle", "m’appelle", "appelle", "suis", "ici", "eu", "cc", "resp"])
# Cues too common to make two words a name on their own ("a eu lieu", "de relance alors").
_WEAK_CUES = frozenset(["a", "à", "de", "d", "du", "et", "est", "ou", "cc", "moi", "encore"])
# Short words that end a message after a sign-off and are no signature ("merci.\nRAS.", "Oui").
_NOT_SIGNATURE = frozenset(["oui", "non", "ras", "ok", "nb", "ps", "pj", "re", "tel", "fax", "mob"])
# Verbs after a first name that make it a person: "teddy a fourni", "Quang prend le relais".
_PERSON_VERBS = frozenset(
    [
        "a",
        "prend",
        "envoie",
        "fournit",
        "appelle",
        "rappelle",
        "doit",
        "valide",
        "confirme",
        "souhaite",
        "demande",
        "dit",
        "est",
        "sera",
    ]
)
#: Particles that are also whole last names (Vietnamese Lê, Arabic El).
_PARTICLE_SURNAMES = frozenset(["le", "el"])
_INITIALS = re.compile(r"[^\W\d_]\.(?:-?[^\W\d_]\.)?[ ]?", re.UNICODE)
_FIELD_SEPARATORS = ";,|\t"
PAIR_SCORE, SINGLE_SCORE = 0.7, 0.6


_ELISION = re.compile(r"(?:c|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def _stop(word: str) -> bool:
    """A stop word, or an elided one that is no name: ``c'est``, ``l'équipe``, ``qu'il``
    (``d'Aubigné`` stays a name)."""
    elided = _ELISION.match(word)
    if elided is not None and elided.end() < len(word):
        rest = word[elided.end() :]
        if rest[0].isupper() and word[0].isupper() and not (is_stop(rest) or is_word(rest)):
            return False  # "N'Guessan", "L'Helgouac'h": a name written with its apostrophe
        return is_stop(rest) or is_word(rest) or not (is_first_name(rest) or is_last_name(rest))
    return is_stop(word)


class _Tok(NamedTuple):
    start: int
    end: int
    word: str


def _style(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[0].isupper() else "lower"


class FrNameGazetteerRecognizer(FrPatternRecognizer):
    """``lucien ferrand``, ``Jean-Aimé Roux``, ``ODILE MARCHAL``, ``Bonjour Claire,``, a signature."""

    ENTITY = PERSON
    PATTERNS = (Pattern("gazetteer", r"[^\W\d_]{2,}", 0.6),)  # for Presidio's registry; find() walks tokens

    def find(self, text: str) -> list[Span]:
        toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        found: list[Span] = []
        i = 0
        while i < len(toks):
            span = (
                self._signature(text, toks, i)
                or self._initial(text, toks, i)
                or self._pair(text, toks, i)
                or self._reversed(text, toks, i)
                or self._cued_pair(text, toks, i)
            )
            if span is not None:
                found.append(span[0])
                i = span[1]
                continue
            single = self._single(text, toks, i)
            if single is not None:
                found.append(single)
            i += 1
        return found + list(self._after_hesitation(text, toks, found))

    def _after_hesitation(self, text: str, toks: list[_Tok], found: list[Span]) -> list[Span]:
        """``c'est Patience euh Quéméner``: a voicemail's last name after a first name and a "euh"."""
        ends = {s.end for s in found}
        out: list[Span] = []
        for k in range(len(toks) - 2):
            if toks[k].end not in ends or fold(toks[k + 1].word) not in ("euh", "heu", "hum"):
                continue
            nxt = toks[k + 2]
            spaced = text[toks[k].end : toks[k + 1].start] == " " == text[toks[k + 1].end : nxt.start]
            named = is_last_name(nxt.word) or is_unknown(nxt.word)
            if spaced and named and not _stop(nxt.word) and len(nxt.word) >= 2:
                out.append(Span(PERSON, nxt.start, nxt.end, SINGLE_SCORE - 0.1))
        return out

    def _pair(self, text: str, toks: list[_Tok], i: int) -> tuple[Span, int] | None:
        first = toks[i]
        if _stop(first.word) or not is_first_name(first.word):
            return None
        j = i + 1
        while j < len(toks) and _adjacent(text, toks[j - 1], toks[j]) and fold(toks[j].word) in PARTICLES:
            j += 1
        if j > i + 1 and fold(toks[j - 1].word) in _PARTICLE_SURNAMES and toks[j - 1].word[0].isupper():
            # "Malo Le veut...", "Hamza El," : the particle is the last name (Lê, El) when no name follows
            after = toks[j] if j < len(toks) and _adjacent(text, toks[j - 1], toks[j]) else None
            if (
                j == i + 2
                and (after is None or _style(after.word) == "lower")
                and is_first_name(first.word)
                and not is_word(first.word)
            ):
                return Span(PERSON, first.start, toks[j - 1].end, PAIR_SCORE - 0.1), j
        if j >= len(toks) or not _adjacent(text, toks[j - 1], toks[j]):
            return None
        last = toks[j]
        if _stop(last.word) or not (
            is_last_name(last.word) or (is_unknown(last.word) and not is_word(first.word))
        ):
            return None
        styles = {_style(first.word), _style(last.word)}
        if len(styles) > 1 and styles != {"title", "upper"}:
            return None  # "Claire dupont": a capitalised word then a lower-case one is a sentence
        if is_word(first.word) and is_word(last.word):
            return None  # "rose blanc", "Pierre Martin": left to spaCy and the cues
        # "Marie Claire Dupont", "jean pierre martin": a second first name before the last name
        if (
            j + 1 < len(toks)
            and j == i + 1
            and _adjacent(text, last, toks[j + 1])
            and _style(toks[j + 1].word) in styles
            and is_last_name(toks[j + 1].word)
            and not _stop(toks[j + 1].word)
            and is_first_name(last.word)
        ):
            j += 1
            last = toks[j]
        bounds = person_not_company(text, first.start, last.end)
        if bounds is None:
            return None
        return Span(PERSON, bounds[0], bounds[1], PAIR_SCORE), j + 1

    def _signature(self, text: str, toks: list[_Tok], i: int) -> tuple[Span, int] | None:
        """``Cordialement,\n\nLorraine Cousin``: the line after a sign-off, when its first words are
        all names (names that are also words included: the place says it is a signature)."""
        first = toks[i]
        line_start = text.rfind("\n", 0, first.start) + 1
        if line_start == 0 or text[line_start : first.start].strip(" \t>-"):
            return None
        lower = _style(first.word) == "lower"
        if _SIGN_OFF.search(text[max(0, line_start - 80) : first.start]) is None:
            return None
        j = i
        while (
            j + 1 < len(toks)
            and j + 1 - i < 4
            and (_adjacent(text, toks[j], toks[j + 1]) or text[toks[j].end : toks[j + 1].start] == ", ")
            and (_style(toks[j + 1].word) != "lower" or fold(toks[j + 1].word) in PARTICLES or lower)
        ):
            j += 1
        if lower:
            # "-- gilles", "serge charpentier": a signature typed in lower case, a line of names only
            line_end = text.find("\n", toks[j].end)
            rest = text[toks[j].end : line_end if line_end >= 0 else len(text)]
            words = [t.word for t in toks[i : j + 1]]
            if rest.strip(" .,!") or not is_first_name(words[0]) or len(words) > 3:
                return None
            if not all((is_first_name(w) or is_last_name(w)) and not _stop(w) for w in words):
                return None
            return Span(PERSON, first.start, toks[j].end, SINGLE_SCORE), j + 1
        while j > i and fold(toks[j].word) in PARTICLES:
            j -= 1
        words = [t.word for t in toks[i : j + 1] if fold(t.word) not in PARTICLES]
        names = [w for w in words if is_first_name(w) or is_last_name(w)]
        if len(words) == 1 and (fold(words[0]) in _NOT_SIGNATURE or len(words[0]) < 3):
            return None
        if any(_stop(w) or (w not in names and (is_word(w) or not is_unknown(w))) for w in words):
            return None  # "Service client", "L'équipe support", "Responsable RH"
        if not any(is_first_name(w) for w in words) and len(names) < 2:
            return None
        bounds = person_not_company(text, first.start, toks[j].end)
        if bounds is None:
            return None
        return Span(PERSON, bounds[0], bounds[1], PAIR_SCORE), j + 1

    def _cued_pair(self, text: str, toks: list[_Tok], i: int) -> tuple[Span, int] | None:
        """``c'est ngoc gaillard``, ``animée par rosa cordier``, ``présents : anthelme leclerc``: after
        a cue, a first and a last name in the same case, whatever else the two words are."""
        if i == 0 or i + 1 >= len(toks) or not _adjacent(text, toks[i], toks[i + 1]):
            return None
        prev, first, last = toks[i - 1], toks[i], toks[i + 1]
        gap = text[prev.end : first.start]
        cue = fold(prev.word)
        worded = cue in _LOWER_CUES and cue not in _WEAK_CUES and gap in (" ", ", ", " : ", ": ")
        colon = gap.strip() == ":" and "\n" not in gap
        if not (worded or colon) or min(len(first.word), len(last.word)) < 3:
            return None
        if _stop(first.word) or _stop(last.word) or _style(first.word) != _style(last.word):
            return None
        first_ok = is_first_name(first.word) or (is_unknown(first.word) and not is_word(first.word))
        last_ok = is_last_name(last.word) or (is_unknown(last.word) and is_first_name(first.word))
        if not (first_ok and last_ok) or not (is_first_name(first.word) or is_last_name(last.word)):
            return None
        if not is_first_name(first.word) and is_word(last.word):
            return None  # "SUBJECT: PAYMENT PAGE": an unknown word and a word
        if not worded and is_word(first.word) and is_word(last.word):
            return None  # "Employeur : Alpha Bâtiment"; after a worded cue, "par rosa cordier" is a name
        bounds = person_not_company(text, first.start, last.end)
        if bounds is None:
            return None
        return Span(PERSON, bounds[0], bounds[1], PAIR_SCORE - 0.05), i + 2

    def _initial(self, text: str, toks: list[_Tok], i: int) -> tuple[Span, int] | None:
        """``t. legrand``, ``j.-a. doğan``, ``V. Wang``: initials, then a last name."""
        m = _INITIALS.match(text, toks[i].start)
        if m is None or text[toks[i].start : toks[i].start + 2] in ("M.", "m."):
            return None  # "M. Dupont": a civility (Monsieur), left out of the span
        j = i
        while j < len(toks) and toks[j].start < m.end():
            j += 1
        if j >= len(toks) or toks[j].start != m.end():
            return None
        # "L. Le Gall", "C. de La Roche": particles between the initial and the last name
        while (
            j + 1 < len(toks)
            and fold(toks[j].word) in PARTICLES
            and _adjacent(text, toks[j], toks[j + 1])
            and toks[j + 1].word[0].isupper()
        ):
            j += 1
        last = toks[j].word
        if text[toks[j].end : toks[j].end + 1] == "." or len(last) < 3:
            return None  # "C. com.", "C. trav.": abbreviations (codes of law), not a name
        known = is_last_name(last) or (_style(last) != "lower" and is_unknown(last))
        if _stop(last) or is_everyday(last) or not known:
            return None
        return Span(PERSON, toks[i].start, toks[j].end, PAIR_SCORE), j + 1

    def _field(self, text: str, tok: _Tok) -> bool:
        """A name that is a whole field of a CSV line or a table row: ``Lewandowski;Pavel;...``."""
        before = text[tok.start - 1] if tok.start else "\n"
        after = text[tok.end] if tok.end < len(text) else "\n"
        if before == '"' and after == '"':
            before = text[tok.start - 2] if tok.start > 1 else "\n"
            after = text[tok.end + 1] if tok.end + 1 < len(text) else "\n"
        seps = {before, after} - {"\n"}
        if not seps or not seps <= set(_FIELD_SEPARATORS):
            return False
        line_start = text.rfind("\n", 0, tok.start) + 1
        line_end = text.find("\n", tok.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return all(line.count(sep) >= 2 for sep in seps)

    def _reversed(self, text: str, toks: list[_Tok], i: int) -> tuple[Span, int] | None:
        """``huynh anahit``, ``maillot laura``, ``BUI Aurélien``: a last name, then a first name that
        is no French word."""
        if i + 1 >= len(toks) or not _adjacent(text, toks[i], toks[i + 1]):
            return None
        last, first = toks[i], toks[i + 1]
        if _stop(last.word) or _stop(first.word) or not is_first_name(first.word) or is_word(first.word):
            return None
        if not (is_last_name(last.word) or is_unknown(last.word)):
            return None
        if is_everyday(last.word) and not _whole_field(text, last.start, first.end):
            return None  # "boucher mehmet" is a name between "//" or on a line of its own
        styles = {_style(last.word), _style(first.word)}
        if len(styles) > 1 and styles != {"title", "upper"}:
            return None
        bounds = person_not_company(text, last.start, first.end)
        if bounds is None:
            return None
        return Span(PERSON, bounds[0], bounds[1], PAIR_SCORE), i + 2

    def _single(self, text: str, toks: list[_Tok], i: int) -> Span | None:
        tok = toks[i]
        if _stop(tok.word) or len(tok.word) < 3:
            return None
        style = _style(tok.word)
        if (
            style != "lower"
            and (is_first_name(tok.word) or is_last_name(tok.word))
            and not is_everyday(tok.word)
            and self._field(text, tok)
        ):
            return Span(PERSON, tok.start, tok.end, SINGLE_SCORE - 0.05)  # "CHOI,Lei,+33 ..."
        if not is_first_name(tok.word):
            # "→ BOUCHER (pour le 26/02)", "(resp. Courtois)": who an action item goes to
            assigned = text[max(0, tok.start - 3) : tok.start].strip().endswith("→") or (
                i > 0
                and fold(toks[i - 1].word) == "resp"
                and text[toks[i - 1].end : tok.start] in (". ", " ")
            )
            if assigned and _style(tok.word) != "lower" and is_last_name(tok.word) and not is_stop(tok.word):
                return Span(PERSON, tok.start, tok.end, SINGLE_SCORE - 0.1)
            # "MAJERUS", "BOUAZIZ": a surname in capitals, in a text that is not all capitals
            upper_surname = (
                style == "upper"
                and len(tok.word) >= 4
                and text[tok.end : tok.end + 1] not in ("-", ":", "_")
                and not text.isupper()
                and is_last_name(tok.word)
                and not is_word(tok.word)
                and not is_everyday(tok.word)
            )
            if upper_surname and person_not_company(text, tok.start, tok.end) is not None:
                return Span(PERSON, tok.start, tok.end, SINGLE_SCORE - 0.1)
            return None
        capitalised = style != "lower"
        prev_word = fold(toks[i - 1].word) if i else ""
        next_word = toks[i + 1].word.lower() if i + 1 < len(toks) else ""  # "a" (has), not "à"
        gap_before = text[toks[i - 1].end : tok.start] if i else ""
        # a cue word, a list sign ("+ odile", "katarzyna →") or a verb people do ("teddy a fourni")
        cued = (
            (prev_word in _LOWER_CUES and gap_before in (" ", ", "))
            or text[max(0, tok.start - 3) : tok.start].strip().endswith(("+", "→", "—", "(", ";"))
            or text[tok.end : tok.end + 3].strip().startswith(("→", ":"))
            or next_word in _PERSON_VERBS
        )
        strong = prev_word in _STRONG_CUES and gap_before in (" ", ", ", ". ", ": ")
        if (
            strong
            and i + 1 < len(toks)
            and _adjacent(text, tok, toks[i + 1])
            and is_last_name(toks[i + 1].word)
        ):
            strong = False  # "je suis Ambre Martin": the pair is the gazetteer's or spaCy's
        if strong and not is_stop(tok.word):
            return Span(PERSON, tok.start, tok.end, SINGLE_SCORE - 0.05)
        if is_word(tok.word) and not (capitalised and (cued or "-" in tok.word)):
            return None  # "Rose", "Jean-Marc": a word unless a cue or a compound says otherwise
        # "Anahit a fourni", "Chauffeur : Kadiatou", "notes de sonia": a first name that is no
        # French word is a person wherever it stands (in lower case, after a cue)
        acronym = style == "upper" and (len(tok.word) < 4 or text[tok.end : tok.end + 1] in ("-", ":", "_"))
        named = not is_everyday(tok.word) and not acronym and (capitalised or cued)
        if named and person_not_company(text, tok.start, tok.end) is not None:
            return Span(PERSON, tok.start, tok.end, SINGLE_SCORE - 0.05)
        before = text[max(0, tok.start - 40) : tok.start]
        prev = toks[i - 1] if i else None
        greeted = (
            prev is not None
            and fold(prev.word) in _GREETINGS_AND_CUES
            and text[prev.end : tok.start] in (" ", ", ", "  ")
            and (capitalised or fold(prev.word) in _GREETINGS or not is_word(tok.word))
        )
        signed = capitalised and _SIGN_OFF.search(before) is not None
        if not (greeted or signed):
            return None
        if (
            fold(prev.word if prev else "") in _CUES
            and i + 1 < len(toks)
            and _adjacent(text, tok, toks[i + 1])
        ):
            nxt = toks[i + 1].word
            if nxt[0].isupper() and not _stop(nxt):
                return None  # "avec Claire Dupont" is a pair (or spaCy's); "avec Orange Business" no name
        if person_not_company(text, tok.start, tok.end) is None:
            return None
        return Span(PERSON, tok.start, tok.end, SINGLE_SCORE)


_FIELD_EDGE_BEFORE = re.compile(r"(?:^|//|[|;:\n\t])[ \t]*$")
_FIELD_EDGE_AFTER = re.compile(r"[ \t]*(?:$|//|[|;,\n\t])")


def _whole_field(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole field: between "//", "|", ";", a label's colon or line ends."""
    return bool(
        _FIELD_EDGE_BEFORE.search(text[max(0, start - 4) : start]) and _FIELD_EDGE_AFTER.match(text, end)
    )


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    return 0 < len(gap) <= 2 and gap.strip(" ") == ""
