"""Catalogussen: list, create and read (the OAS has no update or delete)."""

from tests.catalogi.factories import CATALOGI, catalogus_body, create_catalogus, create_zaaktype
from tests.helpers import invalid_params
from tests.oas import assert_oas


async def test_create_and_read(client, superuser):
    catalogus = await create_catalogus(
        client, superuser, naam="Zaaktypecatalogus", versie="1", begindatumVersie="2026-01-01"
    )
    zaaktype = await create_zaaktype(client, superuser, catalogus["url"])
    response = await client.get(catalogus["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["zaaktypen"] == [zaaktype["url"]]
    assert response.json()["naam"] == "Zaaktypecatalogus"


async def test_rsin_must_pass_the_elfproef(client, superuser):
    response = await client.post(f"{CATALOGI}/catalogussen", json=catalogus_body(rsin="123456789"), headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"rsin": "invalid"}
    response = await client.post(f"{CATALOGI}/catalogussen", json=catalogus_body(rsin="12345"), headers=superuser)
    assert invalid_params(response) == {"rsin": "invalid-length"}


async def test_field_lengths_and_email(client, superuser):
    response = await client.post(
        f"{CATALOGI}/catalogussen",
        json=catalogus_body(domein="TE-LANG", contactpersoonBeheerEmailadres="geen-mail"),
        headers=superuser,
    )
    assert_oas(response)
    errors = invalid_params(response)
    assert errors["domein"] == "max_length"
    assert errors["contactpersoonBeheerEmailadres"] == "invalid"


async def test_domein_and_rsin_together_are_unique(client, superuser):
    await create_catalogus(client, superuser)
    response = await client.post(f"{CATALOGI}/catalogussen", json=catalogus_body(), headers=superuser)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


async def test_filters(client, superuser):
    await create_catalogus(client, superuser, domein="AAA")
    await create_catalogus(client, superuser, domein="BBB", rsin="517439943")
    for params, count in (
        ({"domein": "AAA"}, 1),
        ({"domein__in": "AAA,BBB"}, 2),
        ({"rsin": "517439943"}, 1),
        ({"rsin__in": "002220647"}, 1),
    ):
        response = await client.get(f"{CATALOGI}/catalogussen", params=params, headers=superuser)
        assert_oas(response)
        assert response.json()["count"] == count, params


async def test_no_update_or_delete(client, superuser):
    catalogus = await create_catalogus(client, superuser)
    assert (await client.delete(catalogus["url"], headers=superuser)).status_code == 405
    assert (await client.put(catalogus["url"], json=catalogus_body(), headers=superuser)).status_code == 405
