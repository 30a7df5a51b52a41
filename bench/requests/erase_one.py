"""Erase the next customer of a demo CRM who has invoices under their legal hold: one run of the
benchmark of issue 12 (an erasure of one person on the 1,000,000-contact PostgreSQL demo).

    python -m bench.requests.erase_one --crm URL --ledger URL --method product|sql

``product``: the request runner (`crm-privacy request erasure`'s code): case register, locate by the
normalised e-mail, erase through the policy in one transaction (invoices archived), scrub mentions in
other notes, search every text column, suppression list, letter and report.
``sql``: what a user would write by hand for the same person, by primary key, without the checks:
one transaction deleting the interactions, consents, opportunities and the person's notes, moving the
invoices to the archive, blanking the contact's columns.

Each call picks a person the previous calls have not erased, so it can be repeated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import uuid
from pathlib import Path

from sqlalchemy import text

PICK = (
    "SELECT c.id, c.email FROM contacts c WHERE c.anonymised_at IS NULL AND c.email IS NOT NULL "
    "AND c.email NOT LIKE 'erased-%' AND c.id > :after "
    "AND EXISTS (SELECT 1 FROM invoices i WHERE i.contact_id = c.id AND i.fiscal_year_close >= DATE '2016-01-01') "
    "ORDER BY c.id LIMIT 1"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--method", choices=["product", "sql"], required=True)
    args = parser.parse_args()

    from crm_privacy.crm.engine import make_engine

    crm = make_engine(args.crm)
    started = time.perf_counter()
    with crm.connect() as conn:
        key, email = conn.execute(text(PICK), {"after": 0}).one()
    if args.method == "sql":
        _by_hand(crm, key)
    else:
        _product(crm, args.ledger, email)
    print(f"{args.method}: contact {key} erased in {time.perf_counter() - started:.2f} s")


def _by_hand(crm: object, key: int) -> None:
    statements = [
        "DELETE FROM interactions WHERE contact_id = :k",
        "DELETE FROM consents WHERE contact_id = :k",
        "DELETE FROM notes WHERE parent_type = 'opportunity' AND parent_id IN (SELECT id FROM opportunities WHERE contact_id = :k)",
        "DELETE FROM opportunities WHERE contact_id = :k",
        "UPDATE notes SET body = NULL, scrubbed_at = now() WHERE parent_type = 'contact' AND parent_id = :k",
        "CREATE TABLE IF NOT EXISTS invoices_archive_by_hand AS SELECT * FROM invoices WHERE false",
        "INSERT INTO invoices_archive_by_hand SELECT * FROM invoices WHERE contact_id = :k",
        "DELETE FROM invoices WHERE contact_id = :k",
        "UPDATE contacts SET first_name = NULL, last_name = NULL, email = 'erased-' || id, phone = NULL, "
        "mobile = NULL, address_line = NULL, postcode = NULL, city = NULL, birth_date = NULL, "
        "customer_ref = NULL, anonymised_at = now() WHERE id = :k",
    ]
    with crm.begin() as conn:  # type: ignore[attr-defined]
        for sql in statements:
            conn.execute(text(sql), {"k": key})


def _product(crm: object, ledger_url: str, email: str) -> None:
    from crm_privacy.ledger import Ledger
    from crm_privacy.requests.model import parse_request
    from crm_privacy.requests.runner import run_request
    from crm_privacy.transform.keys import keyring_from_env

    root = Path(__file__).resolve().parents[2]
    request = parse_request(
        "erasure", reference=f"BENCH-{uuid.uuid4().hex[:8]}", received="2025-06-02", email=email
    )
    ledger = Ledger.from_url(ledger_url)
    summary = run_request(
        request,
        policy=root / "include" / "policies" / "demo_crm.yaml",
        crm=crm,  # type: ignore[arg-type]
        crm_name="bench",
        ledger=ledger,
        keyring=keyring_from_env(),
        run_id=f"bench-{uuid.uuid4().hex[:8]}",
        as_of=dt.date(2025, 6, 30),
    )
    assert summary["status"] == "closed", summary.get("outcome")


if __name__ == "__main__":
    main()
