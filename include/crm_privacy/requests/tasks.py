"""The Airflow tasks of the data-subject request DAG and of the daily deadlines DAG, as plain functions
(the DAG files only wire them; each is wrapped by ``dagrun.task.airflow_task``).

The person's identifiers (e-mail, phone, customer reference) and a rectification's new values are
personal data: they are read from the run's params in each task, never logged, never returned (XCom
gets the reference, the type, dates, counts and paths only).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from crm_privacy.dagrun.task import airflow_task, push_xcom
from crm_privacy.errors import CrmPrivacyError, UsageError

log = logging.getLogger("crm_privacy.requests")

#: The folder of the request runs' reports under the reports base.
JOB = "subject_request"
#: XCom key of the summary of a request left for review (the task fails, so returns nothing).
SUMMARY_KEY = "summary"
#: Written in place of a summary value that quotes one of the person's identifiers (a bug upstream).
WITHHELD = "[withheld: personal data]"


class NeedsReview(CrmPrivacyError):
    """The request waits for a person (several people match, or an erasure left identifiers behind)."""


class DeadlinePassed(CrmPrivacyError):
    """An open request is past its legal deadline (the run fails so that someone notices)."""


def run_day(logical_date: dt.datetime | None, run_after: dt.datetime | None) -> dt.date:
    """The run's day: its logical date, else when it was triggered (a REST trigger without a logical
    date), never after today (UTC)."""
    from crm_privacy.dagrun.rundate import today_utc

    moment = logical_date or run_after
    today = today_utc()
    return today if moment is None else min(moment.astimezone(dt.UTC).date(), today)


def request_from_params(params: Mapping[str, Any], *, today: dt.date, received: str | None = None) -> Any:
    """The ``SubjectRequest`` of the run's params (``UsageError`` naming the first wrong field)."""
    from crm_privacy.requests.model import parse_request

    return parse_request(
        str(params.get("request_type") or ""),
        reference=params.get("reference"),
        received=received if received is not None else params.get("received"),
        email=params.get("email"),
        phone=params.get("phone"),
        ref=params.get("ref"),
        changes=params.get("changes") or {},
        dry_run=bool(params.get("dry_run")),
        awaiting_identity=bool(params.get("awaiting_identity")),
        today=today,
    )


def check_connection_ids(params: Mapping[str, Any], names: Iterable[str]) -> None:
    """Refuse connection ids Airflow does not know, naming the param (nothing is connected to yet)."""
    from airflow.sdk import Connection

    for param in names:
        conn_id = str(params.get(param) or "")
        try:
            Connection.get(conn_id)
        except Exception as exc:
            if "NotFound" not in type(exc).__name__:
                raise
            raise UsageError(
                f"Airflow connection {conn_id!r} ({param} param) is not defined: create it (UI: Admin > "
                f"Connections, or AIRFLOW_CONN_{conn_id.upper()}) or correct the {param} param"
            ) from None


@airflow_task
def validate(
    params: Mapping[str, Any], conf: Mapping[str, Any] | None, valid_keys: Iterable[str], day: dt.date
) -> dict[str, Any]:
    """Refuse, before anything is read or changed, unknown conf keys, an invalid request (the message
    names the field), a policy outside the policy directory, an unknown connection id. Returns what
    ``handle`` needs besides the params: no identifier."""
    from crm_privacy.dagrun.conf import check_conf_keys
    from crm_privacy.dagrun.policy_path import allowed_policy

    check_conf_keys(conf, valid_keys)
    request = request_from_params(params, today=day)
    policy = allowed_policy(params.get("policy"))
    check_connection_ids(params, ("crm_conn_id", "ledger_conn_id"))
    if request.dry_run:
        log.warning("DRY RUN: the request will be planned, nothing will be changed")
    log.info(
        "request %s: %s received %s, identified by %s%s",
        request.reference,
        request.type,
        request.received.isoformat(),
        ", ".join(sorted(request.identifiers())),
        f"; columns to rectify: {', '.join(sorted(request.changes))}" if request.changes else "",
    )
    return {
        "reference": request.reference,
        "request_type": request.type,
        "received": request.received.isoformat(),
        "as_of": day.isoformat(),
        "dry_run": request.dry_run,
        "policy": policy,
        "crm_conn_id": str(params["crm_conn_id"]),
        "ledger_conn_id": str(params["ledger_conn_id"]),
    }


