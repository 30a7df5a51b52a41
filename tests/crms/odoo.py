"""Odoo 17.0: a subset of its real tables, and French data whose fate on 2025-06-30 is known.

Tables and columns come from the public model definitions of github.com/odoo/odoo, branch 17.0 (the
ORM names a table after its model with dots as underscores, a field is a column of the same name):

- ``odoo/addons/base/models/res_partner.py`` (``res.partner``: companies and people in one table,
  ``is_company``, ``parent_id`` "Related Company", ``type``, ``partner_share``, ``complete_name``...)
  and ``addons/mail/models/res_partner.py`` (``email_normalized``, from ``mail.thread.blacklist``);
- ``addons/crm/models/crm_lead.py`` (``crm.lead``: ``partner_id``, ``contact_name``, ``email_from``...);
- ``addons/mail/models/mail_message.py`` (``mail.message``: ``model`` + ``res_id``, ``body``,
  ``email_from``, ``author_id``, ``record_name``, ``message_type``);
- ``addons/account/models/account_move.py`` (``account.move``: ``move_type``, ``partner_id``,
  ``commercial_partner_id``, ``invoice_date``, ``invoice_partner_display_name``, ``narration``...);
- ``addons/sale/models/sale_order.py`` (``sale.order``: ``partner_id``, ``partner_invoice_id``,
  ``partner_shipping_id``, ``date_order``, ``state``, ``note``...).

Types as Odoo's ORM creates them: Char -> VARCHAR (no length on PostgreSQL; 255 on MariaDB, which
needs one), Html/Text -> TEXT, Datetime -> TIMESTAMP, Date -> DATE, Boolean -> BOOLEAN, Monetary ->
NUMERIC, Float -> FLOAT, Many2one -> INTEGER with a FOREIGN KEY (ON DELETE SET NULL, or RESTRICT where
Odoo says so or the field is required); ``mail_message.res_id`` (a Many2oneReference) has none.
NOT NULL where the field is ``required=True``. Every table has create_date/write_date/create_uid/
write_uid (res_users is not in the subset: no FOREIGN KEY for the *_uid columns, journal_id,
company_id, currency_id).

The generated CRM (run date 2025-06-30, so a date on or before 2022-06-30 is older than 3 years and an
invoice dated on or before 2015-06-30 is past its 10-year duty):

- our own company (id 1) and its salespeople (internal users' partners, ``partner_share`` false):
  never touched, whatever their dates;
- companies (``is_company``) whose last posted invoice or confirmed order is recent, old, exactly on
  the boundary (2022-06-30: old; 2022-07-01: recent), or old with only a recent draft quotation and a
  recent cancelled invoice (neither counts); a delivery address of a company (``type`` delivery);
- their contacts (``parent_id``): kept while the company buys (organisation clock) or while the contact
  is active itself (an e-mail received, a lead created), anonymised otherwise; a recent call logged by
  a salesperson (comment) or a notification does not keep anybody;
- prospects without company, archived contacts (``active`` false), B2C customers (no parent; their
  invoices and orders point at them): invoices within the 10-year duty stay unchanged, those past it
  are deleted, with the boundary 2015-06-30 / 2015-07-01;
- notes (res_partner.comment, crm_lead.description, mail_message.body) holding names, phones,
  e-mails and a few NIRs of their own person.

Odoo has one ``parent_id`` per person: a contact of several companies does not exist (the same person
at two companies is two rows). Leads never linked to a partner are not generated: the policy language
cannot reach them (see the policy header).

Secrets: the full name "First Last", e-mail, phone, mobile, NIR, and the street of B2C people (B2B
contacts carry their company's address, which stays on the company). A B2C person with an invoice
still under its duty keeps their name on it (``invoice_partner_display_name``, as the law wants): the
name is then not a secret of theirs.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeEngine

from .fate import Fate

NAME = "odoo"
POLICY = Path(__file__).resolve().parents[2] / "include/policies/odoo.yaml"
SUBJECT_TABLE = "res_partner"
AS_OF = "2025-06-30"

OLD_MAX = dt.date(2022, 6, 30)  # last day that is 3 years old on AS_OF (expired on its anniversary)
RECENT_MIN = dt.date(2022, 7, 1)
HOLD_MIN = dt.date(2015, 7, 1)  # first invoice date still under the 10-year duty on AS_OF
PAST_DUTY_MAX = dt.date(2015, 6, 30)
LAST_DAY = dt.date(2025, 6, 29)


def _char() -> TypeEngine[Any]:
    """Odoo's Char: VARCHAR without a length (PostgreSQL, SQLite); MariaDB needs one."""
    return String().with_variant(String(255), "mysql", "mariadb")


def _monetary() -> TypeEngine[Any]:
    """Odoo's Monetary: NUMERIC without precision on PostgreSQL; MariaDB would round it to (10, 0)."""
    return Numeric().with_variant(Numeric(16, 2), "mysql", "mariadb")


def _audit() -> list[Column[Any]]:
    return [
        Column("create_uid", Integer),
        Column("create_date", DateTime),
        Column("write_uid", Integer),
        Column("write_date", DateTime),
    ]


metadata = MetaData()

