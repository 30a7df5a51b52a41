"""`crm-privacy request` and `crm-privacy suppression check` as a user runs them (SQLite)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from crm_privacy.cli import main

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
POLICY = str(ROOT / "include" / "policies" / "demo_crm.yaml")


@pytest.fixture
def crm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    monkeypatch.setenv("CRM_PRIVACY_HMAC_KEY", "cli-request-key-0123456789abcdef")
    db = tmp_path / "crm.db"
    assert (
        main(
            [
                "demo-db",
                "--url",
                f"sqlite:///{db}",
                "--contacts",
                "200",
                "--seed",
                "5",
                "--as-of",
                "2025-06-30",
            ]
        )
        == 0
    )
    return {"crm": f"sqlite:///{db}", "ledger": f"sqlite:///{tmp_path / 'ledger.db'}", "db": str(db)}


def request(crm: dict[str, str], *args: str) -> int:
    return main(["request", *args, "--policy", POLICY, "--crm", crm["crm"], "--ledger", crm["ledger"]])


def test_erasure_then_suppression_check(
    crm: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(crm["db"]) as conn:
        email, ref = conn.execute(
            "SELECT email, customer_ref FROM contacts WHERE email IS NOT NULL AND customer_ref IS NOT NULL ORDER BY id"
        ).fetchone()
    capsys.readouterr()
    assert (
        request(
            crm, "erasure", "--email", email, "--reference", "DSR-CLI", "--received", "2025-06-02", "--json"
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "closed" and summary["due_at"] == "2025-07-02"
    assert Path(summary["letter"]).is_file() and Path(summary["report"]).is_file()
    lines = "\n".join(
        [
            json.dumps({"email": f" {email.upper()} "}),
            json.dumps({"ref": ref}),
            json.dumps({"email": "x@y.fr"}),
            "{}",
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines + "\n"))
    assert main(["suppression", "check", "--ledger", crm["ledger"], "--json"]) == 2  # the malformed line
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a.get("suppressed") for a in answers] == [True, True, False, None]
    assert "error" in answers[3]


def test_invalid_input_names_the_field_and_exits_2(
    crm: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(crm["db"]).read_bytes()
    assert request(crm, "erasure", "--reference", "DSR-X") == 2
    assert "identifiers: give at least one of" in capsys.readouterr().err
    assert request(crm, "rectification", "--email", "a@b.fr", "--reference", "DSR-Y") == 2
    assert "changes: a rectification needs" in capsys.readouterr().err
    assert request(crm, "erasure", "--email", "a@b.fr", "--received", "2999-01-01") == 2
    assert "received:" in capsys.readouterr().err
    assert Path(crm["db"]).read_bytes() == before


def test_scenario_11_identity_pause_then_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Received 2025-06-02 from an unknown address; identity asked 06-04, answered 06-14: due 07-12;
    a complex case is extended before that date, never after, never beyond 3 months in all."""
    import datetime as dt

    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    ledger = Ledger.from_url(url)
    Cases(ledger).open(
        reference="DSR-11",
        request_type="access",
        received=dt.date(2025, 6, 2),
        due_at=dt.date(2025, 7, 2),
        identifier_hashes=["h" * 64],
        run_id=None,
    )
    ledger.close()
    case = ["case", "pause", "--ledger", url, "--reference", "DSR-11"]
    assert main([*case, "--asked", "2025-06-04", "--answered", "2025-06-14"]) == 0
    assert "due 2025-07-12" in capsys.readouterr().out
    extend = ["case", "extend", "--ledger", url, "--reference", "DSR-11", "--reason", "demande complexe"]
    assert main([*extend, "--months", "1", "--today", "2025-07-13"]) == 2  # too late
    assert "has passed" in capsys.readouterr().err
    assert main([*extend, "--months", "2", "--today", "2025-07-10"]) == 0
    assert "due 2025-09-12" in capsys.readouterr().out
    assert main([*extend, "--months", "1", "--today", "2025-07-11"]) == 2  # 3 months in all
    assert main(["case", "list", "--ledger", url, "--open"]) == 0
    assert "DSR-11" in capsys.readouterr().out
    assert Ledger.from_url(url).audit_problems() == []


def test_a_request_waits_for_the_identity_check(
    crm: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Art. 12(6): a doubt on who is asking. The case is registered and nothing is done until the check
    is recorded; the pause moves the deadline; the same request then runs."""
    with sqlite3.connect(crm["db"]) as conn:
        key, email = conn.execute(
            "SELECT id, email FROM contacts WHERE email IS NOT NULL AND anonymised_at IS NULL ORDER BY id"
        ).fetchone()

    def contact() -> tuple[object, ...]:
        with sqlite3.connect(crm["db"]) as conn:
            return tuple(conn.execute("SELECT * FROM contacts WHERE id = ?", (key,)).fetchone())

    before = contact()
    args = ["erasure", "--email", email, "--reference", "DSR-ID", "--received", "2025-06-02", "--json"]
    capsys.readouterr()
    assert request(crm, *args, "--awaiting-identity") == 0
    waiting = json.loads(capsys.readouterr().out)
    assert waiting["status"] == "waiting_identity" and "case pause" in waiting["note"]
    assert contact() == before
    # sent again without the flag before the check is recorded: still nothing done
    assert request(crm, *args) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "waiting_identity"
    assert contact() == before
    assert main(["case", "list", "--ledger", crm["ledger"], "--open"]) == 0
    assert "waiting_identity" in capsys.readouterr().out
    # the identity document asked on 5 June, received on 15 June: 10 days paused
    assert (
        main(
            [
                *("case", "pause", "--ledger", crm["ledger"], "--reference", "DSR-ID"),
                *("--asked", "2025-06-05", "--answered", "2025-06-15"),
            ]
        )
        == 0
    )
    assert "due 2025-07-12" in capsys.readouterr().out
    assert request(crm, *args) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["status"] == "closed" and done["due_at"] == "2025-07-12", done
    assert contact() != before
    with sqlite3.connect(crm["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM contacts WHERE email = ?", (email,)).fetchone()[0] == 0


def test_awaiting_identity_and_dry_run_together_are_refused(
    crm: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        request(crm, "access", "--email", "a@b.fr", "--reference", "X-1", "--dry-run", "--awaiting-identity")
        == 2
    )
    assert "awaiting_identity" in capsys.readouterr().err
