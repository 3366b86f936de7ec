"""The e-mail to the initiator when a zaak reaches a status whose statustype has ``informeren`` set."""

from sqlalchemy import func, select

from tests.catalogi.factories import publish
from tests.oas import assert_oas
from tests.smtp import AFZENDER, Clock
from tests.zaken.factories import create_zaak, create_zaaktype_setup, set_status, zaken_post
from zaakgericht import db
from zaakgericht.notificaties.models import OutboxMessage

INITIATOR_ADRES = "j.jansen@example.nl"
JANSEN = {"naam": "J. Jansen", "emailadres": INITIATOR_ADRES}


async def zaaktype_informing_at(client, headers, *volgnummers: int, **statustype_fields):
    """The usual zaaktype (Ontvangen, In behandeling, Afgehandeld), informing at the given statussen."""
    setup = await create_zaaktype_setup(client, headers, publish_it=False)
    for volgnummer in volgnummers:
        statustype = setup.statustypen[volgnummer - 1]
        response = await client.patch(statustype, json={"informeren": True, **statustype_fields}, headers=headers)
        assert_oas(response)
        assert response.status_code == 200, response.text
    await publish(client, headers, setup.url)
    return setup


async def add_rol(client, headers, zaak: str, roltype: str, contactpersoon: dict | None = None) -> dict:
    body = {
        "zaak": zaak,
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": roltype,
        "roltoelichting": "Aanvrager",
        "betrokkeneIdentificatie": {"inpBsn": "123456782", "geslachtsnaam": "Jansen"},
    }
    if contactpersoon:
        body["contactpersoonRol"] = contactpersoon
    return await zaken_post(client, headers, "rollen", body)


async def email_count() -> int:
    async with db.read_session() as session:
        return await session.scalar(select(func.count()).where(OutboxMessage.kind == "email"))


async def test_an_informeren_status_mails_the_initiator(client, superuser, smtp_server):
    setup = await zaaktype_informing_at(client, superuser, 2)
    zaak = await create_zaak(client, superuser, setup.url)
    await add_rol(
        client,
        superuser,
        zaak["url"],
        setup.roltypen["initiator"],
        JANSEN,
    )
    await set_status(client, superuser, zaak["url"], setup.statustypen[0], "2026-03-09T10:00:00+01:00")
    assert await email_count() == 0  # Ontvangen does not inform

    await set_status(client, superuser, zaak["url"], setup.statustypen[1], "2026-03-10T00:30:00+01:00")
    await Clock().dispatch()

    [message] = smtp_server.messages
    assert message["To"] == INITIATOR_ADRES and message["From"] == AFZENDER
    assert message["Subject"] == f"Nieuwe status van uw zaak {zaak['identificatie']}"
    text = message.get_body(("plain",)).get_content()
    assert "Beste J. Jansen," in text
    assert f"Uw zaak {zaak['identificatie']} (Omgevingsvergunning) heeft een nieuwe status." in text
    assert "Status: In behandeling" in text
    assert "Datum: 10 maart 2026" in text  # the day in the Netherlands (in UTC still the 9th)
    link = f"http://testserver/mijn-zaken/{zaak['uuid']}"
    assert f"Bekijk uw zaak op {link}" in text
    html = message.get_body(("html",)).get_content()
    assert '<html lang="nl">' in html and f'<a href="{link}">Bekijk uw zaak {zaak["identificatie"]}</a>' in html


async def test_the_statustekst_falls_back_to_the_omschrijving(client, superuser, smtp_server):
    setup = await zaaktype_informing_at(client, superuser, 1, statustekst="")
    zaak = await create_zaak(client, superuser, setup.url)
    await add_rol(client, superuser, zaak["url"], setup.roltypen["initiator"], JANSEN)
    await set_status(client, superuser, zaak["url"], setup.statustypen[0])
    await Clock().dispatch()
    [message] = smtp_server.messages
    assert "Status: Ontvangen" in message.get_body(("plain",)).get_content()


async def test_every_initiator_with_an_address_is_mailed_once(client, superuser, smtp_server):
    setup = await zaaktype_informing_at(client, superuser, 1)
    zaak = await create_zaak(client, superuser, setup.url)
    initiator = setup.roltypen["initiator"]
    await add_rol(client, superuser, zaak["url"], initiator, JANSEN)
    await add_rol(client, superuser, zaak["url"], initiator, {"naam": "J. Jansen", "emailadres": "J.Jansen@example.nl"})
    await add_rol(client, superuser, zaak["url"], initiator, {"naam": "P. Pietersen", "emailadres": "p@example.nl"})
    await add_rol(client, superuser, zaak["url"], initiator, {"naam": "Zonder adres"})
    # A behandelaar with an address is no initiator.
    await add_rol(
        client, superuser, zaak["url"], setup.roltypen["behandelaar"], {"naam": "B", "emailadres": "b@example.nl"}
    )

    await set_status(client, superuser, zaak["url"], setup.statustypen[0])
    await Clock().dispatch()

    assert sorted(message["To"] for message in smtp_server.messages) == [INITIATOR_ADRES, "p@example.nl"]


async def test_no_email_without_an_initiator_address(client, superuser, smtp_server):
    setup = await zaaktype_informing_at(client, superuser, 1)
    zaak = await create_zaak(client, superuser, setup.url)
    await add_rol(client, superuser, zaak["url"], setup.roltypen["initiator"])
    await set_status(client, superuser, zaak["url"], setup.statustypen[0])
    await Clock().dispatch()
    assert await email_count() == 0 and smtp_server.messages == []


async def test_a_refused_status_queues_no_email(client, superuser, smtp_server):
    setup = await zaaktype_informing_at(client, superuser, 3)
    zaak = await create_zaak(client, superuser, setup.url)
    await add_rol(
        client,
        superuser,
        zaak["url"],
        setup.roltypen["initiator"],
        JANSEN,
    )
    # The eindstatus without a resultaat is refused.
    body = {"zaak": zaak["url"], "statustype": setup.statustypen[2], "datumStatusGezet": "2026-03-10T10:00:00+01:00"}
    await zaken_post(client, superuser, "statussen", body, status=400)
    await Clock().dispatch()
    assert await email_count() == 0 and smtp_server.messages == []
