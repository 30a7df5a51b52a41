"""Fake but valid French values (Faker fr_FR + our own writings), returned as corpus markup.

Every writing a CRM user types is represented: phones with dots, dashes or ``+33 (0)``, IBANs and
NIRs with or without spaces, Corsican NIRs, names in capitals. Look-alikes (orders, prices,
product references, meeting dates) come out unmarked: they must not be detected.
"""

from __future__ import annotations

import random
import unicodedata

import phonenumbers
from faker import Faker
from stdnum.fr import nir

from bench.detect.corpus.markup import mark

CITIES = (
    "Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux",
    "Lille", "Rennes", "Reims", "Saint-Étienne", "Le Havre", "Toulon", "Grenoble", "Dijon", "Angers",
    "Nîmes", "Villeurbanne", "Clermont-Ferrand", "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges",
    "Annecy", "Perpignan", "Metz", "Besançon", "Orléans", "Rouen", "Mulhouse", "Caen", "Nancy", "Ajaccio",
    "Bastia", "Saint-Denis", "Boulogne-Billancourt", "Levallois-Perret",
)  # fmt: skip
WAYS = ("rue",) * 8 + ("avenue",) * 3 + ("boulevard", "bd", "av.", "allée", "impasse", "chemin", "place",
        "route", "quai", "cours", "square", "résidence", "impasse", "lieu-dit")  # fmt: skip
STREETS = ("de la Paix", "Victor Hugo", "du Général de Gaulle", "des Lilas", "Jean Jaurès", "de la République",
           "Pasteur", "des Écoles", "du Moulin", "de l'Église", "Gambetta", "Saint-Michel", "des Tilleuls",
           "Émile Zola", "du Port", "de Verdun", "Foch", "de la Gare")  # fmt: skip
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")  # fmt: skip
MAIL_DOMAINS = ("exemple.fr", "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr",
                "hotmail.fr", "yahoo.fr", "outlook.com", "entreprise.fr", "societe.com")  # fmt: skip


def ascii_slug(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in flat if c.isalnum() and not unicodedata.combining(c))


