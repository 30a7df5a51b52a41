"""The demo CRM schema: a realistic French B2B/B2C CRM, defined once for SQLite, PostgreSQL and MariaDB.

Table and column names are in English (as most CRM products ship them); values are French. The schema
deliberately mixes what real CRMs mix: reflected foreign keys, a polymorphic link (notes attach to a
contact, a company or an opportunity through ``parent_type`` + ``parent_id``), free text full of
personal data, and one column nobody declared in the policy (``companies.internal_comment``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)

metadata = MetaData()

# BigInteger keys on servers, INTEGER PRIMARY KEY (rowid alias) on SQLite.
Key = BigInteger().with_variant(Integer(), "sqlite")

companies = Table(
    "companies",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("siren", String(9)),
    Column("siret", String(14)),
    Column("sector", String(100)),
    Column("size_band", String(20)),
    Column("address_line", String(200)),
    Column("postcode", String(10)),
    Column("city", String(100)),
    Column("phone", String(30)),
    Column("website", String(200)),
    Column("internal_comment", Text),
    Column("created_at", DateTime, nullable=False),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("company_id", Key, ForeignKey("companies.id")),
    Column("customer_ref", String(20)),
    Column("civility", String(10)),
    Column("first_name", String(100)),
    Column("last_name", String(100)),
    Column("email", String(200)),
    Column("phone", String(30)),
    Column("mobile", String(30)),
    Column("address_line", String(200)),
    Column("postcode", String(10)),
    Column("city", String(100)),
    Column("birth_date", Date),
    Column("job_title", String(150)),
    Column("source", String(30)),
    Column("status", String(20), nullable=False),
    Column("segment", String(50)),
    Column("lead_score", Integer),
    Column("preferences", String(200)),
    Column("created_at", DateTime),
    Column("last_login_at", DateTime),
    Column("anonymised_at", DateTime),
    Index("ix_contacts_status", "status"),
    Index("ix_contacts_email", "email"),
)

interactions = Table(
    "interactions",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("email_event", String(10)),
    Column("occurred_at", DateTime, nullable=False),
    Column("subject", String(200)),
    Index("ix_interactions_contact", "contact_id", "occurred_at"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("parent_type", String(20), nullable=False),
    Column("parent_id", Key, nullable=False),
    Column("author", String(100)),
    Column("body", Text),
    Column("created_at", DateTime, nullable=False),
    Column("scrubbed_at", DateTime),
    Index("ix_notes_parent", "parent_type", "parent_id"),
)

consents = Table(
    "consents",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("purpose", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("given_at", DateTime),
    Column("withdrawn_at", DateTime),
    Column("channel", String(20)),
    Column("collection_point", String(200)),
    Column("text_version", String(20)),
    Column("text_hash", String(64)),
    Column("mechanism", String(30)),
    Index("ix_consents_contact", "contact_id", "purpose"),
)

contracts = Table(
    "contracts",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("company_id", Key, ForeignKey("companies.id")),
    Column("reference", String(30), nullable=False),
    Column("product", String(100)),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("monthly_amount", Numeric(12, 2)),
    Index("ix_contracts_contact", "contact_id"),
)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("company_id", Key, ForeignKey("companies.id")),
    Column("title", String(200)),
    Column("stage", String(30), nullable=False),
    Column("amount", Numeric(12, 2)),
    Column("margin", Numeric(12, 2)),
    Column("expected_close", Date),
    Column("created_at", DateTime, nullable=False),
    Index("ix_opportunities_contact", "contact_id"),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("order_number", String(30), nullable=False),
    Column("ordered_at", DateTime, nullable=False),
    Column("amount_ht", Numeric(12, 2), nullable=False),
    Column("margin", Numeric(12, 2)),
    Column("delivery_address", String(300)),
    Index("ix_orders_contact", "contact_id"),
)

invoices = Table(
    "invoices",
    metadata,
    Column("id", Key, primary_key=True, autoincrement=False),
    Column("order_id", Key, ForeignKey("orders.id")),
    Column("contact_id", Key, ForeignKey("contacts.id"), nullable=False),
    Column("invoice_number", String(30), nullable=False),
    Column("issued_at", Date, nullable=False),
    Column("fiscal_year", Integer, nullable=False),
    Column("fiscal_year_close", Date, nullable=False),
    Column("amount_ht", Numeric(12, 2), nullable=False),
    Column("amount_ttc", Numeric(12, 2), nullable=False),
    Column("margin", Numeric(12, 2)),
    Column("billing_name", String(200)),
    Column("billing_address", String(300)),
    Column("billing_email", String(200)),
    Column("paid", Boolean, nullable=False),
    Index("ix_invoices_contact", "contact_id"),
)

#: Tables in dependency order (parents first): the order to create and to load them.
TABLES_IN_LOAD_ORDER: tuple[Table, ...] = (
    companies,
    contacts,
    interactions,
    notes,
    consents,
    contracts,
    opportunities,
    orders,
    invoices,
)
