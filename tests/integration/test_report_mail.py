"""The run report e-mailed to the DPO, through a real SMTP server (aiosmtpd) started by each test on a
free local port: what arrives (subject, counts, the HTML report byte for byte), who receives it, and
that no connection, no recipient, a server down or refusing never fails the caller.

Connections and variables come from ``AIRFLOW_CONN_*`` / ``AIRFLOW_VAR_*`` environment variables, as in
the CLI: ``airflow.sdk.Connection.get`` and ``Variable.get`` read them outside a task too.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

# Airflow sets up logging when airflow.sdk is first imported, replacing the root logger's handlers: done
# here, before any test, so that caplog's handler is not removed in the middle of a test.
from airflow.sdk import Connection  # noqa: F401

from crm_privacy.report.mail import compose, deliver

pytestmark = [
    pytest.mark.integration,
    # aiosmtpd's warning for the implicit-TLS server below, where TLS is there but not seen by AUTH
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

SENDER = "crm-privacy@example.org"
POLICY_DPO = ("dpo@example.org", "deputy.dpo@example.org")
LOGIN, PASSWORD = "crm-privacy", "s3cret-smtp-password"

REPORT: dict[str, Any] = {
    "schema_version": 1,
    "job": "retention_sweep",
    "dag_id": "crm_retention_sweep",
    "run_id": "scheduled__2025-06-30T02:00:00+00:00",
    "status": "succeeded",
    "dry_run": False,
    "as_of": "2025-06-30",
    "lang": "fr",
    "totals": {"rows_treated": 7695, "by_action": {"delete": 1204, "anonymise": 6491}},
    "validation": {"passed": True, "expectations": 14, "failed": []},
    "decisions": [{"text": f"Décision {n} : 12 contacts sans date de dernière activité"} for n in range(5)],
    "failure": None,
}
# CRLF and LF line endings, accents, a line far over SMTP's 998 characters: the attachment must
# still arrive as the very bytes of the file.
HTML = (
    "<!doctype html>\r\n<html lang='fr'><meta charset='utf-8'>\n<title>Rapport – été</title>\r\n"
    f"<p>{'x' * 3000}</p>\n<p>7\u202f695 lignes traitées</p></html>\n"
)


@dataclass
class Mailbox:
    """aiosmtpd handler: keeps every accepted envelope; refuses RCPT to the addresses in ``refuse``."""

    refuse: set[str] = field(default_factory=set)
    envelopes: list[Envelope] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

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
def smtp_server() -> Iterator[tuple[Controller, Mailbox]]:
    """A plain SMTP server on 127.0.0.1 (no TLS, no login), as Mailpit in the compose stack."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


def set_connection(monkeypatch: pytest.MonkeyPatch, port: int, **extra: Any) -> None:
    extra = {"from_email": SENDER, "disable_ssl": True, "disable_tls": True, **extra}
    conn = {"conn_type": "smtp", "host": "127.0.0.1", "port": port, "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", json.dumps(conn))


@pytest.fixture(autouse=True)
def no_airflow_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", raising=False)
    monkeypatch.delenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", raising=False)


def mail_logs(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("crm_privacy")]


# --- what arrives ---------------------------------------------------------------------------------


