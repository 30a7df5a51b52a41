"""The deadline alert e-mailed to the DPO through a real SMTP server (aiosmtpd on a free local port):
what arrives (French subject and lines: reference, type, due date, days left; nothing else about the
person), who receives it, and a server that is down is an outcome, never a failed run."""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

# Airflow replaces the root logger's handlers when airflow.sdk is first imported: done before any test.
from airflow.sdk import Connection  # noqa: F401

from crm_privacy.requests.alerts import send_alert
from crm_privacy.requests.deadline_report import alerts, case_deadlines

pytestmark = pytest.mark.integration

SENDER = "crm-privacy@example.org"
AS_OF = dt.date(2025, 6, 30)


class Mailbox:
    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(e.original_content or b"", policy=policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    extra = {"from_email": SENDER, "disable_ssl": True, "disable_tls": True}
    conn = {"conn_type": "smtp", "host": "127.0.0.1", "port": controller.port, "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", json.dumps(conn))
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", "dpo@corp.example")
    yield mailbox
    controller.stop()


def cases() -> list[Any]:
    def case(reference: str, kind: str, days: int) -> dict[str, Any]:
        due = AS_OF + dt.timedelta(days=days)
        return {
            "reference": reference,
            "request_type": kind,
            "received": due - dt.timedelta(days=31),
            "due_at": due,
            "status": "open",
            "identifier_hashes": ["f" * 64],
        }

    rows = [case("DSR-1", "erasure", -1), case("DSR-2", "portability", 3), case("DSR-3", "access", 30)]
    return alerts(case_deadlines(rows, AS_OF))


def test_the_alert_arrives_in_french_naming_the_cases(smtp: Mailbox) -> None:
    outcome = send_alert(
        cases(), "2025-06-30", policy_recipients=["policy.dpo@example.org"], report="/r/d.html"
    )
    assert outcome == "alerte envoyée à 1 destinataire(s) par crm_privacy_smtp"
    (envelope,) = smtp.envelopes
    assert (envelope.mail_from, envelope.rcpt_tos) == (SENDER, ["dpo@corp.example"])
    (message,) = smtp.messages()
    assert (
        message["Subject"]
        == "[RGPD] URGENT Demandes des personnes au 2025-06-30 : 1 en retard, 1 dans les 10 jours"
    )
    assert message["Auto-Submitted"] == "auto-generated"
    body = message.get_body(("plain",))
    assert body is not None
    lines = body.get_content().splitlines()
    assert "- DSR-1 : effacement (art. 17), échéance 2025-06-29, en retard de 1 jour" in lines
    assert "- DSR-2 : portabilité (art. 20), échéance 2025-07-03, 3 jours restants" in lines
    assert "Toutes les demandes ouvertes : /r/d.html" in lines
    assert "DSR-3" not in body.get_content() and "f" * 64 not in (envelope.original_content or b"").decode()
    assert not list(message.iter_attachments())


def test_a_server_down_is_an_outcome_not_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nobody listens there
    extra = {"from_email": SENDER, "disable_ssl": True, "disable_tls": True, "timeout": 5}
    conn = {"conn_type": "smtp", "host": "127.0.0.1", "port": port, "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", json.dumps(conn))
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", "dpo@corp.example")
    outcome = send_alert(cases(), "2025-06-30")
    assert outcome.startswith(
        f"pas d'envoi de l'alerte : échec SMTP sur 127.0.0.1:{port} (ConnectionRefusedError"
    )


def test_no_recipient_is_said(smtp: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS")
    outcome = send_alert(cases(), "2025-06-30", policy_recipients=[])
    assert outcome.startswith("pas d'envoi de l'alerte : aucun destinataire")
    assert smtp.envelopes == []
