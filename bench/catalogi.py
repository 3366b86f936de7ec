"""Benchmark of the Catalogi API: GET zaaktypen (list of 100 and detail) over real HTTP.

It seeds a catalogue through the public API of a running server (never the database):
one catalogus (random domein), a published informatieobjecttype and besluittype, and
N zaaktypen with 4 statustypen, 2 roltypen, a resultaattype, an eigenschap and a
zaaktype-informatieobjecttype each, all published, and reports how long that took.
Then, after a warm-up, it measures ``GET /zaaktypen?catalogus=<url>`` (100 per page)
and ``GET /zaaktypen/{uuid}`` (rotating over the seeded ones) with one keep-alive
httpx client and prints count, p50/p95/p99/mean in ms and req/s per endpoint
(``--json`` for JSON). ``--concurrency N`` runs N asyncio workers at once.

Set up a server (leave out ZAAKGERICHT_DATABASE_URL for the embedded SQLite):

    export ZAAKGERICHT_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/bench
    zaakgericht migrate
    zaakgericht applicatie create --client-id bench --secret bench-secret --alle-autorisaties
    ZAAKGERICHT_LOG_LEVEL=warning zaakgericht serve --port 8000

and run:

    python bench/catalogi.py --url http://127.0.0.1:8000 --client-id bench --secret bench-secret

Every run adds a new catalogus; use a fresh database to start from nothing.
"""

import argparse
import asyncio
import json
import random
import string
import time
from dataclasses import dataclass

import httpx

from zaakgericht.api.auth import make_token

SELECTIELIJST = "/referentielijsten/api/v1"
PROCESTYPE = "procestypen/6d85b4dc-381c-413e-af3c-1e9668f4ea97"
KLASSE = "resultaten/968dee12-73d3-4b38-933f-5b25005d4ded"
OMSCHRIJVING = "resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1"
BEGIN = "2026-01-01"


class Api:
    """An httpx client that signs a fresh JWT-ZGW token every few minutes."""

    def __init__(self, url: str, client_id: str, secret: str, connections: int = 1) -> None:
        self.url = url.rstrip("/")
        self.catalogi = f"{self.url}/catalogi/api/v1"
        self.client_id, self.secret = client_id, secret
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self.http = httpx.AsyncClient(timeout=30, limits=limits)
        self.posts = 0
        self._token_made = 0.0
        self._headers: dict[str, str] = {}

    @property
    def headers(self) -> dict[str, str]:
        # Tokens live an hour (iat + ZAAKGERICHT_JWT_EXPIRY); a new one every 5 minutes is safe.
        if time.monotonic() - self._token_made > 300:
            self._headers = {"Authorization": f"Bearer {make_token(self.client_id, self.secret)}"}
            self._token_made = time.monotonic()
        return self._headers

    async def post(self, resource: str, body: dict | None = None, expected: tuple[int, ...] = (200, 201)) -> dict:
        url = resource if resource.startswith("http") else f"{self.catalogi}/{resource}"
        response = await self.http.post(url, json=body, headers=self.headers)
        self.posts += 1
        if response.status_code not in expected:
            raise SystemExit(f"POST {url} gave {response.status_code}: {response.text[:500]}")
        return response.json()


async def seed(api: Api, zaaktypen: int) -> tuple[str, list[str]]:
    """Builds the catalogue; returns the catalogus URL and the zaaktype URLs."""
    domein = "".join(random.choices(string.ascii_uppercase, k=5))
    catalogus = (
        await api.post("catalogussen", {"domein": domein, "rsin": "002220647", "contactpersoonBeheerNaam": "Bench"})
    )["url"]
    iot = await api.post(
        "informatieobjecttypen",
        {
            "catalogus": catalogus,
            "omschrijving": "Aanvraag",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Aanvraag",
            "beginGeldigheid": BEGIN,
        },
    )
    await api.post(f"{iot['url']}/publish")
    besluittype = await api.post(
        "besluittypen",
        {
            "catalogus": catalogus,
            "omschrijving": "Besluit",
            "publicatieIndicatie": False,
            "informatieobjecttypen": ["Aanvraag"],
            "beginGeldigheid": BEGIN,
        },
    )
    await api.post(f"{besluittype['url']}/publish")
    urls = []
    for number in range(zaaktypen):
        urls.append(await seed_zaaktype(api, catalogus, number))
    return catalogus, urls


