"""Per-row subject keys for every kind of link, and the values the CRM holds for a batch of subjects.

``subject_key_of`` answers "whose row is this?" in SQL: the subject key itself for an ``fk`` link, a
correlated sub-query up a ``via`` chain, and for a ``polymorphic`` link a ``CASE`` on the type column
(a note attached to an opportunity belongs to the opportunity's contact, not to the opportunity id).

``fetch_own_values`` reads, in one statement on the sweep's connection (so inside the batch's
transaction, before the subject row is anonymised: steps run children first), the values free text
about a subject must not keep: see ``own_value_columns`` and docs/policy.md.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, String, case, null, select, type_coerce

from crm_privacy.crm.binding import Binding, KeyMatch
from crm_privacy.detect.own_values import OwnKind, OwnValue, own_value
from crm_privacy.transform.keys import PREFIX

#: Actions after which (part of) the recorded value is still in the subject row, or that treat free
#: text rather than a value: their columns are not looked for in notes.
_VALUE_KEPT_ACTIONS = frozenset({"keep", "generalise", "scrub_text"})
#: ``kind`` parameter of hmac / fake -> how the value is matched
_KINDS: dict[str, OwnKind] = {
    "first_name": "name",
    "last_name": "name",
    "name": "name",
    "person": "name",
    "email": "email",
    "phone": "phone",
    "reference": "reference",
}


def subject_key_of(binding: Binding, name: str) -> ColumnElement[Any]:
    """SQL expression, on rows of table ``name``, giving the key of the subject each row belongs to
    (NULL for a polymorphic row whose type is not one of the policy's parents)."""
    return _key_on(binding, name, binding.table(name))


def _key_on(binding: Binding, name: str, table: FromClause) -> ColumnElement[Any]:
    tp = binding.policy.tables[name]
    link = tp.link
    if link.subject:
        return table.c[tp.key]
    if link.fk is not None:
        return table.c[link.fk]
    if link.polymorphic is not None:
        poly = link.polymorphic
        subject_table = binding.policy.subject.table
        whens = []
        for type_value, parent in poly.targets(subject_table).items():
            parent_id = table.c[poly.id_column]
            key = parent_id if parent == subject_table else _parent_key(binding, parent, parent_id)
            whens.append((table.c[poly.type_column] == type_value, key))
        return type_coerce(case(*whens, else_=null()), binding.subject_key.type)
    column, parent = link.via_parts()
    return _parent_key(binding, parent, table.c[column])


def _parent_key(binding: Binding, parent: str, reference: ColumnElement[Any]) -> ColumnElement[Any]:
    """The subject key of the ``parent`` row that ``reference`` points at (a correlated sub-query on an
    alias, so that a chain may pass through the same table twice)."""
    alias = binding.table(parent).alias()
    found = select(_key_on(binding, parent, alias)).where(
        alias.c[binding.policy.tables[parent].key] == reference
    )
    return type_coerce(found.scalar_subquery(), binding.subject_key.type)


def own_value_columns(binding: Binding) -> list[tuple[str, OwnKind]]:
    """Columns of the subject table whose values are removed from the subject's free text: the
    subject's ``identifiers``, then every text column of the subject table's policy whose action takes
    the value out of the row (``null``, ``redact``, ``hmac``, ``fake``, any other than ``keep``,
    ``generalise`` and ``scrub_text``). hmac/fake ``kind`` tells names, e-mails, phones, references."""
    policy = binding.policy
    out: dict[str, OwnKind] = {i.column: i.kind for i in policy.subject.identifiers}
    subject = binding.subject
    for column, spec in policy.tables[policy.subject.table].columns.items():
        if column in out or spec.action in _VALUE_KEPT_ACTIONS:
            continue
        if not isinstance(subject.c[column].type, String):
            continue  # dates and numbers: not words a note would hold as such
        out[column] = _KINDS.get(str(spec.params.get("kind", "")), "text")
    return list(out.items())


def fetch_own_values(conn: Connection, binding: Binding, match: KeyMatch) -> dict[Any, tuple[OwnValue, ...]]:
    """Subject key -> the values to remove from free text about them, for the subjects ``match``
    selects (one statement; values already pseudonymised, ``pz:...``, are not the person's)."""
    columns = own_value_columns(binding)
    if not columns:
        return {}
    subject, key = binding.subject, binding.subject_key
    query = select(key, *[subject.c[c] for c, _ in columns]).where(match(key))
    out: dict[Any, tuple[OwnValue, ...]] = {}
    for row in conn.execute(query):
        values = []
        for (_, kind), raw in zip(columns, row[1:], strict=True):
            if raw is None or str(raw).startswith(PREFIX):
                continue
            found = own_value(kind, raw)
            if found is not None and found not in values:
                values.append(found)
        if values:
            out[row[0]] = tuple(values)
    return out
