"""URLs that identify a person: social and professional profiles, personal pages named after someone."""

from __future__ import annotations

import itertools
import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import URL
from crm_privacy.detect.recognizers.base import FrPatternRecognizer
from crm_privacy.detect.recognizers.names import is_first_name, is_last_name, is_word

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
_TAIL = r"[^\s<>\"'()\[\]{},;|]+"
# Personal pages and blogs: a host label made of a first and a last name ("claire-dupont.fr",
# "blog.poirier-laurine.net", "tomaszlegrand.wordpress.com", "aurelien-bui-photographe.fr"), checked
# against the name lists in refine().
_HOST = r"(?P<host>(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,12})(?=[/\s,;:!?)\]»\"']|\.(?:\s|$)|$)"
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
        Pattern("named host", rf"(?<![\w@/.\-])(?:https?://)?{_HOST}(?:/{_TAIL})?", 0.5),
    )
    CONTEXT = ("linkedin", "profil", "site perso", "blog", "page perso", "compte")

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if pattern_name == "named host":
            if not _named(match.group("host")):
                return None
        elif text[start:end].rstrip("/").endswith(("/in", "/pub", ".com", "/@", "/profile")):
            return None  # the network's page, no one's profile
        return start, end


# Labels that say nothing of whose page it is: prefixes, mail hosts and the platforms that host
# personal blogs ("tomaszlegrand.wordpress.com", "camilleesposito.over-blog.com").
_SKIP_LABELS = frozenset(
    [
        "www",
        "blog",
        "m",
        "fr",
        "en",
        "perso",
        "home",
        "site",
        "web",
        "pages",
        "mx",
        "mail",
        "smtp",
        "wordpress",
        "over-blog",
        "overblog",
        "blogspot",
        "wixsite",
        "medium",
        "substack",
        "free",
    ]
)
# A host with one of these is a platform or a firm's site, not a person's page.
_NOT_PERSONAL = frozenset(
    [
        "linkedin",
        "facebook",
        "twitter",
        "instagram",
        "github",
        "gitlab",
        "google",
        "youtube",
        "gmail",
        "outlook",
        "hotmail",
        "yahoo",
        "orange",
        "sfr",
        "wanadoo",
        "laposte",
        "proton",
        "traiteur",
        "maison",
        "menuiserie",
        "garage",
        "transports",
        "plomberie",
        "electricite",
        "boulangerie",
        "boucherie",
        "pharmacie",
        "cabinet",
        "immobilier",
        "batiment",
        "renovation",
        "couverture",
        "peinture",
        "restaurant",
        "hotel",
        "auto",
        "services",
        "groupe",
        "conseil",
        "avocats",
        "notaire",
        "expert",
        "expertise",
        "sarl",
        "sas",
        "construction",
        "nettoyage",
    ]
)


def _named(host: str) -> bool:
    """Whether a label of ``host`` (its public suffix left out) names a person."""
    labels = [label for label in host.lower().split(".")[:-1] if label not in _SKIP_LABELS]
    if any(part in _NOT_PERSONAL for label in labels for part in [label, *label.split("-")]):
        return False
    # "jean.dupont.free.fr": two labels that are a first and a last name
    for left, right in itertools.pairwise(labels):
        if _pair(left, right) or _pair(right, left):
            return True
    for label in labels:
        parts = [p for p in re.split(r"[\-0-9]+", label) if p]
        if any(_pair(a, b) or _pair(b, a) for i, a in enumerate(parts) for b in parts[i + 1 :]):
            return True
        for word in parts:  # "tomaszlegrand", "mairoux": one word, split where two names meet
            for cut in range(3, len(word) - 2):
                left, right = word[:cut], word[cut:]
                if (_pair(left, right) or _pair(right, left)) and not (is_word(left) or is_word(right)):
                    return True
    return False


def _pair(first: str, last: str) -> bool:
    """A first name and a last name, not both everyday words ("boulangerie-martin" is a shop)."""
    return is_first_name(first) and is_last_name(last) and not (is_word(first) and is_word(last))
