"""Benchmark of notification delivery: throughput to one subscriber and latency from commit to delivery.

Messages are spread over 500 zaken (order is kept per zaak). It starts a subscriber
on 127.0.0.1 inside this process, subscribes it through the
Notificaties API of a running server, and publishes messages with ``POST
/notificaties``. Latency is the time from the moment the publishing request returned
(the message is committed to the outbox) to the moment the subscriber received it.
Throughput is measured separately: a burst of messages is queued as fast as possible
and the time until the last one arrives is taken.

Set up a server as in ``bench/catalogi.py`` (``zaakgericht serve`` delivers the outbox
itself; extra ``zaakgericht worker`` processes may run beside it), then:

    python bench/notificaties.py --url http://127.0.0.1:8000 --client-id bench --secret bench-secret

With ``--workers N`` the server must run without its own dispatcher
(``ZAAKGERICHT_SERVE_DISPATCHER=false``, same database settings in this shell): the burst
is queued first, then N ``zaakgericht worker`` processes are started and the rate at
which they empty the queue is measured. The latency part is skipped then.
"""

import argparse
import asyncio
import json
import os
import socket
import sys
import threading
import time
import uuid

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zaakgericht.api.auth import make_token

received: dict[str, float] = {}


async def callback(request: Request) -> Response:
    body = await request.json()
    received[body["resourceUrl"]] = time.perf_counter()
    return Response(status_code=204)


def start_subscriber() -> tuple[str, uvicorn.Server]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = Starlette(routes=[Route("/callback", callback, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return f"http://127.0.0.1:{port}/callback", server


def message(run: str, number: int) -> dict:
    return {
        "kanaal": "zaken",
        "hoofdObject": f"https://bench.example/zaken/{run}/{number % 500}",
        "resource": "status",
        "resourceUrl": f"https://bench.example/statussen/{run}/{number}",
        "actie": "create",
        "aanmaakdatum": "2026-11-22T10:00:00Z",
        "kenmerken": {"bronorganisatie": "002220647", "zaaktype": f"https://bench.example/zaaktypen/{run}"},
    }


async def wait_for(urls: list[str], timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while any(url not in received for url in urls):
        if time.perf_counter() > deadline:
            missing = sum(url not in received for url in urls)
            raise SystemExit(f"{missing} messages were not delivered within {timeout} s")
        await asyncio.sleep(0.002)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--latency-messages", type=int, default=200)
    parser.add_argument("--burst", type=int, default=2000, help="messages for the throughput measurement")
    parser.add_argument("--workers", type=int, default=0, help="measure N separate workers on a queued burst")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    callback_url, server = start_subscriber()
    run = uuid.uuid4().hex[:8]
    api = f"{args.url.rstrip('/')}/notificaties/api/v1"
    headers = {"Authorization": f"Bearer {make_token(args.client_id, args.secret)}"}
    async with httpx.AsyncClient(timeout=30) as client:
        abonnement = await client.post(
            f"{api}/abonnement",
            json={
                "callbackUrl": callback_url,
                "auth": "Bearer bench",
                "kanalen": [{"naam": "zaken", "filters": {"zaaktype": f"https://bench.example/zaaktypen/{run}"}}],
            },
            headers=headers,
        )
        abonnement.raise_for_status()

        # Latency: one message at a time, from the committed publish to its arrival.
        latencies = []
        for number in range(0 if args.workers else args.latency_messages):
            body = message(run, number)
            (await client.post(f"{api}/notificaties", json=body, headers=headers)).raise_for_status()
            committed = time.perf_counter()
            await wait_for([body["resourceUrl"]], timeout=60)
            latencies.append((received[body["resourceUrl"]] - committed) * 1000)

        # Throughput: a burst published by 8 concurrent clients, then delivered.
        burst = [message(run, args.latency_messages + number) for number in range(args.burst)]
        start = time.perf_counter()

        async def publisher(part: list[dict]) -> None:
            for body in part:
                (await client.post(f"{api}/notificaties", json=body, headers=headers)).raise_for_status()

        await asyncio.gather(*(publisher(burst[index::8]) for index in range(8)))
        published = time.perf_counter()
        workers = []
        publish_seconds = published - start
        if args.workers:
            start = published  # the queue is full; measure how fast the workers empty it
            command = [sys.executable, "-c", "from zaakgericht.cli import app; app()", "worker"]
            workers = [
                await asyncio.create_subprocess_exec(*command, env=os.environ.copy()) for _ in range(args.workers)
            ]
        await wait_for([body["resourceUrl"] for body in burst], timeout=600)
        delivered = max(received[body["resourceUrl"]] for body in burst)
        for worker in workers:
            worker.terminate()
            await worker.wait()
        await client.delete(abonnement.json()["url"], headers=headers)
    server.should_exit = True

    figures = {
        "workers": args.workers or "in serve",
        "latency_ms": {
            "messages": len(latencies),
            "p50": round(percentile(latencies, 0.5), 1) if latencies else None,
            "p95": round(percentile(latencies, 0.95), 1) if latencies else None,
            "max": round(max(latencies), 1) if latencies else None,
        },
        "burst": {
            "messages": args.burst,
            "publish_per_s": round(args.burst / publish_seconds, 1),
            "delivered_per_s": round(args.burst / (delivered - start), 1),
            "drain_after_publish_s": round(delivered - published, 2),
        },
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    latency, burst_figures = figures["latency_ms"], figures["burst"]
    if latencies:
        print(
            f"commit -> delivery latency over {latency['messages']} messages: "
            f"p50 {latency['p50']} ms, p95 {latency['p95']} ms, max {latency['max']} ms"
        )
    if args.workers:
        print(
            f"{args.workers} worker(s) delivered a queued burst of {args.burst} at {burst_figures['delivered_per_s']}/s"
        )
    else:
        print(
            f"burst of {burst_figures['messages']}: published {burst_figures['publish_per_s']}/s, "
            f"delivered {burst_figures['delivered_per_s']}/s end to end, "
            f"queue drained {burst_figures['drain_after_publish_s']} s after the last publish"
        )


if __name__ == "__main__":
    asyncio.run(main())
