"""The gate's checks, written from the policy and the run date: SQL that selects what must not exist.

Independent of the planner: the subjects a rule reaches and what "treated" means are written here
again from the policy (its rules, clocks, scopes, links and actions), so that a planner bug fails the
gate instead of being repeated by it. Only the calendar (``rules.calendar``: when a period is over)
and the date comparison that copes with SQLite's text dates (``rules.dates``) are shared.

Each query selects keys only, never a personal column's value, and is compiled for the CRM's dialect
with its literal values inlined (rule values, dates, constants from the policy: no personal data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Select,
    and_,
    exists,
    extract,
    false,
    func,
    inspect,
    literal,
    not_,
    or_,
    select,
    true,
    union,
)

from crm_privacy.crm.binding import Binding
from crm_privacy.policy.model import ColumnAction, ConsentRule, RetentionRule, RuleScope, TablePolicy
from crm_privacy.rules.calendar import expiry_cutoff
from crm_privacy.rules.dates import before, on_or_after
from crm_privacy.transform.base import build_action
from crm_privacy.validate.checks import SqlCheck
from crm_privacy.validate.patterns import FREE_TEXT_PATTERNS

#: Values the hmac action writes: a keyed pseudonym with this prefix.
PSEUDONYM_PREFIX = "pz:"

Subjects = Callable[[FromClause], ColumnElement[bool]]  # a condition on a subject table alias

#: Who a rule's check is about, in its description.
_WHO = {"retention": "pas de personne concernée", "consent": "pas de personne sans consentement valide"}

# A way from a table's row to its subject's key: parent tables joined on the way, their join
# conditions, the column holding the subject key, and conditions (type values) of the way.
_Way = tuple[list[FromClause], list[ColumnElement[bool]], ColumnElement[Any]]


@dataclass
class RunCounts:
    """What the run planned and recorded, per table (rows): for the evidence checks."""

    planned: dict[tuple[str, str], int] = field(default_factory=dict)  # (table, action) -> rows
    table_rows: dict[str, int] = field(default_factory=dict)  # rows of each table when planned
    pending_notices: dict[str, int] = field(default_factory=dict)  # rule -> notices in their wait
    #: orphans per integrity check before the run (a CRM may hold some, written by another tool):
    #: the run may not add any; None: none may exist (``crm-privacy validate``)
    orphans_before: dict[str, int] | None = None


class SuiteBuilder:
    """Builds the gate's SQL checks for one CRM (a :class:`Binding`) and one run date."""

    def __init__(self, binding: Binding, as_of: dt.date, counts: RunCounts | None = None) -> None:
        self.b = binding
        self.policy = binding.policy
        self.as_of = as_of
        self.counts = counts or RunCounts()
        self.dialect = binding.engine.dialect
        self._existing = set(inspect(binding.engine).get_table_names())

    # -- public ---------------------------------------------------------------------------------

    def checks(self) -> list[SqlCheck]:
        out: list[SqlCheck] = []
        for rule in self.policy.rules:
            if isinstance(rule, RetentionRule) and rule.notice is not None:
                out.append(self._notice_check(rule))
            elif isinstance(rule, RetentionRule):
                out += self._scope_checks("retention", rule.id, rule.scope, self._expired(rule))
            else:
                out += self._scope_checks("consent", rule.id, rule.scope, self._without_consent(rule))
        out += self.treated_checks()
        out += self._free_text_checks()
        out += self._integrity_checks()
        out += self._hold_and_archive_checks()
        return out

    # -- SQL ------------------------------------------------------------------------------------

    def _sql(self, stmt: Select[Any]) -> str:
        return str(stmt.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True}))

    def _check(
        self, kind: Any, name: str, table: str, stmt: Select[Any], description: str, **kw: Any
    ) -> SqlCheck:
        return SqlCheck(
            kind=kind, name=name, table=table, query=self._sql(stmt), description=description, **kw
        )

    # -- links ----------------------------------------------------------------------------------

    def _ways(self, name: str, row: FromClause) -> Iterator[_Way]:
        """Ways from ``row`` (table ``name`` or an alias of it) to the column holding its subject key."""
        tp = self.policy.tables[name]
        link = tp.link
        if link.subject:
            yield [], [], row.c[tp.key]
        elif link.fk is not None:
            yield [], [], row.c[link.fk]
        elif link.polymorphic is not None:
            poly = link.polymorphic
            for type_value, parent in poly.targets(self.policy.subject.table).items():
                for froms, conds, holder in self._up(row.c[poly.id_column], parent):
                    yield froms, [row.c[poly.type_column] == type_value, *conds], holder
        else:
            column, parent = link.via_parts()
            yield from self._up(row.c[column], parent)

    def _up(self, column: ColumnElement[Any], parent: str) -> Iterator[_Way]:
        if parent == self.policy.subject.table:
            yield [], [], column
            return
        alias = self.b.table(parent).alias()
        on = alias.c[self.policy.tables[parent].key] == column
        for froms, conds, holder in self._ways(parent, alias):
            yield [alias, *froms], [on, *conds], holder

    def _rows_of(
        self,
        name: str,
        subject_key: ColumnElement[Any],
        condition: Callable[[FromClause], ColumnElement[bool]],
    ) -> ColumnElement[bool]:
        """Some row of ``name`` that belongs to the subject ``subject_key`` satisfies ``condition``."""
        if name == self.policy.subject.table:
            alias = self.b.table(name).alias()
            return exists(
                select(literal(1))
                .select_from(alias)
                .where(alias.c[self.policy.subject.key] == subject_key, condition(alias))
            )
        alias = self.b.table(name).alias()
        terms = [
            exists(
                select(literal(1))
                .select_from(alias, *froms)
                .where(*conds, holder == subject_key, condition(alias))
            )
            for froms, conds, holder in self._ways(name, alias)
        ]
        return or_(false(), *terms)

    def _organisation_rows(
        self, name: str, s: FromClause, condition: Callable[[FromClause], ColumnElement[bool]]
    ) -> ColumnElement[bool]:
        """Some row of ``name`` (the organisation table or one of its tables) satisfying ``condition``
        belongs to an organisation of the subject row ``s``."""
        org = self.policy.subject.organisation
        assert org is not None
        t = self.b.table(name).alias()
        holder = t.c[org.key] if name == org.table else t.c[org.tables[name]]
        ways: list[ColumnElement[bool]] = []
        if org.column is not None:
            ways.append(
                exists(select(literal(1)).select_from(t).where(holder == s.c[org.column], condition(t)))
            )
        if org.join is not None:
            j = self.b.table(org.join.table).alias()
            ways.append(
                exists(
                    select(literal(1))
                    .select_from(t, j)
                    .where(
                        j.c[org.join.organisation_column] == holder,
                        j.c[org.join.subject_column] == s.c[self.policy.subject.key],
                        condition(t),
                    )
                )
            )
        return or_(*ways)

    def _belongs(
        self, name: str, row: FromClause, subjects: Callable[[FromClause], ColumnElement[bool]]
    ) -> ColumnElement[bool]:
        """The row ``row`` of table ``name`` belongs to a subject satisfying ``subjects``."""
        if name == self.policy.subject.table:
            return subjects(row)
        terms = []
        for froms, conds, holder in self._ways(name, row):
            s = self.b.subject.alias()
            terms.append(
                exists(
                    select(literal(1))
                    .select_from(s, *froms)
                    .where(*conds, s.c[self.policy.subject.key] == holder, subjects(s))
                )
            )
        return or_(false(), *terms)

    # -- who a rule reaches -----------------------------------------------------------------------

    def _where(self, s: FromClause, where: Mapping[str, list[Any]]) -> ColumnElement[bool]:
        return and_(true(), *[s.c[c].in_(v) for c, v in where.items()])

    def _expired(self, rule: RetentionRule) -> list[Subjects]:
        """Subjects past the rule's period at the run date: no clock date on or after the cutoff (an
        open period counts as alive) and at least one clock date known. One condition per clock
        source that may be the known one, to be united: an ``OR`` of ``EXISTS`` would keep the
        server from turning them into joins."""
        cutoff = expiry_cutoff(self.as_of, self.policy.purpose(rule.purpose).retention)
        dialect = self.dialect.name

        def terms(s: FromClause) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
            key = s.c[self.policy.subject.key]
            alive, known = [], []
            for src in rule.clock:

                def filtered(t: FromClause, cond: ColumnElement[bool], src: Any = src) -> ColumnElement[bool]:
                    conds = [t.c[c].in_(v) for c, v in src.where.items()]
                    conds += [or_(t.c[c].is_(None), t.c[c].not_in(v)) for c, v in src.exclude.items()]
                    return and_(cond, *conds)

                def is_alive(t: FromClause, src: Any = src) -> ColumnElement[bool]:
                    col = t.c[src.column]
                    cond = and_(col.is_not(None), on_or_after(dialect, col, cutoff))
                    return filtered(t, or_(cond, col.is_(None)) if src.open_when_null else cond)

                def is_known(t: FromClause, src: Any = src) -> ColumnElement[bool]:
                    return filtered(t, true() if src.open_when_null else t.c[src.column].is_not(None))

                if src.organisation:
                    alive.append(self._organisation_rows(src.table, s, is_alive))
                    known.append(self._organisation_rows(src.table, s, is_known))
                elif src.table == self.policy.subject.table:
                    alive.append(is_alive(s))
                    known.append(is_known(s))
                else:
                    alive.append(self._rows_of(src.table, key, is_alive))
                    known.append(self._rows_of(src.table, key, is_known))
            return alive, known

        def branch(i: int) -> Subjects:
            def subjects(s: FromClause) -> ColumnElement[bool]:
                alive, known = terms(s)
                return and_(self._where(s, rule.where), known[i], *[not_(a) for a in alive])

            return subjects

        branches = [branch(i) for i in range(len(rule.clock))]
        if self.dialect.name != "sqlite" or len(branches) == 1:
            return branches
        # SQLite runs the OR well, and a UNION of correlated branches slowly: one condition there
        return [lambda s: or_(*(b(s) for b in branches))]

    def _without_consent(self, rule: ConsentRule) -> list[Subjects]:
        """Subjects collected before the grace period ended with no valid consent for the purpose."""
        spec = self.policy.consents
        assert spec is not None  # the policy loader requires it for consent rules
        purpose = self.policy.purpose(rule.purpose)
        wanted = purpose.consent.purpose if purpose.consent else rule.purpose
        cutoff = expiry_cutoff(self.as_of, rule.grace)

        def subjects(s: FromClause) -> ColumnElement[bool]:
            c = self.b.table(spec.table).alias()
            valid = exists(
                select(literal(1))
                .select_from(c)
                .where(
                    c.c[spec.subject_fk] == s.c[self.policy.subject.key],
                    c.c[spec.purpose_column] == wanted,
                    c.c[spec.status_column] == spec.granted_value,
                    c.c[spec.given_at].is_not(None),
                    c.c[spec.withdrawn_at].is_(None),
                    c.c[spec.text_version].is_not(None),
                    c.c[spec.mechanism].is_not(None),
                    c.c[spec.mechanism].not_in(spec.invalid_mechanisms),
                )
            )
            collected = s.c[rule.collected_at]
            return and_(self._where(s, rule.where), before(self.dialect.name, collected, cutoff), not_(valid))

        return [subjects]

    # -- what "still holds data in scope" means ---------------------------------------------------

    def _scope_checks(
        self, kind: str, rule_id: str, scope: RuleScope, subjects: list[Subjects]
    ) -> list[SqlCheck]:
        """One check per rule: the subjects it reaches that still hold data in its scope, in any
        table (the subjects are computed once, not once per table). When it fails, the gate runs
        :meth:`scope_table_checks` to say which tables keep what."""
        tables = self.scope_table_checks(kind, rule_id, scope, subjects)
        if len(tables) <= 1:
            return tables
        stmt = self._subjects_keeping(scope, subjects)
        names = ", ".join(c.table for c in tables)
        return [
            self._check(
                kind,
                f"{kind}:{rule_id}",
                self.policy.subject.table,
                stmt,
                f"{rule_id} : {_WHO[kind]} qui garde des données dans le périmètre de la règle "
                f"(tables {names})",
                rule=rule_id,
            )
        ]

    def scope_table_checks(
        self, kind: str, rule_id: str, scope: RuleScope, subjects: list[Subjects]
    ) -> list[SqlCheck]:
        """One check per table the rule reaches: its rows that belong to a subject the rule reaches
        and still hold data in the rule's scope."""
        out = []
        for name, tp in self.policy.tables.items():
            t = self.b.table(name)
            keeps = self._keeps_data(name, tp, scope, t)
            if keeps is None:
                continue
            stmt = _union(
                [select(t.c[tp.key]).where(self._belongs(name, t, each), keeps) for each in subjects]
            )
            out.append(
                self._check(
                    kind,
                    f"{kind}:{rule_id}:{name}",
                    name,
                    stmt,
                    f"{rule_id} : {_WHO[kind]} dont la table {name} garde des données dans le périmètre "
                    "de la règle",
                    rule=rule_id,
                )
            )
        return out

    def rule_table_checks(self, rule_id: str) -> list[SqlCheck]:
        """The per-table checks of a retention or consent rule (which tables a failure is in)."""
        rule = next(r for r in self.policy.rules if r.id == rule_id)
        if isinstance(rule, RetentionRule):
            return self.scope_table_checks("retention", rule.id, rule.scope, self._expired(rule))
        return self.scope_table_checks("consent", rule.id, rule.scope, self._without_consent(rule))

    def _notice_check(self, rule: RetentionRule) -> SqlCheck:
        """A rule that warns first leaves expired subjects untreated while their notice waits: their
        number may not exceed the notices the ledger holds in their wait period."""
        waiting = self.counts.pending_notices.get(rule.id, 0)
        keys = self._subjects_keeping(rule.scope, self._expired(rule)).subquery()
        untreated = select(func.count()).select_from(keys).scalar_subquery()
        return self._check(
            "retention",
            f"retention:{rule.id}:notices",
            self.policy.subject.table,
            select(literal(1)).where(untreated > waiting),
            f"{rule.id} : les personnes concernées encore non traitées sont toutes en attente de leur avis "
            f"({waiting} avis dans leur délai)",
            rule=rule.id,
        )

    def _subjects_keeping(self, scope: RuleScope, subjects: list[Subjects]) -> Any:
        """The keys of the subjects (``subjects``, one condition per branch, united) who still hold
        data in ``scope``, in any table."""
        s = self.b.subject.alias()
        key = s.c[self.policy.subject.key]
        left = []
        for name, tp in self.policy.tables.items():
            if self._keeps_data(name, tp, scope, self.b.table(name)) is None:
                continue

            def keeps(t: FromClause, name: str = name, tp: TablePolicy = tp) -> ColumnElement[bool]:
                cond = self._keeps_data(name, tp, scope, t)
                assert cond is not None
                return cond

            left.append(keeps(s) if name == self.policy.subject.table else self._rows_of(name, key, keeps))
        return _union([select(key).where(each(s), or_(false(), *left)) for each in subjects])

    def _keeps_data(
        self, name: str, tp: TablePolicy, scope: RuleScope, t: FromClause
    ) -> ColumnElement[bool] | None:
        """Rows of ``t`` that still hold data the rule's scope covers, or None if the rule does not
        reach this table."""
        in_scope = scope.all or tp.category in scope.categories
        held = self._held(tp, t)
        if tp.row_action in {"delete", "archive"} and in_scope:
            if tp.hold is None or tp.row_action == "archive":
                return true()  # deleted, or moved to the archive: no row may stay
            hold_columns = self._untreated_any(tp.hold.columns, RuleScope(all=True), t)
            return or_(not_(held), and_(held, hold_columns)) if hold_columns is not None else not_(held)
        treated = {c: a for c, a in tp.columns.items() if a.action != "keep"}
        reached = {c: a for c, a in treated.items() if scope.all or a.category in scope.categories}
        own: ColumnElement[bool] | None = None
        if reached and tp.marker and tp.row_action == "anonymise" and set(reached) == set(treated):
            own = t.c[tp.marker].is_(None)
        elif reached:
            own = self._untreated_any(reached, scope, t)
        if tp.hold is None or tp.row_action not in {"anonymise", "keep"}:
            return own
        # held rows keep what the obligation needs: only the hold's columns are due while it runs
        hold_columns = self._untreated_any(tp.hold.columns, RuleScope(all=True), t) if in_scope else None
        parts = [
            *([and_(not_(held), own)] if own is not None else []),
            *([and_(held, hold_columns)] if hold_columns is not None else []),
        ]
        return or_(*parts) if parts else None

    def _held(self, tp: TablePolicy, t: FromClause) -> ColumnElement[bool]:
        if tp.hold is None:
            return false()
        cutoff = expiry_cutoff(self.as_of, tp.hold.period)
        return on_or_after(self.dialect.name, t.c[tp.hold.starts_at], cutoff)

    def _untreated_any(
        self, columns: Mapping[str, ColumnAction], scope: RuleScope, t: FromClause
    ) -> ColumnElement[bool] | None:
        conds = [
            u
            for c, a in columns.items()
            if a.action != "keep" and (scope.all or a.category in scope.categories)
            for u in [untreated(a, t.c[c])]
            if u is not None
        ]
        return or_(*conds) if conds else None

    # -- treated columns, free text -------------------------------------------------------------

    def treated_checks(self) -> list[SqlCheck]:
        """One scan per table with a marker: every treated column of its marked rows at once (the
        gate breaks a failure down per column with :meth:`treated_column_checks`)."""
        out = []
        for name, tp in self.policy.tables.items():
            if not tp.marker:
                continue
            t = self.b.table(name)
            conds = {c: u for c, a in tp.columns.items() if (u := untreated(a, t.c[c])) is not None}
            if not conds:
                continue
            stmt = select(t.c[tp.key]).where(t.c[tp.marker].is_not(None), or_(*conds.values()))
            out.append(
                self._check(
                    "treated",
                    f"treated:{name}",
                    name,
                    stmt,
                    f"lignes marquées ({tp.marker}) : {', '.join(conds)} traités selon la politique",
                )
            )
        return out

    def orphan_checks(self, parents: Collection[str] | None = None) -> list[SqlCheck]:
        """The checks that count rows pointing at a missing parent (for a count before the run); only
        the links to ``parents`` when given (the tables a run deletes from)."""
        return self._integrity_checks(parents)

    def treated_column_checks(self, name: str) -> list[SqlCheck]:
        """The treated-column check of table ``name``, one per column: which column failed."""
        tp = self.policy.tables[name]
        assert tp.marker is not None
        t = self.b.table(name)
        out = []
        for column, action in tp.columns.items():
            cond = untreated(action, t.c[column])
            if cond is None:
                continue
            stmt = select(t.c[tp.key]).where(t.c[tp.marker].is_not(None), cond)
            out.append(
                self._check(
                    "treated",
                    f"treated:{name}.{column}",
                    name,
                    stmt,
                    f"lignes marquées ({tp.marker}) : {column} traité par « {action.action} »",
                    column=column,
                )
            )
        return out

    def _free_text_checks(self) -> list[SqlCheck]:
        out = []
        for name, tp in self.policy.tables.items():
            scrubbed = [c for c, a in tp.columns.items() if a.action == "scrub_text"]
            if not tp.marker or not scrubbed:
                continue
            t = self.b.table(name)
            for column in scrubbed:
                for label, pattern in FREE_TEXT_PATTERNS.items():
                    stmt = select(t.c[tp.key]).where(
                        t.c[tp.marker].is_not(None), self._matches(t.c[column], pattern)
                    )
                    out.append(
                        self._check(
                            "free_text",
                            f"free_text:{name}.{column}:{label}",
                            name,
                            stmt,
                            f"texte expurgé ({column}) : aucun motif « {label} » restant",
                            column=column,
                        )
                    )
        return out

    def _matches(self, column: ColumnElement[Any], pattern: str) -> ColumnElement[bool]:
        # PostgreSQL's "~", MariaDB's REGEXP (PCRE), SQLite's REGEXP (a Python function the runner
        # registers): the patterns use a syntax the three accept
        return column.regexp_match(pattern)

    # -- integrity, holds, archive ---------------------------------------------------------------

    def _integrity_checks(self, parents_in: Collection[str] | None = None) -> list[SqlCheck]:
        """No row points at a parent row that is gone, along every link of the policy (whose parent is
        one of ``parents_in``, when given)."""
        out: list[SqlCheck] = []
        subject_table = self.policy.subject.table
        for name, tp in self.policy.tables.items():
            link = tp.link
            t = self.b.table(name)
            # (parent table, column holding the parent's key, conditions, label)
            parents: list[tuple[str, ColumnElement[Any], list[ColumnElement[bool]], str]] = []
            if link.fk is not None:
                parents.append((subject_table, t.c[link.fk], [], ""))
            elif link.via is not None:
                via_column, via_parent = link.via_parts()
                parents.append((via_parent, t.c[via_column], [], ""))
            elif link.polymorphic is not None:
                poly = link.polymorphic
                for type_value, parent in poly.targets(subject_table).items():
                    type_cond = t.c[poly.type_column] == type_value
                    parents.append((parent, t.c[poly.id_column], [type_cond], f"[{type_value}]"))
            for parent, holder, conds, label in parents:
                if parents_in is not None and parent not in parents_in:
                    continue
                p = self.b.table(parent).alias()
                key = p.c[
                    self.policy.tables[parent].key
                    if parent in self.policy.tables
                    else self.policy.subject.key
                ]
                stmt = select(t.c[tp.key]).where(
                    holder.is_not(None),
                    *conds,
                    not_(exists(select(literal(1)).select_from(p).where(key == holder))),
                )
                check_name = f"integrity:{name}->{parent}{label}"
                before = (self.counts.orphans_before or {}).get(check_name, 0)
                what = f"aucune ligne de {name}{label} ne pointe vers une ligne absente de {parent}"
                if before:  # orphans the CRM held before the run: only more of them fail
                    total = select(func.count()).select_from(stmt.subquery()).scalar_subquery()
                    found = stmt.subquery()
                    stmt = select(found.c[0]).where(total > before)
                    what = f"pas plus de lignes de {name}{label} sans ligne dans {parent} qu'avant le passage ({before})"
                out.append(self._check("integrity", check_name, name, stmt, what))
        return out

    def _hold_and_archive_checks(self) -> list[SqlCheck]:
        out = []
        for name, tp in self.policy.tables.items():
            if tp.archive is None or tp.archive.table not in self._existing:
                continue
            t = self.b.table(name)
            a = self._reflect(tp.archive.table)
            key = tp.key
            both = select(t.c[key]).where(
                exists(select(literal(1)).select_from(a).where(a.c[key] == t.c[key]))
            )
            out.append(
                self._check(
                    "archive",
                    f"archive:{name}:moved",
                    name,
                    both,
                    f"une ligne archivée n'est plus dans {name} : elle n'est que dans {tp.archive.table}",
                )
            )
            if tp.hold is not None:
                ended = select(a.c[key]).where(not_(self._held(tp, a)))
                out.append(
                    self._check(
                        "archive",
                        f"archive:{tp.archive.table}:purged",
                        tp.archive.table,
                        ended,
                        f"{tp.archive.table} ne garde aucune ligne après la fin de son obligation légale",
                    )
                )
                archived = self.counts.planned.get((name, "archive"), 0)
                if archived:
                    kept = select(func.count()).select_from(a).where(self._held(tp, a)).scalar_subquery()
                    stmt = select(literal(1)).where(kept < archived)
                    out.append(
                        self._check(
                            "hold",
                            f"hold:{tp.archive.table}:kept",
                            tp.archive.table,
                            stmt,
                            f"les {archived} lignes archivées par ce passage et encore sous obligation légale "
                            f"sont dans {tp.archive.table}",
                        )
                    )
            if tp.archive.reader_role:
                grants = self._foreign_readers(tp.archive.table, tp.archive.reader_role)
                if grants is not None:
                    out.append(
                        SqlCheck(
                            kind="archive",
                            name=f"archive:{tp.archive.table}:readers",
                            table=tp.archive.table,
                            query=grants,
                            description=f"seul le rôle {tp.archive.reader_role} peut lire {tp.archive.table}",
                        )
                    )
        return out

    def _reflect(self, name: str) -> Any:
        from sqlalchemy import MetaData, Table

        return Table(name, MetaData(), autoload_with=self.b.engine)

    def _foreign_readers(self, table: str, role: str) -> str | None:
        """Roles other than ``role`` (its members, the table's owner and the account running the
        gate excepted) that may read ``table``: through a table, column or database grant, a grant
        to PUBLIC or a role they belong to. Names come from the policy."""
        name = table.replace("'", "''")
        reader = role.replace("'", "''")
        if self.dialect.name == "postgresql":
            rel = f"to_regclass('{self.dialect.identifier_preparer.quote(table).replace(chr(39), chr(39) * 2)}')"
            owner = f"(SELECT c.relowner FROM pg_class c WHERE c.oid = {rel})"
            return (
                "SELECT r.rolname FROM pg_roles r "
                "WHERE NOT r.rolsuper AND left(r.rolname, 3) <> 'pg_' "
                f"AND r.rolname <> '{reader}' AND r.rolname <> current_user "
                f"AND NOT pg_has_role(r.oid, {owner}, 'MEMBER') "
                f"AND NOT (EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = '{reader}') "
                f"AND pg_has_role(r.oid, '{reader}', 'MEMBER')) "
                f"AND has_any_column_privilege(r.oid, {rel}, 'SELECT')"
            )
        if self.dialect.name in {"mysql", "mariadb"}:
            quote = "''''"  # SQL for a string holding one quote
            me = (
                f"CONCAT({quote}, SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
                f"SUBSTRING_INDEX(CURRENT_USER(), '@', -1), {quote})"
            )
            return (
                "SELECT DISTINCT g.grantee FROM ("
                "SELECT grantee FROM information_schema.table_privileges "
                f"WHERE table_schema = DATABASE() AND table_name = '{name}' AND privilege_type = 'SELECT' "
                "UNION ALL SELECT grantee FROM information_schema.column_privileges "
                f"WHERE table_schema = DATABASE() AND table_name = '{name}' AND privilege_type = 'SELECT' "
                "UNION ALL SELECT grantee FROM information_schema.schema_privileges "
                "WHERE table_schema = DATABASE() AND privilege_type = 'SELECT'"
                f") g WHERE g.grantee NOT LIKE '''{reader}''@%' AND g.grantee <> '''{reader}''' "
                f"AND g.grantee <> {me}"
            )
        return None  # SQLite has no roles


