"""Besluitinformatieobjecten with real documents of our Documenten API (brc-003, brc-005, brc-008, brc-009)."""

import uuid

from tests.besluiten.factories import BESLUITEN, create_besluit
from tests.catalogi.factories import informatieobjecttype_body, post, publish
from tests.documenten.factories import DOCUMENTEN, EIO, create_document
from tests.helpers import invalid_params
from tests.oas import assert_oas

RELATIONS = f"{BESLUITEN}/besluitinformatieobjecten"
MIRRORS = f"{DOCUMENTEN}/objectinformatieobjecten"


async def _relate(client, headers, besluit: str, document: str, status: int = 201):
    response = await client.post(RELATIONS, json={"besluit": besluit, "informatieobject": document}, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response


async def _mirrors(client, headers, besluit: str) -> list[tuple[str, str]]:
    response = await client.get(MIRRORS, params={"object": besluit}, headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    return [(mirror["informatieobject"], mirror["objectType"]) for mirror in response.json()]


async def test_brc005_the_relation_is_mirrored_and_unmirrored_in_the_documenten_api(client, superuser, catalogue):
    document = await create_document(client, superuser, catalogue.informatieobjecttype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    relation = (await _relate(client, superuser, besluit["url"], document["url"])).json()
    assert await _mirrors(client, superuser, besluit["url"]) == [(document["url"], "besluit")]

    response = await client.delete(relation["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await _mirrors(client, superuser, besluit["url"]) == []


async def test_the_documenten_api_accepts_a_mirror_only_for_an_existing_relation(client, superuser, catalogue):
    document = await create_document(client, superuser, catalogue.informatieobjecttype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    mirror = {"informatieobject": document["url"], "object": besluit["url"], "objectType": "besluit"}
    response = await client.post(MIRRORS, json=mirror, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"object": "inconsistent-relation"}
    await _relate(client, superuser, besluit["url"], document["url"])
    # The Besluiten API made the mirror already.
    response = await client.post(MIRRORS, json=mirror, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


async def test_brc009_a_deleted_besluit_frees_its_documents(client, superuser, catalogue):
    document = await create_document(client, superuser, catalogue.informatieobjecttype)
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    await _relate(client, superuser, besluit["url"], document["url"])
    assert await _mirrors(client, superuser, besluit["url"]) == [(document["url"], "besluit")]

    response = await client.delete(besluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert await _mirrors(client, superuser, besluit["url"]) == []
    response = await client.delete(document["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204


async def test_brc008_a_document_of_a_type_the_besluittype_does_not_name_is_refused(client, superuser, catalogue):
    iot = await post(
        client,
        superuser,
        "informatieobjecttypen",
        informatieobjecttype_body(catalogue.catalogus, omschrijving="Bijlage"),
        200,
    )
    await publish(client, superuser, iot["url"])
    document = await create_document(client, superuser, iot["url"])
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    response = await _relate(client, superuser, besluit["url"], document["url"], 400)
    assert invalid_params(response) == {"nonFieldErrors": "missing-besluittype-informatieobjecttype-relation"}
    assert await _mirrors(client, superuser, besluit["url"]) == []


async def test_brc003_a_document_that_does_not_exist_is_refused(client, superuser, catalogue):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    response = await _relate(client, superuser, besluit["url"], f"{EIO}/{uuid.uuid4()}", 400)
    assert invalid_params(response) == {"informatieobject": "bad-url"}
