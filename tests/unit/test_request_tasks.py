"""The request DAG's tasks as plain functions: ``validate`` refuses an invalid request at once, naming
the field, before anything is read; ``handle`` runs the request on a demo CRM in SQLite and returns a
summary without the person's identifiers; a case left for review fails the task."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest

# Airflow replaces the root logger's handlers when airflow.sdk is first imported: done before any test.
from airflow.sdk import Connection  # noqa: F401
from airflow.sdk.exceptions import AirflowFailException

from crm_privacy.ledger import Ledger
from crm_privacy.ledger.cases import Cases
from crm_privacy.requests import tasks

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2025, 6, 30)
KEYS = (
    "request_type",
    "reference",
    "received",
    "changes",
    "email",
    "phone",
    "ref",
    "dry_run",
    "awaiting_identity",
    "policy",
    "crm_conn_id",
    "ledger_conn_id",
)
SECRET_EMAIL = "zoe.secret-person@example.org"


def params(**given: Any) -> dict[str, Any]:
    base = {
        "request_type": "erasure",
        "reference": "DSR-2025-0001",
        "received": None,
        "changes": {},
        "email": None,
        "phone": None,
        "ref": None,
        "dry_run": False,
        "awaiting_identity": False,
        "policy": "demo_crm.yaml",
        "crm_conn_id": "crm_demo",
        "ledger_conn_id": "crm_privacy_ledger",
    }
    return {**base, **given}


@pytest.fixture
def airflow_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Connections to an (empty) CRM and ledger in ``tmp_path``, the key, the policy directory."""
    for conn_id, name in (("CRM_DEMO", "crm.db"), ("CRM_PRIVACY_LEDGER", "ledger.db")):
        monkeypatch.setenv(
            f"AIRFLOW_CONN_{conn_id}", json.dumps({"conn_type": "sqlite", "host": str(tmp_path / name)})
        )
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY", "unit-test-key-0123456789abcdef")
    monkeypatch.setenv("CRM_PRIVACY_POLICY_DIR", str(ROOT / "include" / "policies"))
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    monkeypatch.delenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", raising=False)
    return tmp_path


# ---- validate ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"email": "not-an-email"}, "email: not an e-mail address"),
        ({"email": None}, "identifiers: give at least one of email, phone"),
        ({"phone": "12"}, "phone: not a phone number"),
        ({"received": "2025-07-01"}, "received: 2025-07-01 is in the future"),
        ({"received": "30/06/2025"}, "received: '30/06/2025' is not a date"),
        ({"reference": None}, "reference: a case reference is required"),
        ({"changes": {"city": "Lyon"}}, "changes: only a rectification takes changes"),
        ({"request_type": "rectification"}, "changes: a rectification needs at least one"),
        ({"request_type": "forget"}, "request type: 'forget' is not one of"),
        ({"policy": "/etc/passwd"}, "policy"),
        ({"crm_conn_id": "nowhere"}, "'nowhere' (crm_conn_id param) is not defined"),
    ],
    ids=[
        "bad-email",
        "no-identifier",
        "bad-phone",
        "received-in-the-future",
        "received-not-iso",
        "no-reference",
        "changes-on-erasure",
        "rectification-without-changes",
        "unknown-type",
        "policy-outside-the-directory",
        "unknown-connection",
    ],
)
def test_an_invalid_request_fails_at_once_naming_the_field(
    airflow_env: Path, given: dict[str, Any], field: str, caplog: pytest.LogCaptureFixture
) -> None:
    conf = params(email=SECRET_EMAIL.replace("@", "") if "email" in given else SECRET_EMAIL)
    conf.update(given)
    with caplog.at_level(logging.INFO), pytest.raises(AirflowFailException) as failed:
        tasks.validate(conf, {k: v for k, v in conf.items() if v is not None}, KEYS, DAY)
    assert field in str(failed.value)
    assert SECRET_EMAIL not in caplog.text and SECRET_EMAIL.replace("@", "") not in caplog.text
    assert not (airflow_env / "crm.db").exists() and not (airflow_env / "ledger.db").exists()


def test_a_conf_typo_is_refused_with_the_valid_keys(airflow_env: Path) -> None:
    with pytest.raises(
        AirflowFailException,
        match=r"'emial' \(did you mean email\?\).*valid keys: awaiting_identity, changes",
    ):
        tasks.validate(params(email=SECRET_EMAIL), {"emial": SECRET_EMAIL}, KEYS, DAY)


def test_a_valid_request_returns_no_identifier(airflow_env: Path, caplog: pytest.LogCaptureFixture) -> None:
    conf = params(email=SECRET_EMAIL, phone="06 12 34 56 78", ref="CLI-0000042")
    with caplog.at_level(logging.INFO):
        validated = tasks.validate(conf, conf, KEYS, DAY)
    assert validated == {
        "reference": "DSR-2025-0001",
        "request_type": "erasure",
        "received": "2025-06-30",  # empty: the run's day
        "as_of": "2025-06-30",
        "dry_run": False,
        "policy": str(ROOT / "include" / "policies" / "demo_crm.yaml"),
        "crm_conn_id": "crm_demo",
        "ledger_conn_id": "crm_privacy_ledger",
    }
    assert "identified by email, phone, reference" in caplog.text
    for value in (SECRET_EMAIL, "06 12 34 56 78", "0612345678", "612345678", "CLI-0000042"):
        assert value not in caplog.text


