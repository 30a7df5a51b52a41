"""The daily deadlines of open data-subject requests, on a ledger in SQLite: which cases are listed,
their days left, the report's two files (no identifier nor hash), and the run failing on an overdue case."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

# Airflow replaces the root logger's handlers when airflow.sdk is first imported: done before any test.
from airflow.sdk import Connection  # noqa: F401
from airflow.sdk.exceptions import AirflowFailException

from crm_privacy.ledger import Ledger
from crm_privacy.ledger.cases import Cases
from crm_privacy.requests import tasks
from crm_privacy.requests.alerts import body, send_alert, subject
from crm_privacy.requests.deadline_report import alerts, case_deadlines
from crm_privacy.requests.deadlines import ALERT_DAYS
from crm_privacy.transform.keys import KeyRing

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 6, 30)
KEYS = ("policy", "ledger_conn_id")
EMAIL = "jeanne.martin@example.org"
HASH = KeyRing("unit-test-key-0123456789abcdef").digest("identifier", f"email:{EMAIL}")

# reference -> (days from AS_OF to the due date, status)
CASES: dict[str, tuple[int, str]] = {
    "DSR-LATE": (-2, "open"),
    "DSR-TODAY": (0, "waiting_identity"),
    "DSR-TEN": (ALERT_DAYS, "open"),
    "DSR-ELEVEN": (ALERT_DAYS + 1, "review"),
    "DSR-CLOSED": (-20, "closed"),
    "DSR-REFUSED": (-5, "refused"),
}


def _open(cases: Cases, reference: str, days: int, status: str) -> None:
    due = AS_OF + dt.timedelta(days=days)
    cases.open(
        reference=reference,
        request_type="erasure" if days % 2 else "access",
        received=due - dt.timedelta(days=30),
        due_at=due,
        identifier_hashes=[HASH],
        run_id=f"run-{reference}",
    )
    if status != "open":
        cases.update(reference, status=status)


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """A ledger on SQLite holding ``CASES``, as the Airflow connection ``crm_privacy_ledger``;
    reports under ``tmp_path/reports``; no SMTP connection."""
    path = tmp_path / "ledger.db"
    monkeypatch.setenv(
        "AIRFLOW_CONN_CRM_PRIVACY_LEDGER", json.dumps({"conn_type": "sqlite", "host": str(path)})
    )
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_POLICY_DIR", str(ROOT / "include" / "policies"))
    monkeypatch.delenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", raising=False)
    monkeypatch.delenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", raising=False)
    ledger = Ledger.from_url(f"sqlite:///{path}")
    cases = Cases(ledger)
    for reference, (days, status) in CASES.items():
        _open(cases, reference, days, status)
    return ledger


def params() -> dict[str, Any]:
    return {"policy": "demo_crm.yaml", "ledger_conn_id": "crm_privacy_ledger"}


def run_listing(day: dt.date = AS_OF, conf: dict[str, Any] | None = None) -> dict[str, Any]:
    return tasks.list_deadlines(params(), conf or {}, KEYS, "scheduled__2025-06-30T00:00:00+00:00", day)


@pytest.mark.parametrize(
    ("days", "state"),
    [
        (-30, "overdue"),
        (-1, "overdue"),
        (0, "due_soon"),
        (ALERT_DAYS, "due_soon"),
        (ALERT_DAYS + 1, "on_time"),
    ],
    ids=["a-month-late", "a-day-late", "due-today", "due-at-the-alert-limit", "due-after-the-alert-limit"],
)
def test_days_left_and_state(days: int, state: str) -> None:
    case = {"reference": "R", "request_type": "access", "received": AS_OF, "status": "open"}
    (found,) = case_deadlines([{**case, "due_at": AS_OF + dt.timedelta(days=days)}], AS_OF)
    assert (found.days_left, found.state) == (days, state)


def test_every_open_case_is_listed_nearest_deadline_first(ledger: Ledger, tmp_path: Path) -> None:
    found = run_listing()
    assert (found["open"], found["due_soon"], found["overdue"]) == (4, 2, 1)
    assert found["overdue_references"] == ["DSR-LATE"]
    assert found["due_soon_references"] == ["DSR-TODAY", "DSR-TEN"]
    document = json.loads(Path(found["json"]).read_text(encoding="utf-8"))
    assert document["as_of"] == "2025-06-30" and document["alert_days"] == ALERT_DAYS
    rows = {c["reference"]: (c["days_left"], c["state"], c["status"]) for c in document["cases"]}
    assert rows == {
        "DSR-LATE": (-2, "overdue", "open"),
        "DSR-TODAY": (0, "due_soon", "waiting_identity"),
        "DSR-TEN": (10, "due_soon", "open"),
        "DSR-ELEVEN": (11, "on_time", "review"),
    }
    assert [c["reference"] for c in document["cases"]] == ["DSR-LATE", "DSR-TODAY", "DSR-TEN", "DSR-ELEVEN"]
    assert document["cases"][0]["due_at"] == "2025-06-28" and document["cases"][0]["received"] == "2025-05-29"
    assert Path(found["json"]) == tmp_path / "reports" / "requests" / "deadlines.json"
    assert Path(found["report"]) == tmp_path / "reports" / "requests" / "deadlines.html"


def test_the_report_is_french_with_a_chart_and_holds_no_identifier(ledger: Ledger) -> None:
    found = run_listing()
    html = Path(found["report"]).read_text(encoding="utf-8")
    text = html + Path(found["json"]).read_text(encoding="utf-8")
    assert HASH not in text and EMAIL not in text
    assert not re.search(r"[0-9a-f]{40,}", text), "a hash-like value in the deadline report"
    assert "<svg" in html and "http" not in html.split("<svg", 1)[0].replace("http-equiv", "")
    for words in (
        "Demandes des personnes concernées",
        "en retard",
        "échéance proche",
        "effacement (art. 17)",
    ):
        assert words in html, words
    for reference in ("DSR-LATE", "DSR-TODAY", "DSR-TEN", "DSR-ELEVEN"):
        assert reference in html
    assert "DSR-CLOSED" not in text and "DSR-REFUSED" not in text


def test_an_overdue_case_fails_the_run_naming_it_and_the_report(ledger: Ledger) -> None:
    found = run_listing()
    assert Path(found["report"]).is_file()  # written before the run fails
    with pytest.raises(AirflowFailException, match=r"DeadlinePassed: 1 request\(s\) past") as failed:
        tasks.on_time(found)
    assert "DSR-LATE" in str(failed.value) and found["report"] in str(failed.value)


def test_no_overdue_case_the_run_stays_green(ledger: Ledger) -> None:
    Cases(ledger).update("DSR-LATE", status="closed", outcome="answered")
    found = run_listing()
    assert found["overdue"] == 0
    assert tasks.on_time(found) == "no request past its deadline; 2 due soon: DSR-TODAY, DSR-TEN"


def test_an_empty_register_writes_an_empty_report(tmp_path: Path, ledger: Ledger) -> None:
    for reference in ("DSR-LATE", "DSR-TODAY", "DSR-TEN", "DSR-ELEVEN"):
        Cases(ledger).update(reference, status="closed")
    found = run_listing()
    assert (found["open"], found["overdue"]) == (0, 0)
    assert "Aucune demande ouverte." in Path(found["report"]).read_text(encoding="utf-8")
    assert found["mail"] == "pas d'envoi : aucune échéance proche ni dépassée"


def test_a_conf_typo_is_refused_before_anything_is_written(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(AirflowFailException, match=r"ledger_conn_idd.*did you mean ledger_conn_id"):
        run_listing(conf={"ledger_conn_idd": "x"})
    assert not (tmp_path / "reports").exists()


def test_without_smtp_connection_the_alert_is_one_log_line(
    ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="crm_privacy"):
        found = run_listing()
    assert found["mail"] == "pas d'envoi de l'alerte : connexion crm_privacy_smtp non configurée"
    lines = [r for r in caplog.records if r.name == "crm_privacy.requests.alerts"]
    assert len(lines) == 1


def test_the_alert_text_names_cases_not_people(ledger: Ledger) -> None:
    to_act = alerts(case_deadlines(Cases(ledger).all(open_only=True), AS_OF))
    assert subject(to_act, "2025-06-30") == (
        "[RGPD] URGENT Demandes des personnes au 2025-06-30 : 1 en retard, 2 dans les 10 jours"
    )
    text = body(to_act, "2025-06-30", "/reports/requests/deadlines.html")
    lines = text.splitlines()
    # escalation (D+28): overdue or due within 2 days
    assert "URGENT : échéance dans 2 jours ou moins, ou dépassée : DSR-LATE, DSR-TODAY" in lines
    # the first alert (D+20: 10 days left) is not urgent
    ten = [c for c in to_act if c.reference == "DSR-TEN"]
    assert not subject(ten, "2025-06-30").startswith("[RGPD] URGENT") and "URGENT" not in body(
        ten, "2025-06-30"
    )
    assert "- DSR-LATE : accès (art. 15), échéance 2025-06-28, en retard de 2 jours" in lines
    assert "- DSR-TODAY : accès (art. 15), échéance 2025-06-30, échéance aujourd'hui" in lines
    assert "- DSR-TEN : accès (art. 15), échéance 2025-07-10, 10 jours restants" in lines
    assert "DSR-ELEVEN" not in text and HASH not in text and EMAIL not in text
    assert send_alert([], "2025-06-30") == "pas d'envoi : aucune échéance proche ni dépassée"
