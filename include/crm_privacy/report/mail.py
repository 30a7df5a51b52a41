"""The run report e-mailed to the DPO over SMTP: a short text summary (counts only) with report.html
attached. Sending never fails a run: without connection or recipients, or when the server refuses,
the outcome is one log line. Configuration: docs/email.md."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid
from typing import Any, Literal

from crm_privacy.errors import UsageError
from crm_privacy.report.html import thousands

log = logging.getLogger("crm_privacy.report.mail")

CONN_ID = "crm_privacy_smtp"
RECIPIENTS_VARIABLE = "crm_privacy_dpo_emails"
#: decisions quoted in the body; the others are counted and left to the attached report
DECISIONS_SHOWN = 3
_DEFAULT_PORT = {"ssl": 465, "starttls": 587, "none": 25}

Security = Literal["starttls", "ssl", "none"]


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send, read from an Airflow connection (the SMTP provider's conventions)."""

    host: str
    port: int
    login: str | None
    password: str | None = None
    security: Security = "ssl"
    #: the From address (extra ``from_email``)
    sender: str = ""
    #: seconds, for the connection and each SMTP command (extra ``timeout``)
    timeout: float = 30.0
    #: check the server's certificate (extra ``ssl_context: none`` turns it off, as in the provider)
    verify: bool = True

    def __repr__(self) -> str:  # the password never reaches a log through a repr
        return f"SmtpSettings({self.host}:{self.port}, {self.security}, login={bool(self.login)})"


