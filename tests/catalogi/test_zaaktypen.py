"""Zaaktypen: validation, concept and publish rules (ztc-009, ztc-010, ztc-012), versions and filters."""

from tests.catalogi.factories import (
    CATALOGI,
    KLASSE_GELEVERD,
    besluittype_body,
    create_catalogus,
    create_zaaktype,
    informatieobjecttype_body,
    post,
    publish,
    zaaktype_body,
)
from tests.conftest import count_queries, make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas


async def test_create_returns_the_zaaktype_as_concept(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    assert zaaktype["concept"] is True
    assert zaaktype["catalogus"] == catalogus
    assert zaaktype["doorlooptijd"] == "P8W"
    response = await client.get(zaaktype["url"], headers=superuser)
    assert_oas(response)
    assert response.json() == zaaktype


async def test_create_reports_every_missing_required_field(client, superuser, catalogus):
    response = await client.post(f"{CATALOGI}/zaaktypen", json={"catalogus": catalogus}, headers=superuser)
    assert_oas(response)
    assert response.status_code == 400
    errors = invalid_params(response)
    for field in ("identificatie", "doel", "doorlooptijd", "vertrouwelijkheidaanduiding", "beginGeldigheid"):
        assert errors[field] == "required"


async def test_wrong_types_and_values_are_400(client, superuser, catalogus):
    body = zaaktype_body(
        catalogus,
        doorlooptijd="8 weken",
        vertrouwelijkheidaanduiding="supergeheim",
        verlengingMogelijk="misschien",
        identificatie=42,
    )
    response = await client.post(f"{CATALOGI}/zaaktypen", json=body, headers=superuser)
    assert_oas(response)
    errors = invalid_params(response)
    assert errors["doorlooptijd"] == "invalid"
    assert errors["vertrouwelijkheidaanduiding"] == "invalid_choice"
    assert errors["verlengingMogelijk"] == "invalid"
    assert errors["identificatie"] == "invalid"


async def test_unknown_catalogus_url_is_400(client, superuser):
    body = zaaktype_body(f"{CATALOGI}/catalogussen/2b2b2b2b-0000-0000-0000-000000000000")
    response = await client.post(f"{CATALOGI}/zaaktypen", json=body, headers=superuser)
    assert_oas(response)
    assert invalid_params(response) == {"catalogus": "does_not_exist"}


async def test_catalogus_of_another_installation_is_400(client, superuser):
    body = zaaktype_body("https://elders.example.com/catalogi/api/v1/catalogussen/2b2b2b2b-0000-0000-0000-000000000000")
    response = await client.post(f"{CATALOGI}/zaaktypen", json=body, headers=superuser)
    assert invalid_params(response) == {"catalogus": "bad-url"}


async def test_selectielijst_procestype_must_be_a_procestype_ztc_001(client, superuser, catalogus):
    response = await client.post(
        f"{CATALOGI}/zaaktypen",
        json=zaaktype_body(catalogus, selectielijstProcestype=KLASSE_GELEVERD),
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"selectielijstProcestype": "invalid-resource"}


async def test_verlenging_mogelijk_without_a_verlengingstermijn_is_accepted(client, superuser, catalogus):
    """No rule of the standard requires the termijn (the OAS only says it belongs with verlengingMogelijk)."""
    body = zaaktype_body(catalogus, verlengingMogelijk=True, verlengingstermijn=None)
    response = await client.post(f"{CATALOGI}/zaaktypen", json=body, headers=superuser)
    assert_oas(response)
    assert response.status_code == 201, response.text


async def test_create_queues_a_notification_in_the_same_transaction(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    [message] = await outbox_payloads()
    assert message["kanaal"] == "zaaktypen"
    assert message["resource"] == "zaaktype"
    assert message["actie"] == "create"
    assert message["hoofdObject"] == message["resourceUrl"] == zaaktype["url"]
    assert message["kenmerken"] == {"catalogus": catalogus}


async def test_a_refused_create_leaves_nothing_behind(client, superuser, catalogus):
    await client.post(
        f"{CATALOGI}/zaaktypen", json=zaaktype_body(catalogus, besluittypen=["Bestaat niet"]), headers=superuser
    )
    assert await outbox_payloads() == []
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}, headers=superuser)
    assert response.json()["count"] == 0


