"""vtiger CRM (open source) 8.x: a subset of its real tables, and a generator of known fate.

Table and column names, types, NOT NULL, defaults and foreign keys come from the public source of
vtiger CRM 8 as mirrored on GitHub by ``SzakSolTam/SZAKSOLCRM_8.3GA`` (commit
f3328c254d2732ae2b5ee16050156ec6d61d37bf; ``vtigerversion.php``: 8.0.0, patch 20231026):

- ``schema/DatabaseSchema.xml`` (ADOdb XML schema): ``vtiger_crmentity``, ``vtiger_contactdetails``,
  ``vtiger_contactaddress``, ``vtiger_contactsubdetails``, ``vtiger_account``, ``vtiger_potential``,
  ``vtiger_invoice`` and their ``<constraint>`` foreign keys (``ON DELETE CASCADE``);
- ``modules/Migration/schema/540_to_600RC.php``: ``vtiger_crmentity.label`` (varchar 255) and
  ``vtiger_potential.contact_id`` (INT 19); a fresh install runs these migrations
  (``modules/Install/models/InitSchema.php``);
- ``pkg/vtiger/modules/ModComments/manifest.xml``: ``vtiger_modcomments`` (no primary key, no foreign
  key), with ``related_to`` made INT(19) by ``600_to_610.php`` and ``customer``/``userid``/
  ``reasontoedit``/``is_private`` added by ``540_to_600RC.php`` and ``660_to_700.php``.

vtiger's own shape: every record of every module has one ``vtiger_crmentity`` row (``crmid`` global
across modules, ``setype`` the module, ``label`` the record's name: "Prénom Nom" for a contact, the
start of the text for a comment), and the module table's key *is* that ``crmid`` (foreign key to
``vtiger_crmentity``). A contact has one company (``vtiger_contactdetails.accountid``, no foreign
key): a contact of several companies does not exist in vtiger. Comments point at any record through
``vtiger_modcomments.related_to`` (a ``crmid``, no type column). Calendar activities
(``vtiger_activity`` with the join table ``vtiger_cntactivityrel``) are left out: the policy
language has no many-to-many link (see the policy header).

The one change the shipped policy asks for is applied here too: a unique index on
``vtiger_modcomments.modcommentsid`` (vtiger declares no key on that table).

Fate at 2025-06-30, 3-year rule (cutoff 2022-06-30), 10-year accounting hold on invoice dates:

- expired: contacts created before the cutoff, whose comments and opportunities are all older, whose
  own invoices are older, and whose company (if any) was last invoiced before the cutoff;
- kept: the same with a company invoiced since the cutoff (organisation clock), or with a recent
  comment, opportunity, own invoice or creation;
- expired contacts' comments and opportunities are deleted with their ``vtiger_crmentity`` rows; their
  invoices dated before 2015-06-30 (hold over) are deleted, later ones stay unchanged;
- companies, their comments and opportunities, and kept contacts with everything they own stay
  unchanged.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)

from tests.crms.fate import Fate

NAME = "vtiger"
POLICY = Path(__file__).resolve().parents[2] / "include/policies/vtiger.yaml"
SUBJECT_TABLE = "vtiger_contactdetails"

AS_OF = "2025-06-30"
_CUTOFF = dt.datetime(2022, 6, 30)
_HOLD_END = dt.date(2015, 6, 30)  # an invoice dated on or before this is past its 10-year hold

md = MetaData()

crmentity = Table(
    "vtiger_crmentity",
    md,
    Column("crmid", Integer, primary_key=True, autoincrement=False),
    Column("smcreatorid", Integer, nullable=False, server_default="0"),
    Column("smownerid", Integer, nullable=False, server_default="0"),
    Column("modifiedby", Integer, nullable=False, server_default="0"),
    Column("setype", String(30), nullable=False),
    Column("description", Text),
    Column("createdtime", DateTime, nullable=False),
    Column("modifiedtime", DateTime, nullable=False),
    Column("viewedtime", DateTime),
    Column("status", String(50)),
    Column("version", Integer, nullable=False, server_default="0"),
    Column("presence", Integer, server_default="1"),
    Column("deleted", Integer, nullable=False, server_default="0"),
    Column("smgroupid", Integer),
    Column("label", String(255)),
    Index("crmentity_smcreatorid_idx", "smcreatorid"),
    Index("crmentity_deleted_idx", "deleted"),
    Index("crm_ownerid_del_setype_idx", "smownerid", "deleted", "setype"),
)

account = Table(
    "vtiger_account",
    md,
    Column(
        "accountid",
        Integer,
        ForeignKey("vtiger_crmentity.crmid", ondelete="CASCADE", name="fk_1_vtiger_account"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("account_no", String(100), nullable=False, unique=True),
    Column("accountname", String(100), nullable=False, unique=True),
    Column("parentid", Integer, server_default="0"),
    Column("account_type", String(200)),
    Column("industry", String(200)),
    Column("annualrevenue", Integer, server_default="0"),
    Column("phone", String(30)),
    Column("otherphone", String(30)),
    Column("email1", String(100)),
    Column("email2", String(100)),
    Column("website", String(100)),
    Column("fax", String(30)),
    Column("employees", Integer, server_default="0"),
    Column("emailoptout", String(3), server_default="0"),
)

contactdetails = Table(
    "vtiger_contactdetails",
    md,
    Column(
        "contactid",
        Integer,
        ForeignKey("vtiger_crmentity.crmid", ondelete="CASCADE", name="fk_1_vtiger_contactdetails"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("contact_no", String(100), nullable=False, unique=True),
    Column("accountid", Integer, index=True),  # no FOREIGN KEY in vtiger
    Column("salutation", String(200)),
    Column("firstname", String(40)),
    Column("lastname", String(80), nullable=False),
    Column("email", String(100)),
    Column("phone", String(50)),
    Column("mobile", String(50)),
    Column("title", String(50)),
    Column("department", String(30)),
    Column("fax", String(50)),
    Column("reportsto", String(30)),
    Column("otheremail", String(100)),
    Column("secondaryemail", String(100)),
    Column("donotcall", String(3)),
    Column("emailoptout", String(3), server_default="0"),
    Column("reference", String(3)),
    Column("notify_owner", String(3), server_default="0"),
)

contactaddress = Table(
    "vtiger_contactaddress",
    md,
    Column(
        "contactaddressid",
        Integer,
        ForeignKey("vtiger_contactdetails.contactid", ondelete="CASCADE", name="fk_1_vtiger_contactaddress"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("mailingcity", String(40)),
    Column("mailingstreet", String(250)),
    Column("mailingcountry", String(40)),
    Column("othercountry", String(30)),
    Column("mailingstate", String(30)),
    Column("mailingpobox", String(30)),
    Column("othercity", String(40)),
    Column("otherstate", String(50)),
    Column("mailingzip", String(30)),
    Column("otherzip", String(30)),
    Column("otherstreet", String(250)),
    Column("otherpobox", String(30)),
)

contactsubdetails = Table(
    "vtiger_contactsubdetails",
    md,
    Column(
        "contactsubscriptionid",
        Integer,
        ForeignKey(
            "vtiger_contactdetails.contactid", ondelete="CASCADE", name="fk_1_vtiger_contactsubdetails"
        ),
        primary_key=True,
        autoincrement=False,
    ),
    Column("homephone", String(50)),
    Column("otherphone", String(50)),
    Column("assistant", String(30)),
    Column("assistantphone", String(50)),
    Column("birthday", Date),
    Column("laststayintouchrequest", Integer, server_default="0"),
    Column("laststayintouchsavedate", Integer, server_default="0"),
    Column("leadsource", String(200)),
)

potential = Table(
    "vtiger_potential",
    md,
    Column(
        "potentialid",
        Integer,
        ForeignKey("vtiger_crmentity.crmid", ondelete="CASCADE", name="fk_1_vtiger_potential"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("potential_no", String(100), nullable=False, unique=True),
    Column("related_to", Integer, index=True),  # the company (a crmid), no FOREIGN KEY
    Column("contact_id", Integer),  # the contact (a crmid), no FOREIGN KEY (540_to_600RC.php)
    Column("potentialname", String(120), nullable=False),
    Column("amount", Numeric(14, 2), server_default="0"),
    Column("closingdate", Date),
    Column("nextstep", String(100)),
    Column("sales_stage", String(200)),
    Column("leadsource", String(200)),
)

invoice = Table(
    "vtiger_invoice",
    md,
    Column(
        "invoiceid",
        Integer,
        ForeignKey("vtiger_crmentity.crmid", ondelete="CASCADE", name="fk_1_vtiger_invoice"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("subject", String(100)),
    Column("salesorderid", Integer),  # FOREIGN KEY to vtiger_salesorder in vtiger: table not in the subset
    Column("customerno", String(100)),
    Column("contactid", Integer),  # no FOREIGN KEY in vtiger
    Column("notes", String(100)),
    Column("invoicedate", Date),
    Column("duedate", Date),
    Column("subtotal", Numeric(25, 3)),
    Column("total", Numeric(25, 3)),
    Column("accountid", Integer),  # no FOREIGN KEY in vtiger
    Column("terms_conditions", Text),
    Column("invoicestatus", String(200)),
    Column("invoice_no", String(100), unique=True),
    Column("currency_id", Integer, nullable=False, server_default="1"),
    Column("conversion_rate", Numeric(10, 3), nullable=False, server_default="1.000"),
)

modcomments = Table(
    "vtiger_modcomments",
    md,
    # vtiger: `modcommentsid int(11) DEFAULT NULL`, no key at all; the shipped policy's header asks
    # for the unique index below (a policy table needs a unique key).
    Column("modcommentsid", Integer),
    Column("commentcontent", Text),
    Column("related_to", Integer, nullable=False),
    Column("parent_comments", Integer),
    Column("customer", Integer),
    Column("userid", Integer),
    Column("reasontoedit", String(100)),
    Column("is_private", Integer, server_default="0"),
    Index("relatedto_idx", "related_to"),
    Index("modcomments_modcommentsid_uq", "modcommentsid", unique=True),
)

# ----------------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Emma", "Louise", "Alice",
    "Claire", "Nathalie", "Isabelle", "Sophie", "Hélène", "Élodie", "Aurélie", "Céline", "Margaux",
    "Lucas", "Hugo", "Thomas", "Nicolas", "Julien", "Antoine", "Maxime", "Pierre", "Mathieu",
    "Sébastien", "Guillaume", "François", "Olivier", "Benoît", "Jérôme", "Damien", "Cédric",
    "Jean-Pierre", "Marie-Claire", "Anne-Sophie", "Paul-Henri",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
    "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
    "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanchard", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer",
    "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer",
    "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanc", "Barbier", "Brun",
    "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard", "Arnaud",
    "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine",
    "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier",
    "Rodriguez", "Da Silva", "d'Ormesson", "Roux-Combaluzier", "Le Gall", "Carpentier",
)  # fmt: skip
TOWNS = (
    ("Lyon", "69003", "Auvergne-Rhône-Alpes"), ("Nantes", "44000", "Pays de la Loire"),
    ("Bordeaux", "33000", "Nouvelle-Aquitaine"), ("Lille", "59000", "Hauts-de-France"),
    ("Toulouse", "31000", "Occitanie"), ("Rennes", "35000", "Bretagne"),
    ("Strasbourg", "67000", "Grand Est"), ("Marseille", "13006", "Provence-Alpes-Côte d'Azur"),
    ("Ajaccio", "20000", "Corse"), ("Grenoble", "38000", "Auvergne-Rhône-Alpes"),
    ("Dijon", "21000", "Bourgogne-Franche-Comté"), ("Rouen", "76000", "Normandie"),
)  # fmt: skip
STREETS = (
    "rue des Lilas", "avenue Jean Jaurès", "rue de la République", "boulevard Victor Hugo",
    "impasse des Tilleuls", "rue Pasteur", "chemin des Vignes", "place du Marché",
    "rue du Moulin", "allée des Peupliers", "quai de la Loire", "rue Émile Zola",
)  # fmt: skip
COMPANIES = (
    ("Atelier du Rhône SARL", "atelier-rhone.fr", "Manufacturing"),
    ("Menuiserie des Alpes", "menuiserie-alpes.fr", "Construction"),
    ("Boulangerie du Vieux Port", "boulangerie-vieuxport.fr", "Retail"),
    ("Transports Garonne SA", "transports-garonne.fr", "Transportation"),
    ("Cabinet Hermine Conseil", "hermine-conseil.fr", "Consulting"),
    ("Imprimerie de l'Ouest", "imprimerie-ouest.fr", "Communications"),
    ("Vignobles Côte d'Or", "vignobles-cotedor.fr", "Food & Beverage"),
    ("Électricité Flandres", "electricite-flandres.fr", "Utilities"),
    ("Pharmacie des Capucins", "pharmacie-capucins.fr", "Healthcare"),
    ("Garage de la Gare", "garage-gare.fr", "Other"),
    ("Librairie Kléber", "librairie-kleber.fr", "Retail"),
    ("Serrurerie Normande", "serrurerie-normande.fr", "Construction"),
)
FREE_MAIL = ("orange.fr", "free.fr", "laposte.net", "gmail.com", "wanadoo.fr", "sfr.fr")
COMPANY_NOTES = (
    "Visite du showroom, intérêt pour la gamme professionnelle.",
    "Conditions de paiement à 45 jours fin de mois validées par la direction.",
    "Salon professionnel : stand voisin, échange de catalogues.",
    "Changement d'adresse de facturation à prévoir au prochain exercice.",
)

# Company profiles: (index in COMPANIES, dates of its invoices without a contact)
_BUYING = (0, 1, 2, 3, 4, 5)  # invoiced since the cutoff: their contacts stay (organisation clock)
_STOPPED = (6, 7, 8, 9, 10, 11)  # last invoiced before the cutoff


def _ascii(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if c.isalnum() and c.isascii()).lower()


def _when(r: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    span = int((end - start).total_seconds())
    moment = start + dt.timedelta(seconds=r.randrange(span))
    return moment.replace(microsecond=0)


def _nir(r: random.Random, female: bool, born: dt.date) -> str:
    dept = r.choice(("75", "69", "13", "44", "33", "59", "78", "92", "35", "67"))
    commune, order = r.randrange(1, 990), r.randrange(1, 999)
    body = f"{2 if female else 1}{born.year % 100:02d}{born.month:02d}{dept}{commune:03d}{order:03d}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


class _Ids:
    """vtiger_crmentity_seq: one counter for every module."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def build(engine: Engine, *, seed: int = 7, contacts: int = 120) -> Fate:
    """Create the vtiger subset on an empty database and fill it; return what a sweep must do."""
    r = random.Random(seed)
    ids = _Ids()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in md.tables}
    untouched: dict[str, set[Hashable]] = {t: set() for t in md.tables}
    deleted: dict[str, set[Hashable]] = {t: set() for t in md.tables}
    expired: set[Hashable] = set()
    kept: set[Hashable] = set()
    secrets: dict[Hashable, tuple[str, ...]] = {}
    counters = {"con": 0, "acc": 0, "pot": 0, "inv": 0}
    as_of = dt.datetime.fromisoformat(AS_OF)

    def entity(setype: str, created: dt.datetime, label: str, description: str | None = None) -> int:
        crmid = ids.next()
        modified = min(created + dt.timedelta(days=r.randrange(0, 40)), as_of - dt.timedelta(days=1))
        modified = max(modified, created)
        rows["vtiger_crmentity"].append(
            dict(
                crmid=crmid,
                smcreatorid=1,
                smownerid=r.choice((1, 5, 6)),
                modifiedby=1,
                setype=setype,
                description=description,
                createdtime=created,
                modifiedtime=modified,
                viewedtime=None,
                status=None,
                version=0,
                presence=1,
                deleted=0,
                smgroupid=0,
                label=label[:255],
            )
        )
        return crmid

    def add_invoice(day: dt.date, accountid: int | None, contactid: int | None, owner_untouched: bool) -> int:
        counters["inv"] += 1
        n = counters["inv"]
        subject = f"Facture prestation {day.year}-{n:04d}"
        crmid = entity("Invoice", dt.datetime.combine(day, dt.time(9, 30)), subject)
        total = Decimal(r.randrange(12000, 950000)) / 100
        rows["vtiger_invoice"].append(
            dict(
                invoiceid=crmid,
                subject=subject,
                salesorderid=None,
                customerno=f"CLI{accountid or contactid:05d}",
                contactid=contactid,
                notes=None,
                invoicedate=day,
                duedate=day + dt.timedelta(days=30),
                subtotal=(total / Decimal("1.2")).quantize(Decimal("0.001")),
                total=total,
                accountid=accountid,
                terms_conditions="Paiement à 30 jours. Pénalités de retard : trois fois le taux légal.",
                invoicestatus=r.choice(("Paid", "Sent", "Approved")),
                invoice_no=f"INV{n}",
                currency_id=1,
                conversion_rate=Decimal("1.000"),
            )
        )
        if owner_untouched or day > _HOLD_END:
            untouched["vtiger_invoice"].add(crmid)
            untouched["vtiger_crmentity"].add(crmid)
        else:
            deleted["vtiger_invoice"].add(crmid)  # its crmentity row is left as it is (not Invoice parent)
        return crmid

    def add_comment(related_to: int, when: dt.datetime, text: str, fate: str) -> None:
        crmid = entity("ModComments", when, text[:100])
        rows["vtiger_modcomments"].append(
            dict(
                modcommentsid=crmid,
                commentcontent=text,
                related_to=related_to,
                parent_comments=0,
                customer=None,
                userid=r.choice((1, 5, 6)),
                reasontoedit=None,
                is_private=0,
            )
        )
        target = untouched if fate == "kept" else deleted
        target["vtiger_modcomments"].add(crmid)
        target["vtiger_crmentity"].add(crmid)

    def add_potential(
        accountid: int | None, contactid: int | None, when: dt.datetime, closing: dt.date, fate: str
    ) -> None:
        counters["pot"] += 1
        n = counters["pot"]
        name = f"Projet {r.choice(('aménagement', 'maintenance', 'équipement', 'rénovation'))} {n:03d}"
        crmid = entity("Potentials", when, name)
        rows["vtiger_potential"].append(
            dict(
                potentialid=crmid,
                potential_no=f"POT{n}",
                related_to=accountid,
                contact_id=contactid,
                potentialname=name,
                amount=Decimal(r.randrange(1000, 80000)),
                closingdate=closing,
                nextstep=r.choice(("Envoyer le devis", "Relancer", None)),
                sales_stage=r.choice(("Prospecting", "Qualification", "Closed Lost", "Closed Won")),
                leadsource=r.choice(("Salon", "Site web", "Recommandation")),
            )
        )
        if fate == "kept":  # an expired contact's opportunity stays, anonymised (see the policy)
            untouched["vtiger_potential"].add(crmid)
            untouched["vtiger_crmentity"].add(crmid)

    # -- companies (legal persons): never changed ------------------------------------------------------
    companies: list[tuple[int, str, str, str]] = []  # (accountid, name, domain, buying|stopped)
    for index, (name, domain, industry) in enumerate(COMPANIES):
        counters["acc"] += 1
        status = "buying" if index in _BUYING else "stopped"
        created = _when(r, dt.datetime(2009, 1, 1), dt.datetime(2014, 12, 31))
        accountid = entity("Accounts", created, name)
        rows["vtiger_account"].append(
            dict(
                accountid=accountid,
                account_no=f"ACC{counters['acc']}",
                accountname=name,
                parentid=0,
                account_type="Customer",
                industry=industry,
                annualrevenue=r.randrange(200, 9000) * 1000,
                phone=f"0{r.choice((1, 2, 3, 4, 5))} {r.randrange(10, 99)} {r.randrange(10, 99)} "
                f"{r.randrange(10, 99)} {r.randrange(10, 99)}",
                otherphone=None,
                email1=f"contact@{domain}",
                email2=f"compta@{domain}",
                website=f"https://www.{domain}",
                fax=None,
                employees=r.randrange(3, 250),
                emailoptout="0",
            )
        )
        untouched["vtiger_account"].add(accountid)
        untouched["vtiger_crmentity"].add(accountid)
        companies.append((accountid, name, domain, status))
        # the company's own invoices (no contact): one old, one at the end of its buying life
        add_invoice(dt.date(2012, r.randrange(1, 13), r.randrange(1, 28)), accountid, None, True)
        last_day = (
            dt.date(r.choice((2023, 2024, 2025)), r.randrange(1, 6), r.randrange(1, 28))
            if status == "buying"
            else dt.date(r.choice((2016, 2018, 2020, 2021)), r.randrange(1, 13), r.randrange(1, 28))
        )
        add_invoice(last_day, accountid, None, True)
        # comments on the company (no person named) and an opportunity without a contact
        add_comment(accountid, _when(r, dt.datetime(2015, 1, 1), dt.datetime(2025, 6, 1)),
                    r.choice(COMPANY_NOTES), "kept")  # fmt: skip
        add_potential(accountid, None, _when(r, dt.datetime(2016, 1, 1), dt.datetime(2025, 6, 1)),
                      dt.date(2025, 9, 30), "kept")  # fmt: skip

    buying = [c for c in companies if c[3] == "buying"]
    stopped = [c for c in companies if c[3] == "stopped"]

    # -- contacts ---------------------------------------------------------------------------------------
    # every full name, e-mail, phone and street is unique across all contacts: a kept contact never
    # shares an expired contact's value, so the secrets check is meaningful
    pairs = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    r.shuffle(pairs)
    used_phones: set[str] = set()
    used_streets: set[str] = set()
    profiles = (
        "expired_no_company",
        "expired_stopped_company",
        "expired_stopped_company_old_invoices",
        "kept_company_buys",
        "kept_recent_comment",
        "kept_recent_creation",
        "kept_recent_potential",
        "kept_own_recent_invoice",
    )

    def phone(prefix: str) -> str:
        while True:
            digits = prefix + "".join(str(r.randrange(10)) for _ in range(8))
            if digits not in used_phones:
                used_phones.add(digits)
                return " ".join(digits[i : i + 2] for i in range(0, 10, 2))

    def street() -> str:
        while True:
            value = f"{r.randrange(1, 180)} {r.choice(STREETS)}"
            if value not in used_streets:
                used_streets.add(value)
                return value

    for i in range(contacts):
        profile = profiles[i % len(profiles)]
        is_expired = profile.startswith("expired")
        first, last = pairs[i]
        female = first in FIRST_NAMES[:19] or first in ("Marie-Claire", "Anne-Sophie")
        full = f"{first} {last}"
        if profile == "expired_no_company":
            company = None
        elif profile in ("expired_stopped_company", "expired_stopped_company_old_invoices"):
            company = r.choice(stopped)
        elif profile == "kept_company_buys":
            company = r.choice(buying)
        else:
            company = r.choice((None, r.choice(stopped)))
        counters["con"] += 1
        contact_no = f"CON{counters['con']}"
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{company[2]}" if company else f"{local}{i}@{r.choice(FREE_MAIL)}"
        secondary = f"{_ascii(first)[0]}{_ascii(last)}{i}@{r.choice(FREE_MAIL)}"
        mobile = phone(r.choice(("06", "07")))
        landline = phone(r.choice(("01", "02", "03", "04", "05", "09")))
        home = phone(r.choice(("01", "02", "04", "09")))
        town, zip_, state = r.choice(TOWNS)
        mailing = street()
        born = dt.date(r.randrange(1950, 2001), r.randrange(1, 13), r.randrange(1, 29))
        nir = _nir(r, female, born)
        if profile == "kept_recent_creation":
            created = _when(r, dt.datetime(2023, 1, 1), dt.datetime(2025, 6, 1))
        else:
            created = _when(r, dt.datetime(2013, 1, 1), dt.datetime(2021, 12, 31))
        description = (
            f"{full} rencontré au salon de {town}. Joignable au {mobile}, courriel {email}."
            if r.random() < 0.7
            else None
        )
        contactid = entity("Contacts", created, full, description)
        rows["vtiger_contactdetails"].append(
            dict(
                contactid=contactid,
                contact_no=contact_no,
                accountid=company[0] if company else None,
                salutation="Mme" if female else "M.",
                firstname=first,
                lastname=last,
                email=email,
                phone=landline,
                mobile=mobile,
                title=r.choice(("Gérant", "Acheteuse", "Directeur technique", "Comptable", None)),
                department=r.choice(("Achats", "Direction", "Comptabilité", None)),
                fax=None,
                reportsto=None,
                otheremail=None,
                secondaryemail=secondary if r.random() < 0.5 else None,
                donotcall="0",
                emailoptout=r.choice(("0", "1")),
                reference="0",
                notify_owner="0",
            )
        )
        rows["vtiger_contactaddress"].append(
            dict(
                contactaddressid=contactid,
                mailingcity=town,
                mailingstreet=mailing,
                mailingcountry="France",
                othercountry=None,
                mailingstate=state,
                mailingpobox=None,
                othercity=None,
                otherstate=None,
                mailingzip=zip_,
                otherzip=None,
                otherstreet=None,
                otherpobox=None,
            )
        )
        rows["vtiger_contactsubdetails"].append(
            dict(
                contactsubscriptionid=contactid,
                homephone=home if r.random() < 0.5 else None,
                otherphone=None,
                assistant=None,
                assistantphone=None,
                birthday=born if r.random() < 0.6 else None,
                laststayintouchrequest=0,
                laststayintouchsavedate=0,
                leadsource=r.choice(("Salon", "Site web", "Recommandation", "Cold Call")),
            )
        )
        contact_row = rows["vtiger_contactdetails"][-1]
        sub_row = rows["vtiger_contactsubdetails"][-1]
        fate = "expired" if is_expired else "kept"

        # comments on the contact: names, phones, e-mails and sometimes the NIR
        dotted = mobile.replace(" ", ".")
        texts = [
            f"Appel de {full} ({mobile}) : souhaite un devis pour la fin du mois.",
            f"Envoyer la documentation à {email}, copie à {first} {last.upper()}.",
            f"Mme/M. {last} rappelle au {dotted} ; rendez-vous pris à {town}.",
        ][: r.randrange(1, 4)]
        if i % 5 == 0:
            texts.append(f"Dossier de {full} : NIR {nir} transmis par erreur, à supprimer.")
        for text in texts:
            when = _when(r, created, _CUTOFF - dt.timedelta(days=2)) if created < _CUTOFF else created
            add_comment(contactid, when, text, fate)
        if profile == "kept_recent_comment":
            add_comment(contactid, _when(r, dt.datetime(2023, 1, 1), dt.datetime(2025, 6, 1)),
                        f"{first} {last} a rappelé pour une nouvelle commande.", "kept")  # fmt: skip
        # opportunities of the contact
        if profile == "kept_recent_potential":
            add_potential(company[0] if company else None, contactid,
                          _when(r, dt.datetime(2023, 1, 1), dt.datetime(2025, 6, 1)),
                          dt.date(2025, 12, 31), "kept")  # fmt: skip
        elif r.random() < 0.5:
            when = _when(r, created, _CUTOFF - dt.timedelta(days=2)) if created < _CUTOFF else created
            closing = min((when + dt.timedelta(days=90)).date(), dt.date(2022, 6, 1))
            add_potential(company[0] if company else None, contactid, when,
                          closing if created < _CUTOFF else dt.date(2025, 12, 31), fate)  # fmt: skip
        # the contact's own invoices (B2C, or signed by the contact for its company)
        if profile == "expired_stopped_company_old_invoices":
            add_invoice(dt.date(2013, r.randrange(1, 13), r.randrange(1, 28)), company[0] if company else None,
                        contactid, False)  # fmt: skip
            add_invoice(dt.date(2018, r.randrange(1, 13), r.randrange(1, 28)), company[0] if company else None,
                        contactid, False)  # fmt: skip
        elif profile == "expired_no_company" and i % 3 == 0:
            add_invoice(dt.date(2014, r.randrange(1, 13), r.randrange(1, 28)), None, contactid, False)
            add_invoice(dt.date(2020, r.randrange(1, 13), r.randrange(1, 28)), None, contactid, False)
        elif profile == "kept_own_recent_invoice":
            add_invoice(dt.date(2012, r.randrange(1, 13), r.randrange(1, 28)), None, contactid, True)
            add_invoice(dt.date(2024, r.randrange(1, 13), r.randrange(1, 28)), None, contactid, True)

        if is_expired:
            expired.add(contactid)
            values = [full, email, mobile, landline, mailing]
            if any(dotted in text for text in texts):
                values.append(dotted)
            if contact_row["secondaryemail"]:
                values.append(contact_row["secondaryemail"])
            if sub_row["homephone"]:
                values.append(sub_row["homephone"])
            if i % 5 == 0:
                values.append(nir)
            secrets[contactid] = tuple(dict.fromkeys(values))
        else:
            kept.add(contactid)
            for name in (
                "vtiger_contactdetails",
                "vtiger_contactaddress",
                "vtiger_contactsubdetails",
                "vtiger_crmentity",
            ):
                untouched[name].add(contactid)

    md.create_all(engine)
    with engine.begin() as conn:
        for table in md.sorted_tables:
            if rows[table.name]:
                conn.execute(table.insert(), rows[table.name])
    return Fate(
        as_of=AS_OF,
        expired=frozenset(expired),
        kept=frozenset(kept),
        secrets=secrets,
        untouched={t: frozenset(v) for t, v in untouched.items() if v},
        deleted={t: frozenset(v) for t, v in deleted.items() if v},
    )
