"""Dolibarr ERP & CRM: a subset of its real tables and a generator of French data of known fate.

Table and column names, types, NOT NULL, defaults and FOREIGN KEYs are those of Dolibarr's public table
definitions (github.com/Dolibarr/dolibarr, ``htdocs/install/mysql/tables/``; the commits of the versions
read are in the header of ``include/policies/dolibarr.yaml``): ``llx_societe``, ``llx_socpeople``
(+ ``.key.sql``: FOREIGN KEY fk_soc), ``llx_societe_contacts`` (FOREIGN KEYs fk_soc, fk_socpeople),
``llx_actioncomm`` (key ``id``; fk_contact and fk_soc only indexed, no FOREIGN KEY), ``llx_facture`` and
``llx_propal`` (FOREIGN KEY fk_soc; UNIQUE (ref, entity)), ``llx_element_contact`` (no FOREIGN KEY on
fk_socpeople: a contact for external role types, a user for internal ones) and ``llx_mailing_cibles``
(UNIQUE (fk_mailing, email)). Columns are a subset; foreign keys to tables left out (llx_user,
llx_c_type_contact, llx_mailing, llx_projet) are not declared. Dolibarr ``tinyint``/``smallint`` ->
SmallInteger, ``double(24,8)`` -> Numeric(24, 8), ``timestamp`` -> DateTime.

At ``AS_OF`` (2025-06-30) with the shipped policy (3 years after the contact's creation, its last own agenda
event other than our e-mails and automatic events, or its company's last invoice):

- expired, anonymised (their events, e-mailing targets and roles at third parties deleted): contacts without
  a company, of a company that stopped buying before 2022, of a prospect company that never bought, of a
  company that stopped buying with a recent e-mail *sent by us* (AC_EMAIL, excluded from the clock), and
  contacts whose main company stopped buying with a role at another such company;
- kept unchanged: contacts whose own activity is old but whose company was invoiced since 2022-06-30
  (organisation clock), contacts with a recent call/meeting/e-mail received, recently created contacts,
  contacts of a buying company with a role at a company that stopped buying;
- companies, invoices (within or beyond the 10-year duty) and proposals are never changed;
- roles on documents (llx_element_contact) are never changed by the shipped policy: fk_socpeople is a user
  id for internal role types (equal to some expired contacts' rowid on purpose). ``element_roles_due`` gives
  the external roles of expired contacts recorded before 2015-06-30 (10-year duty over), which a policy
  with a polymorphic link on the integer fk_c_type_contact deletes (tests/integration/test_shipped_dolibarr.py).

``build(..., cross_company_roles=True)`` also adds contacts whose main company stopped buying but who hold a
role (llx_societe_contacts) at a company that still buys: kept, as they are still that customer's contact.
The shipped policy declares both ways to a contact's companies (``subject.organisation`` ``column:
fk_soc`` and ``join: llx_societe_contacts``): see tests/integration/test_shipped_dolibarr.py.
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
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)

from .fate import Fate

NAME = "dolibarr"
POLICY = Path(__file__).resolve().parents[2] / "include/policies/dolibarr.yaml"
SUBJECT_TABLE = "llx_socpeople"
AS_OF = "2025-06-30"

metadata = MetaData()

llx_societe = Table(
    "llx_societe",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("nom", String(128)),
    Column("name_alias", String(128)),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("status", SmallInteger, server_default="1"),
    Column("code_client", String(24)),
    Column("address", String(255)),
    Column("zip", String(25)),
    Column("town", String(50)),
    Column("phone", String(20)),
    Column("email", String(128)),
    Column("siren", String(128)),
    Column("siret", String(128)),
    Column("fk_stcomm", Integer, nullable=False, server_default="0"),
    Column("note_private", Text),
    Column("note_public", Text),
    Column("client", SmallInteger, server_default="0"),  # 0 none, 1 customer, 2 prospect, 3 both
    Column("fournisseur", SmallInteger, server_default="0"),
    Column("fk_typent", Integer, server_default="0"),  # llx_c_typent.id: 8 = TE_PRIVATE (Particulier)
    Column("fk_forme_juridique", Integer, server_default="0"),  # llx_c_forme_juridique.code: 11-19, 35, 60 EI
    Column("tms", DateTime),
    Column("datec", DateTime),
)

llx_socpeople = Table(
    "llx_socpeople",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("datec", DateTime),
    Column("tms", DateTime),
    Column("fk_soc", Integer, ForeignKey("llx_societe.rowid", name="fk_socpeople_fk_soc")),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("ref_ext", String(255)),
    Column("civility", String(6)),
    Column("lastname", String(50)),
    Column("firstname", String(50)),
    Column("address", String(255)),
    Column("zip", String(25)),
    Column("town", String(255)),
    Column("birthday", Date),
    Column("poste", String(80)),
    Column("phone", String(30)),
    Column("phone_perso", String(30)),
    Column("phone_mobile", String(30)),
    Column("fax", String(30)),
    Column("email", String(255)),
    Column("no_email", SmallInteger, nullable=False, server_default="0"),
    Column("priv", SmallInteger, nullable=False, server_default="0"),
    Column("fk_user_creat", Integer, server_default="0"),
    Column("note_private", Text),
    Column("note_public", Text),
    Column("statut", SmallInteger, nullable=False, server_default="1"),
    Index("idx_socpeople_fk_soc", "fk_soc"),
    Index("idx_socpeople_lastname", "lastname"),
)

llx_societe_contacts = Table(
    "llx_societe_contacts",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("date_creation", DateTime, nullable=False),
    Column(
        "fk_soc", Integer, ForeignKey("llx_societe.rowid", name="fk_societe_contacts_fk_soc"), nullable=False
    ),
    Column("fk_c_type_contact", Integer, nullable=False),
    Column(
        "fk_socpeople",
        Integer,
        ForeignKey("llx_socpeople.rowid", name="fk_societe_contacts_fk_socpeople"),
        nullable=False,
    ),
    Column("tms", DateTime),
    Column("import_key", String(14)),
    UniqueConstraint(
        "entity", "fk_soc", "fk_c_type_contact", "fk_socpeople", name="idx_societe_contacts_idx1"
    ),
)

llx_actioncomm = Table(
    "llx_actioncomm",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("datep", DateTime),
    Column("datep2", DateTime),
    Column("code", String(50)),
    Column("datec", DateTime),
    Column("tms", DateTime),
    Column("fk_user_author", Integer),
    Column("fk_soc", Integer),  # indexed only, no FOREIGN KEY (llx_actioncomm.key.sql)
    Column("fk_contact", Integer),  # indexed only, no FOREIGN KEY
    Column("fk_parent", Integer, nullable=False, server_default="0"),
    Column("percent", SmallInteger, nullable=False, server_default="0"),
    Column("location", String(128)),
    Column("label", String(255), nullable=False),
    Column("note", Text),
    Column("email_subject", String(255)),
    Column("email_msgid", String(255)),
    Column("email_from", String(255)),
    Column("email_to", String(255)),
    Column("fk_element", Integer),
    Column("elementtype", String(255)),
    Index("idx_actioncomm_fk_soc", "fk_soc"),
    Index("idx_actioncomm_fk_contact", "fk_contact"),
    Index("idx_actioncomm_code", "code"),
    Index("idx_actioncomm_datep", "datep"),
)

llx_facture = Table(
    "llx_facture",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("ref", String(30), nullable=False),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("ref_client", String(255)),
    Column("type", SmallInteger, nullable=False, server_default="0"),
    Column("fk_soc", Integer, ForeignKey("llx_societe.rowid", name="fk_facture_fk_soc"), nullable=False),
    Column("datec", DateTime),
    Column("datef", Date),
    Column("date_valid", Date),
    Column("tms", DateTime),
    Column("paye", SmallInteger, nullable=False, server_default="0"),
    Column("total_ttc", Numeric(24, 8), server_default="0"),
    Column("fk_statut", SmallInteger, nullable=False, server_default="0"),
    Column("date_lim_reglement", Date),
    Column("note_private", Text),
    Column("note_public", Text),
    UniqueConstraint("ref", "entity", name="idx_facture_uk_ref"),
    Index("idx_facture_fk_soc", "fk_soc"),
)

llx_propal = Table(
    "llx_propal",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("ref", String(30), nullable=False),
    Column("entity", Integer, nullable=False, server_default="1"),
    Column("ref_client", String(255)),
    Column("fk_soc", Integer, ForeignKey("llx_societe.rowid", name="fk_propal_fk_soc")),
    Column("tms", DateTime),
    Column("datec", DateTime),
    Column("datep", Date),
    Column("fin_validite", DateTime),
    Column("fk_statut", SmallInteger, nullable=False, server_default="0"),
    Column("remise_percent", Float, server_default="0"),
    Column("total_ht", Numeric(24, 8), server_default="0"),
    Column("note_private", Text),
    Column("note_public", Text),
    UniqueConstraint("ref", "entity", name="uk_propal_ref"),
    Index("idx_propal_fk_soc", "fk_soc"),
)

llx_element_contact = Table(
    "llx_element_contact",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("datecreate", DateTime),
    Column("statut", SmallInteger, server_default="5"),
    Column("element_id", Integer, nullable=False),
    Column("fk_c_type_contact", Integer, nullable=False),
    Column("fk_socpeople", Integer, nullable=False),  # no FOREIGN KEY: a contact or a user
    UniqueConstraint("element_id", "fk_c_type_contact", "fk_socpeople", name="idx_element_contact_idx1"),
    Index("idx_element_contact_fk_socpeople", "fk_socpeople"),
)

llx_mailing_cibles = Table(
    "llx_mailing_cibles",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=False),
    Column("fk_mailing", Integer, nullable=False),
    Column("fk_contact", Integer, nullable=False),
    Column("lastname", String(160)),
    Column("firstname", String(160)),
    Column("email", String(160), nullable=False),
    Column("other", String(255)),
    Column("tag", String(64)),
    Column("statut", SmallInteger, nullable=False, server_default="0"),
    Column("source_url", String(255)),
    Column("source_id", Integer),
    Column("source_type", String(16)),
    Column("date_envoi", DateTime),
    Column("tms", DateTime),
    Column("error_text", String(255)),
    UniqueConstraint("fk_mailing", "email", name="uk_mailing_cibles"),
    Index("idx_mailing_cibles_email", "email"),
)

TABLES = (
    llx_societe,
    llx_socpeople,
    llx_societe_contacts,
    llx_actioncomm,
    llx_facture,
    llx_propal,
    llx_element_contact,
    llx_mailing_cibles,
)

# llx_c_type_contact default ids (htdocs/install/mysql/data/llx_c_type_contact.sql)
TYPE_PROPAL_SALESREP, TYPE_PROPAL_CUSTOMER = 31, 41  # internal, external
TYPE_FACTURE_SALESREP, TYPE_FACTURE_BILLING = 50, 60  # internal, external
USERS = (1, 2, 3, 4)  # llx_user ids of the sales reps: equal to contacts' rowids 1..4 on purpose

FIRST_NAMES = (
    "Camille", "Nicolas", "Sophie", "Julien", "Isabelle", "Thomas", "Nathalie", "Mathieu", "Céline", "Antoine",
    "Aurélie", "Guillaume", "Émilie", "Sébastien", "Hélène", "Olivier", "Sandrine", "Damien", "Virginie",
    "Frédéric", "Laetitia", "Benoît", "Gaëlle", "Jérôme", "Marion", "Cédric", "Pauline", "Arnaud", "Élodie",
    "Yannick", "Corinne", "Rémi", "Agnès", "Hugo", "Solène", "Thierry", "Maëlle", "Grégoire", "Ophélie",
    "Lionel", "Bérénice", "Fabrice", "Clémence", "Hervé", "Anaïs", "Xavier", "Noémie", "Bastien",
)  # fmt: skip
LAST_NAMES = (
    "Lefèvre", "Moreau", "Garnier", "Chevalier", "Fontaine", "Rousseau", "Blanchard", "Gauthier", "Perrin",
    "Morel", "Lemoine", "Fournier", "Girard", "Bonnet", "Mercier", "Boyer", "Lambert", "Faure", "Renaud",
    "Barbier", "Arnaud", "Caron", "Dumont", "Brunet", "Schmitt", "Colin", "Vidal", "Aubert", "Marchal",
    "Lacroix", "Hamon", "Guillot", "Carpentier", "Poulain", "Jacquet", "Tessier", "Maillard", "Leclerc",
    "Baudry", "Charpentier", "Cordier", "Delorme", "Guérin", "Huet", "Joly", "Lebrun", "Ménard", "Prévost",
    "Rey", "Sanchez", "Texier", "Vasseur", "Weber", "Collet", "Bouvier", "Humbert", "Pichon", "Royer",
)  # fmt: skip
TOWNS = (
    ("69003", "Lyon", "04"), ("44000", "Nantes", "02"), ("33000", "Bordeaux", "05"), ("31000", "Toulouse", "05"),
    ("59000", "Lille", "03"), ("67000", "Strasbourg", "03"), ("13001", "Marseille", "04"),
    ("35000", "Rennes", "02"), ("34000", "Montpellier", "04"), ("21000", "Dijon", "03"),
    ("20000", "Ajaccio", "04"), ("97400", "Saint-Denis", "02"),
)  # fmt: skip
TRADES = (
    "Menuiserie", "Boulangerie", "Imprimerie", "Transports", "Cabinet d'architecture", "Garage", "Pépinières",
    "Quincaillerie", "Atelier de reliure", "Brasserie", "Laboratoire", "Fromagerie", "Charpente", "Papeterie",
)  # fmt: skip
PLACES = (
    "du Lac", "des Alpes", "de l'Estuaire", "du Vieux Port", "des Trois Rivières", "du Plateau", "de la Gare",
    "des Coteaux", "du Marais", "de la Vallée", "des Dunes", "du Moulin", "des Remparts", "du Canal",
)  # fmt: skip
STREETS = ("rue des Lilas", "avenue Jean Jaurès", "rue du Moulin", "chemin des Vignes", "boulevard Voltaire",
           "impasse des Tilleuls", "rue de la République", "allée des Érables")  # fmt: skip
POSTES = ("Gérante", "Directeur commercial", "Acheteuse", "Responsable achats", "Comptable", "Assistante de direction",
          "Chef d'atelier", "Directrice administrative et financière")  # fmt: skip

# contact kinds: (kind, expired?)
EXP_NO_COMPANY = "expired: no company, old activity"
EXP_OLD_COMPANY = "expired: company stopped buying before the cutoff"
EXP_PROSPECT = "expired: company never bought, old activity"
EXP_OUR_EMAIL = "expired: only our own e-mails / automatic events are recent"
EXP_MULTI = "expired: main company and role company both stopped buying"
KEPT_COMPANY_BUYS = "kept: old own activity, company invoiced recently"
KEPT_OWN = "kept: recent call or meeting"
KEPT_EMAIL_IN = "kept: recent e-mail received from the contact"
KEPT_NEW = "kept: created recently"
KEPT_MULTI = "kept: main company buys, role at a company that stopped"
KEPT_ROLE_BUYS = "kept: main company stopped, role at a company that buys (cross_company_roles)"
CYCLE = (
    EXP_NO_COMPANY,
    KEPT_COMPANY_BUYS,
    EXP_OLD_COMPANY,
    KEPT_OWN,
    EXP_PROSPECT,
    KEPT_NEW,
    KEPT_COMPANY_BUYS,
    KEPT_MULTI,
    EXP_OUR_EMAIL,
    KEPT_EMAIL_IN,
    EXP_MULTI,
    KEPT_COMPANY_BUYS,
)
EXPIRED_KINDS = frozenset({EXP_NO_COMPANY, EXP_OLD_COMPANY, EXP_PROSPECT, EXP_OUR_EMAIL, EXP_MULTI})

CUTOFF = dt.datetime(2022, 6, 30)  # AS_OF - 3 years: a date before it is expired
HOLD_START = dt.datetime(2015, 6, 30)  # AS_OF - 10 years: a role recorded before it is out of its duty


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in _ascii(text).lower())
    return "-".join(part for part in out.split("-") if part)


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.phones: set[str] = set()
        self.nirs: set[str] = set()
        self.addresses: set[str] = set()

    def address(self) -> str:
        while True:
            value = (
                f"{self.rng.randrange(100, 1000)} {self.rng.choice(STREETS)}"  # 3 digits: none inside another
            )
            if value not in self.addresses:
                self.addresses.add(value)
                return value

    def date(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        span = int((end - start).total_seconds() // 60)
        moment = start + dt.timedelta(minutes=self.rng.randrange(span))
        return moment.replace(second=0, microsecond=0)

    def phone(self, prefix: str) -> str:
        while True:
            digits = [self.rng.randrange(10) for _ in range(8)]
            value = prefix + " " + " ".join(f"{digits[i]}{digits[i + 1]}" for i in range(0, 8, 2))
            if value not in self.phones:
                self.phones.add(value)
                return value

    def nir(self, sex: int) -> str:
        while True:
            r = self.rng
            value = (
                f"{sex} {r.randrange(60, 100):02d} {r.randrange(1, 13):02d} {r.randrange(1, 96):02d} "
                f"{r.randrange(1, 990):03d} {r.randrange(1, 990):03d} {r.randrange(1, 98):02d}"
            )
            if value not in self.nirs:
                self.nirs.add(value)
                return value


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct (first, last) pairs; no full name or e-mail local part is contained in another one."""
    pairs: list[tuple[str, str]] = []
    fulls: list[str] = []
    while len(pairs) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        full = _ascii(f"{first} {last}").lower()
        if any(full in other or other in full for other in fulls):
            continue
        pairs.append((first, last))
        fulls.append(full)
    return pairs


