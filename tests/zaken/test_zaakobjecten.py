"""Zaakobjecten: what a zaak is about, by URL or by an identificatie whose shape the objectType selects."""

import pytest

from tests.conftest import make_api_client
from tests.helpers import invalid_params, outbox_payloads
from tests.oas import assert_oas
from tests.zaken.factories import ZAKEN, close_zaak, create_zaak, create_zaaktype_setup, get, zaken_post
from tests.zaken.test_rollen import assert_contains, assert_shape
from tests.zaken.test_zaakinformatieobjecten import RemoteJson

ZAAKOBJECTEN = f"{ZAKEN}/zaakobjecten"
ADRES = {
    "identificatie": "0518200000000001",
    "wplWoonplaatsNaam": "Voorbeeldstad",
    "gorOpenbareRuimteNaam": "Dorpsstraat",
    "huisnummer": 1,
}


@pytest.fixture
def remote():
    with RemoteJson() as server:
        yield server


@pytest.fixture
async def zaak(client, superuser, zaaktype) -> dict:
    return await create_zaak(client, superuser, zaaktype.url)


async def create_zaakobject(client, headers, zaak: str, status: int = 201, **fields) -> dict:
    return await zaken_post(client, headers, "zaakobjecten", {"zaak": zaak, **fields}, status)


async def post_invalid(client, headers, body: dict) -> dict[str, str]:
    response = await client.post(ZAAKOBJECTEN, headers=headers, json=body)
    assert_oas(response)
    assert response.status_code == 400, response.text
    return invalid_params(response)


@pytest.mark.parametrize(
    ("object_type", "identificatie", "schema"),
    [
        ("adres", ADRES, "ObjectAdres"),
        ("pand", {"identificatie": "0518100000000001"}, "ObjectPand"),
        (
            "huishouden",
            {"nummer": "H1", "isGehuisvestIn": {"identificatie": "T1", "adresAanduidingGrp": None}},
            "ObjectHuishouden",
        ),
        (
            "woz_deelobject",
            {"nummerWozDeelObject": "12", "isOnderdeelVan": {"wozObjectNummer": "W1"}},
            "ObjectWozDeelobject",
        ),
        (
            "zakelijk_recht",
            {
                "identificatie": "ZR1",
                "avgAard": "Eigendom",
                "heeftBetrekkingOp": {"kadastraleIdentificatie": "K1", "kadastraleAanduiding": "VBS01 A 1"},
                "heeftAlsGerechtigde": {"natuurlijkPersoon": {"inpBsn": "123456782"}},
            },
            "ObjectZakelijkRecht",
        ),
        ("overige", {"overigeData": {"soort": "eik", "hoogte": 12}}, "ObjectOverige"),
    ],
)
async def test_object_type_selects_the_shape_of_the_identificatie(
    client, superuser, zaak, object_type, identificatie, schema
):
    extra = {"objectTypeOverige": "boom"} if object_type == "overige" else {}
    zaakobject = await create_zaakobject(
        client, superuser, zaak["url"], objectType=object_type, objectIdentificatie=identificatie, **extra
    )
    assert_shape(zaakobject["objectIdentificatie"], schema)
    assert_contains(zaakobject["objectIdentificatie"], identificatie)
    assert "object" not in zaakobject and "zaakobjecttype" not in zaakobject
    assert (await get(client, superuser, zaak["url"]))["zaakobjecten"] == [zaakobject["url"]]


