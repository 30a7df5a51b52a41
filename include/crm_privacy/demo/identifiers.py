"""Cheap, valid French identifiers for the demo CRM: SIREN/SIRET (Luhn), NIR (mod-97 key), IBAN, phones.

Faker can make these too, but one Faker call costs tens of microseconds; the generator needs millions,
so they are built here from a seeded ``random.Random`` with plain integer arithmetic. Every value passes
the real checksum (python-stdnum validates them in the unit tests), so a detector that verifies check
digits sees true positives, not noise.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date

_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_check_digit(digits: str) -> str:
    """The digit that makes ``digits + d`` pass the Luhn test."""
    total = 0
    for pos, char in enumerate(reversed(digits)):
        n = ord(char) - 48
        total += _LUHN_DOUBLE[n] if pos % 2 == 0 else n
    return str((10 - total % 10) % 10)


def siren(r: random.Random) -> str:
    """A 9-digit SIREN with a valid Luhn key (first digit non-zero, like real ones)."""
    body = str(r.randrange(10_000_000, 100_000_000))
    return body + luhn_check_digit(body)


def siret(r: random.Random, siren_number: str) -> str:
    """A 14-digit SIRET of that SIREN: a 5-digit establishment number (NIC) whose last digit is the key."""
    body = siren_number + f"{r.randrange(1, 10_000):04d}"
    return body + luhn_check_digit(body)


def nir(r: random.Random, male: bool, birth: date, spaced: bool = True) -> str:
    """A French social-security number (NIR) consistent with sex and birth date, with its mod-97 key.

    Corsican departments (2A/2B) appear now and then because they break naive all-digit regexes; the key
    is then computed with 2A -> 19 and 2B -> 18, as INSEE specifies.
    """
    roll = r.random()
    if roll < 0.03:
        dept, dept_num = ("2A", "19") if roll < 0.015 else ("2B", "18")
    else:
        dept = dept_num = f"{r.choice(_DEPARTMENTS):02d}"
    commune = f"{r.randrange(1, 990):03d}"
    order = f"{r.randrange(1, 1000):03d}"
    head = f"{1 if male else 2}{birth.year % 100:02d}{birth.month:02d}"
    key = 97 - int(head + dept_num + commune + order) % 97
    if spaced:
        return f"{head[0]} {head[1:3]} {head[3:5]} {dept} {commune} {order} {key:02d}"
    return f"{head}{dept}{commune}{order}{key:02d}"


# Metropolitan departments only (overseas NIRs use 3-digit departments, not worth the complexity here).
_DEPARTMENTS = tuple(d for d in range(1, 96) if d != 20)

# Real bank codes of large French networks: IBANs look plausible, account numbers are random.
_BANK_CODES = ("30004", "30003", "30002", "20041", "10278", "11306", "18206", "16606", "30066", "14505")


def iban(r: random.Random, spaced: bool = True) -> str:
    """A French IBAN with a valid RIB key and valid mod-97 check digits."""
    bank = r.choice(_BANK_CODES)
    branch = f"{r.randrange(0, 100_000):05d}"
    account = f"{r.randrange(0, 10**11):011d}"
    rib_key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{rib_key:02d}"
    check = 98 - int(bban + "152700") % 97  # "FR00" moved to the end, F=15 R=27
    value = f"FR{check:02d}{bban}"
    if not spaced:
        return value
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def mobile_digits(r: random.Random) -> str:
    """Ten digits of a French mobile number (06/07)."""
    return f"0{r.choice('67')}{r.randrange(0, 10**8):08d}"


def landline_digits(r: random.Random) -> str:
    """Ten digits of a French geographic number (01..05) or VoIP number (09)."""
    return f"0{r.choice('1234559')}{r.randrange(0, 10**8):08d}"


def format_phone(digits: str, style: int) -> str:
    """Write ten French digits the ways people type them: spaces, dots, none, +33, dashes."""
    pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
    if style == 0:
        return " ".join(pairs)
    if style == 1:
        return ".".join(pairs)
    if style == 2:
        return digits
    if style == 3:
        return "+33 " + digits[1] + " " + " ".join(pairs[1:])
    if style == 4:
        return "+33" + digits[1:]
    return "-".join(pairs)


PHONE_STYLES = 6


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII form of a name for e-mail local parts and domains ("Hélène" -> "helene")."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for char in decomposed.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
        elif char in " -'&." and out and out[-1] != sep:
            out.append(sep)
    return "".join(out).strip(sep) if sep else "".join(out)
