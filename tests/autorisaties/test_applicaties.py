"""Applicaties: representation, validation, the rules ac-001 .. ac-003, filters, consumer and notifications."""

import pytest

from tests.autorisaties.factories import (
    APPLICATIES,
    BESLUITTYPE,
    CONSUMER,
    INFORMATIEOBJECTTYPE,
    ZAAKTYPE,
    applicatie_body,
    assert_applicatie_oas,
    brc,
    create_applicatie,
    drc,
    zrc,
    ztc,
)
from tests.conftest import count_queries, make_api_client
from tests.helpers import invalid_params, outbox_payloads


@pytest.fixture
async def beheerder():
    """A client that manages autorisaties (and nothing else)."""
    return await make_api_client("beheerder", scopes=["autorisaties.lezen", "autorisaties.bijwerken"])


# --- representation --------------------------------------------------------------------------


async def test_create_returns_the_applicatie_with_its_autorisaties(client, beheerder):
    response = await client.post(
        APPLICATIES,
        json=applicatie_body(
            clientIds=["zaakapp-zrc", "zaakapp-drc"],
            autorisaties=[
                ztc(zaaktype=ZAAKTYPE),  # not a field of a ztc autorisatie: ignored
                zrc(),
                drc(),
                brc(),
                {"component": "nrc", "scopes": ["notificaties.consumeren"]},
                {"component": "ac", "scopes": ["autorisaties.lezen"]},
            ],
        ),
        headers=beheerder,
    )
    assert_applicatie_oas(response)
    assert response.status_code == 201
    applicatie = response.json()
    assert response.headers["Location"] == applicatie["url"]
    assert applicatie["url"].startswith(f"{APPLICATIES}/")
    assert applicatie["clientIds"] == ["zaakapp-zrc", "zaakapp-drc"]
    assert applicatie["label"] == "Zaakapplicatie"
    assert applicatie["heeftAlleAutorisaties"] is False
    assert applicatie["autorisaties"] == [
        {"component": "ztc", "componentWeergave": "Catalogi API", "scopes": ["catalogi.lezen"]},
        {
            "component": "zrc",
            "componentWeergave": "Zaken API",
            "scopes": ["zaken.lezen", "zaken.bijwerken"],
            "zaaktype": ZAAKTYPE,
            "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        },
        {
            "component": "drc",
            "componentWeergave": "Documenten API",
            "scopes": ["documenten.lezen"],
            "informatieobjecttype": INFORMATIEOBJECTTYPE,
            "maxVertrouwelijkheidaanduiding": "openbaar",
        },
        {
            "component": "brc",
            "componentWeergave": "Besluiten API",
            "scopes": ["besluiten.lezen"],
            "besluittype": BESLUITTYPE,
        },
        {"component": "nrc", "componentWeergave": "Notificaties API", "scopes": ["notificaties.consumeren"]},
        {"component": "ac", "componentWeergave": "Autorisaties API", "scopes": ["autorisaties.lezen"]},
    ]
    read = await client.get(applicatie["url"], headers=beheerder)
    assert_applicatie_oas(read)
    assert read.json() == applicatie
    assert read.headers["API-version"] == "1.0.0"


async def test_an_applicatie_with_all_autorisaties(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, heeftAlleAutorisaties=True, autorisaties=[])
    assert applicatie["heeftAlleAutorisaties"] is True
    assert applicatie["autorisaties"] == []
    # Left out, autorisaties are none.
    body = applicatie_body(clientIds=["ander"], heeftAlleAutorisaties=True)
    del body["autorisaties"]
    response = await client.post(APPLICATIES, json=body, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 201


async def test_the_secret_is_never_exposed(client, beheerder):
    response = await client.get(CONSUMER, params={"clientId": "beheerder"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert "beheerder-secret" not in response.text
    assert set(response.json()) == {"url", "clientIds", "label", "heeftAlleAutorisaties", "autorisaties"}


async def test_unknown_applicatie_is_404(client, beheerder):
    for url in (f"{APPLICATIES}/6e0e8c2a-0000-4000-8000-000000000000", f"{APPLICATIES}/geen-uuid"):
        response = await client.get(url, headers=beheerder)
        assert_applicatie_oas(response)
        assert response.status_code == 404


# --- validation of the body ------------------------------------------------------------------


async def test_missing_required_fields_are_400(client, beheerder):
    response = await client.post(APPLICATIES, json={"heeftAlleAutorisaties": True}, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"clientIds": "required", "label": "required"}
    response = await client.post(
        APPLICATIES, json=applicatie_body(autorisaties=[{"component": "ztc"}]), headers=beheerder
    )
    assert invalid_params(response) == {"autorisaties.0.scopes": "required"}


async def test_wrong_types_and_values_are_400(client, beheerder):
    body = applicatie_body(
        clientIds="zaakapp",
        label=42,
        heeftAlleAutorisaties="misschien",
        autorisaties=[
            {"component": "xyz", "scopes": ["x"]},
            zrc(zaaktype="geen url", maxVertrouwelijkheidaanduiding="supergeheim"),
            ztc(scopes=["catalogi." + "x" * 100, ""]),
        ],
    )
    response = await client.post(APPLICATIES, json=body, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {
        "clientIds": "invalid",
        "label": "invalid",
        "heeftAlleAutorisaties": "invalid",
        "autorisaties.0.component": "invalid_choice",
        "autorisaties.1.zaaktype": "invalid",
        "autorisaties.1.maxVertrouwelijkheidaanduiding": "invalid_choice",
        "autorisaties.2.scopes.0": "max_length",
        "autorisaties.2.scopes.1": "min_length",
    }


async def test_lengths_of_label_and_client_ids(client, beheerder):
    body = applicatie_body(clientIds=["", "c" * 51], label="")
    response = await client.post(APPLICATIES, json=body, headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"clientIds.0": "min_length", "clientIds.1": "max_length", "label": "min_length"}
    response = await client.post(APPLICATIES, json=applicatie_body(label="l" * 101), headers=beheerder)
    assert invalid_params(response) == {"label": "max_length"}


async def test_an_empty_list_of_client_ids_is_allowed_by_the_oas(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=[])
    assert applicatie["clientIds"] == []


async def test_a_client_id_given_twice_is_stored_once(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=["zaakapp", "zaakapp"])
    assert applicatie["clientIds"] == ["zaakapp"]


async def test_malformed_json_is_400_with_invalid_params(client, beheerder):
    response = await client.post(
        APPLICATIES, content=b'{"label": ', headers={**beheerder, "Content-Type": "application/json"}
    )
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert invalid_params(response) == {"nonFieldErrors": "parse_error"}
    response = await client.post(APPLICATIES, json=["geen", "object"], headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "invalid"}


async def test_a_body_that_is_not_json_is_415(client, beheerder):
    response = await client.post(APPLICATIES, content=b"label=x", headers={**beheerder, "Content-Type": "text/plain"})
    assert_applicatie_oas(response)
    assert response.status_code == 415


# --- ac-001: a client id identifies one applicatie --------------------------------------------


async def test_client_id_of_another_applicatie_is_refused_ac_001(client, beheerder):
    await create_applicatie(client, beheerder, clientIds=["zaakapp", "zaakapp-2"])
    response = await client.post(APPLICATIES, json=applicatie_body(clientIds=["nieuw", "zaakapp"]), headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"clientIds": "clientId-exists"}
    assert "zaakapp" in response.json()["invalidParams"][0]["reason"]
    # Also a client id an operator registered (with a secret), such as the beheerder's own.
    response = await client.post(APPLICATIES, json=applicatie_body(clientIds=["beheerder"]), headers=beheerder)
    assert invalid_params(response) == {"clientIds": "clientId-exists"}


async def test_an_applicatie_keeps_its_own_client_ids_on_update_ac_001(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=["zaakapp"])
    other = await create_applicatie(client, beheerder, clientIds=["andere-app"])
    response = await client.put(applicatie["url"], json=applicatie_body(label="Nieuw label"), headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 200
    response = await client.patch(other["url"], json={"clientIds": ["andere-app", "zaakapp"]}, headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"clientIds": "clientId-exists"}


async def test_a_deleted_applicatie_frees_its_client_ids(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=["zaakapp"])
    response = await client.delete(applicatie["url"], headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 204
    assert (await client.get(applicatie["url"], headers=beheerder)).status_code == 404
    await create_applicatie(client, beheerder, clientIds=["zaakapp"])


# --- ac-002: heeftAlleAutorisaties or autorisaties --------------------------------------------


async def test_both_all_and_specific_autorisaties_is_refused_ac_002(client, beheerder):
    response = await client.post(APPLICATIES, json=applicatie_body(heeftAlleAutorisaties=True), headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"nonFieldErrors": "ambiguous-authorizations-specified"}


async def test_neither_all_nor_specific_autorisaties_is_refused_ac_002(client, beheerder):
    for body in (applicatie_body(autorisaties=[]), {"clientIds": ["zaakapp"], "label": "Zonder"}):
        response = await client.post(APPLICATIES, json=body, headers=beheerder)
        assert_applicatie_oas(response)
        assert response.status_code == 400
        assert invalid_params(response) == {"nonFieldErrors": "missing-authorizations"}


async def test_ac_002_holds_for_patch_on_the_resulting_applicatie(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    response = await client.patch(applicatie["url"], json={"heeftAlleAutorisaties": True}, headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "ambiguous-authorizations-specified"}
    response = await client.patch(applicatie["url"], json={"autorisaties": []}, headers=beheerder)
    assert invalid_params(response) == {"nonFieldErrors": "missing-authorizations"}
    response = await client.patch(
        applicatie["url"], json={"heeftAlleAutorisaties": True, "autorisaties": []}, headers=beheerder
    )
    assert_applicatie_oas(response)
    assert response.status_code == 200
    assert response.json()["heeftAlleAutorisaties"] is True
    assert response.json()["autorisaties"] == []


# --- ac-003: required fields per component ----------------------------------------------------


async def test_zaken_scopes_need_zaaktype_and_max_vertrouwelijkheid_ac_003(client, beheerder):
    autorisatie = {"component": "zrc", "scopes": ["zaken.lezen"]}
    response = await client.post(
        APPLICATIES, json=applicatie_body(autorisaties=[ztc(), autorisatie]), headers=beheerder
    )
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {
        "autorisaties.1.zaaktype": "required",
        "autorisaties.1.maxVertrouwelijkheidaanduiding": "required",
    }
    # Blank counts as not given.
    response = await client.post(APPLICATIES, json=applicatie_body(autorisaties=[zrc(zaaktype="")]), headers=beheerder)
    assert invalid_params(response) == {"autorisaties.0.zaaktype": "required"}


async def test_documenten_scopes_need_informatieobjecttype_and_max_vertrouwelijkheid_ac_003(client, beheerder):
    response = await client.post(
        APPLICATIES,
        json=applicatie_body(autorisaties=[drc(informatieobjecttype=None, maxVertrouwelijkheidaanduiding=None)]),
        headers=beheerder,
    )
    assert_applicatie_oas(response)
    assert invalid_params(response) == {
        "autorisaties.0.informatieobjecttype": "required",
        "autorisaties.0.maxVertrouwelijkheidaanduiding": "required",
    }


async def test_besluiten_scopes_need_a_besluittype_ac_003(client, beheerder):
    autorisatie = brc()
    del autorisatie["besluittype"]
    response = await client.post(APPLICATIES, json=applicatie_body(autorisaties=[autorisatie]), headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"autorisaties.0.besluittype": "required"}


async def test_other_components_need_no_limits_ac_003(client, beheerder):
    applicatie = await create_applicatie(
        client,
        beheerder,
        autorisaties=[
            ztc(scopes=["catalogi.lezen", "catalogi.schrijven"]),
            {"component": "nrc", "scopes": ["notificaties.consumeren", "notificaties.publiceren"]},
            {"component": "ac", "scopes": ["autorisaties.lezen"]},
        ],
    )
    assert [a["component"] for a in applicatie["autorisaties"]] == ["ztc", "nrc", "ac"]


async def test_limits_are_required_only_with_scopes_of_their_api_ac_003(client, beheerder):
    # A zrc autorisatie for the audit trail alone names no zaaktype; limits not given are left out.
    applicatie = await create_applicatie(
        client, beheerder, autorisaties=[{"component": "zrc", "scopes": ["audittrails.lezen"], "zaaktype": ""}]
    )
    assert applicatie["autorisaties"] == [
        {"component": "zrc", "componentWeergave": "Zaken API", "scopes": ["audittrails.lezen"]}
    ]


async def test_a_refused_write_leaves_nothing_behind(client, beheerder):
    await client.post(APPLICATIES, json=applicatie_body(autorisaties=[zrc(zaaktype=None)]), headers=beheerder)
    assert await outbox_payloads() == []
    response = await client.get(APPLICATIES, params={"clientIds": "zaakapp"}, headers=beheerder)
    assert response.json()["count"] == 0


# --- update and delete -----------------------------------------------------------------------


async def test_put_replaces_everything(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=["a", "b"])
    body = applicatie_body(clientIds=["b", "c"], label="Vervangen", autorisaties=[brc()])
    response = await client.put(applicatie["url"], json=body, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 200
    updated = response.json()
    assert updated["url"] == applicatie["url"]
    assert updated["clientIds"] == ["b", "c"]
    assert updated["label"] == "Vervangen"
    assert [a["component"] for a in updated["autorisaties"]] == ["brc"]
    assert (await client.get(applicatie["url"], headers=beheerder)).json() == updated


async def test_put_requires_the_whole_applicatie(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    response = await client.put(applicatie["url"], json={"label": "Alleen een label"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"clientIds": "required"}


async def test_patch_changes_only_what_is_given(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    response = await client.patch(applicatie["url"], json={"label": "Alleen het label"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 200
    assert response.json() == {**applicatie, "label": "Alleen het label"}
    response = await client.patch(applicatie["url"], json={"label": ""}, headers=beheerder)
    assert invalid_params(response) == {"label": "min_length"}


async def test_writes_of_an_unknown_applicatie_are_404(client, beheerder):
    url = f"{APPLICATIES}/6e0e8c2a-0000-4000-8000-000000000000"
    for response in (
        await client.put(url, json=applicatie_body(), headers=beheerder),
        await client.patch(url, json={"label": "x"}, headers=beheerder),
        await client.delete(url, headers=beheerder),
    ):
        assert_applicatie_oas(response)
        assert response.status_code == 404


# --- notifications ---------------------------------------------------------------------------


async def test_every_write_is_notified_on_the_autorisaties_kanaal(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    await client.put(applicatie["url"], json=applicatie_body(label="Vervangen"), headers=beheerder)
    await client.patch(applicatie["url"], json={"label": "Gepatcht"}, headers=beheerder)
    await client.delete(applicatie["url"], headers=beheerder)
    messages = await outbox_payloads()
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    for message in messages:
        assert message["kanaal"] == "autorisaties"
        assert message["resource"] == "applicatie"
        assert message["hoofdObject"] == message["resourceUrl"] == applicatie["url"]
        assert message["kenmerken"] == {}


# --- the list and its filter -----------------------------------------------------------------


async def test_filter_client_ids(client, beheerder):
    a = await create_applicatie(client, beheerder, clientIds=["app-a", "gedeeld-a"])
    b = await create_applicatie(client, beheerder, clientIds=["app-b"])

    async def listed(**params) -> list[str]:
        response = await client.get(APPLICATIES, params=params, headers=beheerder)
        assert_applicatie_oas(response)
        assert response.status_code == 200
        return [applicatie["url"] for applicatie in response.json()["results"]]

    assert len(await listed()) == 3  # with the beheerder itself
    assert await listed(clientIds="app-a") == [a["url"]]
    assert await listed(clientIds="app-b") == [b["url"]]
    # Comma-separated: the applicaties having every one of them.
    assert await listed(clientIds="app-a,gedeeld-a") == [a["url"]]
    assert await listed(clientIds="app-a,app-b") == []
    assert await listed(clientIds="onbekend") == []


async def test_unknown_query_parameters_are_400(client, beheerder):
    response = await client.get(APPLICATIES, params={"clientId": "app-a"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 400
    assert invalid_params(response) == {"nonFieldErrors": "unknown-parameters"}


async def test_pagination(client, beheerder):
    for number in range(100):
        await create_applicatie(client, beheerder, clientIds=[f"app-{number:03}"], autorisaties=[ztc()])
    first = await client.get(APPLICATIES, headers=beheerder)
    assert_applicatie_oas(first)
    assert first.json()["count"] == 101 and len(first.json()["results"]) == 100
    second = await client.get(first.json()["next"], headers=beheerder)
    assert_applicatie_oas(second)
    assert [a["clientIds"] for a in second.json()["results"]] == [["app-099"]]
    assert second.json()["previous"].endswith("page=1")


async def test_list_costs_a_fixed_number_of_queries(client, superuser):
    async def queries_for_list() -> int:
        with count_queries() as counted:
            response = await client.get(APPLICATIES, headers=superuser)
        assert response.status_code == 200
        return counted[0]

    async def add(number: int) -> None:
        await create_applicatie(
            client, superuser, clientIds=[f"app-{number}", f"app-{number}-b"], autorisaties=[ztc(), zrc(), drc()]
        )

    await add(0)
    with_one = await queries_for_list()
    for number in range(1, 20):
        await add(number)
    assert await queries_for_list() == with_one
    # The applicatie of the token, the count, the page, its client ids and its autorisaties.
    assert with_one == 5


# --- consumer --------------------------------------------------------------------------------


async def test_consumer_returns_the_applicatie_of_a_client_id(client, beheerder):
    applicatie = await create_applicatie(client, beheerder, clientIds=["app-a", "app-b"])
    await create_applicatie(client, beheerder, clientIds=["app-c"])
    for client_id in ("app-a", "app-b"):
        response = await client.get(CONSUMER, params={"clientId": client_id}, headers=beheerder)
        assert_applicatie_oas(response)
        assert response.status_code == 200
        assert response.json() == applicatie


async def test_consumer_of_an_unknown_client_id_is_404(client, beheerder):
    response = await client.get(CONSUMER, params={"clientId": "onbekend"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert response.status_code == 404


async def test_consumer_requires_a_client_id(client, beheerder):
    for params in ({}, {"clientId": ""}):
        response = await client.get(CONSUMER, params=params, headers=beheerder)
        assert_applicatie_oas(response)
        assert response.status_code == 400
        assert invalid_params(response) == {"clientId": "required"}
    response = await client.get(CONSUMER, params={"clientIds": "beheerder"}, headers=beheerder)
    assert_applicatie_oas(response)
    assert invalid_params(response) == {"nonFieldErrors": "unknown-parameters"}


# --- scopes ----------------------------------------------------------------------------------


async def test_reading_needs_autorisaties_lezen(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    zonder = await make_api_client("zonder", scopes=["catalogi.lezen", "autorisaties.bijwerken"])
    for response in (
        await client.get(APPLICATIES, headers=zonder),
        await client.get(applicatie["url"], headers=zonder),
    ):
        assert_applicatie_oas(response)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    response = await client.get(CONSUMER, params={"clientId": "zaakapp"}, headers=zonder)
    assert_applicatie_oas(response)
    assert response.status_code == 403
    lezer = await make_api_client("lezer", scopes=["autorisaties.lezen"])
    assert (await client.get(applicatie["url"], headers=lezer)).status_code == 200


async def test_writing_needs_autorisaties_bijwerken(client, beheerder):
    applicatie = await create_applicatie(client, beheerder)
    lezer = await make_api_client("lezer", scopes=["autorisaties.lezen"])
    for response in (
        await client.post(APPLICATIES, json=applicatie_body(clientIds=["nieuw"]), headers=lezer),
        await client.put(applicatie["url"], json=applicatie_body(), headers=lezer),
        await client.patch(applicatie["url"], json={"label": "x"}, headers=lezer),
        await client.delete(applicatie["url"], headers=lezer),
    ):
        assert_applicatie_oas(response)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    assert [m["actie"] for m in await outbox_payloads()] == ["create"]


async def test_without_a_token_is_401(client):
    response = await client.get(APPLICATIES)
    assert_applicatie_oas(response)
    assert response.status_code == 401
