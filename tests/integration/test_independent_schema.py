"""Independent oracle test of `crm-privacy sweep` on a CRM schema that is not the demo's.

Written black-box: from README.md, docs/policy.md and include/policies/demo_crm.yaml only, and run
through the CLI as a user would. Nothing from crm_privacy is imported.

The schema (a cycling club's CRM):

    people          the subject, key `person_no` (not `id`), numbered 500.. and 1000..
    visits          fk `person_ref` -> people.person_no (reflected FK), DATETIME `visited_at`
    purchases       fk `buyer_no` -> people.person_no, key `purchase_no` (numbers overlap person_no)
    purchase_lines  `via: purchase_no -> purchases` (grandchild), DATE `shipped_on` is a clock source
    subscriptions   fk `holder_no`, `ends_on` NULL = still running (open_when_null)
    optins          fk `subject_no` WITHOUT a foreign key in the database (declared relation)
    memos           polymorphic (`owner_kind`, `owner_id`) on people ("person") and purchases
                    ("purchase"); other owner kinds ("supplier") are not the subject's data

A pure-Python ORACLE reads the same policy text and the generated rows and computes, from the
semantics of docs/policy.md, which subjects each rule must reach on the run date and what every
row of every table must look like after the sweep. The sweep is then run on SQLite, PostgreSQL
and MariaDB and compared with the oracle, then run a second time on the same date.

Readings chosen where the docs are not explicit (what a DPO would expect), all applied by the
oracle below:

1. Cutoff. docs/policy.md says both "expired when no clock date is on or after the cutoff" and
   "expired on run date D when D >= start + period" (calendar units, missing day clamped). They
   disagree at month ends (30m: 2022-08-29 + 30 months = 2025-02-29 -> 2025-02-28, so it is expired
   on 2025-02-28, while "D - 30 months" = 2022-08-28 would keep it). The calendar-convention
   section is explicit, gives the 29 February example and says it is pinned by tests: it wins.
2. Timestamps: only the date part counts, whatever the time of day (23:59:59 on the cutoff day is
   on the cutoff day).
3. Clock `where: {col: [...]}`: a row counts only if col is one of the values; NULL is none of
   them. Clock `exclude: {col: [...]}`: a row is ignored only if col is one of the values; a NULL
   channel is NOT an excluded event, so it counts (the SQL `NOT IN` + NULL trap).
4. A clock row whose date is NULL (without open_when_null) is ignored; with open_when_null the
   subject is still running: not expired and not a missing_date finding.
5. Rows filtered out by where/exclude are not dates: a subject whose only rows are filtered out
   has no date and is a missing_date finding (report) rather than expired.
6. "A subject erased by an earlier rule with scope all is left to that rule": it is not counted by
   later rules (neither as a subject nor as a missing_date finding).
7. Narrow scope (`categories: [...]`): tables whose `category` is in scope get their row action;
   on every other table of the subject, only the columns whose category is in scope get their
   action, the rows stay, and the table's anonymisation `marker` is NOT set (the row is not
   anonymised, only minimised; setting it would make a later scope-all rule skip the person).
8. Polymorphic rows: a memo whose parent row is deleted goes with it (demo_crm.yaml: "notes on a
   deleted opportunity go with it"); a memo on a parent that stays is anonymised when the rule
   reaches its table; memos whose owner_kind is not declared in `parents` are never touched, even
   when owner_id equals a reached subject's key; the type column decides, not the id.
9. `hmac` and `generalise` leave NULL as NULL. `hmac` values start with `pz:`; the same normalised
   e-mail (trimmed, lower-cased) gives the same pseudonym. `generalise: departement` keeps two
   digits, three for 97x overseas postcodes; `generalise: year` gives 1 January of the year.
10. The second sweep on the same date: "re-planning the same date must find nothing left", so
    every rule reaches 0 subjects and nothing changes. To keep the first-run counts unambiguous,
    every candidate of a narrow rule has something left to treat in the generated data.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy.engine import make_url

pytestmark = [pytest.mark.integration, pytest.mark.slow]

AS_OF = date(2025, 2, 28)
SEED = 20250228
N_RANDOM = 320

# --------------------------------------------------------------------------------------------
# The policy (written from docs/policy.md for this schema)
# --------------------------------------------------------------------------------------------

POLICY_YAML = """\
version: "indep-1"
controller: "Club Vélo Occitanie SCIC, 3 allée des Platanes, 31000 Toulouse"
crm: velo_club

subject:
  table: people
  key: person_no
  identifiers:
    - {column: email, kind: email}
    - {column: phone, kind: phone}
    - {column: username, kind: reference}

purposes:
  - id: leads
    title: "Prospection des adhérents potentiels"
    legal_basis: legitimate_interest
    description: "Relances des personnes intéressées par le club."
    recipients: ["Bureau du club"]
    retention: 3y
    clock_starts: "inscription ou dernière démarche de la personne"
    at_expiry: "anonymisation de la fiche, suppression de l'historique"
  - id: members
    title: "Gestion des adhésions"
    legal_basis: contract
    description: "Adhésions, achats au club, livraisons."
    recipients: ["Bureau du club", "Transporteurs"]
    retention: 30m
    clock_starts: "fin d'adhésion, dernier achat, dernière livraison, dernière visite"
    at_expiry: "anonymisation de la fiche, suppression des achats et de l'historique"
  - id: alumni_marketing
    title: "Offres aux anciens adhérents"
    legal_basis: legitimate_interest
    description: "Offres analogues aux anciens adhérents."
    recipients: ["Bureau du club"]
    retention: 12m
    clock_starts: "dernière visite"
    at_expiry: "suppression des données marketing et des notes libres"
  - id: accounts
    title: "Comptes en ligne"
    legal_basis: contract
    description: "Espace adhérent du site."
    recipients: ["Webmestre"]
    retention: 2y
    clock_starts: "dernière connexion"
    at_expiry: "suppression des identifiants du compte"

tables:
  people:
    key: person_no
    link: {subject: true}
    category: identity
    row_action: anonymise
    marker: redacted_on
    columns:
      full_name:    {category: identity, action: redact, params: {value: "ANONYME"}}
      email:        {category: contact_channel, action: hmac, params: {kind: email}}
      phone:        {category: contact_channel, action: "null"}
      city:         {category: location, action: "null"}
      zip:          {category: location, action: generalise, params: {to: departement}}
      birth_date:   {category: identity, action: generalise, params: {to: year}}
      loyalty_tier: {category: marketing, action: "null"}
      interests:    {category: marketing, action: "null"}
      username:     {category: account, action: hmac, params: {kind: reference}}
      pw_hash:      {category: account, action: "null"}
  visits:
    key: visit_id
    link: {fk: person_ref}
    category: visit_history
    row_action: delete
  purchases:
    key: purchase_no
    link: {fk: buyer_no}
    category: contract
    row_action: delete
    columns:
      ship_to:    {category: contact_channel, action: "null"}
      promo_code: {category: marketing, action: "null"}
  purchase_lines:
    key: line_no
    link: {via: "purchase_no -> purchases"}
    category: contract
    row_action: delete
    columns:
      gift_message: {category: free_text, action: redact, params: {value: "[retiré]"}}
  subscriptions:
    key: sub_id
    link: {fk: holder_no}
    category: contract
    row_action: delete
  optins:
    key: optin_id
    link: {fk: subject_no}          # no foreign key in the database: a declared relation
    category: consent_proof
    row_action: delete
    columns:
      ip_address: {category: consent_proof, action: "null"}
  memos:
    key: memo_id
    link:
      polymorphic:
        type_column: owner_kind
        id_column: owner_id
        parents: {person: people, purchase: purchases}
    category: free_text
    row_action: anonymise
    marker: scrubbed_on
    columns:
      body:   {category: free_text, action: redact, params: {value: "[note retirée]"}}
      author: {category: professional, action: keep}

