"""A published zaaktype and zaken built through the public APIs, for the Zaken API tests."""

from dataclasses import dataclass, field

from tests.catalogi.factories import (
    KLASSE_INGEWILLIGD_BESTAANSDUUR,
    create_catalogus,
    post,
    publish,
    resultaattype_body,
    zaaktype_body,
)
from tests.oas import assert_oas

ZAKEN = "http://testserver/zaken/api/v1"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
RSIN = "002220647"
OTHER_RSIN = "000000000"  # passes the elfproef
STARTDATUM = "2026-03-02"


@dataclass
class ZaakTypeSetup:
    """A published zaaktype and the URLs of its parts."""

    url: str
    catalogus: str
    statustypen: list[str]  # by volgnummer; the last is the eindstatus
    roltypen: dict[str, str]  # omschrijvingGeneriek -> URL
    resultaattype: str
    eigenschappen: dict[str, str] = field(default_factory=dict)  # naam -> URL
    zaakobjecttype: str = ""


async def create_zaaktype_setup(
    client,
    headers,
    *,
    catalogus: str | None = None,
    resultaattype: dict | None = None,
    eigenschappen: tuple[str, ...] = ("datum_vervallen",),
    publish_it: bool = True,
    **zaaktype_overrides,
) -> ZaakTypeSetup:
    """A zaaktype with three statustypen, an initiator and a behandelaar roltype, one resultaattype
    (archiving parameters from ``resultaattype``), date eigenschappen and a zaakobjecttype 'pand'."""
    catalogus = catalogus or (await create_catalogus(client, headers))["url"]
    zaaktype = await post(client, headers, "zaaktypen", zaaktype_body(catalogus, **zaaktype_overrides))
    url = zaaktype["url"]
    statustypen = []
    for volgnummer, omschrijving in enumerate(("Ontvangen", "In behandeling", "Afgehandeld"), start=1):
        statustype = await post(
            client,
            headers,
            "statustypen",
            {"zaaktype": url, "omschrijving": omschrijving, "volgnummer": volgnummer, "statustekst": omschrijving},
        )
        statustypen.append(statustype["url"])
    roltypen = {}
    for generiek, omschrijving in (("initiator", "Aanvrager"), ("behandelaar", "Behandelaar")):
        roltype = await post(
            client,
            headers,
            "roltypen",
            {"zaaktype": url, "omschrijving": omschrijving, "omschrijvingGeneriek": generiek},
        )
        roltypen[generiek] = roltype["url"]
    resultaattype_overrides = {
        "selectielijstklasse": KLASSE_INGEWILLIGD_BESTAANSDUUR,
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P10Y",
        **(resultaattype or {}),
    }
    resultaattype_url = (
        await post(client, headers, "resultaattypen", resultaattype_body(url, **resultaattype_overrides))
    )["url"]
    eigenschap_urls = {}
    for naam in eigenschappen:
        eigenschap = await post(
            client,
            headers,
            "eigenschappen",
            {
                "zaaktype": url,
                "naam": naam,
                "definitie": naam,
                "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1", "waardenverzameling": []},
            },
        )
        eigenschap_urls[naam] = eigenschap["url"]
    zaakobjecttype = await post(
        client,
        headers,
        "zaakobjecttypen",
        {
            "zaaktype": url,
            "catalogus": catalogus,
            "beginGeldigheid": zaaktype["beginGeldigheid"],
            "anderObjecttype": False,
            "objecttype": "https://objecttypen.nl/pand",
            "relatieOmschrijving": "Pand",
        },
    )
    if publish_it:
        await publish(client, headers, url)
    return ZaakTypeSetup(
        url, catalogus, statustypen, roltypen, resultaattype_url, eigenschap_urls, zaakobjecttype["url"]
    )


def zaak_body(zaaktype: str, **overrides) -> dict:
    return {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": zaaktype,
        "startdatum": STARTDATUM,
        "omschrijving": "Aanvraag omgevingsvergunning Dorpsstraat 1",
        **overrides,
    }


async def zaken_post(client, headers, resource: str, body: dict, status: int = 201) -> dict:
    response = await client.post(f"{ZAKEN}/{resource}", json=body, headers={**headers, **CRS})
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


async def create_zaak(client, headers, zaaktype: str, **overrides) -> dict:
    return await zaken_post(client, headers, "zaken", zaak_body(zaaktype, **overrides))


async def get(client, headers, url: str, status: int = 200, **params) -> dict:
    # httpx replaces the URL's own query with ``params`` when given, even an empty one.
    response = await client.get(url, headers={**headers, **CRS}, params=params or None)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


async def set_status(client, headers, zaak: str, statustype: str, moment: str = "2026-03-10T10:00:00+01:00") -> dict:
    return await zaken_post(
        client, headers, "statussen", {"zaak": zaak, "statustype": statustype, "datumStatusGezet": moment}
    )


async def add_resultaat(client, headers, zaak: str, resultaattype: str) -> dict:
    return await zaken_post(client, headers, "resultaten", {"zaak": zaak, "resultaattype": resultaattype})


async def close_zaak(
    client, headers, setup: ZaakTypeSetup, zaak: str, moment: str = "2026-04-01T10:00:00+02:00"
) -> dict:
    """Sets a resultaat and the eindstatus; returns the zaak as it is then."""
    await add_resultaat(client, headers, zaak, setup.resultaattype)
    await set_status(client, headers, zaak, setup.statustypen[-1], moment)
    return await get(client, headers, zaak)
