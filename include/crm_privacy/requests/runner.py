"""One data-subject request, from the CLI or the DAG: register the case, find the person, act, answer.

The case register (``crm_privacy.ledger.cases``) gets the case with its legal deadline; the person
appears there, and on the suppression list, only as keyed hashes of their normalised identifiers.
Several people matching: nothing is changed, the case waits for a human (``review``). Nobody
matching: the case is closed with the answer "no data found". The run's report (``report.json``,
``report.html``) and, for an erasure, the response letter go to the run's report folder.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from crm_privacy.dagrun.workdir import run_reports_dir
from crm_privacy.errors import CrmPrivacyError, UsageError
from crm_privacy.ledger import Ledger
from crm_privacy.ledger.cases import Cases
from crm_privacy.policy.model import Period
from crm_privacy.privatefiles import write_private_text
from crm_privacy.requests.deadlines import due_date
from crm_privacy.requests.locate import locate
from crm_privacy.requests.model import SubjectRequest, check_identifier
from crm_privacy.rules.calendar import add_period
from crm_privacy.transform.keys import KeyRing, identifier_hash

JOB = "subject_request"
#: an opposition is kept at least 3 years (CNIL); an erasure entry as long, then reviewed
SUPPRESSION_YEARS = Period(amount=3, unit="y")

log = logging.getLogger("crm_privacy.requests")


@dataclass(frozen=True)
class Job:
    """What every request handler works with: the request, the sweep context (policy, CRM, ledger,
    key), the subject keys found, the identifiers and their hashes, the register, the summary."""

    request: SubjectRequest
    ctx: Any
    keys: tuple[Any, ...]
    identifiers: dict[str, str]
    hashes: dict[str, str]
    cases: Cases
    summary: dict[str, Any]
    dag_id: str | None


def art19_recipients(ctx: Any) -> list[str]:
    """Who received the data and must hear of a rectification or an erasure (art. 19)."""
    return sorted({r for p in ctx.loaded.policy.purposes for r in p.recipients})


def identifier_hashes(keyring: KeyRing, identifiers: dict[str, str]) -> dict[str, str]:
    """``{keyed hash: kind}`` of normalised identifiers (what the ledger keeps of the person)."""
    return {identifier_hash(keyring, kind, value): kind for kind, value in identifiers.items()}


_WAITING = "waiting for the identity check (art. 12(6)): nothing looked up, nothing changed"
_RESUME = (
    "record the identity check with `crm-privacy case pause --reference R --asked D1 --answered D2` "
    "(the deadline moves by the days in between), then send the request again with the same reference"
)


def run_request(
    request: SubjectRequest,
    *,
    policy: str | Path,
    crm: Engine,
    crm_name: str,
    ledger: Ledger,
    keyring: KeyRing,
    run_id: str,
    out_dir: Path | None = None,
    dag_id: str | None = None,
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """Carry out ``request``; return the run's summary (counts, the case, paths: no personal data)."""
    from crm_privacy.sweep.job import open_context

    as_of = as_of or dt.datetime.now(dt.UTC).date()
    out_dir = out_dir or run_reports_dir(run_id, JOB)
    identifiers = request.identifiers()
    hashes = identifier_hashes(keyring, identifiers)
    cases = Cases(ledger)
    due = due_date(request.received)
    case = cases.open(
        reference=request.reference,
        request_type=request.type,
        received=request.received,
        due_at=due,
        identifier_hashes=sorted(hashes),
        run_id=run_id,
    )
    summary: dict[str, Any] = {
        "run_id": run_id,
        "reference": request.reference,
        "request_type": request.type,
        "received": request.received.isoformat(),
        "due_at": case["due_at"].isoformat() if hasattr(case["due_at"], "isoformat") else str(case["due_at"]),
        "as_of": as_of.isoformat(),
        "dry_run": request.dry_run,
        "identifiers": sorted(identifiers),
    }
    if case["status"] in ("closed", "refused"):
        summary.update(
            status=case["status"], outcome=case["outcome"], note="case already closed: nothing done"
        )
        return summary
    if request.awaiting_identity and case["status"] == "open" and not case["actions"]:
        case = cases.update(request.reference, status="waiting_identity", outcome=_WAITING)
    if case["status"] == "waiting_identity":
        summary.update(status="waiting_identity", outcome=_WAITING, note="nothing done: " + _RESUME)
        return summary
    ctx = open_context(policy, crm, crm_name, ledger, run_id, as_of, out_dir, keyring)
    summary["policy_version"] = ctx.loaded.policy.version
    located = locate(ctx.binding, identifiers)
    summary["subjects_found"] = len(located.keys)
    if located.ambiguous:
        outcome = (
            f"{len(located.keys)} people match these identifiers: nothing was changed; a person must "
            "check which one made the request"
        )
        cases.update(request.reference, status="review", outcome=outcome)
        summary.update(status="review", outcome=outcome)
        return _finish(summary, ledger, ctx, dag_id, request, None)
    if not located.keys and request.type != "objection":
        outcome = "no data found: the CRM holds nothing under these identifiers"
        if request.type == "erasure" and not request.dry_run:
            _suppress(cases, hashes, "erasure", as_of, request.reference)
        if not request.dry_run:
            cases.update(request.reference, status="closed", outcome=outcome, actions={})
        summary.update(status="closed" if not request.dry_run else "planned", outcome=outcome)
        return _finish(summary, ledger, ctx, dag_id, request, None)
    return _HANDLERS[request.type](
        Job(request, ctx, located.keys, identifiers, hashes, cases, summary, dag_id)
    )