def test_report_arrives_with_its_summary_and_the_html_report_byte_for_byte(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, mailbox = smtp_server
    set_connection(monkeypatch, controller.port)

    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    assert outcome == "rapport envoyé à 2 destinataire(s) par crm_privacy_smtp"
    (envelope,) = mailbox.envelopes
    assert (envelope.mail_from, envelope.rcpt_tos) == (SENDER, list(POLICY_DPO))
    (message,) = mailbox.messages()
    assert message["Subject"] == "[RGPD] crm_retention_sweep 2025-06-30 : réussi, 7\u202f695 lignes traitées"
    assert message["From"] == SENDER and message["To"] == ", ".join(POLICY_DPO)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    for line in (
        "Statut : réussi",
        "Mode : exécution réelle",
        "Lignes traitées : 7\u202f695",
        "  - delete : 1\u202f204",
        "  - anonymise : 6\u202f491",
        "Validation : réussie (14 attente(s))",
        "Décisions à prendre : 5",
        "  - Décision 0 : 12 contacts sans date de dernière activité",
        "  (et 2 autre(s) dans le rapport joint)",
        "Le rapport complet est joint : rapport-crm_retention_sweep-2025-06-30.html",
    ):
        assert line in text.splitlines(), line
    assert "Décision 3" not in text  # the first three only; the rest is in the attachment
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "rapport-crm_retention_sweep-2025-06-30.html"
    assert attachment.get_content_type() == "text/html"
    assert attachment.get_content_charset() == "utf-8"
    assert attachment.get_payload(decode=True) == HTML.encode("utf-8")


@pytest.mark.parametrize(
    "form",
    ["json", "uri"],
    ids=["json-connection", "uri-connection"],
)
def test_both_connection_forms_of_the_environment_are_read(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    controller, mailbox = smtp_server
    if form == "json":
        set_connection(monkeypatch, controller.port)
    else:  # the URI form's extras are text: 'false' must not read as true
        monkeypatch.setenv(
            "AIRFLOW_CONN_CRM_PRIVACY_SMTP",
            f"smtp://127.0.0.1:{controller.port}?from_email={quote(SENDER)}&disable_ssl=true&disable_tls=true",
        )
    assert deliver(REPORT, HTML, policy_recipients=POLICY_DPO[:1]).startswith("rapport envoyé à 1 ")
    assert mailbox.envelopes[0].mail_from == SENDER


def test_variable_recipients_override_the_policy(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, mailbox = smtp_server
    set_connection(monkeypatch, controller.port)
    monkeypatch.setenv(
        "AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", " dpo@corp.example ; Adjoint DPO <adj@corp.example>, "
    )

    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    assert outcome == "rapport envoyé à 2 destinataire(s) par crm_privacy_smtp"
    assert mailbox.envelopes[0].rcpt_tos == ["dpo@corp.example", "adj@corp.example"]


def test_a_blank_variable_leaves_the_policy_recipients(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller, mailbox = smtp_server
    set_connection(monkeypatch, controller.port)
    monkeypatch.setenv("AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS", "  ")
    deliver(REPORT, HTML, policy_recipients=POLICY_DPO)
    assert mailbox.envelopes[0].rcpt_tos == list(POLICY_DPO)


FAILED = REPORT | {
    "status": "failed",
    "totals": {"rows_treated": 0, "by_action": {}},
    "validation": {
        "passed": False,
        "expectations": 14,
        "failed": [{"expectation": "a"}, {"expectation": "b"}],
    },
    "decisions": [],
    "failure": {"step": "validation", "type": "ValidationFailed", "message": "2 attentes en échec sur 14"},
}
# As report/build.py writes a dry run: nothing treated, the plan's count in rows_planned.
DRY = REPORT | {
    "status": "planned",
    "dry_run": True,
    "totals": {"rows_planned": 7695, "rows_treated": 0, "by_action": {"delete": 1204, "anonymise": 6491}},
    "validation": {"passed": None, "expectations": 0},
}


@pytest.mark.parametrize(
    ("report", "subject", "lines"),
    [
        (
            FAILED,
            "[RGPD] crm_retention_sweep 2025-06-30 : ÉCHEC (validation)",
            [
                "Statut : ÉCHEC",
                "Validation : ÉCHEC, 2 attente(s) en échec sur 14",
                "Décisions à prendre : 0",
                "Échec : étape validation, ValidationFailed : 2 attentes en échec sur 14",
            ],
        ),
        (
            DRY,
            "[RGPD] crm_retention_sweep 2025-06-30 : essai à blanc, 7\u202f695 lignes à traiter",
            [
                "Mode : essai à blanc (aucune donnée modifiée)",
                "Lignes qui seraient traitées : 7\u202f695",
                "Validation : non exécutée",
            ],
        ),
        (
            FAILED | {"dry_run": True, "lang": "en"},
            "[RGPD] crm_retention_sweep 2025-06-30: FAILED (validation), dry run",
            [
                "Status: FAILED",
                "Mode: dry run (no data changed)",
                "Validation: FAILED, 2 expectation(s) failing out of 14",
                "Failure: step validation, ValidationFailed: 2 attentes en échec sur 14",
                "The full report is attached: rapport-crm_retention_sweep-2025-06-30.html",
            ],
        ),
        (
            REPORT
            | {"lang": "en", "dag_id": None, "totals": {"rows_treated": 1, "by_action": {"delete": 1}}},
            "[RGPD] retention_sweep 2025-06-30: succeeded, 1 row treated",
            ["Status: succeeded", "Mode: real run", "Rows treated: 1", "  - delete: 1"],
        ),
    ],
    ids=["failed-says-ECHEC-and-the-step", "dry-run-says-so", "english-failed-dry-run", "english-job-name"],
)
def test_subject_and_body_say_what_happened(report: dict[str, Any], subject: str, lines: list[str]) -> None:
    message = compose(report, HTML, sender=SENDER, recipients=POLICY_DPO)
    assert message["Subject"] == subject
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().splitlines()
    assert [line for line in lines if line not in text] == []


def test_nothing_but_the_report_summary_goes_into_the_mail() -> None:
    # A key the report schema does not have (say, a sample row slipped in by mistake) never reaches
    # the subject or the text; header injection through a run id is neutralised.
    stray = REPORT | {
        "sample": {"email": "jeanne.martin@example.net"},
        "run_id": "manual\r\nBcc: x@evil.example",
    }
    message = compose(stray, HTML, sender=SENDER, recipients=POLICY_DPO)
    body = message.get_body(("plain",))
    assert body is not None
    assert "jeanne.martin" not in message["Subject"] + body.get_content()
    assert message["Bcc"] is None
    assert "manual Bcc: x@evil.example" in body.get_content()


# --- when nothing is sent: never an exception, one log line -----------------------------------------


def test_without_connection_nothing_is_sent_and_one_line_says_so(
    smtp_server: tuple[Controller, Mailbox], caplog: pytest.LogCaptureFixture
) -> None:
    _, mailbox = smtp_server
    caplog.set_level(logging.DEBUG, logger="crm_privacy")

    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    assert outcome == "pas d'envoi : connexion crm_privacy_smtp non configurée"
    assert mailbox.envelopes == []
    assert [r.getMessage() for r in mail_logs(caplog)] == [outcome]


def test_without_recipient_nothing_is_sent(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    controller, mailbox = smtp_server
    set_connection(monkeypatch, controller.port)
    caplog.set_level(logging.INFO, logger="crm_privacy")

    outcome = deliver(REPORT, HTML)

    assert outcome == (
        "pas d'envoi : aucun destinataire (variable crm_privacy_dpo_emails ou reports.recipients de la politique)"
    )
    assert mailbox.envelopes == []
    assert [(r.levelname, r.getMessage()) for r in mail_logs(caplog)] == [("WARNING", outcome)]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"extra": {"from_email": "", "disable_ssl": True, "disable_tls": True}},
            "sans expéditeur (extra from_email)",
        ),
        ({"host": ""}, "sans hôte"),
        (
            {"extra": {"from_email": SENDER, "timeout": "soon"}},
            ": extra timeout n'est pas un nombre de secondes",
        ),
    ],
    ids=["no-sender", "no-host", "bad-timeout"],
)
def test_an_unusable_connection_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, changes: dict[str, Any], problem: str
) -> None:
    conn = {"conn_type": "smtp", "host": "127.0.0.1", "port": free_port(), "extra": {"from_email": SENDER}}
    monkeypatch.setenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", json.dumps(conn | changes))
    caplog.set_level(logging.INFO, logger="crm_privacy")
    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)
    assert outcome == f"pas d'envoi : connexion crm_privacy_smtp {problem}"
    assert [(r.levelname, r.getMessage()) for r in mail_logs(caplog)] == [("WARNING", outcome)]


