"""Scenario 7: the suppression list is read for what it is for, and by nothing else.

The list holds keyed hashes of the identifiers of people who were erased or who objected. Only the
ledger's own code touches its table (requests add entries through it); only these read it: the
sweep's planner (the ``erasure`` entries, to erase people who come back) and the ``suppression check``
command (an import or a campaign audience checked before use). A new reader
fails this test, so that adding one is a decision made on purpose.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "include" / "crm_privacy"

#: modules allowed to read the suppression list, and why
READERS = {
    "rules/planner.py": "the sweep re-erases people erased on request who come back",
    "requests/command.py": "crm-privacy suppression check: an import or a campaign audience",
}
#: the ledger itself: the table, its migration, the audit chain
LEDGER = {
    "ledger/schema.py",
    "ledger/cases.py",
    "ledger/chain.py",
    "ledger/migrations/versions/0004_subject_requests.py",
}

_READS = re.compile(
    r"\.(listed|suppressed)\(|\bsuppression_state\b|schema\.suppression\b|import suppression\b"
)


def _modules() -> list[Path]:
    return [
        p for p in [*PACKAGE.rglob("*.py"), *(ROOT / "dags").glob("*.py"), *(ROOT / "plugins").glob("*.py")]
    ]


def test_only_the_listed_modules_read_the_suppression_list() -> None:
    readers = set()
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        if _READS.search(text):
            readers.add(
                str(path.relative_to(PACKAGE))
                if path.is_relative_to(PACKAGE)
                else str(path.relative_to(ROOT))
            )
    assert readers - LEDGER == set(READERS), readers - LEDGER


def test_the_sweep_reads_the_erasure_entries_only() -> None:
    """Objections exclude people from prospecting; they never make the sweep erase anyone."""
    tree = ast.parse((PACKAGE / "rules" / "planner.py").read_text(encoding="utf-8"))
    reasons = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "listed"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert reasons == ["erasure"]


def test_the_ledger_table_is_not_named_outside_the_ledger() -> None:
    """No module writes SQL against the list's table by hand (the ledger's API seals every write)."""
    named = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if not str(p).startswith(str(PACKAGE / "ledger"))
        and re.search(
            r"""["'](FROM|INTO|UPDATE|DELETE FROM)\s+suppression\b""", p.read_text(encoding="utf-8"), re.I
        )
    ]
    assert named == []
