"""The demo CRM generator without a database: determinism, row layout, and every retention case present.

The retention checks re-derive each contact's situation from the generated rows with the rules of
GDPR_RULES.md (run date D = 2025-06-30), independently of the generator's own profile bookkeeping.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any

import pytest
from stdnum import iban as std_iban
from stdnum.fr import nir as std_nir
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from crm_privacy.demo.context import COLUMNS, FastRandom, years_before
from crm_privacy.demo.generate import iter_chunks
from crm_privacy.demo.identifiers import nir
from crm_privacy.demo.schema import metadata

D = date(2025, 6, 30)
NOW = datetime(2025, 6, 30)
CUTOFF = datetime(2022, 6, 30)  # D - 3 years (R1, R3)
LOGIN_CUTOFF = datetime(2023, 6, 30)  # D - 2 years (R4)
N = 2_000

PHONE = re.compile(r"(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"FR\d{2}(?: ?[0-9A-Z]{4}){5} ?[0-9A-Z]{3}")
NIR = re.compile(r"(?<!\w)[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?!\w)")
BORN = re.compile(r"née? le (?:1er|\d{1,2}) [a-zéû]+ \d{4}")
CIVILITY = re.compile(r"\b(?:M\.|Mme|Monsieur|Madame) [A-ZÉ]")


def collect(contacts: int, seed: int, chunk_size: int = 10_000, as_of: date = D) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for _, rows in iter_chunks(contacts, seed=seed, chunk_size=chunk_size, as_of=as_of):
        for table, batch in rows.items():
            out[table].extend(batch)
    return dict(out)


def as_dicts(data: dict[str, list[Any]], table: str) -> list[dict[str, Any]]:
    return [dict(zip(COLUMNS[table], row, strict=True)) for row in data[table]]


@pytest.fixture(scope="module")
def data() -> dict[str, list[Any]]:
    return collect(N, seed=42)


@pytest.fixture(scope="module")
def t(data: dict[str, list[Any]]) -> dict[str, list[dict[str, Any]]]:
    return {table: as_dicts(data, table) for table in COLUMNS}


# -- determinism and layout -----------------------------------------------------------------------


def test_same_seed_same_rows_and_chunking_does_not_matter(data: dict[str, list[Any]]) -> None:
    assert collect(N, seed=42, chunk_size=1_000) == data


def test_other_seed_other_rows(data: dict[str, list[Any]]) -> None:
    other = collect(N, seed=43)
    assert len(other["contacts"]) == N
    assert other["contacts"] != data["contacts"]
    assert [r[6] for r in other["contacts"]] != [r[6] for r in data["contacts"]]  # e-mails


def test_rows_match_the_schema(data: dict[str, list[Any]]) -> None:
    for table, columns in COLUMNS.items():
        schema_table = metadata.tables[table]
        assert set(columns) <= set(schema_table.columns.keys()), table
        required = [c.name for c in schema_table.columns if not c.nullable]
        assert set(required) <= set(columns), table
        for row in data[table]:
            assert len(row) == len(columns)
            values = dict(zip(columns, row, strict=True))
            assert all(values[name] is not None for name in required), (table, values)
        for column in schema_table.columns:
            length = getattr(column.type, "length", None)
            if length and column.name in columns:
                i = columns.index(column.name)
                longest = max((len(r[i]) for r in data[table] if r[i] is not None), default=0)
                assert longest <= length, (table, column.name, longest)
    # The sweep sets these: the generator leaves them NULL (not even in the column list).
    assert "anonymised_at" not in COLUMNS["contacts"] and "scrubbed_at" not in COLUMNS["notes"]


def test_ids_are_dense_and_references_resolve(t: dict[str, list[dict[str, Any]]]) -> None:
    ids = {table: [r["id"] for r in rows] for table, rows in t.items()}
    for table, values in ids.items():
        assert values == list(range(1, len(values) + 1)), table
    contacts, companies = set(ids["contacts"]), set(ids["companies"])
    for table in ("interactions", "consents", "contracts", "opportunities", "orders", "invoices"):
        assert {r["contact_id"] for r in t[table]} <= contacts, table
    assert {r["company_id"] for r in t["contacts"]} - {None} <= companies
    assert {r["order_id"] for r in t["invoices"]} - {None} <= set(ids["orders"])
    parents = {"contact": contacts, "company": companies, "opportunity": set(ids["opportunities"])}
    for note in t["notes"]:
        assert note["parent_id"] in parents[note["parent_type"]]
    assert {n["parent_type"] for n in t["notes"]} == set(parents)


def test_volumes_per_contact(t: dict[str, list[dict[str, Any]]]) -> None:
    per_contact = {table: len(rows) / N for table, rows in t.items()}
    assert 3.5 <= per_contact["interactions"] <= 5.0
    assert 0.8 <= per_contact["notes"] <= 1.6
    assert 1.3 <= per_contact["consents"] <= 1.8
    customers = sum(c["status"] != "prospect" for c in t["contacts"])
    assert 0.30 <= customers / N <= 0.41


def test_identifiers_pass_their_checksums(t: dict[str, list[dict[str, Any]]]) -> None:
    for company in t["companies"]:
        assert std_siren.is_valid(company["siren"]) and std_siret.is_valid(company["siret"])
        assert company["siret"].startswith(company["siren"])
    bodies = " ".join(n["body"] for n in t["notes"])
    nirs, ibans = NIR.findall(bodies), IBAN.findall(bodies)
    assert len(nirs) > 10 and len(ibans) > 10
    assert all(std_nir.is_valid(v) for v in nirs)
    assert all(std_iban.is_valid(v) for v in ibans)
    r = FastRandom("nir")
    many = [nir(r, r.random() < 0.5, date(1980, 1, 3), spaced=r.random() < 0.5) for _ in range(3_000)]
    assert all(std_nir.is_valid(v) for v in many)
    assert any("2A" in v for v in many) and any("2B" in v for v in many)  # Corsica breaks naive regexes


def test_emails_unique_except_deliberate_reimports(t: dict[str, list[dict[str, Any]]]) -> None:
    normalised = Counter(c["email"].strip().lower() for c in t["contacts"] if c["email"])
    duplicates = {e for e, k in normalised.items() if k > 1}
    reimports = [c for c in t["contacts"] if c["email"] and c["email"].strip().lower() in duplicates]
    assert reimports, "scenario 7 needs re-imported e-mails with other case/whitespace"
    assert any(c["email"] != c["email"].strip() or c["email"] != c["email"].lower() for c in reimports)
    assert any(c["source"] == "achat_fichier" for c in reimports)


def test_interaction_events_are_consistent(t: dict[str, list[dict[str, Any]]]) -> None:
    for i in t["interactions"]:
        assert i["kind"] in ("call", "email", "meeting", "form", "purchase")
        assert i["direction"] in ("inbound", "outbound")
        if i["kind"] == "email":
            expected = "outbound" if i["email_event"] in ("sent", "open") else "inbound"
            assert i["email_event"] in ("sent", "open", "click", "reply") and i["direction"] == expected
        else:
            assert i["email_event"] is None
        assert i["occurred_at"] < NOW


def test_leap_day_convention() -> None:
    assert years_before(date(2024, 2, 29), 3) == date(2021, 2, 28)
    assert years_before(D, 3) == date(2022, 6, 30)


def test_command_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, crm_privacy.demo.command as c, argparse;"
        "p = argparse.ArgumentParser(); c.register(p.add_subparsers());"
        "print(sorted(m for m in ('sqlalchemy', 'faker', 'psycopg', 'pymysql') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- retention cases (GDPR_RULES.md §1 and §9), re-derived from the rows ------------------------


def _by_contact(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row["contact_id"]].append(row)
    return out


def _is_inbound(i: dict[str, Any]) -> bool:
    """An action of the person: GDPR_RULES §1.3.2 (opens and our sends never count)."""
    return i["direction"] == "inbound" and i["email_event"] not in ("open", "sent")


@pytest.fixture(scope="module")
def prospects(t: dict[str, list[dict[str, Any]]]) -> dict[str, list[int]]:
    """Prospects by situation on D, from contacts.created_at and inbound interactions only."""
    events = _by_contact(t["interactions"])
    found: dict[str, list[int]] = defaultdict(list)
    for c in t["contacts"]:
        if c["status"] != "prospect":
            continue
        mine = events[c["id"]]
        inbound = [i["occurred_at"] for i in mine if _is_inbound(i)]
        if c["created_at"] is None:
            found["undated"].append(c["id"])
            continue
        clock = max([c["created_at"], *inbound])
        found["expired" if clock < CUTOFF else "kept"].append(c["id"])
        if c["created_at"] < CUTOFF:
            if any(d >= CUTOFF for d in inbound):
                found["reset_by_inbound"].append(c["id"])
            elif not inbound and any(i["email_event"] == "open" and i["occurred_at"] >= CUTOFF for i in mine):
                found["open_only_since"].append(c["id"])
            elif not inbound and all(i["email_event"] == "sent" for i in mine):
                found["sends_only"].append(c["id"])
            elif inbound:
                found["old_inbound_only"].append(c["id"])
    return dict(found)


def test_every_prospect_case_is_present(prospects: dict[str, list[int]]) -> None:
    for case in ("expired", "kept", "reset_by_inbound", "open_only_since", "sends_only", "old_inbound_only"):
        assert len(prospects.get(case, [])) >= 50, case
    assert len(prospects.get("undated", [])) >= 10  # 1.5% of contacts
    share = len(prospects["expired"]) / N
    assert 0.26 <= share <= 0.34, f"expired prospects are {share:.1%} of contacts, want ~30%"


def test_expired_prospects_did_nothing_since_the_cutoff(
    t: dict[str, list[dict[str, Any]]], prospects: dict[str, list[int]]
) -> None:
    """Whatever a rule engine counts as "contact" (logins, consents, meetings), expired stays expired."""
    expired = set(prospects["expired"])
    for c in t["contacts"]:
        if c["id"] in expired:
            assert c["last_login_at"] is None or c["last_login_at"] < CUTOFF
    for i in t["interactions"]:
        if i["contact_id"] in expired and i["occurred_at"] >= CUTOFF:
            assert i["kind"] == "email" and i["email_event"] in ("sent", "open"), i
    for k in t["consents"]:
        if k["contact_id"] in expired:
            assert all(d is None or d < CUTOFF for d in (k["given_at"], k["withdrawn_at"])), k
    for o in t["opportunities"]:
        assert o["contact_id"] not in expired or o["created_at"] < CUTOFF


def test_customer_cases(t: dict[str, list[dict[str, Any]]]) -> None:
    contracts = _by_contact(t["contracts"])
    cases: Counter[str] = Counter()
    for c in t["contacts"]:
        mine = contracts.get(c["id"], [])
        if c["status"] == "prospect":
            assert not mine and c["customer_ref"] is None
            continue
        assert mine and c["customer_ref"]
        ends = [k["end_date"] for k in mine]
        if any(e is None or e > D for e in ends):
            assert c["status"] == "customer"
            cases["active"] += 1
        elif max(ends) < CUTOFF.date():
            cases["ended_over_3_years"] += 1
        else:
            cases["ended_recently"] += 1
    assert min(cases.values()) >= 100 and len(cases) == 3, cases


def test_invoices_span_many_fiscal_years(t: dict[str, list[dict[str, Any]]]) -> None:
    years = Counter(i["fiscal_year"] for i in t["invoices"])
    assert set(range(2012, 2026)) <= set(years)
    for i in t["invoices"]:
        assert i["fiscal_year"] == i["issued_at"].year
        assert i["fiscal_year_close"] == date(i["fiscal_year"], 12, 31)
        assert i["issued_at"] < D
    assert any(i["order_id"] is None for i in t["invoices"]) and any(i["order_id"] for i in t["invoices"])


def test_consents_cover_purposes_statuses_and_invalid_proofs(t: dict[str, list[dict[str, Any]]]) -> None:
    rows = t["consents"]
    assert {r["purpose"] for r in rows} == {"newsletter", "partners", "phone_prospecting"}
    assert {r["status"] for r in rows} == {"granted", "withdrawn", "refused"}
    defects = Counter()
    for r in rows:
        defects["pre_ticked"] += r["mechanism"] == "pre_ticked"
        defects["cgv_acceptance"] += r["mechanism"] == "cgv_acceptance"
        defects["no_text_version"] += r["text_version"] is None
        defects["no_given_at"] += r["given_at"] is None
        assert (r["withdrawn_at"] is not None) == (r["status"] == "withdrawn")
    assert min(defects.values()) >= 30, defects
    valid = [r for r in rows if r["mechanism"] in ("checkbox", "double_opt_in", "oral_recorded")]
    assert len(valid) > 0.8 * len(rows)


def test_logins_and_missing_dates(t: dict[str, list[dict[str, Any]]]) -> None:
    logins = [c["last_login_at"] for c in t["contacts"]]
    assert sum(v is None for v in logins) > N / 3
    assert sum(v is not None and v < LOGIN_CUTOFF for v in logins) >= 100  # inactive accounts (R4)
    assert sum(v is not None and v >= LOGIN_CUTOFF for v in logins) >= 100
    undated = [c for c in t["contacts"] if c["created_at"] is None]
    statuses = {c["status"] for c in undated}
    assert "prospect" in statuses and statuses - {"prospect"} and len(undated) >= 15  # §1.3.5 findings


def test_notes_with_and_without_personal_data(t: dict[str, list[dict[str, Any]]]) -> None:
    pii_patterns = (PHONE, EMAIL, IBAN, NIR, BORN, CIVILITY)
    with_pii = [n["body"] for n in t["notes"] if any(p.search(n["body"]) for p in pii_patterns)]
    without = [n["body"] for n in t["notes"] if not any(p.search(n["body"]) for p in pii_patterns)]
    assert 0.3 <= len(with_pii) / len(t["notes"]) <= 0.7
    assert any(re.search(r"CMD-\d{4}-\d{6}", b) for b in without)
    assert any(re.search(r"\d €", b) for b in without) and any("PRD-" in b for b in without)
    text = " ".join(with_pii)
    for pattern in pii_patterns:
        assert pattern.search(text), pattern.pattern
    for style in (r"0[67] \d{2} \d{2}", r"0[67]\.\d{2}\.\d{2}", r"\+33 [67] \d{2}"):
        assert re.search(style, text), style
    for word in ("M. ", "Mme ", "Monsieur ", "Madame "):
        assert word in text


def test_company_comments_sometimes_hold_a_managers_mobile(t: dict[str, list[dict[str, Any]]]) -> None:
    comments = [c["internal_comment"] for c in t["companies"]]
    assert any(c is None for c in comments)
    with_mobile = [c for c in comments if c and PHONE.search(c)]
    assert with_mobile and any(CIVILITY.search(c) or re.search(r"[A-Z][a-zé]+ [A-Z]", c) for c in with_mobile)
    assert any(c and not PHONE.search(c) for c in comments)


def test_as_of_moves_the_whole_timeline() -> None:
    later = collect(300, seed=5, as_of=date(2030, 1, 15))
    assert max(r[5] for r in later["interactions"]) < datetime(2030, 1, 15)
    assert max(r[5] for r in later["interactions"]) > datetime(2029, 1, 1)