res_partner = Table(
    "res_partner",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", _char()),
    Column("complete_name", _char()),
    Column("parent_id", Integer, ForeignKey("res_partner.id", ondelete="SET NULL")),
    Column("ref", _char()),
    Column("lang", _char()),
    Column("vat", _char()),
    Column("website", _char()),
    Column("comment", Text),
    Column("active", Boolean),
    Column("employee", Boolean),
    Column("function", _char()),
    Column("type", _char()),
    Column("street", _char()),
    Column("street2", _char()),
    Column("zip", _char()),
    Column("city", _char()),
    Column("email", _char()),
    Column("email_normalized", _char()),
    Column("phone", _char()),
    Column("mobile", _char()),
    Column("is_company", Boolean),
    Column("partner_share", Boolean),
    Column("commercial_company_name", _char()),
    Column("company_name", _char()),
    *_audit(),
)

crm_lead = Table(
    "crm_lead",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", _char(), nullable=False),
    Column("referred", _char()),
    Column("description", Text),
    Column("active", Boolean),
    Column("type", _char(), nullable=False),
    Column("priority", _char()),
    Column("expected_revenue", _monetary()),
    Column("probability", Float),
    Column("date_closed", DateTime),
    Column("date_deadline", Date),
    Column("partner_id", Integer, ForeignKey("res_partner.id", ondelete="SET NULL"), index=True),
    Column("contact_name", _char()),
    Column("partner_name", _char()),
    Column("function", _char()),
    Column("email_from", _char()),
    Column("email_normalized", _char()),
    Column("phone", _char()),
    Column("mobile", _char()),
    Column("street", _char()),
    Column("zip", _char()),
    Column("city", _char()),
    *_audit(),
)

mail_message = Table(
    "mail_message",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", _char()),
    Column("date", DateTime),
    Column("body", Text),
    Column("parent_id", Integer, ForeignKey("mail_message.id", ondelete="SET NULL")),
    Column("model", _char()),
    Column("res_id", Integer),  # Many2oneReference: no FOREIGN KEY
    Column("record_name", _char()),
    Column("message_type", _char(), nullable=False),
    Column("is_internal", Boolean),
    Column("email_from", _char()),
    Column("author_id", Integer, ForeignKey("res_partner.id", ondelete="SET NULL"), index=True),
    Column("message_id", _char()),
    *_audit(),
    Index("mail_message_model_res_id_idx", "model", "res_id"),  # created by MailMessage.init()
)

account_move = Table(
    "account_move",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", _char()),
    Column("ref", _char()),
    Column("date", Date, nullable=False),
    Column("state", _char(), nullable=False),
    Column("move_type", _char(), nullable=False),
    Column("journal_id", Integer, nullable=False),
    Column("company_id", Integer),
    Column("currency_id", Integer, nullable=False),
    Column("partner_id", Integer, ForeignKey("res_partner.id", ondelete="RESTRICT"), index=True),
    Column("commercial_partner_id", Integer, ForeignKey("res_partner.id", ondelete="RESTRICT")),
    Column("invoice_date", Date, index=True),
    Column("invoice_date_due", Date),
    Column("invoice_origin", _char()),
    Column("invoice_partner_display_name", _char()),
    Column("invoice_source_email", _char()),
    Column("payment_reference", _char()),
    Column("payment_state", _char()),
    Column("narration", Text),
    Column("amount_total", _monetary()),
    *_audit(),
)

sale_order = Table(
    "sale_order",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", _char(), nullable=False),
    Column("company_id", Integer, nullable=False),
    Column(
        "partner_id", Integer, ForeignKey("res_partner.id", ondelete="RESTRICT"), nullable=False, index=True
    ),
    Column("partner_invoice_id", Integer, ForeignKey("res_partner.id", ondelete="RESTRICT"), nullable=False),
    Column("partner_shipping_id", Integer, ForeignKey("res_partner.id", ondelete="RESTRICT"), nullable=False),
    Column("state", _char()),
    Column("client_order_ref", _char()),
    Column("date_order", DateTime, nullable=False),
    Column("note", Text),
    Column("amount_total", _monetary()),
    *_audit(),
)

TABLES = (res_partner, crm_lead, account_move, sale_order, mail_message)  # insertion order

