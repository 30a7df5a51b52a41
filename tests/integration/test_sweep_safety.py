"""What keeps the sweep safe when things go wrong: a batch failing half-way, a plan touching too much,
another run holding the CRM, a policy error found while planning. On SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sweep_fixtures import DEMO_POLICY, SENT, TEST_KEY, Crm, Rows, at, changed_keys, open_crm

import crm_privacy.sweep.apply
from crm_privacy.cli import main
from crm_privacy.crm.lock import CrmLock
from crm_privacy.errors import BatchFailed, GuardRefused, PolicyError
from crm_privacy.ledger import Ledger
from crm_privacy.transform.keys import ENV_VAR

pytestmark = pytest.mark.integration

R1_TABLES = ("contacts", "interactions", "consents", "opportunities")


@pytest.fixture
def crm(scratch_url: str, tmp_path: Path) -> Iterator[Crm]:
    """The demo schema in an empty database, on each backend (``scratch_url``: integration conftest)."""
    with open_crm(scratch_url, tmp_path) as db:
        yield db


def demo_policy_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the demo policy with one setting changed (comments and layout kept)."""
    text = DEMO_POLICY.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / f"policy_{abs(hash(new))}.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def expired_prospects(rows: Rows, ids: range) -> set[int]:
    """Prospects collected 2022-05-15 with only our own sends since: all expired on 2025-06-30 (R1)."""
    for cid in ids:
        rows.prospect(
            cid, collected=at("2022-05-15"), events=[(at("2023-02-01"), SENT), (at("2024-02-01"), SENT)]
        )
    return set(ids)


def r1_rows(rows: Rows, subjects: set[int]) -> dict[str, set[int]]:
    return {t: keys for t in R1_TABLES if (keys := rows.of_contacts(t, subjects))}


def runs(crm: Crm) -> list[dict[str, Any]]:
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        return ledger.list_runs()
    finally:
        ledger.close()


def cli(crm: Crm, *args: str) -> int:
    return main(
        [
            "sweep",
            "--policy",
            str(DEMO_POLICY),
            "--crm",
            crm.url,
            "--ledger",
            crm.ledger_url,
            "--as-of",
            "2025-06-30",
            "--workdir",
            str(crm.workdir / "cli"),
            *args,
        ]
    )


# -- a batch fails half-way ---------------------------------------------------------------------------


