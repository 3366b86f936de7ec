"""E-mail through the outbox, delivered to a real SMTP server: content, retries, refusals, and waiting."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.helpers import zaakgericht
from tests.smtp import AFZENDER, Clock
from zaakgericht import db
from zaakgericht.api.errors import ValidationError
from zaakgericht.notificaties import email as email_module
from zaakgericht.notificaties.email import Bijlage, queue_email
from zaakgericht.notificaties.models import OutboxMessage
from zaakgericht.settings import get_settings

# Not a real PDF, but of the size of an ontvangstbevestiging, and with every byte value in it.
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 200


async def queue(aan: str = "j.jansen@example.nl", **fields) -> int:
    async with db.write_session() as session:
        row = queue_email(
            session,
            aan=aan,
            onderwerp=fields.pop("onderwerp", "Ontvangstbevestiging"),
            tekst=fields.pop("tekst", "Wij hebben uw aanvraag ontvangen."),
            **fields,
        )
        await session.flush()
        return row.id


async def email_rows() -> list[OutboxMessage]:
    async with db.read_session() as session:
        statement = select(OutboxMessage).where(OutboxMessage.kind == "email").order_by(OutboxMessage.id)
        return list((await session.scalars(statement)).all())


async def test_a_queued_email_is_delivered_with_text_html_attachment_and_a_stable_message_id(smtp_server):
    await queue(
        onderwerp="Ontvangstbevestiging van uw aanvraag\nZAAK-2026-0000001",  # the line break goes
        tekst="Beste mevrouw Jansen,\n\nWij hebben uw aanvraag ontvangen.\n",
        html='<!DOCTYPE html><html lang="nl"><body><p>Wij hebben uw aanvraag ontvangen.</p></body></html>',
        bijlagen=[Bijlage("ontvangstbevestiging.pdf", "application/pdf", PDF)],
    )

    assert await Clock().dispatch() == 1

    [message] = smtp_server.messages
    assert message["From"] == AFZENDER
    assert message["To"] == "j.jansen@example.nl"
    assert message["Subject"] == "Ontvangstbevestiging van uw aanvraag ZAAK-2026-0000001"
    assert smtp_server.envelopes == [("noreply@voorbeeldstad.nl", ["j.jansen@example.nl"])]
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire
    assert text == "Beste mevrouw Jansen,\n\nWij hebben uw aanvraag ontvangen.\n"
    assert "<p>Wij hebben uw aanvraag ontvangen.</p>" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "ontvangstbevestiging.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF
    [row] = await email_rows()
    assert message["Message-ID"] == f"<{row.message_id}@voorbeeldstad.nl>"
    assert row.delivered_at is not None and row.attempts == 1 and row.last_error == ""


async def test_a_temporary_refusal_is_retried_later_with_the_same_message_id(smtp_server):
    smtp_server.answers = ["451 4.3.0 Tijdelijk niet mogelijk"]
    await queue()
    clock = Clock()
    await clock.dispatch()
    [row] = await email_rows()
    assert row.attempts == 1 and row.delivered_at is None and row.dead_at is None
    assert row.last_error.startswith("SMTP 451")
    assert await clock.dispatch() == 0  # the retry is not due yet

    await clock.dispatch(timedelta(hours=1))

    assert smtp_server.refused == ["451 4.3.0 Tijdelijk niet mogelijk"]
    [message] = smtp_server.messages
    [row] = await email_rows()
    assert row.delivered_at is not None and row.attempts == 2
    assert message["Message-ID"] == f"<{row.message_id}@voorbeeldstad.nl>"


async def test_a_permanent_refusal_is_dead_at_once_until_an_operator_retries(smtp_server):
    smtp_server.rcpt_answers = ["550 5.1.1 Deze mailbox bestaat niet"]
    await queue()
    clock = Clock()
    await clock.dispatch()
    [row] = await email_rows()
    assert row.dead_at is not None and row.delivered_at is None and row.attempts == 1
    assert row.last_error == "SMTP 550: 5.1.1 Deze mailbox bestaat niet"
    assert await clock.dispatch(timedelta(hours=1)) == 0
    assert smtp_server.messages == []

    listed = zaakgericht("outbox", "list", "--dead")
    assert listed.returncode == 0, listed.stderr
    assert str(row.id) in listed.stdout and "email" in listed.stdout and "dood" in listed.stdout
    retried = zaakgericht("outbox", "retry", str(row.id))
    assert retried.returncode == 0, retried.stderr
    assert "1 bericht" in retried.stdout

    await clock.dispatch(timedelta(minutes=1))
    assert len(smtp_server.messages) == 1
    [row] = await email_rows()
    assert row.delivered_at is not None and row.dead_at is None


async def test_a_permanent_refusal_of_the_message_itself_is_dead_at_once(smtp_server):
    smtp_server.answers = ["554 5.6.0 Bericht geweigerd"]
    await queue()
    await Clock().dispatch()
    [row] = await email_rows()
    assert row.dead_at is not None and row.last_error.startswith("SMTP 554")


async def test_while_the_server_is_down_emails_are_retried(smtp_server):
    smtp_server.stop()
    await queue()
    await queue(aan="p.pietersen@example.nl")
    clock = Clock()
    await clock.dispatch()
    rows = await email_rows()
    assert all(row.attempts == 1 and row.dead_at is None and row.delivered_at is None for row in rows)
    assert all("ConnectionRefusedError" in row.last_error for row in rows)

    smtp_server.start()
    await clock.dispatch(timedelta(hours=1))

    assert sorted(message["To"] for message in smtp_server.messages) == [
        "j.jansen@example.nl",
        "p.pietersen@example.nl",
    ]
    assert all(row.delivered_at is not None for row in await email_rows())


async def test_emails_to_one_address_with_one_ordering_key_go_out_in_order(smtp_server):
    smtp_server.answers = ["451 4.3.0 Tijdelijk niet mogelijk"]
    await queue(onderwerp="Eerste", ordering_key="zaak-1")
    await queue(onderwerp="Tweede", ordering_key="zaak-1")
    await queue(aan="p.pietersen@example.nl", onderwerp="Voor een ander", ordering_key="zaak-1")
    clock = Clock()
    await clock.dispatch()
    # The first was refused for now: the second waits for it; the other address does not.
    assert [message["Subject"] for message in smtp_server.messages] == ["Voor een ander"]

    await clock.dispatch(timedelta(hours=1))
    await clock.dispatch(timedelta(hours=1))

    assert [message["Subject"] for message in smtp_server.messages] == ["Voor een ander", "Eerste", "Tweede"]


async def test_without_an_smtp_host_emails_wait_and_a_warning_is_logged_once(smtp_server, monkeypatch, caplog):
    monkeypatch.setattr(get_settings(), "smtp_host", "")
    monkeypatch.setattr(email_module, "_warned", False)
    await queue()
    clock = Clock()
    with caplog.at_level(logging.WARNING, logger="zaakgericht.outbox"):
        assert await clock.dispatch() == 0
        assert await clock.dispatch(timedelta(days=1)) == 0
    warnings = [record for record in caplog.records if "ZAAKGERICHT_SMTP_HOST" in record.getMessage()]
    assert len(warnings) == 1
    [row] = await email_rows()
    assert (row.attempts, row.claimed_until, row.dead_at, row.delivered_at) == (0, None, None, None)

    monkeypatch.setattr(get_settings(), "smtp_host", "127.0.0.1")
    await clock.dispatch()
    assert len(smtp_server.messages) == 1


async def test_a_refused_change_queues_no_email(smtp_server):
    with pytest.raises(RuntimeError):
        async with db.write_session() as session:
            queue_email(session, aan="j.jansen@example.nl", onderwerp="Onderwerp", tekst="Tekst")
            raise RuntimeError("the change is refused after the e-mail was queued")
    assert await email_rows() == []
    await Clock().dispatch()
    assert smtp_server.messages == []


@pytest.mark.parametrize("aan", ["", "geen-adres", "j.jansen@", "twee@example.nl, drie@example.nl"])
async def test_an_invalid_address_is_refused_when_queueing(aan):
    with pytest.raises(ValidationError) as refused:
        await queue(aan=aan)
    assert refused.value.invalid_params[0].name == "aan"
    assert await email_rows() == []


async def test_attachments_are_limited_in_size():
    with pytest.raises(ValueError, match="at most"):
        await queue(bijlagen=[Bijlage("groot.pdf", "application/pdf", b"x" * (email_module.MAX_BIJLAGEN_BYTES + 1))])
    assert await email_rows() == []


async def test_a_message_that_breaks_the_sender_fails_alone(smtp_server):
    broken, healthy = await queue(aan="a.eerste@example.nl"), await queue(aan="b.tweede@example.nl")
    async with db.write_session() as session:
        row = await session.get(OutboxMessage, broken)
        # Written by hand or by an older version: a subject the e-mail library trips over.
        row.payload = {**row.payload, "onderwerp": ["Ontvangstbevestiging"]}

    await Clock().dispatch()

    assert [message["To"] for message in smtp_server.messages] == ["b.tweede@example.nl"]
    rows = {row.id: row for row in await email_rows()}
    assert rows[healthy].delivered_at is not None
    # It can never be built: dead at once, with the reason.
    assert rows[broken].dead_at is not None and rows[broken].attempts == 1
    assert "opgebouwd" in rows[broken].last_error
