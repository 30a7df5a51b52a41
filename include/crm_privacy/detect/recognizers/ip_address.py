"""IP addresses (v4 and v6, optional port): personal data for the CNIL, checked with ``ipaddress``."""

from __future__ import annotations

import ipaddress
import re

from presidio_analyzer import Pattern

from crm_privacy.detect.entities import IP_ADDRESS
from crm_privacy.detect.recognizers._words import fold_text
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"  # no leading zero: "12.03.20.24" is no IP
_PORT = r"(?::[0-9]{1,5})?"
# At least two colons (checked by a lookahead whose classes exclude the colon, so linear), then one
# possessive run: no backtracking on a long run of hex digits and colons. ``ipaddress`` decides.
_HEX_RUN = r"(?=[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45}+"
_ZONE = r"(?:%[0-9A-Za-z]+)?"
# "v2.3.1.4", "version 2.3.1.4", "build 10.0.19045.1": a software version, not an address.
_VERSION_CUE = re.compile(
    r"(?:\bv|\bversion|\bvers\.|\brelease|\bbuild|\bfirmware|\bmaj|\bmise a jour|\bappli|\blogiciel"
    r"|\bpatch|\bmodele)\b[^0-9]{0,16}$"
)


class FrIpAddressRecognizer(FrPatternRecognizer):
    """``81.250.12.7``, ``81.250.12.7:8080``, ``2001:db8::1``, ``fe80::1%eth0``, ``[2001:db8::1]:443``.

    IPv4 octets must be 0-255 without leading zero; an IPv6 candidate must parse with ``ipaddress``
    (so a time "14:30:00" or a MAC address is not one). A dotted number after a version cue
    (``v2.3.1.4``, ``version 2.3.1.4``) is not reported.
    """

    ENTITY = IP_ADDRESS
    NEEDS = r"[0-9][.:]|:[0-9A-Fa-f]|::"
    PATTERNS = (
        Pattern(
            "ipv4",
            rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}{_PORT}(?![0-9]|[\w:])",
            0.6,
        ),
        Pattern("ipv6 bracketed", rf"(?<![\w\[])\[{_HEX_RUN}{_ZONE}\]{_PORT}(?![\w:])", 0.6),
        Pattern("ipv6", rf"(?<![\w:.\[])(?:{_HEX_RUN}){_ZONE}(?![\w:\]])", 0.6),
    )
    CONTEXT = (
        "ip",
        "ipv4",
        "ipv6",
        "adresse ip",
        "connexion",
        "connecte",
        "serveur",
        "routeur",
        "box",
        "livebox",
        "vpn",
    )

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        if pattern_name == "ipv6":
            # the run may swallow the sentence's full stop or a trailing colon ("IP 2001:db8::1.")
            while end > start and (
                text[end - 1] == "." or (text[end - 1] == ":" and text[end - 2 : end] != "::")
            ):
                end -= 1
        if pattern_name == "ipv4" and _VERSION_CUE.search(fold_text(text[max(0, start - 30) : start])):
            return None
        return start, end

    def validate_result(self, pattern_text: str) -> bool:
        address, port = _split_port(pattern_text)
        if port is not None and not 0 < port <= 65535:
            return False
        try:
            ipaddress.ip_address(address)
        except ValueError:
            return False
        return True


def _split_port(text: str) -> tuple[str, int | None]:
    """``("2001:db8::1", 443)`` from ``[2001:db8::1]:443``; ``("81.250.12.7", 8080)`` from v4."""
    if text.startswith("["):
        address, _, rest = text[1:].partition("]")
        return address, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    if text.count(":") == 1 and "." in text:
        address, _, port = text.partition(":")
        return address, int(port)
    return text, None
