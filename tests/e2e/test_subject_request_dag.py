"""The data-subject request DAG run by Airflow (`airflow dags test`) on the demo CRM: an invalid request
is refused at once (no retry), naming the field, and changes nothing; a value outside the form's
choices is refused before any task runs."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
DAG_ID = "crm_subject_request"


def _digest(db: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _cases(ledger: Path) -> list[tuple[str, str]]:
    if not ledger.exists():
        return []
    with sqlite3.connect(f"file:{ledger}?mode=ro", uri=True) as conn:
        known = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "subject_requests" not in known:
            return []
        return [tuple(r) for r in conn.execute("SELECT reference, status FROM subject_requests")]


def _dags_test(demo: dict[str, object], conf: dict[str, object]) -> str:
    env = demo["env"]
    assert isinstance(env, dict)
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", DAG_ID, "-c", json.dumps(conf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return proc.stdout + proc.stderr


def test_an_invalid_request_is_refused_naming_the_field_and_changes_nothing(demo: dict[str, object]) -> None:
    crm, ledger = Path(str(demo["crm"])), Path(str(demo["ledger"]))
    before = _digest(crm)
    secret = "jeanne.nobody.at.example.org"  # not an address: refused, and never written anywhere
    log = _dags_test(demo, {"request_type": "erasure", "reference": "DSR-E2E-BAD", "email": secret})
    assert "state=failed" in log, log[-3000:]
    assert "email: not an e-mail address" in log, log[-3000:]
    assert "validate failed and will not be retried" in log and "up_for_retry" not in log, log[-3000:]
    assert "task_id=handle" not in log, "handle ran after a refused request:\n" + log[-3000:]
    assert secret not in log
    assert _digest(crm) == before
    assert not [case for case in _cases(ledger) if case[0] == "DSR-E2E-BAD"]
    reports = Path(str(demo["home"])) / "reports"
    written = [p for p in reports.rglob("*") if p.is_file()] if reports.exists() else []
    assert not any(secret in p.read_text(encoding="utf-8", errors="replace") for p in written)


def test_a_value_outside_the_form_is_refused_before_any_task(demo: dict[str, object]) -> None:
    crm = Path(str(demo["crm"]))
    before = _digest(crm)
    log = _dags_test(demo, {"request_type": "forget", "reference": "DSR-E2E-PARAM", "email": "a@b.fr"})
    assert "request_type" in log and "forget" in log, log[-3000:]
    assert "state=success" not in log
    assert _digest(crm) == before


def test_the_deadlines_dag_reports_every_open_case_and_fails_on_an_overdue_one(
    demo: dict[str, object],
) -> None:
    import datetime as dt

    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases

    ledger = Ledger.from_url(f"sqlite:///{demo['ledger']}")
    cases = Cases(ledger)
    for reference, due in (("DSR-E2E-LATE", "2025-06-27"), ("DSR-E2E-SOON", "2025-07-05")):
        day = dt.date.fromisoformat(due)
        cases.open(
            reference=reference,
            request_type="erasure",
            received=day - dt.timedelta(days=30),
            due_at=day,
            identifier_hashes=["e" * 64],
            run_id=None,
        )
    ledger.close()
    env = demo["env"]
    assert isinstance(env, dict)
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", "crm_request_deadlines", "2025-06-30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    assert "state=failed" in log, log[-3000:]
    assert "on_time failed and will not be retried" in log and "up_for_retry" not in log, log[-3000:]
    assert "1 request(s) past their legal deadline on 2025-06-30: DSR-E2E-LATE" in log, log[-3000:]
    folder = Path(str(demo["home"])) / "reports" / "requests"
    document = json.loads((folder / "deadlines.json").read_text(encoding="utf-8"))
    assert document["counts"] == {"open": 2, "due_soon": 1, "overdue": 1}
    assert [(c["reference"], c["days_left"]) for c in document["cases"]] == [
        ("DSR-E2E-LATE", -3),
        ("DSR-E2E-SOON", 5),
    ]
    page = (folder / "deadlines.html").read_text(encoding="utf-8")
    assert "DSR-E2E-LATE" in page and "<svg" in page and "e" * 64 not in page
    assert "pas d'envoi de l'alerte : connexion crm_privacy_smtp non configurée" in log
