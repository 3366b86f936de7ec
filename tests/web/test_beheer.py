"""Beheer of medewerkers: only for beheerders; create, edit, deactivate, reset password, unlock."""

from datetime import UTC, datetime

import time_machine
from sqlalchemy import func, select

from tests.conftest import make_api_client
from tests.web.accounts_fixtures import RSIN, WACHTWOORD, hidden, logged_in, login, make_medewerker
from zaakgericht import db
from zaakgericht.accounts import service
from zaakgericht.accounts.models import Medewerker
from zaakgericht.api.auth import limits_clause
from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.catalogi.models import ZaakType
from zaakgericht.demo import load_demo
from zaakgericht.zaken.models import Zaak

NIEUW = "/beheer/medewerkers/nieuw"


async def _medewerker(gebruikersnaam: str) -> Medewerker:
    async with db.read_session() as session:
        return await service.get_by_gebruikersnaam(session, gebruikersnaam)


async def _as_beheerder(client) -> str:
    await make_medewerker("beheer", rollen=("beheerder",), naam="Bea Beheer")
    return await logged_in(client, "beheer")


def _form(csrf: str, **overrides) -> dict:
    return {
        "csrf_token": csrf,
        "gebruikersnaam": "klaas",
        "naam": "Klaas Behandelaar",
        "email": "klaas@voorbeeldstad.nl",
        "organisatie": RSIN,
        "afdeling": "Vergunningen",
        "rollen": ["behandelaar", "kcc"],
        "wachtwoord": "een-lang-wachtwoord",
        "wachtwoord_herhaling": "een-lang-wachtwoord",
        **overrides,
    }


async def test_a_non_beheerder_gets_a_dutch_403(client):
    await make_medewerker("piet", rollen=("behandelaar", "manager"))
    csrf = await logged_in(client)
    response = await client.get("/beheer/medewerkers")
    assert response.status_code == 403
    assert "alleen voor medewerkers met de rol beheerder" in response.text
    response = await client.post(NIEUW, data=_form(csrf))
    assert response.status_code == 403
    async with db.read_session() as session:
        assert await session.scalar(select(func.count()).select_from(Medewerker)) == 1


async def test_the_beheerder_sees_beheer_in_the_navigation_and_the_list(client):
    await _as_beheerder(client)
    start = await client.get("/")
    assert 'href="/beheer/medewerkers"' in start.text
    page = await client.get("/beheer/medewerkers")
    assert page.status_code == 200
    assert "Bea Beheer" in page.text and "Beheerder" in page.text and "Actief" in page.text


async def test_create_a_medewerker_with_roles_and_autorisaties(client):
    await load_demo()
    csrf = await _as_beheerder(client)
    form_page = await client.get(NIEUW)
    keuzes = [value for value in form_page.text.split('value="zaakvertrouwelijk ')[1:]]
    assert keuzes, "the published zaaktypen are offered"
    zaaktype = keuzes[0].split('"', 1)[0]
    response = await client.post(NIEUW, data=_form(csrf, autorisatie=[f"zaakvertrouwelijk {zaaktype}", ""]))
    assert response.status_code == 303, response.text
    assert response.headers["location"].endswith("?melding=aangemaakt")
    detail = await client.get(response.headers["location"])
    assert "De medewerker is aangemaakt." in detail.text
    assert f'value="zaakvertrouwelijk {zaaktype}" selected' in detail.text
    klaas = await _medewerker("klaas")
    assert klaas.rollen == ["behandelaar", "kcc"] and klaas.afdeling == "Vergunningen"
    assert [(a.zaaktype, a.max_vertrouwelijkheidaanduiding) for a in klaas.autorisaties] == [
        (zaaktype, "zaakvertrouwelijk")
    ]
    client.cookies.clear()
    assert (await login(client, "klaas", "een-lang-wachtwoord")).status_code == 303


async def test_validation_errors_are_shown_in_dutch_beside_the_field(client):
    csrf = await _as_beheerder(client)
    response = await client.post(
        NIEUW,
        data=_form(
            csrf, gebruikersnaam="beheer", naam="", organisatie="123456789", rollen=[], wachtwoord_herhaling="anders"
        ),
    )
    assert response.status_code == 400
    text = response.text
    assert "Deze gebruikersnaam is al in gebruik." in text
    assert "Vul een naam in." in text
    assert "Dit RSIN voldoet niet aan de elfproef." in text
    assert "Kies ten minste één rol." in text
    assert "De twee wachtwoorden zijn niet gelijk." in text
    assert 'id="fout-naam"' in text and 'aria-describedby=" fout-naam"' in text
    short = await client.post(NIEUW, data=_form(csrf, wachtwoord="kort", wachtwoord_herhaling="kort"))
    assert "Een wachtwoord heeft ten minste 12 tekens." in short.text
    both = await client.post(NIEUW, data=_form(csrf, heeft_alle_autorisaties="ja", autorisatie="geheim http://x/y"))
    assert "niet beide" in both.text