async def test_persons_are_answered_under_both_names(client, superuser, zaak):
    """The OAS names the identificatie of persons, medewerkers, vestigingen and organisatorische eenheden
    betrokkeneIdentificatie; the reference implementation objectIdentificatie. Both are read and answered."""
    by_oas = await create_zaakobject(
        client, superuser, zaak["url"], objectType="medewerker", betrokkeneIdentificatie={"identificatie": "m1"}
    )
    by_ri = await create_zaakobject(
        client, superuser, zaak["url"], objectType="natuurlijk_persoon", objectIdentificatie={"inpBsn": "123456782"}
    )
    assert by_oas["objectIdentificatie"] == by_oas["betrokkeneIdentificatie"]
    assert_shape(by_oas["betrokkeneIdentificatie"], "RolMedewerker")
    assert_shape(by_ri["betrokkeneIdentificatie"], "RolNatuurlijkPersoon")

    response = await client.patch(
        by_oas["url"], headers=superuser, json={"betrokkeneIdentificatie": {"identificatie": "m2"}}
    )
    assert_oas(response)
    assert response.json()["objectIdentificatie"]["identificatie"] == "m2"


async def test_identificatie_is_validated_against_the_oas(client, superuser, zaak):
    errors = await post_invalid(
        client,
        superuser,
        {"zaak": zaak["url"], "objectType": "adres", "objectIdentificatie": {**ADRES, "huisnummer": 100000}},
    )
    assert errors == {"objectIdentificatie.huisnummer": "max_value"}
    errors = await post_invalid(
        client, superuser, {"zaak": zaak["url"], "objectType": "pand", "objectIdentificatie": {}}
    )
    assert errors == {"objectIdentificatie.identificatie": "required"}


async def test_overige_needs_its_type_and_others_may_not_have_one(client, superuser, zaak):
    body = {"zaak": zaak["url"], "objectType": "overige", "objectIdentificatie": {"overigeData": {}}}
    assert await post_invalid(client, superuser, body) == {"objectTypeOverige": "missing-object-type-overige"}
    body = {"zaak": zaak["url"], "objectType": "pand", "objectTypeOverige": "boom", "object": zaak["url"]}
    assert await post_invalid(client, superuser, body) == {"objectTypeOverige": "invalid-object-type-overige-usage"}
    body = {**body, "objectType": "overige", "objectTypeOverige": "BOOM"}
    assert await post_invalid(client, superuser, body) == {"objectTypeOverige": "invalid"}


async def test_an_object_or_an_identificatie_is_required(client, superuser, zaak):
    assert await post_invalid(client, superuser, {"zaak": zaak["url"], "objectType": "pand"}) == {
        "nonFieldErrors": "invalid-zaakobject"
    }
    # A besluit has no identificatie in the OAS: only a URL says which one.
    body = {"zaak": zaak["url"], "objectType": "besluit", "objectIdentificatie": {"identificatie": "B1"}}
    assert await post_invalid(client, superuser, body) == {"nonFieldErrors": "invalid-zaakobject"}


async def test_the_object_url_must_resolve(client, superuser, zaak, remote, live_server):
    other_zaak = await create_zaak(client, superuser, zaak["zaaktype"])
    zaakobject = await create_zaakobject(
        client, superuser, zaak["url"], objectType="overige", objectTypeOverige="zaak", object=other_zaak["url"]
    )
    assert zaakobject["object"] == other_zaak["url"]
    # Another installation's object is fetched: 200 is needed.
    pand = remote.add("/panden/1", {"identificatie": "0518100000000001"})
    await create_zaakobject(client, superuser, zaak["url"], objectType="pand", object=pand)
    procestype = f"{live_server}/referentielijsten/api/v1/procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97"
    await create_zaakobject(
        client, superuser, zaak["url"], objectType="overige", objectTypeOverige="proces", object=procestype
    )

    for url in (
        f"{remote.base}/panden/2",
        f"{ZAKEN}/zaken/00000000-0000-0000-0000-000000000000",
        "http://127.0.0.1:9/x",
    ):
        body = {"zaak": zaak["url"], "objectType": "pand", "object": url}
        assert await post_invalid(client, superuser, body) == {"object": "bad-url"}, url


