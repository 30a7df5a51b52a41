"""The shipped vtiger CRM policy (include/policies/vtiger.yaml) on vtiger's real tables (a subset).

The schema and the data of known fate come from tests/crms/vtiger.py (see its docstring for the vtiger
source files). Driven through the real CLI on SQLite, PostgreSQL and MariaDB: the shipped policy passes
`policy check`; a sweep at the generator's run date erases every expired contact's data everywhere and
leaves everything else as it was; a second sweep changes nothing; `policy draft` on this schema writes
a policy that `policy check` accepts and that plans without changing the CRM.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from crms.checks import cli as _cli
from sqlalchemy import MetaData, String, Table, Text, select

from crm_privacy.crm.engine import make_engine
from tests.crms import vtiger as crm
from tests.crms.fate import Fate

pytestmark = [pytest.mark.integration, pytest.mark.slow]

Snapshot = dict[str, dict[Hashable, tuple[Any, ...]]]

# graphlib.CycleError from Binding.delete_order: vtiger's module tables hold a FOREIGN KEY to
# vtiger_crmentity (contactid -> crmid), while vtiger_crmentity's polymorphic link declares them as
# its parents; `policy check`, `plan` and `sweep` crash with a traceback (see the final report).


# -- small generic checks (the coordinator may fold them into a shared harness) ----------------------


def _key_columns(table: Table) -> list[str]:
    """The primary key, or the first single-column unique index (vtiger_modcomments has no key)."""
    if table.primary_key.columns:
        return [c.name for c in table.primary_key.columns]
    for index in sorted(table.indexes, key=lambda i: i.name or ""):
        if index.unique and len(index.columns) == 1:
            return [c.name for c in index.columns]
    return [c.name for c in table.columns]


def snapshot(url: str) -> Snapshot:
    """Every row of every table of the CRM, keyed by its primary (or unique) key. The product's own
    lock table (``crm_privacy_lock``, created in the CRM by the first plan: docs/sweep.md) is left out."""
    engine = make_engine(url)
    try:
        md = MetaData()
        md.reflect(engine)
        out: Snapshot = {}
        with engine.connect() as conn:
            for table in md.sorted_tables:
                if table.name.startswith("crm_privacy_"):
                    continue
                keys = _key_columns(table)
                rows: dict[Hashable, tuple[Any, ...]] = {}
                for row in conn.execute(select(table)):
                    mapping = row._mapping
                    key = mapping[keys[0]] if len(keys) == 1 else tuple(mapping[k] for k in keys)
                    rows[key] = tuple(row)
                out[table.name] = rows
        return out
    finally:
        engine.dispose()


def _text_cells(url: str) -> list[tuple[str, str, str]]:
    """(table, column, value) of every non-empty text cell of every table."""
    engine = make_engine(url)
    try:
        md = MetaData()
        md.reflect(engine)
        cells: list[tuple[str, str, str]] = []
        with engine.connect() as conn:
            for table in md.sorted_tables:
                text_cols = [c for c in table.columns if isinstance(c.type, String | Text)]
                if not text_cols:
                    continue
                for row in conn.execute(select(*text_cols)):
                    for col, value in zip(text_cols, row, strict=True):
                        if isinstance(value, str) and value:
                            cells.append((table.name, col.name, value))
        return cells
    finally:
        engine.dispose()


def check_no_secrets(url: str, fate: Fate) -> None:
    """No personal value of an expired subject is left in any text column of any table (compared
    case-insensitively; a value of 8+ digits also on its digits alone)."""
    cells = [(t, c, v.casefold(), re.sub(r"\D", "", v)) for t, c, v in _text_cells(url)]
    leaks: list[str] = []
    for subject, values in fate.secrets.items():
        for index, secret in enumerate(values):
            needle = secret.casefold()
            digits = re.sub(r"\D", "", secret)
            for table, column, low, cell_digits in cells:
                if needle in low or (len(digits) >= 8 and digits in cell_digits):
                    # never the value itself in the message: which subject, which of its values, where
                    leaks.append(f"subject {subject} value #{index} in {table}.{column}")
    assert not leaks, f"{len(leaks)} personal value(s) of expired contacts left:\n" + "\n".join(leaks[:30])


def check_untouched(before: Snapshot, after: Snapshot, fate: Fate) -> None:
    changed = [
        f"{table}[{key}] {'gone' if key not in after[table] else 'changed'}"
        for table, keys in fate.untouched.items()
        for key in sorted(keys, key=repr)
        if after[table].get(key) != before[table][key]
    ]
    assert not changed, f"{len(changed)} row(s) that must stay identical:\n" + "\n".join(changed[:30])


def check_deleted(before: Snapshot, after: Snapshot, fate: Fate) -> None:
    for table, keys in fate.deleted.items():
        assert keys <= set(before[table]), f"{table}: the generator's deleted rows were never written"
        left = sorted(keys & set(after[table]), key=repr)
        assert not left, f"{table}: {len(left)} row(s) should be deleted, still there: {left[:20]}"


def check_expired_changed(before: Snapshot, after: Snapshot, fate: Fate, subject_table: str) -> None:
    assert fate.expired <= set(before[subject_table])
    same = sorted(
        (
            k
            for k in fate.expired
            if k in after[subject_table] and after[subject_table][k] == before[subject_table][k]
        ),
        key=repr,
    )
    assert not same, f"{subject_table}: {len(same)} expired subject row(s) unchanged: {same[:20]}"


def check_counts(before: Snapshot, after: Snapshot, fate: Fate) -> None:
    """Nothing but the promised deletions disappeared, and nothing appeared."""
    for table, rows in before.items():
        extra = set(rows) - set(after.get(table, {})) - fate.deleted.get(table, frozenset())
        assert not extra, f"{table}: {len(extra)} row(s) deleted that the generator did not expect"
        assert not (set(after.get(table, {})) - set(rows)), f"{table}: rows appeared"


# -- fixtures -----------------------------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "vtiger-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    return tmp_path


@pytest.fixture
def vtiger_crm(scratch_url: str) -> tuple[str, Fate]:
    engine = make_engine(scratch_url)
    try:
        fate = crm.build(engine)
    finally:
        engine.dispose()
    return scratch_url, fate


def _sweep(capsys: pytest.CaptureFixture[str], url: str, ledger: str, as_of: str) -> Mapping[str, Any]:
    code, out = _cli(
        capsys,
        "sweep",
        "--policy",
        str(crm.POLICY),
        "--crm",
        url,
        "--ledger",
        ledger,
        "--as-of",
        as_of,
        "--json",
    )
    assert code == 0
    summary: Mapping[str, Any] = json.loads(out)
    return summary


# -- tests --------------------------------------------------------------------------------------------


def test_generator_fate_is_consistent(vtiger_crm: tuple[str, Fate]) -> None:
    """The generator's promise holds together (independent of the product)."""
    url, fate = vtiger_crm
    before = snapshot(url)
    assert fate.expired and fate.kept and not (fate.expired & fate.kept)
    assert set(before[crm.SUBJECT_TABLE]) == fate.expired | fate.kept
    for table, keys in fate.untouched.items():
        assert keys <= set(before[table]), table
        assert not (keys & fate.deleted.get(table, frozenset())), table
    # every secret is written somewhere, and no kept contact shares one
    cells = [v.casefold() for _, _, v in _text_cells(url)]
    for subject, values in fate.secrets.items():
        assert values, subject
        for value in values:
            assert any(value.casefold() in cell for cell in cells), (
                f"subject {subject}: a secret is never written"
            )
    rows = before[crm.SUBJECT_TABLE]
    cols = [c.name for c in crm.contactdetails.columns]
    kept_values = set()
    for key in fate.kept:
        row = dict(zip(cols, rows[key], strict=True))
        kept_values |= {f"{row['firstname']} {row['lastname']}".casefold(), row["email"].casefold()}
        kept_values |= {re.sub(r"\D", "", row["mobile"]), re.sub(r"\D", "", row["phone"])}
    for subject, values in fate.secrets.items():
        for value in values:
            assert value.casefold() not in kept_values and re.sub(r"\D", "", value) not in kept_values, (
                subject
            )