@pytest.mark.parametrize(
    ("logical", "run_after", "expected"),
    [
        (dt.datetime(2025, 6, 30, 23, 0, tzinfo=dt.UTC), None, dt.date(2025, 6, 30)),
        (None, dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC), dt.date(2025, 7, 1)),
        (dt.datetime(2999, 1, 1, tzinfo=dt.UTC), None, None),
    ],
    ids=["logical-date", "rest-trigger-without-logical-date", "future-is-today"],
)
def test_the_run_day(
    logical: dt.datetime | None, run_after: dt.datetime | None, expected: dt.date | None
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    assert tasks.run_day(logical, run_after) == (expected or today)


def test_a_summary_quoting_an_identifier_is_withheld() -> None:
    from crm_privacy.requests.model import parse_request

    request = parse_request(
        "erasure", reference="R-1", received=DAY, email=f" {SECRET_EMAIL.upper()} ", today=DAY
    )
    secrets = tasks.request_values(request)
    summary = {"status": "closed", "nested": {"note": f"found {SECRET_EMAIL}"}, "rows": 3, "run_id": "r2025"}
    assert tasks.without_identifiers(summary, secrets) == {
        "status": "closed",
        "nested": {"note": tasks.WITHHELD},
        "rows": 3,
        "run_id": "r2025",
    }


# ---- handle (the real runner) ---------------------------------------------------------------------
@pytest.fixture
def demo_env(airflow_env: Path, crm: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``airflow_env`` with the CRM connection on this test's copy of the demo CRM."""
    monkeypatch.setenv("AIRFLOW_CONN_CRM_DEMO", json.dumps({"conn_type": "sqlite", "host": str(crm)}))
    return crm


def _person(crm: Path) -> tuple[str, str]:
    with sqlite3.connect(crm) as conn:
        row = conn.execute(
            "SELECT email, phone FROM contacts c WHERE email IS NOT NULL AND phone IS NOT NULL "
            "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 ORDER BY id"
        ).fetchone()
    return str(row[0]), str(row[1])


def _handle(conf: dict[str, Any], run_id: str) -> dict[str, Any]:
    validated = tasks.validate(conf, conf, KEYS, DAY)
    return tasks.handle(conf, validated, run_id, "crm_subject_request")


def test_an_erasure_returns_a_summary_without_identifiers_and_is_done_once(
    demo_env: Path, airflow_env: Path, caplog: pytest.LogCaptureFixture
) -> None:
    email, phone = _person(demo_env)
    conf = params(email=email, received="2025-06-02")
    with caplog.at_level(logging.INFO):
        summary = _handle(conf, "manual__erasure_1")
    assert summary["status"] == "closed" and summary["subjects_found"] == 1, summary
    assert summary["reference"] == "DSR-2025-0001" and summary["due_at"] == "2025-07-02"
    assert Path(summary["report"]).is_file() and "subject_request" in summary["report"]
    dumped = json.dumps(summary, default=str)
    for value in (email, phone):
        assert value not in dumped and value not in caplog.text
    ledger = Ledger.from_url(f"sqlite:///{airflow_env / 'ledger.db'}")
    assert Cases(ledger).get("DSR-2025-0001")["status"] == "closed"  # type: ignore[index]
    again = _handle(conf, "manual__erasure_2")
    assert again["status"] == "closed" and "already closed" in again["note"]


def test_several_people_matching_fail_the_task_for_review(demo_env: Path, airflow_env: Path) -> None:
    with sqlite3.connect(demo_env) as conn:
        first, second = conn.execute("SELECT id FROM contacts ORDER BY id LIMIT 2").fetchall()
        conn.execute("UPDATE contacts SET phone = '06 11 22 33 44' WHERE id = ?", first)
        conn.execute("UPDATE contacts SET phone = '+33611223344' WHERE id = ?", second)
    conf = params(phone="0611223344", reference="DSR-AMB")
    with pytest.raises(AirflowFailException, match="NeedsReview: case DSR-AMB waits for a person") as failed:
        _handle(conf, "manual__review")
    assert "0611223344" not in str(failed.value) and "Report: " in str(failed.value)


def test_a_dry_run_changes_nothing(demo_env: Path) -> None:
    email, _ = _person(demo_env)
    before = demo_env.read_bytes()
    summary = _handle(params(email=email, dry_run=True, reference="DSR-DRY"), "manual__dry")
    assert summary["status"] == "planned" and summary["dry_run"] is True
    assert demo_env.read_bytes() == before


def test_awaiting_identity_registers_the_case_and_changes_nothing(demo_env: Path, airflow_env: Path) -> None:
    email, _ = _person(demo_env)
    before = demo_env.read_bytes()
    summary = _handle(params(email=email, awaiting_identity=True, reference="DSR-WAIT"), "manual__wait")
    assert summary["status"] == "waiting_identity" and "case pause" in summary["note"]
    assert demo_env.read_bytes() == before
    ledger = Ledger.from_url(f"sqlite:///{airflow_env / 'ledger.db'}")
    assert Cases(ledger).get("DSR-WAIT")["status"] == "waiting_identity"  # type: ignore[index]
