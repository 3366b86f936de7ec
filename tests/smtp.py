"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps the messages it accepts, the fixture that
points the installation's e-mail settings at it, and a clock that runs dispatcher rounds."""

import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from zaakgericht.notificaties import dispatcher

AFZENDER = "Gemeente Voorbeeldstad <noreply@voorbeeldstad.nl>"


@dataclass
class Mailbox:
    """Accepts mail unless told otherwise: ``answers`` are the replies to DATA and ``rcpt_answers``
    those to RCPT TO, in order; once they run out every message is accepted."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    rcpt_answers: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        answer = self.rcpt_answers.pop(0) if self.rcpt_answers else "250 OK"
        if answer.startswith("250"):
            envelope.rcpt_tos.append(address)
        else:
            self.refused.append(answer)
        return answer

    async def handle_DATA(self, server, session, envelope) -> str:
        answer = self.answers.pop(0) if self.answers else "250 Message accepted for delivery"
        if not answer.startswith("250"):
            self.refused.append(answer)
            return answer
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return answer

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


class Clock:
    """Drives the dispatcher through time without waiting."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    async def dispatch(self, after: timedelta = timedelta(0)) -> int:
        self.now += after
        async with dispatcher.http_client() as client:
            return await dispatcher.dispatch_once(client, self.now)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch):
    """A running SMTP server, and the settings that send e-mail to it (no TLS, no login)."""
    from zaakgericht.settings import get_settings

    mailbox = Mailbox(port=free_port())
    mailbox.start()
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", mailbox.port)
    monkeypatch.setattr(settings, "smtp_security", "none")
    monkeypatch.setattr(settings, "smtp_timeout", 10.0)
    monkeypatch.setattr(settings, "email_afzender", AFZENDER)
    yield mailbox
    mailbox.stop()
