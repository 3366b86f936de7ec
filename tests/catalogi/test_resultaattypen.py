"""Resultaattypen and their archiving rules (ztc-002 .. ztc-008)."""

import pytest

from tests.catalogi.factories import (
    CATALOGI,
    KLASSE_GELEVERD,
    KLASSE_INGESCHATTE_BESTAANSDUUR,
    KLASSE_INGEWILLIGD_BESTAANSDUUR,
    KLASSE_INGEWILLIGD_BLIJVEND,
    KLASSE_INGEWILLIGD_NIHIL,
    OMSCHRIJVING_TOEGEKEND,
    SELECTIELIJST,
    besluittype_body,
    create_zaaktype,
    post,
    resultaattype_body,
)
from tests.helpers import invalid_params
from tests.oas import assert_oas


@pytest.fixture
async def zaaktype(client, superuser, catalogus) -> str:
    return (await create_zaaktype(client, superuser, catalogus))["url"]


async def create(client, headers, zaaktype, **overrides):
    response = await client.post(
        f"{CATALOGI}/resultaattypen", json=resultaattype_body(zaaktype, **overrides), headers=headers
    )
    assert_oas(response)
    return response


async def test_omschrijving_generiek_comes_from_the_referentielijst_ztc_002(client, superuser, zaaktype):
    response = await create(client, superuser, zaaktype)
    assert response.status_code == 201, response.text
    assert response.json()["omschrijvingGeneriek"] == "Toegekend"
    assert response.json()["resultaattypeomschrijving"] == OMSCHRIJVING_TOEGEKEND


async def test_archiving_defaults_come_from_the_selectielijstklasse_ztc_002(client, superuser, zaaktype):
    vernietigen = (await create(client, superuser, zaaktype)).json()
    assert (vernietigen["archiefnominatie"], vernietigen["archiefactietermijn"]) == ("vernietigen", "P5Y")
    bewaren = (
        await create(
            client, superuser, zaaktype, omschrijving="Bewaren", selectielijstklasse=KLASSE_INGEWILLIGD_BLIJVEND
        )
    ).json()
    assert (bewaren["archiefnominatie"], bewaren["archiefactietermijn"]) == ("blijvend_bewaren", None)
    explicit = (
        await create(
            client,
            superuser,
            zaaktype,
            omschrijving="Eigen",
            archiefnominatie="blijvend_bewaren",
            archiefactietermijn="P20Y",
        )
    ).json()
    assert (explicit["archiefnominatie"], explicit["archiefactietermijn"]) == ("blijvend_bewaren", "P20Y")


async def test_selectielijstklasse_must_belong_to_the_procestype_of_the_zaaktype(client, superuser, zaaktype):
    response = await create(client, superuser, zaaktype, selectielijstklasse=KLASSE_GELEVERD)
    assert invalid_params(response) == {"selectielijstklasse": "procestype-mismatch"}


async def test_unknown_selectielijst_urls_are_400(client, superuser, zaaktype):
    response = await create(
        client,
        superuser,
        zaaktype,
        selectielijstklasse=f"{SELECTIELIJST}/resultaten/00000000-0000-0000-0000-000000000000",
    )
    assert invalid_params(response) == {"selectielijstklasse": "bad-url"}
    response = await create(client, superuser, zaaktype, resultaattypeomschrijving=KLASSE_INGEWILLIGD_NIHIL)
    assert invalid_params(response) == {"resultaattypeomschrijving": "invalid-resource"}


async def test_nihil_procestermijn_requires_afgehandeld_ztc_003(client, superuser, zaaktype):
    response = await create(
        client, superuser, zaaktype, brondatumArchiefprocedure={"afleidingswijze": "termijn", "procestermijn": "P5Y"}
    )
    assert invalid_params(response) == {
        "brondatumArchiefprocedure.afleidingswijze": "invalid-afleidingswijze-for-procestermijn"
    }


