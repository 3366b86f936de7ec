"""E-mail through the outbox: queued in the caller's transaction, sent over SMTP by the dispatcher.

An ``email`` row holds everything needed to send the message (address, subject, text, HTML and
attachments as base64), so what is sent is what was decided when the change committed, and a refused
change sends nothing. The dispatcher claims due rows like webhook deliveries and hands them to
``send_batch`` in a worker thread (``smtplib`` blocks). A reply 5xx refuses the message for good
(dead at once, the reply kept as ``last_error``); a 4xx reply, a refused connection or a timeout is
retried with the outbox's backoff. Each row has its own ``Message-ID``, the same on every attempt, so
a message sent twice after an unclear failure can be recognised as one.
"""

import base64
import logging
import smtplib
import ssl
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

import email_validator
from sqlalchemy.ext.asyncio import AsyncSession

from ..api.errors import ValidationError
from ..settings import Settings, get_settings
from .models import OutboxMessage
from .service import wake_dispatcher_on_commit

logger = logging.getLogger("zaakgericht.outbox")

EMAIL = "email"

# Attachments travel inside the outbox row: enough for a receipt PDF, not for a dossier.
MAX_BIJLAGEN_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Bijlage:
    bestandsnaam: str
    content_type: str  # e.g. "application/pdf"
    inhoud: bytes


def queue_email(
    session: AsyncSession,
    *,
    aan: str,
    onderwerp: str,
    tekst: str,
    html: str | None = None,
    bijlagen: Sequence[Bijlage] = (),
    ordering_key: str = "",
) -> OutboxMessage:
    """Add an e-mail to the outbox; it is sent after the caller's transaction commits.

    E-mails to one address with the same ``ordering_key`` (e.g. a zaak's URL) are sent in the order
    they were queued. An invalid address is a ``ValidationError`` on ``aan``.
    """
    adres = normalized_address(aan)
    _check_bijlagen(bijlagen)
    now = datetime.now(UTC)
    row = OutboxMessage(
        kind=EMAIL,
        payload={
            "aan": adres,
            # A line break in a header would make the message unsendable.
            "onderwerp": " ".join(onderwerp.split()),
            "tekst": tekst,
            "html": html,
            "bijlagen": [
                {
                    "bestandsnaam": bijlage.bestandsnaam,
                    "contentType": bijlage.content_type,
                    "inhoud": base64.b64encode(bijlage.inhoud).decode("ascii"),
                }
                for bijlage in bijlagen
            ],
        },
        message_id=uuid.uuid4(),
        # Ordering is per recipient: one unreachable mailbox does not hold up another's mail.
        ordering_key=f"{adres} {ordering_key}" if ordering_key else "",
        created=now,
        attempts=0,
        next_attempt_at=now,
        last_error="",
    )
    session.add(row)
    wake_dispatcher_on_commit(session)
    return row


def normalized_address(aan: str) -> str:
    try:
        return email_validator.validate_email(aan, check_deliverability=False).normalized
    except email_validator.EmailNotValidError as exc:
        raise ValidationError.single("aan", "invalid", f"Het e-mailadres '{aan}' is ongeldig: {exc}") from None


def _check_bijlagen(bijlagen: Sequence[Bijlage]) -> None:
    for bijlage in bijlagen:
        if not bijlage.bestandsnaam or bijlage.content_type.count("/") != 1:
            raise ValueError(f"Attachment needs a file name and a content type like 'application/pdf': {bijlage!r}")
    if sum(len(bijlage.inhoud) for bijlage in bijlagen) > MAX_BIJLAGEN_BYTES:
        raise ValueError(f"Attachments of an e-mail may together be at most {MAX_BIJLAGEN_BYTES} bytes")


# --- sending ---------------------------------------------------------------------------------

_warned = False


def configured() -> bool:
    """Whether e-mail can be sent; without an SMTP host and an afzender e-mails wait in the outbox."""
    settings = get_settings()
    return bool(settings.smtp_host and settings.email_afzender)


