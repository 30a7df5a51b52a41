"""Issue 11: every run leaves a report a DPO can read and sign (report.json, report.html), an index of
all runs, and the register; no report holds personal data.

Runs are real: the CLI (`crm-privacy sweep`, `discovery`, `validate`) on a demo CRM in SQLite; the
numbers a report shows are compared with what the run itself printed and with the CRM.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from crm_privacy.cli import main

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
AS_OF = "2025-06-30"
KEY = "report-test-key-0123456789abcdef"

NAME = "Zoé Canari-Rapport"
EMAIL = "zoe.canari.rapport@example.org"
PHONE = "06 98 76 11 22"
NIR = "2 84 05 75 115 032 43"
CANARIES = ["canari", "98 76 11 22", "0698761122", "2840575115032", "115 032 43"]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    reports = tmp_path / "reports"
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(reports))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", KEY)
    monkeypatch.delenv("CRM_PRIVACY_REPORT_LANG", raising=False)
    monkeypatch.delenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", raising=False)
    crm = tmp_path / "crm.db"
    assert (
        main(["demo-db", "--url", f"sqlite:///{crm}", "--contacts", "400", "--seed", "11", "--as-of", AS_OF])
        == 0
    )
    yield {"crm": crm, "ledger": tmp_path / "ledger.db", "reports": reports, "tmp": tmp_path}


def sweep(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], *extra: str, policy: Path = POLICY
) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(
        [
            "sweep",
            "--policy",
            str(policy),
            "--crm",
            f"sqlite:///{env['crm']}",
            "--ledger",
            f"sqlite:///{env['ledger']}",
            "--as-of",
            AS_OF,
            "--max-share",
            "0.8",
            "--json",
            *extra,
        ]
    )
    out = capsys.readouterr().out.strip()
    return code, (json.loads(out) if out else {})


def text_of(page: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def french(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def test_a_real_sweep_reports_what_it_did(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, summary = sweep(env, capsys)
    assert code == 0 and summary["status"] == "succeeded", summary
    html_path = Path(summary["report"])
    run_dir = html_path.parent
    assert run_dir.parent == env["reports"] / "retention_sweep"
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1 and report["kind"] == "crm_privacy.run_report"
    assert report["run_id"] == summary["run_id"] and report["status"] == "succeeded"
    assert report["dry_run"] is False and report["as_of"] == AS_OF
    assert report["policy"]["sha256"] == hashlib.sha256(POLICY.read_bytes()).hexdigest()
    assert report["policy"]["version"] == summary["policy_version"]
    assert report["totals"]["rows_treated"] == summary["rows_affected"] > 0
    assert report["started_at"] and report["finished_at"] and report["duration_seconds"] >= 0
    # per rule and table: the counts the run printed, with the purpose's legal basis
    printed = {
        (r["rule_id"], t["table"], t["action"]): t["rows"] for r in summary["rules"] for t in r["tables"]
    }
    reported = {
        (r["rule_id"], a["table"], a["action"]): a["rows"] for r in report["rules"] for a in r["actions"]
    }
    assert reported == printed
    r1 = next(r for r in report["rules"] if r["rule_id"] == "R1")
    assert r1["legal_basis"] == "legitimate_interest" and r1["legal_basis_label"].startswith(
        "Intérêt légitime"
    )
    # the contacts the CRM really lost: anonymised contacts carry the policy's marker
    with sqlite3.connect(env["crm"]) as conn:
        anonymised = conn.execute("SELECT count(*) FROM contacts WHERE anonymised_at IS NOT NULL").fetchone()[
            0
        ]
    assert reported[("R1", "contacts", "anonymise")] <= anonymised
    # holds: the invoices' legal hold and its archive
    hold = next(h for h in report["holds"] if h["table"] == "invoices")
    assert hold["archive_table"] == "invoices_archive" and hold["period"] == "10y"
    assert hold["rows_archived"] == sum(
        v for (rule, t, a), v in printed.items() if t == "invoices" and a == "archive"
    )
    # what the archive keeps after the run, and when it will be purged: as the CRM says
    with sqlite3.connect(env["crm"]) as conn:
        kept, first, last = conn.execute(
            "SELECT count(*), min(purge_after), max(purge_after) FROM invoices_archive WHERE purge_after > ?",
            (AS_OF,),
        ).fetchone()
    assert kept > 0 and hold["archive_rows_kept"] == kept
    assert (hold["next_purge"], hold["last_purge"]) == (first[:10], last[:10])
    # validation: the gate's verdict and its Data Docs next to the report
    assert report["validation"]["passed"] is True and report["validation"]["expectations"] > 10
    assert report["validation"]["data_docs"] == "data_docs/index.html"
    assert (run_dir / "data_docs" / "index.html").is_file()
    # decisions: the consent findings of the demo CRM, written for the DPO
    codes = {d["code"] for d in report["decisions"]}
    assert "invalid_mechanism" in codes and all(d["text"] for d in report["decisions"])

    page = html_path.read_text(encoding="utf-8")
    words = text_of(page)
    assert "Rapport d'exécution" in words and "réussi" in words and "Validation — réussie" in words
    assert french(summary["rows_affected"]) in words
    assert "Intérêt légitime (art. 6(1)(f))" in words and "C. com. L123-22" in words
    assert f"prochaine purge : {first[:10]}" in words
    for decision in report["decisions"]:
        assert decision["text"] in words
    assert page.count("<svg") >= 1  # the chart of rows by rule and action
    assert 'href="data_docs/"' in page  # the list of the run's validation pages (RGPD page)
    # one self-contained file: nothing fetched from anywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(http" not in page and "<script" not in page.lower()


def test_a_dry_run_says_it_changed_nothing(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, summary = sweep(env, capsys, "--dry-run")
    assert code == 0 and summary["status"] == "planned"
    report = json.loads(Path(summary["report"]).with_name("report.json").read_text(encoding="utf-8"))
    assert report["dry_run"] is True and report["totals"]["rows_treated"] == 0
    assert report["totals"]["rows_planned"] == summary["rows_planned"] > 0
    assert report["validation"]["passed"] is None and "dry run" in report["validation"]["reason"]
    words = text_of(Path(summary["report"]).read_text(encoding="utf-8"))
    assert "simulation (dry run) : rien n'a été modifié" in words
    assert "lignes prévues" in words and french(summary["rows_planned"]) in words
    assert "non exécutée" in words


def test_the_index_lists_every_run_newest_first_with_a_trend(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, dry = sweep(env, capsys, "--dry-run")
    _, real = sweep(env, capsys)
    _, again = sweep(env, capsys)  # nothing left to do: 0 rows
    index = json.loads((env["reports"] / "index.json").read_text(encoding="utf-8"))
    assert [r["run_id"] for r in index["runs"]] == [again["run_id"], real["run_id"], dry["run_id"]]
    first = index["runs"][1]
    assert first["rows_treated"] == real["rows_affected"] and first["validation_passed"] is True
    assert first["status"] == "succeeded" and first["dry_run"] is False
    assert (env["reports"] / first["report_html"]).is_file() and (
        env["reports"] / first["data_docs"]
    ).is_file()
    assert index["runs"][0]["rows_treated"] == 0
    listing = text_of((env["reports"] / "index.html").read_text(encoding="utf-8"))
    assert french(real["rows_affected"]) in listing and "simulation (dry run)" in listing
    # the trend of the last run: the three runs, oldest first, with their rows
    report = json.loads(Path(again["report"]).with_name("report.json").read_text(encoding="utf-8"))
    assert [p["rows_treated"] for p in report["trend"]] == [0, real["rows_affected"], 0]
    assert Path(again["report"]).read_text(encoding="utf-8").count("<svg") == 1  # trend only: nothing to do
    # the register of processing is kept next to the runs
    assert (env["reports"] / "register" / "register.html").is_file()


def test_english_reports_with_a_setting(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_PRIVACY_REPORT_LANG", "en")
    _, summary = sweep(env, capsys)
    words = text_of(Path(summary["report"]).read_text(encoding="utf-8"))
    assert "Run report" in words and "Validation — passed" in words
    assert f"{summary['rows_affected']:,}" in words and "Legitimate interest (art. 6(1)(f))" in words
    assert "Rapport d'exécution" not in words


def test_policy_words_are_escaped(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    policy = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    policy["rules"][0]["title"] = "<script>alert('x')</script> & <b>gras</b>"
    hostile = env["tmp"] / "policy.yaml"
    hostile.write_text(yaml.safe_dump(policy, allow_unicode=True), encoding="utf-8")
    code, summary = sweep(env, capsys, policy=hostile)
    assert code == 0
    page = Path(summary["report"]).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>gras" not in page
    assert "&lt;script&gt;" in page


def test_a_refused_run_is_reported_with_the_decision_to_take(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = main(
        [
            "sweep",
            "--policy",
            str(POLICY),
            "--crm",
            f"sqlite:///{env['crm']}",
            "--ledger",
            f"sqlite:///{env['ledger']}",
            "--as-of",
            AS_OF,
            "--max-share",
            "0.05",
        ]
    )
    assert code == 2
    [path] = list((env["reports"] / "retention_sweep").glob("*/report.json"))
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["status"] == "refused" and report["totals"]["rows_treated"] == 0
    assert [d["code"] for d in report["decisions"]].count("guard_refused") == 1
    words = text_of(path.with_name("report.html").read_text(encoding="utf-8"))
    assert "refusé par le garde-fou" in words and "max_share" in words


def test_object_storage_gets_a_copy(
    env: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An object storage URL (here fsspec's in-memory file system, through Airflow's ObjectStoragePath):
    the run's folder, the index and the register are copied there."""
    import fsspec
    from airflow.sdk import ObjectStoragePath
    from airflow.sdk.io import attach

    attach("memory", fs=fsspec.filesystem("memory"))  # as a provider registers s3://, gs://...
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", "memory://crm-privacy-test/reports")
    _, summary = sweep(env, capsys)
    local = Path(summary["report"])
    assert local.is_relative_to(env["tmp"] / "work" / "reports")
    remote = ObjectStoragePath("memory://crm-privacy-test/reports")
    rel = local.parent.relative_to(env["tmp"] / "work" / "reports").as_posix()
    assert (remote / rel / "report.html").read_text() == local.read_text(encoding="utf-8")
    assert json.loads((remote / "index.json").read_text())["runs"][0]["run_id"] == summary["run_id"]
    assert (remote / rel / "data_docs" / "index.html").exists()
    assert (remote / "register" / "register.html").exists()


