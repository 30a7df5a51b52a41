"""Value pools for the demo CRM: drawn once from a seeded Faker fr_FR, then sampled with ``random.Random``.

Faker is slow (tens of microseconds per value) and its per-call state makes chunked generation hard to
reproduce; drawing a few thousand names, streets and cities once per seed and then sampling them is
~100x faster and keeps every chunk independent. The pools depend only on the seed and the pinned Faker
version, never on the database backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_privacy.demo.identifiers import ascii_slug

B2C_DOMAINS = (
    ("gmail.com", 30),
    ("orange.fr", 14),
    ("hotmail.fr", 10),
    ("free.fr", 8),
    ("yahoo.fr", 7),
    ("laposte.net", 6),
    ("sfr.fr", 5),
    ("wanadoo.fr", 5),
    ("outlook.fr", 5),
    ("icloud.com", 4),
    ("bbox.fr", 3),
    ("neuf.fr", 3),
)

ACTIVITY_WORDS = (
    "Conseil", "Plomberie", "Transports", "Bâtiment", "Informatique", "Distribution", "Immobilier",
    "Menuiserie", "Électricité", "Boulangerie", "Pharmacie", "Assurances", "Logistique", "Paysages",
    "Architecture", "Optique", "Imprimerie", "Textile", "Automobiles", "Restauration", "Consulting",
    "Ingénierie", "Énergies", "Nettoyage", "Sécurité", "Formation", "Événements", "Santé", "Médical",
    "Expertise", "Audit", "Traiteur", "Jardins", "Couverture", "Carrelage", "Chauffage", "Froid",
    "Emballages", "Négoce", "Services",
)  # fmt: skip

LEGAL_FORMS = ("SAS", "SARL", "SA", "EURL", "SASU", "SCI", "")

SECTORS = (
    "Commerce de détail", "Industrie manufacturière", "Construction", "Services aux entreprises",
    "Hébergement et restauration", "Transports et entreposage", "Information et communication",
    "Activités financières", "Santé humaine", "Enseignement", "Immobilier", "Agriculture",
)  # fmt: skip

SIZE_BANDS = ("1-9", "10-49", "50-249", "250-999", "1000+")

SEGMENTS_B2C = ("Particulier", "Particulier premium", "Jeune actif", "Senior")
SEGMENTS_B2B = ("TPE", "PME", "ETI", "Grand compte", "Collectivité")

SOURCES = (
    ("site_web", 30), ("salon", 10), ("import_csv", 12), ("achat_fichier", 8), ("parrainage", 8),
    ("appel_entrant", 10), ("partenaire", 8), ("linkedin", 8), ("jeu_concours", 6),
)  # fmt: skip

PREFERENCES = (
    "newsletter", "promotions", "nouveautes", "evenements", "contact_matin", "contact_soir",
    "pas_de_sms", "courrier_papier",
)  # fmt: skip

#: (reference, label, unit price in cents HT, monthly subscription?)
PRODUCTS = (
    ("PRD-1001", "Licence CRM Essentiel", 2900, True),
    ("PRD-1002", "Licence CRM Pro", 5900, True),
    ("PRD-1003", "Licence CRM Entreprise", 12900, True),
    ("PRD-2010", "Module facturation", 1500, True),
    ("PRD-2011", "Module e-mailing", 1900, True),
    ("PRD-3100", "Formation utilisateur (1 jour)", 95000, False),
    ("PRD-3101", "Accompagnement au déploiement", 240000, False),
    ("PRD-4471", "Pack téléphonie 10 postes", 189000, False),
    ("PRD-4472", "Casque sans fil", 14900, False),
    ("PRD-5200", "Contrat de maintenance annuel", 60000, True),
    ("PRD-5201", "Hébergement sécurisé", 4900, True),
    ("PRD-6001", "Audit de conformité", 350000, False),
)


@dataclass(frozen=True)
class Pools:
    """Immutable pools; ``*_slug`` lists hold the ASCII forms used in e-mails and domains (same index)."""

    male_first: tuple[str, ...]
    male_first_slug: tuple[str, ...]
    female_first: tuple[str, ...]
    female_first_slug: tuple[str, ...]
    last: tuple[str, ...]
    last_slug: tuple[str, ...]
    last_dash: tuple[str, ...]  # "da-costa": for web domains
    streets: tuple[str, ...]
    places: tuple[tuple[str, str], ...]  # (postcode, city)
    jobs: tuple[str, ...]
    employees: tuple[str, ...]
    b2c_domains: tuple[str, ...]
    b2c_domain_weights: tuple[int, ...]
    sources: tuple[str, ...]
    source_weights: tuple[int, ...]


def _unique_by_slug(values: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Deduplicate on the ASCII slug (so "Hélène" and "Helene" cannot give two identical e-mails)."""
    seen: dict[str, str] = {}
    for value in values:
        slug = ascii_slug(value)
        if slug and slug not in seen:
            seen[slug] = value
    return tuple(seen.values()), tuple(seen.keys())


def build_pools(seed: int) -> Pools:
    """Draw the pools from Faker fr_FR seeded with ``seed`` (about 0.3 s)."""
    from faker import Faker

    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    male, male_slug = _unique_by_slug([fake.first_name_male() for _ in range(3000)])
    female, female_slug = _unique_by_slug([fake.first_name_female() for _ in range(3000)])
    last, last_slug = _unique_by_slug([fake.last_name() for _ in range(12000)])
    streets = tuple(dict.fromkeys(fake.street_name() for _ in range(4000)))
    places = tuple(dict.fromkeys((fake.postcode(), fake.city()) for _ in range(3000)))
    jobs = tuple(dict.fromkeys(fake.job() for _ in range(3000)))
    employees = tuple(f"{fake.first_name()} {fake.last_name()}" for _ in range(40))
    return Pools(
        male_first=male,
        male_first_slug=male_slug,
        female_first=female,
        female_first_slug=female_slug,
        last=last,
        last_slug=last_slug,
        last_dash=tuple(ascii_slug(name, "-") for name in last),
        streets=streets,
        places=places,
        jobs=jobs,
        employees=employees,
        b2c_domains=tuple(d for d, _ in B2C_DOMAINS),
        b2c_domain_weights=tuple(w for _, w in B2C_DOMAINS),
        sources=tuple(s for s, _ in SOURCES),
        source_weights=tuple(w for _, w in SOURCES),
    )
