"""Free text of the demo CRM: sales notes and company comments, written the way French sales teams write.

Half of the notes carry personal data in every shape a detector has to handle (civility + name, phones
typed five ways, e-mails, IBANs, NIRs with Corsican departments, long-form birth dates, addresses); the
other half carry only business look-alikes (order, invoice and quote numbers, prices, product refs,
meeting dates, a "commande n° 75001-443" that looks like a postcode) so that precision can be measured.
Everything is generated: no real person's data lives in this file.
"""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

from crm_privacy.demo.identifiers import PHONE_STYLES, format_phone, iban, nir
from crm_privacy.demo.pools import ACTIVITY_WORDS, PRODUCTS

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


class Person(NamedTuple):
    """What a note may say about someone (the contact, or a third party such as a manager)."""

    male: bool
    first: str
    last: str
    email: str | None
    mobile: str  # ten digits
    phone: str  # ten digits
    street: str  # "12 rue des Lilas"
    postcode: str
    city: str
    birth: date


def long_date(d: date) -> str:
    """French long form: "1er mars 1980", "3 janvier 1980"."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def _civility(r: random.Random, p: Person) -> str:
    if r.random() < 0.5:
        return "M." if p.male else "Mme"
    return "Monsieur" if p.male else "Madame"


def _phone(r: random.Random, digits: str) -> str:
    return format_phone(digits, r.randrange(PHONE_STYLES))


# Each PII template takes the slots below; only the slots a template names are computed (NIR/IBAN cost).
PII_TEMPLATES = (
    "Appel de {civ} {last} ce matin : souhaite un devis pour {product}. Rappeler au {mobile}.",
    "RDV avec {civ} {first} {last}, {born} le {birth}, tél {mobile}. Dossier complet.",
    "{civ} {last} a transmis son RIB pour le prélèvement : IBAN {iban}. Mise en place au 5 du mois.",
    "Pour le dossier de financement : n° de sécu {nir}, {born} le {birth} à {city}.",
    "Nouvelle adresse de livraison de {civ} {last} : {street}, {postcode} {city}.",
    "Préfère être contacté(e) sur son adresse perso {email} ou au {phone} après 18h.",
    "{first} {last} a changé de poste, nouvelle ligne directe : {phone}. Portable : {mobile}.",
    "Mail reçu de {email} : demande la résiliation de l'abonnement, à traiter par le service client.",
    "Échange avec {civ} {last} ({mobile}) : pas intéressé(e) pour l'instant, recontacter en septembre.",
    "{civ} {first} {last} est en congé maternité/maladie jusqu'à fin du mois, voir avec son assistant(e) au {phone}.",
    "Carte d'identité reçue pour {first} {last}, {born} le {birth}. Domicile : {street} {postcode} {city}.",
    "Parrainé(e) par {other_civ} {other_first} {other_last} ({other_mobile}). Offrir 1 mois gratuit.",
    "Coordonnées bancaires mises à jour : {iban}. Titulaire : {civ} {first} {last}.",
    "Rappeler {civ} {last} au {mobile} ou au {phone}, e-mail {email}.",
    "NIR {nir} communiqué par téléphone pour la mutuelle d'entreprise de {first} {last}.",
    "Visite sur site chez {civ} {last}, {street}, {postcode} {city}. Chien dans le jardin, sonner deux fois.",
    # Scenario 17 of GDPR_RULES.md: everything at once, plus an order number shaped like a postcode.
    "RDV avec {civ} {first} {last}, {born} le {birth}, tél {mobile}, NIR {nir}, IBAN {iban}, {email}, "
    "commande n° {order_cp}.",
)

BUSINESS_TEMPLATES = (
    "Commande {order} livrée le {day}, montant {price} € HT. RAS.",
    "Devis DEV-{year}-{n5} envoyé : {qty} x {product} ({ref}) à {price} € HT.",
    "Relance facture FA-{year}-{n6}, échéance au {day}.",
    "RDV prévu le {day} à {hour}h{minute} pour démonstration du module {module}.",
    "Suite à la commande n° {cp}-{n3}, prévoir une livraison partielle.",
    "Ticket support #{n6} clos. Version installée 4.{n2}.{n1}.",
    "Remise de {pct} % accordée sur la référence {ref}, validée par la direction commerciale.",
    "Budget annuel estimé à {price} € ; décision attendue au T{quarter} {year}.",
    "Livraison prévue semaine {week}, quai n° {n1}, bâtiment B.",
    "Contrat CTR-{year}-{n6} renouvelé pour 12 mois, tarif {price} €/mois.",
    "Réunion de lancement fixée au {day} ; ordre du jour : migration des données, formation, recette.",
    "Stock insuffisant sur {ref}, réassort annoncé pour le {day}.",
)

COMPANY_PII_COMMENTS = (
    "Gérant : {civ} {first} {last} (portable {mobile}), joignable après 18h.",
    "Décideur : {civ} {last} - {mobile} - ne pas appeler le lundi.",
    "Le dirigeant, {first} {last}, préfère être contacté sur son portable {mobile}.",
    "Interlocutrice compta : {civ} {last}, ligne directe {phone}.",
)

COMPANY_BUSINESS_COMMENTS = (
    "Payeur lent, relancer à J+30.",
    "Client stratégique, remise maximale {pct} %.",
    "Siège en cours de déménagement, vérifier l'adresse de facturation.",
    "Appel d'offres annuel en {month}, se positionner tôt.",
    "Compte géré par l'agence de {city}.",
    "Ne pas relancer avant la clôture de leur exercice.",
)


def _pii_slots(r: random.Random, p: Person, template: str) -> dict[str, str]:
    slots = {
        "civ": _civility(r, p),
        "first": p.first,
        "last": p.last if r.random() < 0.8 else p.last.upper(),
        "mobile": _phone(r, p.mobile),
        "phone": _phone(r, p.phone),
        "email": p.email or "non renseigné",
        "born": "né" if p.male else "née",
        "birth": long_date(p.birth),
        "street": p.street,
        "postcode": p.postcode,
        "city": p.city,
        "product": r.choice(PRODUCTS)[1].lower(),
    }
    if "{nir}" in template:
        slots["nir"] = nir(r, p.male, p.birth, spaced=r.random() < 0.6)
    if "{iban}" in template:
        slots["iban"] = iban(r, spaced=r.random() < 0.7)
    if "{order_cp}" in template:
        slots["order_cp"] = f"{r.randrange(1, 96):02d}{r.randrange(0, 1000):03d}-{r.randrange(100, 1000)}"
    return slots


def pii_note(r: random.Random, p: Person, other: Person) -> str:
    """A note that names ``p`` (and sometimes a third party ``other``) with personal data."""
    template = r.choice(PII_TEMPLATES)
    slots = _pii_slots(r, p, template)
    if "{other_" in template:
        slots.update(
            other_civ=_civility(r, other),
            other_first=other.first,
            other_last=other.last,
            other_mobile=_phone(r, other.mobile),
        )
    return template.format(**slots)


def _price(r: random.Random) -> str:
    cents = r.randrange(1_000, 5_000_000)
    euros = f"{cents // 100:,}".replace(",", " ")
    return f"{euros},{cents % 100:02d}"


def business_note(r: random.Random, when: date) -> str:
    """A note with numbers, prices, refs and dates only: no personal data."""
    template = r.choice(BUSINESS_TEMPLATES)
    product = r.choice(PRODUCTS)
    year = when.year
    return template.format(
        order=f"CMD-{year}-{r.randrange(1, 999_999):06d}",
        day=f"{r.randrange(1, 29):02d}/{r.randrange(1, 13):02d}/{year}",
        price=_price(r),
        year=year,
        n5=f"{r.randrange(1, 99_999):05d}",
        n6=f"{r.randrange(1, 999_999):06d}",
        n3=r.randrange(100, 1000),
        n2=r.randrange(0, 40),
        n1=r.randrange(1, 10),
        qty=r.randrange(1, 50),
        product=product[1],
        ref=product[0],
        hour=r.randrange(8, 19),
        minute=r.choice(("00", "15", "30", "45")),
        module=r.choice(ACTIVITY_WORDS).lower(),
        cp=f"{r.randrange(1, 96):02d}{r.randrange(0, 1000):03d}",
        pct=r.randrange(3, 25),
        quarter=r.randrange(1, 5),
        week=r.randrange(1, 53),
    )


def company_comment(r: random.Random, manager: Person) -> str | None:
    """``companies.internal_comment``: mostly empty, sometimes business, ~15% with the manager's mobile."""
    roll = r.random()
    if roll < 0.6:
        return None
    if roll < 0.85:
        return r.choice(COMPANY_BUSINESS_COMMENTS).format(
            pct=r.randrange(5, 30), month=r.choice(MONTHS), city=manager.city
        )
    return r.choice(COMPANY_PII_COMMENTS).format(
        civ=_civility(r, manager),
        first=manager.first,
        last=manager.last,
        mobile=_phone(r, manager.mobile),
        phone=_phone(r, manager.phone),
    )
