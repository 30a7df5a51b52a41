"""URLs that identify a person: social and professional profiles, personal pages named after someone."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import URL
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

# Profile paths of the networks a CRM records: the part after them names or identifies one person.
_PROFILE = (
    r"(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/"
    r"|(?:www\.|m\.|fr-fr\.)?facebook\.com/(?!groups/|pages/|events/|sharer|share|watch|help|policies)"
    r"|fb\.com/"
    r"|(?:www\.)?(?:twitter|x)\.com/(?!i/|intent/|search|hashtag/|home)"
    r"|(?:www\.)?instagram\.com/(?!p/|explore/|reel/)"
    r"|(?:www\.)?threads\.net/@"
    r"|(?:www\.)?tiktok\.com/@"
    r"|(?:www\.)?youtube\.com/(?:@|c/|user/)"
    r"|(?:www\.)?github\.com/"
    r"|(?:www\.)?gitlab\.com/"
    r"|(?:www\.)?viadeo\.com/(?:p|fr/profile)/"
    r"|(?:www\.)?malt\.fr/profile/"
    r"|(?:www\.)?xing\.com/profile/"
    r"|(?:www\.)?pinterest\.(?:com|fr)/"
    r"|(?:www\.)?medium\.com/@"
    r"|(?:www\.)?(?:about\.me|linktr\.ee|calendly\.com)/"
    r"|bsky\.app/profile/"
    r"|(?:www\.)?doctolib\.fr/[a-z\-]+/[a-z\-]+/"
)
_TAIL = r"[^\s<>\"'()\[\]{},;]+"
# "https://claire-dupont.fr", "blog.odile-marchal.net", "jean.martin.free.fr": a host made of a
# first and a last name joined by a dash or a dot (checked against the name lists).
_NAMED_HOST = r"(?:[a-z0-9\-]+\.)*(?P<first>[a-z]+)[\-.](?P<last>[a-z]+)\.(?:fr|com|net|org|eu|me|io|info|blog|name|free\.fr)"
_TRAILING = ".,;:!?)»"


class FrPersonalUrlRecognizer(FrPatternRecognizer):
    """``linkedin.com/in/claire-dupont-1234``, ``https://www.facebook.com/odile.marchal``,
    ``x.com/jdupont``, ``https://claire-dupont.fr/blog``. Company sites and documentation links are
    not reported (a URL is personal data when it points at one person)."""

    ENTITY = URL
    NEEDS = r"\.[a-z]{2,}/|\.(?:fr|com|net|org|eu|me|io|info|blog)\b"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        Pattern("profile", rf"(?<![\w@/.\-])(?:https?://)?(?:{_PROFILE}){_TAIL}", 0.7),
        Pattern("named host", rf"(?<![\w@/.\-])(?:https?://)?{_NAMED_HOST}(?:/{_TAIL})?(?![\w@])", 0.5),
    )
    CONTEXT = ("linkedin", "profil", "site perso", "blog", "page perso", "compte")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if pattern_name == "named host":
            from crm_privacy.detect.recognizers.names import is_first_name, is_last_name

            first, last = match.group("first"), match.group("last")
            if not (is_first_name(first) and is_last_name(last)):
                return None
        elif text[start:end].rstrip("/").endswith(("/in", "/pub", ".com", "/@", "/profile")):
            return None  # the network's page, no one's profile
        return start, end