@airflow_task
def handle(
    params: Mapping[str, Any], validated: Mapping[str, Any], run_id: str, dag_id: str | None = None
) -> dict[str, Any]:
    """Run the request (``requests.runner.run_request``) on the CRM, with the case register and the
    suppression list in the ledger; return the run's summary (counts, case reference, status, paths)."""
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.dagrun.workdir import run_reports_dir
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.separation import refuse_same_database
    from crm_privacy.requests.runner import run_request
    from crm_privacy.transform.keys import keyring_from_airflow

    as_of = dt.date.fromisoformat(str(validated["as_of"]))
    request = request_from_params(params, today=as_of, received=str(validated["received"]))
    if (request.reference, request.type) != (validated["reference"], validated["request_type"]):
        raise UsageError("the run's params changed between validate and handle: trigger a new run")
    crm = engine_from_airflow(validated["crm_conn_id"], crm=True)
    ledger = Ledger(engine_from_airflow(validated["ledger_conn_id"]))
    refuse_same_database(crm, ledger.engine)  # before the ledger's tables are created
    ledger.migrate()
    summary = run_request(
        request,
        policy=validated["policy"],
        crm=crm,
        crm_name=validated["crm_conn_id"],
        ledger=ledger,
        keyring=keyring_from_airflow(),
        run_id=run_id,
        out_dir=run_reports_dir(run_id, JOB),
        dag_id=dag_id,
        as_of=as_of,
    )
    summary = dict(without_identifiers(summary, request_values(request)))
    if request.dry_run:
        log.warning("DRY RUN ended: request %s planned, nothing changed", request.reference)
    if summary.get("status") == "review":  # a red run, so that the case is looked at
        push_xcom(SUMMARY_KEY, summary)
        raise NeedsReview(
            f"case {request.reference} waits for a person: {summary.get('outcome')}. "
            f"Report: {summary.get('report')}"
        )
    return summary


def request_values(request: Any) -> list[str]:
    """The personal values a request carries (identifiers as given and normalised, new values); values
    shorter than 6 characters are left out (they would match run ids, dates and paths by chance)."""
    given = [request.email, request.phone, request.ref, *request.identifiers().values()]
    given += [str(v) for v in request.changes.values()]
    return sorted({v.strip() for v in given if v and len(v.strip()) >= 6})


def without_identifiers(value: Any, secrets: list[str]) -> Any:
    """``value`` with every text quoting one of ``secrets`` replaced by ``WITHHELD`` (the runner's
    summary holds none; this keeps a slip out of XCom and the logs)."""
    if isinstance(value, Mapping):
        return {k: without_identifiers(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [without_identifiers(v, secrets) for v in value]
    if isinstance(value, str) and any(s.lower() in value.lower() for s in secrets):
        log.error("a summary value quoting the person's identifiers was withheld from XCom")
        return WITHHELD
    return value


# ---- the deadlines DAG ----------------------------------------------------------------------------
@airflow_task
def list_deadlines(
    params: Mapping[str, Any],
    conf: Mapping[str, Any] | None,
    valid_keys: Iterable[str],
    run_id: str,
    day: dt.date,
) -> dict[str, Any]:
    """Every open case with its days left on ``day``: ``deadlines.json`` and ``deadlines.html`` under
    ``<reports base>/requests/``, then the DPO's e-mail alert for the cases due within
    ``ALERT_DAYS`` days or overdue. Returns the counts, the references to act on and the paths."""
    from crm_privacy.crm.engine import engine_from_airflow
    from crm_privacy.dagrun.conf import check_conf_keys
    from crm_privacy.dagrun.policy_path import allowed_policy
    from crm_privacy.dagrun.workdir import reports_root
    from crm_privacy.ledger import Ledger
    from crm_privacy.ledger.cases import Cases
    from crm_privacy.policy.loader import load_policy
    from crm_privacy.requests.alerts import send_alert
    from crm_privacy.requests.deadline_report import alerts, case_deadlines, write_deadlines

    check_conf_keys(conf, valid_keys)
    loaded = load_policy(allowed_policy(params.get("policy")))
    check_connection_ids(params, ("ledger_conn_id",))
    ledger = Ledger(engine_from_airflow(str(params["ledger_conn_id"])))
    ledger.migrate()
    deadlines = case_deadlines(Cases(ledger).all(open_only=True), day)
    document, json_path, html_path = write_deadlines(deadlines, day, reports_root(), run_id)
    counts = document["counts"]
    log.info(
        "%d open request(s) on %s: %d due within %d days, %d overdue; report %s",
        counts["open"],
        day.isoformat(),
        counts["due_soon"],
        document["alert_days"],
        counts["overdue"],
        html_path,
    )
    to_act = alerts(deadlines)
    mail = send_alert(
        to_act,
        day.isoformat(),
        policy_recipients=list(loaded.policy.reports.recipients),
        report=str(html_path),
    )
    return {
        "as_of": day.isoformat(),
        **counts,
        "overdue_references": [c.reference for c in to_act if c.state == "overdue"],
        "due_soon_references": [c.reference for c in to_act if c.state == "due_soon"],
        "report": str(html_path),
        "json": str(json_path),
        "mail": mail,
    }


@airflow_task
def on_time(found: Mapping[str, Any] | None) -> str:
    """Fail (no retry) when a request is past its legal deadline, naming the cases and the report."""
    if not found:
        raise CrmPrivacyError("no deadline listing: the list_deadlines task failed (see its log)")
    late = list(found.get("overdue_references") or [])
    if late:
        raise DeadlinePassed(
            f"{len(late)} request(s) past their legal deadline on {found.get('as_of')}: {', '.join(late)}. "
            f"Answer them now and record the reason for the delay. Report: {found.get('report')}"
        )
    soon = list(found.get("due_soon_references") or [])
    verdict = f"no request past its deadline; {len(soon)} due soon" + (f": {', '.join(soon)}" if soon else "")
    log.info("%s", verdict)
    return verdict
