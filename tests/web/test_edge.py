"""NUL characters in what a browser (or anyone) sends to the web application: a Dutch 400 page, never a 500."""

from tests.web.accounts_fixtures import WACHTWOORD, hidden, logged_in, make_medewerker

INVALID = "Ongeldige invoer"


def _dutch_400(response) -> None:
    assert response.status_code == 400, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl"' in response.text and INVALID in response.text


async def test_a_nul_in_the_login_form_without_any_session(client):
    page = await client.get("/inloggen")
    form = {"csrf_token": hidden(page.text), "gebruikersnaam": "beh\x00", "wachtwoord": WACHTWOORD, "volgende": "/"}
    _dutch_400(await client.post("/inloggen", data=form))
    urlencoded = {"Content-Type": "application/x-www-form-urlencoded"}
    _dutch_400(await client.post("/inloggen", content=b"gebruikersnaam=beh%00&wachtwoord=x", headers=urlencoded))


async def test_a_nul_in_a_multipart_form_field(client):
    page = await client.get("/inloggen")
    form = {"csrf_token": hidden(page.text), "gebruikersnaam": "beh\x00", "wachtwoord": WACHTWOORD}
    _dutch_400(await client.post("/inloggen", data=form, files={"bijlage": ("a.bin", b"\x00\x01", "text/plain")}))


async def test_a_nul_in_the_kcc_search(client):
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "karin")
    for soort in ("zaaknummer", "bsn", "kvk", "postcode"):
        data = {"csrf_token": csrf, "soort": soort, "zoekterm": "ZAAK\x00", "huisnummer": "1"}
        _dutch_400(await client.post("/kcc", data=data))


async def test_a_nul_in_a_submitted_form_of_a_logged_in_medewerker(client):
    await make_medewerker("karin", rollen=("kcc",), heeft_alle_autorisaties=True)
    csrf = await logged_in(client, "karin")
    _dutch_400(await client.post("/uitloggen", data={"csrf_token": csrf, "x": "a\x00"}))


async def test_a_nul_in_a_cookie(client):
    _dutch_400(await client.get("/", headers={"Cookie": 'zaakgericht_sessie="a\\000b"'}))


async def test_a_nul_in_a_path_is_the_page_not_found(client):
    response = await client.get("/kcc/zaken/a%00b")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.text
