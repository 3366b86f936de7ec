"""Logging in and out, lock-out, sessions, CSRF and open redirects of the web application."""

from datetime import UTC, datetime, timedelta

import httpx
import time_machine
from sqlalchemy import func, select

from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, login, make_medewerker
from zaakgericht import db
from zaakgericht.accounts.models import WebSessie
from zaakgericht.settings import get_settings

WRONG = "De gebruikersnaam of het wachtwoord is onjuist."
LOCKED = "Account is tijdelijk geblokkeerd"


async def _sessions() -> int:
    async with db.read_session() as session:
        return await session.scalar(select(func.count()).select_from(WebSessie))


async def test_the_start_page_sends_an_anonymous_visitor_to_the_login_page(client):
    response = await client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen"
    page = await client.get("/inloggen")
    assert page.status_code == 200
    assert '<html lang="nl"' in page.text
    assert 'for="veld-gebruikersnaam"' in page.text and 'for="veld-wachtwoord"' in page.text
    assert "/static/vendor/utrecht-component-library-css/index.css" in page.text


async def test_the_api_index_moved_to_api_and_the_apis_stay_mounted(client, superuser):
    index = await client.get("/api")
    assert index.status_code == 200
    assert index.json()["apis"]["zaken"] == "/zaken/api/v1/"
    assert (await client.get("/catalogi/api/v1/catalogussen", headers=superuser)).status_code == 200


