"""Helpers for the tests of accounts, login and beheer: medewerkers, logging in, CSRF tokens from pages."""

import re

import httpx

from zaakgericht import db
from zaakgericht.accounts import service

WACHTWOORD = "correct-paard-batterij"
RSIN = "002220647"


async def make_medewerker(
    gebruikersnaam: str = "piet",
    *,
    wachtwoord: str | None = WACHTWOORD,
    rollen: tuple[str, ...] = ("behandelaar",),
    naam: str = "",
    **fields,
):
    gegevens = service.MedewerkerGegevens(
        gebruikersnaam=gebruikersnaam,
        naam=naam or gebruikersnaam.capitalize(),
        organisatie=fields.pop("organisatie", RSIN),
        rollen=list(rollen),
        **fields,
    )
    async with db.write_session() as session:
        return await service.create_medewerker(session, gegevens, wachtwoord)


def hidden(html: str, name: str = "csrf_token") -> str:
    """The value of the first hidden input named ``name`` in a page."""
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', html)
    assert match, f"no hidden {name} in the page"
    return match[1]


async def login(
    client: httpx.AsyncClient, gebruikersnaam: str = "piet", wachtwoord: str = WACHTWOORD, volgende: str = "/"
) -> httpx.Response:
    page = await client.get("/inloggen")
    assert page.status_code == 200
    return await client.post(
        "/inloggen",
        data={
            "csrf_token": hidden(page.text),
            "gebruikersnaam": gebruikersnaam,
            "wachtwoord": wachtwoord,
            "volgende": volgende,
        },
    )


async def logged_in(client: httpx.AsyncClient, gebruikersnaam: str = "piet", wachtwoord: str = WACHTWOORD) -> str:
    """Logs in and returns the session's CSRF token (from the start page)."""
    response = await login(client, gebruikersnaam, wachtwoord)
    assert response.status_code == 303, response.text
    start = await client.get("/")
    assert start.status_code == 200
    return hidden(start.text)


async def after_refusal(client: httpx.AsyncClient, response: httpx.Response) -> httpx.Response:
    """The dossier page a refused form redirects to (Post/Redirect/Get), with the objections in it (once)."""
    assert response.status_code == 303, response.text[:500]
    location = response.headers["location"]
    assert location.startswith("/zaakdossier/") and "melding=" not in location, location
    page = await client.get(location)
    assert page.status_code == 200
    assert 'role="alert"' in page.text
    return page
