"""Dolibarr third parties that are natural persons (sole traders, private customers), for the shipped
policy include/policies/dolibarr_sole_traders.yaml: the tables of tests/crms/dolibarr.py (real names and
types), filled with a small hand-made set whose fate at 2025-06-30 is known, next to legal persons
(SARL, SAS, EURL) that the policy must never touch, even when their activity is old.

Fates (3-year prospection rules R1, R2, R5, R6, 10-year accounting rules R3, R4; calendar convention: a
date before 2022-06-30, resp. 2015-06-30, is past):
- 1 EI customer, last invoice 2013: identity anonymised, events and proposal deleted, invoice deleted;
- 2 EI customer, last invoice 2019: phone/e-mail/notes gone, events and proposal deleted; name, address,
  SIREN and the 2019 invoice (under its 10 years) unchanged;
- 3 auto-entrepreneur customer invoiced in 2024: untouched;
- 4 private customer (Particulier), last invoice 2014: identity anonymised, invoice deleted;
- 5 private customer, invoice 2016 (held until 2026): contact data gone, name and invoice kept;
- 6 private prospect with a call received in 2024: untouched;
- 7 EI prospect created 2018, last event received 2021: identity anonymised, events deleted;
- 8 EI prospect whose only recent events are our own e-mails (AC_EMAIL): anonymised like 7;
- 9 SARL, 10 SAS, 11 EURL (legal persons, old activity): untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from crms import dolibarr
from crms.fate import Fate

NAME = "dolibarr_sole_traders"
POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "dolibarr_sole_traders.yaml"
SUBJECT_TABLE = "llx_societe"
AS_OF = "2025-06-30"

D = dt.datetime
EI_ARTISAN, EI_COMMERCANT, AUTO_ENTREPRENEUR, SARL, SAS, EURL = 13, 12, 35, 54, 57, 58
PARTICULIER, PME = 8, 3

# rowid, nom, forme juridique, typent, client, created, phone, email, address, zip, town, siren, note
SOCIETES = [
    (1, "Plomberie Jean Ferrand", EI_ARTISAN, 4, 1, D(2009, 4, 2), "06 11 22 33 44", "jean.ferrand@plomberie-ferrand.fr",
     "12 rue des Lilas", "69003", "Lyon", "412345001", "Jean Ferrand, artisan, préfère être appelé le matin."),
    (2, "Marie Lenoir Coiffure", EI_COMMERCANT, 4, 1, D(2012, 9, 15), "06 22 33 44 55", "marie.lenoir@gmail.com",
     "3 place du Marché", "44000", "Nantes", "412345002", "Mme Lenoir : rappeler au 06.22.33.44.55."),
    (3, "Paul Girard Conseil", AUTO_ENTREPRENEUR, 4, 1, D(2020, 1, 10), "07 33 44 55 66", "paul@girard-conseil.fr",
     "8 allée Verte", "33000", "Bordeaux", "412345003", "Paul Girard, NIR 1 80 05 33 063 012 54 reçu par erreur."),
    (4, "Odile Marchal", 0, PARTICULIER, 1, D(2011, 6, 1), "06 44 55 66 77", "odile.marchal@orange.fr",
     "21 avenue Foch", "75016", "Paris", None, "Cliente particulière, Odile Marchal, NIR 2 62 03 75 116 045 81."),
    (5, "Lucien Ferrandi", 0, PARTICULIER, 1, D(2015, 2, 3), "06 55 66 77 88", "lucien.ferrandi@free.fr",
     "5 chemin du Moulin", "13008", "Marseille", None, "M. Ferrandi joignable au 0655667788."),
    (6, "Claire Dubreuil", 0, PARTICULIER, 2, D(2015, 3, 3), "06 66 77 88 99", "claire.dubreuil@laposte.net",
     "9 rue Haute", "67000", "Strasbourg", None, "Demande de devis en cours."),
    (7, "Hugo Texier Menuiserie", EI_ARTISAN, 4, 2, D(2018, 5, 5), "06 77 88 99 00", "hugo.texier@menuiserie-texier.fr",
     "1 impasse du Bois", "35000", "Rennes", "412345007", "Hugo Texier, salon Batimat 2018."),
    (8, "Aline Rocher Design", AUTO_ENTREPRENEUR, 4, 2, D(2017, 2, 2), "07 88 99 00 11", "aline@rocher-design.fr",
     "4 quai Ouest", "59000", "Lille", "412345008", "Aline Rocher ne répond plus depuis 2019."),
    (9, "Boulangerie Martin SARL", SARL, PME, 1, D(2008, 1, 5), "04 78 00 00 09", "contact@boulangerie-martin.fr",
     "2 rue du Four", "69002", "Lyon", "412345009", "Gros client historique."),
    (10, "Transports Vidal SAS", SAS, PME, 2, D(2010, 1, 5), "04 91 00 00 10", "contact@transports-vidal.fr",
     "ZI Nord", "13015", "Marseille", "412345010", "Prospect froid."),
    (11, "Atelier Noël EURL", EURL, PME, 1, D(2011, 1, 5), "02 40 00 00 11", "contact@atelier-noel.fr",
     "7 rue Neuve", "44100", "Nantes", "412345011", "Client jusqu'en 2013."),
]  # fmt: skip

# rowid, fk_soc, date (invoices: datef; events: datep), code (events) or held (invoices)
INVOICES = [(1, 1, dt.date(2013, 5, 2)), (2, 2, dt.date(2019, 3, 1)), (3, 3, dt.date(2024, 2, 1)),
            (4, 4, dt.date(2014, 1, 10)), (5, 5, dt.date(2016, 9, 1)), (6, 9, dt.date(2012, 1, 1)),
            (7, 11, dt.date(2013, 1, 1))]  # fmt: skip
EVENTS = [(1, 1, D(2013, 4, 1, 10), "AC_TEL", "Appel de Jean Ferrand au 06 11 22 33 44."),
          (2, 2, D(2019, 2, 1, 11), "AC_RDV", "Rendez-vous avec Marie Lenoir (marie.lenoir@gmail.com)."),
          (3, 6, D(2024, 11, 4, 9), "AC_TEL", "Appel reçu de Claire Dubreuil pour un devis."),
          (4, 7, D(2021, 3, 1, 14), "AC_TEL", "Hugo Texier rappelle au 06 77 88 99 00."),
          (5, 8, D(2020, 6, 1, 9), "AC_RDV", "Aline Rocher, rendez-vous annulé."),
          (6, 8, D(2024, 5, 1, 9), "AC_EMAIL", "Newsletter envoyée à aline@rocher-design.fr."),
          (7, 10, D(2012, 5, 1, 9), "AC_TEL", "Appel standard Transports Vidal.")]  # fmt: skip
PROPALS = [(1, 1, dt.date(2013, 3, 1)), (2, 2, dt.date(2019, 1, 15)), (3, 7, dt.date(2021, 2, 1))]

EXPIRED_IDENTITY = {1, 4, 7, 8}  # identity anonymised
EXPIRED_CONTACT = {2, 5}  # contact data gone, identity and held invoice kept
KEPT = {3, 6, 9, 10, 11}


def build(engine: Engine, *, seed: int = 7, contacts: int = 0) -> Fate:
    """Create the Dolibarr tables and the hand-made set above (``seed`` and ``contacts`` are unused: the
    set is fixed)."""
    del seed, contacts
    dolibarr.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            dolibarr.llx_societe.insert(),
            [
                dict(
                    rowid=r,
                    nom=n,
                    fk_forme_juridique=fj,
                    fk_typent=te,
                    client=cl,
                    datec=c,
                    tms=c,
                    phone=p,
                    email=e,
                    address=a,
                    zip=z,
                    town=t,
                    siren=s,
                    note_private=note,
                    code_client=f"CU{r:04d}",
                )
                for r, n, fj, te, cl, c, p, e, a, z, t, s, note in SOCIETES
            ],
        )
        conn.execute(
            dolibarr.llx_facture.insert(),
            [
                dict(
                    rowid=r,
                    ref=f"FA{d:%y%m}-{r:04d}",
                    fk_soc=soc,
                    datec=D(d.year, d.month, d.day),
                    datef=d,
                    total_ttc=Decimal("480.00"),
                    fk_statut=2,
                    paye=1,
                    note_private=None,
                )
                for r, soc, d in INVOICES
            ],
        )
        conn.execute(
            dolibarr.llx_actioncomm.insert(),
            [
                dict(id=r, fk_soc=soc, datep=when, datec=when, tms=when, code=code, label="Suivi", note=note)
                for r, soc, when, code, note in EVENTS
            ],
        )
        conn.execute(
            dolibarr.llx_propal.insert(),
            [
                dict(rowid=r, ref=f"PR{d:%y%m}-{r:04d}", fk_soc=soc, datec=D(d.year, d.month, d.day), datep=d)
                for r, soc, d in PROPALS
            ],
        )
    expired = EXPIRED_IDENTITY | EXPIRED_CONTACT
    secrets: dict[Hashable, tuple[str, ...]] = {}
    for r, n, _fj, _te, _cl, _c, p, e, a, _z, _t, s, _note in SOCIETES:
        if r in EXPIRED_IDENTITY:
            secrets[r] = tuple(v for v in (n, p, e, a, s) if v)
        elif r in EXPIRED_CONTACT:
            secrets[r] = (p, e)
    secrets[4] = (*secrets[4], "2 62 03 75 116 045 81")  # in its note
    held = {r for r, soc, d in INVOICES if soc in expired and d >= dt.date(2015, 6, 30)}
    return Fate(
        as_of=AS_OF,
        expired=frozenset(expired),
        kept=frozenset(KEPT),
        secrets=secrets,
        untouched={
            "llx_societe": frozenset(KEPT),
            "llx_facture": frozenset(r for r, soc, _ in INVOICES if soc in KEPT) | held,
            "llx_actioncomm": frozenset(r for r, soc, *_ in EVENTS if soc in KEPT),
        },
        deleted={
            "llx_facture": frozenset(r for r, soc, _ in INVOICES if soc in expired) - held,
            "llx_actioncomm": frozenset(r for r, soc, *_ in EVENTS if soc in expired),
            "llx_propal": frozenset(r for r, soc, _ in PROPALS if soc in expired),
        },
    )