def test_failed_batch_leaves_no_partial_change_and_the_next_run_finishes(
    crm: Crm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = demo_policy_with(tmp_path, "batch_size: 5000", "batch_size: 2")
    rows = Rows()
    rows.bystanders()
    subjects = expired_prospects(rows, range(1, 6))  # batches of subjects: [1, 2], [3, 4], [5]
    crm.load(rows)
    start = crm.snapshot()

    real_run_step = crm_privacy.sweep.apply._run_step

    def fail_in_second_batch(conn: Any, binding: Any, step: Any, keys: Any, *args: Any, **kwargs: Any) -> int:
        changed = real_run_step(conn, binding, step, keys, *args, **kwargs)
        if sorted(keys) == [3, 4] and step.table == "contacts":  # the batch's last step, after the deletes
            raise RuntimeError("injected fault in batch 2")
        return changed

    monkeypatch.setattr(crm_privacy.sweep.apply, "_run_step", fail_in_second_batch)
    with pytest.raises(BatchFailed, match="batch 2 of rule R1") as failure:  # batches count from 1
        crm.sweep(policy=policy)
    assert "injected fault" not in str(failure.value)  # the message says what failed, holds no data

    after_failure = crm.snapshot()
    assert changed_keys(start, after_failure) == r1_rows(rows, {1, 2})  # batch 1 committed, 2 and 3 not
    assert runs(crm)[0]["status"] == "failed"

    monkeypatch.undo()
    finishing = crm.sweep(policy=policy)

    assert finishing["status"] == "succeeded"
    assert changed_keys(after_failure, crm.snapshot()) == r1_rows(rows, {3, 4, 5})
    assert changed_keys(start, crm.snapshot()) == r1_rows(rows, subjects)

    after_finish = crm.snapshot()
    third = crm.sweep(policy=policy)
    assert third["rows_affected"] == 0
    assert changed_keys(after_finish, crm.snapshot()) == {}


# -- blast radius ---------------------------------------------------------------------------------------


def test_plan_over_max_share_is_refused_until_allowed_explicitly(
    crm: Crm, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 expired prospects out of 5 contacts (60 %) while the policy allows 50 % per run."""
    rows = Rows()
    rows.bystanders()
    subjects = expired_prospects(rows, range(1, 4))
    crm.load(rows)
    start = crm.checksum()
    before = crm.snapshot()

    with pytest.raises(GuardRefused, match=r"contacts: 60\.0%"):
        crm.sweep(max_share=None)
    assert crm.checksum() == start
    assert runs(crm)[0]["status"] == "refused"

    dry = crm.sweep(max_share=None, dry_run=True)  # the verdict a real run would get, and why
    assert dry["guard"]["verdict"] == "refused" and "contacts: 60.0%" in dry["guard"]["reason"]
    assert dry["check"] == "not run" and "post_check" not in dry and crm.checksum() == start

    monkeypatch.setenv(ENV_VAR, TEST_KEY)
    capsys.readouterr()
    assert cli(crm) == 2
    assert "max_share" in capsys.readouterr().err
    assert crm.checksum() == start

    assert cli(crm, "--max-share", "0.8") == 0  # consents and opportunities: 3 of 4 rows (75 %)
    assert changed_keys(before, crm.snapshot()) == r1_rows(rows, subjects)


# -- lock -----------------------------------------------------------------------------------------------


def test_sweep_is_refused_while_another_run_holds_the_lock(crm: Crm) -> None:
    rows = Rows()
    rows.bystanders()
    subjects = expired_prospects(rows, range(1, 3))
    crm.load(rows)
    before, start = crm.snapshot(), crm.checksum()
    other = CrmLock(crm.engine, run_id="other-run", job="retention_sweep", mode="process")
    third = CrmLock(crm.engine, run_id="third-run", job="retention_sweep", mode="process", wait=0.2)
    try:
        assert other.acquire() is None  # the lock lives in the CRM (crm_privacy.crm.lock)

        with pytest.raises(GuardRefused, match="locked by run other-run"):
            crm.sweep()

        assert crm.checksum() == start
        with pytest.raises(GuardRefused, match="other-run"):
            third.acquire()  # still theirs
    finally:
        other.release()
    assert crm.sweep()["status"] == "succeeded"
    assert changed_keys(before, crm.snapshot()) == r1_rows(rows, subjects)


# -- a policy error found while planning ------------------------------------------------------------------


def test_policy_error_while_planning_releases_the_lock_and_closes_the_run(crm: Crm, tmp_path: Path) -> None:
    """An unknown action is found when the rules' steps are built: the run must be refused before it
    takes the lock (or end if it had started), so that the corrected policy can run at once instead of
    waiting hours for the lease."""
    broken = demo_policy_with(
        tmp_path,
        'phone:         {category: contact_channel, action: "null"}',
        "phone: {category: contact_channel, action: nullify}",
    )
    rows = Rows()
    rows.bystanders()
    subjects = expired_prospects(rows, range(1, 3))
    crm.load(rows)
    before, start = crm.snapshot(), crm.checksum()

    with pytest.raises(PolicyError, match="unknown action 'nullify'"):
        crm.sweep(policy=broken)

    assert crm.checksum() == start
    assert all(run["status"] in {"failed", "refused"} for run in runs(crm))  # none left 'running'

    assert crm.sweep()["status"] == "succeeded"
    assert changed_keys(before, crm.snapshot()) == r1_rows(rows, subjects)


def test_plan_files_are_readable_by_the_sweeps_account_only(crm: Crm, tmp_path: Path) -> None:
    """The key files name the people being erased: their directory is private (0700), also when the
    work directory comes from Airflow's CRM_PRIVACY_WORKDIR or --workdir and existed before."""
    import os
    import stat

    from sweep_fixtures import D

    from crm_privacy.crm.binding import bind
    from crm_privacy.policy.loader import load_policy
    from crm_privacy.rules.notices import NoticeCheck
    from crm_privacy.rules.planner import make_plan
    from crm_privacy.transform.keys import KeyRing

    rows = Rows()
    expired_prospects(rows, range(1, 4))
    crm.load(rows)
    workdir = tmp_path / "work" / "run"
    workdir.mkdir(parents=True, mode=0o755)
    os.chmod(workdir, 0o755)
    ledger = Ledger.from_url(crm.ledger_url)
    try:
        notices = NoticeCheck(ledger, KeyRing(TEST_KEY), D)
        plan = make_plan(bind(load_policy(DEMO_POLICY).policy, crm.engine), D, workdir, notices)
    finally:
        ledger.close()
    keys_file = Path(next(r.keys_file for r in plan.rules if r.rule_id == "R1"))
    assert keys_file.read_text().count("\n") == 3
    assert stat.S_IMODE(workdir.stat().st_mode) == 0o700
