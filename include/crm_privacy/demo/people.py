"""Contacts of the demo CRM, one block at a time, with every child row that hangs off them.

A block of contacts is generated from its own ``random.Random`` seeded with (seed, first id), so a block
never depends on the previous one's random state and the data do not depend on the database chunk size.

E-mails are unique except where a profile wants a duplicate: B2C addresses end with the contact id
(``claire.dupont4821@orange.fr``), B2B ones are ``prenom.nom@<company domain>`` and company domains
are distinct, so only true homonyms in the same company collide (a handful per million, like real
CRMs); ``prospect_reimport`` contacts repeat the previous contact's e-mail with other case and spaces.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from crm_privacy.demo import commerce
from crm_privacy.demo import identifiers as ident
from crm_privacy.demo.activity import consents, interactions
from crm_privacy.demo.companies import company_identity, random_person
from crm_privacy.demo.context import FastRandom, Rows, Run, between
from crm_privacy.demo.notes_text import Person, business_note, pii_note
from crm_privacy.demo.pools import PREFERENCES, SEGMENTS_B2B, SEGMENTS_B2C
from crm_privacy.demo.profiles import Plan, draw_profile, make_plan

_BIRTH_FROM = datetime(1940, 1, 1)
_BIRTH_TO = datetime(2005, 12, 31)
_PHONE_STYLE_WEIGHTS = (50, 10, 20, 10, 5, 5)  # spaces, dots, bare, +33 spaced, +33 bare, dashes
_PHONE_STYLES = tuple(range(len(_PHONE_STYLE_WEIGHTS)))
_B2C_FORMATS = ("{f}.{l}{n}", "{f}{l}{n}", "{i}{l}{n}", "{l}.{f}{n}", "{f}_{l}{n}")


def _phone(r: random.Random, digits: str) -> str:
    return ident.format_phone(digits, r.choices(_PHONE_STYLES, _PHONE_STYLE_WEIGHTS)[0])


def _reimported(r: random.Random, email: str) -> str:
    """The same address as typed in a purchased file: other capitalisation, stray spaces."""
    roll = r.randrange(3)
    local, _, domain = email.partition("@")
    if roll == 0:
        mangled = email.upper()
    elif roll == 1:
        mangled = ".".join(part.capitalize() for part in local.split(".")) + "@" + domain.capitalize()
    else:
        mangled = local.capitalize() + "@" + domain.upper()
    return r.choice((" ", "", "  ")) + mangled + r.choice((" ", "\t", " "))


def _last_login(r: random.Random, run: Run, plan: Plan) -> datetime | None:
    tl, p = run.timeline, plan.profile
    roll = r.random()
    if p == "customer_active":
        if roll < 0.35:
            return between(r, tl.login_cutoff + tl.MARGIN, tl.now)
        old_from = max(plan.start, tl.now - timedelta(days=6 * 365))
        if roll < 0.6 and old_from < tl.login_cutoff - tl.MARGIN:  # inactive account (R4)
            return between(r, old_from, tl.login_cutoff - tl.MARGIN)
        return None
    share = 0.5 if plan.rel_start else 0.08 if plan.active_end < tl.now else 0.15
    return between(r, plan.start, plan.active_end) if roll < share else None


def contact_block(run: Run, first_id: int, count: int, rows: Rows) -> None:
    """Append contacts ``first_id .. first_id+count-1`` and their child rows to ``rows``."""
    r = FastRandom(f"{run.seed}:contacts:{first_id}")
    pools, tl = run.pools, run.timeline
    prev: Person | None = None
    for cid in range(first_id, first_id + count):
        profile = draw_profile(r)
        if profile == "prospect_reimport" and (prev is None or prev.email is None):
            profile = "prospect_recent"
        plan = make_plan(r, tl, profile)
        company_id = r.randrange(1, run.companies + 1) if r.random() < 0.55 else None
        company_name = domain = None
        if company_id is not None:
            company_name, domain = company_identity(pools, run.seed, company_id)
        male = r.random() < 0.5
        fi = r.randrange(len(pools.male_first if male else pools.female_first))
        li = r.randrange(len(pools.last))
        first = (pools.male_first if male else pools.female_first)[fi]
        f = (pools.male_first_slug if male else pools.female_first_slug)[fi]
        last, lslug = pools.last[li], pools.last_slug[li]
        email: str | None
        if prev is not None and profile == "prospect_reimport":
            male, first, last = prev.male, prev.first, prev.last
            email = _reimported(r, prev.email or "")
        elif r.random() < 0.03:
            email = None
        elif domain is not None:
            email = f"{f}.{lslug}@{domain}"
        else:
            fmt = r.choice(_B2C_FORMATS)
            domain_c = r.choices(pools.b2c_domains, pools.b2c_domain_weights)[0]
            email = fmt.format(f=f, l=lslug, i=f[0], n=cid) + "@" + domain_c
        postcode, city = r.choice(pools.places)
        person = Person(
            male=male,
            first=first,
            last=last,
            email=email,
            mobile=ident.mobile_digits(r),
            phone=ident.landline_digits(r),
            street=f"{r.randrange(1, 150)} {r.choice(pools.streets)}",
            postcode=postcode,
            city=city,
            birth=between(r, _BIRTH_FROM, _BIRTH_TO).date(),
        )
        has_address = r.random() < 0.8
        customer = plan.rel_start is not None
        rows["contacts"].append(
            (
                cid,
                company_id,
                f"CLI-{cid:07d}" if customer else None,
                None if r.random() < 0.03 else ("M." if male else "Mme"),
                first,
                last,
                email,
                _phone(r, person.phone) if r.random() < (0.75 if company_id else 0.4) else None,
                _phone(r, person.mobile) if r.random() < 0.7 else None,
                person.street if has_address else None,
                postcode if has_address else None,
                city if has_address else None,
                person.birth if r.random() < (0.2 if company_id else 0.5) else None,
                r.choice(pools.jobs) if r.random() < (0.9 if company_id else 0.25) else None,
                "achat_fichier" if profile == "prospect_reimport" else r.choices(pools.sources, pools.source_weights)[0],
                plan.status,
                None if r.random() < 0.1 else r.choice(SEGMENTS_B2B if company_id else SEGMENTS_B2C),
                None if customer and r.random() < 0.5 else r.randrange(0, 101),
                None if r.random() < 0.5 else ";".join(r.sample(PREFERENCES, r.randrange(1, 4))),
                plan.created,
                _last_login(r, run, plan),
            )
        )  # fmt: skip
        interactions(r, run, cid, plan, rows)
        consents(r, run, cid, plan, rows)
        bill = commerce.Billing(
            company_id,
            company_name,
            company_name or f"{'M.' if male else 'Mme'} {first} {last}",
            f"{person.street}, {postcode} {city}" if has_address else None,
            email.strip() if email else None,
        )
        if customer:
            commerce.contracts(r, run, cid, plan, bill, rows)
            commerce.orders(r, run, cid, plan, bill, rows)
        commerce.opportunities(r, run, cid, plan, bill, person, rows)
        for _ in range(r.choices((0, 1, 2, 3), (35, 40, 20, 5))[0]):
            when = between(r, plan.start, plan.active_end)
            if r.random() < 0.55:
                body = pii_note(r, person, random_person(r, pools))
            else:
                body = business_note(r, when.date())
            rows["notes"].append(
                (run.ids.take("notes"), "contact", cid, r.choice(pools.employees), body, when)
            )
        prev = person