def _erasure(job: Job) -> dict[str, Any]:
    request, ctx, keys, identifiers, hashes, cases, summary, dag_id = (
        job.request,
        job.ctx,
        job.keys,
        job.identifiers,
        job.hashes,
        job.cases,
        job.summary,
        job.dag_id,
    )
    from crm_privacy.requests.erasure import erase, kept_under_hold, planned_rows
    from crm_privacy.sweep.evidence import BatchEvidence
    from crm_privacy.validate.gate import orphans_now, run_erasure_checks

    if request.dry_run:
        summary.update(
            status="planned",
            outcome="dry run: nothing was changed",
            planned=planned_rows(ctx.binding, keys, ctx.as_of),
            kept=kept_under_hold(ctx.binding, keys, ctx.as_of),
        )
        return _finish(summary, ctx.ledger, ctx, dag_id, request, None)
    ctx.lock.acquire()
    try:
        _start_run(ctx, request)
        removing = [
            n for n, tp in ctx.binding.policy.tables.items() if tp.row_action in ("delete", "archive")
        ]
        orphans = orphans_now(ctx.binding, ctx.as_of, removing)
        evidence = BatchEvidence(
            ctx.binding,
            ctx.run_id,
            request.reference,
            0,
            "apply",
            [ctx.keyring.subject_hash(k) for k in keys],
            None,
        )
        result = erase(
            ctx.binding,
            keys,
            as_of=ctx.as_of,
            keyring=ctx.keyring,
            evidence=evidence,
            reference=request.reference,
            identifiers=identifiers,
        )
        evidence.publish(ctx.ledger)
        url = ctx.binding.engine.url.render_as_string(hide_password=False)
        gate = run_erasure_checks(
            ctx.binding,
            url,
            ctx.as_of,
            orphans,
            parents=removing,
            docs_dir=ctx.workdir / "data_docs",
            run_name=ctx.run_id,
        )
        ctx.ledger.record_validations(ctx.run_id, gate.results)
    finally:
        ctx.lock.release()
    every = dict(hashes)  # the identifiers given, and those the CRM held for the person
    for kind, values in result.found_identifiers.items():
        for value in values:
            every.update(identifier_hashes(ctx.keyring, {kind: value}))
    added = _suppress(cases, every, "erasure", ctx.as_of, request.reference)
    recipients = art19_recipients(ctx)
    complete = not result.leftovers and gate.passed
    if not result.leftovers and gate.passed:
        outcome = "erased: every datum not under a legal obligation was deleted or anonymised"
    elif result.leftovers:
        outcome = "NOT complete: identifiers still found in " + ", ".join(sorted(result.leftovers))
    else:
        outcome = "NOT complete: the validation failed: " + "; ".join(
            f"{r.name} ({r.unexpected_count})" for r in gate.failed
        )
    actions = {
        "changed": result.changed,
        "mentions_scrubbed": result.mentions_scrubbed,
        "names_scrubbed": result.names_scrubbed,
        "kept": result.kept,
        "suppression_entries": added,
        "art19_recipients": recipients,
    }
    cases.update(
        request.reference, status="closed" if complete else "review", outcome=outcome, actions=actions
    )
    summary.update(
        status="closed" if complete else "review",
        outcome=outcome,
        rows_affected=sum(result.changed.values())
        + sum(result.mentions_scrubbed.values())
        + sum(result.names_scrubbed.values()),
        tables_affected=result.changed,
        archived=result.archived,
        mentions_scrubbed=result.mentions_scrubbed,
        names_scrubbed=result.names_scrubbed,
        kept=result.kept,
        leftovers=result.leftovers,
        validation=gate.block(),
        suppression_entries=added,
        art19_recipients=recipients,
    )
    letter = _letter(summary, ctx)
    return _finish(summary, ctx.ledger, ctx, dag_id, request, letter)