async def test_ingeschatte_bestaansduur_requires_termijn_ztc_003(client, superuser, catalogus):
    procestype = f"{SELECTIELIJST}/procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"
    zaaktype = (
        await create_zaaktype(
            client, superuser, catalogus, identificatie="ONDERHOUD", selectielijstProcestype=procestype
        )
    )["url"]
    response = await create(client, superuser, zaaktype, selectielijstklasse=KLASSE_INGESCHATTE_BESTAANSDUUR)
    assert invalid_params(response) == {
        "brondatumArchiefprocedure.afleidingswijze": "invalid-afleidingswijze-for-procestermijn"
    }
    response = await create(
        client,
        superuser,
        zaaktype,
        selectielijstklasse=KLASSE_INGESCHATTE_BESTAANSDUUR,
        brondatumArchiefprocedure={"afleidingswijze": "termijn", "procestermijn": "P10Y"},
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("brondatum", "expected"),
    [
        # ztc-004: datumkenmerk required for eigenschap, zaakobject and ander_datumkenmerk, empty otherwise
        ({"afleidingswijze": "eigenschap"}, {"datumkenmerk": "required"}),
        ({"afleidingswijze": "hoofdzaak", "datumkenmerk": "x"}, {"datumkenmerk": "must-be-empty"}),
        # ztc-005: einddatumBekend empty for afgehandeld and termijn
        (
            {"afleidingswijze": "termijn", "procestermijn": "P1Y", "einddatumBekend": True},
            {"einddatumBekend": "must-be-empty"},
        ),
        # ztc-006: objecttype required for zaakobject and ander_datumkenmerk, empty otherwise
        ({"afleidingswijze": "zaakobject", "datumkenmerk": "einddatum"}, {"objecttype": "required"}),
        ({"afleidingswijze": "eigenschap", "datumkenmerk": "x", "objecttype": "pand"}, {"objecttype": "must-be-empty"}),
        # ztc-007: registratie required for ander_datumkenmerk, empty otherwise
        (
            {"afleidingswijze": "ander_datumkenmerk", "datumkenmerk": "vervaldatum", "objecttype": "overige"},
            {"registratie": "required"},
        ),
        ({"afleidingswijze": "hoofdzaak", "registratie": "BRP"}, {"registratie": "must-be-empty"}),
        # ztc-008: procestermijn required for termijn, empty otherwise
        ({"afleidingswijze": "termijn"}, {"procestermijn": "required"}),
        ({"afleidingswijze": "gerelateerde_zaak", "procestermijn": "P1Y"}, {"procestermijn": "must-be-empty"}),
    ],
)
async def test_brondatum_archiefprocedure_fields_per_afleidingswijze(client, superuser, zaaktype, brondatum, expected):
    # 6.1.8 has procestermijn "bestaansduur_procesobject": every afleidingswijze is possible.
    response = await create(
        client,
        superuser,
        zaaktype,
        selectielijstklasse=KLASSE_INGEWILLIGD_BESTAANSDUUR,
        brondatumArchiefprocedure=brondatum,
    )
    assert response.status_code == 400
    assert invalid_params(response) == {f"brondatumArchiefprocedure.{name}": code for name, code in expected.items()}


async def test_a_complete_zaakobject_afleiding_is_accepted(client, superuser, zaaktype):
    response = await create(
        client,
        superuser,
        zaaktype,
        selectielijstklasse=KLASSE_INGEWILLIGD_BESTAANSDUUR,
        brondatumArchiefprocedure={"afleidingswijze": "zaakobject", "datumkenmerk": "einddatum", "objecttype": "pand"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["brondatumArchiefprocedure"]["objecttype"] == "pand"


async def test_besluittypen_by_omschrijving(client, superuser, catalogus, zaaktype):
    besluittype = await post(client, superuser, "besluittypen", besluittype_body(catalogus))
    created = (await create(client, superuser, zaaktype, besluittypen=["Vergunningsbesluit"])).json()
    assert created["besluittypen"] == [besluittype["url"]]
    assert created["besluittypeOmschrijving"] == ["Vergunningsbesluit"]
    response = await client.get(besluittype["url"], headers=superuser)
    assert_oas(response)
    assert response.json()["resultaattypen"] == [created["url"]]
    assert response.json()["resultaattypenOmschrijving"] == ["Verleend"]
    assert response.json()["zaaktypen"] == []  # the zaaktype names no besluittypen itself


async def test_omschrijving_is_unique_within_a_zaaktype(client, superuser, zaaktype):
    await create(client, superuser, zaaktype)
    response = await create(client, superuser, zaaktype)
    assert invalid_params(response) == {"nonFieldErrors": "unique"}


async def test_filters_are_spelled_in_snake_case(client, superuser, catalogus, zaaktype):
    await create(client, superuser, zaaktype)
    response = await client.get(
        f"{CATALOGI}/resultaattypen",
        params={"status": "alles", "zaaktype_identificatie": "ZT-VERGUNNING", "datum_geldigheid": "2026-02-01"},
        headers=superuser,
    )
    assert_oas(response)
    assert response.json()["count"] == 1
    response = await client.get(f"{CATALOGI}/resultaattypen", params={"zaaktypeIdentificatie": "x"}, headers=superuser)
    assert invalid_params(response) == {"nonFieldErrors": "unknown-parameters"}


async def test_selectielijst_of_another_installation_is_fetched(client, superuser, catalogus, live_server):
    remote = f"{live_server}/referentielijsten/api/v1"
    procestype = f"{remote}/procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97"
    zaaktype = (
        await create_zaaktype(client, superuser, catalogus, identificatie="REMOTE", selectielijstProcestype=procestype)
    )["url"]
    response = await create(
        client,
        superuser,
        zaaktype,
        selectielijstklasse=f"{remote}/resultaten/968dee12-73d3-4b38-933f-5b25005d4ded",
        resultaattypeomschrijving=f"{remote}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1",
    )
    assert response.status_code == 201, response.text
    assert response.json()["archiefactietermijn"] == "P5Y"
    missing = f"{remote}/procestypen/00000000-0000-0000-0000-000000000000"
    response = await client.post(
        f"{CATALOGI}/zaaktypen",
        json={
            **(await client.get(zaaktype, headers=superuser)).json(),
            "identificatie": "X",
            "selectielijstProcestype": missing,
        },
        headers=superuser,
    )
    assert invalid_params(response) == {"selectielijstProcestype": "bad-url"}


async def test_an_unreachable_selectielijst_is_400(client, superuser, catalogus):
    response = await client.post(
        f"{CATALOGI}/zaaktypen",
        json={
            **(await create_zaaktype(client, superuser, catalogus)),
            "identificatie": "X",
            "selectielijstProcestype": "http://127.0.0.1:9/referentielijsten/api/v1/procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97",
        },
        headers=superuser,
    )
    assert_oas(response)
    assert invalid_params(response) == {"selectielijstProcestype": "bad-url"}
