"""The login and beheer flows in headless Chromium, as a person does them, checked with axe-core."""

from tests.web.accessibility import assert_accessible
from tests.web.accounts_fixtures import WACHTWOORD, make_medewerker


async def test_a_beheerder_logs_in_creates_a_medewerker_and_logs_out(page):
    await make_medewerker("bea", naam="Bea Beheer", rollen=("beheerder",))
    await page.goto("/beheer/medewerkers")
    assert page.url.endswith("/inloggen?volgende=%2Fbeheer%2Fmedewerkers")
    await assert_accessible(page)

    await page.get_by_label("Gebruikersnaam").fill("bea")
    await page.get_by_label("Wachtwoord").fill("fout-wachtwoord-123")
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_text("De gebruikersnaam of het wachtwoord is onjuist.").wait_for()
    await assert_accessible(page)

    await page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("heading", name="Medewerkers", exact=True).wait_for()
    assert page.url.endswith("/beheer/medewerkers")
    await assert_accessible(page)

    await page.get_by_role("link", name="Nieuwe medewerker").click()
    await page.get_by_label("Gebruikersnaam").fill("klaas")
    await page.get_by_role("button", name="Medewerker aanmaken").click()
    await page.locator("#fout-naam").get_by_text("Vul een naam in.").wait_for()  # beside the field
    await assert_accessible(page)

    await page.get_by_label("Naam", exact=True).fill("Klaas Vaak")
    await page.get_by_label("Wachtwoord (niet verplicht)").fill("een-lang-wachtwoord")
    await page.get_by_label("Wachtwoord nogmaals (niet verplicht)").fill("een-lang-wachtwoord")
    await page.get_by_role("button", name="Medewerker aanmaken").click()
    await page.get_by_text("De medewerker is aangemaakt.").wait_for()
    await assert_accessible(page)

    await page.get_by_role("link", name="Start").click()
    await page.get_by_role("heading", name="Vandaag", level=1).wait_for()
    assert await page.get_by_role("link", name="Medewerkers beheren").is_visible()
    await assert_accessible(page)
    await page.get_by_role("button", name="Uitloggen").click()
    await page.get_by_role("heading", name="Inloggen").wait_for()
