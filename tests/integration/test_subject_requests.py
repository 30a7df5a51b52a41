"""Issue 12: data-subject requests carried out on a demo CRM, on SQLite, PostgreSQL and MariaDB
(scenarios 7, 8, 9 and 13 of the acceptance list; 10 and 11, the deadlines, in the unit tests).

Each test runs the real runner (the CLI's and the DAG's code) and checks the CRM itself afterwards
with plain SQL written here, not with the product's own search.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from crm_privacy.crm.engine import make_engine
from crm_privacy.errors import UsageError
from crm_privacy.ledger import Ledger
from crm_privacy.ledger.cases import Cases
from crm_privacy.requests.model import parse_request
from crm_privacy.requests.runner import identifier_hashes, run_request
from crm_privacy.transform.keys import KeyRing, normalise

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "include" / "policies" / "demo_crm.yaml"
AS_OF = dt.date(2025, 6, 30)
KEY = KeyRing("request-test-key-0123456789abcdef")


@pytest.fixture
def env(demo_crm: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("CRM_PRIVACY_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("CRM_PRIVACY_WORKDIR", str(tmp_path / "work"))
    monkeypatch.delenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", raising=False)
    crm = make_engine(demo_crm)
    ledger = Ledger.from_url(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield {"crm": crm, "ledger": ledger, "url": demo_crm, "tmp": tmp_path}
    crm.dispose()
    ledger.close()


def run(env: dict[str, Any], kind: str, reference: str, **fields: Any) -> dict[str, Any]:
    request = parse_request(kind, reference=reference, received="2025-06-02", today=AS_OF, **fields)
    return run_request(
        request,
        policy=POLICY,
        crm=env["crm"],
        crm_name="demo",
        ledger=env["ledger"],
        keyring=KEY,
        run_id=f"req-{reference}-{dt.datetime.now().timestamp()}",
        as_of=AS_OF,
    )


def one(env: dict[str, Any], sql: str, **params: Any) -> Any:
    with env["crm"].connect() as conn:
        return conn.execute(text(sql), params).first()


def everywhere(env: dict[str, Any], values: list[str]) -> dict[str, int]:
    """Every text column of every table of the CRM (archives too) that holds one of ``values``
    (case-insensitive; phone numbers compared on their digits)."""
    found: dict[str, int] = {}
    engine = env["crm"]
    inspector = inspect(engine)
    with engine.connect() as conn:
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                if not any(t in str(column["type"]).upper() for t in ("CHAR", "TEXT")):
                    continue
                q = engine.dialect.identifier_preparer.quote
                col = f"{q(table)}.{q(column['name'])}"
                for value in values:
                    digits = re.sub(r"\D", "", value)
                    if "@" in value or len(digits) < 8:
                        sql = f"SELECT count(*) FROM {q(table)} WHERE lower({col}) LIKE :v"
                        arg = f"%{value.lower()}%"
                    else:
                        stripped = col
                        for sep in (" ", ".", "-"):
                            stripped = f"replace({stripped}, '{sep}', '')"
                        sql = f"SELECT count(*) FROM {q(table)} WHERE {stripped} LIKE :v"
                        arg = f"%{digits[-9:]}%"
                    n = conn.execute(text(sql), {"v": arg}).scalar()
                    if n:
                        found[f"{table}.{column['name']}"] = found.get(f"{table}.{column['name']}", 0) + n
    return found


def customer_with_held_invoices(env: dict[str, Any]) -> Any:
    return one(
        env,
        "SELECT c.id, c.email, c.phone, c.customer_ref FROM contacts c "
        "WHERE c.email IS NOT NULL AND c.phone IS NOT NULL AND c.customer_ref IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM invoices i WHERE i.contact_id = c.id AND i.fiscal_year_close >= :d) "
        "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 ORDER BY c.id",
        d=dt.date(2016, 1, 1),
    )


def test_erasure_keeps_only_the_invoices_under_their_legal_hold(env: dict[str, Any]) -> None:
    """Scenario 8: a customer with invoices; everything else erased, invoices archived with their
    legal ground and end date, the letter says so, a suppression entry blocks a re-import."""
    person = customer_with_held_invoices(env)
    assert person is not None
    key, email, phone, ref = person
    invoices = one(env, "SELECT count(*) FROM invoices WHERE contact_id = :k", k=key)[0]
    # another contact's note that mentions them (a name in someone else's file)
    note = one(env, "SELECT min(id) FROM notes WHERE parent_type = 'contact' AND parent_id <> :k", k=key)[0]
    with env["crm"].begin() as conn:
        conn.execute(
            text("UPDATE notes SET body = :b WHERE id = :n"),
            {"b": f"Son collègue joignable au {phone} ou {email.upper()} a appelé.", "n": note},
        )
    # and the same phone written another way in a third person's note (dots, no-break space, tab)
    other = one(
        env,
        "SELECT min(id) FROM notes WHERE parent_type = 'contact' AND parent_id <> :k AND id <> :n",
        k=key,
        n=note,
    )[0]
    n = re.sub(r"\D", "", phone)[-9:]
    written = f"+33 {n[0]}.{n[1:3]}.{n[3:5]}\u00a0{n[5:7]}\t{n[7:9]}"
    with env["crm"].begin() as conn:
        conn.execute(
            text("UPDATE notes SET body = :b WHERE id = :n"), {"b": f"Rappeler le {written}.", "n": other}
        )

    summary = run(env, "erasure", "DSR-8", email=f"  {email.upper()} ")
    assert summary["status"] == "closed" and summary["subjects_found"] == 1, summary
    assert summary["leftovers"] == {} and summary["mentions_scrubbed"] == {"notes": 2}
    # the gate's treated-column and integrity checks, through Great Expectations, after the erasure
    validation = summary["validation"]
    assert validation["passed"] and validation["expectations"] >= 2 and validation["failed"] == []
    assert set(validation["by_kind"]) == {"treated", "integrity"}
    assert Path(validation["data_docs"]).is_file()
    body = one(env, "SELECT body FROM notes WHERE id = :n", n=note)[0]
    assert body == "Son collègue joignable au [donnée effacée] ou [donnée effacée] a appelé.", body
    assert one(env, "SELECT body FROM notes WHERE id = :n", n=other)[0] == "Rappeler le [donnée effacée]."
    # nothing of the person is left in any table but the invoice archive
    left = everywhere(env, [email, phone, ref])
    assert set(left) <= {"invoices_archive.billing_email", "invoices_archive.billing_name"}, left
    assert one(env, "SELECT count(*) FROM invoices WHERE contact_id = :k", k=key)[0] == 0
    archived = one(
        env,
        "SELECT count(*), min(legal_basis), max(purge_after) FROM invoices_archive WHERE contact_id = :k",
        k=key,
    )
    assert 0 < archived[0] <= invoices and archived[1] == "C. com. L123-22"
    [kept] = summary["kept"]
    assert kept["table"] == "invoices" and kept["rows_archived"] == archived[0]
    assert kept["until"] == str(archived[2])[:10]
    # the case register and the suppression list
    case = Cases(env["ledger"]).get("DSR-8")
    assert case is not None and case["status"] == "closed" and case["due_at"] == dt.date(2025, 7, 2)
    hashes = identifier_hashes(
        KEY,
        {
            "email": normalise("email", email),
            "phone": normalise("phone", phone),
            "reference": normalise("reference", ref),
        },
    )
    assert set(Cases(env["ledger"]).suppressed(hashes)) == set(hashes)  # the ref too, though not given
    assert env["ledger"].audit_problems() == []
    # the letter: what was erased, what was kept, why and until when; no identifier
    letter = Path(summary["letter"]).read_text(encoding="utf-8")
    words = html.unescape(re.sub(r"<[^>]+>", " ", letter))
    assert "C. com. L123-22" in words and kept["until"] in words and "DSR-8" in words
    assert email.lower() not in letter.lower() and ref not in letter
    report = json.loads(Path(summary["report"]).with_name("report.json").read_text(encoding="utf-8"))
    assert report["job"] == "subject_request" and email.lower() not in json.dumps(report).lower()
    # the invoices moved to the archive are counted as kept, not as erased
    assert summary["archived"] == {"invoices": archived[0]}
    [hold] = [h for h in report["holds"] if h["table"] == "invoices"]
    assert hold["rows_archived"] == archived[0]
    erased_invoices = summary["tables_affected"]["invoices"] - archived[0]
    assert ("<td>invoices</td>" in letter) is (erased_invoices > 0)
    # the same request again: the case is closed, nothing changes
    again = run(env, "erasure", "DSR-8", email=email)
    assert again["status"] == "closed" and "already closed" in again["note"]


def test_a_prospect_is_erased_completely(env: dict[str, Any]) -> None:
    """Scenario 9: no legal obligation: nothing of the prospect is left anywhere."""
    person = one(
        env,
        "SELECT id, email FROM contacts c WHERE status = 'prospect' AND email IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.contact_id = c.id) "
        "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 ORDER BY id",
    )
    summary = run(env, "erasure", "DSR-9", email=person[1])
    assert summary["status"] == "closed" and summary["kept"] == [] and summary["leftovers"] == {}
    assert everywhere(env, [person[1]]) == {}
    assert one(env, "SELECT anonymised_at FROM contacts WHERE id = :k", k=person[0])[0] is not None


def test_erasure_removes_the_persons_name_from_other_peoples_notes(env: dict[str, Any]) -> None:
    """A colleague's note names the person without any identifier: the name goes where the detection
    engine tags it with every recorded name word; a namesake ("M. <last name>") stays."""
    person = one(
        env,
        "SELECT id, email, first_name, last_name FROM contacts c WHERE status = 'prospect' "
        "AND email IS NOT NULL AND first_name IS NOT NULL AND last_name IS NOT NULL "
        "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 ORDER BY id",
    )
    key, email, first, last = person
    notes = [
        r[0]
        for r in _all(
            env, f"SELECT id FROM notes WHERE parent_type = 'contact' AND parent_id <> {int(key)} ORDER BY id"
        )[:3]
    ]
    bodies = {
        notes[0]: f"Réunion avec {first} {last.upper()} mardi, elle rappellera.",
        notes[1]: f"rdv pris : {last} {first} viendra avec son conjoint.",
        notes[2]: f"Appel de M. {last}, un homonyme, sans rapport.",
    }
    with env["crm"].begin() as conn:
        for note, body in bodies.items():
            conn.execute(text("UPDATE notes SET body = :b WHERE id = :n"), {"b": body, "n": note})

    summary = run(env, "erasure", "DSR-NAME", email=email)
    assert summary["status"] == "closed", summary
    after = {n: one(env, "SELECT body FROM notes WHERE id = :n", n=n)[0] for n in notes}
    assert summary["names_scrubbed"] == {"notes": 2}, (summary["names_scrubbed"], after)
    after = {n: one(env, "SELECT body FROM notes WHERE id = :n", n=n)[0] for n in notes}
    assert after[notes[0]] == "Réunion avec [donnée effacée] mardi, elle rappellera.", after[notes[0]]
    assert first not in after[notes[1]] and last not in after[notes[1]], after[notes[1]]
    assert after[notes[2]] == bodies[notes[2]]  # the namesake is not the person
    letter = Path(summary["letter"]).read_text(encoding="utf-8")
    assert "mentions de votre nom dans des notes" in letter


def test_an_erasure_whose_validation_fails_goes_to_review(env: dict[str, Any]) -> None:
    """The CRM holds a row marked anonymised whose e-mail is in clear (another tool's half-done work):
    the validation after the erasure fails, and the case waits for a person, naming the check."""
    person = customer_with_held_invoices(env)
    other = one(env, "SELECT min(id) FROM contacts WHERE email IS NOT NULL AND id <> :k", k=person[0])[0]
    with env["crm"].begin() as conn:
        conn.execute(text("UPDATE contacts SET anonymised_at = :d WHERE id = :o"), {"d": AS_OF, "o": other})
    summary = run(env, "erasure", "DSR-GX", email=person[1])
    assert summary["status"] == "review", summary
    assert "validation failed" in summary["outcome"] and "treated:contacts." in summary["outcome"]
    assert not summary["validation"]["passed"]


def test_several_people_matching_stop_before_any_change(env: dict[str, Any]) -> None:
    rows = [r for r in _all(env, "SELECT id FROM contacts WHERE phone IS NOT NULL ORDER BY id")][:2]
    with env["crm"].begin() as conn:
        conn.execute(text("UPDATE contacts SET phone = '06 11 22 33 44' WHERE id = :a"), {"a": rows[0][0]})
        conn.execute(text("UPDATE contacts SET phone = '+33611223344' WHERE id = :b"), {"b": rows[1][0]})
    before = _all(env, "SELECT * FROM contacts ORDER BY id")
    summary = run(env, "erasure", "DSR-AMB", phone="0611223344")
    assert summary["status"] == "review" and summary["subjects_found"] == 2
    assert _all(env, "SELECT * FROM contacts ORDER BY id") == before
    assert Cases(env["ledger"]).get("DSR-AMB")["status"] == "review"  # type: ignore[index]


def test_nobody_found_is_answered(env: dict[str, Any]) -> None:
    summary = run(env, "access", "DSR-NONE", email="personne.inconnue@example.org")
    assert summary["status"] == "closed" and summary["outcome"].startswith("no data found")


def test_objection_blocks_a_reimport_spelled_differently(env: dict[str, Any]) -> None:
    """Scenario 7: the opposition is kept 3 years; a re-import with other case and spaces is caught."""
    email = one(env, "SELECT email FROM contacts WHERE email IS NOT NULL ORDER BY id")[0]
    summary = run(env, "objection", "DSR-7", email=email)
    assert summary["status"] == "closed" and summary["suppression_entries"] == 1
    reimported = f"  {email.upper()}\t"
    [digest] = identifier_hashes(KEY, {"email": normalise("email", reimported)})
    cases = Cases(env["ledger"])
    assert cases.suppressed([digest]) == {digest: ["objection"]}
    with env["ledger"].engine.connect() as conn:
        keep = conn.execute(text("SELECT keep_until FROM suppression")).scalar()
    assert str(keep)[:10] == "2028-06-30"


def test_rectification_changes_declared_columns_only_without_keeping_the_old_value(
    env: dict[str, Any],
) -> None:
    """Scenario 13: a corrected postal address; the ledger records which columns, never a value."""
    key, email, old = one(
        env,
        "SELECT id, email, address_line FROM contacts WHERE email IS NOT NULL AND address_line IS NOT NULL ORDER BY id",
    )
    summary = run(
        env, "rectification", "DSR-13", email=email, changes={"address_line": "5 rue Neuve", "city": "Lyon"}
    )
    assert summary["status"] == "closed" and summary["tables_affected"]["contacts"] == 1
    assert one(env, "SELECT address_line, city FROM contacts WHERE id = :k", k=key) == ("5 rue Neuve", "Lyon")
    case = Cases(env["ledger"]).get("DSR-13")
    dumped = json.dumps(case, default=str)
    assert "address_line" in dumped and old not in dumped and "5 rue Neuve" not in dumped
    with pytest.raises(UsageError, match="status"):
        run(env, "rectification", "DSR-13b", email=email, changes={"status": "customer"})


def test_invalid_requests_change_nothing(env: dict[str, Any]) -> None:
    before = _all(env, "SELECT * FROM contacts ORDER BY id")
    for kw in ({"email": "pas-une-adresse"}, {}, {"email": "a@b.fr", "changes": {"city": "x"}}):
        with pytest.raises(UsageError):
            run(env, "erasure", "DSR-BAD", **kw)
    assert _all(env, "SELECT * FROM contacts ORDER BY id") == before
    assert Cases(env["ledger"]).get("DSR-BAD") is None


def _all(env: dict[str, Any], sql: str) -> list[Any]:
    with env["crm"].connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_the_sweep_erases_a_person_who_comes_back(env: dict[str, Any], tmp_path: Path) -> None:
    """Scenario 8's suppression entry at work: the erased person is re-imported (other capitals and
    spaces, a new row); the next sweep erases them again, and the validation gate passes."""
    from crm_privacy.sweep.runner import run_sweep

    email = one(
        env,
        "SELECT email FROM contacts c WHERE email IS NOT NULL "
        "AND (SELECT count(*) FROM contacts o WHERE o.email = c.email) = 1 ORDER BY id",
    )[0]
    assert run(env, "erasure", "DSR-BACK", email=email)["status"] == "closed"
    new_id = one(env, "SELECT max(id) + 1000 FROM contacts")[0]
    with env["crm"].begin() as conn:
        conn.execute(
            text(
                "INSERT INTO contacts (id, first_name, last_name, email, status, created_at) "
                "VALUES (:i, 'Revenue', 'Personne', :e, 'prospect', :c)"
            ),
            {"i": new_id, "e": f"  {email.upper()} ", "c": dt.datetime(2025, 6, 1)},
        )
    summary = run_sweep(
        policy=POLICY,
        crm_url=env["url"],
        ledger_url=f"sqlite:///{env['tmp'] / 'ledger.db'}",
        as_of=AS_OF,
        dry_run=False,
        max_share=1.0,
        keyring=KEY,
        workdir=tmp_path / "sweep",
    )
    back = next(r for r in summary["rules"] if r["rule_id"] == "suppression")
    assert back["subjects"] == 1, back
    assert summary["status"] == "succeeded" and summary["validation"]["passed"] is True
    row = one(env, "SELECT email, anonymised_at FROM contacts WHERE id = :i", i=new_id)
    assert row[1] is not None and (row[0] is None or email.lower() not in str(row[0]).lower())
    assert everywhere(env, [email]) == {}
