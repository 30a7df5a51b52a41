"""E-mail addresses: Presidio's pattern, domain checked against tldextract's bundled suffix list."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from crm_privacy.detect.entities import EMAIL_ADDRESS
from crm_privacy.detect.offline import offline_tld_extractor
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_FIELD_SEPARATORS = ("|", "'", "/", "`", "=", "{", "}")


class FrEmailRecognizer(FrPatternRecognizer):
    """Same regex as Presidio's EmailRecognizer; the suffix check never goes to the network."""

    ENTITY = EMAIL_ADDRESS
    NEEDS = "@"
    FLAGS = re.IGNORECASE
    PATTERNS = (Pattern("email", EmailRecognizer.PATTERNS[0].regex, 0.5),)
    CONTEXT = ("email", "mail", "courriel", "adresse")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        # RFC 5322 allows "|", "'" and "/" in a local part; in a CSV line or a pasted table they
        # separate fields: "06 04 24 17 80|nicolas57@orange.fr" is a phone number, then an e-mail
        start, end = match.span()
        at = text.find("@", start, end)
        cut = max(text.rfind(sep, start, at) for sep in _FIELD_SEPARATORS)
        return (cut + 1 if cut >= start else start), end

    def validate_result(self, pattern_text: str) -> bool:
        return offline_tld_extractor()(pattern_text).suffix != ""
