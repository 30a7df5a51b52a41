"""E-mail addresses: Presidio's pattern, domain checked against tldextract's bundled suffix list."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from crm_privacy.detect.entities import EMAIL_ADDRESS
from crm_privacy.detect.offline import offline_tld_extractor
from crm_privacy.detect.recognizers.base import FrPatternRecognizer


class FrEmailRecognizer(FrPatternRecognizer):
    """Same regex as Presidio's EmailRecognizer; the suffix check never goes to the network."""

    ENTITY = EMAIL_ADDRESS
    NEEDS = "@"
    FLAGS = re.IGNORECASE
    PATTERNS = (Pattern("email", EmailRecognizer.PATTERNS[0].regex, 0.5),)
    CONTEXT = ("email", "mail", "courriel", "adresse")

    def validate_result(self, pattern_text: str) -> bool:
        return offline_tld_extractor()(pattern_text).suffix != ""