def warned_unconfigured() -> bool:
    return _warned


def warn_unconfigured() -> None:
    """Log (once per process) that e-mails wait because sending is not configured."""
    global _warned
    _warned = True
    logger.warning(
        "Er staan e-mails in de outbox, maar ZAAKGERICHT_SMTP_HOST of ZAAKGERICHT_EMAIL_AFZENDER is niet "
        "ingesteld; de e-mails wachten tot dat wel zo is."
    )


@dataclass(frozen=True, slots=True)
class EmailDelivery:
    id: int
    payload: dict
    message_id: uuid.UUID
    created: datetime


@dataclass(frozen=True, slots=True)
class Failure:
    error: str
    permanent: bool


def build_message(delivery: EmailDelivery, afzender: str) -> EmailMessage:
    payload = delivery.payload
    message = EmailMessage()
    message["From"] = afzender
    message["To"] = payload["aan"]
    message["Subject"] = payload["onderwerp"]
    message["Date"] = format_datetime(delivery.created)
    domain = parseaddr(afzender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{delivery.message_id}@{domain}>"
    message.set_content(payload["tekst"])
    if payload.get("html"):
        message.add_alternative(payload["html"], subtype="html")
    for bijlage in payload.get("bijlagen") or []:
        maintype, subtype = bijlage["contentType"].split("/")
        message.add_attachment(
            base64.b64decode(bijlage["inhoud"]), maintype=maintype, subtype=subtype, filename=bijlage["bestandsnaam"]
        )
    return message


def send_batch(deliveries: Sequence[EmailDelivery], settings: Settings) -> list[Failure | None]:
    """Send the messages over one SMTP connection (blocking); None for each message the server accepted."""
    outcomes: list[Failure | None] = []
    connection: smtplib.SMTP | None = None
    try:
        for delivery in deliveries:
            if connection is None:
                try:
                    connection = _connect(settings)
                except (OSError, smtplib.SMTPException) as exc:
                    # The server is out of reach: every message waits for the next attempt.
                    failure = Failure(_describe(exc), permanent=False)
                    outcomes.extend([failure] * (len(deliveries) - len(outcomes)))
                    break
            outcome, connection_usable = _send(connection, delivery, settings.email_afzender)
            outcomes.append(outcome)
            if not connection_usable:
                _close(connection)
                connection = None
    finally:
        if connection is not None:
            _close(connection)
    return outcomes


def _connect(settings: Settings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.smtp_security == "ssl":
        connection = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout, context=context
        )
    else:
        connection = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    try:
        if settings.smtp_security == "starttls":
            connection.starttls(context=context)
        if settings.smtp_username:
            connection.login(settings.smtp_username, settings.smtp_password)
    except BaseException:
        connection.close()
        raise
    return connection


def _send(connection: smtplib.SMTP, delivery: EmailDelivery, afzender: str) -> tuple[Failure | None, bool]:
    """One message; returns its outcome and whether the connection can carry the next one."""
    try:
        message = build_message(delivery, afzender)
    except Exception as exc:
        return Failure(f"Het bericht kan niet worden opgebouwd: {exc!r}", permanent=True), True
    try:
        connection.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()))
        return Failure(_reply(code, reply), permanent=code >= 500), code != 421
    except smtplib.SMTPResponseException as exc:
        # 421: the server is closing the connection.
        return Failure(_reply(exc.smtp_code, exc.smtp_error), permanent=exc.smtp_code >= 500), exc.smtp_code != 421
    except (OSError, smtplib.SMTPException) as exc:
        return Failure(_describe(exc), permanent=False), False
    except Exception as exc:
        # Anything else fails this message alone; the connection may be mid-command, so start afresh.
        logger.exception("Onverwachte fout bij het versturen van e-mail %s", delivery.id)
        return Failure(_describe(exc), permanent=False), False
    return None, True


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"SMTP {code}: {text[:500]}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    return f"{type(exc).__name__}: {exc}"


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
