"""The daily digest of signaleringen: one e-mail a day through the outbox to each person who chose it, with
their unread signals of the last day, delivered to a real SMTP server; no BSN in it."""

from datetime import datetime, timedelta

from sqlalchemy import select

from tests.smtp import Clock, smtp_server  # noqa: F401 - the SMTP server fixture
from tests.web.accounts_fixtures import make_medewerker
from tests.zaken.factories import create_zaak, create_zaaktype_setup, zaken_post
from zaakgericht import db
from zaakgericht.accounts.models import Medewerker
from zaakgericht.notificaties.models import OutboxMessage
from zaakgericht.settings import get_settings
from zaakgericht.signalen import service
from zaakgericht.signalen.taken import dagelijks
from zaakgericht.zaken.models import Zaak

BSN = "999990019"


async def _kies(gebruikersnaam: str, aan: bool) -> None:
    async with db.write_session() as session:
        medewerker = await session.scalar(select(Medewerker).where(Medewerker.gebruikersnaam == gebruikersnaam))
        await service.kies_dagelijks_overzicht(session, medewerker, aan)


async def _signaal(ontvanger: str, zaak_id: int, tekst: str, moment: datetime) -> None:
    async with db.write_session() as session:
        session.add(service.nieuw_signaal(ontvanger, "document", zaak_id, tekst, moment))


async def _emails() -> int:
    async with db.read_session() as session:
        return len((await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "email"))).all())


async def test_the_digest_goes_once_a_day_only_to_those_who_chose_it(client, superuser, smtp_server, monkeypatch):  # noqa: F811
    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url, identificatie="ZAAK-2026-0042")
    await zaken_post(
        client,
        superuser,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": zaaktype.roltypen["initiator"],
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": BSN, "geslachtsnaam": "Jansen"},
        },
    )
    async with db.read_session() as session:
        zaak_id = await session.scalar(select(Zaak.id).where(Zaak.identificatie == "ZAAK-2026-0042"))
    # The job runs outside any request: links are built from the configured base URL.
    monkeypatch.setattr(get_settings(), "base_url", "https://zaken.voorbeeldstad.nl")
    await make_medewerker("piet", naam="Piet Pieters", email="piet@voorbeeldstad.nl")
    await make_medewerker("kees", naam="Kees Kaas", email="kees@voorbeeldstad.nl")
    await make_medewerker("anna", naam="Anna Aalders", email="anna@voorbeeldstad.nl")
    await _kies("piet", True)
    await _kies("anna", True)  # but she has nothing new: no e-mail
    now = datetime.now(service.TIMEZONE).replace(hour=9, minute=0)  # the hours below stay on this day
    document = "Een betrokkene heeft het document 'Loonstrook' toegevoegd aan zaak ZAAK-2026-0042."
    await _signaal("piet", zaak_id, document, now)
    await _signaal("piet", zaak_id, "Oud nieuws", now - timedelta(days=2))  # not of the last day
    await _signaal("kees", zaak_id, "Voor Kees", now)  # kees did not choose the digest

    assert await dagelijks(now) == (0, 1)
    assert await dagelijks(now + timedelta(hours=3)) == (0, 0)  # the same day: not again
    await Clock().dispatch()

    [message] = smtp_server.messages
    assert message["To"] == "piet@voorbeeldstad.nl"
    assert message["Subject"] == f"Uw signaleringen van {now.astimezone(service.TIMEZONE):%d-%m-%Y}: 1 nieuw"
    text = message.get_body(("plain",)).get_content()
    assert "Beste Piet Pieters," in text
    assert document in text
    assert f"https://zaken.voorbeeldstad.nl/zaakdossier/{zaak['uuid']}" in text
    assert "https://zaken.voorbeeldstad.nl/signalen" in text
    assert "Oud nieuws" not in text and "Voor Kees" not in text
    assert BSN not in message.as_string() and "Jansen" not in text

    # The next day there is a new digest, with only what is new and still unread.
    await _signaal("piet", zaak_id, "Nieuw van morgen", now + timedelta(days=1))
    await _signaal("piet", zaak_id, "Al gelezen", now + timedelta(days=1))
    async with db.write_session() as session:
        await service.markeer_gelezen(
            session, "piet", (await _laatste(session, "Al gelezen")), now + timedelta(days=1, minutes=1)
        )
    assert await dagelijks(now + timedelta(days=1, minutes=2)) == (0, 1)
    await Clock().dispatch()
    text = smtp_server.messages[1].get_body(("plain",)).get_content()
    assert "Nieuw van morgen" in text and "Al gelezen" not in text
    assert await _emails() == 2

    # Turned off: no more digests.
    await _kies("piet", False)
    await _signaal("piet", zaak_id, "Overmorgen", now + timedelta(days=2))
    assert await dagelijks(now + timedelta(days=2)) == (0, 0)


async def _laatste(session, tekst: str):
    from zaakgericht.signalen.models import Signaal

    return await session.scalar(select(Signaal.uuid).where(Signaal.tekst == tekst))


async def test_the_digest_waits_for_the_hour_in_the_worker_but_the_command_sends_it_at_once(monkeypatch):
    import asyncio

    from zaakgericht.signalen import taken

    calls = []

    async def dagelijks_(now, *, overzicht=True):
        calls.append(overzicht)
        return 0, 0

    monkeypatch.setattr(taken, "dagelijks", dagelijks_)
    monkeypatch.setattr(get_settings(), "signalen_overzicht_uur", 25)  # never reached: no digest
    stop = asyncio.Event()
    task = asyncio.create_task(taken.periodiek(stop, interval=0.01))
    await asyncio.sleep(0.05)
    stop.set()
    await task
    assert calls and not any(calls)


async def test_the_command_makes_the_termijn_signals_once_a_day(client, superuser):
    from tests.helpers import zaakgericht

    zaaktype = await create_zaaktype_setup(client, superuser)
    zaak = await create_zaak(
        client,
        superuser,
        zaaktype.url,
        identificatie="ZAAK-CLI",
        einddatumGepland=datetime.now(service.TIMEZONE).date().isoformat(),
        uiterlijkeEinddatumAfdoening="2099-01-01",
    )
    await zaken_post(
        client,
        superuser,
        "rollen",
        {
            "zaak": zaak["url"],
            "betrokkeneType": "medewerker",
            "roltype": zaaktype.roltypen["behandelaar"],
            "roltoelichting": "Behandelaar",
            "betrokkeneIdentificatie": {"identificatie": "piet"},
        },
    )

    first = zaakgericht("signalen", "dagelijks")
    assert first.returncode == 0, first.stderr
    assert "Termijnsignaleringen gemaakt: 1." in first.stdout
    second = zaakgericht("signalen", "dagelijks", "--geen-overzicht")
    assert second.returncode == 0, second.stderr
    assert "Termijnsignaleringen gemaakt: 0." in second.stdout
    async with db.read_session() as session:
        from zaakgericht.signalen.models import Signaal

        teksten = (await session.scalars(select(Signaal.tekst).where(Signaal.soort == "termijn"))).all()
    assert teksten == [
        f"De geplande einddatum van zaak ZAAK-CLI is vandaag ({datetime.now(service.TIMEZONE):%d-%m-%Y})."
    ]
