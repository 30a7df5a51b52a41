"""Run the gate's SQL checks through Great Expectations: counts come out, never a CRM value.

One ephemeral GX context per call (nothing written but the optional Data Docs site), one table asset
and one suite per table, one ``UnexpectedRowsExpectation`` per :class:`SqlCheck`, run by a checkpoint
with the ``SUMMARY`` result format. Every result is stripped to counts before the Data Docs are built
and before anything is returned: GX keeps offending rows (``details``, ``partial_unexpected_list``...)
and database error messages (which may quote a value) otherwise.

SQLite's ``REGEXP`` works here without us: SQLAlchemy's pysqlite dialect registers a ``regexp``
function (``re.search``, NULL-safe) on every connection it opens, GX's included.

GX is imported inside the functions only (``import great_expectations`` costs about 3 s).
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from crm_privacy.crm.engine import normalise_url
from crm_privacy.validate.checks import CheckResult, EvidenceCheck, SqlCheck

logger = logging.getLogger(__name__)

#: The Data Docs site GX builds when ``docs_dir`` is given.
DOCS_SITE = "crm_privacy"
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 0}
#: The only keys of a GX expectation result kept (and only when they hold a number).
_COUNT_KEYS = frozenset(
    {
        "observed_value",
        "element_count",
        "missing_count",
        "missing_percent",
        "unexpected_count",
        "unexpected_percent",
        "unexpected_percent_total",
        "unexpected_percent_nonmissing",
    }
)
#: SQLAlchemy's logger for the gate's engines: at DEBUG SQLAlchemy logs result rows, and GX fetches
#: the unexpected rows themselves (then drops them): this logger never goes below WARNING.
ENGINE_LOGGING_NAME = "crm_privacy_gate"
_QUIET_LOGGERS = ("great_expectations._docs_decorators", f"sqlalchemy.engine.Engine.{ENGINE_LOGGING_NAME}")
# SQLAlchemy wraps driver errors as "(module.Class) message"; PyMySQL's message starts "(errno, ...".
_DBAPI_ERROR = re.compile(r"^\((?P<path>[A-Za-z_][\w.]*)\)\s*(?:\((?P<errno>\d+),)?")
# SQLAlchemy's text() reads these as bind parameters (sqlalchemy.sql.elements.TextClause)
_BIND_PARAM = re.compile(r"(?<![:\w\x5c]):(\w+)(?![:\w])")
_TRACEBACK_ERROR = re.compile(r"^(?P<path>[A-Za-z_][\w.]*(?:Error|Exception)\w*)(?::|$)", re.MULTILINE)


def run_checks(
    url: str, checks: Sequence[SqlCheck], *, docs_dir: Path | None = None, run_name: str = ""
) -> list[CheckResult]:
    """Run ``checks`` on the database at ``url``; one result per check, in order (counts only)."""
    # GX prints (to stdout, where ``--json`` output goes) a warning each time it meets a query that
    # does not name ``{batch}``: ours span several tables on purpose, so its prints are dropped
    with contextlib.redirect_stdout(io.StringIO()):
        return _run_checks(url, checks, docs_dir=docs_dir, run_name=run_name)


def _run_checks(
    url: str, checks: Sequence[SqlCheck], *, docs_dir: Path | None = None, run_name: str = ""
) -> list[CheckResult]:
    names = [check.name for check in checks]
    if len(set(names)) != len(names):
        raise ValueError("check names must be unique")
    if not checks:
        return []
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    context = _ephemeral_context(docs_dir)
    datasource = _datasource(context, normalise_url(url))
    by_table: dict[str, list[SqlCheck]] = {}
    for check in checks:
        by_table.setdefault(check.table, []).append(check)
    results: dict[str, CheckResult] = {}
    try:
        definitions = []
        for table, table_checks in by_table.items():
            try:
                # a reserved word ("lines" on MariaDB, "user" on PostgreSQL) must reach GX quoted
                asset = datasource.add_table_asset(name=table, table_name=_quoted(url, table))
            except Exception as exc:  # e.g. the table does not exist: each of its checks fails
                error = _exception_error(exc)
                results.update({c.name: _result(c, passed=False, count=0, error=error) for c in table_checks})
                continue
            suite = context.suites.add(
                gx.ExpectationSuite(name=table, expectations=[_expectation(c) for c in table_checks])
            )
            batch = asset.add_batch_definition_whole_table("whole table")
            definitions.append(
                context.validation_definitions.add(
                    gx.ValidationDefinition(name=table, data=batch, suite=suite)
                )
            )
        if definitions:
            checkpoint = context.checkpoints.add(
                gx.Checkpoint(
                    name="crm_privacy_gate", validation_definitions=definitions, result_format=RESULT_FORMAT
                )
            )
            outcome = checkpoint.run(run_id=RunIdentifier(run_name=run_name or None))
            by_name = {c.name: c for c in checks}
            for key, suite_result in outcome.run_results.items():
                for expectation_result in suite_result.results:
                    _strip(expectation_result)
                    check = by_name[expectation_result.expectation_config.meta["check"]]
                    results[check.name] = _from_gx(check, expectation_result)
                # the stored copy is what Data Docs render: replace it with the stripped one
                context.validation_results_store.set(key, suite_result)
        if docs_dir is not None:
            context.build_data_docs(site_names=[DOCS_SITE])
    finally:
        _dispose(datasource)
    # fail closed: a check GX did not report on has not passed
    ordered = [results.get(c.name) or _result(c, passed=False, count=0, error="NotRun") for c in checks]
    failed = sum(not r.passed for r in ordered)
    logger.info("GX ran %d checks on %d tables: %d failed", len(checks), len(by_table), failed)
    return ordered


def evidence_results(checks: Sequence[EvidenceCheck]) -> list[CheckResult]:
    """Results of recorded-count comparisons: passed when equal, the gap as ``unexpected_count``."""
    return [_result(c, passed=c.expected == c.observed, count=abs(c.expected - c.observed)) for c in checks]


def data_docs_index(docs_dir: Path) -> Path | None:
    """The Data Docs site's ``index.html`` under ``docs_dir``, or None if none was built."""
    index = Path(docs_dir) / "index.html"
    return index if index.is_file() else None


