"""The DPO's e-mail alert about request deadlines: a short French text (reference, type, due date, days
left; never an identifier), sent through the reports' SMTP connection (``crm_privacy.report.mail``).

Like the run reports, sending never fails the run: no connection, no recipient or a server refusing
is one log line, and the outcome is returned.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from crm_privacy.errors import UsageError
from crm_privacy.report import mail
from crm_privacy.requests.deadline_report import TYPES_FR, CaseDeadline
from crm_privacy.requests.deadlines import ALERT_DAYS, ESCALATE_DAYS

log = logging.getLogger("crm_privacy.requests.alerts")


def _days(case: CaseDeadline) -> str:
    if case.days_left < 0:
        late = -case.days_left
        return f"en retard de {late} jour{'s' if late > 1 else ''}"
    if case.days_left == 0:
        return "échéance aujourd'hui"
    return (
        f"{case.days_left} jour{'s' if case.days_left > 1 else ''} restant{'s' if case.days_left > 1 else ''}"
    )


def urgent(cases: Sequence[CaseDeadline]) -> list[CaseDeadline]:
    """The cases the alert escalates: overdue, or due within ``ESCALATE_DAYS`` (D+28 of a one-month
    deadline: the alert first fires at D+20, when ``ALERT_DAYS`` are left)."""
    return [c for c in cases if c.days_left <= ESCALATE_DAYS]


def subject(cases: Sequence[CaseDeadline], as_of: str) -> str:
    overdue = sum(c.state == "overdue" for c in cases)
    soon = len(cases) - overdue
    parts = []
    if overdue:
        parts.append(f"{overdue} en retard")
    if soon:
        parts.append(
            f"{soon} dans les {ALERT_DAYS} jours"
        )  # ASCII: Python folds a long subject badly before an encoded word
    flag = " URGENT" if urgent(cases) else ""
    return f"[RGPD]{flag} Demandes des personnes au {as_of} : {', '.join(parts)}"


def body(cases: Sequence[CaseDeadline], as_of: str, report: str | None = None) -> str:
    lines = [f"Demandes des personnes concernées à traiter au {as_of} (délai légal, RGPD art. 12(3)) :", ""]
    pressing = urgent(cases)
    if pressing:
        refs = ", ".join(mail.one_line(c.reference, 64) for c in pressing)
        lines += [f"URGENT : échéance dans {ESCALATE_DAYS} jours ou moins, ou dépassée : {refs}", ""]
    for case in cases:
        kind = TYPES_FR.get(case.request_type, case.request_type)
        lines.append(
            f"- {mail.one_line(case.reference, 64)} : {kind}, échéance {case.due_at.isoformat()}, {_days(case)}"
        )
    lines.append("")
    if any(c.state == "overdue" for c in cases):
        lines.append("Une demande en retard appelle une réponse sans attendre, avec la raison du retard.")
    if report:
        lines.append(f"Toutes les demandes ouvertes : {report}")
    return "\n".join([*lines, ""])


def compose(
    cases: Sequence[CaseDeadline], as_of: str, *, sender: str, recipients: Sequence[str], report: str | None
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject(cases, as_of)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body(cases, as_of, report))
    return message


def send_alert(
    cases: Sequence[CaseDeadline],
    as_of: str,
    *,
    policy_recipients: Sequence[str] = (),
    report: str | None = None,
    conn_id: str = mail.CONN_ID,
) -> str:
    """E-mail the cases to act on (overdue or due soon) to the DPO; the outcome, also logged once."""
    if not cases:
        return "pas d'envoi : aucune échéance proche ni dépassée"
    try:
        settings = mail.smtp_settings(conn_id)
    except UsageError as exc:
        outcome = f"pas d'envoi de l'alerte : {exc}"
        log.warning("%s", outcome)
        return outcome
    if settings is None:
        outcome = f"pas d'envoi de l'alerte : connexion {conn_id} non configurée"
        log.info("%s", outcome)
        return outcome
    to = mail.recipients(policy_recipients)
    if not to:
        outcome = (
            "pas d'envoi de l'alerte : aucun destinataire "
            f"(variable {mail.RECIPIENTS_VARIABLE} ou reports.recipients de la politique)"
        )
        log.warning("%s", outcome)
        return outcome
    message = compose(cases, as_of, sender=settings.sender, recipients=to, report=report)
    try:
        refused = mail.send(settings, message)
    except (smtplib.SMTPException, OSError) as exc:
        code = getattr(exc, "smtp_code", None)
        detail = type(exc).__name__ + (f" {code}" if code else "")
        outcome = f"pas d'envoi de l'alerte : échec SMTP sur {settings.host}:{settings.port} ({detail})"
        log.warning("%s", outcome)
        return outcome
    outcome = f"alerte envoyée à {len(to) - len(refused)} destinataire(s) par {conn_id}"
    (log.warning if refused else log.info)("%s", outcome)
    return outcome
