"""A data-subject request as the DAG's form, the REST API and the CLI give it, validated field by field.

Every refusal names the field; nothing is looked up before the request is valid. The identifiers are
kept in memory only: the ledger gets their keyed hashes (``crm_privacy.transform.keys``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from crm_privacy.errors import UsageError
from crm_privacy.transform.keys import normalise

RequestType = Literal["access", "portability", "rectification", "erasure", "objection"]
REQUEST_TYPES: tuple[str, ...] = get_args(RequestType)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class SubjectRequest:
    type: RequestType
    reference: str
    received: dt.date
    email: str | None = None
    phone: str | None = None
    ref: str | None = None
    changes: Mapping[str, str] = field(default_factory=dict)
    dry_run: bool = False
    #: register the case and wait: the person's identity must be checked before anything is done
    awaiting_identity: bool = False

    def identifiers(self) -> dict[str, str]:
        """kind -> normalised value (``email``, ``phone``, ``reference``), for the ones given."""
        given = {"email": self.email, "phone": self.phone, "reference": self.ref}
        return {kind: normalise(kind, value) for kind, value in given.items() if value}


def parse_request(
    type_: str,
    *,
    reference: str | None,
    received: str | dt.date | None,
    email: str | None = None,
    phone: str | None = None,
    ref: str | None = None,
    changes: Mapping[str, str] | None = None,
    dry_run: bool = False,
    awaiting_identity: bool = False,
    today: dt.date | None = None,
) -> SubjectRequest:
    """A valid request, or ``UsageError`` naming the first field that is wrong."""
    today = today or dt.datetime.now(dt.UTC).date()
    if type_ not in REQUEST_TYPES:
        raise UsageError(f"request type: {type_!r} is not one of {', '.join(REQUEST_TYPES)}")
    email, phone, ref = (_blank(v) for v in (email, phone, ref))
    if not (email or phone or ref):
        raise UsageError("identifiers: give at least one of email, phone, customer reference (ref)")
    if email is not None:
        check_identifier("email", email, "email")
    if phone is not None:
        check_identifier("phone", phone, "phone")
    if ref is not None:
        check_identifier("reference", ref, "ref")
    if reference is None or not _REFERENCE.match(reference.strip()):
        raise UsageError(
            "reference: a case reference is required: letters, digits and _ . : - (up to 64 characters)"
        )
    day = _date(received, today)
    changes = dict(changes or {})
    if type_ == "rectification":
        if not changes:
            raise UsageError("changes: a rectification needs at least one column=value")
        for column, value in changes.items():
            if not _COLUMN.match(column):
                raise UsageError(f"changes: {column[:70]!r} is not a column name")
            if not isinstance(value, str) or len(value) > 1000:
                raise UsageError(f"changes: the value for {column} must be text of at most 1000 characters")
    elif changes:
        raise UsageError(f"changes: only a rectification takes changes, not {type_}")
    if awaiting_identity and dry_run:
        raise UsageError("awaiting_identity: a dry run registers nothing; leave out one of the two")
    return SubjectRequest(
        type=cast(RequestType, type_),
        reference=reference.strip(),
        received=day,
        email=email,
        phone=phone,
        ref=ref,
        changes=changes,
        dry_run=bool(dry_run),
        awaiting_identity=bool(awaiting_identity),
    )


def check_identifier(kind: str, value: str, field_name: str) -> None:
    """Refuse a value that cannot be an identifier of its kind, naming ``field_name``."""
    if kind == "email" and (len(value) > 254 or not _EMAIL.match(value.strip())):
        raise UsageError(f"{field_name}: not an e-mail address")
    if kind == "phone" and not re.fullmatch(r"\+?\d{6,15}", normalise("phone", value)):
        raise UsageError(f"{field_name}: not a phone number (6 to 15 digits, optionally +country)")
    if kind == "reference" and len(value) > 100:
        raise UsageError(f"{field_name}: longer than 100 characters")


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError("identifiers: email, phone and ref are text")
    return value.strip() or None


def _date(value: str | dt.date | None, today: dt.date) -> dt.date:
    if value is None or value == "":
        return today
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise UsageError(f"received: {str(value)[:30]!r} is not a date YYYY-MM-DD") from None
    if day > today:
        raise UsageError(f"received: {day.isoformat()} is in the future")
    if day.year < 2000:
        raise UsageError(f"received: {day.isoformat()} is before 2000")
    return day
