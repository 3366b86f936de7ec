"""Benchmark of the werkvoorraad page with 100,000 zaken: the page as a behandelaar's browser asks for it.

It loads the demo (catalogue, 200 zaken, accounts) through the domain services, then multiplies
the demo zaken in SQL to ``--zaken`` (default 100,000): every copy gets a new uuid, identificatie
and startdatum within the last year, its status and, for six in seven, a behandelaar rol of one of
51 medewerkers (the demo account ``behandelaar`` among them) and closes six in ten. Seeding 100,000
zaken through the API would take half an hour; the werkvoorraad only reads them. Then it runs
ANALYZE, logs in as ``behandelaar`` over HTTP and measures, one request at a time, the three lists,
a filtered list and a far page, and prints p50/p95 and requests per second per page.

Run it against a server on an empty PostgreSQL database, in the server's environment:

    export ZAAKGERICHT_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/bench_werkvoorraad
    zaakgericht migrate && zaakgericht serve --port 8765 &
    python bench/werkvoorraad.py --url http://127.0.0.1:8765
"""

import argparse
import asyncio
import re
import statistics
import time

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from zaakgericht.api.urls import reset_base_url, set_base_url
from zaakgericht.demo import DEMO_WACHTWOORD, load_demo
from zaakgericht.settings import get_settings

BUDGET_MS = 100.0
MEDEWERKERS = 51  # coprime with the 10 and 7 that decide closing and assigning, so all mix
PAGES = {
    "mijn zaken": "/werkvoorraad",
    "zaken van mijn team": "/werkvoorraad?lijst=team",
    "niet toegewezen": "/werkvoorraad?lijst=niet_toegewezen",
    "team, termijn verstreken": "/werkvoorraad?lijst=team&termijn=verlopen&sortering=-startdatum",
    "niet toegewezen, pagina 20": "/werkvoorraad?lijst=niet_toegewezen&pagina=20",
}


async def _columns(connection: AsyncConnection, table: str) -> list[str]:
    rows = await connection.execute(
        text("SELECT column_name FROM information_schema.columns WHERE table_name = :table AND column_name <> 'id'"),
        {"table": table},
    )
    return [row[0] for row in rows]


async def _copy(connection: AsyncConnection, table: str, source: str, overrides: dict[str, str]) -> None:
    """INSERT INTO table (every column) SELECT the template's columns, some replaced, FROM ``source``."""
    columns = await _columns(connection, table)
    select_list = ", ".join(overrides.get(column, f"t.{column}") for column in columns)
    await connection.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select_list} FROM {source}"))


async def multiply(url: str, total: int) -> float:
    """Copies of the demo zaken (with a status and a behandelaar rol, some with a terugbelverzoek) up to
    ``total`` zaken; seconds taken."""
    start = time.perf_counter()
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        existing = await connection.scalar(text("SELECT count(*) FROM zaak"))
        copies = max(0, total - existing)
        if copies:
            await _make_copies(connection, copies)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE"))
    await engine.dispose()
    return time.perf_counter() - start


