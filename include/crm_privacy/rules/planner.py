"""Rules -> plan: for run date D, which subjects each rule reaches, what happens to each table, counts.

The plan summary (counts per table, rule and action; findings) holds no personal data. Subject keys
are streamed to a file next to the summary and read back batch by batch: memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, any_, bindparam, case, func, or_, select, true
from sqlalchemy.types import ARRAY, NullType

from crm_privacy.crm.binding import Binding, KeyMatch
from crm_privacy.errors import CrmPrivacyError
from crm_privacy.policy.model import ConsentRule, RetentionRule
from crm_privacy.privatefiles import open_private, private_dir, write_private_text
from crm_privacy.rules.keysets import TakenKeys, key_order
from crm_privacy.rules.paths import any_subject_row
from crm_privacy.rules.selection import Selection, consent_selection, retention_selection
from crm_privacy.rules.steps import TableStep, build_steps

if TYPE_CHECKING:
    from crm_privacy.rules.notices import NoticeCheck

_FETCH = 10_000
#: Planned subjects per count query on PostgreSQL: one array parameter, small enough for index probes
#: (50,000 made the server scan whole child tables once per chunk); any chunk size counts the same.
_COUNT_CHUNK = 10_000


@dataclass
class TableCount:
    table: str
    action: str
    rows: int
    table_rows: int


@dataclass
class RulePlan:
    rule_id: str
    title: str
    purpose: str
    legal_basis: str
    subjects: int
    tables: list[TableCount]
    findings: dict[str, int] = field(default_factory=dict)
    keys_file: str = ""
    notify: int = 0
    notify_file: str = ""
    kind: str = "rule"


@dataclass
class Plan:
    as_of: str
    policy_version: str
    rules: list[RulePlan]

    def summary(self) -> dict[str, Any]:
        """Counts only: what the DPO report and the ledger show."""
        per_table: dict[str, int] = {}
        for rule in self.rules:
            for t in rule.tables:
                per_table[t.table] = per_table.get(t.table, 0) + t.rows
        return {
            "as_of": self.as_of,
            "policy_version": self.policy_version,
            "rows_planned": sum(per_table.values()),
            "tables": per_table,
            "rules": [
                {k: v for k, v in asdict(r).items() if k not in {"keys_file", "notify_file"}}
                for r in self.rules
            ],
        }

    def save(self, directory: Path) -> Path:
        """Write what the guard and the apply steps need, and nothing more: per rule its id, kind,
        counts (subjects, notices, rows per table) and the names of its key files, next to the plan
        file. Titles, purposes and findings stay in the summary; the CRM keys stay in the key files.
        Written 0600 in a 0700 directory."""
        private_dir(directory)
        path = directory / "plan.json"
        data = {
            "as_of": self.as_of,
            "policy_version": self.policy_version,
            "rules": [
                {
                    "rule_id": r.rule_id,
                    "kind": r.kind,
                    "subjects": r.subjects,
                    "notify": r.notify,
                    "tables": [asdict(t) for t in r.tables],
                    "keys_file": _relative(r.keys_file, directory),
                    "notify_file": _relative(r.notify_file, directory),
                }
                for r in self.rules
            ],
        }
        write_private_text(path, json.dumps(data, indent=1, ensure_ascii=False))
        return path

    @classmethod
    def load(cls, path: Path) -> Plan:
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = [
            RulePlan(
                rule_id=r["rule_id"],
                title=r.get("title", ""),
                purpose=r.get("purpose", ""),
                legal_basis=r.get("legal_basis", ""),
                subjects=int(r["subjects"]),
                tables=[TableCount(**t) for t in r["tables"]],
                findings=dict(r.get("findings") or {}),
                keys_file=_absolute(r.get("keys_file", ""), path.parent),
                notify=int(r.get("notify", 0)),
                notify_file=_absolute(r.get("notify_file", ""), path.parent),
                kind=r.get("kind", "rule"),
            )
            for r in data["rules"]
        ]
        return cls(as_of=data["as_of"], policy_version=data["policy_version"], rules=rules)


def _relative(file: str, directory: Path) -> str:
    """A key file's name relative to the plan's directory (the directory may be mounted elsewhere on
    another worker); absolute if it lies outside."""
    if not file:
        return ""
    path = Path(file)
    return str(path.relative_to(directory)) if path.is_relative_to(directory) else str(path)


def _absolute(file: str, directory: Path) -> str:
    return "" if not file else str(directory / file)


def rule_targets(
    binding: Binding, as_of: dt.date
) -> Iterator[tuple[Any, Selection, list[TableStep], ColumnElement[bool], ColumnElement[bool]]]:
    """For each rule in policy order: its selection, its steps, the condition picking its subjects,
    and the condition "not erased by an earlier rule" (findings about those subjects are moot).

    A subject that an earlier rule erases entirely (scope ``all``) is left to that rule, so nothing
    is counted twice; rules with a narrower scope may overlap, as they treat different data. A rule
    with a notice is not such a condition: most of its subjects are only warned, or waiting, and
    later rules must still reach them; the few it acts on in this run are known from the ledger only,
    and :func:`make_plan` leaves them out of later rules (see ``keysets``)."""
    erased: list[ColumnElement[bool]] = []
    deleting: dict[str, list[ColumnElement[bool]]] = {}  # table -> targets of earlier rules deleting it
    for rule in binding.policy.rules:
        if isinstance(rule, RetentionRule):
            selection = retention_selection(binding, rule, as_of)
        else:
            assert isinstance(rule, ConsentRule)
            selection = consent_selection(binding, rule, as_of)
        steps = build_steps(binding, rule.scope, as_of, rule.id)
        # the subject table's own condition first: OR stops there, before any correlated subquery
        first = sorted(steps, key=lambda s: s.table != binding.policy.subject.table)
        pending = or_(*[_subject_has_pending(binding, s) for s in first])
        # IS NOT TRUE, not NOT: a NULL in an earlier rule's condition (a NULL `where` column) means
        # "not erased by that rule", and must not drop the subject from this one
        kept = or_(*erased).is_not(true()) if erased else true()
        target = and_(selection.expired, pending, kept)
        if rule.scope.all and not _has_notice(rule):
            erased.append(and_(selection.expired, pending))
        if not _has_notice(rule):  # a notice rule's targets are mostly only warned: not deleted
            deletes = [s for s in steps if s.kind in {"delete", "archive"}]
            for step in deletes:
                if deleting.get(step.table):
                    step.left_to_earlier = or_(*deleting[step.table])
            for table in {s.table for s in deletes}:
                deleting.setdefault(table, []).append(target)
        yield rule, selection, steps, target, kept


def make_plan(binding: Binding, as_of: dt.date, workdir: Path, notices: NoticeCheck | None = None) -> Plan:
    """Evaluate every rule; subject keys go to files in ``workdir``, counts into the plan."""
    rules: list[RulePlan] = []
    # key files hold the CRM keys of the people treated: readable by this account only
    private_dir(workdir)
    batch_size = binding.policy.guard.batch_size
    with binding.engine.connect() as conn:
        totals = {
            name: int(conn.scalar(select(func.count()).select_from(binding.table(name))) or 0)
            for name in binding.policy.tables
        }
        acted: list[Path] = []  # key files of notice rules that erase everything: taken in this run
        for rule, selection, steps, target, kept in rule_targets(binding, as_of):
            keys_file = workdir / f"keys_{rule.id}.txt"
            findings: dict[str, int] = {}
            notify_file = ""
            to_notify = 0
            if isinstance(rule, RetentionRule) and rule.notice is not None:
                if notices is None:
                    raise CrmPrivacyError(
                        f"rule {rule.id} warns people before acting: planning it needs the ledger and "
                        "the pseudonymisation key"
                    )
                notify_path = workdir / f"notify_{rule.id}.txt"
                with TakenKeys(acted) as taken:
                    subjects, to_notify, waiting = notices.split(
                        conn, binding, rule, target, keys_file, notify_path, taken
                    )
                if rule.scope.all:
                    acted.append(keys_file)
                notify_file = str(notify_path)
                findings.update(notice_to_send=to_notify, notice_waiting=waiting)
                counts = _count_rows(conn, binding, steps, keys_file, batch_size, totals)
            else:
                folded = _subject_counts(binding, steps)
                with TakenKeys(acted) as taken:
                    subjects, sums = _write_keys(
                        conn, binding, target, keys_file, list(folded.values()), taken
                    )
                known = dict(zip(folded, sums, strict=True))
                counts = _count_rows(conn, binding, steps, keys_file, batch_size, totals, known)
            findings.update(
                {
                    name: int(
                        conn.scalar(select(func.count()).select_from(binding.subject).where(cond, kept)) or 0
                    )
                    for name, cond in {"missing_date": selection.missing, **selection.findings}.items()
                }
            )
            purpose = binding.policy.purpose(rule.purpose)
            rules.append(
                RulePlan(
                    rule_id=rule.id,
                    title=rule.title,
                    purpose=purpose.id,
                    legal_basis=purpose.legal_basis.value,
                    subjects=subjects,
                    tables=counts,
                    findings={k: v for k, v in findings.items() if v},
                    keys_file=str(keys_file),
                    notify=to_notify,
                    notify_file=notify_file,
                )
            )
        if notices is not None:
            returned = _erased_returned(conn, binding, as_of, workdir, notices, totals)
            if returned is not None:
                rules.append(returned)
        rules.extend(_archive_purges(conn, binding, as_of))
    return Plan(as_of=as_of.isoformat(), policy_version=binding.policy.version, rules=rules)


#: The plan's rule for people erased on request who are back in the CRM (a re-import, a restored
#: backup): their identifiers' keyed hashes are on the ledger's suppression list.
SUPPRESSION_RULE = "suppression"


def _erased_returned(
    conn: Any, binding: Binding, as_of: dt.date, workdir: Path, notices: NoticeCheck, totals: dict[str, int]
) -> RulePlan | None:
    """People on the suppression list (reason ``erasure``) whose data is in the CRM again: erased again,
    everything the policy links to them (legal holds kept), as their request was."""
    from crm_privacy.ledger.cases import Cases
    from crm_privacy.policy.model import RuleScope
    from crm_privacy.transform.keys import identifier_hash, normalise

    store = notices.store
    idents = binding.policy.subject.identifiers
    if not idents or not hasattr(store, "engine"):
        return None
    listed = Cases(store).listed("erasure")  # type: ignore[arg-type]
    if not listed:
        return None
    steps = build_steps(binding, RuleScope(all=True), as_of, SUPPRESSION_RULE)
    first = sorted(steps, key=lambda s: s.table != binding.policy.subject.table)
    pending = or_(*[_subject_has_pending(binding, s) for s in first])
    columns = [binding.subject.c[i.column] for i in idents]
    query = select(binding.subject_key, *columns).where(pending).order_by(key_order(binding))
    result = conn.execute(query, execution_options={"stream_results": True, "yield_per": _FETCH})
    keys_file = workdir / f"keys_{SUPPRESSION_RULE}.txt"
    count = 0
    with open_private(keys_file) as out:
        for partition in result.partitions():
            for row in partition:
                for ident, value in zip(idents, row[1:], strict=True):
                    if value is None or not str(value).strip():
                        continue
                    normalised = normalise(ident.kind, str(value))
                    if identifier_hash(notices.keyring, ident.kind, normalised) in listed:
                        out.write(f"{json.dumps(row[0])}\n")
                        count += 1
                        break
    if not count:
        return None
    batch_size = binding.policy.guard.batch_size
    return RulePlan(
        rule_id=SUPPRESSION_RULE,
        title="Personnes effacées à leur demande, revenues dans le CRM (liste de suppression)",
        purpose=SUPPRESSION_RULE,
        legal_basis="legal_obligation",
        subjects=count,
        tables=_count_rows(conn, binding, steps, keys_file, batch_size, totals),
        findings={},
        keys_file=str(keys_file),
    )


def _archive_purges(conn: Any, binding: Binding, as_of: dt.date) -> list[RulePlan]:
    """Archived rows whose legal hold is over are purged (the archive is not kept 'just in case')."""
    from crm_privacy.crm.archive import archive_table

    plans = []
    for name, tp in binding.policy.tables.items():
        if tp.archive is None or tp.hold is None:
            continue
        if not binding.engine.dialect.has_table(conn, tp.archive.table):
            continue
        table = archive_table(binding, name)
        due = int(
            conn.scalar(select(func.count()).select_from(table).where(table.c.purge_after <= as_of)) or 0
        )
        total = int(conn.scalar(select(func.count()).select_from(table)) or 0)
        plans.append(
            RulePlan(
                rule_id=f"purge:{tp.archive.table}",
                title=f"Purge de l'archive {tp.archive.table} à la fin de l'obligation ({tp.hold.legal_basis})",
                purpose="archive",
                legal_basis=tp.hold.legal_basis,
                subjects=due,
                tables=[TableCount(tp.archive.table, "purge", due, total)],
                kind="purge",
            )
        )
    return plans


def _count_rows(
    conn: Any,
    binding: Binding,
    steps: list[TableStep],
    keys_file: Path,
    batch_size: int,
    totals: dict[str, int],
    known: dict[int, int] | None = None,
) -> list[TableCount]:
    """Rows each step will change, counted chunk by chunk over the planned subjects (flat memory);
    ``known``: step index -> rows already counted with the subjects (see :func:`_subject_counts`).

    PostgreSQL counts every step in one query per chunk of :data:`_COUNT_CHUNK` subjects passed as
    one array parameter; other servers run one query per step and batch with an ``IN`` list."""
    known = known or {}
    rows = [known.get(i, 0) for i in range(len(steps))]
    todo = [i for i in range(len(steps)) if i not in known]
    if todo and binding.engine.dialect.name == "postgresql":
        for keys in iter_key_batches(keys_file, _COUNT_CHUNK):
            match = key_match(binding, keys)
            counts = select(*[_count_query(binding, steps[i], match).scalar_subquery() for i in todo])
            found = conn.execute(counts, execution_options={"stream_results": False}).one()
            for i, n in zip(todo, found, strict=True):
                rows[i] += int(n or 0)
    elif todo:
        for keys in iter_key_batches(keys_file, batch_size):
            for i in todo:
                rows[i] += int(conn.scalar(_count_query(binding, steps[i], _in_list(keys))) or 0)
    return [
        TableCount(step.table, step.action_name, n, totals[step.table])
        for step, n in zip(steps, rows, strict=True)
    ]


def _subject_counts(binding: Binding, steps: list[TableStep]) -> dict[int, ColumnElement[Any]]:
    """PostgreSQL: step index -> the rows that step will change *per subject*, as a column of the query
    that selects the subjects (one pass over the data, instead of a second one over the key file).

    Only for the subject's own row and for tables holding the subject key themselves (``fk``, or a
    polymorphic link whose parent is the subject): each of their rows belongs to exactly one subject,
    so the per-subject counts add up to the rows of all subjects. Other links, and other servers, are
    counted by :func:`_count_rows`."""
    if binding.engine.dialect.name != "postgresql":
        return {}
    subject = binding.policy.subject.table
    columns: dict[int, ColumnElement[Any]] = {}
    for i, step in enumerate(steps):
        if step.table == subject:  # the subject's own row: 1 or 0
            columns[i] = case((and_(step.condition, step.pending(binding)), 1), else_=0)
        elif _holds_subject_key(binding, step.table):
            own = binding.linked(step.table, lambda col: col == binding.subject_key)
            query = select(func.count()).select_from(binding.table(step.table))
            columns[i] = query.where(own, step.condition, step.pending(binding)).scalar_subquery()
        if i in columns and step.left_to_earlier is not None:
            columns[i] = case((step.left_to_earlier.is_(true()), 0), else_=columns[i])
    return columns


def _holds_subject_key(binding: Binding, name: str) -> bool:
    link = binding.policy.tables[name].link
    if link.fk is not None:
        return True
    if link.polymorphic is not None:
        subject = binding.policy.subject.table
        return set(link.polymorphic.targets(subject).values()) == {subject}
    return False


def _count_query(binding: Binding, step: TableStep, match: KeyMatch) -> Any:
    linked = binding.linked(step.table, match)
    query = select(func.count()).select_from(binding.table(step.table))
    if step.left_to_earlier is not None:
        # rows of subjects an earlier rule of this run deletes them for: counted there, not here
        earlier = select(binding.subject_key).where(step.left_to_earlier.is_(true()))
        linked = and_(linked, binding.linked(step.table, lambda col: col.not_in(earlier)))
    return query.where(linked, step.condition, step.pending(binding))


def key_match(binding: Binding, keys: Sequence[Any]) -> KeyMatch:
    """Condition "this column holds one of ``keys``": ``= ANY(array)`` on PostgreSQL (one parameter,
    whatever the number of keys), an ``IN`` list elsewhere."""
    if binding.engine.dialect.name != "postgresql":
        return _in_list(list(keys))
    values = list(keys)

    def match(col: ColumnElement[object]) -> ColumnElement[bool]:
        typed = None if isinstance(col.type, NullType) else ARRAY(col.type)
        return col == any_(bindparam(None, values, type_=typed))

    return match


def _in_list(keys: list[Any]) -> KeyMatch:
    def match(col: ColumnElement[object]) -> ColumnElement[bool]:
        return col.in_(keys)

    return match


def _has_notice(rule: Any) -> bool:
    return isinstance(rule, RetentionRule) and rule.notice is not None


def _subject_has_pending(binding: Binding, step: TableStep) -> ColumnElement[bool]:
    """The subject row still has rows this step would change (correlated to the subject row)."""
    condition = and_(step.condition, step.pending(binding))
    if step.table == binding.policy.subject.table:
        return condition
    return any_subject_row(binding, step.table, condition)


def _write_keys(
    conn: Any,
    binding: Binding,
    target: ColumnElement[bool],
    path: Path,
    per_subject: Sequence[ColumnElement[Any]] = (),
    taken: TakenKeys | None = None,
) -> tuple[int, list[int]]:
    """Stream the subject keys in key order to ``path`` (one per line), leaving out those ``taken``
    by an earlier rule; return how many, and the sums of the ``per_subject`` counts selected with them."""
    count = 0
    sums = [0] * len(per_subject)
    query = select(binding.subject_key, *per_subject).where(target).order_by(key_order(binding))
    # statement options, not connection options: later queries on ``conn`` must not stream
    result = conn.execute(query, execution_options={"stream_results": True, "yield_per": _FETCH})
    with open_private(path) as out:
        for partition in result.partitions():
            rows = [row for row in partition if taken is None or not taken.taken(row[0])]
            out.write("".join(f"{json.dumps(row[0])}\n" for row in rows))
            count += len(rows)
            for i in range(len(sums)):
                sums[i] += sum(int(row[i + 1] or 0) for row in rows)
    return count, sums


def iter_key_batches(path: Path, batch_size: int) -> Iterator[list[Any]]:
    with path.open("rb") as lines:
        while batch := _parse_lines(list(islice(lines, batch_size))):
            yield batch


def read_key_batch(path: Path, batch_no: int, batch_size: int) -> list[Any]:
    """Keys of batch ``batch_no`` (0-based), read without loading the whole file."""
    with path.open("rb") as lines:
        if not _skip_lines(lines, batch_no * batch_size):
            return []
        return _parse_lines(list(islice(lines, batch_size)))


def _parse_lines(lines: list[bytes]) -> list[Any]:
    """One JSON value per line, decoded in one call (as a JSON array) rather than line by line."""
    if not lines:
        return []
    keys: list[Any] = json.loads(b"[" + b",".join(lines) + b"]")
    return keys


def _skip_lines(stream: IO[bytes], count: int, chunk: int = 1 << 16) -> bool:
    """Position ``stream`` at the start of line ``count`` (0-based) by counting newlines in chunks;
    False when the file has fewer lines."""
    offset = 0
    while count:
        data = stream.read(chunk)
        if not data:
            return False
        found = data.count(b"\n")
        if found >= count:
            rest = data.split(b"\n", count)[-1]
            stream.seek(offset + len(data) - len(rest))
            return True
        count -= found
        offset += len(data)
    return True
