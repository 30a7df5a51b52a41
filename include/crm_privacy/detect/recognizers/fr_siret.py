"""SIRET (establishment number: SIREN + 5-digit NIC, Luhn), labelled apart from SIREN."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum.fr import siret

from crm_privacy.detect.entities import FR_SIRET
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_SEPARATORS = re.compile(r"[ .]")


class FrSiretRecognizer(FrPatternRecognizer):
    """``415 868 348 00806`` anywhere; ``41586834800806`` only next to a cue word (SIRET, établissement...),
    since one bare 14-digit number in ten passes Luhn."""

    ENTITY = FR_SIRET
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern("siret grouped", r"(?<![0-9])[0-9]{3}([ .])[0-9]{3}\1[0-9]{3}\1?[0-9]{5}(?![0-9])", 0.6),
        Pattern(
            "siret 3-3-3-3-2", r"(?<![0-9])[0-9]{3}([ .])[0-9]{3}\1[0-9]{3}\1[0-9]{3}\1[0-9]{2}(?![0-9])", 0.6
        ),
        Pattern("siret siren nic", r"(?<![0-9])[0-9]{9}[ .][0-9]{5}(?![0-9])", 0.6),
        Pattern("siret compact", r"(?<![0-9])[0-9]{14}(?![0-9])", 0.4),
    )
    CONTEXT = ("siret", "etablissement", "siege", "siren", "rcs", "societe", "entreprise")
    CONTEXT_REQUIRED = frozenset({"siret compact"})

    def validate_result(self, pattern_text: str) -> bool:
        return bool(siret.is_valid(_SEPARATORS.sub("", pattern_text)))
