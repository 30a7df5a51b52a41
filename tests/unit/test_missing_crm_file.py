"""A mistyped SQLite CRM path is refused by every command that reads the CRM, and no file appears:
SQLite would otherwise create an empty database there and the command would report "no tables"."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_privacy.cli import main

POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "demo_crm.yaml"


@pytest.mark.parametrize(
    "argv",
    [
        ["policy", "check", "--policy", str(POLICY)],
        ["policy", "draft", "--subject", "contacts"],
        ["plan", "--policy", str(POLICY), "--as-of", "2025-06-30"],
        ["sweep", "--policy", str(POLICY), "--as-of", "2025-06-30", "--dry-run"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_a_missing_sqlite_crm_is_refused_and_not_created(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    missing = tmp_path / "typo_crm.db"
    extra = ["--crm", f"sqlite:///{missing}"]
    if argv[0] in ("plan", "sweep"):
        extra += ["--ledger", f"sqlite:///{tmp_path / 'ledger.db'}"]
    if argv[:2] == ["policy", "draft"]:
        extra += ["--out", str(tmp_path / "draft.yaml")]

    code = main([*argv, *extra])

    err = capsys.readouterr().err
    assert code != 0
    assert f"no SQLite database at {missing}" in err
    assert not missing.exists(), "the command created an empty CRM at the mistyped path"
    assert not (tmp_path / "draft.yaml").exists()