async def test_zaakobjecttype_must_belong_to_the_zaaktype(client, superuser, zaaktype, zaak):
    zaakobject = await create_zaakobject(
        client,
        superuser,
        zaak["url"],
        objectType="pand",
        objectIdentificatie={"identificatie": "P1"},
        zaakobjecttype=zaaktype.zaakobjecttype,
    )
    assert zaakobject["zaakobjecttype"] == zaaktype.zaakobjecttype
    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-2")
    body = {
        "zaak": zaak["url"],
        "objectType": "pand",
        "objectIdentificatie": {"identificatie": "P1"},
        "zaakobjecttype": other.zaakobjecttype,
    }
    assert await post_invalid(client, superuser, body) == {"nonFieldErrors": "zaaktype-mismatch"}


async def test_zaak_object_and_object_type_are_fixed(client, superuser, zaak, remote):
    pand = remote.add("/panden/1", {"identificatie": "P1"})
    zaakobject = await create_zaakobject(client, superuser, zaak["url"], objectType="pand", object=pand)
    other_zaak = await create_zaak(client, superuser, zaak["zaaktype"])
    for change in ({"zaak": other_zaak["url"]}, {"object": remote.add("/panden/2", {})}, {"objectType": "wijk"}):
        response = await client.patch(zaakobject["url"], headers=superuser, json=change)
        assert_oas(response)
        assert invalid_params(response) == {next(iter(change)): "wijzigen-niet-toegelaten"}

    response = await client.patch(zaakobject["url"], headers=superuser, json={"relatieomschrijving": "Het pand"})
    assert_oas(response)
    assert response.json()["relatieomschrijving"] == "Het pand"
    body = {"zaak": zaak["url"], "objectType": "pand", "object": pand, "objectIdentificatie": {"identificatie": "P1"}}
    response = await client.put(zaakobject["url"], headers=superuser, json=body)
    assert_oas(response)
    assert (response.json()["relatieomschrijving"], response.json()["objectIdentificatie"]) == (
        "",
        {"identificatie": "P1"},
    )


async def test_writes_are_notified_and_audited(client, superuser, zaak):
    zaakobject = await create_zaakobject(
        client, superuser, zaak["url"], objectType="pand", objectIdentificatie={"identificatie": "P1"}
    )
    await client.patch(zaakobject["url"], headers=superuser, json={"relatieomschrijving": "Pand"})
    response = await client.delete(zaakobject["url"], headers=superuser)
    assert_oas(response)
    assert response.status_code == 204
    messages = [m for m in await outbox_payloads() if m["resource"] == "zaakobject"]
    assert [(m["actie"], m["resourceUrl"]) for m in messages] == [
        ("create", zaakobject["url"]),
        ("partial_update", zaakobject["url"]),
        ("destroy", zaakobject["url"]),
    ]
    trail = await get(client, superuser, f"{zaak['url']}/audittrail")
    assert [e["actie"] for e in trail if e["resource"] == "zaakobject"] == ["create", "partial_update", "destroy"]


async def test_overige_with_a_definitie_is_checked_against_its_json_schema(client, superuser, zaak, remote):
    objecttype = remote.add(
        "/objecttypen/boom",
        {"jsonSchema": {"type": "object", "properties": {"hoogte": {"type": "number"}}, "required": ["hoogte"]}},
    )
    boom = remote.add("/objecten/1", {"record": {"data": {"hoogte": 12}}})
    definitie = {"url": objecttype, "schema": ".jsonSchema", "objectData": ".record.data"}
    zaakobject = await create_zaakobject(
        client, superuser, zaak["url"], objectType="overige", objectTypeOverigeDefinitie=definitie, object=boom
    )
    assert zaakobject["objectTypeOverigeDefinitie"] == definitie
    assert_shape(zaakobject["objectTypeOverigeDefinitie"], "ObjectTypeOverigeDefinitie")

    base = {"zaak": zaak["url"], "objectType": "overige", "objectTypeOverigeDefinitie": definitie}
    not_a_boom = remote.add("/objecten/2", {"record": {"data": {"hoogte": "hoog"}}})
    assert await post_invalid(client, superuser, {**base, "object": not_a_boom}) == {"object": "invalid-resource"}
    assert await post_invalid(client, superuser, base) == {"object": "required"}
    for expression, code in ((".bestaatNiet", "invalid-resource"), ("import os", "invalid")):
        body = {**base, "object": boom, "objectTypeOverigeDefinitie": {**definitie, "schema": expression}}
        assert await post_invalid(client, superuser, body) == {"objectTypeOverigeDefinitie.schema": code}


