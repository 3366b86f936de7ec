"""Citizens log in to the PIP through an OpenID Connect broker (DigiD / eHerkenning), against the same small
real provider the medewerkers' OIDC tests use."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select

from tests.web.test_oidc import CLIENT_ID, CLIENT_SECRET, provider  # noqa: F401  (the provider fixture)
from zaakgericht import db
from zaakgericht.burgers.models import BurgerSessie
from zaakgericht.settings import get_settings


@pytest.fixture
def broker(provider, monkeypatch):  # noqa: F811
    settings = get_settings()
    monkeypatch.setattr(settings, "burger_oidc_issuer", provider.issuer)
    monkeypatch.setattr(settings, "burger_oidc_client_id", CLIENT_ID)
    monkeypatch.setattr(settings, "burger_oidc_client_secret", CLIENT_SECRET)
    monkeypatch.setattr(settings, "demo_login", False)
    provider.claims = {"sub": "pseudoniem-1", "bsn": "999990019"}
    provider.tamper = ""
    return provider


async def _login(client: httpx.AsyncClient, methode: str = "digid", volgende: str = "/mijn-zaken") -> httpx.Response:
    """What the browser does: to us, to the broker (which approves at once), back to our callback."""
    start = await client.get(f"/mijn-zaken/inloggen/{methode}", params={"volgende": volgende})
    assert start.status_code == 302
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(start.headers["location"])
    callback = urlsplit(approved.headers["location"])
    assert callback.path == "/mijn-zaken/inloggen/oidc/callback"
    return await client.get(f"{callback.path}?{callback.query}")


async def test_the_login_page_offers_digid_and_eherkenning_when_the_broker_is_configured(client, broker):
    page = (await client.get("/mijn-zaken/inloggen")).text
    assert "Inloggen met DigiD" in page and "Inloggen met eHerkenning" in page and "Testomgeving" not in page


async def test_without_a_broker_digid_is_404(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "burger_oidc_issuer", "")
    assert (await client.get("/mijn-zaken/inloggen/digid")).status_code == 404
    assert "Inloggen met DigiD" not in (await client.get("/mijn-zaken/inloggen")).text


async def test_the_broker_is_asked_for_digid_or_eherkenning_with_the_configured_parameters(client, broker, monkeypatch):
    monkeypatch.setattr(get_settings(), "burger_oidc_eherkenning_params", "acr_values=urn:etoegang:LoA3")
    digid = parse_qs(urlsplit((await client.get("/mijn-zaken/inloggen/digid")).headers["location"]).query)
    assert digid["kc_idp_hint"] == ["digid"] and digid["scope"] == ["openid"]
    assert digid["redirect_uri"] == ["http://testserver/mijn-zaken/inloggen/oidc/callback"]
    assert digid["code_challenge_method"] == ["S256"] and digid["nonce"]
    eherkenning = parse_qs(urlsplit((await client.get("/mijn-zaken/inloggen/eherkenning")).headers["location"]).query)
    assert eherkenning["acr_values"] == ["urn:etoegang:LoA3"] and "kc_idp_hint" not in eherkenning


async def test_a_token_with_a_bsn_logs_a_citizen_in(client, broker):
    broker.claims = {"sub": "pseudoniem-1", "bsn": "999990019", "name": "Anna Jansen"}
    response = await _login(client)
    assert response.status_code == 303 and response.headers["location"] == "/mijn-zaken"
    page = await client.get("/mijn-zaken")
    assert page.status_code == 200 and "Anna Jansen" in page.text and "Ingelogd met DigiD" in page.text
    async with db.read_session() as session:
        sessie = (await session.scalars(select(BurgerSessie))).one()
    assert (sessie.bsn, sessie.kvk_nummer, sessie.methode) == ("999990019", None, "digid")
    assert "zaakgericht_sessie" not in client.cookies  # no medewerker session
    assert (await client.get("/")).status_code == 303


async def test_a_token_with_a_kvk_nummer_logs_a_company_in(client, broker):
    broker.claims = {"sub": "pseudoniem-2", "kvk": "12345678"}
    response = await _login(client, "eherkenning")
    assert response.status_code == 303
    assert "Ingelogd met eHerkenning" in (await client.get("/mijn-zaken")).text


async def test_a_token_without_a_bsn_or_kvk_nummer_is_refused(client, broker):
    broker.claims = {"sub": "pseudoniem-3", "preferred_username": "anna"}
    response = await _login(client)
    assert response.status_code == 403 and "geen BSN of KvK-nummer" in response.text
    broker.claims = {"sub": "pseudoniem-3", "bsn": "123456789"}  # fails the elfproef
    assert (await _login(client)).status_code == 403
    async with db.read_session() as session:
        assert (await session.scalars(select(BurgerSessie))).all() == []
    assert (await client.get("/mijn-zaken")).status_code == 303


async def test_a_token_signed_with_another_key_is_refused(client, broker):
    broker.tamper = "key"
    response = await _login(client)
    assert response.status_code == 400 and "Inloggen is niet gelukt" in response.text


async def test_the_bsn_claim_name_is_configurable(client, broker, monkeypatch):
    monkeypatch.setattr(get_settings(), "burger_oidc_bsn_claim", "urn:nl:bsn")
    broker.claims = {"sub": "pseudoniem-4", "urn:nl:bsn": "999990020"}
    assert (await _login(client)).status_code == 303
    async with db.read_session() as session:
        assert (await session.scalars(select(BurgerSessie.bsn))).one() == "999990020"
