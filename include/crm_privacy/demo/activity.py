"""Interactions and consents of one contact, placed in the windows of its profile.

Interactions are of two families. *Passive* ones are our campaign e-mails (``sent``) and the opens
they trigger (``open``), direction ``outbound``: they never reset a retention clock, so they may fall
anywhere up to D. *Active* ones (clicks, replies, forms, calls, meetings) are placed before
``plan.active_end``; even the ambiguous ones (our outbound calls, meetings) respect that limit, so
the expected classification does not depend on how a rule engine reads them.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from functools import lru_cache

from crm_privacy.demo.context import Rows, Run, between
from crm_privacy.demo.notes_text import MONTHS
from crm_privacy.demo.pools import PRODUCTS
from crm_privacy.demo.profiles import Plan

# (kind, direction, email_event, weight) of active events
_ACTIVE = (
    ("email", "inbound", "click", 25),
    ("email", "inbound", "reply", 12),
    ("call", "inbound", None, 15),
    ("call", "outbound", None, 18),
    ("meeting", "outbound", None, 7),
    ("meeting", "inbound", None, 5),
    ("form", "inbound", None, 18),
)
_ACTIVE_WEIGHTS = tuple(w for *_, w in _ACTIVE)
# Events that unambiguously come from the person (used to force a clock reset).
_RESETTING = (_ACTIVE[0], _ACTIVE[1], _ACTIVE[2], _ACTIVE[6])

_SUBJECTS = {
    "call": ("Appel de qualification", "Appel de suivi", "Rappel suite devis", "Demande d'information"),
    "meeting": ("Démonstration produit", "Rendez-vous commercial", "Point annuel", "Visite sur site"),
    "form": ("Formulaire de contact site web", "Demande de documentation", "Inscription webinaire"),
}

PURPOSES = ("newsletter", "partners", "phone_prospecting")
_CHANNELS = {"newsletter": ("email",), "partners": ("email", "sms"), "phone_prospecting": ("phone",)}
_MECHANISMS = ("checkbox", "double_opt_in", "oral_recorded")
_MECHANISM_WEIGHTS = (50, 35, 15)
_COLLECTION_POINTS = (
    "https://www.exemple-crm.fr/newsletter/inscription",
    "https://www.exemple-crm.fr/compte/creation",
    "https://www.exemple-crm.fr/jeu-concours",
    "formulaire papier salon {year}",
    "enregistrement appel REC-{year}-{n}",
    "import lot IMP-{year}-{n} (courtier partenaire)",
)


def campaign_subject(r: random.Random, when: datetime) -> str:
    roll = r.randrange(4)
    if roll == 0:
        return f"Newsletter {MONTHS[when.month - 1]} {when.year}"
    if roll == 1:
        return f"Offre spéciale : {r.choice(PRODUCTS)[1]}"
    if roll == 2:
        return f"Invitation webinaire {MONTHS[when.month - 1]}"
    return f"Nouveautés {when.year} - découvrez nos offres"


def _passive(
    r: random.Random, run: Run, cid: int, start: datetime, end: datetime, rows: Rows, event: str = ""
) -> None:
    when = between(r, start, end)
    event = event or ("sent" if r.random() < 0.6 else "open")
    subject = campaign_subject(r, when)
    rows["interactions"].append(
        (run.ids.take("interactions"), cid, "email", "outbound", event, when, subject)
    )


def _active(
    r: random.Random,
    run: Run,
    cid: int,
    start: datetime,
    end: datetime,
    rows: Rows,
    choices: tuple[tuple[str, str, str | None, int], ...] = (),
) -> None:
    """One active event; ``choices`` restricts the kinds (uniformly), default is the weighted mix."""
    kind, direction, event, _ = r.choice(choices) if choices else r.choices(_ACTIVE, _ACTIVE_WEIGHTS)[0]
    when = between(r, start, end)
    if kind == "email":
        subject = campaign_subject(r, when)
        subject = "RE: " + subject if event == "reply" else subject
    else:
        subject = r.choice(_SUBJECTS[kind])
    rows["interactions"].append((run.ids.take("interactions"), cid, kind, direction, event, when, subject))


def interactions(r: random.Random, run: Run, cid: int, plan: Plan, rows: Rows) -> None:
    """~4 interactions per contact overall (customers also get one 'purchase' per order, elsewhere)."""
    tl, p = run.timeline, plan.profile
    now, after_cutoff = tl.now, tl.prospect_cutoff + tl.MARGIN
    if p == "prospect_expired_open_only":
        _passive(r, run, cid, after_cutoff, now, rows, "open")  # at least one open since the cut-off
        for _ in range(r.randrange(1, 6)):
            _passive(r, run, cid, plan.start, now, rows)
        return
    if p == "prospect_expired_silent":
        for _ in range(r.randrange(0, 6)):
            _passive(r, run, cid, plan.start, now, rows, "sent")
        if r.random() < 0.3:
            _active(r, run, cid, plan.start, plan.active_end, rows, (_ACTIVE[3],))
        return
    if p == "prospect_reset":
        _active(r, run, cid, after_cutoff, now, rows, _RESETTING)
    elif p == "prospect_expired_old_inbound":
        _active(r, run, cid, plan.start, plan.active_end, rows, _RESETTING)
    n = r.randrange(0, 5) if plan.rel_start else r.randrange(1, 7)
    for _ in range(n):
        if r.random() < 0.55:
            _passive(r, run, cid, plan.start, now, rows)
        else:
            _active(r, run, cid, plan.start, plan.active_end, rows)


@lru_cache(maxsize=256)
def _text_hash(purpose: str, version: str) -> str:
    return hashlib.sha256(f"{purpose}|{version}".encode()).hexdigest()


def consents(r: random.Random, run: Run, cid: int, plan: Plan, rows: Rows) -> None:
    """~1.5 consent records per contact, one per purpose, ~16% with an invalid proof of each kind."""
    k = r.choices((0, 1, 2, 3), (10, 40, 35, 15))[0]
    out = rows["consents"]
    for purpose in r.sample(PURPOSES, k):
        given = plan.start + timedelta(seconds=r.randrange(0, 30 * 86400))
        if given >= plan.active_end:  # consent events are actions of the person: stay in the window
            given = between(r, plan.start, plan.active_end)
        status = r.choices(("granted", "withdrawn", "refused"), (65, 20, 15))[0]
        withdrawn = between(r, given, plan.active_end) if status == "withdrawn" else None
        version = f"{purpose[:2]}-v{1 + max(0, given.year - 2012) // 3}"
        mechanism = r.choices(_MECHANISMS, _MECHANISM_WEIGHTS)[0]
        text_version: str | None = version
        given_at: datetime | None = given
        defect = r.random()
        if defect < 0.05:
            mechanism = "pre_ticked"
        elif defect < 0.09:
            mechanism = "cgv_acceptance"
        elif defect < 0.13:
            text_version = None
        elif defect < 0.16:
            given_at = None
        point = r.choice(_COLLECTION_POINTS).format(year=given.year, n=r.randrange(100, 10_000))
        out.append(
            (
                run.ids.take("consents"),
                cid,
                purpose,
                status,
                given_at,
                withdrawn,
                r.choice(_CHANNELS[purpose]),
                point,
                text_version,
                _text_hash(purpose, version) if text_version else None,
                mechanism,
            )
        )
