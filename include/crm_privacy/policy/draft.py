"""A starting policy drafted from a CRM's schema and a sample of its text (``crm-privacy policy draft``).

What it reads: the reflected schema (tables, keys, foreign keys, types) and, for text columns, a
sample of rows through the PII discovery (types and counts only). What it proposes, each with a
``# TODO`` where a person must decide:

- the tables that reach the subject: declared foreign keys (directly or through a parent), and, when
  a table declares none, a column named like a link to the subject (``contact_id``, ``fk_contact``);
- the subject's organisation: a foreign key to a table named like a company, a self-reference, or a
  join table between the two, with the tables that belong to the organisation;
- personal columns by their names and by what the sample found, with a cautious action (``null``
  where the column allows it, ``redact`` otherwise, ``scrub_text`` for free text, ``generalise`` to
  the year for a birth date);
- one retention rule whose clock is every date column named like an activity.

The draft loads (``crm-privacy policy check`` passes on it) and a dry run works on it; it is a start,
not a decision: linked tables are kept unless their name says they are a history of contacts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Engine, Integer, String, Text, inspect

#: column name patterns -> (category, kind of personal data); first match wins
_NAME_HINTS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"e?-?mail"), "contact_channel", "email"),
    (re.compile(r"phone|tel(ephone)?$|^tel|mobile|portable|gsm|fax"), "contact_channel", "phone"),
    (re.compile(r"first_?name|firstname|prenom|given_?name"), "identity", "first_name"),
    (re.compile(r"last_?name|lastname|surname|family_?name|^nom$|^lastname$"), "identity", "last_name"),
    (re.compile(r"^(full_?)?name$|display_?name|^nom_complet$"), "identity", "name"),
    (re.compile(r"civilit|salutation"), "identity", "civility"),
    (re.compile(r"birth|naissance|^dob$"), "identity", "birth_date"),
    (re.compile(r"address|adresse|street|^rue|^address_line"), "contact_channel", "address"),
    (re.compile(r"zip|post_?code|postal|^cp$"), "location", "postcode"),
    (re.compile(r"^(city|town|ville)$"), "location", "city"),
    (re.compile(r"iban|^bic$|^rib$|bank"), "financial", "bank"),
    (re.compile(r"note|comment|remark|body|message|description|summary|memo"), "free_text", "free_text"),
    (
        re.compile(r"customer_?ref|client_?(ref|code)|code_client|(^|_)ref(erence)?($|_)"),
        "identity",
        "reference",
    ),
]
_ACTIVITY_DATE = re.compile(r"creat|occur|last|date|_at$|^d(ate)?[a-z]?$|login|order|sign")
#: when a row was last edited (by anyone, a batch job included) is no sign of the person's activity
_EDIT_DATE = re.compile(r"updat|modif|^tms$|_tms$|maj|changed|edited|anonymi|^write|_write")
#: a date the person did nothing on: a payment due date, a limit (it may lie in the future)
_NOT_ACTIVITY = re.compile(r"due|_lim|lim_|echeance|deadline|expir")
#: a boolean (or type) column telling the organisations from the people when both share one table
_IS_ORG_COLUMN = re.compile(r"^is_(company|organi[sz]ation|org|account|societe)$")
_HISTORY_TABLE = re.compile(
    r"interaction|activit|event|call|history|histor|log|message|email|task|actioncomm|note"
)
_ORG_TABLE = re.compile(r"compan|societe|soci|account|organi|entreprise|partner|enterprise|firm")
_BUSINESS_TABLE = re.compile(
    r"invoice|factur|order|commande|sale|vente|account_move|contract|contrat|quote|devis"
)
_ENTITY_KIND = {"EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "PERSON": "name"}


@dataclass
class Reach:
    table: str
    kind: str  # "subject", "fk", "via"
    column: str | None = None
    parent: str | None = None
    declared: bool = True


@dataclass
class Proposal:
    column: str
    category: str
    action: str
    params: dict[str, Any] = field(default_factory=dict)
    why: str = ""
    kind: str = ""


def draft_policy(engine: Engine, subject: str, *, sample_rows: int = 200, crm_name: str = "my_crm") -> str:
    """The YAML text of a starting policy for ``engine``'s CRM whose people are rows of ``subject``."""
    from crm_privacy.errors import UsageError

    insp = inspect(engine)
    tables = sorted(t for t in insp.get_table_names() if not t.startswith("crm_privacy_"))
    if subject not in tables:
        raise UsageError(f"subject: no table {subject!r} in the CRM (it has: {', '.join(tables) or 'none'})")
    columns = {t: {c["name"]: c for c in insp.get_columns(t)} for t in tables}
    keys = {t: _key(insp, t) for t in tables}
    if keys[subject] is None:
        raise UsageError(f"subject: {subject} has no single-column primary key: the policy needs one")
    fks = {t: [fk for fk in insp.get_foreign_keys(t) if len(fk["constrained_columns"]) == 1] for t in tables}
    organisation = _organisation(subject, tables, fks, keys) or _organisation_by_name(
        subject, tables, columns, keys
    )
    skip = {organisation["table"], *organisation["tables"]} if organisation else set()
    if organisation and organisation.get("join"):
        skip.add(organisation["join"]["table"])
    skip.discard(subject)
    reached = _reaching(subject, [t for t in tables if t not in skip and keys[t]], fks, columns)
    found = _sampled(engine, sample_rows)
    return _render(crm_name, subject, keys, columns, reached, organisation, found)