def assert_logs_hold_no_address_nor_body(caplog: pytest.LogCaptureFixture) -> None:
    logged = "\n".join(r.getMessage() for r in mail_logs(caplog))  # ours, not the test server's
    for secret in (*POLICY_DPO, "Décision", "7\u202f695", PASSWORD):
        assert secret not in logged, secret


def test_server_down_is_a_warning_naming_the_server_not_an_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()  # nothing listens there
    set_connection(monkeypatch, port)
    caplog.set_level(logging.INFO, logger="crm_privacy")

    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    expected = f"pas d'envoi : échec SMTP sur 127.0.0.1:{port} par crm_privacy_smtp (ConnectionRefusedError)"
    assert outcome == expected
    assert [(r.levelname, r.getMessage()) for r in mail_logs(caplog)] == [("WARNING", expected)]
    assert_logs_hold_no_address_nor_body(caplog)


def test_recipients_refused_by_the_server_are_counted_never_named(
    smtp_server: tuple[Controller, Mailbox], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    controller, mailbox = smtp_server
    set_connection(monkeypatch, controller.port)
    caplog.set_level(logging.INFO, logger="crm_privacy")

    mailbox.refuse = {POLICY_DPO[1]}
    some = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)
    mailbox.refuse = set(POLICY_DPO)
    none = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    server = f"127.0.0.1:{controller.port}"
    assert some == f"rapport envoyé à 1 destinataire(s) par crm_privacy_smtp (1 refusé(s) par {server})"
    assert none == f"pas d'envoi : échec SMTP sur {server} par crm_privacy_smtp (SMTPRecipientsRefused)"
    assert [e.rcpt_tos for e in mailbox.envelopes] == [[POLICY_DPO[0]]]
    assert [r.levelname for r in mail_logs(caplog)] == ["WARNING", "WARNING"]
    assert_logs_hold_no_address_nor_body(caplog)