def test_no_report_holds_personal_data(env: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Canary values in rows the sweep treats, in a note, and in a column the policy does not
    declare (discovery reports it): no file under the reports base holds any of them."""
    with sqlite3.connect(env["crm"]) as conn:
        expired = conn.execute(
            "SELECT id FROM contacts WHERE status = 'prospect' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        first, last = NAME.split(" ", 1)
        conn.execute(
            "UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ? WHERE id = ?",
            (first, last, EMAIL, PHONE, expired),
        )
        conn.execute(
            "UPDATE notes SET body = ? WHERE id = (SELECT min(id) FROM notes)",
            (f"Rappeler {NAME} au {PHONE}, NIR {NIR}",),
        )
        conn.execute(
            "UPDATE companies SET internal_comment = ? WHERE id = (SELECT min(id) FROM companies)",
            (f"contact {NAME} {EMAIL} {PHONE}",),
        )
    sweep(env, capsys)
    sweep(env, capsys, "--dry-run")
    capsys.readouterr()
    assert (
        main(
            [
                "discover",
                "--policy",
                str(POLICY),
                "--crm",
                f"sqlite:///{env['crm']}",
                "--ledger",
                f"sqlite:///{env['ledger']}",
                "--json",
            ]
        )
        == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert "companies.internal_comment" in {f"{c['table']}.{c['column']}" for c in found["undeclared"]}
    discovery = json.loads(Path(found["report"]).with_name("report.json").read_text(encoding="utf-8"))
    assert any(
        d["code"] == "undeclared_column" and d["column"] == "internal_comment" for d in discovery["decisions"]
    )
    assert main(
        [
            "validate",
            "--policy",
            str(POLICY),
            "--crm",
            f"sqlite:///{env['crm']}",
            "--ledger",
            f"sqlite:///{env['ledger']}",
            "--as-of",
            AS_OF,
        ]
    ) in (0, 1)
    files = sorted(p for p in env["reports"].rglob("*") if p.is_file())
    jobs = {p.relative_to(env["reports"]).parts[0] for p in files if p.name == "report.html"}
    assert jobs == {"retention_sweep", "pii_discovery", "validate"}, jobs
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        plain = html.unescape(text).lower()
        for canary in [*CANARIES, EMAIL.lower(), NAME.lower()]:
            assert canary.lower() not in plain, f"{canary!r} in {path}"
