"""IP addresses (v4, v6, ports) and French phone numbers recognised by shape (issue 8)."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.scrub import scrub_text

IP, PHONE = "IP_ADDRESS", "PHONE_NUMBER"


def spans(engine: PiiEngine, text: str) -> set[tuple[str, int, int]]:
    return {(s.entity_type, s.start, s.end) for s in engine.analyze(text)}


FOUND = [
    # IPv4, with and without a port; a sentence's full stop stays out.
    pytest.param("connexion suspecte depuis 81.250.12.7 sur son compte", (IP, 26, 37), id="ipv4-issue"),
    pytest.param("IP 81.250.12.7:8080.", (IP, 3, 19), id="ipv4-port-full-stop"),
    pytest.param("box 192.168.1.254, puis 10.0.0.1", (IP, 4, 17), id="ipv4-private-first"),
    pytest.param("box 192.168.1.254, puis 10.0.0.1", (IP, 24, 32), id="ipv4-private-second"),
    # IPv6: full, compressed, zone, embedded v4, bracketed with a port.
    pytest.param("ip 2001:0db8:85a3:0000:0000:8a2e:0370:7334 bloquée", (IP, 3, 42), id="ipv6-full"),
    pytest.param("connexion depuis 2001:db8::1.", (IP, 17, 28), id="ipv6-compressed"),
    pytest.param("lien local fe80::1%eth0", (IP, 11, 23), id="ipv6-zone"),
    pytest.param("mappée ::ffff:192.0.2.1 ok", (IP, 7, 23), id="ipv6-embedded-v4"),
    pytest.param("serveur [2001:db8::1]:443 injoignable", (IP, 8, 25), id="ipv6-bracketed-port"),
    # Phones in blocks that are not allocated or not geographic: the shape is enough.
    pytest.param("tél +33 4 05 11 22 33 le soir", (PHONE, 4, 21), id="phone-intl-unallocated-04-05"),
    pytest.param("portable +33 7 00 12 34 56", (PHONE, 9, 26), id="phone-intl-07-00"),
    pytest.param("au 0712345678 merci", (PHONE, 3, 13), id="phone-compact-07-12"),
    pytest.param("au 0405112233", (PHONE, 3, 13), id="phone-compact-04-05"),
    pytest.param("mobile +33700123456.", (PHONE, 7, 19), id="phone-intl-compact-07-00"),
    pytest.param("0033 (0)7 00 12 34 56", (PHONE, 0, 21), id="phone-0033-trunk-07-00"),
    pytest.param("Réunion +262 692 12 34 56", (PHONE, 8, 25), id="phone-overseas-intl"),
    pytest.param("Nouméa +687 12 34 56", (PHONE, 7, 20), id="phone-new-caledonia"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(pii_engine: PiiEngine, text: str, expected: tuple[str, int, int]) -> None:
    assert expected in spans(pii_engine, text)


NOT_FOUND = [
    pytest.param("mise à jour en v2.3.1.4 faite", id="version-v"),
    pytest.param("logiciel version 2.3.1.4 installé", id="version-word"),
    pytest.param("livré le 12.03.2024", id="date-dots"),
    pytest.param("réf 01.02.03.04", id="leading-zeros"),
    pytest.param("valeur 256.1.1.1", id="octet-too-large"),
    pytest.param("IP 81.250.12.7:99999", id="port-too-large"),
    pytest.param("RDV à 14:30:00", id="time"),
    pytest.param("MAC 00:1A:2B:3C:4D:5E", id="mac-address"),
    # The tail of a mistyped IBAN (key wrong, so no IBAN) is not a phone number.
    pytest.param("compte DE89 3704 0044 0532 0130 01 erroné", id="iban-tail-spaces"),
    pytest.param("compte DE89-3704-0044-0532-0130-01 erroné", id="iban-tail-dashes"),
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(pii_engine: PiiEngine, text: str) -> None:
    assert spans(pii_engine, text) == set()


def test_scrub_replaces_ip(pii_engine: PiiEngine) -> None:
    text = "connexion suspecte depuis 81.250.12.7 sur son compte"
    assert (
        scrub_text(text, model="fr_core_news_sm") == "connexion suspecte depuis <ADRESSE_IP> sur son compte"
    )