def _key(insp: Any, table: str) -> str | None:
    pk = insp.get_pk_constraint(table).get("constrained_columns") or []
    return pk[0] if len(pk) == 1 else None


def _reaching(
    subject: str, tables: list[str], fks: Mapping[str, list[Any]], columns: Mapping[str, Mapping[str, Any]]
) -> dict[str, Reach]:
    reached = {subject: Reach(subject, "subject")}
    frontier = [subject]
    while frontier:
        parent = frontier.pop(0)
        for table in tables:
            if table in reached:
                continue
            for fk in fks[table]:
                if fk["referred_table"] == parent:
                    column = fk["constrained_columns"][0]
                    kind = "fk" if parent == subject else "via"
                    reached[table] = Reach(table, kind, column, parent)
                    frontier.append(table)
                    break
    names = _link_names(subject)
    for table in tables:
        if table in reached:
            continue
        for column in columns[table]:
            if column.lower() in names:
                reached[table] = Reach(table, "fk", column, subject, declared=False)
                break
    return reached


#: what a column pointing at a person is usually named after, whatever the subject table is called
_PERSON_STEMS = {"contact", "person", "people", "member", "customer", "client", "lead", "partner", "user"}


def _link_names(subject: str) -> set[str]:
    stems = {subject.lower(), subject.lower().rstrip("s"), subject.lower().split("_")[-1].rstrip("s")}
    stems |= _PERSON_STEMS
    out = set()
    for s in stems:
        out |= {f"{s}_id", f"id_{s}", f"fk_{s}", f"{s}id"}
    return out


def _organisation(
    subject: str, tables: list[str], fks: Mapping[str, list[Any]], keys: Mapping[str, str | None]
) -> dict[str, Any] | None:
    """The subject's organisation: a foreign key to a company-like table, a self-reference, or a join."""
    for fk in fks[subject]:
        target = fk["referred_table"]
        if target == subject or _ORG_TABLE.search(target.lower()):
            return {
                "table": target,
                "key": fk["referred_columns"][0],
                "column": fk["constrained_columns"][0],
                "tables": _org_tables(target, subject, tables, fks),
            }
    for table in tables:
        targets = {fk["referred_table"]: fk["constrained_columns"][0] for fk in fks[table]}
        orgs = [t for t in targets if t != subject and _ORG_TABLE.search(t.lower())]
        if subject in targets and len(targets) == 2 and orgs and keys.get(orgs[0]):
            org = orgs[0]
            return {
                "table": org,
                "key": keys[org],
                "join": {
                    "table": table,
                    "subject_column": targets[subject],
                    "organisation_column": targets[org],
                },
                "tables": _org_tables(org, subject, tables, fks, exclude={table}),
            }
    return None


def _organisation_by_name(
    subject: str,
    tables: list[str],
    columns: Mapping[str, Mapping[str, Mapping[str, Any]]],
    keys: Mapping[str, str | None],
) -> dict[str, Any] | None:
    """No foreign key to a company-like table (vtiger declares none): a subject column named after one
    (``accountid`` -> ``vtiger_account``, ``company_id`` -> ``companies``), and the business tables
    holding a column of the same name. Marked undeclared: the draft says to check it."""
    orgs = [t for t in tables if t != subject and keys.get(t) and _ORG_TABLE.search(t.lower())]
    for name, spec in columns[subject].items():
        lowered = name.lower()
        stem = re.sub(r"^fk_|_?id$", "", lowered)
        if len(stem) < 3 or stem == lowered or not isinstance(spec["type"], Integer):
            continue
        for org in orgs:
            if re.search(rf"(^|_){re.escape(stem)}(s|ies)?$", org.lower()):
                return {
                    "table": org,
                    "key": keys[org],
                    "column": name,
                    "declared": False,
                    "tables": {
                        t: name
                        for t in tables
                        if t not in (org, subject)
                        and name in columns[t]
                        and _BUSINESS_TABLE.search(t.lower())
                    },
                }
    return None


