"""The validation gate: build the suite, run it through Great Expectations, judge, say why.

Used by the sweep's ``check`` task, by ``crm-privacy sweep`` after it applies, and alone by
``crm-privacy validate``. What it returns and logs holds counts and names of tables, columns, rules
and expectations: never a value read from the CRM.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, literal, select

from crm_privacy.crm.binding import Binding
from crm_privacy.validate.checks import CheckResult, EvidenceCheck, SqlCheck
from crm_privacy.validate.suite import RunCounts, SuiteBuilder

log = logging.getLogger(__name__)

#: Actions of a plan that remove rows from their table.
_REMOVING = frozenset({"delete", "archive"})


@dataclass
class GateResult:
    results: list[CheckResult]
    data_docs: Path | None = None

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if not r.passed]

    def block(self) -> dict[str, Any]:
        """The ``validation`` block of the run's JSON summary."""
        return {
            "passed": self.passed,
            "expectations": len(self.results),
            "failed": [
                {
                    "expectation": r.expectation,
                    "name": r.name,
                    "table": r.table,
                    "column": r.column,
                    "rule": r.rule,
                    "unexpected_count": r.unexpected_count,
                    **({"error": r.error} if r.error else {}),
                }
                for r in self.failed
            ],
            "by_kind": _by_kind(self.results),
            "data_docs": str(self.data_docs) if self.data_docs else None,
        }

    def message(self, limit: int = 5) -> str:
        """One line per failed expectation (the first ``limit``): table, column, expectation, count."""
        lines = []
        for r in self.failed[:limit]:
            where = r.table + (f".{r.column}" if r.column else "")
            rule = f", rule {r.rule}" if r.rule else ""
            why = f"could not run ({r.error})" if r.error else f"{r.unexpected_count} unexpected row(s)"
            lines.append(f"{where}: {r.expectation} [{r.name}{rule}]: {why}")
        more = len(self.failed) - limit
        if more > 0:
            lines.append(f"... and {more} more failed expectation(s)")
        return (
            f"validation gate FAILED: {len(self.failed)} of {len(self.results)} expectation(s) failed\n  "
            + "\n  ".join(lines)
        )


