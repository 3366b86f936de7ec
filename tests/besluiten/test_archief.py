"""The Zaken API derives the archiefactiedatum from the zaak's besluiten (zrc-021, afleidingswijzen
ingangsdatum_besluit and vervaldatum_besluit): the latest date of the zaak's own besluiten plus the
archiefactietermijn (P10Y)."""

from tests.besluiten.factories import create_besluit
from tests.catalogi.factories import besluittype_body, create_catalogus, post, publish
from tests.zaken.factories import close_zaak, create_zaak, create_zaaktype_setup


async def _archiefactiedatum(client, headers, afleidingswijze: str) -> str | None:
    catalogus = (await create_catalogus(client, headers))["url"]
    besluittype = await post(client, headers, "besluittypen", besluittype_body(catalogus, omschrijving="Vergunning"))
    await publish(client, headers, besluittype["url"])
    setup = await create_zaaktype_setup(
        client,
        headers,
        catalogus=catalogus,
        besluittypen=["Vergunning"],
        resultaattype={"brondatumArchiefprocedure": {"afleidingswijze": afleidingswijze}},
    )
    zaak = await create_zaak(client, headers, setup.url)
    other = await create_zaak(client, headers, setup.url)
    # The later ingangsdatum comes with the earlier vervaldatum, so each derivation picks another besluit.
    for ingangsdatum, vervaldatum in (("2026-03-15", "2027-03-14"), ("2026-03-20", "2026-12-31")):
        await create_besluit(
            client, headers, besluittype["url"], zaak=zaak["url"], ingangsdatum=ingangsdatum, vervaldatum=vervaldatum
        )
    # Besluiten of another zaak do not count.
    await create_besluit(
        client, headers, besluittype["url"], zaak=other["url"], ingangsdatum="2026-09-01", vervaldatum="2030-01-01"
    )
    closed = await close_zaak(client, headers, setup, zaak["url"], "2026-04-01T10:00:00+02:00")
    return closed["archiefactiedatum"]


async def test_ingangsdatum_besluit_takes_the_latest_ingangsdatum_of_the_zaaks_besluiten(client, superuser):
    assert await _archiefactiedatum(client, superuser, "ingangsdatum_besluit") == "2036-03-20"


async def test_vervaldatum_besluit_takes_the_latest_vervaldatum_of_the_zaaks_besluiten(client, superuser):
    assert await _archiefactiedatum(client, superuser, "vervaldatum_besluit") == "2037-03-14"