def test_shipped_policy_checks(
    vtiger_crm: tuple[str, Fate], env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = vtiger_crm
    code, out = _cli(capsys, "policy", "check", "--policy", str(crm.POLICY), "--crm", url)
    assert code == 0, out


def test_shipped_policy_sweep(
    vtiger_crm: tuple[str, Fate], env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fate = vtiger_crm
    ledger = f"sqlite:///{env / 'ledger.db'}"
    before = snapshot(url)

    summary = _sweep(capsys, url, ledger, fate.as_of)
    assert summary["status"] == "succeeded", summary
    assert summary["validation"]["passed"] is True, summary["validation"]
    after = snapshot(url)

    check_no_secrets(url, fate)
    check_untouched(before, after, fate)
    check_deleted(before, after, fate)
    check_expired_changed(before, after, fate, crm.SUBJECT_TABLE)
    check_counts(before, after, fate)

    again = _sweep(capsys, url, ledger, fate.as_of)
    assert again["status"] == "succeeded" and again["rows_affected"] == 0, again
    assert snapshot(url) == after, "a second sweep changed the CRM"


def test_draft_checks_and_plans(
    vtiger_crm: tuple[str, Fate], env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fate = vtiger_crm
    before = snapshot(url)
    draft = env / "draft.yaml"
    code, _ = _cli(
        capsys, "policy", "draft", "--crm", url, "--subject", crm.SUBJECT_TABLE, "--out", str(draft)
    )
    assert code == 0 and draft.is_file()
    print(f"----- policy draft -----\n{draft.read_text(encoding='utf-8')}")
    # vtiger declares no foreign key to the account: the draft finds it by the column's name
    org = yaml.safe_load(draft.read_text(encoding="utf-8"))["subject"]["organisation"]
    assert (org["table"], org["column"], org["tables"]) == (
        "vtiger_account",
        "accountid",
        {"vtiger_invoice": "accountid"},
    )
    code, out = _cli(capsys, "policy", "check", "--policy", str(draft), "--crm", url)
    assert code == 0, out
    code, out = _cli(
        capsys,
        "plan",
        "--policy",
        str(draft),
        "--crm",
        url,
        "--ledger",
        f"sqlite:///{env / 'draft_ledger.db'}",
        "--as-of",
        fate.as_of,
        "--json",
    )
    assert code == 0, out
    assert snapshot(url) == before, "policy draft / check / plan changed the CRM"
