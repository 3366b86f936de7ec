"""``zaakgericht serve`` delivers notifications itself, right after the commit that queued them."""

import asyncio
import os
import sys
import time

import httpx

from tests.conftest import make_api_client
from tests.notificaties.conftest import free_port
from tests.notificaties.test_delivery import message


async def test_serve_delivers_the_outbox_in_process(subscriber):
    headers = await make_api_client("bron-en-abonnee", scopes=["notificaties.publiceren", "notificaties.consumeren"])
    port = free_port()
    base = f"http://127.0.0.1:{port}/notificaties/api/v1"
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from zaakgericht.cli import app; app()",
        "serve",
        "--port",
        str(port),
        env={**os.environ, "ZAAKGERICHT_LOG_LEVEL": "warning", "ZAAKGERICHT_OUTBOX_POLL_SECONDS": "30"},
        stdout=asyncio.subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            for _ in range(100):
                try:
                    await client.get(f"{base}/kanaal", headers=headers)
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.1)
            body = {"callbackUrl": subscriber.url, "auth": "Bearer x", "kanalen": [{"naam": "zaken"}]}
            assert (await client.post(f"{base}/abonnement", json=body, headers=headers)).status_code == 201
            await asyncio.sleep(0.5)  # let the dispatcher go back to waiting
            published = time.monotonic()
            assert (await client.post(f"{base}/notificaties", json=message(), headers=headers)).status_code == 200
            while not subscriber.received and time.monotonic() - published < 10:
                await asyncio.sleep(0.02)
        assert [r["body"] for r in subscriber.received] == [message()]
        # Woken by the commit, not by the 30 second poll.
        assert time.monotonic() - published < 5
    finally:
        server.terminate()
        await server.wait()