# -- pools -----------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jade", "Louise", "Emma", "Zoé", "Juliette",
    "Clara", "Anaïs", "Mathilde", "Pauline", "Élodie", "Margaux", "Océane", "Laure", "Hélène",
    "Nathalie", "Isabelle", "Sandrine", "Valérie", "Sophie", "Agnès", "Brigitte", "Gaëlle", "Lucas",
    "Hugo", "Louis", "Nathan", "Théo", "Jules", "Arthur", "Raphaël", "Maxime", "Thomas", "Antoine",
    "Nicolas", "Julien", "Guillaume", "Romain", "Alexandre", "Benoît", "Olivier", "Philippe",
    "Stéphane", "Laurent", "Frédéric", "Christophe", "Sébastien", "Jérôme", "Yannick", "Gérard",
    "Thierry", "Didier", "Pascal", "Hervé", "Cédric",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer",
    "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer",
    "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Marie", "Barbier",
    "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard",
    "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud",
    "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier",
)  # fmt: skip
TOWNS = (
    ("75011", "Paris"), ("69003", "Lyon"), ("13008", "Marseille"), ("31000", "Toulouse"),
    ("33000", "Bordeaux"), ("44000", "Nantes"), ("59000", "Lille"), ("67000", "Strasbourg"),
    ("34000", "Montpellier"), ("35000", "Rennes"), ("38000", "Grenoble"), ("21000", "Dijon"),
    ("49000", "Angers"), ("37000", "Tours"), ("87000", "Limoges"), ("20000", "Ajaccio"),
    ("97400", "Saint-Denis"), ("63000", "Clermont-Ferrand"), ("76000", "Rouen"), ("29200", "Brest"),
)  # fmt: skip
STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta",
    "rue du Général de Gaulle", "rue Pasteur", "place de la Mairie", "chemin des Vignes",
    "allée des Tilleuls", "rue des Écoles", "impasse des Lilas", "route de Lyon", "rue Nationale",
    "quai des Bateliers", "rue du Moulin", "avenue de la Gare",
)  # fmt: skip
ACTIVITIES = (
    "Boulangerie", "Menuiserie", "Plomberie", "Transports", "Imprimerie", "Pharmacie", "Optique",
    "Traiteur", "Carrelage", "Chauffage", "Informatique", "Paysages", "Architecture", "Négoce",
)  # fmt: skip
COMPANY_WORDS = (
    "du Lac", "des Alpes", "de l'Ouest", "Atlantique", "du Centre", "Provence", "des Vosges",
    "Occitane", "du Nord", "Armor", "Bourgogne", "Val de Loire", "des Flandres", "Azur", "Dauphiné",
    "Quercy", "Touraine", "Sologne", "Cévennes", "Normandie", "Alsace", "Gascogne", "Morvan",
    "Limousin", "Vendée", "Périgord", "Savoie", "Berry", "Anjou", "Béarn",
)  # fmt: skip
LEGAL_FORMS = ("SAS", "SARL", "SA", "EURL")
B2C_DOMAINS = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr")
JOBS = ("Gérante", "Directeur achats", "Comptable", "Assistante de direction", "Responsable atelier")
PRODUCTS = ("Devis cuisine", "Contrat maintenance", "Formation", "Audit énergétique", "Fournitures")

US_ID, US_NAME = 1, "Votre Société SAS"
SALESPEOPLE = (
    (2, "Julie Vendôme", "julie.vendome@votre-societe.example"),
    (3, "Marc Aubrac", "marc.aubrac@votre-societe.example"),
    (4, "Odile Sarrazin", "odile.sarrazin@votre-societe.example"),
)

# -- profiles --------------------------------------------------------------------------------------

#: company kinds: what its invoices and orders say on AS_OF
BUYS_INVOICE, BUYS_ORDER, STOPPED, DRAFT_ONLY, BOUNDARY_OLD, BOUNDARY_NEW = (
    "buys_invoice",
    "buys_order",
    "stopped",
    "draft_only",
    "boundary_old",
    "boundary_new",
)


@dataclass(frozen=True)
class Profile:
    name: str
    expired: bool
    company: str | None = None  # kind of company the contact belongs to (B2B), None: no parent
    own_recent: str | None = None  # "email" | "lead" | "invoice": the recent own activity of a kept person
    b2c: str | None = None  # "held" | "past_duty" | "mixed" | "recent" | "hold_boundary"
    archived: bool = False
    boundary: str | None = None  # "own_old" (last e-mail 2022-06-30) | "own_new" (lead 2022-07-01)


PROFILES = {
    p.name: p
    for p in (
        Profile("b2b_org_invoice", False, company=BUYS_INVOICE),
        Profile("b2b_org_order", False, company=BUYS_ORDER),
        Profile("b2b_stopped", True, company=STOPPED),
        Profile("b2b_draft_only", True, company=DRAFT_ONLY),
        Profile("b2b_own_email", False, company=STOPPED, own_recent="email"),
        Profile("b2b_own_lead", False, company=STOPPED, own_recent="lead"),
        Profile("b2b_boundary_old", True, company=BOUNDARY_OLD),
        Profile("b2b_boundary_new", False, company=BOUNDARY_NEW),
        Profile("prospect_old", True),
        Profile("prospect_recent", False, own_recent="lead"),
        Profile("archived_old", True, archived=True),
        Profile("boundary_own_old", True, boundary="own_old"),
        Profile("boundary_own_new", False, boundary="own_new"),
        Profile("b2c_held", True, b2c="held"),
        Profile("b2c_past_duty", True, b2c="past_duty"),
        Profile("b2c_mixed", True, b2c="mixed"),
        Profile("b2c_hold_boundary", True, b2c="hold_boundary"),
        Profile("b2c_recent", False, b2c="recent", own_recent="invoice"),
    )
}
#: every profile at least once; the rest drawn with these weights (about 40 % expired)
WEIGHTS = {
    "b2b_org_invoice": 6,
    "b2b_org_order": 2,
    "b2b_stopped": 3,
    "b2b_draft_only": 1,
    "b2b_own_email": 2,
    "b2b_own_lead": 1,
    "prospect_old": 3,
    "prospect_recent": 5,
    "b2c_held": 1,
    "b2c_past_duty": 1,
    "b2c_mixed": 1,
    "b2c_recent": 3,
}