# --- TLS and login --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "crm-privacy test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data == (LOGIN.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path]
) -> Iterator[tuple[str, int, Mailbox]]:
    """A server that wants TLS (STARTTLS on a plain port, or implicit TLS) and a login."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    mailbox = Mailbox()
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if request.param == "starttls"
        # aiosmtpd counts only STARTTLS as TLS for AUTH: on an implicit-TLS port, allow AUTH explicitly
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_required=True,
        **tls,
    )
    controller.start()
    yield request.param, controller.port, mailbox
    controller.stop()


def set_tls_connection(
    monkeypatch: pytest.MonkeyPatch, security: str, port: int, password: str, **extra: Any
) -> None:
    disable = {"starttls": {"disable_ssl": True, "disable_tls": False}, "ssl": {"disable_ssl": False}}[
        security
    ]
    conn = {
        "conn_type": "smtp",
        "host": "127.0.0.1",
        "port": port,
        "login": LOGIN,
        "password": password,
        "extra": {"from_email": SENDER, **disable, **extra},
    }
    monkeypatch.setenv("AIRFLOW_CONN_CRM_PRIVACY_SMTP", json.dumps(conn))


def test_tls_with_a_verified_certificate_and_login(
    tls_server: tuple[str, int, Mailbox],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    security, port, mailbox = tls_server
    set_tls_connection(monkeypatch, security, port, PASSWORD)
    # The private CA is trusted the standard way (OpenSSL's SSL_CERT_FILE), not by turning checks off.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))

    assert deliver(REPORT, HTML, policy_recipients=POLICY_DPO) == (
        "rapport envoyé à 2 destinataire(s) par crm_privacy_smtp"
    )
    (message,) = mailbox.messages()
    (attachment,) = message.iter_attachments()
    assert attachment.get_payload(decode=True) == HTML.encode("utf-8")


@pytest.mark.parametrize(
    ("password", "trust", "expected"),
    [
        ("wrong-password", True, "SMTPAuthenticationError 535"),
        (PASSWORD, False, "SSLCertVerificationError"),
    ],
    ids=["bad-login", "untrusted-certificate"],
)
def test_tls_or_login_failures_are_warnings(
    tls_server: tuple[str, int, Mailbox],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    password: str,
    trust: bool,
    expected: str,
) -> None:
    security, port, mailbox = tls_server
    set_tls_connection(monkeypatch, security, port, password)
    if trust:
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    else:
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0].with_name("absent.pem")))
        monkeypatch.setenv("SSL_CERT_DIR", str(certificate[0].parent / "absent"))
    caplog.set_level(logging.INFO, logger="crm_privacy")

    outcome = deliver(REPORT, HTML, policy_recipients=POLICY_DPO)

    assert outcome == f"pas d'envoi : échec SMTP sur 127.0.0.1:{port} par crm_privacy_smtp ({expected})"
    assert mailbox.envelopes == []
    assert_logs_hold_no_address_nor_body(caplog)


def test_ssl_context_none_skips_certificate_checks_as_in_the_provider(
    tls_server: tuple[str, int, Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    security, port, mailbox = tls_server
    set_tls_connection(monkeypatch, security, port, PASSWORD, ssl_context="none")
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent.pem")
    assert deliver(REPORT, HTML, policy_recipients=POLICY_DPO).startswith("rapport envoyé à 2 ")
    assert len(mailbox.envelopes) == 1
