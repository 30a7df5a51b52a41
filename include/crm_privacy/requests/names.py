"""The person's name in other people's free text, without any identifier beside it ("rappeler Jeanne
Dupont demain" in a colleague's note): replaced when the detection engine tags a person there whose
words hold every word of the subject's recorded names (first and last name, accents and case aside).

A namesake written "M. Dupont" or "J. Dupont" is not the subject for sure and is left: erasing the
wrong person's mention is as bad as keeping the right one's. A subject with a single name word on
record (no first name) is not looked for at all, for the same reason.

Cost: one query per free-text column with an ``ILIKE`` per name word (accented letters as wildcards;
a trigram index answers it on PostgreSQL),
then the detection engine on the few rows that hold every word; the engine is loaded only when there
are such rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, select, update

from crm_privacy.crm.binding import Binding
from crm_privacy.crm.subjects import own_value_columns
from crm_privacy.detect.entities import PERSON
from crm_privacy.detect.own_values import PARTICLES, fold

#: Letters a note may write with or without an accent: wildcards in the SQL filter.
_ACCENTABLE = re.compile(r"[aceiouy]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)\s+$")
_AFTER = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)")


def subject_name_words(binding: Binding, keys: Sequence[Any]) -> list[frozenset[str]]:
    """For each subject, the folded words of its recorded names (the subject table's columns whose
    action's ``kind`` is a name), particles left out; only subjects with at least two such words."""
    columns = [column for column, kind in own_value_columns(binding) if kind == "name"]
    if not columns:
        return []
    subject = binding.subject
    with binding.engine.connect() as conn:
        rows = conn.execute(
            select(*[subject.c[c] for c in columns]).where(binding.subject_key.in_(list(keys)))
        ).all()
    out = []
    for row in rows:
        words = frozenset(w for value in row if value is not None for w in _words(str(value)))
        if len(words) >= 2:
            out.append(words)
    return out


def scrub_name_mentions(
    binding: Binding, people: Sequence[frozenset[str]], placeholder: str
) -> dict[str, int]:
    """Replace, in the policy's free-text columns, the person spans that name one of ``people``;
    return the rows changed per table."""
    if not people:
        return {}
    changed: dict[str, int] = {}
    with binding.engine.begin() as conn:
        for name, column in binding.policy.free_text_columns():
            table = binding.table(name)
            key = binding.key(name)
            col = table.c[column]
            found: dict[Any, str] = {}
            for words in people:
                where = and_(*[col.ilike(_pattern(w)) for w in sorted(words)])
                found.update((k, str(t)) for k, t in conn.execute(select(key, col).where(where)))
            if not found:
                continue
            from crm_privacy.detect.engine import get_engine

            spans = get_engine().analyze_batch(list(found.values()))
            for (row_key, text), row_spans in zip(found.items(), spans, strict=True):
                named = [
                    stretch
                    for s in row_spans
                    if s.entity_type == PERSON and (stretch := _naming(text, s.start, s.end, people))
                ]
                if not named:
                    continue
                new = _replaced(text, named, placeholder)
                conn.execute(update(table).where(key == row_key).values({column: new}))
                changed[name] = changed.get(name, 0) + 1
    return changed


def _words(value: str) -> list[str]:
    folded, _ = fold(value)
    return [
        w for part in _WORD.findall(folded) for w in part.split("-") if len(w) >= 2 and w not in PARTICLES
    ]


def _pattern(word: str) -> str:
    return "%" + _ACCENTABLE.sub("_", word) + "%"


def _naming(text: str, start: int, end: int, people: Sequence[frozenset[str]]) -> tuple[int, int] | None:
    """The stretch of ``text`` naming one of ``people`` around the person span ``start:end``: the
    span widened over the adjacent words that are that person's name words (the engine may tag
    "Philippe" alone in "Carre Philippe"), when it then holds all of them; else None."""
    for person in people:
        left, right = start, end
        while (before := _word_before(text, left)) is not None and _of(before[0], person):
            left = before[1]
        while (after := _word_after(text, right)) is not None and _of(after[0], person):
            right = after[1]
        if person <= set(_words(text[left:right])):
            return left, right
    return None


def _of(word: str, person: frozenset[str]) -> bool:
    words = _words(word)
    return bool(words) and set(words) <= person


def _word_before(text: str, at: int) -> tuple[str, int] | None:
    """The word ending just before ``at`` (spaces between), and where it starts."""
    match = _BEFORE.search(text[:at])
    return (match.group(1), match.start(1)) if match else None


def _word_after(text: str, at: int) -> tuple[str, int] | None:
    """The word starting just after ``at`` (spaces between), and where it ends."""
    match = _AFTER.match(text, at)
    return (match.group(1), match.end(1)) if match else None


def _replaced(text: str, stretches: Sequence[tuple[int, int]], placeholder: str) -> str:
    out, done = [], 0
    for start, end in sorted(stretches):
        if start < done:
            continue
        out += [text[done:start], placeholder]
        done = end
    out.append(text[done:])
    return "".join(out)
