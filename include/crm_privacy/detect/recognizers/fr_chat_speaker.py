"""People named in the speaker slot of a chat transcript: ``[14:02] Pascal > ...``,
``[09:15] HEXAFLORE (WEI) : ...``, ``[10:48] Conseiller (Bérénice): ...``, ``[25/01/2025 10:10]
CHAMPION, Lorenzo (Aubépine Dentaire)``, ``9h45 aïcha : ...`` (an SMS export).

The slot between the timestamp and the ``:`` or ``>`` holds a role ("Vous", "Client", "Support",
"Visiteur 12345"), a company, or a person: a person when every word of it is in the name lists,
whatever else the words are ("Modeste", "Ange", "Pascal" are names there). A name in brackets after a
role or a company is the agent's.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PERSON, Span
from crm_privacy.detect.recognizers._words import fold
from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.names import is_everyday, is_first_name, is_last_name

_TIME = r"[0-9]{1,2}[ ]?[:hH][ ]?[0-9]{2}(?::[0-9]{2})?"
# "[14:02]", "[25/01/2025 10:10]", "[jeudi 20 juillet 13:10]", or a bare "9h45" / "11 h 45" (SMS
# exports); then the speaker, then ":" or ">" ("[10:10] SOW, Camille" may end the line)
_SLOT = (
    rf"(?m)^[ \t]*(?:\[[^\]\n]{{0,30}}?{_TIME}\]|{_TIME}(?=[ \t]))[ \t]*"
    r"(?P<who>[^\W\d_][^\n:>\[\]()]{0,40}?)[ \t]*(?:\((?P<inner>[^\n()]{2,40})\))?[ \t]*(?::|>|$)"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
#: Speakers that are no one in particular.
_ROLES = frozenset(
    """
    vous moi toi client cliente clients visiteur visiteuse support conseiller conseillere agent bot
    assistant assistante service equipe operateur operatrice systeme system admin technicien
    technicienne hotline sav accueil commercial commerciale standard chatbot user utilisateur
    utilisatrice invite guest customer me you le la les du de des sa son
    """.split()  # noqa: SIM905
)


class FrChatSpeakerRecognizer(FrPatternRecognizer):
    """``[14:02] Pascal > ...``: the speaker of a chat line, when the name lists know every word."""

    ENTITY = PERSON
    NEEDS = r"[0-9][ ]?[:hH][ ]?[0-9]{2}"
    PATTERNS = (Pattern("chat speaker", _SLOT, 0.6),)

    def find(self, text: str) -> list[Span]:
        if self._needs is not None and self._needs.search(text) is None:
            return []
        found: list[Span] = []
        for match in self._compiled[0][0].finditer(text):
            bare = not match.group().lstrip().startswith("[")
            for group in ("who", "inner"):
                if match.group(group) is None:
                    continue
                start, end = match.span(group)
                while end > start and not text[end - 1].isalpha():
                    end -= 1
                slot = text[start:end].replace(",", " ")
                if not _named(slot) or (bare and all(is_everyday(w) for w in _WORD.findall(slot))):
                    continue  # "14h30 Réunion : budget": after a bare time, a word is no speaker
                for part in re.finditer(r"[^,]+", text[start:end]):  # "SOW, Camille": two names
                    a, b = start + part.start(), start + part.end()
                    while a < b and text[a] in " \t":
                        a += 1
                    found.append(Span(PERSON, a, b, 0.6))
        return found


def _named(slot: str) -> bool:
    words = _WORD.findall(slot)
    if not 1 <= len(words) <= 3 or _WORD.sub("", slot).strip(" .-'’"):
        return False  # "Visiteur 12345", "Support N2": a role with a number
    return all(fold(w) not in _ROLES and len(w) >= 2 and (is_first_name(w) or is_last_name(w)) for w in words)
