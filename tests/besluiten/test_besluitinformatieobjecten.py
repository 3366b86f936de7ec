"""Besluitinformatieobjecten (brc-003, brc-005, brc-008, brc-009), against a stand-in for the Documenten API.

The stand-in answers ``koppelingen.informatieobject_facts`` for the documents a test registers
and records the mirrored objectinformatieobjecten, so these rules are tested on their own;
``test_with_documenten`` repeats the essentials with real documents.
"""

import uuid

import pytest

from tests.besluiten.factories import BESLUITEN, brc_client, create_besluit
from tests.conftest import count_queries, make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from zaakgericht import db
from zaakgericht.api import urls
from zaakgericht.koppelingen import service as koppelingen

RELATIONS = f"{BESLUITEN}/besluitinformatieobjecten"


class FakeDocumenten:
    """Documents by URL with their informatieobjecttype, and the mirrored links (io, object, type)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.links: set[tuple[str, str, str]] = set()

    def document(self, informatieobjecttype: str) -> str:
        url = f"http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
        self.types[url] = informatieobjecttype
        return url

    async def informatieobject_facts(self, session, urls: list[str]) -> dict:
        return {
            url: koppelingen.InformatieObjectFacts(
                url=url,
                document_id=0,  # no row: the stand-in keeps the mirrors
                informatieobjecttype_url=self.types[url],
                vertrouwelijkheidaanduiding="openbaar",
                indicatie_gebruiksrecht=None,
                status="definitief",
            )
            for url in urls
            if url in self.types
        }

    async def add_object_link(self, session, document, object_url: str, object_type: str) -> None:
        # The Documenten API checks the relation exists on our side first (drc-004).
        assert await koppelingen.has_besluitinformatieobject(session, object_url, document.url)
        self.links.add((document.url, object_url, object_type))

    async def remove_object_link(self, session, informatieobject_url: str, object_url: str) -> None:
        assert not await koppelingen.has_besluitinformatieobject(session, object_url, informatieobject_url)
        self.links = {link for link in self.links if link[:2] != (informatieobject_url, object_url)}

    async def remove_object_links(self, session, object_url: str) -> None:
        for informatieobject_url, _, _ in [link for link in self.links if link[1] == object_url]:
            await self.remove_object_link(session, informatieobject_url, object_url)


@pytest.fixture
def drc(monkeypatch) -> FakeDocumenten:
    fake = FakeDocumenten()
    for name in ("informatieobject_facts", "add_object_link", "remove_object_link", "remove_object_links"):
        monkeypatch.setattr(koppelingen, name, getattr(fake, name))
    return fake


async def _relate(client, headers, besluit: str, informatieobject: str, status: int = 201):
    response = await client.post(
        RELATIONS, json={"besluit": besluit, "informatieobject": informatieobject}, headers=headers
    )
    assert_oas(response)
    assert response.status_code == status, response.text
    return response


async def test_a_document_is_related_read_listed_and_mirrored(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    document = drc.document(catalogue.informatieobjecttype)
    response = await _relate(client, superuser, besluit["url"], document)
    relation = response.json()
    assert response.headers["Location"] == relation["url"]
    assert (relation["besluit"], relation["informatieobject"]) == (besluit["url"], document)
    # brc-005: the Documenten API holds the mirror.
    assert drc.links == {(document, besluit["url"], "besluit")}

    response = await client.get(relation["url"], headers=superuser)
    assert_oas(response)
    assert response.json() == relation
    response = await client.get(RELATIONS, headers=superuser)
    assert_oas(response)
    assert response.json() == [relation]


async def test_brc003_the_informatieobject_must_exist(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    response = await _relate(client, superuser, besluit["url"], "http://elders.example/documenten/1", 400)
    assert invalid_params(response) == {"informatieobject": "bad-url"}


async def test_brc008_the_informatieobjecttype_must_belong_to_the_besluittype(client, superuser, catalogue, drc):
    # The other besluittype names no informatieobjecttypen.
    besluit = await create_besluit(client, superuser, catalogue.other_besluittype)
    response = await _relate(client, superuser, besluit["url"], drc.document(catalogue.informatieobjecttype), 400)
    assert invalid_params(response) == {"nonFieldErrors": "missing-besluittype-informatieobjecttype-relation"}
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    elsewhere = drc.document("http://elders.example/catalogi/api/v1/informatieobjecttypen/1")
    response = await _relate(client, superuser, besluit["url"], elsewhere, 400)
    assert invalid_params(response) == {"nonFieldErrors": "missing-besluittype-informatieobjecttype-relation"}
    assert drc.links == set()


async def test_a_document_is_related_to_a_besluit_once(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    document = drc.document(catalogue.informatieobjecttype)
    await _relate(client, superuser, besluit["url"], document)
    response = await _relate(client, superuser, besluit["url"], document, 400)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


async def test_the_besluit_must_be_a_besluit_of_this_api(client, superuser, catalogue, drc):
    document = drc.document(catalogue.informatieobjecttype)
    for url, code in (
        (f"{BESLUITEN}/besluiten/{uuid.uuid4()}", "bad-url"),
        (catalogue.besluittype, "invalid-resource"),
        (f"{BESLUITEN}/besluitinformatieobjecten/{uuid.uuid4()}", "invalid-resource"),
    ):
        response = await _relate(client, superuser, url, document, 400)
        assert invalid_params(response) == {"besluit": code}, url
    response = await client.post(RELATIONS, json={}, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"besluit": "required", "informatieobject": "required"}


async def test_relating_and_unrelating_are_recorded_and_notified(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    relation = (await _relate(client, superuser, besluit["url"], drc.document(catalogue.informatieobjecttype))).json()
    response = await client.delete(relation["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert drc.links == set()
    response = await client.get(relation["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 404

    response = await client.get(f"{besluit['url']}/audittrail", headers=superuser)
    assert_oas(response)
    _, created, destroyed = response.json()
    assert (created["resource"], created["actie"], created["hoofdObject"]) == (
        "besluitinformatieobject",
        "create",
        besluit["url"],
    )
    assert created["wijzigingen"] == {"nieuw": relation}
    assert (destroyed["actie"], destroyed["wijzigingen"]) == ("destroy", {"oud": relation})

    messages = [m for m in await outbox_payloads() if m["kanaal"] == "besluiten"][1:]
    assert [(m["resource"], m["actie"], m["resourceUrl"]) for m in messages] == [
        ("besluitinformatieobject", "create", relation["url"]),
        ("besluitinformatieobject", "destroy", relation["url"]),
    ]
    assert all(m["hoofdObject"] == besluit["url"] for m in messages)
    assert messages[0]["kenmerken"] == {
        "verantwoordelijke_organisatie": "002220647",
        "besluittype": catalogue.besluittype,
    }


async def test_brc009_deleting_a_besluit_removes_its_relations_and_their_mirrors(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    kept = await create_besluit(client, superuser, catalogue.besluittype)
    documents = [drc.document(catalogue.informatieobjecttype) for _ in range(2)]
    relations = [(await _relate(client, superuser, besluit["url"], d)).json() for d in documents]
    await _relate(client, superuser, kept["url"], documents[0])

    response = await client.delete(besluit["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    assert drc.links == {(documents[0], kept["url"], "besluit")}
    for relation in relations:
        response = await client.get(relation["url"], headers=superuser)
        assert_oas(response)
        assert response.status_code == 404
    response = await client.get(RELATIONS, headers=superuser)
    assert_oas(response)
    assert [r["besluit"] for r in response.json()] == [kept["url"]]


async def test_the_list_filters_on_besluit_and_informatieobject(client, superuser, catalogue, drc):
    first = await create_besluit(client, superuser, catalogue.besluittype)
    second = await create_besluit(client, superuser, catalogue.besluittype)
    document, other_document = (drc.document(catalogue.informatieobjecttype) for _ in range(2))
    a = (await _relate(client, superuser, first["url"], document)).json()
    b = (await _relate(client, superuser, second["url"], document)).json()
    c = (await _relate(client, superuser, second["url"], other_document)).json()
    cases = [
        ({"besluit": second["url"]}, [b, c]),
        ({"informatieobject": document}, [a, b]),
        ({"besluit": second["url"], "informatieobject": document}, [b]),
        ({"besluit": catalogue.besluittype}, []),
    ]
    for params, expected in cases:
        response = await client.get(RELATIONS, params=params, headers=superuser)
        assert_oas(response)
        assert response.json() == expected, params
    for params in ({"besluit": "geen-url"}, {"zaak": first["url"]}):
        response = await client.get(RELATIONS, params=params, headers=superuser)
        assert_oas(response)
        assert response.status_code == 400


async def test_relations_are_authorised_by_the_besluittype_of_their_besluit(client, superuser, catalogue, drc):
    # The other besluittype gets a document type of its own, so relations can exist for both.
    mine = await create_besluit(client, superuser, catalogue.besluittype)
    document = drc.document(catalogue.informatieobjecttype)
    relation = (await _relate(client, superuser, mine["url"], document)).json()
    elsewhere = await make_api_client(
        "elders",
        scopes=["besluiten.lezen", "besluiten.aanmaken", "besluiten.verwijderen"],
        besluittypen=[catalogue.other_besluittype],
    )
    response = await client.get(RELATIONS, headers=elsewhere)
    assert_oas(response)
    assert response.json() == []
    response = await client.get(relation["url"], headers=elsewhere)
    assert_oas(response)
    assert response.status_code == 404
    response = await client.post(
        RELATIONS,
        json={"besluit": mine["url"], "informatieobject": drc.document(catalogue.informatieobjecttype)},
        headers=elsewhere,
    )
    assert_oas(response)
    assert response.status_code == 403
    response = await client.delete(relation["url"], headers=elsewhere)
    assert_oas(response)
    assert response.status_code == 403

    own = await brc_client(
        "eigen", ["besluiten.lezen", "besluiten.aanmaken", "besluiten.verwijderen"], [catalogue.besluittype]
    )
    response = await client.get(RELATIONS, headers=own)
    assert_oas(response)
    assert response.json() == [relation]
    response = await client.delete(relation["url"], headers=own)
    assert_oas(response)
    assert response.status_code == 204


async def test_the_list_costs_the_same_queries_for_1_and_50_relations(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    lezer = await make_api_client("lezer", scopes=["besluiten.lezen"], besluittypen=[catalogue.besluittype])

    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(RELATIONS, headers=lezer)
        assert_oas(response)
        return counted[0]

    await _relate(client, superuser, besluit["url"], drc.document(catalogue.informatieobjecttype))
    one = await queries_for_list()
    for _ in range(49):
        await _relate(client, superuser, besluit["url"], drc.document(catalogue.informatieobjecttype))
    assert await queries_for_list() == one


async def test_a_relation_cannot_be_changed_only_deleted(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    relation = (await _relate(client, superuser, besluit["url"], drc.document(catalogue.informatieobjecttype))).json()
    for method in ("PUT", "PATCH"):
        response = await client.request(method, relation["url"], json=relation, headers=superuser)
        assert response.status_code == 405


async def test_has_besluitinformatieobject_answers_the_documenten_api(client, superuser, catalogue, drc):
    besluit = await create_besluit(client, superuser, catalogue.besluittype)
    document = drc.document(catalogue.informatieobjecttype)
    await _relate(client, superuser, besluit["url"], document)
    token = urls.set_base_url("http://testserver")  # as inside a request of the Documenten API
    try:
        async with db.read_session() as session:
            assert await koppelingen.has_besluitinformatieobject(session, besluit["url"], document)
            assert not await koppelingen.has_besluitinformatieobject(session, besluit["url"], f"{document}0")
            assert not await koppelingen.has_besluitinformatieobject(session, catalogue.besluittype, document)
    finally:
        urls.reset_base_url(token)