rules:
  - id: RL
    title: "Prospect sans démarche depuis 3 ans"
    purpose: leads
    where: {kind: [lead]}
    clock:
      - {table: people, column: signed_up_on}
      - table: visits
        column: visited_at
        where: {initiated_by: [person]}
        exclude: {channel: [newsletter_open]}
    scope: {all: true}
  - id: RM
    title: "Fin de la relation d'adhésion depuis 30 mois"
    purpose: members
    where: {kind: [member, alumni]}
    clock:
      - {table: subscriptions, column: ends_on, open_when_null: true}
      - {table: purchases, column: placed_on}
      - table: purchase_lines
        column: shipped_on
        exclude: {line_status: [cancelled]}
      - {table: visits, column: visited_at, where: {initiated_by: [person]}}
    scope: {all: true}
  - id: RK
    title: "Anciens adhérents : fin du marketing 12 mois après la dernière visite"
    purpose: alumni_marketing
    where: {kind: [alumni]}
    clock:
      - {table: visits, column: visited_at}
    scope: {categories: [marketing, free_text]}
  - id: RA
    title: "Compte en ligne inactif depuis 2 ans"
    purpose: accounts
    clock:
      - {table: people, column: last_seen_on}
    on_missing_date: skip
    scope: {categories: [account]}

guard:
  max_share: 0.5
  batch_size: 37                    # small on purpose: subjects spread over several batches
