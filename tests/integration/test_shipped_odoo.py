"""The shipped Odoo 17.0 policy (include/policies/odoo.yaml) on a generated Odoo subset (tests/crms/odoo.py).

Through the real CLI, on SQLite, PostgreSQL and MariaDB: ``policy check`` accepts the shipped policy;
a real ``sweep --as-of 2025-06-30`` leaves no secret of an expired person anywhere, leaves every row
the generator promised untouched byte for byte, deletes what it promised and changes or deletes every
expired person's row; a second sweep changes nothing; ``policy draft`` on the generated CRM writes a
draft that ``policy check`` accepts and that ``plan`` dry-runs without changing the database.
The checks are small functions over (URL, Fate) so that a shared harness can reuse them.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
import yaml
from crms import odoo
from crms.checks import cli
from crms.fate import Fate
from sqlalchemy import MetaData, String, Text, select

from crm_privacy.crm.engine import make_engine

pytestmark = [pytest.mark.integration, pytest.mark.slow]

Snapshot = dict[str, dict[Hashable, tuple[Any, ...]]]


# -- helpers ---------------------------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "odoo-shipped-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    return tmp_path


def build(url: str) -> Fate:
    engine = make_engine(url)
    try:
        return odoo.build(engine)
    finally:
        engine.dispose()


def _reflect(url: str) -> tuple[Any, MetaData]:
    engine = make_engine(url)
    md = MetaData()
    md.reflect(engine)
    return engine, md


def snapshot(url: str) -> Snapshot:
    """Every row of every table, by primary key; the sweep's own lock table (``crm_privacy_lock``,
    created in the CRM by the first plan: docs/sweep.md) is left out."""
    engine, md = _reflect(url)
    try:
        out: Snapshot = {}
        with engine.connect() as conn:
            for table in md.sorted_tables:
                if table.name == "crm_privacy_lock":
                    continue
                key = next(iter(table.primary_key.columns))
                out[table.name] = {
                    k: tuple(row[c.name] for c in table.columns)
                    for k, row in ((r[key.name], r) for r in conn.execute(select(table)).mappings())
                }
        return out
    finally:
        engine.dispose()


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def secrets_left(url: str, fate: Fate) -> list[str]:
    """Where a secret of an expired subject is still written: 'table.column #key (subject n)'."""
    wanted = [
        (subject, s.lower(), _digits(s)) for subject, values in fate.secrets.items() for s in values if s
    ]
    engine, md = _reflect(url)
    found = []
    try:
        with engine.connect() as conn:
            for table in md.sorted_tables:
                texts = [c for c in table.columns if isinstance(c.type, String | Text)]
                if not texts:
                    continue
                key = next(iter(table.primary_key.columns))
                for row in conn.execute(select(key, *texts)).mappings():
                    for column in texts:
                        value = row[column.name]
                        if not isinstance(value, str):
                            continue
                        low, digits = value.lower(), _digits(value)
                        for subject, secret, secret_digits in wanted:
                            if secret in low or (len(secret_digits) >= 8 and secret_digits in digits):
                                found.append(
                                    f"{table.name}.{column.name} #{row[key.name]} (subject {subject})"
                                )
    finally:
        engine.dispose()
    return found


def changed_untouched(before: Snapshot, after: Snapshot, fate: Fate) -> list[str]:
    out = []
    for table, keys in fate.untouched.items():
        for key in sorted(keys, key=str):
            if key not in after.get(table, {}):
                out.append(f"{table} #{key} deleted")
            elif after[table][key] != before[table][key]:
                out.append(f"{table} #{key} changed")
    return out


def not_deleted(after: Snapshot, fate: Fate) -> list[str]:
    return [
        f"{t} #{k}"
        for t, keys in fate.deleted.items()
        for k in sorted(keys, key=str)
        if k in after.get(t, {})
    ]


def expired_rows_unchanged(
    before: Snapshot, after: Snapshot, fate: Fate, subject_table: str
) -> list[Hashable]:
    rows = after.get(subject_table, {})
    return sorted((k for k in fate.expired if k in rows and rows[k] == before[subject_table][k]), key=str)


def badly_anonymised(url: str, fate: Fate) -> list[str]:
    """Expired people whose res_partner row is not anonymised as the shipped policy says (Odoo-specific)."""
    engine, md = _reflect(url)
    partner = md.tables[odoo.SUBJECT_TABLE]
    out = []
    try:
        with engine.connect() as conn:
            for row in conn.execute(select(partner).where(partner.c.id.in_(sorted(fate.expired)))).mappings():
                problems = [
                    column
                    for column, ok in (
                        ("name", row["name"] == "(anonymisé)"),
                        ("complete_name", row["complete_name"] == "(anonymisé)"),
                        ("email", str(row["email"]).startswith("pz:")),
                        ("email_normalized", str(row["email_normalized"]).startswith("pz:")),
                        ("zip", row["zip"] is not None and len(row["zip"]) <= 3),
                        *(
                            (c, row[c] is None)
                            for c in ("phone", "mobile", "street", "city", "function", "comment")
                        ),
                        ("is_company", not row["is_company"]),
                    )
                    if not ok
                ]
                if problems:
                    out.append(f"res_partner #{row['id']}: {', '.join(problems)}")
    finally:
        engine.dispose()
    return out


def sweep(
    capsys: pytest.CaptureFixture[str], policy: Path, url: str, ledger: str, as_of: str
) -> dict[str, Any]:
    code, out = cli(
        capsys, "sweep", "--policy", str(policy), "--crm", url, "--ledger", ledger, "--as-of", as_of, "--json"
    )
    assert code == 0, "sweep failed (its output is printed above)"
    return dict(json.loads(out))


# -- tests -----------------------------------------------------------------------------------------


def test_fate_is_consistent() -> None:
    """The generator's promise covers every profile: expired and kept people, deleted and held rows."""
    engine = make_engine("sqlite://")
    try:
        fate = odoo.build(engine)
    finally:
        engine.dispose()
    assert fate.expired and fate.kept and not (fate.expired & fate.kept)
    assert set(fate.secrets) == set(fate.expired)
    assert not (fate.expired & fate.untouched[odoo.SUBJECT_TABLE])
    assert fate.kept <= fate.untouched[odoo.SUBJECT_TABLE]
    for table in ("crm_lead", "mail_message", "account_move", "sale_order"):
        assert fate.deleted.get(table), f"nothing to delete in {table}"
        assert not (fate.deleted[table] & fate.untouched[table])