async def test_edit_deactivate_and_activate(client):
    csrf = await _as_beheerder(client)
    klaas = await make_medewerker("klaas")
    url = f"/beheer/medewerkers/{klaas.uuid}"
    data = _form(csrf, naam="Klaas Vaak", rollen=["manager"], heeft_alle_autorisaties="ja")
    response = await client.post(url, data=data)
    assert response.status_code == 303
    klaas = await _medewerker("klaas")
    assert klaas.naam == "Klaas Vaak" and klaas.rollen == ["manager"] and klaas.heeft_alle_autorisaties

    # Klaas is logged in elsewhere; deactivating logs him out at once.
    import httpx

    async with httpx.AsyncClient(transport=client._transport, base_url="http://testserver") as other:
        await logged_in(other, "klaas")
        response = await client.post(f"{url}/actief", data={"csrf_token": csrf, "actief": "nee"})
        assert response.status_code == 303
        assert (await other.get("/")).status_code == 303
        assert (await login(other, "klaas")).status_code == 400
        response = await client.post(f"{url}/actief", data={"csrf_token": csrf, "actief": "ja"})
        assert (await login(other, "klaas")).status_code == 303


async def test_a_beheerder_cannot_deactivate_themselves(client):
    csrf = await _as_beheerder(client)
    beheer = await _medewerker("beheer")
    response = await client.post(
        f"/beheer/medewerkers/{beheer.uuid}/actief", data={"csrf_token": csrf, "actief": "nee"}
    )
    assert response.status_code == 400
    assert "U kunt uw eigen account niet deactiveren." in response.text


async def test_reset_password_and_unlock(client):
    csrf = await _as_beheerder(client)
    klaas = await make_medewerker("klaas")
    import httpx

    start = datetime.now(UTC)
    async with httpx.AsyncClient(transport=client._transport, base_url="http://testserver") as other:
        with time_machine.travel(start, tick=False):
            for _ in range(5):
                await login(other, "klaas", "fout-wachtwoord-123")
            refused = await login(other, "klaas")
            assert refused.status_code == 429 and "te vaak geprobeerd" in refused.text
            page = await client.get(f"/beheer/medewerkers/{klaas.uuid}")
            assert "Deblokkeren" in page.text
            response = await client.post(f"/beheer/medewerkers/{klaas.uuid}/deblokkeren", data={"csrf_token": csrf})
            assert response.status_code == 303
            assert (await login(other, "klaas")).status_code == 303

            form = await client.get(f"/beheer/medewerkers/{klaas.uuid}/wachtwoord")
            assert hidden(form.text) == csrf
            mismatch = await client.post(
                f"/beheer/medewerkers/{klaas.uuid}/wachtwoord",
                data={"csrf_token": csrf, "wachtwoord": "nieuw-wachtwoord-1", "wachtwoord_herhaling": "x"},
            )
            assert mismatch.status_code == 400 and "niet gelijk" in mismatch.text
            response = await client.post(
                f"/beheer/medewerkers/{klaas.uuid}/wachtwoord",
                data={
                    "csrf_token": csrf,
                    "wachtwoord": "nieuw-wachtwoord-1",
                    "wachtwoord_herhaling": "nieuw-wachtwoord-1",
                },
            )
            assert response.status_code == 303
            assert (await other.get("/")).status_code == 303  # his sessions ended
            other.cookies.clear()
            assert (await login(other, "klaas", WACHTWOORD)).status_code == 400
            assert (await login(other, "klaas", "nieuw-wachtwoord-1")).status_code == 303


async def test_an_unknown_medewerker_is_a_404(client):
    await _as_beheerder(client)
    response = await client.get("/beheer/medewerkers/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text
    response = await client.get("/beheer/medewerkers/geen-uuid")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text


async def test_autorisaties_filter_zaken_in_sql_as_for_an_api_client(client):
    await load_demo()
    token = set_base_url("http://testserver")
    try:
        async with db.read_session() as session:
            zaaktype = (await session.scalars(select(ZaakType).where(ZaakType.concept.is_(False)))).first()
            url = f"http://testserver/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
        await make_medewerker(
            "klaas", autorisaties=[(url, "zaakvertrouwelijk")], organisatie=RSIN, email="", afdeling=""
        )
        klaas = await _medewerker("klaas")
        limits = service.type_limits(klaas)
        async with db.read_session() as session:
            visible = set(
                (
                    await session.scalars(
                        select(Zaak.uuid).where(
                            limits_clause(limits, Zaak.zaaktype_id, ZaakType, Zaak.vertrouwelijkheidaanduiding)
                        )
                    )
                ).all()
            )
    finally:
        reset_base_url(token)
    headers = await make_api_client(
        "zelfde", scopes=["zaken.lezen"], zaaktypen=[url], max_vertrouwelijkheidaanduiding="zaakvertrouwelijk"
    )
    response = await client.get("/zaken/api/v1/zaken", headers={**headers, "Accept-Crs": "EPSG:4326"})
    assert response.status_code == 200
    api_visible = {result["uuid"] for result in response.json()["results"]}
    assert api_visible and {str(uuid) for uuid in visible} == api_visible