class Values:
    """One text's values; the same slot used twice in a template gives the same person."""

    def __init__(self, fake: Faker, rng: random.Random) -> None:
        self.fake, self.rng = fake, rng
        self.given, self.family = fake.first_name(), fake.last_name()

    # -- personal data -------------------------------------------------------------------------
    def person(self) -> str:
        r, first, last = self.rng.random(), self.given, self.family
        name = (
            f"{first} {last}" if r < 0.6 else f"{last.upper()} {first}" if r < 0.75
            else f"{first} {last.upper()}" if r < 0.9 else f"{first[0]}. {last}"
        )  # fmt: skip
        return mark(name, "PERSON")

    def civ_person(self) -> str:
        civ = self.rng.choice(("M.", "Mme", "Monsieur", "Madame", "Mlle", "Mme", "M."))
        name = self.family if self.rng.random() < 0.35 else f"{self.given} {self.family}"
        return f"{civ} {mark(name, 'PERSON')}"

    def first_name(self) -> str:
        return mark(self.given, "PERSON")

    def phone(self) -> str:
        while True:
            digits = "0" + self.rng.choice("1234567999") + "".join(self.rng.choices("0123456789", k=8))
            if phonenumbers.is_valid_number(phonenumbers.parse(digits, "FR")):
                break
        pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
        tail = pairs[0][1] + " " + " ".join(pairs[1:])
        writings = (
            " ".join(pairs), ".".join(pairs), "-".join(pairs), digits, "+33 " + tail,
            "+33 (0)" + tail, "+33" + digits[1:], "0033 " + tail, " ".join(pairs), digits,
        )  # fmt: skip
        return mark(self.rng.choice(writings), "PHONE_NUMBER")

    def email(self) -> str:
        first, last = ascii_slug(self.given), ascii_slug(self.family)
        local = self.rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}", f"{last}.{first}",
                                 f"{first}.{last}{self.rng.randint(1, 99)}", f"{first}-{last}"))  # fmt: skip
        return mark(f"{local}@{self.rng.choice(MAIL_DOMAINS)}", "EMAIL_ADDRESS")

    def iban(self) -> str:
        raw = self.fake.iban()
        spaced = " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
        return mark(spaced if self.rng.random() < 0.6 else raw, "IBAN_CODE")

    def nir(self) -> str:
        dept = self.rng.choice(("2A", "2B")) if self.rng.random() < 0.15 else f"{self.rng.randint(1, 95):02d}"
        dept = "19" if dept == "20" else dept
        body = (f"{self.rng.choice('12')}{self.rng.randint(40, 99):02d}{self.rng.randint(1, 12):02d}{dept}"
                f"{self.rng.randint(1, 990):03d}{self.rng.randint(1, 999):03d}")  # fmt: skip
        key = nir.calc_check_digits(body + "00")
        parts = (body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13], key)
        r = self.rng.random()
        text = " ".join(parts) if r < 0.5 else body + key if r < 0.85 else f"{body} {key}"
        return mark(text, "FR_NIR")

    def card(self) -> str:
        kind = self.rng.choice(("visa16", "visa16", "mastercard", "mastercard", "amex"))
        raw = self.fake.credit_card_number(card_type=kind)
        groups = (
            [raw[:4], raw[4:10], raw[10:]] if kind == "amex" else [raw[i : i + 4] for i in range(0, 16, 4)]
        )
        r = self.rng.random()
        text = " ".join(groups) if r < 0.6 else "-".join(groups) if r < 0.7 else raw
        return mark(text, "CREDIT_CARD")

    def siren(self) -> str:
        raw = self.fake.siren()
        return mark(raw if self.rng.random() < 0.6 else raw.replace(" ", ""), "FR_SIREN")

    def siret(self) -> str:
        raw = self.fake.siret()
        return mark(raw if self.rng.random() < 0.7 else raw.replace(" ", ""), "FR_SIRET")

    def address(self) -> str:
        rng = self.rng
        number = f"{rng.randint(1, 250)}" + rng.choice(("",) * 8 + (" bis", " ter"))
        street = (
            rng.choice(STREETS) if rng.random() < 0.6 else rng.choice(("", "de ")) + self.fake.last_name()
        )
        city = rng.choice(CITIES) if rng.random() < 0.7 else self.fake.city()
        city = city.upper() if rng.random() < 0.25 else city
        town = f"{self.fake.postcode()} {city}"
        r = rng.random()
        text = (
            f"{number} {rng.choice(WAYS)} {street}, {town}" if r < 0.45
            else f"{number}, {rng.choice(WAYS)} {street} {town}" if r < 0.65
            else f"{number} {rng.choice(WAYS)} {street}" if r < 0.85
            else f"{rng.choice(WAYS)} {street}, {town}"
        )  # fmt: skip
        return mark(text, "LOCATION")

    def birth(self) -> str:
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2005)
        dates = (f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}",
                 f"{day}/{month}/{year}", f"{day:02d}.{month:02d}.{year}", f"{year}-{month:02d}-{day:02d}")  # fmt: skip
        cue = rng.choice(
            ("né le", "née le", "né(e) le", "date de naissance :", "DDN", "née à Lyon le", "Né le")
        )
        return f"{cue} {mark(rng.choice(dates), 'DATE_TIME')}"

    # -- look-alikes (never marked) ------------------------------------------------------------
    def order(self) -> str:
        n = self.rng.randint(1, 999_999)
        return self.rng.choice(
            (f"CMD-2024-{n:06d}", f"commande n° 75{n % 1000:03d}-{n % 997}", f"BC-{n:05d}")
        )

    def price(self) -> str:
        euros = self.rng.randint(5, 98_000)
        return self.rng.choice((f"{euros:,} €".replace(",", " "), f"{euros},{self.rng.randint(0, 99):02d} € HT",
                                f"{euros} euros", f"{euros // 1000 + 1} k€"))  # fmt: skip

    def product(self) -> str:
        n = self.rng.randint(10_000, 99_999)
        return self.rng.choice(
            (f"réf. AB-{n % 10_000:04d}", f"SKU {n}", f"REF-XL-{n % 1000:04d}", f"article {n}")
        )

    def meeting(self) -> str:
        day, month = self.rng.randint(1, 28), self.rng.randint(1, 12)
        return self.rng.choice((f"le {day} {MONTHS[month - 1]} 2025", f"le {day:02d}/{month:02d}/2025",
                                f"mardi {day} {MONTHS[month - 1]}", f"le {day:02d}/{month:02d}"))  # fmt: skip

    def company(self) -> str:
        return f"{self.fake.last_name()} {self.rng.choice(('SARL', 'SAS', 'SA', 'et Fils', 'Industrie', 'Conseil'))}"

    def city(self) -> str:
        return self.rng.choice(CITIES)

    def invoice(self) -> str:
        return f"FAC-2024-{self.rng.randint(1, 99_999):05d}"

    def hour(self) -> str:
        return f"{self.rng.randint(8, 18)}h{self.rng.choice(('00', '15', '30', '45'))}"