def _ephemeral_context(docs_dir: Path | None) -> Any:
    """An in-memory GX context: no project folder, no analytics, no progress bars."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
    )
    context: Any = gx.get_context(mode="ephemeral", project_config=config)
    if docs_dir is not None:
        site = {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(Path(docs_dir).resolve()),
            },
        }
        context.add_data_docs_site(site_name=DOCS_SITE, site_config=site)
    return context


def _datasource(context: Any, url: str) -> Any:
    """The GX SQL data source for ``url`` (bound values hidden, engine logger of its own)."""
    sources = context.data_sources
    options: dict[str, Any] = {"hide_parameters": True, "logging_name": ENGINE_LOGGING_NAME}
    if url.startswith("sqlite"):
        return sources.add_sqlite(name="crm", connection_string=url, kwargs=options)
    if url.startswith("postgresql"):
        return sources.add_postgres(name="crm", connection_string=url, kwargs=options)
    return sources.add_sql(name="crm", connection_string=url, kwargs=options)


def _quoted(url: str, table: str) -> str:
    """``table`` as this database's SQL must write it: quoted only when it has to be."""
    from sqlalchemy.engine import make_url

    dialect = make_url(normalise_url(url)).get_dialect()()
    return str(dialect.identifier_preparer.quote(table))


def _expectation(check: SqlCheck) -> Any:
    return _counted_class()(
        unexpected_rows_query=gx_query(check.query), description=check.description, meta={"check": check.name}
    )


@functools.cache
def _counted_class() -> Any:
    """``UnexpectedRowsExpectation`` that asks the database for the count of unexpected rows only.

    The stock expectation also fetches up to 200 of the rows (then drops them in ``SUMMARY`` format):
    on a large CRM that second query doubled the gate's time (a ``LIMIT`` made PostgreSQL choose a
    nested-loop plan), and the offending keys never need to leave the database."""
    from great_expectations.expectations.core.unexpected_rows_expectation import UnexpectedRowsExpectation

    class CountedUnexpectedRows(UnexpectedRowsExpectation):  # type: ignore[misc]
        metric_dependencies = ("unexpected_rows_query.row_count",)

        def _validate(
            self, metrics: dict[str, Any], runtime_configuration: Any = None, execution_engine: Any = None
        ) -> dict[str, Any]:
            count = metrics["unexpected_rows_query.row_count"]
            return {"success": count == 0, "result": {"observed_value": count}}

    return CountedUnexpectedRows


