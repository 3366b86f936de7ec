"""The security headers of every response, and the pages working under their Content-Security-Policy."""

import httpx
import pytest

from tests.web.accessibility import assert_accessible

COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def _directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def assert_security_headers(response: httpx.Response) -> None:
    for name, value in COMMON.items():
        assert response.headers.get(name) == value, (response.url, name)
        assert len(response.headers.get_list(name)) == 1, (response.url, name)
    assert "camera=()" in response.headers["permissions-policy"]
    assert "geolocation=()" in response.headers["permissions-policy"]
    policy = _directives(response.headers["content-security-policy"])
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert "unsafe-eval" not in response.headers["content-security-policy"]


async def test_a_page_has_a_content_security_policy_without_inline_script(client):
    response = await client.get("/inloggen")
    assert response.status_code == 200
    assert_security_headers(response)
    policy = _directives(response.headers["content-security-policy"])
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["form-action"] == "form-action 'self'"
    assert "<script>" not in response.text and "<style" not in response.text and "style=" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/api",
        "/zaken/api/v1/zaken",
        "/catalogi/api/v1/catalogussen",
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        "/zaken/api/v1/bestaat-niet",
        "/static/zaakgericht.css",
        "/static/vendor/htmx/htmx.min.js",
    ],
)
async def test_the_apis_and_static_files_carry_the_security_headers(client, path):
    response = await client.get(path)
    assert_security_headers(response)
    # Nothing is meant to run or load from a JSON answer or a static file.
    assert _directives(response.headers["content-security-policy"])["default-src"] == "default-src 'none'"


async def test_the_other_pages_and_error_pages_carry_them_too(client):
    for path in ("/", "/bestaat-niet", "/mijn-zaken", "/kcc?soort=bsn&zoekterm=1"):
        response = await client.get(path)
        assert_security_headers(response)
        assert "script-src 'self'" in response.headers["content-security-policy"], path


async def test_hsts_only_behind_https(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://zaken.example.nl") as client:
        assert (await client.get("/inloggen")).headers["strict-transport-security"].startswith("max-age=")
    async with httpx.AsyncClient(transport=transport, base_url="http://zaken.example.nl") as client:
        assert "strict-transport-security" not in (await client.get("/inloggen")).headers


async def test_the_watch_reports_inline_script_and_style_refused_by_the_policy(browser, live_server, csp_violations):
    # Proves every browser test would notice: a page at the live server's origin, under our policy,
    # with an inline script, an inline style and a style attribute.
    context = await browser.new_context(base_url=live_server)
    try:
        page = await context.new_page()
        async with httpx.AsyncClient(base_url=live_server) as http:
            policy = (await http.get("/inloggen")).headers["content-security-policy"]
        html = (
            '<!DOCTYPE html><html lang="nl"><head><title>Proef</title><style>p{color:red}</style></head>'
            '<body><p style="color:blue">Proef</p><script>document.title = "uitgevoerd"</script></body></html>'
        )
        await page.route(
            f"{live_server}/proef-csp",
            lambda route: route.fulfill(
                body=html, content_type="text/html", headers={"content-security-policy": policy}
            ),
        )
        await page.goto("/proef-csp")
        await page.wait_for_function("document.readyState === 'complete'")
        assert await page.title() == "Proef"  # the inline script did not run
        await page.wait_for_timeout(100)  # the events are reported asynchronously
        assert any("script-src" in violation for violation in csp_violations), csp_violations
        assert any("style-src" in violation for violation in csp_violations), csp_violations
        csp_violations.clear()  # provoked on purpose
    finally:
        await context.close()


async def test_the_login_page_works_and_is_accessible_under_its_policy(page):
    # The page fixture fails the test on any violation; axe-core runs under the same policy.
    response = await page.goto("/inloggen")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    await assert_accessible(page)
    await page.goto("/mijn-zaken/inloggen")
    await assert_accessible(page)