def _org_tables(
    org: str, subject: str, tables: list[str], fks: Mapping[str, list[Any]], exclude: Iterable[str] = ()
) -> dict[str, str]:
    out = {}
    for table in tables:
        if table in (org, subject) or table in set(exclude):
            continue
        targets = _targets(fks[table])
        # a self-reference (Odoo): of the tables pointing at the people's table, the business
        # documents (invoices, orders) are taken as the companies' (a TODO says to check)
        if org in targets and (subject not in targets or _BUSINESS_TABLE.search(table.lower())):
            out[table] = targets[org]
    return out


def _targets(fks: list[Any]) -> dict[str, str]:
    """referred table -> the column pointing at it; of several (Odoo's ``sale_order`` has
    ``partner_id``, ``partner_invoice_id``, ``partner_shipping_id``), the plain link, not an address."""
    out: dict[str, str] = {}
    for fk in fks:
        table, column = fk["referred_table"], fk["constrained_columns"][0]
        current = out.get(table)
        if current is None or _address_rank(column) < _address_rank(current):
            out[table] = column
    return out


def _address_rank(column: str) -> tuple[bool, int]:
    return bool(re.search(r"ship|deliver|livr|invoice|factur|billing", column.lower())), len(column)


def _sampled(engine: Engine, sample_rows: int) -> dict[tuple[str, str], dict[str, int]]:
    """(table, column) -> entity type -> spans found in a sample of its rows (no value kept)."""
    if sample_rows <= 0:
        return {}
    from crm_privacy.detect.discovery import discover

    report = discover(engine, {}, sample_rows=sample_rows)
    return {(f.table, f.column): dict(f.entities) for f in report.columns if f.rows_with_pii}


def _proposal(table: str, column: Mapping[str, Any], found: Mapping[str, int]) -> Proposal | None:
    name = str(column["name"])
    lowered = name.lower()
    type_ = column["type"]
    is_text = isinstance(type_, String | Text)
    is_date = isinstance(type_, Date | DateTime)
    nullable = bool(column.get("nullable", True))
    for pattern, category, kind in _NAME_HINTS:
        if not pattern.search(lowered):
            continue
        if kind == "birth_date":
            if is_date:
                return Proposal(name, category, "generalise", {"to": "year"}, "its name: a birth date", kind)
            continue
        if not is_text:
            continue
        if kind == "free_text":
            return Proposal(name, category, "scrub_text", {}, "its name: free text", kind)
        return _cautious(name, category, nullable, f"its name: {kind.replace('_', ' ')}", kind)
    if is_text and found:
        seen = ", ".join(f"{e} x{n}" for e, n in sorted(found.items(), key=lambda x: -x[1]))
        if _is_length_free(type_) or ("PERSON" in found and len(found) > 1):
            return Proposal(name, "free_text", "scrub_text", {}, f"sampled: {seen}", "free_text")
        top = max(found, key=lambda e: found[e])
        return _cautious(name, "identity", nullable, f"sampled: {seen}", _ENTITY_KIND.get(top, "text"))
    return None


def _cautious(name: str, category: str, nullable: bool, why: str, kind: str) -> Proposal:
    if nullable:
        return Proposal(name, category, "null", {}, why, kind)
    return Proposal(name, category, "redact", {"value": "-"}, why + " (NOT NULL: redacted)", kind)


def _is_length_free(type_: Any) -> bool:
    length = getattr(type_, "length", None)
    return length is None or length >= 500


