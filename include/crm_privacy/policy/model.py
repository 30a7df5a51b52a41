"""The policy: a machine-readable register of processing bound to one CRM schema (pydantic models).

Every model forbids unknown keys, so a typo in the YAML is an error that names the key, never a
silently ignored setting. Cross-field checks live in validators next to the fields they check.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    field_validator,
    model_validator,
)

from crm_privacy.errors import UsageError

_PERIOD = re.compile(r"^(?P<n>[0-9]+)\s*(?P<unit>[ymd])$")
#: The longest period in each unit: 200 years. Longer is a typo, and would leave the calendar.
MAX_PERIOD = {"y": 200, "m": 200 * 12, "d": 73_049}  # 73,049 days: 200 years, leap days included
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalBasis(StrEnum):
    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    legitimate_interest = "legitimate_interest"


class Period(Strict):
    """A calendar period: ``3y``, ``24m`` or ``30d`` (one unit; see docs/policy.md for the convention)."""

    amount: int = Field(ge=0, strict=True)  # strict: YAML 'true' is not the number 1
    unit: Literal["y", "m", "d"]

    @model_validator(mode="after")
    def _at_most_200_years(self) -> Period:
        if self.amount > MAX_PERIOD[self.unit]:
            limits = ", ".join(f"{n}{unit}" for unit, n in MAX_PERIOD.items())
            shown = str(self) if len(str(self.amount)) <= 12 else f"{str(self.amount)[:12]}...{self.unit}"
            raise ValueError(f"a period is at most 200 years ({limits}), got {shown}")
        return self

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def _parse_period(value: Any) -> Any:
    if isinstance(value, str):
        match = _PERIOD.match(value.strip())
        if not match:
            raise ValueError(f"expected a period like '3y', '24m' or '30d', got {value!r}")
        return {"amount": int(match["n"]), "unit": match["unit"]}
    return value


PeriodField = Annotated[Period, BeforeValidator(_parse_period)]
#: A word or sentence for the register: an empty one would print as a blank line.
NonEmpty = Annotated[str, Field(min_length=1)]


class ConsentRequirement(Strict):
    required: StrictBool = True
    purpose: str = Field(description="value of the consent table's purpose column")


class Transfer(Strict):
    """A transfer of personal data to a third country or an international organisation (art. 30(1)(e))."""

    country: NonEmpty = Field(description="third country or international organisation")
    recipient: NonEmpty = Field(description="who receives the data there")
    safeguards: NonEmpty = Field(
        description="adequacy decision (art. 45) or appropriate safeguards (art. 46), e.g. standard clauses"
    )


class Purpose(Strict):
    id: str
    title: str = Field(description="French title shown to the DPO")
    legal_basis: LegalBasis
    description: str = ""
    data_subjects: list[NonEmpty] = Field(
        default_factory=list, description="categories of persons concerned, e.g. prospects, clients"
    )
    recipients: list[str] = Field(default_factory=list)
    transfers: list[Transfer] = Field(
        default_factory=list, description="transfers outside the EU/EEA (none by default)"
    )
    retention: PeriodField
    clock_starts: str = Field(description="the event that starts the retention clock, in words")
    at_expiry: str = Field(description="what happens at expiry, in words (the rule decides the actions)")
    consent: ConsentRequirement | None = None

    @model_validator(mode="after")
    def _consent_needs_basis(self) -> Purpose:
        if self.consent and self.consent.required and self.legal_basis != LegalBasis.consent:
            raise ValueError("consent.required is only meaningful with legal_basis: consent")
        return self


class Identifier(Strict):
    column: str
    kind: Literal["email", "phone", "reference"]


class OrganisationJoin(Strict):
    """A join table between subjects and organisations (a contact of several companies)."""

    table: str
    subject_column: str = Field(description="column holding the subject key")
    organisation_column: str = Field(description="column holding the organisation key")


class Organisation(Strict):
    """The organisations (companies, accounts) a subject belongs to. Their rows are legal persons'
    data: no rule changes them. They matter for clocks: "the latest invoice of any of the contact's
    companies" keeps the contact alive (a clock source with ``organisation: true``)."""

    table: str = Field(description="the organisation table (may be the subject table: a self-reference)")
    key: str = "id"
    column: str | None = Field(
        default=None, description="subject column holding its organisation's key (fk_soc, parent_id)"
    )
    join: OrganisationJoin | None = None
    tables: dict[str, str] = Field(
        default_factory=dict,
        description="tables that belong to the organisation (its invoices, orders): table -> column holding "
        "the organisation key",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Organisation:
        if self.column is None and self.join is None:
            raise ValueError(
                "give column: (on the subject), join: (a join table), or both (Dolibarr: the main "
                "company fk_soc and roles at other companies)"
            )
        return self


class Subject(Strict):
    table: str
    key: str
    identifiers: list[Identifier] = Field(default_factory=list)
    organisation: Organisation | None = None


class ColumnAction(Strict):
    """How one personal column is treated when a rule reaches it."""

    category: str = Field(description="data category, e.g. identity, contact_channel, marketing")
    action: str = Field(
        description="registered action name: null, redact, hmac, generalise, fake, scrub_text"
    )
    params: dict[str, Any] = Field(default_factory=dict)


class Polymorphic(Strict):
    """A "parent type + parent id" link: ``type_value`` (the parent is the subject) or ``parents``
    (type value -> table, each parent itself linked to the subject)."""

    type_column: str
    id_column: str
    #: text, or integers when the type column is an integer (Dolibarr's role type ids): written
    #: either way in the YAML, they are made integers for an integer column when the policy is bound
    type_value: str | int | None = None
    parents: dict[str | int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_way(self) -> Polymorphic:
        if (self.type_value is None) == (not self.parents):
            raise ValueError("set either type_value (the parent is the subject) or parents: {type: table}")
        return self

    def targets(self, subject_table: str) -> dict[str | int, str]:
        return {self.type_value: subject_table} if self.type_value is not None else dict(self.parents)


class Link(Strict):
    """How a table reaches the subject. Exactly one way: ``subject``, ``fk`` (reflected or declared),
    ``via`` (through a parent table already linked) or ``polymorphic``."""

    subject: StrictBool = False
    fk: str | None = Field(default=None, description="column holding the subject key")
    via: str | None = Field(default=None, description="'column -> parent_table' for a two-step link")
    polymorphic: Polymorphic | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Link:
        chosen = [self.subject, self.fk is not None, self.via is not None, self.polymorphic is not None]
        if sum(chosen) != 1:
            raise ValueError("set exactly one of: subject, fk, via, polymorphic")
        if self.via is not None and "->" not in self.via:
            raise ValueError("via must look like 'order_id -> orders'")
        return self

    def via_parts(self) -> tuple[str, str]:
        assert self.via is not None
        column, _, parent = self.via.partition("->")
        return column.strip(), parent.strip()


class LegalHold(Strict):
    """Rows under a legal obligation stay; only the listed columns are treated while the hold runs."""

    legal_basis: str = Field(description="the text that obliges us, e.g. 'C. com. L123-22'")
    purpose: str | None = Field(default=None, description="the purpose the obligation serves (register)")
    period: PeriodField
    starts_at: str = Field(description="date column that starts the hold, e.g. fiscal_year_close")
    columns: dict[str, ColumnAction] = Field(
        default_factory=dict, description="columns the obligation does not need, treated while held"
    )


class Archive(Strict):
    """Intermediate archive (CNIL): rows under a legal hold leave the active table for a table of
    their own, readable only by ``reader_role``, with their legal basis and purge date."""

    table: str = Field(description="archive table, created by the first sweep that archives")
    reader_role: str | None = Field(default=None, description="the only role granted SELECT (servers)")

    @model_validator(mode="after")
    def _identifiers(self) -> Archive:
        for value in (self.table, self.reader_role):
            if value is not None and not _IDENTIFIER.match(value):
                raise ValueError(f"{value!r} is not a plain identifier (letters, digits, _)")
        return self


class TablePolicy(Strict):
    key: str = "id"
    link: Link
    category: str = Field(description="data category of the rows as a whole, e.g. interaction_history")
    row_action: Literal["delete", "anonymise", "archive", "keep"]
    marker: str | None = Field(
        default=None, description="timestamp column set when a row is anonymised (makes runs idempotent)"
    )
    columns: dict[str, ColumnAction] = Field(default_factory=dict)
    hold: LegalHold | None = None
    archive: Archive | None = None
    inferred: list[str] = Field(
        default_factory=list,
        description="columns the controller derived or inferred (scores, segments, margins, internal "
        "comments), left out of a portability export (art. 20); ['*']: the whole table",
    )

    @field_validator("inferred")
    @classmethod
    def _inferred_names(cls, value: list[str]) -> list[str]:
        if "*" in value and len(value) > 1:
            raise ValueError("'*' (the whole table) stands alone: no column names next to it")
        for name in value:
            if name != "*" and not _IDENTIFIER.match(name):
                raise ValueError(f"{name[:70]!r} is not a column name (or '*' for the whole table)")
        if len(set(value)) != len(value):
            raise ValueError("a column is listed twice")
        return value

    @model_validator(mode="after")
    def _row_action_needs(self) -> TablePolicy:
        if self.row_action == "anonymise" and not self.columns:
            raise ValueError("row_action anonymise needs the personal columns to treat (columns:)")
        if self.row_action == "archive" and (self.hold is None or self.archive is None):
            raise ValueError("row_action archive needs a hold: (why and how long) and an archive: table")
        if self.archive is not None and self.row_action != "archive":
            raise ValueError("archive: is only used with row_action: archive")
        return self


class ClockSource(Strict):
    """One date that keeps a subject's data alive: a subject column or a column of a linked table."""

    table: str
    column: str
    where: dict[str, list[Any]] = Field(default_factory=dict, description="column -> allowed values")
    exclude: dict[str, list[Any]] = Field(default_factory=dict, description="column -> values ignored")
    open_when_null: StrictBool = Field(
        default=False, description="a NULL date means 'still running' (e.g. a contract without end)"
    )
    organisation: StrictBool = Field(
        default=False,
        description="read through the subject's organisations: ``table`` is the organisation table or one "
        "of subject.organisation.tables; any organisation with a recent date keeps the subject alive",
    )


class RuleScope(Strict):
    """What a rule treats: ``all`` personal data of the subject, or only some categories."""

    all: StrictBool = False
    categories: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one(self) -> RuleScope:
        if self.all == bool(self.categories):
            raise ValueError("set either all: true or a non-empty categories list")
        return self


class Notice(Strict):
    """Warn the person before acting (inactive accounts): act only ``wait`` after the notice."""

    wait: PeriodField


class RetentionRule(Strict):
    kind: Literal["retention"] = "retention"
    id: str
    title: str
    purpose: str
    where: dict[str, list[Any]] = Field(default_factory=dict, description="subject column -> values")
    clock: list[ClockSource] = Field(min_length=1)
    on_missing_date: Literal["report", "skip"] = "report"
    scope: RuleScope
    notice: Notice | None = None


class ConsentRule(Strict):
    kind: Literal["consent"]
    id: str
    title: str
    purpose: str
    where: dict[str, list[Any]] = Field(default_factory=dict)
    grace: PeriodField
    collected_at: str = Field(description="subject column: when the data was collected")
    scope: RuleScope


def _rule_kind(value: Any) -> str:
    """``kind`` may be omitted: a rule is a retention rule unless it says ``kind: consent``."""
    if isinstance(value, dict):
        return str(value.get("kind", "retention"))
    return str(getattr(value, "kind", "retention"))


Rule = Annotated[
    Annotated[RetentionRule, Tag("retention")] | Annotated[ConsentRule, Tag("consent")],
    Discriminator(_rule_kind),
]


class ConsentTable(Strict):
    """Where consent proof lives and what makes a record valid (GDPR_RULES.md section 2.2)."""

    table: str
    subject_fk: str
    purpose_column: str
    status_column: str
    granted_value: str = "granted"
    given_at: str
    withdrawn_at: str
    text_version: str
    mechanism: str
    invalid_mechanisms: list[str] = Field(default_factory=lambda: ["pre_ticked", "cgv_acceptance"])


class Guard(Strict):
    # strict: YAML 'true' is not the number 1 (an int is still a valid max_share)
    max_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        allow_inf_nan=False,
        strict=True,
        description="largest share of a table one run may touch",
    )
    batch_size: int = Field(default=5000, ge=1, le=100_000, strict=True)


def check_max_share(value: object, name: str = "max_share") -> float:
    """A blast-radius limit given for one run (CLI option, DAG param): a finite number, 0 < x <= 1.

    NaN compares false with everything, so an unchecked ``nan`` would silently disable the guard.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{name} must be a number with 0 < x <= 1, got a {type(value).__name__}")
    if not (math.isfinite(value) and 0 < value <= 1):
        raise UsageError(f"{name} must be a number with 0 < x <= 1 (a share of a table), got {value!r}")
    return float(value)


class Reports(Strict):
    """Who receives the run reports and in which language."""

    recipients: list[str] = Field(
        default_factory=list, description="e-mail addresses of the DPO (and deputies) for run reports"
    )
    language: Literal["fr", "en"] = "fr"

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            if not re.fullmatch(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+", address):
                raise ValueError(f"reports.recipients: {address[:80]!r} is not an e-mail address")
        return value


class Policy(Strict):
    version: str
    controller: str
    dpo: NonEmpty | None = Field(
        default=None, description="data protection officer: name and contact (art. 37)"
    )
    crm: str = Field(description="name of the CRM this policy is written for")
    subject: Subject
    purposes: list[Purpose] = Field(min_length=1)
    tables: dict[str, TablePolicy] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    consents: ConsentTable | None = None
    guard: Guard = Guard()
    reports: Reports = Reports()
    security_measures: list[NonEmpty] = Field(
        default_factory=list,
        description="organisational and technical measures the controller declares (art. 32), for the register",
    )
    minimisation: dict[str, list[str]] = Field(
        default_factory=dict, description="table -> personal columns that serve no declared purpose"
    )
    non_personal: dict[str, list[str]] = Field(
        default_factory=dict,
        description="table -> columns reviewed and found to hold no personal data (e.g. legal-person data)",
    )

    @model_validator(mode="after")
    def _references(self) -> Policy:
        purposes = {p.id for p in self.purposes}
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rules: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            if rule.purpose not in purposes:
                raise ValueError(f"rules.{rule.id}.purpose: unknown purpose {rule.purpose!r}")
            if isinstance(rule, RetentionRule):
                for src in rule.clock:
                    if src.organisation:
                        org = self.subject.organisation
                        if org is None:
                            raise ValueError(
                                f"rules.{rule.id}.clock: organisation: true needs subject.organisation"
                            )
                        if src.table != org.table and src.table not in org.tables:
                            raise ValueError(
                                f"rules.{rule.id}.clock: table {src.table!r} is neither "
                                f"subject.organisation.table nor in subject.organisation.tables"
                            )
                    elif src.table not in self.tables:
                        raise ValueError(f"rules.{rule.id}.clock: table {src.table!r} is not in tables:")
            if isinstance(rule, ConsentRule) and self.consents is None:
                raise ValueError(f"rules.{rule.id}: a consent rule needs the consents: section")
        if self.subject.table not in self.tables:
            raise ValueError(f"subject.table {self.subject.table!r} must also be described in tables:")
        if not self.tables[self.subject.table].link.subject:
            raise ValueError(f"tables.{self.subject.table}.link must be 'subject: true'")
        for name, table in self.tables.items():
            if table.link.via is not None:
                _, parent = table.link.via_parts()
                if parent not in self.tables:
                    raise ValueError(f"tables.{name}.link.via: parent table {parent!r} is not in tables:")
            if (
                table.hold is not None
                and table.hold.purpose is not None
                and table.hold.purpose not in purposes
            ):
                raise ValueError(f"tables.{name}.hold.purpose: unknown purpose {table.hold.purpose!r}")
            if table.link.polymorphic is not None:
                for parent in table.link.polymorphic.parents.values():
                    if parent not in self.tables:
                        raise ValueError(
                            f"tables.{name}.link.polymorphic.parents: table {parent!r} is not in tables:"
                        )
        self._links_reach_the_subject()
        self._scope_categories_known()
        self._archive_tables()
        return self

    def _parents(self, name: str) -> list[str]:
        """The policy tables ``name``'s link goes through on its way to the subject (none: it is the
        subject table, or holds the subject key itself)."""
        link = self.tables[name].link
        if link.via is not None:
            return [link.via_parts()[1]]
        if link.polymorphic is not None:
            return list(dict.fromkeys(link.polymorphic.targets(self.subject.table).values()))
        return []

    def _links_reach_the_subject(self) -> None:
        """Every table reaches the subject through its links: a cycle (a table via itself, A via B and B
        via A, a polymorphic parent that is the table itself) would never end (recursion in the plan)."""
        done: set[str] = set()
        path: list[str] = []

        def walk(name: str) -> None:
            if name in done:
                return
            if name in path:
                cycle = [*path[path.index(name) :], name]
                raise ValueError(
                    f"tables.{cycle[0]}.link: the links form a cycle ({' -> '.join(cycle)}); every table "
                    f"must reach the subject table {self.subject.table!r} through fk, via or polymorphic links"
                )
            path.append(name)
            for parent in self._parents(name):
                walk(parent)
            path.pop()
            done.add(name)

        for name in self.tables:
            walk(name)

    def _scope_categories_known(self) -> None:
        """A scope category no table, column or hold column uses would make the rule do nothing for
        ever (a typo such as 'marketting' reports subjects and changes no row)."""
        known: set[str] = set()
        for table in self.tables.values():
            known.add(table.category)
            known.update(c.category for c in table.columns.values())
            if table.hold is not None:
                known.update(c.category for c in table.hold.columns.values())
        for i, rule in enumerate(self.rules):
            unknown = [c for c in rule.scope.categories if c not in known]
            if unknown:
                raise ValueError(
                    f"rules.{i}.scope.categories: rule {rule.id}: unknown categor"
                    f"{'ies' if len(unknown) > 1 else 'y'} {', '.join(map(repr, unknown))} (no table, column "
                    f"or hold column of the policy has it; known categories: {', '.join(sorted(known))})"
                )

    def _archive_tables(self) -> None:
        """An archive table is a table of its own: not a table the policy treats, not the consents
        table, and the archive of one table only."""
        owners: dict[str, str] = {}
        consents = self.consents.table if self.consents is not None else None
        for name, table in self.tables.items():
            if table.archive is None:
                continue
            archive, key = table.archive.table, f"tables.{name}.archive.table"
            if archive in self.tables:
                raise ValueError(
                    f"{key}: {archive!r} is a table of the policy (under tables:); archived rows need a "
                    "table of their own"
                )
            if archive == consents:
                raise ValueError(
                    f"{key}: {archive!r} is the consents table; archived rows need a table of their own"
                )
            if archive in owners:
                raise ValueError(
                    f"{key}: {archive!r} is also the archive of {owners[archive]!r}; each archived table "
                    "needs its own archive table"
                )
            owners[archive] = name

    def purpose(self, purpose_id: str) -> Purpose:
        return next(p for p in self.purposes if p.id == purpose_id)

    def free_text_columns(self) -> list[tuple[str, str]]:
        """(table, column) of free text about people: category ``free_text`` or action ``scrub_text``
        (where a request looks for mentions of a person)."""
        return [
            (name, column)
            for name, tp in self.tables.items()
            for column, action in tp.columns.items()
            if action.category == "free_text" or action.action == "scrub_text"
        ]

    def declared_columns(self) -> dict[str, dict[str, str]]:
        """table -> {column -> data category}: what the register declares (for PII discovery)."""
        out: dict[str, dict[str, str]] = {}
        for name, table in self.tables.items():
            cols = {c: a.category for c, a in table.columns.items()}
            if table.hold:
                cols.update({c: a.category for c, a in table.hold.columns.items()})
            out[name] = cols
            if table.archive:  # archived rows keep the same columns, under the same categories
                out[table.archive.table] = dict(cols)
        for name, columns in self.non_personal.items():
            out.setdefault(name, {}).update({c: "non_personal" for c in columns})
        return out
