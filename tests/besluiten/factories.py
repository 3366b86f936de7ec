"""Request bodies and helpers for the Besluiten tests: a published catalogue and besluiten through the APIs."""

from dataclasses import dataclass

from tests.catalogi.factories import (
    besluittype_body,
    create_catalogus,
    informatieobjecttype_body,
    post,
    publish,
    zaaktype_body,
)
from tests.oas import assert_oas

BESLUITEN = "http://testserver/besluiten/api/v1"
ZAKEN = "http://testserver/zaken/api/v1"
RSIN = "002220647"
OTHER_RSIN = "517439943"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@dataclass
class Catalogue:
    """A published catalogue: a zaaktype naming a besluittype, which names an informatieobjecttype."""

    catalogus: str
    informatieobjecttype: str
    besluittype: str
    zaaktype: str
    # A second published besluittype the zaaktype does not name.
    other_besluittype: str


async def create_catalogue(client, headers, **zaaktype_overrides) -> Catalogue:
    catalogus = (await create_catalogus(client, headers))["url"]
    iot = await post(
        client, headers, "informatieobjecttypen", informatieobjecttype_body(catalogus, omschrijving="Besluitbrief"), 200
    )
    besluittype = await post(
        client,
        headers,
        "besluittypen",
        besluittype_body(catalogus, omschrijving="Vergunningsbesluit", informatieobjecttypen=["Besluitbrief"]),
    )
    other = await post(client, headers, "besluittypen", besluittype_body(catalogus, omschrijving="Boetebesluit"))
    for url in (iot["url"], besluittype["url"], other["url"]):
        await publish(client, headers, url)
    zaaktype = await post(
        client,
        headers,
        "zaaktypen",
        zaaktype_body(catalogus, besluittypen=["Vergunningsbesluit"], **zaaktype_overrides),
    )
    await publish(client, headers, zaaktype["url"])
    return Catalogue(catalogus, iot["url"], besluittype["url"], zaaktype["url"], other["url"])


def besluit_body(besluittype: str, **overrides) -> dict:
    return {
        "verantwoordelijkeOrganisatie": RSIN,
        "besluittype": besluittype,
        "datum": "2026-03-01",
        "ingangsdatum": "2026-03-15",
        **overrides,
    }


async def create_besluit(client, headers, besluittype: str, **overrides) -> dict:
    response = await client.post(f"{BESLUITEN}/besluiten", json=besluit_body(besluittype, **overrides), headers=headers)
    assert_oas(response)
    assert response.status_code == 201, response.text
    return response.json()


async def create_zaak(client, headers, zaaktype: str, **overrides) -> dict:
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": zaaktype,
        "startdatum": "2026-02-01",
        **overrides,
    }
    response = await client.post(f"{ZAKEN}/zaken", json=body, headers={**headers, **CRS})
    assert_oas(response)
    assert response.status_code == 201, response.text
    return response.json()


async def brc_client(client_id: str, scopes: list[str], besluittypen: list[str], *, user: str = "") -> dict:
    """Authorization headers of an applicatie with these scopes for these besluittypen, all in
    ``brc`` autorisaties (``audittrails.lezen`` included, as an Autorisaties API client would set it)."""
    from zaakgericht.api.auth import make_token
    from zaakgericht.autorisaties.service import AutorisatieSpec, create_applicatie_with_secret

    secret = f"{client_id}-secret"
    await create_applicatie_with_secret(
        client_id=client_id,
        secret=secret,
        label=f"Applicatie {client_id}",
        heeft_alle_autorisaties=False,
        autorisaties=[AutorisatieSpec("brc", scopes, besluittype=url) for url in besluittypen],
    )
    token = make_token(client_id, secret, user_id=user, user_representation=user.title())
    return {"Authorization": f"Bearer {token}"}