def test_shipped_policy_check(scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(scratch_url)
    code, out = cli(capsys, "policy", "check", "--policy", str(odoo.POLICY), "--crm", scratch_url)
    assert code == 0, out
    assert "fits" in out


def test_shipped_policy_sweep(scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fate = build(scratch_url)
    before = snapshot(scratch_url)
    assert not changed_untouched(before, before, fate)
    assert secrets_left(scratch_url, fate), "the generated CRM holds no secret: the check would prove nothing"
    ledger = f"sqlite:///{env / 'ledger.db'}"

    summary = sweep(capsys, odoo.POLICY, scratch_url, ledger, fate.as_of)
    assert summary["status"] == "succeeded", summary
    assert summary["guard"]["verdict"] == "passed", summary["guard"]
    assert summary["validation"]["passed"] is True, summary["validation"]
    assert [r["subjects"] for r in summary["rules"]] == [len(fate.expired)], summary["rules"]
    after = snapshot(scratch_url)

    assert secrets_left(scratch_url, fate) == []
    assert changed_untouched(before, after, fate) == []
    assert not_deleted(after, fate) == []
    assert expired_rows_unchanged(before, after, fate, odoo.SUBJECT_TABLE) == []
    assert badly_anonymised(scratch_url, fate) == []
    assert set(after[odoo.SUBJECT_TABLE]) == set(before[odoo.SUBJECT_TABLE]), (
        "people are anonymised, not deleted"
    )
    # nothing else was deleted than what the generator promised
    for table, rows in before.items():
        gone = set(rows) - set(after[table])
        assert gone == set(fate.deleted.get(table, ())), f"{table}: unexpected deletions"

    again = sweep(capsys, odoo.POLICY, scratch_url, ledger, fate.as_of)
    assert again["status"] == "succeeded" and again["rows_affected"] == 0, again
    assert again["validation"]["passed"] is True, again["validation"]
    assert snapshot(scratch_url) == after, "a second sweep changed the CRM"


def test_draft_on_odoo(scratch_url: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(scratch_url)
    before = snapshot(scratch_url)
    draft = env / "draft.yaml"
    code, out = cli(
        capsys, "policy", "draft", "--crm", scratch_url, "--subject", odoo.SUBJECT_TABLE, "--out", str(draft)
    )
    assert code == 0 and draft.is_file(), out
    # res_partner holds the companies too (parent_id): the draft's rule must leave them out
    rule = yaml.safe_load(draft.read_text(encoding="utf-8"))["rules"][0]
    assert rule["where"] in ({"is_company": [False]}, {"is_company": [0]})  # MariaDB: TINYINT(1)
    code, out = cli(capsys, "policy", "check", "--policy", str(draft), "--crm", scratch_url)
    assert code == 0, out
    code, out = cli(
        capsys,
        "plan",
        "--policy",
        str(draft),
        "--crm",
        scratch_url,
        "--ledger",
        f"sqlite:///{env / 'draft_ledger.db'}",
        "--as-of",
        odoo.AS_OF,
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["rows_affected"] == 0
    assert snapshot(scratch_url) == before, "policy draft / check / plan changed the CRM"
