"""Screenshots of every page of Zaakgericht with the demo data, at desktop width, into docs/screenshots/.

Loads the demo (``zaakgericht demo``) into a new database in a temporary data directory, starts
``zaakgericht serve`` on a free port, and visits each page in headless Chromium (Debian's
``/usr/bin/chromium``) as the demo medewerkers and a citizen with the test login would:

    python scripts/screenshots.py                 # every page, 1280 px wide, into docs/screenshots/
    python scripts/screenshots.py --breedte 360   # the same at phone width (into --map, default the same)

The names are Dutch and say what the page is (``werkvoorraad.png``, ``zaakdossier.png``, ...).
"""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.async_api import Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WACHTWOORD = "voorbeeldstad-demo"
BSN = "999990019"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _zaakgericht(*args: str) -> list[str]:
    """The CLI of this checkout (not another installed copy)."""
    return [sys.executable, "-c", "from zaakgericht.cli import app; app()", *args]


def _start_server(data_dir: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "ZAAKGERICHT_DATA_DIR": str(data_dir),
        "ZAAKGERICHT_DATABASE_URL": "",
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run(_zaakgericht("demo", "--port", str(port)), env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(_zaakgericht("serve", "--port", str(port)), env=env, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("zaakgericht serve did not start")


class Fotograaf:
    def __init__(self, page: Page, map_: Path) -> None:
        self.page = page
        self.map = map_
        self.gemaakt: list[str] = []

    async def foto(self, naam: str) -> None:
        await self.page.wait_for_load_state("networkidle")
        await self.page.screenshot(path=str(self.map / f"{naam}.png"), full_page=True)
        self.gemaakt.append(naam)

    async def bezoek(self, naam: str, adres: str) -> None:
        await self.page.goto(adres)
        await self.foto(naam)

    async def medewerker(self, gebruikersnaam: str) -> None:
        await self.page.context.clear_cookies()
        await self.page.goto("/inloggen")
        await self.page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
        await self.page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        await self.page.get_by_role("button", name="Inloggen").click()
        await self.page.wait_for_url("**/")

    async def eerste_link(self, selector: str) -> str:
        return await self.page.locator(selector).first.get_attribute("href")


async def _vul_stap_in(page: Page) -> None:
    """Fills the empty fields of an e-formulier step with example answers (the demo's zaaktypen ask text,
    dates and numbers)."""
    for veld in await page.locator("main input:visible, main textarea:visible").all():
        soort = await veld.get_attribute("type") or "text"
        if soort in ("hidden", "submit", "checkbox", "radio", "file") or await veld.input_value():
            continue
        voorbeeld = {"date": "2026-07-28", "number": "12", "email": "a.jansen@example.nl", "tel": "0612345678"}
        await veld.fill(voorbeeld.get(soort, "Lantaarnpaal bij Dorpsstraat 1 brandt niet"))
    for keuze in await page.locator("main select:visible").all():
        if not await keuze.input_value():
            await keuze.select_option(index=1)


async def _e_formulier(fotograaf: Fotograaf) -> None:
    page = fotograaf.page
    await page.get_by_role("link", name="Iets aanvragen of melden").click()
    await fotograaf.foto("formulieren")
    await page.locator("main a[href*='/formulieren/']").first.click()
    await fotograaf.foto("formulier-start")
    await page.get_by_role("button", name="Formulier starten").click()
    await fotograaf.foto("formulier-stap")
    await page.get_by_role("button", name="Volgende").click()
    if await page.locator(".zg-foutsamenvatting").count():
        await fotograaf.foto("formulier-fout")
    for _ in range(8):
        if await page.get_by_role("button", name="Versturen").count():
            await fotograaf.foto("formulier-samenvatting")
            await page.get_by_role("button", name="Versturen").click()
            await fotograaf.foto("formulier-bevestiging")
            return
        if await page.locator("h1").filter(has_text="Gegevens").count():
            await _vul_stap_in(page)
            await fotograaf.foto("formulier-gegevens")
        else:
            await _vul_stap_in(page)
        await page.get_by_role("button", name="Volgende").click()
    raise SystemExit(f"the e-formulier did not reach Versturen; it stopped at {page.url}")


async def fotografeer(basis: str, map_: Path, breedte: int) -> list[str]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = await browser.new_context(base_url=basis, locale="nl-NL", viewport={"width": breedte, "height": 900})
        context.set_default_timeout(20_000)
        fotograaf = Fotograaf(await context.new_page(), map_)
        page = fotograaf.page

        await fotograaf.bezoek("inloggen", "/inloggen")
        await fotograaf.bezoek("pagina-niet-gevonden", "/bestaat-niet")

        await fotograaf.medewerker("behandelaar")
        await fotograaf.bezoek("start-behandelaar", "/")
        await fotograaf.bezoek("werkvoorraad", "/werkvoorraad?lijst=team")
        await fotograaf.bezoek("werkvoorraad-mijn-zaken", "/werkvoorraad")
        dossier = await fotograaf.eerste_link("main a[href^='/zaakdossier/']")
        await fotograaf.bezoek("zaakdossier", dossier)
        for tab in ("documenten", "betrokkenen", "besluiten", "relaties", "taken", "geschiedenis"):
            await fotograaf.bezoek(f"zaakdossier-{tab}", f"{dossier}/{tab}")
        await page.goto(dossier)
        await page.get_by_label("Resultaat", exact=True).select_option(index=1)
        await page.get_by_role("button", name="Zaak afsluiten").click()
        bevestigen = await page.get_by_role("heading", name="Weet u zeker").count()
        await fotograaf.foto("zaak-afsluiten-bevestigen" if bevestigen else "zaakdossier-fout")
        await fotograaf.bezoek("signaleringen", "/signalen")
        await page.get_by_role("searchbox", name="Zoek zaken").fill("boom")
        await page.get_by_role("search").get_by_role("button").click()
        await fotograaf.foto("zoeken")
        await fotograaf.bezoek("nieuwe-zaak", "/nieuwe-zaak")
        await fotograaf.bezoek("help", "/help")
        for rol in ("behandelaar", "kcc", "manager", "beheerder", "archivaris"):
            await fotograaf.bezoek(f"help-{rol}", f"/help/{rol}")

        await fotograaf.medewerker("manager")
        await fotograaf.bezoek("start-manager", "/")
        await fotograaf.bezoek("overdragen", "/werkvoorraad/overdragen")

        await fotograaf.medewerker("kcc")
        await fotograaf.bezoek("start-kcc", "/")
        await fotograaf.bezoek("kcc-zoeken", "/kcc")
        await page.get_by_label("Zoeken op").select_option("bsn")
        await page.get_by_label("Zoekterm").fill(BSN)
        await page.get_by_role("button", name="Zoeken", exact=True).click()
        await fotograaf.foto("kcc-zoekresultaat")
        await page.locator("main a[href^='/kcc/zaken/']").first.click()
        await fotograaf.foto("kcc-zaak")

        await fotograaf.medewerker("beheerder")
        await fotograaf.bezoek("beheer-medewerkers", "/beheer/medewerkers")
        await fotograaf.bezoek("beheer-nieuwe-medewerker", "/beheer/medewerkers/nieuw")
        await page.get_by_role("button", name="Medewerker aanmaken").click()
        await fotograaf.foto("beheer-nieuwe-medewerker-fout")
        await page.goto("/beheer/medewerkers")
        medewerker = await fotograaf.eerste_link("main a[href^='/beheer/medewerkers/']:not([href$='nieuw'])")
        await fotograaf.bezoek("beheer-medewerker", medewerker)
        await fotograaf.bezoek("beheer-wachtwoord", f"{medewerker}/wachtwoord")
        await fotograaf.bezoek("beheer-catalogus", "/beheer/catalogus")
        zaaktype = await fotograaf.eerste_link("main a[href^='/beheer/catalogus/zaaktypen/']")
        await fotograaf.bezoek("beheer-zaaktype", zaaktype)
        await fotograaf.bezoek("beheer-e-mail", "/beheer/e-mail")
        await fotograaf.bezoek("beheer-formulieren", "/beheer/formulieren")
        await fotograaf.bezoek("beheer-huisstijl", "/beheer/huisstijl")

        await context.clear_cookies()
        await page.goto("/mijn-zaken")
        await fotograaf.foto("mijn-zaken-inloggen")
        await page.get_by_role("link", name="Inloggen met de testlogin").click()
        await fotograaf.foto("mijn-zaken-testlogin")
        await page.get_by_label("Inwoner, met BSN").check()
        await page.get_by_label("BSN of KvK-nummer").fill(BSN)
        await page.get_by_role("button", name="Inloggen").click()
        await fotograaf.foto("mijn-zaken")
        zaak = await fotograaf.eerste_link("main a[href^='/mijn-zaken/']:not([href*='formulieren'])")
        await fotograaf.bezoek("mijn-zaak", zaak)
        await page.goto("/mijn-zaken")
        await _e_formulier(fotograaf)

        await browser.close()
        return fotograaf.gemaakt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--breedte", type=int, default=1280, help="viewport width in CSS pixels")
    parser.add_argument("--map", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    arguments = parser.parse_args(argv)
    arguments.map.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="zaakgericht-screenshots-") as data_dir:
        server = _start_server(Path(data_dir), port)
        try:
            gemaakt = asyncio.run(fotografeer(f"http://127.0.0.1:{port}", arguments.map, arguments.breedte))
        finally:
            server.terminate()
            server.wait(timeout=30)
    gemaakt = list(dict.fromkeys(gemaakt))  # a step shown again after a refusal is one screenshot
    print(f"{len(gemaakt)} screenshots in {arguments.map}: {', '.join(gemaakt)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