def _flag(value: Any) -> bool:
    """An extra's boolean: JSON true/false, or the text of a URI query (``disable_tls=false``)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def smtp_settings(conn_id: str = CONN_ID) -> SmtpSettings | None:
    """The SMTP connection ``conn_id`` (task, CLI through ``AIRFLOW_CONN_<ID>``, or a secrets backend),
    None when it is not defined; UsageError (in French, it ends in deliver's outcome) when it cannot
    be used. Like the SMTP provider: SSL unless ``disable_ssl``, then STARTTLS
    unless ``disable_tls``; the sender is ``from_email``, else a login that is an address."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        conn = Connection.get(conn_id)
    except AirflowNotFoundException:
        return None
    extra = conn.extra_dejson
    security: Security = "ssl"
    if _flag(extra.get("disable_ssl")):
        security = "none" if _flag(extra.get("disable_tls")) else "starttls"
    sender = str(extra.get("from_email") or (conn.login if "@" in (conn.login or "") else ""))
    if not conn.host:
        raise UsageError(f"connexion {conn_id} sans hôte")
    if not sender:
        raise UsageError(f"connexion {conn_id} sans expéditeur (extra from_email)")
    try:
        timeout = float(extra.get("timeout", 30))
    except (TypeError, ValueError):
        raise UsageError(f"connexion {conn_id} : extra timeout n'est pas un nombre de secondes") from None
    return SmtpSettings(
        host=conn.host,
        port=int(conn.port or _DEFAULT_PORT[security]),
        login=conn.login or None,
        password=conn.password or None,
        security=security,
        sender=sender,
        timeout=timeout,
        verify=str(extra.get("ssl_context") or "default").lower() != "none",
    )


def parse_addresses(text: str) -> list[str]:
    """``a@x.org, Dpo <b@y.org>; c@z.org`` -> the addresses (comma or semicolon separated)."""
    return [addr for _, addr in getaddresses(re.split(r"[;,]", text)) if "@" in addr]


def recipients(policy_recipients: Sequence[str] = ()) -> list[str]:
    """The Airflow variable ``crm_privacy_dpo_emails`` when set (not blank), else the policy's
    ``reports.recipients``."""
    from airflow.sdk import Variable

    configured = Variable.get(RECIPIENTS_VARIABLE, default=None)
    if configured and str(configured).strip():
        return parse_addresses(str(configured))
    return [address.strip() for address in policy_recipients if address.strip()]


_STATUS = {
    "fr": {"succeeded": "réussi", "failed": "ÉCHEC", "planned": "planifié"},
    "en": {"succeeded": "succeeded", "failed": "FAILED", "planned": "planned"},
}
_ROWS = {  # (language, dry run) -> singular, plural
    ("fr", False): ("ligne traitée", "lignes traitées"),
    ("fr", True): ("ligne à traiter", "lignes à traiter"),
    ("en", False): ("row treated", "rows treated"),
    ("en", True): ("row to treat", "rows to treat"),
}
_TEXT = {
    "fr": {
        "subject": "[RGPD] {name} {as_of} : {verdict}",
        "dry_run": "essai à blanc",
        "title": "Rapport de l'exécution {name} ({run_id}) du {as_of}.",
        "status": "Statut : {status}",
        "real": "Mode : exécution réelle",
        "dry": "Mode : essai à blanc (aucune donnée modifiée)",
        "rows": "Lignes traitées : {rows}",
        "rows_dry": "Lignes qui seraient traitées : {rows}",
        "action": "  - {action} : {rows}",
        "passed": "Validation : réussie ({expected} attente(s))",
        "not_passed": "Validation : ÉCHEC, {failing} attente(s) en échec sur {expected}",
        "not_run": "Validation : non exécutée",
        "decisions": "Décisions à prendre : {n}",
        "more": "  (et {n} autre(s) dans le rapport joint)",
        "failure": "Échec : étape {step}, {type} : {message}",
        "attached": "Le rapport complet est joint : {name}",
    },
    "en": {
        "subject": "[RGPD] {name} {as_of}: {verdict}",
        "dry_run": "dry run",
        "title": "Report of run {name} ({run_id}) on {as_of}.",
        "status": "Status: {status}",
        "real": "Mode: real run",
        "dry": "Mode: dry run (no data changed)",
        "rows": "Rows treated: {rows}",
        "rows_dry": "Rows that would be treated: {rows}",
        "action": "  - {action}: {rows}",
        "passed": "Validation: passed ({expected} expectation(s))",
        "not_passed": "Validation: FAILED, {failing} expectation(s) failing out of {expected}",
        "not_run": "Validation: not run",
        "decisions": "Decisions to take: {n}",
        "more": "  (and {n} more in the attached report)",
        "failure": "Failure: step {step}, {type}: {message}",
        "attached": "The full report is attached: {name}",
    },
}


_BREAKS = re.compile(r"[\x00-\x20\x7f\x85\u2028\u2029]+")  # controls, line breaks, runs of spaces


def one_line(value: Any, limit: int = 300) -> str:
    """Report text made safe for a header or a bullet: one line, bounded."""
    text = _BREAKS.sub(" ", str(value)).strip()  # not str.split(): it would eat the no-break spaces
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _lang(report: Mapping[str, Any]) -> str:
    return "en" if report.get("lang") == "en" else "fr"


def _name(report: Mapping[str, Any]) -> str:
    return one_line(report.get("dag_id") or report.get("job") or "crm_privacy", 80)


def _status(report: Mapping[str, Any]) -> str:
    status = str(report.get("status") or "?")
    return _STATUS[_lang(report)].get(status, one_line(status, 40))


def _rows(report: Mapping[str, Any]) -> int:
    """Rows treated; for a dry run, rows the plan would treat (its ``rows_treated`` is 0)."""
    totals = report.get("totals") or {}
    if report.get("dry_run") and "rows_planned" in totals:
        return _count(totals.get("rows_planned"))
    return _count(totals.get("rows_treated"))


def attachment_name(report: Mapping[str, Any]) -> str:
    name = f"rapport-{report.get('dag_id') or report.get('job') or 'crm_privacy'}-{report.get('as_of') or ''}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name.rstrip("-")) + ".html"


def subject(report: Mapping[str, Any]) -> str:
    lang, dry = _lang(report), bool(report.get("dry_run"))
    text = _TEXT[lang]
    if report.get("status") == "failed":
        step = (report.get("failure") or {}).get("step")
        verdict = _status(report) + (f" ({one_line(step, 40)})" if step else "")
        verdict += f", {text['dry_run']}" if dry else ""
    else:
        rows = _rows(report)
        singular, plural = _ROWS[lang, dry]
        one = rows <= 1 if lang == "fr" else rows == 1  # French: 0 and 1 are singular
        counted = f"{thousands(rows, lang)} {singular if one else plural}"
        verdict = f"{text['dry_run'] if dry else _status(report)}, {counted}"
    as_of = one_line(report.get("as_of") or "", 20)
    return one_line(
        text["subject"].format(name=_name(report), as_of=as_of, verdict=verdict).replace("  ", " ")
    )


def body(report: Mapping[str, Any], attachment: str) -> str:
    """The plain-text summary: counts, verdicts and the first decisions; never a CRM value."""
    lang, dry = _lang(report), bool(report.get("dry_run"))
    text, totals = _TEXT[lang], report.get("totals") or {}
    run_id = one_line(report.get("run_id") or "-", 120)
    lines = [text["title"].format(name=_name(report), run_id=run_id, as_of=report.get("as_of")), ""]
    lines.append(text["status"].format(status=_status(report)))
    lines.append(text["dry" if dry else "real"])
    lines.append(text["rows_dry" if dry else "rows"].format(rows=thousands(_rows(report), lang)))
    for action, n in sorted((totals.get("by_action") or {}).items()):
        lines.append(text["action"].format(action=one_line(action, 40), rows=thousands(_count(n), lang)))
    validation = report.get("validation") or {}
    expected, failing = _count(validation.get("expectations")), len(validation.get("failed") or [])
    passed = validation.get("passed")
    verdict = "passed" if passed is True else "not_passed" if passed is False else "not_run"
    lines.append(text[verdict].format(expected=expected, failing=failing))
    decisions = [d for d in report.get("decisions") or [] if isinstance(d, Mapping)]
    lines.append(text["decisions"].format(n=len(decisions)))
    lines += [f"  - {one_line(d.get('text') or '', 200)}" for d in decisions[:DECISIONS_SHOWN]]
    if len(decisions) > DECISIONS_SHOWN:
        lines.append(text["more"].format(n=len(decisions) - DECISIONS_SHOWN))
    failure = report.get("failure")
    if isinstance(failure, Mapping):
        step, kind = one_line(failure.get("step") or "?", 40), one_line(failure.get("type") or "-", 60)
        lines.append(
            text["failure"].format(step=step, type=kind, message=one_line(failure.get("message") or "", 500))
        )
    return "\n".join([*lines, "", text["attached"].format(name=attachment), ""])


def compose(report: Mapping[str, Any], html: str, *, sender: str, recipients: Sequence[str]) -> EmailMessage:
    """The e-mail: subject and text body from the report's counts, report.html attached byte for byte."""
    message = EmailMessage()
    message["Subject"] = subject(report)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to the robot
    name = attachment_name(report)
    message.set_content(body(report, name))
    # bytes, base64: the attachment is the very file, whatever its line endings or line lengths
    message.add_attachment(
        html.encode("utf-8"), maintype="text", subtype="html", filename=name, params={"charset": "utf-8"}
    )
    return message


def send(settings: SmtpSettings, message: EmailMessage) -> dict[str, tuple[int, bytes]]:
    context = ssl.create_default_context()
    if not settings.verify:
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    client: smtplib.SMTP
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.login and settings.password:
            client.login(settings.login, settings.password)
        return client.send_message(message)


def deliver(
    report: Mapping[str, Any], html: str, *, policy_recipients: Sequence[str] = (), conn_id: str = CONN_ID
) -> str:
    """Send the report to the DPO; the outcome, also logged once (recipients counted, never listed).
    Never raises for SMTP trouble: the run's result does not depend on the mail server."""
    try:
        settings = smtp_settings(conn_id)
    except UsageError as exc:
        outcome = f"pas d'envoi : {exc}"
        log.warning("%s", outcome)
        return outcome
    if settings is None:
        outcome = f"pas d'envoi : connexion {conn_id} non configurée"
        log.info("%s", outcome)
        return outcome
    to = recipients(policy_recipients)
    if not to:
        outcome = f"pas d'envoi : aucun destinataire (variable {RECIPIENTS_VARIABLE} ou reports.recipients de la politique)"
        log.warning("%s", outcome)
        return outcome
    message = compose(report, html, sender=settings.sender, recipients=to)
    server = f"{settings.host}:{settings.port}"
    try:
        refused = send(settings, message)
    except (smtplib.SMTPException, OSError) as exc:
        # the type and SMTP code only: a server's message may quote addresses
        code = getattr(exc, "smtp_code", None)
        detail = type(exc).__name__ + (f" {code}" if code else "")
        outcome = f"pas d'envoi : échec SMTP sur {server} par {conn_id} ({detail})"
        log.warning("%s", outcome)
        return outcome
    outcome = f"rapport envoyé à {len(to) - len(refused)} destinataire(s) par {conn_id}"
    if refused:
        outcome += f" ({len(refused)} refusé(s) par {server})"
        log.warning("%s", outcome)
    else:
        log.info("%s", outcome)
    return outcome
