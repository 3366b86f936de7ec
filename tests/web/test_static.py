"""The vendored front-end files: served by the application, matching scripts/vendor.json, usable in a browser."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.web.accessibility import accessibility_violations, assert_accessible

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "vendor_static.py"
VENDOR = "/static/vendor"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("utrecht-component-library-css/index.css", "text/css"),
        ("voorbeeld-design-tokens/theme.css", "text/css"),
        ("htmx/htmx.min.js", "javascript"),
        ("source-sans-3/source-sans-3-latin-400-normal.woff2", "font/woff2"),
    ],
)
async def test_vendored_files_are_served_with_their_content_type_and_validators(live_server, path, content_type):
    on_disk = (ROOT / "src/zaakgericht/web/layout/static/vendor" / path).read_bytes()
    async with httpx.AsyncClient(base_url=live_server) as client:
        response = await client.get(f"{VENDOR}/{path}")
        assert response.status_code == 200
        assert content_type in response.headers["content-type"]
        assert response.content == on_disk
        assert response.headers["etag"] and response.headers["last-modified"]

        again = await client.get(f"{VENDOR}/{path}", headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304


async def test_a_file_not_vendored_is_not_found(live_server):
    async with httpx.AsyncClient(base_url=live_server) as client:
        assert (await client.get(f"{VENDOR}/htmx/htmx.js")).status_code == 404
        assert (await client.get(f"{VENDOR}/../../templates/base.html")).status_code == 404


async def test_data_created_by_a_fixture_is_served_by_the_live_server(live_server, superuser):
    # superuser is created through the autorisaties service in the test's event loop; the server reads it.
    async with httpx.AsyncClient(base_url=live_server) as client:
        response = await client.get("/autorisaties/api/v1/applicaties", headers=superuser)
    assert response.status_code == 200, response.text
    assert [applicatie["clientIds"] for applicatie in response.json()["results"]] == [["superuser"]]


def test_the_vendored_files_match_vendor_json():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


def test_check_reports_a_changed_missing_or_unlisted_file(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("vendor_static", SCRIPT)
    vendor_static = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor_static)
    manifest = vendor_static.load_manifest()
    for directory in manifest["targets"].values():
        shutil.copytree(ROOT / directory, tmp_path / directory)
    monkeypatch.setattr(vendor_static, "ROOT", tmp_path)
    assert vendor_static.check(manifest, manifest["packages"]) == []

    static = tmp_path / manifest["targets"]["static"]
    (static / "htmx/htmx.min.js").write_text("alert('not htmx')")
    (static / "voorbeeld-design-tokens/theme.css").unlink()
    (static / "htmx/htmx.js").write_text("")

    assert sorted(vendor_static.check(manifest, manifest["packages"])) == [
        f"changed: {manifest['targets']['static']}/htmx/htmx.min.js is not htmx.org@2.0.11",
        f"missing: {manifest['targets']['static']}/voorbeeld-design-tokens/theme.css",
        f"not in vendor.json: {manifest['targets']['static']}/htmx/htmx.js",
    ]


def accessible_page(live_server: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>Zaak aanmaken - Zaakgericht</title>
  <link rel="stylesheet" href="{live_server}{VENDOR}/voorbeeld-design-tokens/theme.css">
  <link rel="stylesheet" href="{live_server}{VENDOR}/utrecht-component-library-css/index.css">
  <script src="{live_server}{VENDOR}/htmx/htmx.min.js"></script>
</head>
<body class="voorbeeld-theme">
  <main>
    <h1 class="utrecht-heading-1">Zaak aanmaken</h1>
    <p class="utrecht-paragraph">Vul de omschrijving van de zaak in.</p>
    <form method="post" action="/zaken">
      <label class="utrecht-form-label" for="omschrijving">Omschrijving</label>
      <input class="utrecht-textbox" id="omschrijving" name="omschrijving" type="text" required>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">Opslaan</button>
    </form>
  </main>
</body>
</html>"""


async def test_a_page_with_the_vendored_assets_is_styled_scripted_and_accessible(page, live_server):
    # The page is given the live server's origin: Chromium blocks an about:blank page (origin null)
    # from loading anything from 127.0.0.1 (Private Network Access).
    html = accessible_page(live_server)
    await page.route(f"{live_server}/proefpagina", lambda route: route.fulfill(body=html, content_type="text/html"))
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    await page.goto(f"{live_server}/proefpagina")
    assert sum(VENDOR in url for url in loaded) == 3

    # The design tokens apply under the theme class, and the components use them.
    assert await page.evaluate("getComputedStyle(document.body).getPropertyValue('--utrecht-body-color')")
    assert "Noto Serif" in await page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert await page.evaluate("typeof htmx") == "object"
    await assert_accessible(page)


async def test_assert_accessible_fails_on_serious_violations(page):
    await page.goto("about:blank")
    await page.set_content(
        """<!DOCTYPE html><html lang="nl"><head><title>Fout</title></head><body><main>
        <h1>Zoeken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <form><input type="text" name="q"><button type="submit">Zoeken</button></form>
        </main></body></html>"""
    )
    assert {violation["id"] for violation in await accessibility_violations(page)} >= {"image-alt", "label"}
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)[\s\S]*label \(critical\)"):
        await assert_accessible(page)