async def test_besluittypen_are_given_by_omschrijving_or_url_and_returned_as_urls(client, superuser, catalogus):
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(catalogus))
    by_name = await create_zaaktype(client, superuser, catalogus, besluittypen=["Vergunningsbesluit"])
    by_url = await create_zaaktype(
        client, superuser, catalogus, identificatie="ZT-2", besluittypen=[besluittype["url"]]
    )
    assert by_name["besluittypen"] == by_url["besluittypen"] == [besluittype["url"]]


async def test_unknown_besluittype_omschrijving_is_400(client, superuser, catalogus):
    response = await client.post(
        f"{CATALOGI}/zaaktypen", json=zaaktype_body(catalogus, besluittypen=["Onbekend"]), headers=superuser
    )
    assert invalid_params(response) == {"besluittypen.0": "does_not_exist"}


async def test_relations_across_catalogi_are_refused_ztc_013(client, superuser, catalogus):
    other = (await create_catalogus(client, superuser, domein="ANDER"))["url"]
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(other))
    response = await client.post(
        f"{CATALOGI}/zaaktypen", json=zaaktype_body(catalogus, besluittypen=[besluittype["url"]]), headers=superuser
    )
    assert_oas(response)
    assert invalid_params(response) == {"besluittypen.0": "relations-incorrect-catalogus"}


async def test_deelzaaktypen_and_gerelateerde_zaaktypen_by_identificatie(client, superuser, catalogus):
    deel = await create_zaaktype(client, superuser, catalogus, identificatie="ZT-DEEL")
    hoofd = await create_zaaktype(
        client,
        superuser,
        catalogus,
        identificatie="ZT-HOOFD",
        deelzaaktypen=["ZT-DEEL"],
        gerelateerdeZaaktypen=[{"zaaktype": deel["url"], "aardRelatie": "vervolg", "toelichting": "Daarna"}],
    )
    assert hoofd["deelzaaktypen"] == [deel["url"]]
    assert hoofd["gerelateerdeZaaktypen"] == [
        {"zaaktype": deel["url"], "aardRelatie": "vervolg", "toelichting": "Daarna"}
    ]


async def test_lists_hide_concepts_unless_asked(client, superuser, catalogus):
    concept = await create_zaaktype(client, superuser, catalogus, identificatie="ZT-CONCEPT")
    published = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    expectations = {None: [published["url"]], "definitief": [published["url"]], "concept": [concept["url"]]}
    for status, urls in expectations.items():
        params = {"status": status} if status else {}
        response = await client.get(f"{CATALOGI}/zaaktypen", params=params, headers=superuser)
        assert_oas(response)
        assert [z["url"] for z in response.json()["results"]] == urls
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}, headers=superuser)
    assert response.json()["count"] == 2
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "soms"}, headers=superuser)
    assert invalid_params(response) == {"status": "invalid_choice"}


async def test_filters_catalogus_identificatie_and_trefwoorden(client, superuser, catalogus):
    other = (await create_catalogus(client, superuser, domein="ANDER"))["url"]
    a = await create_zaaktype(client, superuser, catalogus, identificatie="A", trefwoorden=["bouwen", "wonen"])
    await create_zaaktype(client, superuser, catalogus, identificatie="B", trefwoorden=["bouwen"])
    await create_zaaktype(client, superuser, other, identificatie="A")

    async def listed(**params):
        response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles", **params}, headers=superuser)
        assert_oas(response)
        return sorted(z["identificatie"] + "@" + z["catalogus"][-8:] for z in response.json()["results"])

    assert len(await listed(catalogus=catalogus)) == 2
    assert len(await listed(identificatie="A")) == 2
    assert await listed(trefwoorden="bouwen,wonen") == [a["identificatie"] + "@" + catalogus[-8:]]
    assert len(await listed(trefwoorden="bouwen")) == 2
    assert await listed(catalogus=f"{CATALOGI}/catalogussen/00000000-0000-0000-0000-000000000000") == []
    response = await client.get(f"{CATALOGI}/zaaktypen", params={"catalogus": "geen url"}, headers=superuser)
    assert invalid_params(response) == {"catalogus": "invalid"}


async def test_publish_requires_published_besluittypen_ztc_012(client, superuser, catalogus):
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(catalogus))
    zaaktype = await create_zaaktype(client, superuser, catalogus, besluittypen=["Vergunningsbesluit"])
    response = await client.post(f"{zaaktype['url']}/publish", headers=superuser)
    assert_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"nonFieldErrors": "concept-relation"}
    await publish(client, superuser, besluittype["url"])
    assert (await publish(client, superuser, zaaktype["url"]))["concept"] is False