def build(engine: Engine, *, seed: int = 7, contacts: int = 120, cross_company_roles: bool = False) -> Fate:
    """Create the Dolibarr subset on an empty database and fill it; return what a sweep at AS_OF must do."""
    g = _Gen(seed)
    rng = g.rng
    metadata.create_all(engine)

    societes: list[dict[str, Any]] = []
    factures: list[dict[str, Any]] = []
    propals: list[dict[str, Any]] = []
    # company kinds: buying (invoiced since the cutoff), stopped (last invoice before it), prospect (never)
    n_comp = max(9, contacts // 4)
    company_kinds = ["buying", "stopped", "prospect"]
    by_kind: dict[str, list[int]] = {k: [] for k in company_kinds}
    used_names: set[str] = set()
    for rowid in range(1, n_comp + 1):
        kind = company_kinds[(rowid - 1) % 3]
        while True:
            nom = f"{rng.choice(TRADES)} {rng.choice(PLACES)}"
            if nom not in used_names:
                used_names.add(nom)
                break
        zip_, town, area = rng.choice(TOWNS)
        datec = g.date(dt.datetime(2011, 1, 1), dt.datetime(2016, 1, 1))
        societes.append(
            dict(
                rowid=rowid,
                nom=nom,
                name_alias=None,
                entity=1,
                status=1,
                code_client=f"CU{datec:%y%m}-{rowid:05d}" if kind != "prospect" else None,
                address=g.address(),
                zip=zip_,
                town=town,
                phone=g.phone(area),
                email=f"contact@{_slug(nom)}.fr",
                siren=f"{rng.randrange(100_000_000, 999_999_999)}",
                siret=None,
                fk_stcomm=2 if kind == "buying" else 0,
                note_private="Paiement à 30 jours fin de mois."
                if kind != "prospect"
                else "Salon professionnel.",
                note_public=None,
                client=1 if kind != "prospect" else 2,
                fournisseur=0,
                tms=datec,
                datec=datec,
            )
        )
        by_kind[kind].append(rowid)
        if kind == "prospect":
            continue
        # invoices: one or two beyond the 10-year duty, some within; the last one decides the kind
        dates = [g.date(dt.datetime(2012, 1, 1), dt.datetime(2015, 6, 1))]
        dates += [
            g.date(dt.datetime(2015, 7, 1), dt.datetime(2021, 12, 31)) for _ in range(rng.randrange(1, 3))
        ]
        if kind == "buying":
            dates.append(g.date(dt.datetime(2022, 9, 1), dt.datetime(2025, 6, 20)))
        for when in sorted(dates):
            n = len(factures) + 1
            factures.append(
                dict(
                    rowid=n,
                    ref=f"FA{when:%y%m}-{n:04d}",
                    entity=1,
                    ref_client=None,
                    type=0,
                    fk_soc=rowid,
                    datec=when,
                    datef=when.date(),
                    date_valid=when.date(),
                    tms=when,
                    paye=1 if when < dt.datetime(2025, 1, 1) else 0,
                    total_ttc=Decimal(rng.randrange(12_000, 900_000)) / 100,
                    fk_statut=2 if when < dt.datetime(2025, 1, 1) else 1,
                    date_lim_reglement=(when + dt.timedelta(days=30)).date(),
                    note_private=None,
                    note_public="Merci de votre confiance.",
                )
            )
    for soc in societes:  # proposals: prospects too (refused), none recent enough to matter
        for _ in range(rng.randrange(0, 2)):
            when = g.date(dt.datetime(2014, 1, 1), dt.datetime(2025, 5, 1))
            n = len(propals) + 1
            propals.append(
                dict(
                    rowid=n,
                    ref=f"PR{when:%y%m}-{n:04d}",
                    entity=1,
                    ref_client=None,
                    fk_soc=soc["rowid"],
                    tms=when,
                    datec=when,
                    datep=when.date(),
                    fin_validite=when + dt.timedelta(days=30),
                    fk_statut=2 if soc["client"] == 1 else 3,
                    remise_percent=0.0,
                    total_ht=Decimal(rng.randrange(50_000, 2_000_000)) / 100,
                    note_private=None,
                    note_public="Offre valable 30 jours.",
                )
            )

    kinds_of: dict[int, str] = {}
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    secrets: dict[Hashable, tuple[str, ...]] = {}
    names = _names(rng, contacts + (contacts // 10 + 1 if cross_company_roles else 0))
    cycle = list(CYCLE)
    plan = [cycle[i % len(cycle)] for i in range(contacts)]
    if cross_company_roles:
        plan += [KEPT_ROLE_BUYS] * (len(names) - contacts)

    def event(
        contact: dict[str, Any], when: dt.datetime, code: str, label: str, note: str, **extra: Any
    ) -> None:
        events.append(
            dict(
                id=len(events) + 1,
                entity=1,
                datep=when,
                datep2=when + dt.timedelta(minutes=30),
                code=code,
                datec=when,
                tms=when,
                fk_user_author=rng.choice(USERS),
                fk_soc=contact["fk_soc"],
                fk_contact=contact["rowid"],
                fk_parent=0,
                percent=100,
                location=None,
                label=label,
                note=note,
                email_subject=extra.get("email_subject"),
                email_msgid=extra.get("email_msgid"),
                email_from=extra.get("email_from"),
                email_to=extra.get("email_to"),
                fk_element=None,
                elementtype=None,
            )
        )

    for index, (kind, (first, last)) in enumerate(zip(plan, names, strict=True)):
        rowid = index + 1
        kinds_of[rowid] = kind
        is_expired = kind in EXPIRED_KINDS
        if kind == EXP_NO_COMPANY or (kind == KEPT_NEW and rng.random() < 0.5):
            fk_soc = None
        elif kind in (EXP_OLD_COMPANY, EXP_OUR_EMAIL, EXP_MULTI, KEPT_ROLE_BUYS):
            fk_soc = rng.choice(by_kind["stopped"])
        elif kind in (EXP_PROSPECT, KEPT_NEW, KEPT_EMAIL_IN):
            fk_soc = rng.choice(by_kind["prospect"])
        elif kind == KEPT_OWN:
            fk_soc = rng.choice(by_kind["stopped"] + [None])
        else:  # KEPT_COMPANY_BUYS, KEPT_MULTI
            fk_soc = rng.choice(by_kind["buying"])
        female = first in {"Camille", "Sophie", "Isabelle", "Nathalie", "Céline", "Aurélie", "Émilie", "Hélène",
                           "Sandrine", "Virginie", "Laetitia", "Gaëlle", "Marion", "Pauline", "Élodie", "Corinne",
                           "Agnès", "Solène", "Maëlle", "Ophélie", "Bérénice", "Clémence", "Anaïs", "Noémie"}  # fmt: skip
        domain = (
            _slug(societes[fk_soc - 1]["nom"]) + ".fr"
            if fk_soc
            else rng.choice(("orange.fr", "free.fr", "gmail.com"))
        )
        email = f"{_slug(first)}.{_slug(last)}@{domain}"
        mobile = g.phone(rng.choice(("06", "07")))
        zip_, town, area = rng.choice(TOWNS)
        landline = g.phone(area) if rng.random() < 0.5 else None
        address = g.address()
        nir = g.nir(2 if female else 1) if rowid % 5 == 0 else None
        if kind == KEPT_NEW:
            created = g.date(dt.datetime(2022, 9, 1), dt.datetime(2025, 6, 1))
        else:
            created = g.date(dt.datetime(2014, 1, 1), dt.datetime(2020, 12, 31))
        note_private = f"Rencontré(e) au salon. {first} {last} préfère être appelé(e) au {mobile}."
        if nir:
            note_private += f" A transmis par erreur son NIR {nir} avec sa fiche."
        contact = dict(
            rowid=rowid,
            datec=created,
            tms=created,
            fk_soc=fk_soc,
            entity=1,
            ref_ext=None,
            civility="MME" if female else "MR",
            lastname=last,
            firstname=first,
            address=address,
            zip=zip_,
            town=town,
            birthday=dt.date(rng.randrange(1960, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
            if rowid % 3 == 0
            else None,
            poste=rng.choice(POSTES),
            phone=landline,
            phone_perso=None,
            phone_mobile=mobile,
            fax=None,
            email=email,
            no_email=0,
            priv=0,
            fk_user_creat=rng.choice(USERS),
            note_private=note_private,
            note_public=f"Contact : {email}" if rowid % 4 == 0 else None,
            statut=1,
        )
        people.append(contact)
        if is_expired:
            values = [f"{first} {last}", email, mobile, address]
            if landline:
                values.append(landline)
            if nir:
                values.append(nir)
            secrets[rowid] = tuple(values)

        # own agenda: old activity for everyone created long ago, recent for the kept kinds that need it
        if kind != KEPT_NEW:
            for _ in range(rng.randrange(1, 4)):
                when = g.date(created, dt.datetime(2022, 5, 31))
                code = rng.choice(("AC_TEL", "AC_RDV", "AC_EMAIL_IN"))
                text = f"Échange avec {first} {last}, joignable au {mobile}."
                if code == "AC_EMAIL_IN":
                    event(contact, when, code, "Courriel reçu", f"Bonjour,\n{text}\nCordialement,\n{first} {last}",
                          email_subject="Demande de documentation", email_from=email,
                          email_to="commercial@votre-societe.example",
                          email_msgid=f"<{rowid}.{len(events)}@mail.example>")  # fmt: skip
                else:
                    label = "Appel téléphonique" if code == "AC_TEL" else "Rendez-vous"
                    event(contact, when, code, label, text)
            if nir and kind != KEPT_NEW:
                when = g.date(created, dt.datetime(2022, 5, 31))
                event(
                    contact,
                    when,
                    "AC_TEL",
                    "Appel entrant",
                    f"{first} {last} a dicté son NIR {nir} par erreur.",
                )
        if kind == KEPT_OWN:
            when = g.date(dt.datetime(2022, 9, 1), dt.datetime(2025, 6, 20))
            event(contact, when, rng.choice(("AC_TEL", "AC_RDV")), "Rendez-vous de suivi",
                  f"Point avec {first} {last} ({mobile}).")  # fmt: skip
        if kind == KEPT_EMAIL_IN:
            when = g.date(dt.datetime(2022, 9, 1), dt.datetime(2025, 6, 20))
            event(contact, when, "AC_EMAIL_IN", "Courriel reçu", f"Bonjour, merci de me rappeler.\n{first} {last}",
                  email_subject="Rappel", email_from=email, email_to="commercial@votre-societe.example")  # fmt: skip
        if kind == EXP_OUR_EMAIL:  # recent, but ours: never resets the clock
            when = g.date(dt.datetime(2023, 1, 1), dt.datetime(2025, 6, 20))
            event(contact, when, "AC_EMAIL", "Courriel envoyé", f"Bonjour {first} {last}, voici notre catalogue.",
                  email_subject="Catalogue 2025", email_from="commercial@votre-societe.example", email_to=email)  # fmt: skip
            when = g.date(dt.datetime(2023, 1, 1), dt.datetime(2025, 6, 20))
            event(contact, when, "AC_OTH_AUTO", "Contact modifié", f"Fiche de {first} {last} modifiée")

        # roles at third parties: its own company now and then; another company for the multi kinds
        role_when = g.date(created, max(created, dt.datetime(2022, 5, 1)) + dt.timedelta(days=20))
        if fk_soc and rng.random() < 0.4:
            roles.append(dict(fk_soc=fk_soc, fk_socpeople=rowid, when=role_when))
        if kind == KEPT_MULTI:
            other = rng.choice(by_kind["stopped"])
            roles.append(dict(fk_soc=other, fk_socpeople=rowid, when=role_when))
        if kind == EXP_MULTI:
            other = rng.choice([s for s in by_kind["stopped"] + by_kind["prospect"] if s != fk_soc])
            roles.append(dict(fk_soc=other, fk_socpeople=rowid, when=role_when))
        if kind == KEPT_ROLE_BUYS:
            other = rng.choice(by_kind["buying"])
            roles.append(dict(fk_soc=other, fk_socpeople=rowid, when=role_when))

    # company events (no contact): the company's, never treated
    for soc in societes[: len(societes) // 2]:
        when = g.date(dt.datetime(2014, 1, 1), dt.datetime(2025, 6, 1))
        events.append(
            dict(id=len(events) + 1, entity=1, datep=when, datep2=None, code="AC_RDV", datec=when, tms=when,
                 fk_user_author=rng.choice(USERS), fk_soc=soc["rowid"], fk_contact=None, fk_parent=0, percent=100,
                 location=soc["town"], label="Visite de l'atelier", note="Visite des locaux, présentation de la gamme.",
                 email_subject=None, email_msgid=None, email_from=None, email_to=None, fk_element=None,
                 elementtype=None)
        )  # fmt: skip

    societe_contacts = [
        dict(rowid=i + 1, entity=1, date_creation=r["when"], fk_soc=r["fk_soc"], fk_c_type_contact=TYPE_FACTURE_BILLING,
             fk_socpeople=r["fk_socpeople"], tms=r["when"], import_key=None)
        for i, r in enumerate(roles)
    ]  # fmt: skip

    # roles on documents: an external contact of the company (billing / customer) and an internal sales rep
    contacts_of: dict[int, list[int]] = {}
    for p in people:
        if p["fk_soc"]:
            contacts_of.setdefault(p["fk_soc"], []).append(p["rowid"])
    element_contacts: list[dict[str, Any]] = []
    for docs, external, internal in (
        (factures, TYPE_FACTURE_BILLING, TYPE_FACTURE_SALESREP),
        (propals, TYPE_PROPAL_CUSTOMER, TYPE_PROPAL_SALESREP),
    ):
        for doc in docs:
            pair = [(internal, rng.choice(USERS))]
            if contacts_of.get(doc["fk_soc"]):
                pair.append((external, rng.choice(contacts_of[doc["fk_soc"]])))
            for type_id, who in pair:
                element_contacts.append(
                    dict(rowid=len(element_contacts) + 1, datecreate=doc["datec"], statut=4, element_id=doc["rowid"],
                         fk_c_type_contact=type_id, fk_socpeople=who)
                )  # fmt: skip
    # e-mailings: 2019 and 2024, to contacts and to third parties (fk_contact 0)
    targets: list[dict[str, Any]] = []
    for fk_mailing, sent in ((1, dt.datetime(2019, 3, 14, 9)), (2, dt.datetime(2024, 3, 12, 9))):
        for p in people:
            if rng.random() < 0.5:
                targets.append(
                    dict(rowid=len(targets) + 1, fk_mailing=fk_mailing, fk_contact=p["rowid"], lastname=p["lastname"],
                         firstname=p["firstname"], email=p["email"], other=None, tag=None, statut=1, source_url=None,
                         source_id=p["rowid"], source_type="contact", date_envoi=sent, tms=sent, error_text=None)
                )  # fmt: skip
        for soc in societes[::3]:
            targets.append(
                dict(rowid=len(targets) + 1, fk_mailing=fk_mailing, fk_contact=0, lastname=soc["nom"], firstname=None,
                     email=soc["email"], other=None, tag=None, statut=1, source_url=None, source_id=soc["rowid"],
                     source_type="thirdparty", date_envoi=sent, tms=sent, error_text=None)
            )  # fmt: skip

    with engine.begin() as conn:
        for table, rows in (
            (llx_societe, societes),
            (llx_socpeople, people),
            (llx_societe_contacts, societe_contacts),
            (llx_actioncomm, events),
            (llx_facture, factures),
            (llx_propal, propals),
            (llx_element_contact, element_contacts),
            (llx_mailing_cibles, targets),
        ):
            if rows:
                conn.execute(table.insert(), rows)

    expired = frozenset(r for r, k in kinds_of.items() if k in EXPIRED_KINDS)
    kept = frozenset(kinds_of) - expired
    untouched = {
        "llx_societe": frozenset(s["rowid"] for s in societes),
        "llx_facture": frozenset(f["rowid"] for f in factures),
        "llx_propal": frozenset(p["rowid"] for p in propals),
        "llx_socpeople": kept,
        "llx_actioncomm": frozenset(
            e["id"] for e in events if e["fk_contact"] is None or e["fk_contact"] in kept
        ),
        "llx_societe_contacts": frozenset(r["rowid"] for r in societe_contacts if r["fk_socpeople"] in kept),
        "llx_mailing_cibles": frozenset(t["rowid"] for t in targets if t["fk_contact"] not in expired),
        # roles on documents: kept by the shipped policy (see its header); none deleted
        "llx_element_contact": frozenset(e["rowid"] for e in element_contacts),
    }
    deleted = {
        "llx_actioncomm": frozenset(e["id"] for e in events if e["fk_contact"] in expired),
        "llx_societe_contacts": frozenset(
            r["rowid"] for r in societe_contacts if r["fk_socpeople"] in expired
        ),
        "llx_mailing_cibles": frozenset(t["rowid"] for t in targets if t["fk_contact"] in expired),
    }
    return Fate(
        as_of=AS_OF, expired=expired, kept=kept, secrets=secrets, untouched=untouched, deleted=deleted
    )


def element_roles_due(engine: Engine, fate: Fate) -> tuple[frozenset[int], frozenset[int]]:
    """(rows a sweep may delete, rows it must keep) of llx_element_contact under a policy linking only the
    external role types: expired contacts' external roles recorded before ``HOLD_START`` / the others."""
    with engine.connect() as conn:
        rows = conn.execute(select(llx_element_contact)).mappings().all()
    external = {TYPE_FACTURE_BILLING, TYPE_PROPAL_CUSTOMER}
    due = frozenset(
        r["rowid"]
        for r in rows
        if r["fk_c_type_contact"] in external
        and r["fk_socpeople"] in fate.expired
        and r["datecreate"] < HOLD_START
    )
    return due, frozenset(r["rowid"] for r in rows) - due


def kinds(seed: int = 7, contacts: int = 120, cross_company_roles: bool = False) -> dict[int, str]:
    """rowid -> the kind of each contact ``build`` makes with these arguments (for messages and tests)."""
    plan = [CYCLE[i % len(CYCLE)] for i in range(contacts)]
    if cross_company_roles:
        plan += [KEPT_ROLE_BUYS] * (contacts // 10 + 1)
    return {i + 1: kind for i, kind in enumerate(plan)}