def _render(
    crm: str,
    subject: str,
    keys: Mapping[str, str | None],
    columns: Mapping[str, Mapping[str, Mapping[str, Any]]],
    reached: Mapping[str, Reach],
    organisation: Mapping[str, Any] | None,
    found: Mapping[tuple[str, str], Mapping[str, int]],
) -> str:
    q = _quote
    proposals = {
        t: [p for c in columns[t].values() if (p := _proposal(t, c, found.get((t, str(c["name"])), {})))]
        for t in reached
    }
    link_columns = {r.column for r in reached.values() if r.column}
    marker = next(
        (
            c
            for c, spec in columns[subject].items()
            if re.search(r"anonymi", c.lower())
            and isinstance(spec["type"], Date | DateTime)
            and spec.get("nullable", True)
        ),
        None,
    )
    if marker is None:
        # scrub_text keeps the rest of a note but cannot tell a scrubbed note from another without a
        # marker column: the subject's free text is emptied instead, and a TODO says how to scrub it
        proposals[subject] = [_emptied(p, columns[subject][p.column]) for p in proposals[subject]]
    org_column = _organisation_flag(subject, columns, organisation)
    out = [
        f"# Policy drafted by `crm-privacy policy draft` for the table {subject!r} of {crm}.",
        "# A START, NOT A DECISION: read every line, decide every TODO, then `crm-privacy policy check` and",
        "# a dry run (`crm-privacy plan`). Periods and legal bases: docs/retention.md.",
        "",
        'version: "draft-1"',
        'controller: "TODO: the data controller (name and address)"',
        f"crm: {q(crm)}",
        "",
        "subject:",
        f"  table: {q(subject)}",
        f"  key: {q(keys[subject] or 'id')}",
    ]
    identifiers = [p for p in proposals[subject] if p.kind in {"email", "phone", "reference"}]
    firsts: dict[str, Proposal] = {}
    for p in identifiers:
        firsts.setdefault(p.kind, p)
    if firsts:
        out.append(
            "  identifiers:                 # how a request finds the person (normalised before hashing)"
        )
        out += [f"    - {{column: {q(p.column)}, kind: {p.kind}}}" for p in firsts.values()]
    if organisation:
        out.append("  organisation:                # TODO: check: the companies this person belongs to")
        out.append(f"    table: {q(organisation['table'])}")
        out.append(f"    key: {q(organisation['key'])}")
        if organisation.get("join"):
            j = organisation["join"]
            out.append(
                f"    join: {{table: {q(j['table'])}, subject_column: {q(j['subject_column'])}, "
                f"organisation_column: {q(j['organisation_column'])}}}"
            )
        else:
            todo = (
                "   # TODO: no foreign key declared: is this the link?"
                if organisation.get("declared") is False
                else ""
            )
            out.append(f"    column: {q(organisation['column'])}{todo}")
        if organisation["tables"]:
            out.append("    tables:")
            out += [f"      {q(t)}: {q(c)}" for t, c in organisation["tables"].items()]
    out += [
        "",
        "purposes:",
        "  - id: prospection",
        '    title: "Prospection commerciale"            # TODO: one purpose per reason the data is kept',
        "    legal_basis: legitimate_interest             # TODO: consent, contract, legal_obligation...",
        "    retention: 3y                                # TODO: CNIL: 3 years after the last contact",
        '    clock_starts: "dernier contact à l\'initiative de la personne"',
        '    at_expiry: "anonymisation"',
        "",
        "tables:",
    ]
    clocks: list[str] = []
    for table, reach in reached.items():
        tp = [p for p in proposals[table] if p.column not in link_columns and p.column != keys[table]]
        history = table != subject and bool(_HISTORY_TABLE.search(table.lower()))
        out.append(f"  {q(table)}:")
        if keys[table] != "id":
            out.append(f"    key: {q(keys[table] or 'id')}")
        if reach.kind == "subject":
            out.append("    link: {subject: true}")
        elif reach.kind == "fk":
            todo = "" if reach.declared else "   # TODO: no foreign key declared: is this the link?"
            out.append(f"    link: {{fk: {q(reach.column or '')}}}{todo}")
        else:
            out.append(f'    link: {{via: "{reach.column} -> {reach.parent}"}}')
        if table == subject:
            action = "anonymise" if tp else "keep"
            out.append(f"    category: identity\n    row_action: {action}")
            if marker and action == "anonymise":
                out.append(f"    marker: {q(marker)}")
            elif action == "anonymise":
                out.append(
                    "    # TODO: add a nullable timestamp column (anonymised_at) and name it `marker:`: a "
                    "second run then skips treated rows"
                )
        elif history:
            out.append(
                "    category: interaction_history\n    row_action: delete          # TODO: check: a history of contacts"
            )
        else:
            out.append(
                "    category: other\n    row_action: keep      # TODO: delete, anonymise (uncomment the columns), "
                "or archive under a legal hold (invoices: C. com. L123-22)?"
            )
        if tp and not history:
            treated = table == subject  # elsewhere the rows are kept as they are until someone decides
            out.append("    columns:" if treated else "    # columns:")
            for p in tp:
                params = (
                    f", params: {{{', '.join(f'{k}: {q(v)}' for k, v in p.params.items())}}}"
                    if p.params
                    else ""
                )
                line = f"{q(p.column)}: {{category: {p.category}, action: {q(p.action)}{params}}}   # {p.why}"
                out.append(f"      {line}" if treated else f"    #   {line}")
        for column, spec in columns[table].items():
            if _is_clock(column, spec):
                if column == marker or any(p.column == column for p in tp):
                    continue
                clocks.append(f"      - {{table: {q(table)}, column: {q(column)}}}")
    if organisation:
        for table in organisation["tables"]:
            for column, spec in columns[table].items():
                if _is_clock(column, spec):
                    clocks.append(f"      - {{table: {q(table)}, column: {q(column)}, organisation: true}}")
    if not clocks:
        raise_no_clock(subject)
    out += [
        "",
        "rules:",
        "  - id: R1",
        '    title: "Personnes sans activité depuis la durée de conservation"',
        "    purpose: prospection",
        *_people_only(subject, organisation, org_column, columns),
        "    clock:                       # TODO: keep only the dates that show the relationship is alive",
        *clocks,
        "    scope: {all: true}",
        "",
    ]
    not_reached = sorted(
        set(columns)
        - set(reached)
        - ({organisation["table"], *organisation["tables"]} if organisation else set())
    )
    if not_reached:
        out.append(f"# Tables that do not reach {subject} (not in this draft): {', '.join(not_reached)}")
        out.append("# TODO: personal data there? declare them, or list their columns under non_personal:")
    return "\n".join(out) + "\n"