def _objection(job: Job) -> dict[str, Any]:
    """Art. 21: an opposition entry (kept at least 3 years) excludes the person from prospecting,
    whatever the spelling of a later re-import (the list holds normalised identifiers)."""
    request, ctx, hashes, cases, summary, dag_id = (
        job.request,
        job.ctx,
        job.hashes,
        job.cases,
        job.summary,
        job.dag_id,
    )
    if request.dry_run:
        summary.update(status="planned", outcome="dry run: nothing was changed")
        return _finish(summary, ctx.ledger, ctx, dag_id, request, None)
    added = _suppress(cases, hashes, "objection", ctx.as_of, request.reference)
    outcome = "objection recorded: excluded from prospecting"
    cases.update(request.reference, status="closed", outcome=outcome, actions={"suppression_entries": added})
    summary.update(status="closed", outcome=outcome, suppression_entries=added)
    return _finish(summary, ctx.ledger, ctx, dag_id, request, None)


def _rectification(job: Job) -> dict[str, Any]:
    """Art. 16: declared columns of the subject's row only; the same column of every linked table
    that copies it (same name, declared too) follows. The ledger records which columns changed,
    never the old or the new value."""
    request, ctx, keys, cases, summary, dag_id = (
        job.request,
        job.ctx,
        job.keys,
        job.cases,
        job.summary,
        job.dag_id,
    )
    from sqlalchemy import update

    subject = ctx.loaded.policy.subject.table
    declared = ctx.loaded.policy.tables[subject].columns
    unknown = sorted(c for c in request.changes if c not in declared)
    if unknown:
        raise UsageError(
            f"changes: {', '.join(unknown)}: not a declared column of {subject} (the policy's tables.{subject}.columns)"
        )
    kinds = {i.column: i.kind for i in ctx.loaded.policy.subject.identifiers}
    for column, value in sorted(request.changes.items()):
        if column in kinds:  # the same checks as the request's own identifiers: later lookups need them
            check_identifier(kinds[column], value, f"changes: {column}")
    changed: dict[str, int] = {}
    if not request.dry_run:
        with ctx.binding.engine.begin() as conn:
            values = dict(request.changes)
            n = conn.execute(
                update(ctx.binding.subject).where(ctx.binding.subject_key.in_(list(keys))).values(values)
            ).rowcount
            changed[subject] = int(n or 0)
            for name, tp in ctx.loaded.policy.tables.items():
                if name == subject or tp.hold is not None:
                    continue  # held rows (invoices) are kept as issued
                copies = {c: v for c, v in values.items() if c in tp.columns}
                if copies:
                    table = ctx.binding.table(name)
                    match = ctx.binding.linked(name, lambda col: col.in_(list(keys)))
                    rows = conn.execute(update(table).where(match).values(copies)).rowcount
                    changed[name] = int(rows or 0)
    columns = sorted(request.changes)
    outcome = f"rectified: {', '.join(columns)}" if not request.dry_run else "dry run: nothing was changed"
    recipients = art19_recipients(ctx)
    if not request.dry_run:
        cases.update(
            request.reference,
            status="closed",
            outcome=outcome,
            actions={"columns": columns, "changed": changed, "art19_recipients": recipients},
        )
    summary.update(
        status="closed" if not request.dry_run else "planned",
        outcome=outcome,
        columns=columns,
        rows_affected=sum(changed.values()),
        tables_affected=changed,
        art19_recipients=recipients,
    )
    return _finish(summary, ctx.ledger, ctx, dag_id, request, None)