# -- the generator ---------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in _ascii(text)).strip("-").replace("--", "-")


def _nir(rng: random.Random, sex: int) -> str:
    """A well-formed NIR (sex, year, month, département, commune, order, key), written with spaces."""
    yy, mm = rng.randint(55, 99), rng.randint(1, 12)
    dept, commune, order = rng.randint(1, 95), rng.randint(1, 999), rng.randint(1, 999)
    body = f"{sex}{yy:02d}{mm:02d}{dept:02d}{commune:03d}{order:03d}"
    key = 97 - int(body) % 97
    return f"{sex} {yy:02d} {mm:02d} {dept:02d} {commune:03d} {order:03d} {key:02d}"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@dataclass
class _Person:
    id: int
    profile: Profile
    first: str
    last: str
    email: str
    phone: str
    mobile: str
    company: dict[str, Any] | None
    street: str
    zip: str
    city: str
    nir: str | None
    created: dt.datetime

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _Build:
    rng: random.Random
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t.name: [] for t in TABLES})
    next_id: dict[str, int] = field(default_factory=dict)
    #: table -> id -> the person the row belongs to (None: a company's, ours, nobody's)
    owner: dict[str, dict[int, int | None]] = field(default_factory=dict)
    phones: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    streets: set[str] = field(default_factory=set)

    def new_id(self, table: str) -> int:
        self.next_id[table] = self.next_id.get(table, 0) + 1
        return self.next_id[table]

    def add(self, table: str, row: dict[str, Any], owner: int | None) -> dict[str, Any]:
        row.setdefault("id", self.new_id(table))
        created = row.get("create_date") or row.get("date") or row.get("date_order")
        if isinstance(created, dt.date) and not isinstance(created, dt.datetime):
            created = dt.datetime.combine(created, dt.time(9, 0))
        row.setdefault("create_date", created)
        row.setdefault("write_date", created)
        row.setdefault("create_uid", 2)
        row.setdefault("write_uid", 2)
        self.rows[table].append(row)
        self.owner.setdefault(table, {})[row["id"]] = owner
        return row

    # -- random values ---------------------------------------------------------------------------

    def day(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def moment(self, lo: dt.date, hi: dt.date) -> dt.datetime:
        return dt.datetime.combine(
            self.day(lo, hi), dt.time(self.rng.randint(8, 18), self.rng.randint(0, 59))
        )

    def phone(self, prefixes: tuple[str, ...]) -> str:
        while True:
            p = self.rng.choice(prefixes) + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
            if p not in self.phones and p[2] != "0":
                self.phones.add(p)
                return " ".join(p[i : i + 2] for i in range(0, 10, 2))

    def full_name(self) -> tuple[str, str]:
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            full = f"{first} {last}".lower()
            # unique, and no full name inside another one ("Jean Roux" in "Marie-Jean Roux")
            if full not in self.names and not any(full in n or n in full for n in self.names):
                self.names.add(full)
                return first, last

    def street(self) -> str:
        while True:
            s = f"{self.rng.randint(1, 180)} {self.rng.choice(STREETS)}"
            # unique, and none inside another one ("2 rue du Moulin" in "152 rue du Moulin")
            if not any(s in t or t in s for t in self.streets):
                self.streets.add(s)
                return s


def build(engine: Engine, *, seed: int = 7, contacts: int = 120) -> Fate:
    """Create the Odoo subset on an empty database and fill it; what a sweep on AS_OF must do."""
    b = _Build(random.Random(seed))
    for _, name, _email in SALESPEOPLE:
        b.names.add(name.lower())
    _ours(b)
    people = _people(b, contacts)
    companies = _companies(b, people)
    for person in people:
        _person_rows(b, person, companies)
    for company in companies.values():
        _company_documents(b, company)
    fate = _fate(b, people)
    _check_secrets(b, fate)
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table in TABLES:
            rows = b.rows[table.name]
            if table is res_partner:  # parents first: the self-reference is a FOREIGN KEY
                rows = sorted(rows, key=lambda r: (r["parent_id"] is not None, r["id"]))
            if rows:
                conn.execute(table.insert(), [{c.name: r.get(c.name) for c in table.columns} for r in rows])
    return fate


def _ours(b: _Build) -> None:
    b.add(
        "res_partner",
        _partner_row(
            id=US_ID, name=US_NAME, is_company=True, partner_share=False, email="contact@votre-societe.example",
            phone="01 40 00 00 00", street="1 rue de l'Exemple", zip="75001", city="Paris",
            create_date=dt.datetime(2012, 1, 2, 9, 0), vat="FR40123456789",
        ),
        None,
    )  # fmt: skip
    b.next_id["res_partner"] = US_ID
    for pid, name, email in SALESPEOPLE:
        b.add(
            "res_partner",
            _partner_row(
                id=pid, name=name, complete_name=f"{US_NAME}, {name}", parent_id=US_ID, partner_share=False,
                email=email, phone="01 40 00 00 0" + str(pid), function="Commercial", street="1 rue de l'Exemple",
                zip="75001", city="Paris", create_date=dt.datetime(2012, 1, 2, 9, pid), employee=True,
            ),
            None,
        )  # fmt: skip
        b.next_id["res_partner"] = pid


def _partner_row(**values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict(
        ref=None, lang="fr_FR", vat=None, website=None, comment=None, active=True, employee=False,
        function=None, type="contact", street2=None, is_company=False, partner_share=True, parent_id=None,
        mobile=None, company_name=None,
    )  # fmt: skip
    row.update(values)
    row.setdefault("complete_name", row["name"])
    if row.get("email"):
        row.setdefault("email_normalized", row["email"].lower())
    row.setdefault("commercial_company_name", row["name"] if row["is_company"] else None)
    return row


def _people(b: _Build, contacts: int) -> list[_Person]:
    names = list(PROFILES)
    chosen = names[: min(contacts, len(names))]
    population, weights = zip(*WEIGHTS.items(), strict=True)
    chosen += b.rng.choices(population, weights=weights, k=max(0, contacts - len(chosen)))
    b.rng.shuffle(chosen)
    people = []
    for name in chosen:
        profile = PROFILES[name]
        first, last = b.full_name()
        sex = 2 if first.endswith(("e", "a", "ïs", "ès", "Zoé", "Chloé", "Agnès", "Inès")) else 1
        town = b.rng.choice(TOWNS)
        b2b = profile.company is not None
        domain = "{company}" if b2b else b.rng.choice(B2C_DOMAINS)
        person = _Person(
            id=b.new_id("res_partner"),
            profile=profile,
            first=first,
            last=last,
            email=f"{_slug(first)}.{_slug(last)}@{domain}",
            phone=b.phone(("01", "02", "03", "04", "05")),
            mobile=b.phone(("06", "07")),
            company=None,
            street=b.street(),
            zip=town[0],
            city=town[1],
            nir=_nir(b.rng, sex) if b.rng.random() < 0.35 else None,
            created=b.moment(dt.date(2016, 1, 4), dt.date(2021, 12, 30)),
        )
        if profile.b2c in {"past_duty", "mixed", "recent", "hold_boundary"}:
            person.created = b.moment(dt.date(2009, 1, 5), dt.date(2010, 12, 30))
        elif profile.own_recent == "lead" and profile.company is None:
            person.created = b.moment(RECENT_MIN, dt.date(2024, 12, 30))
        elif profile.boundary == "own_new":
            person.created = b.moment(dt.date(2018, 1, 4), dt.date(2020, 12, 30))
        people.append(person)
    return people


def _companies(b: _Build, people: list[_Person]) -> dict[int, dict[str, Any]]:
    """Companies of each kind the B2B people need, three contacts at most each."""
    by_kind: dict[str, list[_Person]] = {}
    for p in people:
        if p.profile.company:
            by_kind.setdefault(p.profile.company, []).append(p)
    companies: dict[int, dict[str, Any]] = {}
    used: set[str] = set()
    for kind in (BUYS_INVOICE, BUYS_ORDER, STOPPED, DRAFT_ONLY, BOUNDARY_OLD, BOUNDARY_NEW):
        members = by_kind.get(kind, [])
        for start in range(0, len(members), 3):
            while True:
                name = f"{b.rng.choice(ACTIVITIES)} {b.rng.choice(COMPANY_WORDS)} {b.rng.choice(LEGAL_FORMS)}"
                if name not in used:
                    used.add(name)
                    break
            town = b.rng.choice(TOWNS)
            slug = _slug(name.rsplit(" ", 1)[0])
            row = b.add(
                "res_partner",
                _partner_row(
                    name=name, is_company=True, vat="FR" + "".join(str(b.rng.randint(0, 9)) for _ in range(11)),
                    email=f"contact@{slug}.fr", phone=b.phone(("01", "02", "03", "04", "05")),
                    street=b.street(), zip=town[0], city=town[1], website=f"https://www.{slug}.fr",
                    comment="<p>Conditions : paiement à 30 jours fin de mois. Livraison le mardi.</p>",
                    create_date=b.moment(dt.date(2010, 1, 4), dt.date(2015, 12, 30)),
                ),
                None,
            )  # fmt: skip
            row["kind"], row["slug"] = kind, slug
            companies[row["id"]] = row
            for person in members[start : start + 3]:
                person.company = row
                person.email = person.email.replace("{company}", f"{slug}.fr")
                person.street, person.zip, person.city = row["street"], row["zip"], row["city"]
    # one company has a delivery address (type delivery): the company's, never touched
    first = next(iter(companies.values()), None)
    if first is not None:
        b.add(
            "res_partner",
            _partner_row(
                name=None, complete_name=f"{first['name']}, Livraison", type="delivery", parent_id=first["id"],
                street=b.street(), zip=first["zip"], city=first["city"], create_date=first["create_date"],
            ),
            None,
        )  # fmt: skip
    return companies


def _note(b: _Build, p: _Person, *, nir: bool) -> str:
    parts = [
        f"<p>Échange avec {p.full} ({p.company['name'] if p.company else 'particulier'}).",
        f"Joignable au {p.mobile} ou au {p.phone}, courriel {p.email}.",
    ]
    if nir and p.nir:
        parts.append(f"N° de sécurité sociale transmis pour le dossier : {p.nir}.")
    parts.append("À relancer.</p>")
    return " ".join(parts)


def _person_rows(b: _Build, p: _Person, companies: dict[int, dict[str, Any]]) -> None:
    prof = p.profile
    company = p.company
    b.add(
        "res_partner",
        _partner_row(
            id=p.id,
            name=p.full,
            complete_name=f"{company['name']}, {p.full}" if company else p.full,
            parent_id=company["id"] if company else None,
            active=not prof.archived,
            function=b.rng.choice(JOBS) if company else None,
            street=p.street,
            zip=p.zip,
            city=p.city,
            email=p.email,
            phone=p.phone,
            mobile=p.mobile,
            comment=_note(b, p, nir=True) if b.rng.random() < 0.7 or p.nir else None,
            create_date=p.created,
            commercial_company_name=company["name"] if company else None,
        ),
        p.id,
    )
    # own dates that count stay before the cutoff unless the profile says otherwise
    start = p.created.date()
    old_hi = max(start, OLD_MAX - dt.timedelta(days=30))
    recent_lead = prof.own_recent == "lead" or prof.boundary == "own_new"
    n_leads = b.rng.randint(1, 2) if (company is None and not prof.b2c) else b.rng.randint(0, 2)
    if recent_lead:
        n_leads = max(n_leads, 1)
    if not prof.expired and b.rng.random() < 0.5:
        n_leads += 1  # customers who stay have more history
    for i in range(n_leads):
        if recent_lead and i == 0:
            created = (
                dt.datetime(2022, 7, 1, 10, 30)
                if prof.boundary == "own_new"
                else b.moment(max(RECENT_MIN, start), LAST_DAY)
            )
        elif start > OLD_MAX:  # a recent prospect: its other leads are recent too
            created = b.moment(start, LAST_DAY)
        else:
            created = b.moment(start, old_hi)
        _lead(b, p, created)
    # messages on the person: a salesperson's call notes; e-mails from the person
    author = b.rng.choice(SALESPEOPLE)
    when = b.moment(start, old_hi) if start <= OLD_MAX else b.moment(start, LAST_DAY)
    _message(b, p, "res.partner", p.id, p.full, when, "comment", author=author, body=_note(b, p, nir=False))
    if b.rng.random() < 0.6 or prof.own_recent == "email" or prof.boundary == "own_old":
        if prof.own_recent == "email":
            when = b.moment(RECENT_MIN, LAST_DAY)
        elif prof.boundary == "own_old":
            when = dt.datetime(2022, 6, 30, 17, 45)
        elif start > OLD_MAX:
            when = b.moment(start, LAST_DAY)
        else:
            when = b.moment(start, old_hi)
        _message(b, p, "res.partner", p.id, p.full, when, "email", author=None, body=_incoming(p))
    if prof.expired:
        # our own recent actions never keep anybody: a logged call, a notification
        recent = b.moment(RECENT_MIN, LAST_DAY)
        _message(b, p, "res.partner", p.id, p.full, recent, "comment", author=author,
                 body=f"<p>Appel sortant : {p.full} injoignable, message laissé au {p.mobile}.</p>")  # fmt: skip
        _message(b, p, "res.partner", p.id, p.full, recent, "notification", author=author,
                 body="<p>Coordonnées mises à jour.</p>")  # fmt: skip
    if prof.b2c:
        _b2c_documents(b, p)


def _incoming(p: _Person) -> str:
    return (
        f"<p>Bonjour,<br/>Pouvez-vous me rappeler au {p.mobile} ? Merci.<br/>--<br/>{p.full}<br/>"
        f"{p.phone}</p>"
    )


def _lead(b: _Build, p: _Person, created: dt.datetime) -> None:
    product = b.rng.choice(PRODUCTS)
    company = p.company
    won = created.date() <= OLD_MAX - dt.timedelta(days=60) and b.rng.random() < 0.3
    lead = b.add(
        "crm_lead",
        dict(
            name=f"{company['name'] if company else p.full} : {product}",
            referred=None,
            description=_note(b, p, nir=b.rng.random() < 0.5),
            active=True,
            type="opportunity" if won or b.rng.random() < 0.5 else "lead",
            priority=str(b.rng.randint(0, 3)),
            expected_revenue=Decimal(b.rng.randint(5, 400) * 100),
            probability=100.0 if won else float(b.rng.choice((10, 20, 50, 70))),
            date_closed=created + dt.timedelta(days=30) if won else None,
            date_deadline=(created + dt.timedelta(days=60)).date(),
            partner_id=p.id,
            contact_name=p.full,
            partner_name=company["name"] if company else None,
            function=None,
            email_from=p.email,
            email_normalized=p.email.lower(),
            phone=p.phone,
            mobile=p.mobile,
            street=None if company else p.street,
            zip=p.zip,
            city=p.city,
            create_date=created,
            write_date=created + dt.timedelta(days=2),
        ),
        p.id,
    )
    author = b.rng.choice(SALESPEOPLE)
    _message(b, p, "crm.lead", lead["id"], lead["name"], created, "notification", author=author,
             body="<p>Piste créée</p>")  # fmt: skip
    if b.rng.random() < 0.5:
        _message(b, p, "crm.lead", lead["id"], lead["name"], created + dt.timedelta(hours=2), "email",
                 author=None, body=_incoming(p))  # fmt: skip


def _message(
    b: _Build,
    p: _Person | None,
    model: str,
    res_id: int,
    record_name: str | None,
    when: dt.datetime,
    message_type: str,
    *,
    author: tuple[int, str, str] | None,
    body: str,
    owner: int | None = -1,
) -> None:
    if author is None:  # an e-mail from the person
        assert p is not None
        author_id, email_from = p.id, f'"{p.full}" <{p.email}>'
    else:
        author_id, email_from = author[0], f'"{author[1]}" <{author[2]}>'
    row_id = b.new_id("mail_message")
    b.add(
        "mail_message",
        dict(
            id=row_id,
            subject=None if message_type != "email" else "Re: votre demande",
            date=when,
            body=body,
            parent_id=None,
            model=model,
            res_id=res_id,
            record_name=record_name,
            message_type=message_type,
            is_internal=message_type == "comment",
            email_from=email_from,
            author_id=author_id,
            message_id=f"<message-{row_id}@votre-societe.example>",
            create_date=when,
        ),
        (p.id if p else None) if owner == -1 else owner,
    )


def _invoice(
    b: _Build,
    partner: dict[str, Any] | _Person,
    day: dt.date,
    *,
    owner: int | None,
    state: str = "posted",
    move_type: str = "out_invoice",
) -> dict[str, Any]:
    is_person = isinstance(partner, _Person)
    pid = partner.id if isinstance(partner, _Person) else partner["id"]
    display = partner.full if isinstance(partner, _Person) else partner["name"]
    n = b.next_id.get("account_move", 0) + 1
    prefix = "BILL" if move_type == "in_invoice" else "INV"
    name = f"{prefix}/{day.year}/{n:05d}" if state == "posted" else "/"
    amount = Decimal(b.rng.randint(4000, 900000)) / 100
    row = b.add(
        "account_move",
        dict(
            name=name,
            ref=None,
            date=day,
            state=state,
            move_type=move_type,
            journal_id=1 if move_type.startswith("out") else 2,
            company_id=1,
            currency_id=1,
            partner_id=pid,
            commercial_partner_id=pid,
            invoice_date=day,
            invoice_date_due=day + dt.timedelta(days=30),
            invoice_origin=None,
            invoice_partner_display_name=display,
            invoice_source_email=None,
            payment_reference=name if state == "posted" else None,
            payment_state="paid" if state == "posted" else "not_paid",
            narration="<p>Paiement à 30 jours. Pénalités de retard : 3 fois le taux d'intérêt légal.</p>",
            amount_total=amount,
            create_date=dt.datetime.combine(day, dt.time(10, 0)),
        ),
        owner,
    )
    author = b.rng.choice(SALESPEOPLE)
    _message(b, None, "account.move", row["id"], name, row["create_date"], "notification", author=author,
             body="<p>Facture validée</p>", owner=owner)  # fmt: skip
    if is_person and state == "posted":
        assert isinstance(partner, _Person)
        _message(b, None, "account.move", row["id"], name, row["create_date"] + dt.timedelta(minutes=5),
                 "email_outgoing", author=author, owner=owner,
                 body=f"<p>Bonjour {partner.full},<br/>Veuillez trouver ci-joint votre facture {name}.</p>")  # fmt: skip
    return row


def _order(
    b: _Build, partner_id: int, when: dt.datetime, *, owner: int | None, state: str = "sale"
) -> dict[str, Any]:
    n = b.next_id.get("sale_order", 0) + 1
    row = b.add(
        "sale_order",
        dict(
            name=f"S{n:05d}",
            company_id=1,
            partner_id=partner_id,
            partner_invoice_id=partner_id,
            partner_shipping_id=partner_id,
            state=state,
            client_order_ref=None,
            date_order=when,
            note="<p>Conditions générales de vente : voir notre site.</p>",
            amount_total=Decimal(b.rng.randint(4000, 900000)) / 100,
            create_date=when,
        ),
        owner,
    )
    author = b.rng.choice(SALESPEOPLE)
    _message(b, None, "sale.order", row["id"], row["name"], when, "notification", author=author,
             body="<p>Devis confirmé</p>" if state == "sale" else "<p>Devis envoyé</p>", owner=owner)  # fmt: skip
    return row


def _b2c_documents(b: _Build, p: _Person) -> None:
    """A B2C customer's own invoices and orders (partner_id = the person), by profile."""
    kind = p.profile.b2c
    days: list[dt.date]
    if kind == "held":
        days = [b.day(max(HOLD_MIN, p.created.date()), OLD_MAX) for _ in range(b.rng.randint(1, 2))]
    elif kind == "past_duty":
        days = [b.day(dt.date(2011, 1, 3), PAST_DUTY_MAX) for _ in range(b.rng.randint(1, 2))]
    elif kind == "mixed":
        days = [
            b.day(dt.date(2012, 1, 3), dt.date(2014, 12, 30)),
            b.day(dt.date(2018, 1, 3), dt.date(2021, 12, 30)),
        ]
    elif kind == "hold_boundary":
        days = [PAST_DUTY_MAX, HOLD_MIN]
    else:  # recent: an invoice past its duty, kept with the person, and a recent one
        days = [b.day(dt.date(2011, 1, 3), dt.date(2013, 12, 30)), b.day(RECENT_MIN, LAST_DAY)]
    for day in sorted(days):
        _invoice(b, p, day, owner=p.id)
        _order(b, p.id, dt.datetime.combine(day, dt.time(9, 15)) - dt.timedelta(days=3), owner=p.id)


def _company_documents(b: _Build, company: dict[str, Any]) -> None:
    """A company's invoices and orders (partner_id = the company): never changed by the policy."""
    kind = company["kind"]
    old_days = [b.day(dt.date(2012, 1, 3), dt.date(2021, 12, 30)) for _ in range(b.rng.randint(1, 3))]
    for day in old_days:
        _invoice(b, company, day, owner=None)
        _order(b, company["id"], dt.datetime.combine(day, dt.time(11, 0)) - dt.timedelta(days=5), owner=None)
    if kind == BUYS_INVOICE:
        _invoice(b, company, b.day(RECENT_MIN, LAST_DAY), owner=None)
    elif kind == BUYS_ORDER:
        _order(b, company["id"], b.moment(RECENT_MIN, LAST_DAY), owner=None)
    elif kind == DRAFT_ONLY:
        _order(b, company["id"], b.moment(RECENT_MIN, LAST_DAY), owner=None, state="draft")
        _invoice(b, company, b.day(RECENT_MIN, LAST_DAY), owner=None, state="cancel")
        _invoice(
            b, company, b.day(RECENT_MIN, LAST_DAY), owner=None, move_type="in_invoice"
        )  # a bill from them
    elif kind == BOUNDARY_OLD:
        _invoice(b, company, OLD_MAX, owner=None)
    elif kind == BOUNDARY_NEW:
        _invoice(b, company, RECENT_MIN, owner=None)
    for _ in range(b.rng.randint(1, 3)):
        author = b.rng.choice(SALESPEOPLE)
        _message(b, None, "res.partner", company["id"], company["name"], b.moment(RECENT_MIN, LAST_DAY),
                 "comment", author=author, owner=None,
                 body="<p>Relance du service comptable pour le règlement de la dernière facture.</p>")  # fmt: skip


# -- the promise -----------------------------------------------------------------------------------


def _held(row: dict[str, Any], table: str) -> bool:
    day = row["invoice_date"] if table == "account_move" else row["date_order"].date()
    return bool(day >= HOLD_MIN)


def _fate(b: _Build, people: list[_Person]) -> Fate:
    expired = {p.id for p in people if p.profile.expired}
    kept = {p.id for p in people if not p.profile.expired} | {pid for pid, _, _ in SALESPEOPLE}
    untouched: dict[str, set[Hashable]] = {t.name: set() for t in TABLES}
    deleted: dict[str, set[Hashable]] = {t.name: set() for t in TABLES}
    for table in TABLES:
        name = table.name
        for row in b.rows[name]:
            owner = b.owner[name][row["id"]]
            if owner is None or owner not in expired:
                untouched[name].add(row["id"])  # ours, a company's, a kept person's
            elif name == "res_partner":
                continue  # anonymised: changed, not deleted
            elif name in {"account_move", "sale_order"}:
                (untouched if _held(row, name) else deleted)[name].add(row["id"])
            else:
                deleted[name].add(row["id"])
    secrets: dict[Hashable, tuple[str, ...]] = {}
    held_names = {
        row["partner_id"]
        for row in b.rows["account_move"]
        if b.owner["account_move"][row["id"]] in expired and _held(row, "account_move")
    }
    for p in people:
        if p.id not in expired:
            continue
        values = [p.email, p.phone, p.mobile]
        if p.id not in held_names:
            values.insert(0, p.full)
        if p.nir:
            values.append(p.nir)
        if p.company is None:
            values.append(p.street)
        secrets[p.id] = tuple(values)
    return Fate(
        as_of=AS_OF,
        expired=frozenset(expired),
        kept=frozenset(kept),
        secrets=secrets,
        untouched={t: frozenset(ids) for t, ids in untouched.items()},
        deleted={t: frozenset(ids) for t, ids in deleted.items() if ids},
    )


def _texts(values: Iterable[Any]) -> Iterable[str]:
    return (v for v in values if isinstance(v, str))


def _check_secrets(b: _Build, fate: Fate) -> None:
    """The generator's own promise: no secret of an expired person in a row that must stay as it is
    (else the test could never pass, whatever the product does)."""
    wanted = [(s.lower(), _digits(s)) for values in fate.secrets.values() for s in values]
    for table in TABLES:
        keep = fate.untouched.get(table.name, frozenset())
        for row in b.rows[table.name]:
            if row["id"] not in keep:
                continue
            for text in _texts(row.values()):
                low, digits = text.lower(), _digits(text)
                for secret, secret_digits in wanted:
                    hit = secret in low or (len(secret_digits) >= 8 and secret_digits in digits)
                    if hit:
                        raise AssertionError(
                            f"generator: a secret is in {table.name} row {row['id']} that must stay"
                        )
