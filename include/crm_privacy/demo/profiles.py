"""Contact profiles: which retention case each generated contact exercises, and its time windows.

Every contact draws one profile. The profile fixes its collection date and the window in which
*resetting* events may happen (anything the person does: click, reply, form, call, meeting, purchase,
login, consent); our own e-mail sends and the opens they trigger may happen at any time up to D,
because GDPR_RULES §1.3.2 says they never reset the clock. Weights give ~30% expired prospects
(open-only + send-only + old-inbound) for the sweep benchmark.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import NamedTuple

from crm_privacy.demo.context import Timeline, between

#: (profile, weight in %). Statuses: prospect, customer, former_customer.
PROFILES: tuple[tuple[str, float], ...] = (
    ("prospect_recent", 20.5),  # collected < 3 years ago: kept (R1)
    ("prospect_reimport", 0.5),  # same e-mail as the previous contact, other case/whitespace (scenario 7)
    ("prospect_expired_open_only", 14.0),  # only our sends and their opens since collection (scenario 3)
    ("prospect_expired_silent", 8.0),  # collected > 3 years ago, only our sends since (scenario 1)
    ("prospect_expired_old_inbound", 8.0),  # replied/clicked, but > 3 years ago: expired
    ("prospect_reset", 12.0),  # collected > 3 years ago, inbound event < 3 years ago (scenario 2)
    ("prospect_undated", 1.5),  # created_at NULL: a finding, never a reason to keep (§1.3.5)
    ("customer_active", 18.0),  # ongoing contract
    ("customer_ended_recent", 8.5),  # contract ended < 3 years ago
    ("customer_ended_old", 9.0),  # contract ended > 3 years ago: R3 expired, invoices under R5 (scenario 5)
)

PROFILE_NAMES = tuple(name for name, _ in PROFILES)
_CUM_WEIGHTS = tuple(sum(w for _, w in PROFILES[: i + 1]) for i in range(len(PROFILES)))

EXPIRED_PROSPECT_PROFILES = frozenset(
    {"prospect_expired_open_only", "prospect_expired_silent", "prospect_expired_old_inbound"}
)
CUSTOMER_PROFILES = frozenset({"customer_active", "customer_ended_recent", "customer_ended_old"})

_DAY = timedelta(days=1)
_YEAR = timedelta(days=365)


class Plan(NamedTuple):
    profile: str
    status: str
    created: datetime | None  # contacts.created_at (None for undated contacts)
    start: datetime  # earliest event of this contact
    active_end: datetime  # resetting events happen strictly before this instant
    rel_start: datetime | None  # customers: first contract / order
    rel_end: datetime | None  # former customers: end of the last contract


def draw_profile(r: random.Random) -> str:
    x = r.random() * _CUM_WEIGHTS[-1]
    for name, cum in zip(PROFILE_NAMES, _CUM_WEIGHTS, strict=True):
        if x < cum:
            return name
    return PROFILE_NAMES[-1]


def make_plan(r: random.Random, tl: Timeline, profile: str) -> Plan:
    """Dates of one contact, kept ``Timeline.MARGIN`` away from every cut-off."""
    m, now, cutoff = tl.MARGIN, tl.now, tl.prospect_cutoff
    if profile in ("prospect_recent", "prospect_reimport"):
        created = between(r, cutoff + m, now - _DAY)
        return Plan(profile, "prospect", created, created, now, None, None)
    if profile in ("prospect_expired_open_only", "prospect_expired_silent"):
        created = between(r, now - 9 * _YEAR, cutoff - m)
        return Plan(profile, "prospect", created, created, cutoff - m, None, None)
    if profile == "prospect_expired_old_inbound":
        created = between(r, now - 9 * _YEAR, cutoff - 180 * _DAY)
        return Plan(profile, "prospect", created, created, cutoff - m, None, None)
    if profile == "prospect_reset":
        created = between(r, now - 9 * _YEAR, cutoff - m)
        return Plan(profile, "prospect", created, created, now, None, None)
    if profile == "prospect_undated":
        start = between(r, now - 8 * _YEAR, cutoff - m)
        return Plan(profile, "prospect", None, start, now, None, None)
    rel_end: datetime | None
    if profile == "customer_active":
        rel_start = between(r, tl.history_start, now - 90 * _DAY)
        rel_end = None
        status, active_end = "customer", now
    elif profile == "customer_ended_recent":
        rel_start = between(r, tl.history_start, cutoff - 180 * _DAY)
        rel_end = end = between(r, cutoff + m, now - 30 * _DAY)
        status, active_end = "former_customer", end
    else:  # customer_ended_old
        rel_start = between(r, tl.history_start, cutoff - _YEAR - m)
        rel_end = end = between(r, rel_start + 180 * _DAY, cutoff - m)
        status, active_end = "former_customer", end
    # Most customers were prospects first; 1% lost their creation date in a migration.
    start = max(rel_start - timedelta(days=r.randrange(0, 120)), tl.history_start)
    undated = r.random() < 0.01
    return Plan(profile, status, None if undated else start, start, active_end, rel_start, rel_end)
