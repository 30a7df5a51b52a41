"""An erasure request through Airflow's REST API (``airflow_server.py``: api-server, scheduler and
dag-processor on a free port), as the README tells a back office to send one: token, then a run of
``crm_subject_request`` with ``logical_date: null``.

One demo customer with invoices is erased: their e-mail, phone and customer reference are found nowhere
in the CRM afterwards but in the invoice archive (kept under C. com. L123-22); the case register has the
case closed, the suppression list the keyed hashes; XCom and the task logs hold no identifier; a
second trigger with the same reference changes nothing. A value outside the form gets 400.

Run: ``pytest -m e2e tests/e2e/test_subject_request_api.py`` (a few minutes, most of it starting Airflow).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crm_privacy.requests.runner import identifier_hashes
from crm_privacy.transform.keys import KeyRing, normalise
from tests.e2e.airflow_server import BIN, AirflowServer, LogReporter

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DAG_ID = "crm_subject_request"
RUN_TIMEOUT = 600
ARCHIVE = "invoices_archive"


@pytest.fixture(scope="module")
def airflow(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[AirflowServer]:
    home = tmp_path_factory.mktemp("airflow-requests")
    crm, ledger = home / "crm.db", home / "ledger.db"
    demo = subprocess.run(
        [str(BIN / "crm-privacy"), "demo-db", "--url", f"sqlite:///{crm}", "--contacts", "300", "--seed", "42",
         "--as-of", "2025-06-30"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stdout + demo.stderr
    server = AirflowServer(home=home, crm=crm, ledger=ledger)
    reporter = LogReporter(server, "airflow")
    request.config.pluginmanager.register(reporter, "crm-privacy-request-logs")
    try:
        server.start()
        server.wait_dag(DAG_ID)
        server.unpause(DAG_ID)
        yield server
    finally:
        server.stop()
        request.config.pluginmanager.unregister(reporter)


def digest(db: Path) -> dict[str, str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        out = {}
        for table in tables:
            h = hashlib.sha256()
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                h.update(repr(row).encode())
            out[table] = h.hexdigest()
    return out


def customer_with_invoices(crm: Path) -> tuple[Any, str, str, str]:
    """A customer with e-mail, phone and customer reference, invoices still under their legal hold,
    the only contact with that e-mail and that phone."""
    with sqlite3.connect(crm) as conn:
        row = conn.execute(
            "SELECT c.id, c.email, c.phone, c.customer_ref FROM contacts c "
            "WHERE c.email IS NOT NULL AND c.phone IS NOT NULL AND c.customer_ref IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM invoices i WHERE i.contact_id = c.id AND i.fiscal_year_close >= '2016-01-01') "
            "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 "
            "AND (SELECT count(*) FROM contacts o WHERE o.phone = c.phone) = 1 ORDER BY c.id"
        ).fetchone()
    assert row is not None, "no customer with invoices in the demo CRM"
    return row[0], str(row[1]), str(row[2]), str(row[3])


def found_in(crm: Path, values: list[str]) -> dict[str, int]:
    """``table.column`` -> rows holding one of ``values`` (case-insensitive; phones by their digits)."""
    found: dict[str, int] = {}
    with sqlite3.connect(f"file:{crm}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for _, column, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
                if not any(t in str(kind).upper() for t in ("CHAR", "TEXT", "CLOB")) and kind:
                    continue
                for value in values:
                    digits = re.sub(r"\D", "", value)
                    if "@" in value or len(digits) < 8:
                        sql, arg = (
                            f'SELECT count(*) FROM "{table}" WHERE lower("{column}") LIKE ?',
                            f"%{value.lower()}%",
                        )
                    else:
                        stripped = f'"{column}"'
                        for sep in (" ", ".", "-", "+"):
                            stripped = f"replace({stripped}, '{sep}', '')"
                        sql, arg = (
                            f'SELECT count(*) FROM "{table}" WHERE {stripped} LIKE ?',
                            f"%{digits[-9:]}%",
                        )
                    n = conn.execute(sql, (arg,)).fetchone()[0]
                    if n:
                        found[f"{table}.{column}"] = found.get(f"{table}.{column}", 0) + n
    return found


def trigger(airflow: AirflowServer, conf: dict[str, Any]) -> str:
    run_id = f"e2e_request_{uuid.uuid4().hex[:8]}"
    resp = airflow.trigger(DAG_ID, run_id, None, conf)  # type: ignore[arg-type]  # logical_date: null
    assert resp.status_code == 200, f"trigger refused: {resp.status_code} {resp.text}"
    return run_id


def wait_success(airflow: AirflowServer, run_id: str) -> None:
    started = time.monotonic()
    run, tis = airflow.wait_run(DAG_ID, run_id, RUN_TIMEOUT)
    assert run["state"] == "success", (
        f"run {run_id} {run['state']} after {time.monotonic() - started:.0f} s: {airflow.describe(tis)}\n"
        f"{airflow.run_logs(DAG_ID, run_id, tis)}"
    )


def summary_of(airflow: AirflowServer, run_id: str) -> dict[str, Any]:
    entry = airflow.api_json(
        "GET", f"/api/v2/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances/handle/xcomEntries/return_value"
    )
    value = entry["value"]
    return dict(json.loads(value) if isinstance(value, str) else value)


def test_an_erasure_through_the_rest_api(airflow: AirflowServer) -> None:
    key, email, phone, ref = customer_with_invoices(airflow.crm)
    with sqlite3.connect(airflow.crm) as conn:
        invoices = conn.execute("SELECT count(*) FROM invoices WHERE contact_id = ?", (key,)).fetchone()[0]
    assert invoices > 0
    held = found_in(airflow.crm, [email, phone, ref])
    assert {"contacts.email", "contacts.phone", "contacts.customer_ref"} <= set(held), held
    conf = {"request_type": "erasure", "reference": "DSR-E2E-API-1", "email": email, "received": "2025-06-02"}

    run_id = trigger(airflow, conf)
    wait_success(airflow, run_id)

    # nothing of the person is left in the CRM but in the invoice archive (C. com. L123-22)
    left = found_in(airflow.crm, [email, phone, ref])
    assert all(where.startswith(f"{ARCHIVE}.") for where in left), f"left in the CRM: {left}"
    with sqlite3.connect(airflow.crm) as conn:
        assert conn.execute("SELECT count(*) FROM invoices WHERE contact_id = ?", (key,)).fetchone()[0] == 0
        archived, basis = conn.execute(
            f"SELECT count(*), min(legal_basis) FROM {ARCHIVE} WHERE contact_id = ?", (key,)
        ).fetchone()
    assert 0 < archived <= invoices and basis == "C. com. L123-22"

    # the case register and the suppression list, people as keyed hashes only
    with sqlite3.connect(airflow.ledger) as conn:
        status, due = conn.execute(
            "SELECT status, due_at FROM subject_requests WHERE reference = 'DSR-E2E-API-1'"
        ).fetchone()
        suppressed = {
            r[0] for r in conn.execute("SELECT identifier_hash FROM suppression WHERE reason = 'erasure'")
        }
        ledger_text = "\n".join(
            repr(row)
            for table in ("subject_requests", "suppression")
            for row in conn.execute(f"SELECT * FROM {table}")
        )
    assert status == "closed" and str(due)[:10] == "2025-07-02"
    given = {
        "email": normalise("email", email),
        "phone": normalise("phone", phone),
        "reference": normalise("reference", ref),
    }
    hashes = identifier_hashes(KeyRing(airflow.hmac_key), given)
    assert set(hashes) <= suppressed, "the suppression list lacks the person's identifier hashes"
    assert email.lower() not in ledger_text.lower() and ref not in ledger_text

    # XCom: the summary only; the task logs: no identifier
    summary = summary_of(airflow, run_id)
    assert summary["status"] == "closed" and summary["reference"] == "DSR-E2E-API-1", summary
    assert summary["subjects_found"] == 1 and summary["leftovers"] == {}, summary
    validated = airflow.api_json(
        "GET", f"/api/v2/dags/{DAG_ID}/dagRuns/{run_id}/taskInstances/validate/xcomEntries/return_value"
    )
    exposed = json.dumps([summary, validated], default=str) + airflow.run_logs(DAG_ID, run_id)
    for value in (email, phone, ref, normalise("phone", phone)):
        assert value.lower() not in exposed.lower(), "an identifier in XCom or in a task log"

    # the same reference again: nothing changes
    before = digest(airflow.crm)
    again = trigger(airflow, conf)
    wait_success(airflow, again)
    assert digest(airflow.crm) == before
    repeat = summary_of(airflow, again)
    assert repeat["status"] == "closed" and "already closed" in repeat["note"], repeat


def test_a_request_type_outside_the_form_gets_400(airflow: AirflowServer) -> None:
    before = digest(airflow.crm)
    resp = airflow.api(
        "POST",
        f"/api/v2/dags/{DAG_ID}/dagRuns",
        json={
            "logical_date": None,
            "conf": {"request_type": "forget", "reference": "DSR-E2E-400", "email": "a@b.fr"},
        },
    )
    assert resp.status_code == 400 and "request_type" in resp.text, resp.text
    assert digest(airflow.crm) == before