def _by_kind(results: list[CheckResult]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in results:
        entry = out.setdefault(r.kind, {"expectations": 0, "failed": 0})
        entry["expectations"] += 1
        entry["failed"] += 0 if r.passed else 1
    return out


@dataclass
class RunEvidence:
    """What the run planned and did, for the checks that compare the two (counts only)."""

    planned: list[
        dict[str, Any]
    ]  # the plan's rules: [{"rule_id", "kind", "tables": [{table, action, rows, table_rows}]}]
    affected: Mapping[str, int]  # rows changed per table, as the applied batches recorded them
    pending_notices: Mapping[str, int]  # rule id -> notices still in their wait at the run date
    replan_left: Mapping[str, int] | None = None  # "rule:table" -> rows a re-plan still finds due
    orphans_before: Mapping[str, int] | None = None  # integrity check -> orphan rows before the run

    def counts(self) -> RunCounts:
        planned: dict[tuple[str, str], int] = {}
        table_rows: dict[str, int] = {}
        for rule in self.planned:
            for t in rule.get("tables", []):
                k = (t["table"], t["action"])
                planned[k] = planned.get(k, 0) + int(t["rows"])
                table_rows.setdefault(t["table"], int(t.get("table_rows", 0)))
        return RunCounts(
            planned=planned,
            table_rows=table_rows,
            pending_notices=dict(self.pending_notices),
            orphans_before=None if self.orphans_before is None else dict(self.orphans_before),
        )


def orphans_now(binding: Binding, as_of: dt.date, parents: Collection[str] | None = None) -> dict[str, int]:
    """Rows pointing at a missing parent, per link of the policy, counted now (before a run applies:
    the gate then fails only if the run added some). Counts only."""

    out: dict[str, int] = {}
    with binding.engine.connect() as conn:
        for check in SuiteBuilder(binding, as_of).orphan_checks(parents):
            out[check.name] = int(
                conn.exec_driver_sql(f"SELECT COUNT(*) FROM ({check.query}) q").scalar_one()
            )
    return out


def build_checks(
    binding: Binding, as_of: dt.date, evidence: RunEvidence | None = None
) -> tuple[list[SqlCheck], list[EvidenceCheck]]:
    counts = evidence.counts() if evidence else RunCounts()
    sql = SuiteBuilder(binding, as_of, counts).checks()
    recorded: list[EvidenceCheck] = []
    if evidence is None:
        return sql, recorded
    by_table: dict[str, int] = {}
    removed: set[str] = set()
    for (table, action), rows in counts.planned.items():
        if table.startswith("("):
            continue  # "(notices)": no CRM rows
        by_table[table] = by_table.get(table, 0) + rows
        if action in _REMOVING and rows:
            removed.add(table)
    for table, rows in sorted(by_table.items()):
        recorded.append(
            EvidenceCheck(
                kind="integrity",
                name=f"integrity:{table}:applied",
                table=table,
                expected=rows,
                observed=int(evidence.affected.get(table, 0)),
                description=f"lignes traitées dans {table} = lignes prévues par le plan ({rows})",
            )
        )
    dialect = binding.engine.dialect
    for table, before in sorted(counts.table_rows.items()):
        if table in removed or table not in binding.policy.tables or not before:
            continue
        t = binding.table(table)
        stmt = select(literal(1)).where(select(func.count()).select_from(t).scalar_subquery() < before)
        query = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        sql.append(
            SqlCheck(
                kind="integrity",
                name=f"integrity:{table}:row_count",
                table=table,
                query=query,
                description=f"{table} garde ses {before} lignes (seules des colonnes y sont traitées)",
                expectation="UnexpectedRowsExpectation",
            )
        )
    if evidence.replan_left is not None:
        recorded.append(
            EvidenceCheck(
                kind="replan",
                name="replan:nothing_left",
                table="*",
                expected=0,
                observed=sum(evidence.replan_left.values()),
                description="un nouveau plan à la même date ne trouve plus rien à traiter",
                expectation="ReplanFindsNothingDue",
            )
        )
    return sql, recorded


def _broken_down(
    binding: Binding, as_of: dt.date, url: str, results: list[CheckResult], run_name: str
) -> list[CheckResult]:
    """Some checks cover several places in one scan: a table's treated columns, a rule's tables.
    When one fails, its detailed checks (run then) say which column or table, in its place."""
    from crm_privacy.validate.gx_runner import run_checks

    builder = SuiteBuilder(binding, as_of)

    def detail(r: CheckResult) -> list[SqlCheck]:
        if r.passed or r.error is not None:
            return []
        if r.kind == "treated" and r.column is None:
            return builder.treated_column_checks(r.table)
        if r.kind in {"retention", "consent"} and r.rule is not None and r.name == f"{r.kind}:{r.rule}":
            return builder.rule_table_checks(r.rule)
        return []

    out: list[CheckResult] = []
    for r in results:
        found = run_checks(url, checks, run_name=run_name) if (checks := detail(r)) else []
        # the CRM changed between the two scans: the failure found first stands
        out.extend(found if any(not f.passed for f in found) else [r])
    return out


def run_gate(
    binding: Binding,
    url: str,
    as_of: dt.date,
    *,
    evidence: RunEvidence | None = None,
    docs_dir: Path | None = None,
    run_name: str = "",
) -> GateResult:
    """Build and run the suite; ``url`` is the CRM's SQLAlchemy URL (the one ``binding`` uses)."""
    from crm_privacy.validate.gx_runner import data_docs_index, evidence_results, run_checks

    sql, recorded = build_checks(binding, as_of, evidence)
    log.info(
        "validation gate: %d expectation(s) on the CRM, %d on the run's records", len(sql), len(recorded)
    )
    results = run_checks(url, sql, docs_dir=docs_dir, run_name=run_name)
    results = _broken_down(binding, as_of, url, results, run_name) + evidence_results(recorded)
    docs = data_docs_index(docs_dir) if docs_dir is not None else None
    result = GateResult(results, docs)
    if result.passed:
        log.info("validation gate passed: %d expectation(s)", len(results))
    else:
        log.error("%s", result.message())
    return result


def run_erasure_checks(
    binding: Binding,
    url: str,
    as_of: dt.date,
    orphans_before: Mapping[str, int],
    *,
    parents: Collection[str],
    docs_dir: Path | None = None,
    run_name: str = "",
) -> GateResult:
    """After a data-subject erasure, the gate's checks that do not depend on a rule: every row
    carrying a table's marker (the erased person's included) has its columns in treated form, and no
    link to a table the erasure deletes from (``parents``) has more orphan rows than before. Through Great Expectations like the gate; no identifier
    and no key of the person is in any query (finding the identifiers is the request's own search)."""
    from crm_privacy.validate.gx_runner import data_docs_index, run_checks

    builder = SuiteBuilder(binding, as_of, RunCounts(orphans_before=dict(orphans_before)))
    checks = builder.treated_checks() + builder.orphan_checks(parents)
    results = run_checks(url, checks, docs_dir=docs_dir, run_name=run_name)
    results = _broken_down(binding, as_of, url, results, run_name)
    result = GateResult(results, data_docs_index(docs_dir) if docs_dir is not None else None)
    if not result.passed:
        log.error("%s", result.message())
    return result
