"""Benchmark of the Zaken API: list, BSN filter with expand, detail, POST zaak and POST status over real HTTP.

It seeds everything through the public APIs of a running server (never the database):
one catalogus with 5 published zaaktypen (3 statustypen, an initiator roltype and a
resultaattype each), then N zaken (80% of the main zaaktype, the rest spread over the
other 4), each with a status and a rol for one of 10 BSNs, and a resultaat on every third
zaak; this runs in ``--seed-concurrency`` asyncio tasks and reports zaken per second.
It also creates a restricted applicatie through the Autorisaties API (``zaken.lezen`` on
3 of the 5 zaaktypen) and sets its secret with ``zaakgericht applicatie secret``.

Then, with sequential requests on one keep-alive httpx client and after a warm-up, it
measures ``GET /zaken?page=17``, ``GET /zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=…
&expand=zaaktype,status``, ``GET /zaken/{uuid}`` (as superuser and as the restricted
client), ``POST /zaken`` and ``POST /statussen``, and prints count, p50/p95/p99/mean in ms,
req/s and the budget per endpoint, and the restricted/superuser p50 ratios (``--json``
for JSON).

Set up a server as in ``bench/catalogi.py``, preferably on a fresh database. The secret
of the restricted client is set by running the CLI, which reaches the database through
ZAAKGERICHT_DATABASE_URL: run this benchmark with the same environment as the server.

    python bench/zaken.py --url http://127.0.0.1:8000 --client-id bench --secret bench-secret
"""

import argparse
import asyncio
import json
import random
import secrets
import string
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import count, islice

import httpx

# bench/ is on sys.path when this file runs as a script.
from catalogi import BEGIN, KLASSE, OMSCHRIJVING, PROCESTYPE, SELECTIELIJST, Api, Result

RSIN = "002220647"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ZAAKTYPEN = 5
RESTRICTED_ZAAKTYPEN = 3  # the main one and two others
MAIN_SHARE = 16  # of every 20 zaken, 16 (80%) are of the main zaaktype; the others get one each

# Budgets (p50, ms) and the allowed restricted/superuser p50 ratio.
BUDGETS_MS = {"list": 25.0, "bsn": 40.0, "detail": 5.0, "post_zaak": 10.0, "post_status": 10.0}
RATIO_BUDGET = 1.2


