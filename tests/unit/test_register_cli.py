"""`crm-privacy register`: writes register.json and register.html; a broken policy writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm_privacy.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "include" / "policies" / "demo_crm.yaml"
POLICIES = Path(__file__).parent / "policies"


def test_register_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register", "--policy", str(DEMO), "--out", str(tmp_path)]) == 0
    folder = tmp_path / "register"
    assert sorted(p.name for p in folder.iterdir()) == ["register.html", "register.json"]
    assert json.loads((folder / "register.json").read_text(encoding="utf-8"))["schema_version"] == 1
    assert '<html lang="fr">' in (folder / "register.html").read_text(encoding="utf-8")
    assert str(folder / "register.html") in capsys.readouterr().out


def test_register_json_prints_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["register", "--policy", str(DEMO), "--out", str(tmp_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["schema_version"] == 1
    assert len(printed["purposes"]) == 6
    assert printed == json.loads((tmp_path / "register" / "register.json").read_text(encoding="utf-8"))


def test_register_in_english(tmp_path: Path) -> None:
    assert main(["register", "--policy", str(DEMO), "--out", str(tmp_path), "--lang", "en"]) == 0
    page = (tmp_path / "register" / "register.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Record of processing activities" in page


def test_language_defaults_to_the_policy_reports_language(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(DEMO.read_text(encoding="utf-8") + "\nreports: {language: en}\n", encoding="utf-8")
    assert main(["register", "--policy", str(policy), "--out", str(tmp_path / "out")]) == 0
    assert '<html lang="en">' in (tmp_path / "out" / "register" / "register.html").read_text(encoding="utf-8")


def test_default_folder_is_the_reports_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    assert main(["register", "--policy", str(DEMO)]) == 0
    assert (tmp_path / "reports" / "register" / "register.json").is_file()


@pytest.mark.parametrize(
    "policy",
    [POLICIES / "bad_period.yaml", POLICIES / "unknown_top_level_key.yaml", POLICIES / "invalid_yaml.yaml"],
    ids=lambda p: f"{p.stem}-exits-2",
)
def test_broken_policy_exits_2_and_writes_nothing(
    policy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["register", "--policy", str(policy), "--out", str(out), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"crm-privacy: error: {policy}")
    assert captured.out == ""
    assert not out.exists()
