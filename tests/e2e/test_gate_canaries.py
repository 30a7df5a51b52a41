"""Issue 10, point 2: no personal data in any result of the validation gate, even when it fails.

A first real sweep (`airflow dags test`) leaves a compliant CRM and a passing gate. Canary values (a
name, an e-mail, a phone number, a NIR, an IBAN, a card number) are then seeded in rows that violate
each kind of expectation and that a second sweep will not touch (their subject is anonymised already,
their note is marked scrubbed, their interaction belongs to nobody, their archive row's purge date is
far away). The second sweep's gate must fail, naming the failed expectations, and no artefact of the
run may hold any canary: the ledger, the run's reports (summary and Data Docs), its work directory,
the task logs (the command's output and Airflow's log files), XCom and the rest of Airflow's metadata
database. Only the CRM itself holds them.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
RUN_DATE = "2025-06-30"
CONF = {"max_share": 0.8}

NAME = "Zoé Canari-Testeuse"
EMAIL = "zoe.canari@example.org"
PHONE = "06 98 76 54 32"
NIR = "2 84 05 75 115 032 43"
IBAN = "FR76 3000 6000 0112 3456 7890 189"
CARD = "4970 1012 3456 7893"  # Luhn-valid (Visa prefix)
NOTE = f"Rappeler {NAME} au {PHONE} ou par courriel ({EMAIL}). NIR {NIR}, IBAN {IBAN}, carte {CARD}."

#: What must appear nowhere: the values and the fragments a partial copy, a normalised form (digits
#: only, E.164) or an escaped form (JSON \\u00e9, HTML) would still show. Letters: any case.
CANARIES = [NAME, EMAIL, PHONE, NIR, IBAN, CARD]
FRAGMENTS_ANY_CASE = ["canari", "testeuse"]
FRAGMENTS = [
    "98 76 54 32",
    "0698765432",
    "+33698765432",
    "33698765432",
    "2840575115032",
    "284057511503243",
    "115 032",
    "FR7630006000011234567890189",
    "3000 6000 0112",
    "3456 7890 189",
    "4970101234567893",
    "4970 1012",
    "1012 3456 7893",
]

#: The expectations the seeded rows violate: name -> (table, column).
EXPECTED_FAILED = {
    "treated:contacts.email": ("contacts", "email"),
    "treated:contacts.phone": ("contacts", "phone"),
    "free_text:notes.body:e-mail": ("notes", "body"),
    "free_text:notes.body:téléphone": ("notes", "body"),
    "free_text:notes.body:IBAN": ("notes", "body"),
    "free_text:notes.body:carte bancaire": ("notes", "body"),
    "free_text:notes.body:NIR": ("notes", "body"),
    # the orphan interaction is seeded before the second run: the run counts it before applying and
    # fails only on more of them (docs/validation.md), so it fails nothing; its canary must not leak
    "archive:invoices:moved": ("invoices", None),
    "archive:invoices_archive:purged": ("invoices_archive", None),
}


def leaks(text: str) -> list[str]:
    """The canaries and fragments found in ``text``."""
    lower = text.lower()
    found = [c for c in [*CANARIES, *FRAGMENTS] if c in text]
    return found + [f for f in FRAGMENTS_ANY_CASE if f in lower]


def where(text: str, found: list[str]) -> str:
    """The lines of ``text`` holding the first leaked fragment (for the failure message)."""
    needle = found[0].lower()
    lines = [f"{n}: {line[:300]}" for n, line in enumerate(text.splitlines(), 1) if needle in line.lower()]
    return "\n".join(lines[:5])


def assert_clean(place: str, text: str) -> None:
    found = leaks(text)
    assert not found, f"canary {found} in {place}:\n{where(text, found)}"


def dump_sqlite(
    db: Path, *, tables: list[str] | None = None, where_sql: str = "", args: tuple[Any, ...] = ()
) -> str:
    """Every row of every table (or of ``tables``) of a SQLite file, every column, as text."""
    out = []
    with sqlite3.connect(db) as conn:
        names = tables or [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in names:
            out.append(f"== {table}")
            for row in conn.execute(f'SELECT * FROM "{table}" {where_sql}', args):
                out.append(
                    " | ".join(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in row)
                )
    return "\n".join(out)


def dags_test(demo: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    reports = Path(demo["home"]) / "reports"
    before = set(reports.glob("retention_sweep/*/summary.json"))
    proc = subprocess.run(
        [AIRFLOW, "dags", "test", "crm_retention_sweep", RUN_DATE, "-c", json.dumps(CONF)],
        env=demo["env"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    new = set(reports.glob("retention_sweep/*/summary.json")) - before
    assert len(new) == 1, log[-3000:]
    return log, json.loads(new.pop().read_text(encoding="utf-8"))


def seed(crm: Path) -> dict[str, int]:
    """Canary rows that violate each kind of expectation and that no rule of a second sweep reaches."""
    with sqlite3.connect(crm) as conn:
        # treated: an anonymised contact (no rule reaches it again) gets an e-mail and a phone back
        (contact,) = conn.execute(
            "SELECT id FROM contacts WHERE anonymised_at IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE contacts SET email = ?, phone = ? WHERE id = ?", (EMAIL, PHONE, contact))
        # free_text: a note marked scrubbed (attached to that contact) gets personal data back
        (note,) = conn.execute(
            "SELECT id FROM notes WHERE scrubbed_at IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE notes SET body = ?, parent_type = 'contact', parent_id = ? WHERE id = ?",
            (NOTE, contact, note),
        )
        # integrity: an interaction of a contact that does not exist (no subject: no rule reaches it)
        (interaction,) = conn.execute("SELECT max(id) + 1 FROM interactions").fetchone()
        conn.execute(
            "INSERT INTO interactions (id, contact_id, kind, direction, email_event, occurred_at, subject) "
            "VALUES (?, ?, 'email', 'outbound', 'sent', '2025-06-01 10:00:00.000000', ?)",
            (interaction, 987_654_321, f"Relance {NAME} ({EMAIL})"),
        )
        # archive moved: an archived invoice copied back into invoices (its contact is anonymised)
        columns = [r[1] for r in conn.execute("PRAGMA table_info(invoices)")]
        names = ", ".join(columns)
        row = dict(
            zip(
                columns,
                conn.execute(f"SELECT {names} FROM invoices_archive ORDER BY id LIMIT 1").fetchone(),
                strict=True,
            )
        )
        row.update(contact_id=contact, billing_name=NAME, billing_email=EMAIL)
        conn.execute(
            f"INSERT INTO invoices ({names}) VALUES ({', '.join('?' * len(columns))})", list(row.values())
        )
        # archive purged: an archived invoice whose legal hold (10 years after the close of its fiscal
        # year) is over, though its purge date is far away: the planner's purge does not take it
        archive_columns = [r[1] for r in conn.execute("PRAGMA table_info(invoices_archive)")]
        archived = dict(
            zip(
                archive_columns,
                conn.execute("SELECT * FROM invoices_archive ORDER BY id LIMIT 1").fetchone(),
                strict=True,
            )
        )
        (top,) = conn.execute(
            "SELECT max(id) FROM (SELECT id FROM invoices UNION ALL SELECT id FROM invoices_archive)"
        ).fetchone()
        archived.update(
            id=top + 1000,
            contact_id=contact,
            billing_name=NAME,
            billing_address=f"chez {NAME}, {PHONE}",
            billing_email=EMAIL,
            issued_at="2010-06-15",
            fiscal_year=2010,
            fiscal_year_close="2010-12-31",
            purge_after="2099-12-31",
        )
        conn.execute(
            f"INSERT INTO invoices_archive ({', '.join(archive_columns)}) "
            f"VALUES ({', '.join('?' * len(archive_columns))})",
            list(archived.values()),
        )
    return {
        "contact": contact,
        "note": note,
        "interaction": interaction,
        "invoice": row["id"],
        "archived": archived["id"],
    }


def assert_seeds_still_there(crm: Path, ids: dict[str, int]) -> None:
    """The second sweep repaired nothing: the gate failed on the seeded rows, not on something else."""
    with sqlite3.connect(crm) as conn:
        one = conn.execute
        assert one("SELECT email, phone FROM contacts WHERE id = ?", (ids["contact"],)).fetchone() == (
            EMAIL,
            PHONE,
        )
        assert one("SELECT body FROM notes WHERE id = ?", (ids["note"],)).fetchone() == (NOTE,)
        assert one("SELECT count(*) FROM interactions WHERE id = ?", (ids["interaction"],)).fetchone() == (1,)
        assert one("SELECT billing_name FROM invoices WHERE id = ?", (ids["invoice"],)).fetchone() == (NAME,)
        assert one(
            "SELECT billing_name FROM invoices_archive WHERE id = ?", (ids["archived"],)
        ).fetchone() == (NAME,)


def files_text(root: Path) -> dict[Path, str]:
    return {
        f: f.read_text(encoding="utf-8", errors="replace") for f in sorted(root.rglob("*")) if f.is_file()
    }


class Mailbox:
    """A real SMTP server's inbox (aiosmtpd): every message the runs send to the DPO."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_demo(demo: dict[str, Any]) -> Any:
    """The demo's Airflow with an SMTP connection to a real server started here, and a DPO address."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    conn = {
        "conn_type": "smtp",
        "host": "127.0.0.1",
        "port": port,
        "extra": {"from_email": "crm-privacy@example.net", "disable_tls": True, "disable_ssl": True},
    }
    env = {
        **demo["env"],
        "AIRFLOW_CONN_CRM_PRIVACY_SMTP": json.dumps(conn),
        "AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS": "dpo@example.net",
    }
    yield {**demo, "env": env}, mailbox
    controller.stop()


def test_failed_gate_leaks_no_canary(smtp_demo: Any) -> None:
    import email
    from email.header import decode_header, make_header

    from crm_privacy.dagrun.workdir import safe_name

    demo, mailbox = smtp_demo
    home, crm, ledger = Path(demo["home"]), Path(demo["crm"]), Path(demo["ledger"])
    airflow_db = home / "airflow.db"

    # 1. a real sweep: the gate passes
    log, first = dags_test(demo)
    assert "state=success" in log, log[-3000:]
    assert first["status"] == "succeeded" and first["validation"]["passed"] is True, first["validation"]

    # 2. canaries in rows that violate each kind of expectation
    ids = seed(crm)

    # 3. the second sweep: its gate fails, finish still writes the summary
    log, summary = dags_test(demo)
    run_id = summary["run_id"]
    assert "state=failed" in log, log[-3000:]
    assert "validation gate FAILED" in log, (summary.get("error"), log[-3000:])
    assert summary["status"] == "failed" and summary["check"] == "failed", summary
    assert summary["error"]["step"] == "check" and summary["error"]["type"] == "ValidationFailed", summary
    gate = summary["validation"]
    assert gate["passed"] is False, gate
    failed = {f["name"]: f for f in gate["failed"]}
    assert set(EXPECTED_FAILED) <= set(failed), sorted(failed)
    for name, (table, column) in EXPECTED_FAILED.items():
        entry = failed[name]
        assert entry["table"] == table and entry["column"] == column, entry
        assert entry["unexpected_count"] > 0 and "error" not in entry, entry
        assert entry["expectation"] == "UnexpectedRowsExpectation", entry
    for kind in ("treated", "free_text", "archive"):  # the orphan is older than the run: see above
        assert gate["by_kind"][kind]["failed"] > 0, gate["by_kind"]
    with sqlite3.connect(airflow_db) as conn:
        states = dict(conn.execute("SELECT task_id, state FROM task_instance WHERE run_id = ?", (run_id,)))
    assert states["check"] == "failed" and states["finish"] == "success", states
    assert_seeds_still_there(crm, ids)

    # 4. no canary in any artefact of the run
    # the ledger: every table, every column (and its file's bytes, journals included)
    ledger_text = dump_sqlite(ledger)
    assert "validation" in ledger_text.lower() and run_id in ledger_text
    assert_clean(f"the ledger ({ledger})", ledger_text)
    # the run's reports: the summary and every file of its Data Docs
    reports = home / "reports" / "retention_sweep" / safe_name(run_id)
    docs = Path(str(gate["data_docs"]))
    assert docs.is_file() and docs.is_relative_to(reports / "data_docs"), gate["data_docs"]
    report_files = files_text(reports)
    assert reports / "summary.json" in report_files
    # the Data Docs hold a failed validation page for each table the seeds touched
    for table in {table for table, _ in EXPECTED_FAILED.values()}:
        pages = [f for f in report_files if f.name == f"crm-{table}.html" and "validations" in f.parts]
        assert len(pages) == 1, (table, sorted(map(str, report_files)))
        page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", report_files[pages[0]])))
        assert "Status: Failed" in page, (table, page[:3000])
    docs_text = "".join(report_files.values())
    # the DPO's report says the validation failed, names the failed checks and the decision to take
    report = json.loads(report_files[reports / "report.json"])
    assert report["status"] == "failed" and report["validation"]["passed"] is False, report["validation"]
    assert {f["name"] for f in report["validation"]["failed"]} >= set(EXPECTED_FAILED)
    assert any(d["code"] == "validation_failed" for d in report["decisions"]), report["decisions"]
    page = html.unescape(re.sub(r"<[^>]+>", " ", report_files[reports / "report.html"]))
    assert "Contrôle en échec" in page and "échouée" in page, page[:3000]
    index = json.loads((home / "reports" / "index.json").read_text(encoding="utf-8"))
    assert index["runs"][0]["run_id"] == run_id and index["runs"][0]["validation_passed"] is False
    for path, text in files_text(home / "reports").items():  # the index and the register too
        assert_clean(f"the reports base ({path})", text)
    # the e-mails to the DPO (one per sweep), as the SMTP server received them, attachment included
    assert len(mailbox.messages) == 2, len(mailbox.messages)
    last = email.message_from_bytes(mailbox.messages[-1])
    assert "ÉCHEC" in str(make_header(decode_header(last["Subject"]))), last["Subject"]
    for raw in mailbox.messages:
        message = email.message_from_bytes(raw)
        for part in message.walk():
            payload = part.get_payload(decode=True)
            if payload:
                assert_clean(f"an e-mail to the DPO ({part.get_content_type()})", payload.decode("utf-8"))
    assert "texte expurgé (body) : aucun motif « NIR » restant" in docs_text
    for path, text in report_files.items():
        assert_clean(f"the run's reports ({path})", text)
    # the run's work directory (a failed run keeps its plan for a retry)
    for path, text in files_text(home / "work").items():
        assert_clean(f"the work directory ({path})", text)
    # the task logs: the command's output (`dags test` runs the tasks in its own process and logs
    # them there) and every log file Airflow wrote under its home, if any
    assert "[crm_privacy.sweep]" in log and "task_id=check" in log
    assert_clean("the output of `airflow dags test` (task logs)", log)
    for path, text in files_text(home / "logs").items():
        assert_clean(f"the task log {path}", text)
    # XCom: every value of the run, every column; then the whole metadata database
    xcom = dump_sqlite(airflow_db, tables=["xcom"], where_sql="WHERE run_id = ?", args=(run_id,))
    assert "validation" in xcom and "check" in xcom, xcom[:2000]
    assert_clean(f"XCom ({airflow_db}, table xcom, run {run_id})", xcom)
    assert_clean(f"Airflow's metadata database ({airflow_db})", dump_sqlite(airflow_db))
    # and, bytes as stored, every file of the Airflow home but the CRM itself
    for path in sorted(home.rglob("*")):
        if path.is_file() and not path.name.startswith(crm.name):
            assert_clean(f"the file {path}", path.read_bytes().decode("utf-8", "replace"))