def elfproef(number: str) -> bool:
    """The check a BSN passes: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(weight * int(digit) for weight, digit in zip(weights, number, strict=True)) % 11 == 0


BSNS = list(islice((bsn for bsn in (f"{n:09}" for n in count(111111110)) if elfproef(bsn)), 10))


@dataclass
class Zaaktype:
    url: str
    statustypen: dict[int, str]  # volgnummer -> URL
    roltype: str
    resultaattype: str


@dataclass
class Seeded:
    zaaktypen: list[Zaaktype]
    main_zaken: list[str] = field(default_factory=list)  # URLs of the zaken of the main zaaktype
    requests: int = 0
    post_zaak_ms: list[float] = field(default_factory=list)
    post_status_ms: list[float] = field(default_factory=list)


class Failure(Exception):
    """A response with another status code than expected; ends the benchmark (exit status 1)."""


class CatalogiApi(Api):
    """``catalogi.Api``, failing with ``Failure`` (its ``SystemExit`` inside a task makes asyncio log noise)."""

    async def post(self, resource: str, body: dict | None = None, expected: tuple[int, ...] = (200, 201)) -> dict:
        try:
            return await super().post(resource, body, expected)
        except SystemExit as stop:
            raise Failure(str(stop)) from None


class Zaken:
    """Requests to the Zaken API on the httpx client of an ``Api`` (its token), with the CRS headers."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.base = f"{api.url}/zaken/api/v1"

    def url(self, resource: str) -> str:
        return resource if resource.startswith("http") else f"{self.base}/{resource}"

    def headers(self, url: str) -> dict[str, str]:
        # GET/POST/PUT/PATCH on /zaken and /zaken/{uuid} require the CRS headers; send them always there.
        if url.split("?", 1)[0].startswith(f"{self.base}/zaken"):
            return {**self.api.headers, **CRS}
        return self.api.headers

    async def request(self, method: str, resource: str, body: dict | None = None, expected: int = 200):
        """Returns (milliseconds, response); exits on any other status code than ``expected``."""
        url = self.url(resource)
        headers = self.headers(url)
        start = time.perf_counter()
        response = await self.api.http.request(method, url, json=body, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != expected:
            raise Failure(f"{method} {url} gave {response.status_code} (expected {expected}):\n{response.text[:2000]}")
        return elapsed, response


def now() -> str:
    return datetime.now(UTC).isoformat()


def zaak_body(zaaktype: str, number: int) -> dict:
    return {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": zaaktype,
        "omschrijving": f"Benchmarkzaak {number}",
        "startdatum": date.today().isoformat(),
    }


def status_body(zaak: str, statustype: str) -> dict:
    return {"zaak": zaak, "statustype": statustype, "datumStatusGezet": now()}


async def seed_catalogus(api: Api) -> list[Zaaktype]:
    """One catalogus with 5 published zaaktypen of the same shape; the first is the main one."""
    domein = "".join(random.choices(string.ascii_uppercase, k=5))
    catalogus = (await api.post("catalogussen", {"domein": domein, "rsin": RSIN, "contactpersoonBeheerNaam": "Bench"}))[
        "url"
    ]
    return [await seed_zaaktype(api, catalogus, number) for number in range(ZAAKTYPEN)]


async def seed_zaaktype(api: Api, catalogus: str, number: int) -> Zaaktype:
    selectielijst = f"{api.url}{SELECTIELIJST}"
    zaaktype = (
        await api.post(
            "zaaktypen",
            {
                "identificatie": f"BENCH-ZAAK-{number}",
                "omschrijving": f"Benchmarkzaaktype {number}",
                "vertrouwelijkheidaanduiding": "openbaar",
                "doel": "Meten",
                "aanleiding": "Benchmark",
                "indicatieInternOfExtern": "extern",
                "handelingInitiator": "Aanvragen",
                "onderwerp": "Benchmark",
                "handelingBehandelaar": "Behandelen",
                "doorlooptijd": "P8W",
                "opschortingEnAanhoudingMogelijk": True,
                "verlengingMogelijk": True,
                "verlengingstermijn": "P6W",
                "publicatieIndicatie": False,
                "productenOfDiensten": [],
                "selectielijstProcestype": f"{selectielijst}/{PROCESTYPE}",
                "referentieproces": {"naam": "Benchmark"},
                "verantwoordelijke": "Bench",
                "catalogus": catalogus,
                "besluittypen": [],
                "deelzaaktypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": BEGIN,
                "versiedatum": BEGIN,
            },
        )
    )["url"]
    statustypen = {}
    for volgnummer, omschrijving in enumerate(["Ontvangen", "In behandeling", "Afgehandeld"], 1):
        statustypen[volgnummer] = (
            await api.post(
                "statustypen", {"zaaktype": zaaktype, "omschrijving": omschrijving, "volgnummer": volgnummer}
            )
        )["url"]
    roltype = (
        await api.post(
            "roltypen", {"zaaktype": zaaktype, "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}
        )
    )["url"]
    # The selectielijstklasse belongs to the zaaktype's selectielijstProcestype (procestype 6).
    resultaattype = (
        await api.post(
            "resultaattypen",
            {
                "zaaktype": zaaktype,
                "omschrijving": "Toegekend",
                "resultaattypeomschrijving": f"{selectielijst}/{OMSCHRIJVING}",
                "selectielijstklasse": f"{selectielijst}/{KLASSE}",
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            },
        )
    )["url"]
    await api.post(f"{zaaktype}/publish")
    return Zaaktype(zaaktype, statustypen, roltype, resultaattype)


def zaaktype_of(number: int, zaaktypen: list[Zaaktype]) -> Zaaktype:
    # By number // 10, so that each BSN (number % 10) gets the same mix of zaaktypen.
    slot = (number // 10) % 20
    return zaaktypen[0] if slot < MAIN_SHARE else zaaktypen[1 + (slot - MAIN_SHARE) % (len(zaaktypen) - 1)]


async def seed_zaken(zaken: Zaken, seeded: Seeded, total: int, concurrency: int) -> None:
    numbers = iter(range(total))

    async def worker() -> None:
        for number in numbers:
            zaaktype = zaaktype_of(number, seeded.zaaktypen)
            elapsed, response = await zaken.request("POST", "zaken", zaak_body(zaaktype.url, number), expected=201)
            seeded.post_zaak_ms.append(elapsed)
            zaak = response.json()["url"]
            elapsed, _ = await zaken.request("POST", "statussen", status_body(zaak, zaaktype.statustypen[1]), 201)
            seeded.post_status_ms.append(elapsed)
            rol = {
                "zaak": zaak,
                "betrokkeneType": "natuurlijk_persoon",
                "roltype": zaaktype.roltype,
                "roltoelichting": "Aanvrager",
                "betrokkeneIdentificatie": {"inpBsn": BSNS[number % len(BSNS)]},
            }
            await zaken.request("POST", "rollen", rol, expected=201)
            seeded.requests += 3
            if number % 3 == 2:
                resultaat = {"zaak": zaak, "resultaattype": zaaktype.resultaattype, "toelichting": "Benchmark"}
                await zaken.request("POST", "resultaten", resultaat, expected=201)
                seeded.requests += 1
            if zaaktype is seeded.zaaktypen[0]:
                seeded.main_zaken.append(zaak)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def restricted_client(api: Api, zaaktypen: list[Zaaktype]) -> tuple[str, str]:
    """An applicatie with zaken.lezen on 3 of the zaaktypen; its secret is set with the CLI."""
    client_id = f"bench-beperkt-{secrets.token_hex(4)}"
    secret = secrets.token_urlsafe(24)
    await api.post(
        f"{api.url}/autorisaties/api/v1/applicaties",
        {
            "clientIds": [client_id],
            "label": f"Benchmark, beperkt ({client_id})",
            "heeftAlleAutorisaties": False,
            "autorisaties": [
                {
                    "component": "zrc",
                    "scopes": ["zaken.lezen"],
                    "zaaktype": zaaktype.url,
                    "maxVertrouwelijkheidaanduiding": "zeer_geheim",
                }
                for zaaktype in zaaktypen[:RESTRICTED_ZAAKTYPEN]
            ],
        },
        expected=(201,),
    )
    command = [sys.executable, "-c", "from zaakgericht.cli import app; app()", "applicatie", "secret"]
    done = subprocess.run([*command, "--client-id", client_id, "--secret", secret], capture_output=True, text=True)
    if done.returncode != 0:
        raise Failure(
            f"`zaakgericht applicatie secret --client-id {client_id} ...` failed ({done.returncode}); run the "
            f"benchmark with the server's ZAAKGERICHT_DATABASE_URL.\n{done.stdout}{done.stderr}"
        )
    return client_id, secret


def analyze() -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum would (it may be off)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from zaakgericht.settings import get_settings

    url = get_settings().sqlalchemy_url
    if not url.startswith("postgresql"):
        return

    async def run() -> None:
        engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE"))
        await engine.dispose()

    asyncio.run(run())


async def measure(
    zaken: Zaken,
    name: str,
    requests: int,
    make: Callable[[int], tuple[str, str, dict | None, int]],
    keep: bool = False,
) -> tuple[Result, list[httpx.Response]]:
    """``requests`` sequential requests; ``make(index)`` gives (method, url, body, expected status).

    The responses are returned only with ``keep`` (a thousand pages of 100 zaken take a lot of memory).
    """
    durations, responses = [], []
    start = time.perf_counter()
    for index in range(requests):
        method, url, body, expected = make(index)
        elapsed, response = await zaken.request(method, url, body, expected)
        durations.append(elapsed)
        if keep:
            responses.append(response)
    return Result(name, durations, time.perf_counter() - start), responses


def check_list(body: dict, what: str, results: int | None = None, expand: bool = False) -> None:
    if results is not None and len(body.get("results", [])) != results:
        raise Failure(f"{what} gave {len(body.get('results', []))} results, not {results}: {str(body)[:500]}")
    if not body.get("results"):
        raise Failure(f"{what} gave no results: {str(body)[:500]}")
    if expand and any({"zaaktype", "status"} - set(zaak.get("_expand", {})) for zaak in body["results"]):
        raise Failure(f"{what} did not expand zaaktype and status: {str(body['results'][0])[:500]}")


def percentiles(durations: list[float]) -> dict:
    summary = Result("", durations, 1.0).summary()
    return {"p50_ms": summary["p50_ms"], "p95_ms": summary["p95_ms"]}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--zaken", type=int, default=3500, help="zaken to seed")
    parser.add_argument("--seed-concurrency", type=int, default=8, help="concurrent seeding tasks (asyncio)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per measured endpoint")
    parser.add_argument("--warmup", type=int, default=50, help="warm-up requests per endpoint")
    parser.add_argument("--page", type=int, default=17, help="the page of GET /zaken?page= (100 per page)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if min(args.zaken, args.seed_concurrency, args.requests, args.page) < 1 or args.warmup < 0:
        parser.error("--zaken, --seed-concurrency, --requests and --page must be at least 1, --warmup at least 0")

    api = CatalogiApi(args.url, args.client_id, args.secret, connections=args.seed_concurrency)
    zaken = Zaken(api)

    start = time.perf_counter()
    zaaktypen = await seed_catalogus(api)
    seeded = Seeded(zaaktypen)
    catalogus_seconds = time.perf_counter() - start
    start = time.perf_counter()
    await seed_zaken(zaken, seeded, args.zaken, args.seed_concurrency)
    seeding = time.perf_counter() - start
    restricted_id, restricted_secret = await restricted_client(api, zaaktypen)
    await asyncio.to_thread(analyze)

    restricted_api = Api(args.url, restricted_id, restricted_secret)
    restricted = Zaken(restricted_api)
    page_url = f"zaken?page={args.page}"
    bsn_urls = [
        f"zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={bsn}&expand=zaaktype,status" for bsn in BSNS
    ]
    details = seeded.main_zaken

    # One look at the responses before timing them.
    _, response = await zaken.request("GET", "zaken")
    if response.json()["count"] != args.zaken:
        print(f"warning: the server holds {response.json()['count']} zaken, not {args.zaken}", file=sys.stderr)
    for client, who in ((zaken, "superuser"), (restricted, "restricted client")):
        check_list((await client.request("GET", page_url))[1].json(), f"GET /{page_url} ({who})", results=100)
        bsn_body = (await client.request("GET", bsn_urls[0]))[1].json()
        check_list(bsn_body, f"GET /zaken?…inpBsn=&expand= ({who})", expand=client is zaken)
        if client is restricted and any(
            set(zaak.get("_expand", {})) != {"zaaktype", "status"} for zaak in bsn_body["results"]
        ):
            print("warning: the restricted client gets other expansions than zaaktype and status", file=sys.stderr)

    def get(urls: list[str]) -> Callable[[int], tuple[str, str, dict | None, int]]:
        return lambda index: ("GET", urls[index % len(urls)], None, 200)

    reads = (
        ("list", f"GET /zaken?page={args.page} (100 per page)", [page_url]),
        ("bsn", "GET /zaken?…inpBsn=&expand=zaaktype,status", bsn_urls),
        ("detail", "GET /zaken/{uuid}", details),
    )
    results: dict[str, Result] = {}
    restricted_results: dict[str, Result] = {}
    for client, into in ((zaken, results), (restricted, restricted_results)):
        for key, name, urls in reads:
            await measure(client, name, args.warmup, get(urls))
            into[key] = (await measure(client, name, args.requests, get(urls)))[0]

    # The writes come last, so that the reads above see the same set of zaken for both clients.
    main = zaaktypen[0]

    def post_zaak(index: int) -> tuple[str, str, dict | None, int]:
        return "POST", "zaken", zaak_body(main.url, args.zaken + index), 201

    _, warm = await measure(zaken, "POST /zaken", args.warmup, post_zaak, keep=True)
    results["post_zaak"], fresh = await measure(zaken, "POST /zaken", args.requests, post_zaak, keep=True)
    fresh_zaken = [response.json()["url"] for response in warm + fresh]

    def post_status(offset: int) -> Callable[[int], tuple[str, str, dict | None, int]]:
        return lambda index: ("POST", "statussen", status_body(fresh_zaken[offset + index], main.statustypen[2]), 201)

    await measure(zaken, "POST /statussen", args.warmup, post_status(0))
    results["post_status"] = (await measure(zaken, "POST /statussen", args.requests, post_status(args.warmup)))[0]
    await api.http.aclose()
    await restricted_api.http.aclose()

    rows = []
    for key, result in results.items():
        row = result.summary()
        row["budget_p50_ms"] = BUDGETS_MS[key]
        row["within_budget"] = row["p50_ms"] < BUDGETS_MS[key]
        rows.append(row)
    ratios = []
    for key, result in restricted_results.items():
        superuser, limited = results[key].percentile(0.5), result.percentile(0.5)
        ratio = limited / superuser
        ratios.append(
            {
                "name": result.name,
                "restricted": result.summary(),
                "superuser_p50_ms": round(superuser, 2),
                "restricted_p50_ms": round(limited, 2),
                "ratio": round(ratio, 2),
                "budget_ratio": RATIO_BUDGET,
                "within_budget": ratio <= RATIO_BUDGET,
            }
        )
    figures = {
        "seeding": {
            "zaaktypen": len(zaaktypen),
            "catalogus_seconds": round(catalogus_seconds, 1),
            "zaken": args.zaken,
            "requests": seeded.requests,
            "seconds": round(seeding, 1),
            "zaken_per_s": round(args.zaken / seeding, 1),
            "requests_per_s": round(seeded.requests / seeding, 1),
            "concurrency": args.seed_concurrency,
            # Under concurrent load; not the measured figures below.
            "post_zaak": percentiles(seeded.post_zaak_ms),
            "post_status": percentiles(seeded.post_status_ms),
        },
        "restricted_client_id": restricted_id,
        "results": rows,
        "restricted": ratios,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    seed = figures["seeding"]
    print(
        f"seeded {len(zaaktypen)} zaaktypen in {catalogus_seconds:.1f} s, then {args.zaken} zaken (with status and "
        f"rol, a resultaat on every third) with {seeded.requests} POSTs in {seeding:.1f} s: "
        f"{seed['zaken_per_s']} zaken/s, {seed['requests_per_s']} POST/s; concurrency {args.seed_concurrency}"
    )
    print(
        f"  (during seeding, not measured: POST /zaken p50 {seed['post_zaak']['p50_ms']} ms p95 "
        f"{seed['post_zaak']['p95_ms']} ms, POST /statussen p50 {seed['post_status']['p50_ms']} ms p95 "
        f"{seed['post_status']['p95_ms']} ms)"
    )
    print(f"superuser {args.client_id}, sequential, after {args.warmup} warm-up requests per endpoint:")
    header = f"{'endpoint':48} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8}"
    print(f"{header} {'budget p50':>12}")
    for row in rows:
        verdict = "ok" if row["within_budget"] else "OVER"
        print(
            f"{row['name']:48} {row['requests']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} "
            f"{row['mean_ms']:>8} {row['req_per_s']:>8} {'< ' + str(row['budget_p50_ms']):>8} {verdict}"
        )
    print(f"restricted client {restricted_id} (zaken.lezen on {RESTRICTED_ZAAKTYPEN} of {len(zaaktypen)} zaaktypen):")
    print(f"{header} {'ratio p50':>10} {'budget':>8}")
    for ratio in ratios:
        row = ratio["restricted"]
        verdict = "ok" if ratio["within_budget"] else "OVER"
        print(
            f"{row['name']:48} {row['requests']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8} "
            f"{row['mean_ms']:>8} {row['req_per_s']:>8} {ratio['ratio']:>10} {'<= ' + str(RATIO_BUDGET):>8} {verdict}"
        )


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except Failure as failure:
        sys.exit(str(failure))