def untreated(action: ColumnAction, column: ColumnElement[Any]) -> ColumnElement[bool] | None:
    """Values of ``column`` that the action, once applied, cannot have left; None when a treated value
    cannot be told from an untreated one (``fake``, ``scrub_text``: the table's marker says it)."""
    name = action.action
    if name in {"keep", "fake", "scrub_text"}:
        return None
    # the action's own parameter model gives the policy's values their defaults (no behaviour used)
    params = build_action(name, dict(action.params), where="validate").params.model_dump()
    if name == "null":
        return column.is_not(None)
    if name == "redact":
        return and_(column.is_not(None), column != params["value"])
    if name == "hmac":
        return and_(column.is_not(None), column.not_like(PSEUDONYM_PREFIX + "%"))
    if name == "generalise":
        to = params.get("to")
        if to in {"year", "band5"}:
            if not isinstance(column.type, Date | DateTime):
                return None
            off = or_(extract("month", column) != 1, extract("day", column) != 1)
            if to == "band5":
                off = or_(off, extract("year", column) % 5 != 0)
            return and_(column.is_not(None), off)
        if to == "departement":
            return and_(column.is_not(None), func.length(column) > 3)
        return and_(column.is_not(None), column % 10 != 0)
    return None


def _union(selects: list[Select[Any]]) -> Any:
    """One select, or the ``UNION`` (distinct rows) of several."""
    return selects[0] if len(selects) == 1 else union(*selects)