async def seed_zaaktype(api: Api, catalogus: str, number: int) -> str:
    selectielijst = f"{api.url}{SELECTIELIJST}"
    zaaktype = (
        await api.post(
            "zaaktypen",
            {
                "identificatie": f"BENCH-{number:04}",
                "omschrijving": f"Zaaktype {number}",
                "vertrouwelijkheidaanduiding": "openbaar",
                "doel": "Meten",
                "aanleiding": "Benchmark",
                "indicatieInternOfExtern": "extern",
                "handelingInitiator": "Aanvragen",
                "onderwerp": "Benchmark",
                "handelingBehandelaar": "Behandelen",
                "doorlooptijd": "P8W",
                "opschortingEnAanhoudingMogelijk": False,
                "verlengingMogelijk": False,
                "publicatieIndicatie": False,
                "productenOfDiensten": [],
                "selectielijstProcestype": f"{selectielijst}/{PROCESTYPE}",
                "referentieproces": {"naam": "Benchmark"},
                "verantwoordelijke": "Bench",
                "catalogus": catalogus,
                "besluittypen": ["Besluit"],
                "deelzaaktypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": BEGIN,
                "versiedatum": BEGIN,
            },
        )
    )["url"]
    for volgnummer, omschrijving in enumerate(["Ontvangen", "In behandeling", "Besluit genomen", "Afgehandeld"], 1):
        await api.post("statustypen", {"zaaktype": zaaktype, "omschrijving": omschrijving, "volgnummer": volgnummer})
    for omschrijving, generiek in (("Aanvrager", "initiator"), ("Behandelaar", "behandelaar")):
        await api.post(
            "roltypen", {"zaaktype": zaaktype, "omschrijving": omschrijving, "omschrijvingGeneriek": generiek}
        )
    await api.post(
        "resultaattypen",
        {
            "zaaktype": zaaktype,
            "omschrijving": "Toegekend",
            "resultaattypeomschrijving": f"{selectielijst}/{OMSCHRIJVING}",
            "selectielijstklasse": f"{selectielijst}/{KLASSE}",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            "besluittypen": ["Besluit"],
        },
    )
    await api.post(
        "eigenschappen",
        {
            "zaaktype": zaaktype,
            "naam": "bedrag",
            "definitie": "Bedrag",
            "specificatie": {"formaat": "getal", "lengte": "9", "kardinaliteit": "1"},
        },
    )
    await api.post(
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype, "informatieobjecttype": "Aanvraag", "volgnummer": 1, "richting": "inkomend"},
    )
    await api.post(f"{zaaktype}/publish")
    return zaaktype


@dataclass
class Result:
    name: str
    durations_ms: list[float]
    wall_seconds: float

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.durations_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def summary(self) -> dict:
        return {
            "name": self.name,
            "requests": len(self.durations_ms),
            "p50_ms": round(self.percentile(0.50), 2),
            "p95_ms": round(self.percentile(0.95), 2),
            "p99_ms": round(self.percentile(0.99), 2),
            "mean_ms": round(sum(self.durations_ms) / len(self.durations_ms), 2),
            "req_per_s": round(len(self.durations_ms) / self.wall_seconds, 1),
        }


async def measure(api: Api, name: str, urls: list[str], requests: int, concurrency: int) -> Result:
    durations: list[float] = []
    counter = iter(range(requests))

    async def worker() -> None:
        for index in counter:
            url = urls[index % len(urls)]
            start = time.perf_counter()
            response = await api.http.get(url, headers=api.headers)
            durations.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} gave {response.status_code}: {response.text[:300]}")

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Result(name, durations, time.perf_counter() - start)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--zaaktypen", type=int, default=100)
    parser.add_argument("--requests", type=int, default=2000, help="requests per measured endpoint")
    parser.add_argument("--concurrency", type=int, default=1, help="concurrent workers (asyncio)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if min(args.zaaktypen, args.requests, args.concurrency) < 1:
        parser.error("--zaaktypen, --requests and --concurrency must be at least 1")

    api = Api(args.url, args.client_id, args.secret, connections=args.concurrency)
    start = time.perf_counter()
    catalogus, zaaktypen = await seed(api, args.zaaktypen)
    seeding = time.perf_counter() - start

    list_url = f"{api.catalogi}/zaaktypen?catalogus={catalogus}"
    check = (await api.http.get(list_url, headers=api.headers)).json()
    if check.get("count") != args.zaaktypen or any(zaaktype["concept"] for zaaktype in check["results"]):
        raise SystemExit(f"The list does not show {args.zaaktypen} published zaaktypen: {str(check)[:300]}")
    per_page = len(check["results"])

    results = []
    for name, urls in (
        (f"GET /zaaktypen?catalogus= ({per_page} per page)", [list_url]),
        ("GET /zaaktypen/{uuid}", zaaktypen),
    ):
        await measure(api, name, urls, max(20, args.requests // 10), args.concurrency)  # warm-up
        results.append(await measure(api, name, urls, args.requests, args.concurrency))
    await api.http.aclose()

    figures = {
        "seeding": {
            "zaaktypen": args.zaaktypen,
            "posts": api.posts,
            "seconds": round(seeding, 1),
            "zaaktypen_per_s": round(args.zaaktypen / seeding, 1),
            "posts_per_s": round(api.posts / seeding, 1),
        },
        "concurrency": args.concurrency,
        "results": [result.summary() for result in results],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    seeded = figures["seeding"]
    print(
        f"seeded {args.zaaktypen} zaaktypen (with sub-types, published) with {api.posts} POSTs in {seeding:.1f} s: "
        f"{seeded['zaaktypen_per_s']} zaaktypen/s, {seeded['posts_per_s']} POST/s; concurrency {args.concurrency}"
    )
    print(f"{'endpoint':48} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8}")
    for row in figures["results"]:
        print(
            f"{row['name']:48} {row['requests']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} "
            f"{row['p99_ms']:>8} {row['mean_ms']:>8} {row['req_per_s']:>8}"
        )


if __name__ == "__main__":
    asyncio.run(main())