async def test_login_shows_name_roles_and_organisation(client):
    await make_medewerker("piet", naam="Piet de <Behandelaar>", rollen=("behandelaar", "kcc"), afdeling="Vergunningen")
    response = await login(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "zaakgericht_sessie=" in cookie and "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()  # http base URL
    start = await client.get("/")
    assert start.status_code == 200
    assert "Piet de &lt;Behandelaar&gt;" in start.text
    assert "Behandelaar, KCC-medewerker" in start.text
    assert "002220647" in start.text and "Vergunningen" in start.text
    assert "/beheer" not in start.text  # only beheerders see Beheer


async def test_unknown_user_and_wrong_password_get_the_same_message(client):
    await make_medewerker("piet")
    unknown = await login(client, "onbekend", WACHTWOORD)
    wrong = await login(client, "piet", "fout-wachtwoord-123")
    assert unknown.status_code == wrong.status_code == 400
    assert WRONG in unknown.text and WRONG in wrong.text
    assert "zaakgericht_sessie" not in client.cookies
    assert 'value="piet"' in wrong.text  # the name is kept, the password not


async def test_an_inactive_account_cannot_log_in(client):
    await make_medewerker("piet")
    from zaakgericht.accounts import service

    async with db.write_session() as session:
        medewerker = await service.get_by_gebruikersnaam(session, "piet")
        await service.set_actief(session, medewerker, False)
    response = await login(client)
    assert response.status_code == 400 and WRONG in response.text


async def test_five_failures_lock_the_account_until_the_period_is_over(client):
    await make_medewerker("piet")
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            assert WRONG in (await login(client, "piet", "fout-wachtwoord-123")).text
        fifth = await login(client, "piet", "fout-wachtwoord-123")
        assert LOCKED in fifth.text
        # Even the right password is refused while locked.
        locked = await login(client)
        assert locked.status_code == 400 and LOCKED in locked.text
    seconds = get_settings().login_lockout_seconds
    with time_machine.travel(start + timedelta(seconds=seconds - 5), tick=False):
        assert LOCKED in (await login(client)).text
    with time_machine.travel(start + timedelta(seconds=seconds + 5), tick=False):
        response = await login(client)
        assert response.status_code == 303


async def test_a_success_resets_the_failure_count(client):
    await make_medewerker("piet")
    for _ in range(4):
        await login(client, "piet", "fout-wachtwoord-123")
    assert (await login(client)).status_code == 303
    client.cookies.clear()
    for _ in range(4):
        assert WRONG in (await login(client, "piet", "fout-wachtwoord-123")).text


async def test_logout_ends_the_session_on_the_server(client):
    await make_medewerker("piet")
    csrf = await logged_in(client)
    token = client.cookies["zaakgericht_sessie"]
    assert await _sessions() == 1
    response = await client.post("/uitloggen", data={"csrf_token": csrf})
    assert response.status_code == 303 and response.headers["location"] == "/inloggen"
    assert await _sessions() == 0
    # Replaying the old cookie does not bring the session back.
    client.cookies.set("zaakgericht_sessie", token)
    assert (await client.get("/")).status_code == 303


async def test_the_session_expires_after_inactivity_and_slides_with_use(client):
    await make_medewerker("piet")
    start = datetime.now(UTC)
    seconds = get_settings().session_seconds
    with time_machine.travel(start, tick=False):
        await logged_in(client)
    with time_machine.travel(start + timedelta(seconds=seconds - 60), tick=False):
        assert (await client.get("/")).status_code == 200  # used: the expiry moves on
    with time_machine.travel(start + timedelta(seconds=2 * seconds - 120), tick=False):
        assert (await client.get("/")).status_code == 200
    with time_machine.travel(start + timedelta(seconds=3 * seconds), tick=False):
        response = await client.get("/")
        assert response.status_code == 303 and response.headers["location"] == "/inloggen"


async def test_a_form_without_or_with_a_wrong_csrf_token_is_refused(client):
    await make_medewerker("piet")
    await logged_in(client)
    missing = await client.post("/uitloggen")
    wrong = await client.post("/uitloggen", data={"csrf_token": "niet-het-token"})
    for response in (missing, wrong):
        assert response.status_code == 403
        assert "Dit formulier kon niet worden verwerkt" in response.text
    assert await _sessions() == 1


async def test_the_login_form_has_its_own_csrf_protection(client):
    await make_medewerker("piet")
    page = await client.get("/inloggen")
    token = hidden(page.text)
    data = {"gebruikersnaam": "piet", "wachtwoord": WACHTWOORD}
    assert (await client.post("/inloggen", data=data)).status_code == 403
    assert (await client.post("/inloggen", data={**data, "csrf_token": "ander-token-" + token})).status_code == 403
    # A forged form from another site carries the attacker's token, not the cookie of this browser.
    client.cookies.clear()
    assert (await client.post("/inloggen", data={**data, "csrf_token": token})).status_code == 403
    assert await _sessions() == 0


async def test_after_login_the_person_returns_to_the_page_asked_for(client):
    await make_medewerker("beheer", rollen=("beheerder",))
    response = await client.get("/beheer/medewerkers?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen?volgende=%2Fbeheer%2Fmedewerkers%3Fx%3D1"
    page = await client.get(response.headers["location"])
    assert hidden(page.text, "volgende") == "/beheer/medewerkers?x=1"
    response = await login(client, "beheer", volgende="/beheer/medewerkers?x=1")
    assert response.headers["location"] == "/beheer/medewerkers?x=1"


async def test_only_relative_targets_are_followed_after_login(client):
    await make_medewerker("piet")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/%0d%0a"):
        client.cookies.clear()
        response = await login(client, volgende=target)
        assert response.status_code == 303
        expected = "/%0d%0a" if target == "/%0d%0a" else "/"
        assert response.headers["location"] == expected, target


async def test_a_logged_in_person_visiting_the_login_page_goes_on(client):
    await make_medewerker("piet")
    await logged_in(client)
    response = await client.get("/inloggen?volgende=//evil.example")
    assert response.status_code == 303 and response.headers["location"] == "/"


async def test_pages_do_not_exist_get_a_dutch_404(client):
    response = await client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


async def test_the_cookies_are_secure_behind_https(app):
    await make_medewerker("piet")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://zaken.example.nl") as client:
        page = await client.get("/inloggen")
        assert "secure" in page.headers["set-cookie"].lower()
        response = await login(client)
        assert response.status_code == 303
        assert "secure" in response.headers["set-cookie"].lower()