def gx_query(query: str) -> str:
    """Plain SQL (``{batch}`` its only placeholder) as GX must get it.

    GX fills ``{batch}`` with ``str.format`` (so a regex ``{2}`` breaks it) and runs the result as
    SQLAlchemy ``text()`` (so ``:word``, e.g. ``(?:a|b)`` in a regex, becomes a bind parameter): other
    braces are doubled and such colons escaped.
    """
    braces = query.replace("{", "{{").replace("}", "}}").replace("{{batch}}", "{batch}")
    return _BIND_PARAM.sub(lambda match: "\\" + match[0], braces)


def _strip(expectation_result: Any) -> None:
    """Keep only numeric counts in a GX expectation result; replace any error by a value-free line."""
    kept = {
        key: value
        for key, value in (expectation_result.result or {}).items()
        if key in _COUNT_KEYS and (value is None or isinstance(value, int | float))
    }
    expectation_result.result = kept
    info = expectation_result.exception_info or {}
    raised = _raised_messages(info)
    error = _message_error(raised[0]) if raised else None
    # Data Docs render the traceback as text: it gets the same value-free line (None breaks them)
    expectation_result.exception_info = {
        "raised_exception": bool(raised),
        "exception_message": error,
        "exception_traceback": error,
    }


def _raised_messages(info: dict[str, Any]) -> list[str]:
    """The messages (or tracebacks) of the exceptions GX caught: flat, or keyed by metric."""
    if info.get("raised_exception"):
        return [str(info.get("exception_message") or info.get("exception_traceback") or "")]
    return [
        str(value.get("exception_message") or value.get("exception_traceback") or "")
        for value in info.values()
        if isinstance(value, dict) and (value.get("exception_message") or value.get("exception_traceback"))
    ]


def _from_gx(check: SqlCheck, expectation_result: Any) -> CheckResult:
    info = expectation_result.exception_info
    if info["raised_exception"]:
        return _result(check, passed=False, count=0, error=info["exception_message"])
    observed = expectation_result.result.get("observed_value")
    if not isinstance(observed, int):
        return _result(check, passed=False, count=0, error="NoRowCount")
    return _result(check, passed=bool(expectation_result.success), count=observed)


def _result(
    check: SqlCheck | EvidenceCheck, *, passed: bool, count: int, error: str | None = None
) -> CheckResult:
    return CheckResult(
        kind=check.kind,
        name=check.name,
        expectation=check.expectation,
        table=check.table,
        column=check.column,
        rule=check.rule,
        description=check.description,
        passed=passed,
        unexpected_count=count,
        error=error,
    )


def _message_error(message: str) -> str:
    """A driver error's class name and code, from GX's text of it; never the text itself."""
    match = _DBAPI_ERROR.match(message)
    if match:
        return _error_name(match["path"], match["errno"])
    classes = _TRACEBACK_ERROR.findall(message)
    return _error_name(classes[-1], None) if classes else "Error"


def _exception_error(exc: BaseException) -> str:
    """Class name and code of the driver error behind ``exc`` (or of ``exc``); never its message."""
    for cause in _chain(exc):
        orig = getattr(cause, "orig", None)
        if isinstance(orig, BaseException):
            errno = orig.args[0] if orig.args and isinstance(orig.args[0], int) else None
            return _error_name(f"{type(orig).__module__}.{type(orig).__qualname__}", errno)
    return type(exc).__name__


def _error_name(path: str, errno: object) -> str:
    """``Class`` plus the error code: MySQL errno, or PostgreSQL SQLSTATE (psycopg's class knows it)."""
    module, _, name = path.rpartition(".")
    if errno is None and module.startswith("psycopg"):
        import psycopg.errors

        errno = getattr(getattr(psycopg.errors, name, None), "sqlstate", None)
    return f"{name} ({errno})" if errno else name


def _chain(exc: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _dispose(datasource: Any) -> None:
    """Close the connections GX opened (its execution engine and its data source each hold one)."""
    engines = [getattr(datasource, "_engine", None)]
    execution_engine = getattr(datasource, "_execution_engine", None)
    engines.append(getattr(execution_engine, "engine", None))
    for engine in engines:
        if engine is not None and hasattr(engine, "dispose"):
            engine.dispose()