"""

POLICY = yaml.safe_load(POLICY_YAML)
RULE_IDS = [r["id"] for r in POLICY["rules"]]

# --------------------------------------------------------------------------------------------
# The schema
# --------------------------------------------------------------------------------------------

md = sa.MetaData()
S = sa.String

people_t = sa.Table(
    "people",
    md,
    sa.Column("person_no", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", S(20)),
    sa.Column("full_name", S(200), nullable=False),
    sa.Column("email", S(200)),
    sa.Column("phone", S(40)),
    sa.Column("city", S(80)),
    sa.Column("zip", S(10)),
    sa.Column("birth_date", sa.Date),
    sa.Column("loyalty_tier", S(20)),
    sa.Column("interests", S(200)),
    sa.Column("username", S(200)),
    sa.Column("pw_hash", S(200)),
    sa.Column("signed_up_on", sa.Date),
    sa.Column("last_seen_on", sa.Date),
    sa.Column("redacted_on", sa.DateTime),
)
purchases_t = sa.Table(
    "purchases",
    md,
    sa.Column("purchase_no", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("buyer_no", sa.Integer, sa.ForeignKey("people.person_no"), nullable=False),
    sa.Column("placed_on", sa.Date),
    sa.Column("amount_cents", sa.Integer),
    sa.Column("ship_to", S(200)),
    sa.Column("promo_code", S(40)),
)
lines_t = sa.Table(
    "purchase_lines",
    md,
    sa.Column("line_no", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("purchase_no", sa.Integer, sa.ForeignKey("purchases.purchase_no"), nullable=False),
    sa.Column("sku", S(40)),
    sa.Column("line_status", S(20)),
    sa.Column("shipped_on", sa.Date),
    sa.Column("gift_message", S(200), nullable=False),
)
visits_t = sa.Table(
    "visits",
    md,
    sa.Column("visit_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("person_ref", sa.Integer, sa.ForeignKey("people.person_no"), nullable=False),
    sa.Column("visited_at", sa.DateTime),
    sa.Column("channel", S(30)),
    sa.Column("initiated_by", S(20)),
)
subs_t = sa.Table(
    "subscriptions",
    md,
    sa.Column("sub_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("holder_no", sa.Integer, sa.ForeignKey("people.person_no"), nullable=False),
    sa.Column("plan", S(20)),
    sa.Column("started_on", sa.Date),
    sa.Column("ends_on", sa.Date),
)
optins_t = sa.Table(  # no ForeignKey on purpose
    "optins",
    md,
    sa.Column("optin_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("subject_no", sa.Integer, nullable=False),
    sa.Column("channel", S(20)),
    sa.Column("given_on", sa.Date),
    sa.Column("ip_address", S(45)),
)
memos_t = sa.Table(
    "memos",
    md,
    sa.Column("memo_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("owner_kind", S(20), nullable=False),
    sa.Column("owner_id", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("author", S(80)),
    sa.Column("written_on", sa.Date),
    sa.Column("scrubbed_on", sa.DateTime),
)
TABLES = [people_t, purchases_t, lines_t, visits_t, subs_t, optins_t, memos_t]  # insert order
PK = {t.name: next(iter(t.primary_key.columns)).name for t in TABLES}

# --------------------------------------------------------------------------------------------
# Deterministic data, with hand-built edge subjects
# --------------------------------------------------------------------------------------------

FIRST = [
    "Élodie",
    "Jérôme",
    "Zoé",
    "Maël",
    "Inès",
    "Noël",
    "François",
    "Chloé",
    "Loïc",
    "Anaïs",
    "Hervé",
    "Gaëlle",
    "Benoît",
    "Léa",
    "Ophélie",
    "Côme",
]
LAST = [
    "Lefèvre",
    "Dupré",
    "Garçon",
    "Müller",
    "N'Diaye",
    "Le Guen",
    "Bézier",
    "Rousseau",
    "Mercier",
    "Fabre",
    "Castañeda",
    "Girard",
]
PLACES = [
    ("Toulouse", "31000"),
    ("Montpellier", "34070"),
    ("Pointe-à-Pitre", "97110"),
    ("Saint-Denis", "97400"),
    ("Nîmes", "30900"),
    ("Albi", "81000"),
    ("Paris", "75011"),
    ("Lyon", "69003"),
]


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def rand_dt(rng: random.Random, lo: date, hi: date) -> datetime:
    d = rand_date(rng, lo, hi)
    return datetime(d.year, d.month, d.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))


@dataclass
class Crm:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t.name: [] for t in TABLES})
    edges: dict[str, int] = field(default_factory=dict)  # label -> person_no
    edge_purchases: dict[str, int] = field(default_factory=dict)  # label -> purchase_no
    edge_memos: dict[str, int] = field(default_factory=dict)  # label -> memo_id
    _next: dict[str, int] = field(default_factory=dict)

    def next_id(self, table: str, start: int) -> int:
        self._next[table] = self._next.get(table, start) + 1
        return self._next[table]

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        t = md.tables[table]
        row = {c.name: values.get(c.name) for c in t.columns}
        unknown = set(values) - set(row)
        assert not unknown, unknown
        self.rows[table].append(row)
        return row


def person_defaults(n: int, rng: random.Random) -> dict[str, Any]:
    f, ln = rng.choice(FIRST), rng.choice(LAST)
    city, zp = rng.choice(PLACES)
    return dict(
        person_no=n,
        kind="lead",
        full_name=f"{f} {ln}",
        email=f"{f[0].lower()}{n}@exemple.fr",
        phone=f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        city=city,
        zip=zp,
        birth_date=rand_date(rng, date(1945, 1, 1), date(2005, 12, 31)),
        loyalty_tier=None,
        interests=None,
        username=None,
        pw_hash=None,
        signed_up_on=date(2019, 5, 4),
        last_seen_on=None,
        redacted_on=None,
    )


def build_crm() -> Crm:
    rng = random.Random(SEED)
    crm = Crm()
    visit_ids = iter(range(70001, 10**7))
    line_ids = iter(range(40001, 10**7))
    sub_ids = iter(range(80001, 10**7))
    optin_ids = iter(range(90001, 10**7))
    memo_ids = iter(range(60001, 10**7))

    def visit(p: int, at: datetime | None, channel: str | None = "web", by: str | None = "person") -> None:
        crm.add(
            "visits", visit_id=next(visit_ids), person_ref=p, visited_at=at, channel=channel, initiated_by=by
        )

    def purchase(p: int, no: int, placed: date | None, promo: str | None = "VELO10") -> int:
        crm.add(
            "purchases",
            purchase_no=no,
            buyer_no=p,
            placed_on=placed,
            amount_cents=rng.randint(500, 90000),
            ship_to=f"{rng.randint(1, 99)} rue des Lilas",
            promo_code=promo,
        )
        return no

    def line(no: int, shipped: date | None, status: str = "shipped") -> None:
        crm.add(
            "purchase_lines",
            line_no=next(line_ids),
            purchase_no=no,
            sku=f"SKU-{rng.randint(100, 999)}",
            line_status=status,
            shipped_on=shipped,
            gift_message=f"Bonne route {rng.choice(FIRST)} !",
        )

    def sub(p: int, started: date, ends: date | None) -> None:
        crm.add(
            "subscriptions",
            sub_id=next(sub_ids),
            holder_no=p,
            plan=rng.choice(["annuel", "famille"]),
            started_on=started,
            ends_on=ends,
        )

    def optin(p: int) -> None:
        crm.add(
            "optins",
            optin_id=next(optin_ids),
            subject_no=p,
            channel=rng.choice(["email", "sms"]),
            given_on=rand_date(rng, date(2018, 1, 1), AS_OF),
            ip_address=f"192.0.2.{rng.randint(1, 254)}",
        )

    def memo(kind: str, owner: int, label: str | None = None) -> None:
        mid = next(memo_ids)
        crm.add(
            "memos",
            memo_id=mid,
            owner_kind=kind,
            owner_id=owner,
            body=f"Appelé {rng.choice(FIRST)} au 06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            author=rng.choice(["bureau", "trésorière", "Karim"]),
            written_on=rand_date(rng, date(2019, 1, 1), AS_OF),
            scrubbed_on=None,
        )
        if label:
            crm.edge_memos[label] = mid

    def person(label: str, n: int, **over: Any) -> int:
        vals = person_defaults(n, rng)
        vals.update(over)
        crm.add("people", **vals)
        crm.edges[label] = n
        return n

    dt = datetime

    # ---- RL: leads, 3y (expired iff latest date <= 2022-02-28) ----------------------------------
    person("L_cutoff_exact", 501, signed_up_on=date(2022, 2, 28))
    person("L_cutoff_plus1", 502, signed_up_on=date(2022, 3, 1))
    p = person("L_visit_2359_on_cutoff", 503, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2022, 2, 28, 23, 59, 59))
    p = person("L_visit_midnight_after", 504, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2022, 3, 1, 0, 0, 0))
    p = person("L_young_newsletter_open", 505, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2024, 6, 1, 10, 0, 0), channel="newsletter_open")
    p = person("L_young_channel_null", 506, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2024, 6, 1, 10, 0, 0), channel=None)  # NULL is not excluded: counts
    p = person("L_young_by_us", 507, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2024, 6, 1, 10, 0, 0), by="us")
    p = person("L_young_initiator_null", 508, signed_up_on=date(2020, 1, 1))
    visit(p, dt(2024, 6, 1, 10, 0, 0), by=None)  # not in where: does not count
    person("L_no_dates", 509, signed_up_on=None, birth_date=None, email=None, zip=None)
    p = person("L_only_filtered_dates", 510, signed_up_on=None)
    visit(p, dt(2024, 6, 1, 10, 0, 0), by="us")
    visit(p, dt(2021, 6, 1, 10, 0, 0), channel="newsletter_open")
    person("L_dup_email_a", 511, signed_up_on=date(2020, 3, 3), email="Anais.Martin@Exemple.FR")
    person("L_dup_email_b", 512, signed_up_on=date(2020, 4, 4), email="  anais.martin@exemple.fr ")
    person("L_doc_example_0630", 517, signed_up_on=date(2022, 6, 30))  # docs: expired on 2025-06-30
    person("L_doc_example_0701", 518, signed_up_on=date(2022, 7, 1))  # ...and this one is not
    person("L_kind_null_old", 513, kind=None, signed_up_on=date(2019, 1, 1))
    person(
        "L_leap_birth_overseas",
        514,
        signed_up_on=date(2021, 1, 1),
        birth_date=date(1988, 2, 29),
        city="Saint-Denis",
        zip="97400",
        loyalty_tier="gold",
        interests="gravel",
    )
    p = person(
        "A_erased_by_RL",
        515,
        signed_up_on=date(2020, 1, 1),
        last_seen_on=date(2020, 2, 2),
        username="velo515",
        pw_hash="bcrypt$515",
    )
    memo("person", p, "memo_on_RL_person")
    purchase(p, 516, date(2024, 12, 1))  # a lead's purchase: not an RL clock
    memo("purchase", 516, "memo_on_RL_purchase")
    line(516, date(2024, 12, 2))
    optin(p)

    # ---- RM: members and alumni, 30m (expired iff latest date <= 2022-08-31, clamp) -------------
    p = person("M_clamp_0831", 520, kind="member")
    purchase(p, 521, date(2022, 8, 31))
    p = person("M_0901", 522, kind="member")
    purchase(p, 523, date(2022, 9, 1))
    p = person("M_via_only_young", 524, kind="member")
    sub(p, date(2019, 1, 1), date(2021, 1, 1))
    no = purchase(p, 530, date(2021, 3, 1))  # purchase_no 530 == M_sibling_old's person_no
    line(no, date(2021, 3, 5))
    line(no, date(2024, 11, 20))  # the only young date
    crm.edge_purchases["P_of_kept_via_young"] = no
    memo("purchase", no, "memo_on_kept_purchase")
    p = person("M_sibling_old", 530, kind="member")
    sub(p, date(2019, 1, 1), date(2021, 1, 1))
    no = purchase(p, 524, date(2021, 4, 1))  # purchase_no 524 == M_via_only_young's person_no
    line(no, date(2021, 4, 10))
    crm.edge_purchases["P_of_erased_sibling"] = no
    memo("purchase", no, "memo_on_erased_purchase")  # the purchase is deleted: the memo goes
    memo("person", p, "memo_on_erased_person")  # anonymised
    memo("purchase", 530, "memo_purchase_530_kept")  # purchase 530 is kept: untouched
    memo("person", 524, "memo_person_524_kept")  # person 524 is kept: untouched
    memo("supplier", p, "memo_supplier_same_id")  # not a declared parent kind: untouched
    memo("person", 999999, "memo_orphan")  # no such person: untouched
    optin(p)
    p = person("M_cancelled_young_line", 531, kind="member")
    no = purchase(p, 532, date(2021, 5, 1))
    line(no, date(2024, 12, 1), status="cancelled")
    p = person("M_null_ship_young_purchase_old", 533, kind="member")
    no = purchase(p, 534, date(2021, 5, 1))
    line(no, None)
    p = person("M_open_subscription", 535, kind="member")
    sub(p, date(2019, 1, 1), None)
    purchase(p, 536, date(2020, 1, 1))
    person("M_no_dates", 537, kind="member", signed_up_on=date(2019, 1, 1))  # signed_up_on is no RM clock
    p = person("M_young_visit_by_us", 538, kind="member")
    purchase(p, 539, date(2021, 1, 1))
    visit(p, dt(2024, 10, 1, 9, 0, 0), by="us")
    p = person("M_line_on_clamp", 540, kind="member")
    no = purchase(p, 541, date(2020, 1, 1))
    line(no, date(2022, 8, 29))  # + 30m = 2025-02-29 -> 2025-02-28
    p = person("M_line_day_after_clamp", 542, kind="member")
    no = purchase(p, 543, date(2020, 1, 1))
    line(no, date(2022, 9, 1))

    # ---- RK: alumni marketing, 12m on visits (expired iff latest visit <= 2024-02-29) -------------
    p = person("K_leap_visit", 550, kind="alumni", loyalty_tier="silver", interests="route")
    no = purchase(p, 551, date(2024, 10, 1), promo="ANCIEN5")  # young: RM keeps the person
    line(no, date(2024, 10, 3))
    memo("person", p, "memo_on_RK_person")  # anonymised by RK
    memo("purchase", no, "memo_on_RK_purchase")  # the purchase stays: anonymised
    visit(p, dt(2024, 2, 29, 18, 0, 0))
    visit(p, dt(2023, 5, 1, 18, 0, 0), by="us")
    p = person("K_0301", 552, kind="alumni", loyalty_tier="gold")
    purchase(p, 553, date(2024, 10, 1))
    visit(p, dt(2024, 3, 1, 0, 0, 1))
    p = person("K_no_visits", 554, kind="alumni", loyalty_tier="gold")
    purchase(p, 555, date(2024, 10, 1))
    p = person("K_erased_by_RM", 556, kind="alumni", loyalty_tier="gold")
    purchase(p, 557, date(2020, 1, 1))
    visit(p, dt(2020, 1, 1, 12, 0, 0))

    # ---- RA: accounts, 2y on last_seen_on, on_missing_date: skip (expired iff <= 2023-02-28) ------
    person(
        "A_exact", 560, kind="staff", last_seen_on=date(2023, 2, 28), username="Velo560", pw_hash="bcrypt$560"
    )
    person(
        "A_0301", 561, kind="staff", last_seen_on=date(2023, 3, 1), username="velo561", pw_hash="bcrypt$561"
    )
    person("A_never_seen", 562, kind="staff", last_seen_on=None, username="velo562", pw_hash="bcrypt$562")
    p = person(
        "A_and_K",
        563,
        kind="alumni",
        loyalty_tier="bronze",
        last_seen_on=date(2022, 1, 1),
        username="velo563",
        pw_hash="bcrypt$563",
    )
    purchase(p, 564, date(2024, 11, 1))
    visit(p, dt(2023, 1, 1, 8, 0, 0))
    person(
        "A_kind_null_old_login",
        566,
        kind=None,
        last_seen_on=date(2021, 1, 1),  # RA has no `where`
        username="velo566",
        pw_hash="bcrypt$566",
    )
    person(
        "NO_DATES_AT_ALL",
        565,
        kind="member",
        signed_up_on=None,
        last_seen_on=None,
        birth_date=None,
        email=None,
        phone=None,
        city=None,
        zip=None,
    )

    # ---- a few hundred random subjects -------------------------------------------------------
    lo, hi = date(2018, 1, 1), AS_OF
    purchase_no = 1000
    emails: list[str] = []
    for i in range(N_RANDOM):
        n = 1000 + 3 * i
        kind = rng.choices(["lead", "member", "alumni", "staff", None], [35, 30, 25, 5, 5])[0]
        v = person_defaults(n, rng)
        v["kind"] = kind
        v["signed_up_on"] = None if rng.random() < 0.07 else rand_date(rng, lo, hi)
        v["last_seen_on"] = None if rng.random() < 0.45 else rand_date(rng, date(2020, 1, 1), hi)
        if v["last_seen_on"] is not None or rng.random() < 0.5:  # every RA candidate has something to treat
            v["username"], v["pw_hash"] = f"user{n}", f"bcrypt${rng.getrandbits(40):x}"
        r = rng.random()
        if r < 0.08:
            v["email"] = None
        elif r < 0.14 and emails:
            v["email"] = "  " + rng.choice(emails).upper() + " "
        else:
            emails.append(v["email"])
        if rng.random() < 0.2:
            v["phone"] = None
        if rng.random() < 0.1:
            v["city"], v["zip"] = None, None
        if rng.random() < 0.25:
            v["birth_date"] = None
        # every RK candidate (alumni) has marketing data to treat
        v["loyalty_tier"] = (
            rng.choice(["bronze", "silver", "gold"]) if kind == "alumni" or rng.random() < 0.5 else None
        )
        v["interests"] = rng.choice(["vtt", "gravel, route", "cyclotourisme"]) if rng.random() < 0.5 else None
        crm.add("people", **v)

        for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
            visit(
                n,
                rand_dt(rng, date(2019, 1, 1), hi),
                channel=rng.choice(["web", "shop", "phone", "newsletter_open", None]),
                by=rng.choice(["person", "person", "us", None]),
            )
        n_purch = (
            rng.choice([0, 1, 1, 2, 3]) if kind in ("member", "alumni") else (1 if rng.random() < 0.15 else 0)
        )
        for _ in range(n_purch):
            purchase_no += 2  # overlaps the person_no range on purpose
            placed = rand_date(rng, date(2019, 1, 1), hi)
            purchase(
                n, purchase_no, placed, promo=None if rng.random() < 0.3 else rng.choice(["VELO10", "ETE24"])
            )
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                shipped = (
                    None if rng.random() < 0.15 else min(hi, placed + timedelta(days=rng.randint(0, 400)))
                )
                line(purchase_no, shipped, status=rng.choice(["shipped", "shipped", "returned", "cancelled"]))
            if rng.random() < 0.3:
                memo("purchase", purchase_no)
        if kind in ("member", "alumni"):
            for _ in range(rng.choice([0, 1, 1, 2])):
                started = rand_date(rng, date(2018, 1, 1), date(2024, 6, 1))
                ends = None if (kind == "member" and rng.random() < 0.2) else started + timedelta(days=365)
                sub(n, started, ends)
        for _ in range(rng.choice([0, 1, 1, 2])):
            optin(n)
        for _ in range(rng.choice([0, 0, 1, 2])):
            memo("person", n)
    people_nos = [r["person_no"] for r in crm.rows["people"]]
    for _ in range(20):
        memo("supplier", rng.choice(people_nos))
    return crm


# --------------------------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------------------------


def add_period(start: date, period: str) -> date:
    """docs/policy.md calendar convention: calendar units, missing day clamped to month end."""
    n, unit = int(period[:-1]), period[-1]
    if unit == "d":
        return start + timedelta(days=n)
    months = n * 12 if unit == "y" else n
    assert unit in "ym", period
    m0 = start.month - 1 + months
    y, m = start.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


def as_date(v: Any) -> date:
    return v.date() if isinstance(v, datetime) else v


class PZ:  # an hmac pseudonym of a non-NULL original
    def __repr__(self) -> str:
        return "<pz:...>"


class SET:  # a marker timestamp that must have been set
    def __repr__(self) -> str:
        return "<marker set>"


DELETED = "<deleted>"


class Oracle:
    def __init__(self, policy: dict[str, Any], crm: Crm, as_of: date) -> None:
        self.policy, self.crm, self.as_of = policy, crm, as_of
        self.tables = policy["tables"]
        self.subject_table = policy["subject"]["table"]
        self.subject_key = policy["subject"]["key"]
        self.index = {
            t: {r[self.tables[t].get("key", "id")]: r for r in rows} for t, rows in crm.rows.items()
        }
        self.purposes = {p["id"]: p for p in policy["purposes"]}
        self.rows_by_subject: dict[str, dict[Any, list[dict[str, Any]]]] = {}
        for t, rows in crm.rows.items():
            by: dict[Any, list[dict[str, Any]]] = {}
            for r in rows:
                s = self.subject_of(t, r)
                if s is not None:
                    by.setdefault(s, []).append(r)
            self.rows_by_subject[t] = by
        self.reached: dict[str, set[Any]] = {}
        self.missing: dict[str, set[Any]] = {}
        self._evaluate()

    def subject_of(self, table: str, row: dict[str, Any] | None) -> Any:
        if row is None:
            return None
        link = self.tables[table]["link"]
        if link.get("subject"):
            return row[self.subject_key]
        if "fk" in link:
            v = row[link["fk"]]
            return v if v in self.index[self.subject_table] else None
        if "via" in link:
            col, parent = (x.strip() for x in link["via"].split("->"))
            return self.subject_of(parent, self.index[parent].get(row[col]))
        poly = link["polymorphic"]
        parent = poly["parents"].get(row[poly["type_column"]])
        if parent is None:
            return None
        return self.subject_of(parent, self.index[parent].get(row[poly["id_column"]]))

    def parent_of(self, table: str, row: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        link = self.tables[table]["link"]
        if "via" in link:
            col, parent = (x.strip() for x in link["via"].split("->"))
        elif "polymorphic" in link:
            poly = link["polymorphic"]
            parent = poly["parents"].get(row[poly["type_column"]])
            col = poly["id_column"]
            if parent is None:
                return None
        else:
            return None
        prow = self.index[parent].get(row[col])
        return (parent, prow) if prow is not None else None

    def clock(self, rule: dict[str, Any], s: Any) -> tuple[bool, list[date]]:
        is_open, dates = False, []
        for e in rule["clock"]:
            for r in self.rows_by_subject[e["table"]].get(s, []):
                if any(r[c] not in vals for c, vals in (e.get("where") or {}).items()):
                    continue
                if any(r[c] in vals for c, vals in (e.get("exclude") or {}).items()):
                    continue
                v = r[e["column"]]
                if v is None:
                    is_open = is_open or bool(e.get("open_when_null"))
                    continue
                dates.append(as_date(v))
        return is_open, dates

    def _evaluate(self) -> None:
        erased: set[Any] = set()
        for rule in self.policy["rules"]:
            period = self.purposes[rule["purpose"]]["retention"]
            reached, missing = set(), set()
            for person in self.crm.rows[self.subject_table]:
                s = person[self.subject_key]
                if s in erased:
                    continue
                if any(person[c] not in vals for c, vals in (rule.get("where") or {}).items()):
                    continue
                is_open, dates = self.clock(rule, s)
                if is_open:
                    continue
                if not dates:
                    if rule.get("on_missing_date", "report") == "report":
                        missing.add(s)
                    continue
                if self.as_of >= add_period(max(dates), period):
                    reached.add(s)
            self.reached[rule["id"]] = reached
            self.missing[rule["id"]] = missing
            if rule["scope"].get("all"):
                erased |= reached
        self.erased = erased
        self.cats: dict[Any, set[str]] = {}
        for rule in self.policy["rules"]:
            if not rule["scope"].get("all"):
                for s in self.reached[rule["id"]]:
                    self.cats.setdefault(s, set()).update(rule["scope"]["categories"])

    @staticmethod
    def column_action(spec: dict[str, Any], value: Any) -> Any:
        action, params = spec["action"], spec.get("params") or {}
        if action == "keep":
            return value
        if action == "null":
            return None
        if action == "redact":
            return params.get("value", "(supprimé)")
        if action == "hmac":
            if value is None or str(value).startswith("pz:"):
                return value
            return PZ()
        if action == "generalise":
            if value is None:
                return None
            if params["to"] == "year":
                return date(value.year, 1, 1)
            if params["to"] == "departement":
                return value[:3] if value.startswith("97") else value[:2]
        raise AssertionError(f"oracle does not know {spec}")

    def expected(self) -> dict[str, dict[Any, Any]]:
        out: dict[str, dict[Any, Any]] = {}
        # parents before children, so that a row can look at its parent's fate
        order = [self.subject_table] + [t for t in self.tables if t != self.subject_table]
        order.sort(
            key=lambda t: (
                1 if ("via" in self.tables[t]["link"] or "polymorphic" in self.tables[t]["link"]) else 0
            )
        )
        for t in order:
            spec = self.tables[t]
            key = spec.get("key", "id")
            cols = spec.get("columns") or {}
            res: dict[Any, Any] = {}
            for row in self.crm.rows[t]:
                s = self.subject_of(t, row)
                parent = self.parent_of(t, row)
                if (
                    parent is not None
                    and out[parent[0]].get(parent[1][self.tables[parent[0]].get("key", "id")]) == DELETED
                ):
                    res[row[key]] = DELETED
                    continue
                full = s in self.erased
                cats = self.cats.get(s, set())
                if s is None or (not full and not cats):
                    res[row[key]] = dict(row)
                    continue
                row_in_scope = full or spec["category"] in cats
                if row_in_scope and spec["row_action"] == "delete":
                    res[row[key]] = DELETED
                    continue
                new = dict(row)
                for c, cspec in cols.items():
                    if (row_in_scope and spec["row_action"] == "anonymise") or cspec["category"] in cats:
                        new[c] = self.column_action(cspec, row[c])
                if row_in_scope and spec["row_action"] == "anonymise" and spec.get("marker"):
                    new[spec["marker"]] = SET()
                res[row[key]] = new
            out[t] = res
        return out


# --------------------------------------------------------------------------------------------
# Expected fate of the edge subjects, derived by hand (checks the oracle itself)
# --------------------------------------------------------------------------------------------

EDGE_EXPECT: dict[str, dict[str, bool]] = {
    "L_cutoff_exact": {"RL": True},
    "L_cutoff_plus1": {"RL": False},
    "L_visit_2359_on_cutoff": {"RL": True},
    "L_visit_midnight_after": {"RL": False},
    "L_young_newsletter_open": {"RL": True},
    "L_young_channel_null": {"RL": False},
    "L_young_by_us": {"RL": True},
    "L_young_initiator_null": {"RL": True},
    "L_no_dates": {"RL": False},
    "L_only_filtered_dates": {"RL": False},
    "L_dup_email_a": {"RL": True},
    "L_dup_email_b": {"RL": True},
    "L_doc_example_0630": {"RL": False},
    "L_doc_example_0701": {"RL": False},
    "L_kind_null_old": {"RL": False, "RM": False, "RK": False},
    "L_leap_birth_overseas": {"RL": True},
    "A_erased_by_RL": {"RL": True, "RA": False},
    "M_clamp_0831": {"RM": True},
    "M_0901": {"RM": False},
    "M_via_only_young": {"RM": False},
    "M_sibling_old": {"RM": True},
    "M_cancelled_young_line": {"RM": True},
    "M_null_ship_young_purchase_old": {"RM": True},
    "M_open_subscription": {"RM": False},
    "M_no_dates": {"RM": False},
    "M_young_visit_by_us": {"RM": True},
    "M_line_on_clamp": {"RM": True},
    "M_line_day_after_clamp": {"RM": False},
    "K_leap_visit": {"RM": False, "RK": True},
    "K_0301": {"RM": False, "RK": False},
    "K_no_visits": {"RM": False, "RK": False},
    "K_erased_by_RM": {"RM": True, "RK": False},
    "A_exact": {"RA": True},
    "A_0301": {"RA": False},
    "A_never_seen": {"RA": False},
    "A_and_K": {"RM": False, "RK": True, "RA": True},
    "A_kind_null_old_login": {"RL": False, "RM": False, "RK": False, "RA": True},
    "NO_DATES_AT_ALL": {"RL": False, "RM": False, "RK": False, "RA": False},
}
EDGE_MISSING = {
    "L_no_dates": "RL",
    "L_only_filtered_dates": "RL",
    "M_no_dates": "RM",
    "K_no_visits": "RK",
    "NO_DATES_AT_ALL": "RM",
}
EDGE_MEMOS = {  # memo label -> expected fate
    "memo_on_RL_person": "anonymised",
    "memo_on_RL_purchase": "deleted",
    "memo_on_kept_purchase": "untouched",
    "memo_on_erased_purchase": "deleted",
    "memo_on_erased_person": "anonymised",
    "memo_purchase_530_kept": "untouched",
    "memo_person_524_kept": "untouched",
    "memo_supplier_same_id": "untouched",
    "memo_orphan": "untouched",
    "memo_on_RK_person": "anonymised",
    "memo_on_RK_purchase": "anonymised",
}


@pytest.fixture(scope="module")
def crm_data() -> Crm:
    return build_crm()


@pytest.fixture(scope="module")
def oracle(crm_data: Crm) -> Oracle:
    return Oracle(POLICY, crm_data, AS_OF)


def test_oracle_agrees_with_hand_derived_edges(crm_data: Crm, oracle: Oracle) -> None:
    """Not a product test: the oracle must agree with the cases worked out by hand."""
    for label, exp in EDGE_EXPECT.items():
        s = crm_data.edges[label]
        for rule, want in exp.items():
            assert (s in oracle.reached[rule]) is want, (label, rule)
    for label, rule in EDGE_MISSING.items():
        assert crm_data.edges[label] in oracle.missing[rule], label
    assert crm_data.edges["NO_DATES_AT_ALL"] not in oracle.missing["RA"]  # skip
    exp = oracle.expected()["memos"]
    for label, fate in EDGE_MEMOS.items():
        mid = crm_data.edge_memos[label]
        got = exp[mid]
        kind = (
            "deleted"
            if got == DELETED
            else "anonymised"
            if isinstance(got["scrubbed_on"], SET)
            else "untouched"
        )
        assert kind == fate, label
    # sanity: every rule reaches a fair number of subjects, and some are kept
    for r in RULE_IDS:
        assert 10 <= len(oracle.reached[r]) <= 200, (r, len(oracle.reached[r]))


# --------------------------------------------------------------------------------------------
# Backends and the runs
# --------------------------------------------------------------------------------------------


def _unreachable(msg: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


class Backend:
    def __init__(self, name: str, tmp: Path) -> None:
        self.name, self.tmp = name, tmp
        self.admin: sa.Engine | None = None
        self.dbname: str | None = None
        if name == "sqlite":
            self.url = f"sqlite:///{tmp / 'crm.db'}"
            return
        var = {"postgresql": "CRM_PRIVACY_TEST_POSTGRES_URL", "mariadb": "CRM_PRIVACY_TEST_MYSQL_URL"}[name]
        base = os.environ.get(var)
        if not base:
            _unreachable(f"{var} is not set")
        u = make_url(base)
        self.dbname = f"crm_indep_{uuid.uuid4().hex[:10]}"
        try:
            if name == "postgresql":
                try:
                    self.admin = sa.create_engine(u, isolation_level="AUTOCOMMIT")
                    with self.admin.connect():
                        pass
                except sa.exc.OperationalError:
                    self.admin = sa.create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
                with self.admin.connect() as c:
                    c.execute(sa.text(f'CREATE DATABASE "{self.dbname}"'))
            else:
                self.admin = sa.create_engine(u.set(database=None), isolation_level="AUTOCOMMIT")
                with self.admin.connect() as c:
                    c.execute(
                        sa.text(f"CREATE DATABASE `{self.dbname}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
                    )
        except sa.exc.OperationalError as exc:
            _unreachable(
                f"{name} unreachable at {u.render_as_string(hide_password=True)}: {exc.__class__.__name__}"
            )
        self.url = u.set(database=self.dbname).render_as_string(hide_password=False)

    def drop(self) -> None:
        if self.admin is None or self.dbname is None:
            return
        with self.admin.connect() as c:
            if self.name == "postgresql":
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)'))
            else:
                c.execute(sa.text(f"DROP DATABASE IF EXISTS `{self.dbname}`"))
        self.admin.dispose()


def snapshot(engine: sa.Engine) -> dict[str, dict[Any, dict[str, Any]]]:
    out = {}
    with engine.connect() as c:
        for t in TABLES:
            pk = t.c[PK[t.name]]
            out[t.name] = {r[pk.name]: dict(r) for r in c.execute(sa.select(t).order_by(pk)).mappings()}
    return out


def cli() -> str:
    exe = Path(sys.executable).parent / "crm-privacy"
    return str(exe) if exe.exists() else (shutil.which("crm-privacy") or "crm-privacy")


@dataclass
class Sweep:
    rc: int
    stdout: str
    stderr: str
    summary: dict[str, Any] | None
    keys: dict[str, set[str]]


def run_sweep(
    url: str,
    policy: Path,
    ledger: str,
    workdir: Path,
    reports: Path,
    as_of: date = AS_OF,
    command: str = "sweep",
) -> Sweep:
    env = dict(os.environ)
    env.setdefault("CRM_PRIVACY_HMAC_KEY", "0123456789abcdef0123456789abcdef")
    env["CRM_PRIVACY_REPORTS_DIR"] = str(reports)
    extra = ["--max-share", "1"] if command == "sweep" else []
    proc = subprocess.run(
        [
            cli(),
            command,
            "--policy",
            str(policy),
            "--crm",
            url,
            "--ledger",
            ledger,
            "--as-of",
            as_of.isoformat(),
            *extra,
            "--json",
            "--workdir",
            str(workdir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    summary = None
    with contextlib.suppress(ValueError):
        summary = json.loads(proc.stdout)
    keys: dict[str, set[str]] = {}
    if summary and summary.get("run_id"):
        run_dir = workdir / summary["run_id"]
        for r in RULE_IDS:
            f = run_dir / f"keys_{r}.txt"
            if f.exists():
                keys[r] = {x.strip() for x in f.read_text().splitlines() if x.strip()}
    return Sweep(proc.returncode, proc.stdout, proc.stderr[-4000:], summary, keys)


@dataclass
class Run:
    backend: str
    before: dict[str, dict[Any, dict[str, Any]]]
    after1: dict[str, dict[Any, dict[str, Any]]]
    after2: dict[str, dict[Any, dict[str, Any]]]
    sweep1: Sweep
    sweep2: Sweep
    plans: dict[date, Sweep]


BACKENDS = ["sqlite", "postgresql", "mariadb"]
# Other run dates, planned (dry) before the first sweep: the docs' own example date, a leap day, a
# month end after a 31-day month, and the day before AS_OF.
OTHER_DATES = [date(2025, 6, 30), date(2024, 2, 29), date(2025, 3, 31), date(2025, 2, 27)]


@pytest.fixture(scope="module", params=BACKENDS)
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, crm_data: Crm) -> Run:
    tmp = tmp_path_factory.mktemp(f"indep_{request.param}")
    backend = Backend(request.param, tmp)
    try:
        engine = sa.create_engine(backend.url)
        md.create_all(engine)
        with engine.begin() as c:
            for t in TABLES:
                c.execute(t.insert(), crm_data.rows[t.name])
        policy = tmp / "velo_club.yaml"
        policy.write_text(POLICY_YAML, encoding="utf-8")
        ledger = f"sqlite:///{tmp / 'ledger.db'}"
        before = snapshot(engine)
        plans = {
            d: run_sweep(backend.url, policy, ledger, tmp / f"plan_{d}", tmp / "reports", d, "plan")
            for d in OTHER_DATES
        }
        assert snapshot(engine) == before, "crm-privacy plan changed the CRM"
        s1 = run_sweep(backend.url, policy, ledger, tmp / "work1", tmp / "reports")
        after1 = snapshot(engine)
        s2 = run_sweep(backend.url, policy, ledger, tmp / "work2", tmp / "reports")
        after2 = snapshot(engine)
        engine.dispose()
        yield Run(request.param, before, after1, after2, s1, s2, plans)
    finally:
        backend.drop()


# --------------------------------------------------------------------------------------------
# Known discrepancies, found by this test (strict xfail: fixing the product makes them XPASS, so
# remove the entry then)
# --------------------------------------------------------------------------------------------

# Found by this test and fixed since (each was a strict xfail until its fix landed):
# - SQLite only: DATE clock values were compared as text with a timestamp cutoff, one day early;
# - all backends: a NULL in an earlier rule's `where` column hid the subject from later rules;
# - missing-date findings were counted for subjects an earlier scope-all rule erases in the run.
ALL = ("sqlite", "postgresql", "mariadb")
KNOWN: list[tuple[str, tuple[str, ...], str | None, str]] = [
    # (test function, backends, parameter id or None for all, reason)
]


@pytest.fixture(autouse=True)
def _known_discrepancies(request: pytest.FixtureRequest) -> None:
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or "run" not in callspec.params:
        return
    backend = callspec.params["run"]
    params = {str(v) for k, v in callspec.params.items() if k != "run"}
    reasons = [
        reason
        for fn, backends, param, reason in KNOWN
        if fn == request.node.originalname and backend in backends and (param is None or param in params)
    ]
    if reasons:
        request.applymarker(pytest.mark.xfail(reason=" | ".join(reasons), strict=True))


def _ok(s: Sweep) -> dict[str, Any]:
    assert s.rc == 0 and s.summary is not None, (
        f"sweep failed rc={s.rc}\nstdout={s.stdout[-2000:]}\nstderr={s.stderr}"
    )
    return s.summary


def _labels(crm: Crm) -> dict[int, str]:
    return {v: k for k, v in crm.edges.items()}


# --------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------


def test_data_loaded_as_generated(run: Run, crm_data: Crm) -> None:
    """Harness check: the database holds exactly the generated rows before the sweep."""
    for t in TABLES:
        want = {r[PK[t.name]]: r for r in crm_data.rows[t.name]}
        assert run.before[t.name] == want, t.name


def test_first_sweep_succeeds(run: Run) -> None:
    s = _ok(run.sweep1)
    assert s["status"] == "succeeded", s.get("status")
    assert s["dry_run"] is False
    assert s.get("post_check", {}).get("rows_left") == 0, s.get("post_check")


def test_rule_subject_counts_match_oracle(run: Run, crm_data: Crm, oracle: Oracle) -> None:
    s = _ok(run.sweep1)
    got = {r["rule_id"]: r["subjects"] for r in s["rules"]}
    want = {r: len(oracle.reached[r]) for r in RULE_IDS}
    problems = []
    labels = _labels(crm_data)
    for r in RULE_IDS:
        if got.get(r) != want[r]:
            detail = ""
            if r in run.sweep1.keys:
                keys = run.sweep1.keys[r]
                exp = {str(x) for x in oracle.reached[r]}
                missing = sorted(exp - keys, key=int)
                extra = sorted(keys - exp, key=int)
                fmt = lambda ks: [f"{k}({labels.get(int(k), 'random')})" for k in ks[:12]]  # noqa: E731
                detail = f" missing={fmt(missing)} extra={fmt(extra)}"
            problems.append(f"{r}: expected {want[r]} subjects, got {got.get(r)}{detail}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("as_of", OTHER_DATES, ids=str)
def test_plan_at_other_dates_matches_oracle(run: Run, crm_data: Crm, as_of: date) -> None:
    """`crm-privacy plan` on other run dates (before any sweep): same subjects as the oracle."""
    plan = run.plans[as_of]
    s = _ok(plan)
    oracle = Oracle(POLICY, crm_data, as_of)
    labels = _labels(crm_data)
    problems = []
    for r in s["rules"]:
        rid = r["rule_id"]
        exp = {str(x) for x in oracle.reached[rid]}
        keys = plan.keys.get(rid, set())
        if r["subjects"] != len(exp) or keys != exp:
            fmt = lambda ks: [f"{k}({labels.get(int(k), 'random')})" for k in sorted(ks, key=int)[:10]]  # noqa: E731
            problems.append(
                f"{rid}: expected {len(exp)}, got {r['subjects']}; "
                f"missing={fmt(exp - keys)} extra={fmt(keys - exp)}"
            )
    assert not problems, f"as of {as_of}:\n" + "\n".join(problems)


@pytest.mark.parametrize("label", sorted(EDGE_EXPECT))
def test_edge_subject(run: Run, crm_data: Crm, label: str) -> None:
    _ok(run.sweep1)
    s = str(crm_data.edges[label])
    wrong = []
    for rule, want in EDGE_EXPECT[label].items():
        keys = run.sweep1.keys.get(rule)
        assert keys is not None, f"no plan file keys_{rule}.txt"
        if (s in keys) is not want:
            wrong.append(
                f"{rule}: expected {'reached' if want else 'not reached'}, got {'reached' if s in keys else 'not reached'}"
            )
    assert not wrong, f"{label} (person_no {s}): " + "; ".join(wrong)


def test_missing_date_findings(run: Run, oracle: Oracle) -> None:
    s = _ok(run.sweep1)
    got = {r["rule_id"]: (r.get("findings") or {}).get("missing_date", 0) for r in s["rules"]}
    want = {r: len(oracle.missing[r]) for r in RULE_IDS}
    assert got == want


def _diff_tables(before: dict, after: dict, expected: dict[str, dict[Any, Any]]) -> list[str]:
    problems: list[str] = []
    for t in TABLES:
        name = t.name
        counts: dict[str, list[Any]] = {}
        for pk, exp in expected[name].items():
            orig = before[name][pk]
            got = after[name].get(pk)
            if exp == DELETED:
                if got is not None:
                    counts.setdefault("should be deleted, still there", []).append(pk)
                continue
            if got is None:
                counts.setdefault("deleted, should stay", []).append(pk)
                continue
            for c, v in exp.items():
                g = got[c]
                if isinstance(v, PZ):
                    ok = isinstance(g, str) and g.startswith("pz:") and g != orig[c]
                elif isinstance(v, SET):
                    ok = g is not None
                else:
                    ok = g == v and type(g) is type(v)
                if not ok:
                    counts.setdefault(f"column {c}: expected {v!r} (was {orig[c]!r}), got {g!r}", []).append(
                        pk
                    )
        extra = set(after[name]) - set(expected[name])
        if extra:
            counts.setdefault("unexpected new rows", []).extend(sorted(extra))
        for what, pks in counts.items():
            problems.append(f"{name}: {len(pks)} row(s) {what}; e.g. keys {pks[:8]}")
    return problems


def test_table_contents_after_sweep_match_oracle(run: Run, oracle: Oracle) -> None:
    _ok(run.sweep1)
    problems = _diff_tables(run.before, run.after1, oracle.expected())
    # group identical column messages across keys to keep the report readable
    assert not problems, "\n".join(problems[:60])


@pytest.mark.parametrize("label", sorted(EDGE_MEMOS))
def test_edge_memo(run: Run, crm_data: Crm, label: str) -> None:
    _ok(run.sweep1)
    mid = crm_data.edge_memos[label]
    before, after = run.before["memos"][mid], run.after1["memos"].get(mid)
    if after is None:
        got = "deleted"
    elif after == before:
        got = "untouched"
    elif after["scrubbed_on"] is not None and after["body"] == "[note retirée]":
        got = "anonymised"
    else:
        got = f"changed oddly: {after}"
    assert got == EDGE_MEMOS[label], f"memo {label} ({before['owner_kind']} {before['owner_id']})"


def test_pseudonyms_consistent(run: Run, oracle: Oracle) -> None:
    """Same normalised e-mail -> same pseudonym; different e-mails -> different pseudonyms."""
    _ok(run.sweep1)
    by_norm: dict[str, set[str]] = {}
    for s in oracle.erased:
        orig = run.before["people"][s]["email"]
        if orig is None:
            continue
        got = run.after1["people"][s]["email"]
        by_norm.setdefault(orig.strip().lower(), set()).add(got)
    assert any(len(v) == 1 and k == "anais.martin@exemple.fr" for k, v in by_norm.items())
    split = {k: v for k, v in by_norm.items() if len(v) != 1}
    assert not split, f"one e-mail, several pseudonyms: {list(split.items())[:5]}"
    pz = [next(iter(v)) for v in by_norm.values()]
    assert len(set(pz)) == len(pz), "two different e-mails share a pseudonym"


def test_summary_row_counts_match_changes(run: Run) -> None:
    """The evidence must match what happened: rows planned for delete = rows that disappeared,
    rows planned for anonymise = rows whose marker got set."""
    s = _ok(run.sweep1)
    planned: dict[tuple[str, str], int] = {}
    for r in s["rules"]:
        for t in r.get("tables", []):
            planned[(t["table"], t["action"])] = planned.get((t["table"], t["action"]), 0) + t["rows"]
    problems = []
    for t in TABLES:
        gone = len(set(run.before[t.name]) - set(run.after1[t.name]))
        if planned.get((t.name, "delete"), 0) != gone:
            problems.append(
                f"{t.name}: summary says delete {planned.get((t.name, 'delete'), 0)}, {gone} rows disappeared"
            )
    for t, marker in (("people", "redacted_on"), ("memos", "scrubbed_on")):
        marked = sum(
            1
            for pk, r in run.after1[t].items()
            if r[marker] is not None and run.before[t][pk][marker] is None
        )
        if planned.get((t, "anonymise"), 0) != marked:
            problems.append(
                f"{t}: summary says anonymise {planned.get((t, 'anonymise'), 0)}, {marked} rows got the marker"
            )
    assert not problems, "\n".join(problems)


def test_second_sweep_same_date_finds_nothing_and_changes_nothing(run: Run) -> None:
    _ok(run.sweep1)
    s = _ok(run.sweep2)
    got = {r["rule_id"]: r["subjects"] for r in s["rules"]}
    assert got == {r: 0 for r in RULE_IDS}, got
    assert s.get("rows_affected", 0) == 0, s.get("tables_affected")
    changed = [
        f"{t.name}: {len(set(run.after1[t.name]) ^ set(run.after2[t.name]))} rows added/removed, "
        f"{sum(1 for k in run.after1[t.name] if k in run.after2[t.name] and run.after1[t.name][k] != run.after2[t.name][k])} rows changed"
        for t in TABLES
        if run.after1[t.name] != run.after2[t.name]
    ]
    assert not changed, "\n".join(changed)
