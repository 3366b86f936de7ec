"""Fixtures for browser tests: the real application over HTTP and headless Chromium driven by Playwright.

Everything runs in the suite's one session event loop: the server is a task in it (not a thread),
so the server and the test's own fixtures share the process's database engine, whose pooled
asyncpg connections belong to the loop that opened them. Playwright's async API runs in the same loop.

The browser is Debian's chromium (``/usr/bin/chromium``), never a download by ``playwright install``.
Without it the browser tests are skipped, except in CI (``CI`` set), where they must run.
"""

import asyncio
import contextlib
import os
import socket
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import async_playwright

from tests.web.csp import watch_csp_violations
from zaakgericht.app import create_app

CHROMIUM = Path("/usr/bin/chromium")


class _Server(uvicorn.Server):
    """Leaves the signal handlers to pytest: Ctrl-C stops the test run, not just the server."""

    def capture_signals(self):
        return contextlib.nullcontext()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
async def live_server():
    """The application served by uvicorn on a free 127.0.0.1 port; yields its base URL."""
    port = _free_port()
    server = _Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=5)
    )
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started or task.done():
            break
        await asyncio.sleep(0.025)
    if not server.started:
        server.should_exit = True
        await task
        pytest.fail("the live server did not start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


# The Content-Security-Policy violations in any browser context of the running test.
_CSP_VIOLATIONS: list[str] = []


class _WatchedBrowser:
    """The browser, with every new context watched for Content-Security-Policy violations."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    async def new_context(self, **options):
        context = await self._browser.new_context(**options)
        await watch_csp_violations(context, _CSP_VIOLATIONS)
        return context


@pytest.fixture(autouse=True)
def csp_violations():
    """Fails a test in whose browser pages any Content-Security-Policy violation happened (a "Refused to
    ..." in the console or a ``securitypolicyviolation`` event): the pages must work under the policy they
    are served with. A test that provokes violations on purpose empties the list it is given."""
    _CSP_VIOLATIONS.clear()
    yield _CSP_VIOLATIONS
    found = list(dict.fromkeys(_CSP_VIOLATIONS))
    _CSP_VIOLATIONS.clear()
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


@pytest.fixture(scope="session")
async def browser():
    """Headless Chromium (Debian's), launched once for the session; its contexts are watched for
    Content-Security-Policy violations (``csp_violations``)."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so they may not be skipped)")
        pytest.skip(reason)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield _WatchedBrowser(browser)
        await browser.close()


@pytest.fixture
async def page(browser, live_server):
    """A fresh page in its own browser context (no cookies or storage shared between tests).

    Relative URLs go to the live server (``await page.goto("/inloggen")``); the locale is Dutch, and
    a step that waits longer than 10 seconds fails instead of hanging for Playwright's default 30.
    Like every context of ``browser``, it is watched for Content-Security-Policy violations.
    """
    context = await browser.new_context(base_url=live_server, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = await context.new_page()
    yield page
    await context.close()
