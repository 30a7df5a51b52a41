"""Companies of the demo CRM, and the company identity (name, web domain) as a pure function of its id.

Contacts are generated long after their company, in other chunks; deriving the name and domain from
the id (a bijective shuffle over "<last name> <activity>" / "<last name> et <last name>") lets a
contact's e-mail use its employer's domain without keeping all companies in memory, and makes every
domain distinct, so B2B e-mails ``prenom.nom@domaine.fr`` of different companies never collide.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from functools import lru_cache

from crm_privacy.demo import identifiers as ident
from crm_privacy.demo.context import FastRandom, Rows, Run, between
from crm_privacy.demo.notes_text import Person, business_note, company_comment, pii_note
from crm_privacy.demo.pools import ACTIVITY_WORDS, LEGAL_FORMS, SECTORS, SIZE_BANDS, Pools

# Birth dates of third parties: adults born 1945..2000 (fixed, independent of the run date).
_BIRTH_FROM = datetime(1945, 1, 1)
_BIRTH_TO = datetime(2000, 12, 31)


_ACTIVITY_SLUGS = tuple(ident.ascii_slug(word, "-") for word in ACTIVITY_WORDS)


@lru_cache(maxsize=8)
def _multiplier(combos: int) -> int:
    """A multiplier coprime with ``combos``: ``k -> k*m mod combos`` is then a bijection."""
    mult = 1_000_003
    while math.gcd(mult, combos) != 1:
        mult += 2
    return mult


def company_identity(pools: Pools, seed: int, company_id: int) -> tuple[str, str]:
    """(display name, web domain) of a company; distinct domains for distinct ids."""
    n_last, n_words = len(pools.last), len(ACTIVITY_WORDS)
    width = n_words + n_last
    combos = n_last * width
    k, rep = (company_id - 1) % combos, (company_id - 1) // combos
    p = (k * _multiplier(combos) + seed * 7919) % combos
    first, second = divmod(p, width)
    if second < n_words:
        name = f"{pools.last[first]} {ACTIVITY_WORDS[second]}"
        slug = f"{pools.last_dash[first]}-{_ACTIVITY_SLUGS[second]}"
    else:
        name = f"{pools.last[first]} et {pools.last[second - n_words]}"
        slug = f"{pools.last_dash[first]}-et-{pools.last_dash[second - n_words]}"
    form = LEGAL_FORMS[p % len(LEGAL_FORMS)]
    domain = slug + (str(rep + 1) if rep else "") + ".fr"
    return (f"{name} {form}" if form else name), domain


def random_person(r: random.Random, pools: Pools) -> Person:
    """Someone who is not a contact (a manager, a referrer): only appears inside free text."""
    male = r.random() < 0.5
    first = r.choice(pools.male_first if male else pools.female_first)
    postcode, city = r.choice(pools.places)
    return Person(
        male=male,
        first=first,
        last=r.choice(pools.last),
        email=None,
        mobile=ident.mobile_digits(r),
        phone=ident.landline_digits(r),
        street=f"{r.randrange(1, 120)} {r.choice(pools.streets)}",
        postcode=postcode,
        city=city,
        birth=between(r, _BIRTH_FROM, _BIRTH_TO).date(),
    )


def company_block(run: Run, first_id: int, count: int, rows: Rows) -> None:
    """Append companies ``first_id .. first_id+count-1`` (and their notes) to ``rows``."""
    r = FastRandom(f"{run.seed}:companies:{first_id}")
    pools, tl = run.pools, run.timeline
    out, notes = rows["companies"], rows["notes"]
    for cid in range(first_id, first_id + count):
        name, domain = company_identity(pools, run.seed, cid)
        postcode, city = r.choice(pools.places)
        siren = ident.siren(r)
        created = between(r, tl.history_start - timedelta(days=5 * 365), tl.now - timedelta(days=1))
        manager = random_person(r, pools)
        out.append(
            (
                cid,
                name,
                siren,
                ident.siret(r, siren),
                r.choice(SECTORS),
                r.choice(SIZE_BANDS),
                f"{r.randrange(1, 250)} {r.choice(pools.streets)}",
                postcode,
                city,
                ident.format_phone(ident.landline_digits(r), 0),
                f"https://www.{domain}",
                company_comment(r, manager),
                created,
            )
        )
        for _ in range(r.choice((0, 0, 0, 1, 1, 2))):  # ~0.7 notes per company
            when = between(r, created, tl.now)
            body = pii_note(r, manager, random_person(r, pools)) if r.random() < 0.4 else None
            notes.append(
                (
                    run.ids.take("notes"),
                    "company",
                    cid,
                    r.choice(pools.employees),
                    body or business_note(r, when.date()),
                    when,
                )
            )
