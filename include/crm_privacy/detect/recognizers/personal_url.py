"""URLs that identify a person: social and professional profiles, personal pages named after someone."""

from __future__ import annotations

import itertools
import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import URL
from crm_privacy.detect.recognizers._words import has_context
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
    r"|(?:www\.)?(?:behance\.net|dribbble\.com|soundcloud\.com|vimeo\.com|twitch\.tv)/"
    # Mastodon and the other fediverse servers: any host, then "/@name"
    r"|(?:[a-z0-9\-]+\.)+[a-z]{2,12}/@"
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
    #: words before a URL that say it is someone's own page ("Profil : www.pierrerenard-photo.fr")
    OWN_PAGE_CUES = (
        "linkedin",
        "profil",
        "site perso",
        "blog",
        "page perso",
        "reseaux",
        "portfolio",
        "mon site",
    )

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if pattern_name == "named host":
            own = has_context(text, start, self.OWN_PAGE_CUES, window=40)
            if not _named(match.group("host"), own_page=own):
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
# Blog platforms: the label before them is the blog's name, most often its author's.
_BLOG_PLATFORMS = frozenset(["wordpress", "over-blog", "overblog", "blogspot", "wixsite", "substack"])
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


def _named(host: str, *, own_page: bool = False) -> bool:
    """Whether a label of ``host`` (its public suffix left out) names a person.

    A name glued in one word ("pierrerenard") may hold everyday words ("renard", "bonheur") when the
    page is someone's own: after a profile cue, or on a blog platform ("octavebonheur.wordpress.com").
    """
    all_labels = host.lower().split(".")[:-1]
    own_page = own_page or any(label in _BLOG_PLATFORMS for label in all_labels)
    labels = [label for label in all_labels if label not in _SKIP_LABELS]
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
                if (
                    own_page
                    and min(len(left), len(right)) >= 3
                    and (_names(left, right) or _names(right, left))
                ):
                    return True
                if (_pair(left, right) or _pair(right, left)) and not (is_word(left) or is_word(right)):
                    return True
    return False


def _names(first: str, last: str) -> bool:
    return is_first_name(first) and is_last_name(last)


def _pair(first: str, last: str) -> bool:
    """A first name and a last name, not both everyday words ("boulangerie-martin" is a shop)."""
    return is_first_name(first) and is_last_name(last) and not (is_word(first) and is_word(last))