def _export(job: Job) -> dict[str, Any]:
    """Access (art. 15) and portability (art. 20): an encrypted bundle; its password is returned to
    the caller apart from the summary (``summary['bundle_password_file']``), never logged."""
    request, ctx, keys, cases, summary, dag_id = (
        job.request,
        job.ctx,
        job.keys,
        job.cases,
        job.summary,
        job.dag_id,
    )
    try:
        from crm_privacy.requests.export import write_bundle
    except ImportError as exc:
        raise CrmPrivacyError(f"{request.type} requests are not available in this installation") from exc
    if request.dry_run:
        summary.update(status="planned", outcome="dry run: nothing was exported")
        return _finish(summary, ctx.ledger, ctx, dag_id, request, None)
    bundle = write_bundle(
        ctx.binding,
        keys,
        request=request,
        out_dir=ctx.workdir,
        portability=request.type == "portability",
        as_of=ctx.as_of,
    )
    if bundle.path is None:
        outcome = "refused: " + "; ".join(bundle.refused)
        cases.update(request.reference, status="refused", outcome=outcome, actions={})
        summary.update(status="refused", outcome=outcome)
        return _finish(summary, ctx.ledger, ctx, dag_id, request, None)
    password_file = Path(bundle.path).with_suffix(".password.txt")
    write_private_text(password_file, bundle.password + "\n")  # 0600 from its creation
    outcome = f"export delivered: {sum(bundle.tables.values())} rows from {len(bundle.tables)} tables"
    cases.update(
        request.reference,
        status="closed",
        outcome=outcome,
        actions={"exported": bundle.tables, "sha256": bundle.sha256},
    )
    summary.update(
        status="closed",
        outcome=outcome,
        exported=bundle.tables,
        bundle=str(bundle.path),
        bundle_sha256=bundle.sha256,
        bundle_password_file=str(password_file),
    )
    return _finish(summary, ctx.ledger, ctx, dag_id, request, None)


_HANDLERS = {
    "erasure": _erasure,
    "objection": _objection,
    "rectification": _rectification,
    "access": _export,
    "portability": _export,
}


def _start_run(ctx: Any, request: SubjectRequest) -> None:
    ctx.ledger.start_run(
        ctx.run_id,
        job=JOB,
        crm=ctx.crm,
        policy_hash=ctx.loaded.sha256,
        policy_version=ctx.loaded.policy.version,
        as_of=ctx.as_of,
        dry_run=request.dry_run,
        params={"request_type": request.type, "reference": request.reference},
    )


def _suppress(cases: Cases, hashes: dict[str, str], reason: str, as_of: dt.date, reference: str) -> int:
    return cases.suppress(
        hashes,
        reason=reason,
        added_on=as_of,
        keep_until=add_period(as_of, SUPPRESSION_YEARS),
        reference=reference,
    )


def _letter(summary: dict[str, Any], ctx: Any) -> Path:
    """The response letter (French, HTML): what was erased, what was kept, why and until when."""
    from crm_privacy.report.html import render
    from crm_privacy.report.store import write_atomic

    path: Path = ctx.workdir / "reponse.html"
    write_atomic(
        path,
        render(
            "request_letter.html.j2",
            lang="fr",
            s=summary,
            controller=ctx.loaded.policy.controller,
            today=ctx.as_of.isoformat(),
        ),
    )
    return path


def _finish(
    summary: dict[str, Any],
    ledger: Ledger,
    ctx: Any,
    dag_id: str | None,
    request: SubjectRequest,
    letter: Path | None,
) -> dict[str, Any]:
    """Close the run in the ledger (when one was started) and write the run's report."""
    from crm_privacy.report.publish import publish

    if letter is not None:
        summary["letter"] = str(letter)
    if ledger.run_status(summary["run_id"]) is None:
        _start_run(ctx, request)
    final = {"closed": "succeeded", "planned": "planned", "review": "failed", "refused": "succeeded"}
    ledger.finish_run(summary["run_id"], status=final.get(summary["status"], "failed"), summary=summary)
    published = publish(
        {**summary, "status": final.get(summary["status"], "failed"), "case_status": summary["status"]},
        job=JOB,
        dag_id=dag_id,
        ledger=ledger,
        loaded=ctx.loaded,
    )
    summary["report"] = str(published.html_path)
    folder: Path = ctx.workdir
    if published.html_path.parent.resolve() != folder.resolve():  # --out: a copy beside the letter
        import shutil

        folder.mkdir(parents=True, exist_ok=True)
        for name in ("report.html", "report.json"):
            if (published.html_path.parent / name).is_file():
                shutil.copyfile(published.html_path.parent / name, folder / name)
    log.info("request %s (%s): %s", request.reference, request.type, summary["status"])
    return summary