async def test_filters_and_pagination(client, superuser, zaak, remote):
    other = await create_zaak(client, superuser, zaak["zaaktype"])
    pand = remote.add("/panden/1", {})
    a = await create_zaakobject(client, superuser, zaak["url"], objectType="pand", object=pand)
    b = await create_zaakobject(client, superuser, zaak["url"], objectType="adres", objectIdentificatie=ADRES)
    c = await create_zaakobject(client, superuser, other["url"], objectType="pand", object=pand)
    for params, expected in (
        ({}, [a, b, c]),
        ({"zaak": zaak["url"]}, [a, b]),
        ({"object": pand}, [a, c]),
        ({"objectType": "adres"}, [b]),
    ):
        page = await get(client, superuser, ZAAKOBJECTEN, **params)
        assert [z["url"] for z in page["results"]] == [z["url"] for z in expected], params
    for params in ({"objectType": "boom"}, {"onbekend": "1"}):
        response = await client.get(ZAAKOBJECTEN, headers=superuser, params=params)
        assert_oas(response)
        assert response.status_code == 400


async def test_detail_has_an_etag_and_head(client, superuser, zaak):
    zaakobject = await create_zaakobject(
        client, superuser, zaak["url"], objectType="pand", objectIdentificatie={"identificatie": "P1"}
    )
    response = await client.get(zaakobject["url"], headers=superuser)
    head = await client.head(zaakobject["url"], headers=superuser)
    assert_oas(head)
    assert head.headers["ETag"] == response.headers["ETag"] and not head.content


async def test_scopes_zrc_006_and_zrc_007(client, superuser, zaaktype, zaak):
    aanmaker = await make_api_client("aanmaker", scopes=["zaken.aanmaken"], zaaktypen=[zaaktype.url])
    zaakobject = await create_zaakobject(
        client, aanmaker, zaak["url"], objectType="pand", objectIdentificatie={"identificatie": "P1"}
    )
    assert (await client.patch(zaakobject["url"], headers=aanmaker, json={})).status_code == 403

    other = await create_zaaktype_setup(client, superuser, catalogus=zaaktype.catalogus, identificatie="ZT-2")
    stranger = await make_api_client("vreemde", scopes=["zaken.lezen", "zaken.bijwerken"], zaaktypen=[other.url])
    assert (await get(client, stranger, ZAAKOBJECTEN))["count"] == 0
    assert (await client.get(zaakobject["url"], headers=stranger)).status_code == 404
    assert (await client.patch(zaakobject["url"], headers=stranger, json={})).status_code == 403

    await close_zaak(client, superuser, zaaktype, zaak["url"])
    bijwerker = await make_api_client(
        "bijwerker", scopes=["zaken.bijwerken", "zaken.verwijderen"], zaaktypen=[zaaktype.url]
    )
    assert (await client.patch(zaakobject["url"], headers=bijwerker, json={})).status_code == 403
    assert (await client.delete(zaakobject["url"], headers=bijwerker)).status_code == 403
    forceerder = await make_api_client("forceerder", scopes=["zaken.geforceerd-bijwerken"], zaaktypen=[zaaktype.url])
    response = await client.patch(zaakobject["url"], headers=forceerder, json={"relatieomschrijving": "Correctie"})
    assert_oas(response)
    assert response.status_code == 200