async def _make_copies(connection: AsyncConnection, copies: int) -> None:
    """``copies`` copies of a demo zaak with its status and behandelaar rol (run once: a second run of the
    benchmark finds the zaken there and copies nothing more)."""
    # The template: a demo zaak with a status and a behandelaar rol.
    template = (
        await connection.execute(
            text(
                "SELECT z.id, max(s.id), max(r.id) FROM zaak z JOIN status s ON s.zaak_id = z.id "
                "JOIN rol r ON r.zaak_id = z.id AND r.omschrijving_generiek = 'behandelaar' "
                "GROUP BY z.id ORDER BY z.id LIMIT 1"
            )
        )
    ).one()
    await connection.execute(text("CREATE TEMP TABLE nummers AS SELECT generate_series(1, :n) AS g"), {"n": copies})
    await _copy(
        connection,
        "zaak",
        f"zaak t CROSS JOIN nummers WHERE t.id = {template[0]}",
        {
            "uuid": "gen_random_uuid()",
            "identificatie": "'BENCH-' || lpad(g::text, 7, '0')",
            "startdatum": "current_date - (g % 365)",
            "registratiedatum": "current_date - (g % 365)",
            "einddatum_gepland": "current_date - (g % 365) + 42",
            "uiterlijke_einddatum_afdoening": "current_date - (g % 365) + 56",
            "einddatum": "CASE WHEN g % 10 < 6 THEN current_date - (g % 365) + 30 END",
            "zaaktype_id": "(SELECT id FROM zaaktype ORDER BY id OFFSET (g % 5) LIMIT 1)",
            "behandelaar": "''",
        },
    )
    copied = "FROM zaak z JOIN {table} t ON t.id = {id} WHERE z.identificatie LIKE 'BENCH-%'"
    await _copy(
        connection,
        "status",
        copied.format(table="status", id=template[1]).removeprefix("FROM "),
        {"uuid": "gen_random_uuid()", "zaak_id": "z.id", "statustype_id": _first_statustype()},
    )
    await _copy(
        connection,
        "rol",
        copied.format(table="rol", id=template[2]).removeprefix("FROM ") + " AND z.id % 7 <> 0",
        {
            "uuid": "gen_random_uuid()",
            "zaak_id": "z.id",
            "roltype_id": _behandelaar_roltype(),
            "identificatie": _medewerker(),
            "betrokkene_identificatie": f"json_build_object('identificatie', {_medewerker()})",
        },
    )
    # What the rol services keep: the zaak's behandelaar.
    await connection.execute(
        text(
            "UPDATE zaak z SET behandelaar = r.identificatie FROM rol r WHERE r.zaak_id = z.id "
            "AND r.omschrijving_generiek = 'behandelaar' AND z.identificatie LIKE 'BENCH-%'"
        )
    )
    # An open terugbelverzoek on one in 50 zaken (open or closed, assigned or not).
    await _copy(
        connection,
        "taak",
        "zaak z CROSS JOIN (SELECT * FROM taak ORDER BY id LIMIT 1) t "
        "WHERE z.identificatie LIKE 'BENCH-%' AND z.id % 50 = 0",
        {"uuid": "gen_random_uuid()", "zaak_id": "z.id", "afgehandeld": "NULL"},
    )


def _medewerker() -> str:
    """One of the medewerkers, by zaak; the demo account ``behandelaar`` is one of them."""
    return f"CASE WHEN z.id % {MEDEWERKERS} = 0 THEN 'behandelaar' ELSE 'medewerker' || (z.id % {MEDEWERKERS}) END"


def _first_statustype() -> str:
    return "(SELECT st.id FROM statustype st WHERE st.zaaktype_id = z.zaaktype_id ORDER BY st.volgnummer LIMIT 1)"


def _behandelaar_roltype() -> str:
    return (
        "(SELECT rt.id FROM roltype rt WHERE rt.zaaktype_id = z.zaaktype_id "
        "AND rt.omschrijving_generiek = 'behandelaar' ORDER BY rt.id LIMIT 1)"
    )


async def log_in(client: httpx.AsyncClient) -> None:
    form = await client.get("/inloggen")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)[1]
    response = await client.post(
        "/inloggen", data={"csrf_token": token, "gebruikersnaam": "behandelaar", "wachtwoord": DEMO_WACHTWOORD}
    )
    if response.status_code != 303:
        raise SystemExit(f"inloggen mislukt: {response.status_code}")


async def measure(client: httpx.AsyncClient, path: str, requests: int, warmup: int) -> tuple[list[float], str]:
    durations = []
    for index in range(warmup + requests):
        start = time.perf_counter()
        response = await client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code}")
        if index >= warmup:
            durations.append(elapsed)
    heading = re.search(r'<h2 class="utrecht-heading-2" id="resultaat">([^<]+)</h2>', response.text)[1]
    return durations, heading


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--zaken", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()

    token = set_base_url(args.url)
    try:
        await load_demo()
    finally:
        reset_base_url(token)
    seconds = await multiply(get_settings().sqlalchemy_url, args.zaken)
    print(f"{args.zaken} zaken in the database (copies made in {seconds:.1f} s), statistics analysed")

    async with httpx.AsyncClient(base_url=args.url, timeout=30) as client:
        await log_in(client)
        print(f"{'page':32} {'shows':40} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}  budget p50")
        for name, path in PAGES.items():
            durations, heading = await measure(client, path, args.requests, args.warmup)
            p50 = statistics.median(durations)
            p95 = statistics.quantiles(durations, n=20)[18]
            verdict = "ok" if p50 < BUDGET_MS else "OVER"
            rate = len(durations) / (sum(durations) / 1000)
            print(f"{name:32} {heading:40} {p50:8.1f} {p95:8.1f} {rate:7.1f}  < {BUDGET_MS:.0f} {verdict}")


if __name__ == "__main__":
    asyncio.run(main())
