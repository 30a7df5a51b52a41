"""The generic checks of a sweep against a generator's :class:`~crms.fate.Fate`: whole-database
snapshots (the sweep's own lock table left out), personal values of expired subjects left in any text
column of any table, untouched rows changed, deleted rows left, expired subjects unchanged."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any

from sqlalchemy import MetaData, String, select

from crm_privacy.crm.engine import make_engine
from crms.fate import Fate

Snapshot = dict[str, dict[Hashable, dict[str, Any]]]


def snapshot(url: str) -> Snapshot:
    """Every row of every table, by primary key (reflected); the sweep's own lock table
    (``crm_privacy_lock``, created in the CRM by the first plan: docs/sweep.md) is left out."""
    engine = make_engine(url)
    try:
        md = MetaData()
        md.reflect(engine)
        out: Snapshot = {}
        with engine.connect() as conn:
            for table in md.sorted_tables:
                if table.name == "crm_privacy_lock":
                    continue
                pk = [c.name for c in table.primary_key.columns]
                rows: dict[Hashable, dict[str, Any]] = {}
                for row in conn.execute(select(table)).mappings():
                    key = row[pk[0]] if len(pk) == 1 else tuple(row[c] for c in pk)
                    rows[key] = dict(row)
                out[table.name] = rows
        return out
    finally:
        engine.dispose()


def text_columns(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    try:
        md = MetaData()
        md.reflect(engine)
        return {t.name: [c.name for c in t.columns if isinstance(c.type, String)] for t in md.sorted_tables}
    finally:
        engine.dispose()


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def leftover_secrets(url: str, after: Snapshot, secrets: Mapping[Hashable, tuple[str, ...]]) -> list[str]:
    """Where a personal value of an expired subject is still written (table.column[key] -> subject)."""
    needles = [
        (subject, value.lower(), _digits(value) if len(_digits(value)) >= 8 else None)
        for subject, values in secrets.items()
        for value in values
    ]
    found = []
    for table, columns in text_columns(url).items():
        for key, row in after.get(table, {}).items():
            for column in columns:
                text = row.get(column)
                if not isinstance(text, str) or not text:
                    continue
                low, digits = text.lower(), _digits(text)
                for subject, needle, needle_digits in needles:
                    if needle in low or (needle_digits and needle_digits in digits):
                        found.append(f"{table}.{column}[{key}] holds a value of expired subject {subject}")
    return found


def changed_untouched(before: Snapshot, after: Snapshot, fate: Fate) -> list[str]:
    problems = []
    for table, keys in fate.untouched.items():
        for key in sorted(keys, key=repr):
            if key not in after.get(table, {}):
                problems.append(f"{table}[{key}] is gone")
            elif after[table][key] != before[table][key]:
                diff = sorted(
                    c for c in before[table][key] if before[table][key][c] != after[table][key].get(c)
                )
                problems.append(f"{table}[{key}] changed: {diff}")
    return problems


def left_deleted(after: Snapshot, fate: Fate) -> list[str]:
    return [
        f"{t}[{k}] still there" for t, keys in fate.deleted.items() for k in keys if k in after.get(t, {})
    ]


def unchanged_expired(before: Snapshot, after: Snapshot, subject_table: str, fate: Fate) -> list[str]:
    rows = after.get(subject_table, {})
    return [
        f"{subject_table}[{k}] unchanged"
        for k in fate.expired
        if k in rows and rows[k] == before[subject_table][k]
    ]


def cli(capsys: Any, *argv: str) -> tuple[int, str]:
    """Run ``crm-privacy argv`` in-process (``crm_privacy.cli.main``): its exit code and stdout; on a
    failure stdout and stderr are printed, so pytest shows them."""
    from crm_privacy.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    if code != 0:
        print(f"crm-privacy {' '.join(argv[:2])} exited {code}:\n{out.out}\n{out.err}")
    return code, out.out