async def test_publish_requires_published_informatieobjecttypen_ztc_012(client, superuser, catalogus):
    iot = await post(client, superuser, "informatieobjecttypen", informatieobjecttype_body(catalogus), status=200)
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    await post(
        client,
        superuser,
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": "Aanvraagformulier",
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    response = await client.post(f"{zaaktype['url']}/publish", headers=superuser)
    assert invalid_params(response) == {"nonFieldErrors": "concept-relation"}
    await publish(client, superuser, iot["url"])
    published = await publish(client, superuser, zaaktype["url"])
    assert published["informatieobjecttypen"] == [iot["url"]]


async def test_publish_notifies_an_update(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    await publish(client, superuser, zaaktype["url"])
    assert [m["actie"] for m in await outbox_payloads()] == ["create", "update"]


async def test_a_published_zaaktype_cannot_be_changed_ztc_009(client, superuser, catalogus):
    zaaktype = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    # A superuser holds every scope, the forced ones included: use a client with catalogi.schrijven only.
    writer = await make_api_client("beheer", scopes=["catalogi.lezen", "catalogi.schrijven"])
    response = await client.put(zaaktype["url"], json=zaaktype_body(catalogus, doel="Anders"), headers=writer)
    assert_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}
    response = await client.patch(zaaktype["url"], json={"doel": "Anders"}, headers=writer)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}
    response = await client.delete(zaaktype["url"], headers=writer)
    assert invalid_params(response) == {"nonFieldErrors": "non-concept-object"}


async def test_eindegeldigheid_of_a_published_zaaktype_may_be_set(client, superuser, catalogus):
    zaaktype = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    writer = await make_api_client("beheer", scopes=["catalogi.lezen", "catalogi.schrijven"])
    response = await client.patch(zaaktype["url"], json={"eindeGeldigheid": "2026-12-31"}, headers=writer)
    assert_oas(response)
    assert response.status_code == 200
    assert response.json()["eindeGeldigheid"] == "2026-12-31"


async def test_correctie_with_geforceerd_schrijven(client, superuser, catalogus):
    zaaktype = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    corrector = await make_api_client("corrector", scopes=["catalogi.lezen", "catalogi.geforceerd-schrijven"])
    response = await client.patch(zaaktype["url"], json={"trefwoorden": ["bouwen"]}, headers=corrector)
    assert_oas(response)
    assert response.status_code == 200
    assert response.json()["trefwoorden"] == ["bouwen"]
    assert response.json()["concept"] is False


