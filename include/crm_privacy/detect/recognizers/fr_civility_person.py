"""Person names announced by a civility, a label or a verb cue, or shaped like ``DUPONT Claire``.

spaCy finds most capitalised names; this recognizer catches what it misses in CRM notes: names
typed in lower or upper case ("rdv avec mme dupont", "MME CLAIRE DUPONT TEL ..."), initials
("J. Martin") and the administrative ``NOM Prénom`` order. The civility itself is not part of the
span, so a scrubbed note still reads "Mme <PERSONNE>".
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PERSON
from crm_privacy.detect.recognizers._words import (
    PARTICLES,
    SPOKEN_WORDS,
    fold,
    is_stop,
    person_not_company,
    walk,
)
from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.names import is_everyday, is_first_name, is_last_name, is_plain_word

_CIVILITY = (
    r"m\.|mr\.?|mme\.?|mlle\.?|melle|monsieur|madame|mademoiselle|dr\.?|docteur|pr\.|professeur"
    r"|(?-i:Ma[iî]tre|Me)"  # lawyers; capitalised only ("maître d'ouvrage" is a role)
    r"|(?-i:M)(?=[ \t]+(?:[A-ZÀ-ÖØ-Þ]|d[eu][ \t]+[A-ZÀ-ÖØ-Þ]))"  # "M Mouton", "M de Bonneval"
)
_LABEL = (
    r"nom(?:[ ]+de[ ]+naissance|[ ]+d['’]usage)?|pr[ée]nom|interlocut(?:eur|rice)|contact|client(?:e)?"
    r"|titulaire(?:[ ]+du[ ]+compte)?|signataire|g[ée]rante?|demandeu(?:r|se)|b[ée]n[ée]ficiaire"
    # the people a note is about or who wrote it, by their role: "Conseillère : Colombe", "élève :
    # chiara", "Patient(e) : Stéphanie Samedi", "Ordonnateur : Mme Guillot"
    r"|conseill[eè]re?|format(?:eur|rice)|patiente?|patient\(e\)|[ée]l[èe]ve|monit(?:eur|rice)"
    r"|ordonnat(?:eur|rice)|praticien(?:ne)?|souscript(?:eur|rice)|adh[ée]rente?|assur[ée]e?|d[ée]funte?"
    r"|t[ée]moin|garant|porteur|porteuse|locataire|propri[ée]taire|conduct(?:eur|rice)|r[ée]dig[ée][ ]+par"
)
_CUE = (
    r"(?:rdv|rendez-vous|rencontre|r[ée]union|appel(?:[ ]+(?:entrant|sortant))?|message(?:[ ]+vocal)?"
    r"|mail|courriel|[ée]change|entretien)[ ]+(?:avec|de|d['’]|du)|de[ ]+la[ ]+part[ ]+de|au[ ]+nom[ ]+de"
    r"|(?:valid|sign|envoy|recommand)[ée]e?s?[ ]+par|prospect|rappeler|relancer|contacter|joindre|recommande"
    r"|remplace|parrainage[ ]*:|contact|bancaire[ ]+de"
)
# Lines of a pasted e-mail header or of meeting minutes that name people: "De : France Deschamps
# <...>", "To: Constance Jacquet", "Excusé(e)s : Victoire Olivier", "Présents : ...". At the start of
# a line (after quoting ">" or a bullet) only: "montant de : 300 €" is no header.
_HEADER = (
    r"(?:de|[àa]|cc|cci|from|to|exp[ée]diteur|destinataire|excus[ée]s?|excus[ée]\(e\)s|excus[ée]es"
    r"|absents?|absent\(e\)s|pr[ée]sents?|pr[ée]sent\(e\)s|participants?|invit[ée]s?|attendees"
    r"|assign[ée]e?[ ]+[àa]|r[ée]dact(?:eur|rice)|auteur|suivi[ ]+par)"
)
# "• Céleste Barbier – Ombelle Services", "- fabre olive – responsable achat", "* KHELIFI PRUDENCE (DSI)":
# a list item of minutes that names someone, then a role or a company after a dash or a bracket
_BULLET = r"(?m)^[ \t>]*[•·*→\-][ \t]+"
_AFTER_BULLET_NAME = re.compile(r"[ \t]+[–—\-][ \t]+|[ \t]*\(|[ \t]*,[ \t]+")
_UP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
_TITLE_WORD = rf"{_UP}{_LOW}+(?:-{_UP}{_LOW}+)*"
_UPPER_WORD = rf"{_UP}{{2,}}(?:[-'’]{_UP}+)*"
_SHAPE = rf"(?-i:{_UPPER_WORD}[ ]{_TITLE_WORD}|{_TITLE_WORD}[ ]{_UPPER_WORD})"
# "Marine Mendiburu <marine.m@...>": the words right before an address in angle brackets (a sender
# or recipient), two to four of them, in one style (Title, UPPER or lower)
_NAMEISH = (
    rf"(?-i:{_TITLE_WORD}(?:[ ](?:(?:de|du|des|le|la|d['’]|van|von|da|di)[ ]?)?(?:{_TITLE_WORD}|{_UPPER_WORD})){{1,3}}"
    rf"|{_UPPER_WORD}(?:[ ](?:{_UPPER_WORD}|{_TITLE_WORD})){{1,3}})"
)
_INITIAL = rf"(?-i:[A-LN-Z]\.[ ]?(?:{_TITLE_WORD}|{_UPPER_WORD}))"
# "Dupont a rappelé", "Claire souhaite...": a capitalised subject of a verb only people do.
_SUBJECT = rf"(?-i:(?:{_TITLE_WORD}|{_UPPER_WORD})(?:[ ](?:{_TITLE_WORD}|{_UPPER_WORD}))?)"
_VERB = r"a[ ]+(?:rappel|appel|t[ée]l[ée]phon|[ée]crit|r[ée]pondu)[ée]?|rappelle|pr[ée]f[èe]re"  # what firms rarely do
_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")
_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸ")


def _acronym(word: str) -> bool:
    """ "BNP", "SNCF", "EDF": short or vowel-less capitals name firms, not people ("DUPONT", "ROUX")."""
    if len(word) < 2 or not word.isupper() or word.lower() in PARTICLES:
        return False
    return len(word) < 4 or not _VOWELS.intersection(word)


def _names_an_item(text: str, bounds: tuple[int, int], words: list[str]) -> bool:
    """A list item is a person when a role or a company follows the name, the name has two or three
    words, the name lists know one of them and not all are everyday words."""
    if _AFTER_BULLET_NAME.match(text, bounds[1]) is None or not 2 <= len(words) <= 3:
        return False
    if all(is_everyday(w) for w in words):
        return False
    return any(is_first_name(w) or is_last_name(w) for w in words)


_CODE_AFTER = re.compile(r"[ \t]*[-:#]?[ \t]*[0-9]")
_CHEZ = re.compile(r"(?i:chez)[ \t]+$")
_OF_PLACE = re.compile(r"(?<![\w])(?:du|des|de[ \t]+la|de[ \t]+l['’])[ \t]*$")


def _an_answer_or_a_code(text: str, end: int, words: list[str]) -> bool:
    """What follows a label or a cue is no name when it is an answer ("Client : Oui bonjour",
    "Signature client : refusée"), particles alone ("Client : Le seize octobre"), an identifier
    ("client identifié : ID 850203", "CLI-572690") or ordinary words only ("ESPACE CLIENT :
    DERNIÈRES CONNEXIONS", "joindre LE CONDUCTEUR")."""
    if not words or fold(words[0]) in SPOKEN_WORDS or all(w.lower() in PARTICLES for w in words):
        return True
    if len(words) == 1 and is_plain_word(words[0]):
        return True  # "Conseiller : Très bien", "Pouvez-vous me donner"
    if len(words) == 1 and _acronym(words[0]) and _CODE_AFTER.match(text, end):
        return True
    return len(words) >= 2 and all(is_plain_word(w) or w.lower() in PARTICLES for w in words)


def _bare_m_name(text: str, start: int) -> bool:
    """After "M" without its dot, a name the lists know and no plain word: "M Mouton", "M de Bonneval"."""
    first = _WORDS.match(text, start)
    if first is None:
        return False
    word = first.group()
    if word.lower() in PARTICLES:
        return True
    return (is_last_name(word) or is_first_name(word)) and not is_plain_word(word)


def _not_a_subject(text: str, start: int, words: list[str]) -> bool:
    """ "de chez Lumen Optique a appelé" names a firm; "Kinésithérapie du Parc rappelle" a place;
    "A. Opportunités de B" an everyday word after a letter."""
    if _CHEZ.search(text, max(0, start - 12), start):
        return True
    if len(words[0]) == 1:  # "T. Bois" is a person, "A. Opportunités" is not
        return all(is_plain_word(w) for w in words[1:])
    if _OF_PLACE.search(text, max(0, start - 8), start) is None:
        return False  # "Petit a rappelé": a last name that is a word, alone, is still a subject
    return all(is_everyday(w) for w in words)


class FrCivilityPersonRecognizer(FrPatternRecognizer):
    """``Mme Claire Dupont``, ``m. dupont``, ``MONSIEUR JEAN MARTIN``, ``Nom : DUPONT``,
    ``RAPPELER ASTRID RENARD``, ``BAILLY Émilie``, ``T. Bernier``."""

    ENTITY = PERSON
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern("civility", rf"(?<![\w.])(?:{_CIVILITY})[ \t]+", 0.9),
        Pattern("label", rf"(?<![\w])(?:{_LABEL})(?:[ ]+[^\W\d_]+)?[ \t]*:[ \t]*", 0.8),
        Pattern("cue", rf"(?<![\w])(?:{_CUE})[ \t]*", 0.6),
        Pattern("header", rf"(?m)^[ \t>*•·\-]*(?:{_HEADER})[ \t]*:[ \t]*", 0.7),
        Pattern("signed", r"(?<![\w])\(sign[ée]e?\)[ \t]*", 0.7),
        Pattern("bullet", _BULLET, 0.6),
        Pattern("before e-mail", rf"(?<![\w.@])(?P<pii>{_NAMEISH})[ \t]*<[^<>@\s]+@", 0.7),
        Pattern("shape", rf"(?<![\w.])(?P<pii>{_SHAPE})(?![\w])", 0.6),
        Pattern("initial", rf"(?<![\w.])(?P<pii>{_INITIAL})(?![\w])", 0.6),
        Pattern("subject", rf"(?<![\w.])(?P<pii>{_SUBJECT})[ ]+(?:{_VERB})", 0.6),
    )
    CONTEXT = ("m.", "mme", "monsieur", "madame", "nom", "prenom", "contact")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        if pattern_name in ("shape", "initial", "subject", "before e-mail"):
            start, end = match.span("pii")
            words = _WORDS.findall(text[start:end])
            if any(len(w) > 1 and is_stop(w) for w in words) or any(_acronym(w) for w in words):
                return None
            if pattern_name in ("initial", "subject") and _not_a_subject(text, start, words):
                return None
            return person_not_company(text, start, end)
        name_end = walk(text, match.end(), max_tokens=4, lower_max=3)
        if name_end is None:
            return None
        if (
            pattern_name == "civility"
            and match.group().rstrip() == "M"
            and not _bare_m_name(text, match.end())
        ):
            return None  # "Taille M Bleu": a size, not "M. Bleu"
        bounds = person_not_company(text, match.end(), name_end)
        if bounds is None:
            return None
        words = _WORDS.findall(text[bounds[0] : bounds[1]])
        if pattern_name != "civility" and _an_answer_or_a_code(text, bounds[1], words):
            return None
        # "relancer la compta", "contact : équipe technique": lower-case words after a cue are a
        # name only when the name lists know one and none is an everyday word
        lower = pattern_name in ("cue", "label", "header") and all(w.islower() for w in words)
        # a header line says a person follows ("assigné à : clément barré"): a known name is enough
        # ("le chef d'équipe" is a role: an article first keeps the everyday-word rule)
        header = pattern_name == "header" and words[0].lower() not in PARTICLES
        everyday = not header and any(is_everyday(w) for w in words)
        if lower and (everyday or not any(is_first_name(w) or is_last_name(w) for w in words)):
            return None
        # A verb cue is weak ("RDV avec Acme", "rappeler demain", "avec BNP Paribas"): ask for two
        # names and no acronym.
        if pattern_name == "bullet" and not _names_an_item(text, bounds, words):
            return None
        if pattern_name == "header" and (
            len(words) < 2 and not any(is_first_name(w) or is_last_name(w) for w in words)
        ):
            return None  # "De : Support", "À : Compta"
        if pattern_name == "cue":
            words = _WORDS.findall(text[bounds[0] : bounds[1]])
            if len(words) < 2 or any(_acronym(w) for w in words):
                return None
        return bounds
