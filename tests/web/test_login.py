"""Logging in and out, the login delay and per-client limit, sessions, CSRF and open redirects."""

from datetime import UTC, datetime, timedelta

import httpx
import time_machine
from sqlalchemy import func, select

from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, login, make_medewerker
from zaakgericht import db
from zaakgericht.accounts.models import LoginPoging, WebSessie
from zaakgericht.accounts.service import account_delay
from zaakgericht.huisstijl.service import STANDAARD_NAAM
from zaakgericht.settings import get_settings

WRONG = "De gebruikersnaam of het wachtwoord is onjuist."
TOO_MANY = "Er is te vaak geprobeerd in te loggen."


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
    # The organisation's name from the huisstijl, and the medewerker's afdeling beside the roles.
    assert f'<span class="zg-merk__naam">{STANDAARD_NAAM}</span>' in start.text
    assert "Behandelaar, KCC-medewerker &middot; Vergunningen" in start.text
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


def _from(app, address: str) -> httpx.AsyncClient:
    """A browser at another client address."""
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _answers(client, gebruikersnaam: str, tries: int) -> list[tuple[int, str | None, str]]:
    answers = []
    for _ in range(tries):
        response = await login(client, gebruikersnaam, "fout-wachtwoord-123")
        message = WRONG if WRONG in response.text else (TOO_MANY if TOO_MANY in response.text else response.text)
        answers.append((response.status_code, response.headers.get("retry-after"), message))
    return answers


async def test_a_delayed_name_and_an_unknown_name_get_the_same_answers(app):
    await make_medewerker("piet")
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False):
        async with _from(app, "10.0.0.1") as bekend, _from(app, "10.0.0.2") as onbekend:
            piet = await _answers(bekend, "piet", 5)
            nobody = await _answers(onbekend, "niemand", 5)
    # Three tries, then a wait of a second (429 with Retry-After), whether or not the account exists.
    assert piet == nobody == [(400, None, WRONG)] * 3 + [(429, "1", TOO_MANY)] * 2
    # Even the right password is not tried while the delay runs, and works once it is over.
    async with _from(app, "10.0.0.3") as other:
        with time_machine.travel(start, tick=False):
            assert (await login(other)).status_code == 429
        with time_machine.travel(start + timedelta(seconds=2), tick=False):
            assert (await login(other)).status_code == 303


async def test_the_delay_doubles_after_each_failure_up_to_the_maximum(app):
    await make_medewerker("piet")
    settings = get_settings()
    moment = datetime.now(UTC)
    waits = []
    async with _from(app, "10.0.0.1") as client:
        for _ in range(12):
            with time_machine.travel(moment, tick=False):
                response = await login(client, "piet", "fout-wachtwoord-123")
                assert response.status_code == 400
                refused = await login(client, "piet", "fout-wachtwoord-123")
            if refused.status_code == 429:
                waits.append(int(refused.headers["retry-after"]))
                moment += timedelta(seconds=waits[-1])
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]
    assert settings.login_max_delay_seconds == 60


async def test_an_attacker_cannot_keep_a_person_out(app):
    await make_medewerker("piet")
    settings = get_settings()
    moment = datetime.now(UTC)
    async with _from(app, "203.0.113.9") as attacker, _from(app, "10.0.0.7") as piet:
        # The attacker guesses as fast as the delay allows until their address is refused ...
        for failures in range(1, settings.login_client_max_failures + 1):
            with time_machine.travel(moment, tick=False):
                assert (await login(attacker, "piet", "fout-wachtwoord-123")).status_code == 400
            moment += timedelta(seconds=account_delay(failures))
        with time_machine.travel(moment, tick=False):
            refused = await login(attacker, "piet", "fout-wachtwoord-123")
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 60
            # ... and the refused tries do not renew the delay: Piet, elsewhere, logs in after it.
            for _ in range(5):
                await login(attacker, "piet", "fout-wachtwoord-123")
        with time_machine.travel(moment + timedelta(seconds=settings.login_max_delay_seconds), tick=False):
            assert (await login(piet)).status_code == 303
            # The attacker's address stays refused, for the right password too and for any other name.
            assert (await login(attacker, "klaas", "fout-wachtwoord-123")).status_code == 429
        with time_machine.travel(moment + timedelta(seconds=settings.login_window_seconds + 1), tick=False):
            assert (await login(attacker, "klaas", "fout-wachtwoord-123")).status_code == 400


async def test_one_client_trying_many_names_is_limited(app):
    settings = get_settings()
    start = datetime.now(UTC)
    async with _from(app, "198.51.100.4") as sprayer, _from(app, "10.0.0.8") as other:
        with time_machine.travel(start, tick=False):
            for number in range(settings.login_client_max_failures):
                assert (await login(sprayer, f"naam{number}", "fout-wachtwoord-123")).status_code == 400
            refused = await login(sprayer, "nog-een-naam", "fout-wachtwoord-123")
            assert refused.status_code == 429 and TOO_MANY in refused.text
            assert int(refused.headers["retry-after"]) == settings.login_window_seconds
            assert "ongeveer 15 minuten" in refused.text
            # Another client is not affected.
            assert (await login(other, "nog-een-naam", "fout-wachtwoord-123")).status_code == 400


async def test_what_is_stored_of_a_failed_login_is_no_name_and_no_address_and_not_kept(app):
    async with _from(app, "192.0.2.55") as client:
        await login(client, "geheime-naam", "fout-wachtwoord-123")
    async with db.read_session() as session:
        keys = (await session.scalars(select(LoginPoging.sleutel))).all()
    assert len(keys) == 2 and {key.split(":")[0] for key in keys} == {"account", "client"}
    assert not any("geheime-naam" in key or "192.0.2.55" in key for key in keys)
    # Once its window is over, a row is removed with the next failure of anyone.
    later = datetime.now(UTC) + timedelta(seconds=get_settings().login_window_seconds + 61)
    with time_machine.travel(later, tick=False):
        async with _from(app, "192.0.2.56") as client:
            await login(client, "andere-naam", "fout-wachtwoord-123")
    async with db.read_session() as session:
        assert set((await session.scalars(select(LoginPoging.sleutel))).all()).isdisjoint(keys)


async def test_a_success_resets_the_failure_count(client):
    await make_medewerker("piet")
    for _ in range(2):
        await login(client, "piet", "fout-wachtwoord-123")
    assert (await login(client)).status_code == 303
    client.cookies.clear()
    for _ in range(2):
        assert WRONG in (await login(client, "piet", "fout-wachtwoord-123")).text
    assert (await login(client)).status_code == 303


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


async def test_a_failure_long_after_the_last_window_counts_as_the_first_of_a_new_one(app):
    await make_medewerker("piet")
    start = datetime.now(UTC)
    async with _from(app, "10.0.0.9") as client:
        with time_machine.travel(start, tick=False):
            assert [status for status, _, _ in await _answers(client, "piet", 4)] == [400, 400, 400, 429]
        with time_machine.travel(start + timedelta(hours=2), tick=False):
            assert [status for status, _, _ in await _answers(client, "piet", 4)] == [400, 400, 400, 429]