async def test_delete_of_a_concept_removes_its_sub_types(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    statustype = await post(
        client, superuser, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Intake", "volgnummer": 1}
    )
    response = await client.delete(zaaktype["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 200
    assert (await client.get(zaaktype["url"], headers=superuser)).status_code == 404
    assert (await client.get(statustype["url"], headers=superuser)).status_code == 404
    assert (await outbox_payloads())[-1]["actie"] == "destroy"


async def test_geforceerd_verwijderen_deletes_a_published_zaaktype(client, superuser, catalogus):
    zaaktype = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    remover = await make_api_client("remover", scopes=["catalogi.geforceerd-verwijderen"])
    response = await client.delete(zaaktype["url"], headers=remover)
    assert response.status_code == 200


async def test_versions_may_not_overlap_and_are_found_by_datum_geldigheid(client, superuser, catalogus):
    v1 = await publish(client, superuser, (await create_zaaktype(client, superuser, catalogus))["url"])
    response = await client.post(
        f"{CATALOGI}/zaaktypen",
        json=zaaktype_body(catalogus, beginGeldigheid="2026-07-01", versiedatum="2026-07-01"),
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"beginGeldigheid": "overlap"}

    await client.patch(v1["url"], json={"eindeGeldigheid": "2026-06-30"}, headers=superuser)
    v2 = await publish(
        client,
        superuser,
        (
            await create_zaaktype(
                client, superuser, catalogus, beginGeldigheid="2026-07-01", versiedatum="2026-07-01", doorlooptijd="P6W"
            )
        )["url"],
    )
    assert v2["identificatie"] == v1["identificatie"]

    for day, expected in (("2026-03-01", v1), ("2026-08-01", v2)):
        response = await client.get(f"{CATALOGI}/zaaktypen", params={"datumGeldigheid": day}, headers=superuser)
        assert_oas(response)
        assert [z["url"] for z in response.json()["results"]] == [expected["url"]]
        response = await client.get(v1["url"], params={"datumGeldigheid": day}, headers=superuser)
        assert_oas(response)
        assert response.json()["url"] == expected["url"]
    response = await client.get(v1["url"], params={"datumGeldigheid": "2025-01-01"}, headers=superuser)
    assert response.status_code == 404


async def test_einde_geldigheid_before_begin_is_accepted(client, superuser, catalogus):
    """The standard has no rule refusing it: such a version is valid on no day."""
    response = await client.post(
        f"{CATALOGI}/zaaktypen", json=zaaktype_body(catalogus, eindeGeldigheid="2025-12-31"), headers=superuser
    )
    assert_oas(response)
    assert response.status_code == 201, response.text


async def test_catalogus_reads_are_open_to_zaken_and_documenten_readers_ztc_014(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    for scope in ("zaken.lezen", "documenten.lezen"):
        headers = await make_api_client(
            f"lezer-{scope}", scopes=[scope], zaaktypen=[zaaktype["url"]], informatieobjecttypen=["https://x.nl/iot/1"]
        )
        response = await client.get(zaaktype["url"], headers=headers)
        assert response.status_code == 200, scope
        response = await client.get(f"{CATALOGI}/statustypen", headers=headers)
        assert response.status_code == 200, scope


async def test_reading_does_not_allow_writing(client, catalogus):
    reader = await make_api_client("lezer", scopes=["catalogi.lezen"])
    response = await client.post(f"{CATALOGI}/zaaktypen", json=zaaktype_body(catalogus), headers=reader)
    assert_oas(response)
    assert response.status_code == 403


async def test_head_and_etag(client, superuser, catalogus):
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    get = await client.get(zaaktype["url"], headers=superuser)
    etag = get.headers["ETag"]
    head = await client.head(zaaktype["url"], headers=superuser)
    assert_oas(head)
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    cached = await client.get(zaaktype["url"], headers={**superuser, "If-None-Match": f'"other", {etag}'})
    assert cached.status_code == 304 and cached.content == b""
    stale = await client.get(zaaktype["url"], headers={**superuser, "If-None-Match": '"other"'})
    assert stale.status_code == 200
    await client.patch(zaaktype["url"], json={"doel": "Nieuw doel"}, headers=superuser)
    assert (await client.get(zaaktype["url"], headers=superuser)).headers["ETag"] != etag


async def test_pagination_links(client, superuser, catalogus):
    for number in range(101):
        await post(client, superuser, "zaaktypen", zaaktype_body(catalogus, identificatie=f"ZT-{number:03}"))
    first = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}, headers=superuser)
    assert_oas(first)
    assert first.json()["count"] == 101 and len(first.json()["results"]) == 100
    assert first.json()["previous"] is None
    second = await client.get(first.json()["next"], headers=superuser)
    assert_oas(second)
    assert [z["identificatie"] for z in second.json()["results"]] == ["ZT-100"]
    assert second.json()["next"] is None
    assert second.json()["previous"].endswith("page=1")


async def test_list_costs_a_fixed_number_of_queries(client, superuser, catalogus):
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(catalogus))

    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(f"{CATALOGI}/zaaktypen", params={"status": "alles"}, headers=superuser)
        assert response.status_code == 200
        return counted[0]

    async def add_zaaktype(number: int) -> None:
        zaaktype = await create_zaaktype(
            client, superuser, catalogus, identificatie=f"ZT-{number}", besluittypen=[besluittype["url"]]
        )
        await post(
            client, superuser, "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Intake", "volgnummer": 1}
        )

    await add_zaaktype(0)
    with_one = await queries_for_list()
    for number in range(1, 20):
        await add_zaaktype(number)
    # Cold (the writes emptied the cache of bodies): as many queries for 20 as for 1.
    assert await queries_for_list() == with_one
    # Warm: the applicatie, the catalogue version, the count and the page of uuids.
    assert await queries_for_list() == 4


async def test_concurrent_overlapping_versions_are_refused_but_one(client, superuser, catalogus):
    import asyncio

    async def create(begin: str):
        body = zaaktype_body(catalogus, beginGeldigheid=begin, versiedatum=begin)
        return await client.post(f"{CATALOGI}/zaaktypen", json=body, headers=superuser)

    responses = await asyncio.gather(*(create(f"2026-0{month}-01") for month in range(1, 7)))
    for response in responses:
        assert_oas(response)
    assert sorted(r.status_code for r in responses) == [201] + [400] * 5