def _emptied(p: Proposal, column: Mapping[str, Any]) -> Proposal:
    if p.action != "scrub_text":
        return p
    why = (
        f"{p.why}; emptied: TODO: to keep the note without its personal data, add a nullable timestamp "
        "column anonymised_at, name it marker:, and use scrub_text"
    )
    if column.get("nullable", True):
        return Proposal(p.column, p.category, "null", {}, why, p.kind)
    return Proposal(p.column, p.category, "redact", {"value": "-"}, why + " (NOT NULL: redacted)", p.kind)


def _organisation_flag(
    subject: str,
    columns: Mapping[str, Mapping[str, Mapping[str, Any]]],
    organisation: Mapping[str, Any] | None,
) -> str | None:
    """When people and organisations share the subject table (a self-reference): its column telling
    them apart (Odoo's ``is_company``), if one is named so."""
    if not organisation or organisation["table"] != subject:
        return None
    return next((c for c in columns[subject] if _IS_ORG_COLUMN.match(c.lower())), None)


def _people_only(
    subject: str,
    organisation: Mapping[str, Any] | None,
    flag: str | None,
    columns: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> list[str]:
    """The rule's ``where`` that leaves the organisations out of a table holding both."""
    if not organisation or organisation["table"] != subject:
        return []
    type_ = columns[subject][flag]["type"] if flag is not None else None
    if flag is not None and isinstance(type_, Boolean | Integer):
        no = "false" if isinstance(type_, Boolean) else "0"
        return [
            f"    where: {{{_quote(flag)}: [{no}]}}     # {subject} also holds the organisations: "
            "never treat them"
        ]
    return [
        f"    # TODO: {subject} also holds the organisations ({organisation['column']} points at them): add a "
        "where: {column: [values of people]} that leaves them out, or the rule anonymises the companies too"
    ]


def _is_clock(column: str, spec: Mapping[str, Any]) -> bool:
    lowered = column.lower()
    return (
        isinstance(spec["type"], Date | DateTime)
        and bool(_ACTIVITY_DATE.search(lowered))
        and not _EDIT_DATE.search(lowered)
        and not _NOT_ACTIVITY.search(lowered)
    )


def raise_no_clock(subject: str) -> None:
    from crm_privacy.errors import UsageError

    raise UsageError(
        f"no date column found on {subject} or its tables to start a retention clock: a policy needs one "
        "(add it by hand to the draft)"
    )


def _quote(value: Any) -> str:
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) and text.lower() not in {
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
    }:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
