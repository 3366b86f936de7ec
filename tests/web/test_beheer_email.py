"""Beheer of e-mail: whether sending is configured, and the e-mails waiting in the outbox, to read."""

from datetime import UTC, datetime

from sqlalchemy import update

from tests import smtp
from tests.conftest import count_queries
from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, logged_in, make_medewerker
from zaakgericht import db
from zaakgericht.notificaties.email import Bijlage, queue_email
from zaakgericht.notificaties.models import OutboxMessage

smtp_server = smtp.smtp_server  # the real SMTP server


async def _queue(aantal: int, *, eerste: int = 1) -> None:
    async with db.write_session() as session:
        for nummer in range(eerste, eerste + aantal):
            queue_email(
                session,
                aan=f"inwoner{nummer}@example.nl",
                onderwerp=f"Ontvangstbevestiging ZAAK-{nummer:03}",
                tekst=f"Beste inwoner,\n\nWij hebben uw aanvraag ZAAK-{nummer:03} ontvangen.",
                bijlagen=[Bijlage("aanvraag.pdf", "application/pdf", b"%PDF-1.4 " * 1000)],
            )


async def _mark_dead(onderwerp: str) -> None:
    async with db.write_session() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.payload["onderwerp"].as_string() == onderwerp)
            .values(dead_at=datetime.now(UTC), attempts=3, last_error="550 mailbox unavailable")
        )


async def test_without_smtp_the_page_says_so_and_lists_the_waiting_emails_page_by_page(client):
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    await _queue(30)
    await _mark_dead("Ontvangstbevestiging ZAAK-030")
    await logged_in(client, "beheer")

    assert 'href="/beheer/e-mail"' in (await client.get("/beheer/medewerkers")).text
    assert 'href="/beheer/e-mail"' in (await client.get("/beheer/formulieren")).text
    first = await client.get("/beheer/e-mail")
    assert first.status_code == 200
    assert "E-mail is niet ingesteld" in first.text and "Niet verzonden (30)" in first.text
    # The newest first, each with its recipient, subject, status and readable text.
    assert first.text.count("<summary>") == 25
    assert "inwoner30@example.nl" in first.text and "Mislukt na 3 pogingen: 550 mailbox unavailable" in first.text
    assert "Wij hebben uw aanvraag ZAAK-029 ontvangen." in first.text and "Wacht tot e-mail is ingesteld" in first.text
    assert "inwoner5@example.nl" not in first.text and 'href="/beheer/e-mail?pagina=2"' in first.text
    second = await client.get("/beheer/e-mail", params={"pagina": "2"})
    assert second.text.count("<summary>") == 5 and "inwoner1@example.nl" in second.text
    assert "Pagina 2 van 2." in second.text and "Volgende pagina" not in second.text
    assert (await client.get("/beheer/e-mail", params={"pagina": "x"})).status_code == 200  # page 1


async def test_the_page_takes_the_same_number_of_queries_for_1_or_25_emails(client):
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    await logged_in(client, "beheer")
    counts = []
    for aantal, eerste in ((1, 1), (24, 2)):
        await _queue(aantal, eerste=eerste)
        with count_queries() as counted:
            page = await client.get("/beheer/e-mail")
        assert page.text.count("<summary>") == eerste + aantal - 1
        counts.append(counted[0])
    assert counts[0] == counts[1]


async def test_with_smtp_configured_it_says_where_email_goes(client, smtp_server):
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    await logged_in(client, "beheer")
    page = await client.get("/beheer/e-mail")
    assert (
        "E-mail is ingesteld: berichten gaan via 127.0.0.1" in page.text and "Alle e-mails zijn verzonden." in page.text
    )


async def test_only_beheerders_see_the_emails(client):
    await make_medewerker("piet", rollen=("behandelaar",), heeft_alle_autorisaties=True)
    await _queue(1)
    await logged_in(client, "piet")
    refused = await client.get("/beheer/e-mail")
    assert refused.status_code == 403 and "inwoner1@example.nl" not in refused.text


async def test_a_beheerder_reads_a_waiting_ontvangstbevestiging_in_the_browser(page):
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    await _queue(2)

    await page.goto("/inloggen")
    await page.get_by_label("Gebruikersnaam").fill("beheer")
    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("link", name="Beheer", exact=True).click()
    await page.get_by_role("link", name="E-mail", exact=True).click()
    await page.get_by_role("heading", name="E-mail", exact=True).wait_for()
    assert await page.get_by_text("E-mail is niet ingesteld").is_visible()
    text = page.get_by_text("Wij hebben uw aanvraag ZAAK-002 ontvangen.")
    assert not await text.is_visible()
    await page.get_by_text("Ontvangstbevestiging ZAAK-002").click()
    assert await text.is_visible()
    await assert_accessible(page)
