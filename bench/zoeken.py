"""Benchmark of searching zaken (``/zoeken``) with 1,000,000 zaken on PostgreSQL.

It brings a database of its own (default ``bench_zoeken``) to the newest schema, loads the demo (catalogue,
accounts, 200 zaken) through the domain services, and then seeds ``--zaken`` zaken in bulk by SQL: each with
a status, an initiator (nine in ten a natuurlijk persoon of 250,000 with a valid BSN, a name and an address;
one in ten a vestiging of 25,000 companies with a KvK-nummer), one in ten with a document (title and 30
words of text), and their rows in ``zoek_index`` in the form ``zoeken.index`` writes them (checked on a
sample against what ``index.index_zaken`` makes of the same zaken). Persons and words are made in Python
and sent with COPY; everything else is ``INSERT ... SELECT`` over ``generate_series``. The full-text
indexes are built after the rows, then ANALYZE.

Then it measures, one search at a time after a warm-up, ``zoeken.queries.zoek`` for a mix of searches
(partial zaaknummer, surname, full name, BSN, KvK-nummer, postcode + huisnummer, a word from a document)
for a medewerker with all autorisaties and one limited to three zaaktypen up to zaakvertrouwelijk, and
(unless ``--no-http``) ``POST /zoeken`` over HTTP against a ``zaakgericht serve`` it starts on a free
port of 127.0.0.1, logged in as the demo behandelaar. It prints p50/p95 and searches per second.

    createdb -h 127.0.0.1 -U postgres bench_zoeken
    python bench/zoeken.py       # --database-url, --zaken 1000000, --requests 50, --warmup 5, --no-http

A second run finds the zaken there and only measures. Targets only 127.0.0.1; every loop is bounded.
"""

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time

# The full-text indexes, built once the rows are there (as migration 0015 makes them).
_POSTGRES_INDEXES = [
    "CREATE INDEX ix_zoek_index_tsv ON zoek_index USING gin (to_tsvector('simple', tekst))",
    "CREATE INDEX ix_zoek_index_zaaknummer ON zoek_index (zaaknummer varchar_pattern_ops) WHERE zaaknummer IS NOT NULL",
    "CREATE INDEX ix_zoek_index_zaaknummer_nummer ON zoek_index "
    "(regexp_replace(zaaknummer, '^[a-z]+-', '') text_pattern_ops) WHERE zaaknummer IS NOT NULL",
    "CREATE INDEX ix_zoek_index_zaaknummer_eind ON zoek_index (reverse(zaaknummer) text_pattern_ops) "
    "WHERE zaaknummer IS NOT NULL",
]
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_zoeken"
BUDGET_MS = 100.0
PERSONEN = 250_000
BEDRIJVEN = 25_000
WOORDEN = 20_000
WOORDEN_PER_DOCUMENT = 30

VOORNAMEN = (
    "Anna Bram Carla Daan Emma Finn Gerrit Hanna Ilse Jan Kees Lotte Milan Noor Otto Pieter Quinten Roos Sem Tess "
    "Umar Vera Willem Yara Zoe Fatima Mohammed Ayla Youssef Sanne Thijs Lieke Ruben Femke Jesse Iris Luuk Mila Bas "
    "Eva Joris Maud Stijn Julia Niels Sofie Koen Lisa Rik Fleur Hasan Elif Mehmet Zeynep Wei Mei Priya Arjun Olga"
).split()
ACHTERNAAM_DELEN = (
    "Jans Bakk Vis Smit Mei Mulder Bos Vos Peters Hendriks Dekk Brouw Wouters Kok Jacobs Vermeul Lammers Hoekstra "
    "Willems Kuipers Post Schouten Veenstra Prins Huisman Kramer Koster Maas Groot Berg Dijk Hoek Veld Brink Wit "
    "Meer Haan Bruin Boer Laan"
).split()
ACHTERNAAM_EINDES = ("", "en", "er", "sma", "stra", "man", "ing", "ens", "ink", "ouw", "hof", "kamp")
STRATEN = (
    "Dorpsstraat Kerkstraat Molenweg Schoolstraat Stationsweg Julianalaan Beatrixstraat Prinsengracht Lindelaan "
    "Eikenlaan Beukenhof Wilgenweg Marktplein Havenkade Nieuwstraat Parallelweg Industrieweg Sportlaan"
).split()
BRANCHES = "Bakkerij Garage Kapsalon Bouwbedrijf Installatiebedrijf Restaurant Drukkerij Tuincentrum".split()
OMSCHRIJVINGEN = (
    "Aanvraag omgevingsvergunning",
    "Melding openbare ruimte",
    "Klacht over",
    "Bezwaar tegen besluit",
    "Subsidieaanvraag",
    "Melding overlast",
    "Aanvraag parkeervergunning",
    "Verzoek om informatie",
)
LETTERGREPEN = "ka ro mi te su la ne po vi de ba lo ri ma ke do fa ni go tu ze wa bi ho".split()


def _bsn(nummer: int) -> str | None:
    """A nine-digit number passing the elfproef, from eight digits; None when no ninth digit makes one."""
    digits = [int(c) for c in f"{nummer:08d}"]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits, strict=True))
    check = total % 11
    return None if check == 10 else f"{nummer:08d}{check}"


def personen() -> list[tuple]:
    """(nr, bsn, voornaam, geslachtsnaam, straat, huisnummer, postcode), all BSNs and addresses distinct."""
    rows, candidate, rng = [], 10_000_000, random.Random(15)
    achternamen = [deel + einde for deel in ACHTERNAAM_DELEN for einde in ACHTERNAAM_EINDES]
    while len(rows) < PERSONEN:
        candidate += 7
        if (bsn := _bsn(candidate)) is None:
            continue
        nr = len(rows)
        postcode = f"{1000 + nr % 9000}{chr(65 + (nr // 9000) % 26)}{chr(65 + (nr // 234000) % 26)}"
        rows.append(
            (nr, bsn, rng.choice(VOORNAMEN), rng.choice(achternamen), rng.choice(STRATEN), 1 + nr % 199, postcode)
        )
    return rows


def woorden() -> list[tuple]:
    """(nr, word): distinct made-up words of three or four syllables."""
    rng, seen = random.Random(16), {}
    while len(seen) < WOORDEN:
        word = "".join(rng.choice(LETTERGREPEN) for _ in range(rng.choice((3, 4))))
        seen.setdefault(word, len(seen))
    return [(nr, word) for word, nr in seen.items()]


async def seed(engine, total: int) -> float:
    from sqlalchemy import text

    started = time.perf_counter()
    async with engine.begin() as connection:
        existing = await connection.scalar(text("SELECT count(*) FROM zaak WHERE identificatie LIKE 'ZAAK-20__-%'"))
        copies = total - await connection.scalar(text("SELECT count(*) FROM zaak"))
        if copies <= 0:
            return 0.0
        print(f"seeding {copies} zaken ({existing} there) ...", flush=True)
        await connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        await connection.execute(text("SET LOCAL work_mem = '64MB'"))
        raw = (await connection.get_raw_connection()).driver_connection
        await raw.execute(
            "CREATE TEMP TABLE bench_persoon (nr int PRIMARY KEY, bsn text, voornaam text, geslachtsnaam text, "
            "straat text, huisnummer int, postcode text) ON COMMIT DROP"
        )
        await raw.copy_records_to_table("bench_persoon", records=personen())
        await raw.execute("CREATE TEMP TABLE bench_woord (nr int PRIMARY KEY, woord text) ON COMMIT DROP")
        await raw.copy_records_to_table("bench_woord", records=woorden())
        for statement in _statements(copies):
            step = time.perf_counter()
            await connection.execute(text(statement))
            print(f"  {time.perf_counter() - step:6.1f} s  {statement.split(chr(10))[0][:90]}", flush=True)
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def _statements(copies: int) -> list[str]:
    omschrijvingen = "ARRAY[" + ", ".join(f"'{o}'" for o in OMSCHRIJVINGEN) + "]"
    straten = "ARRAY[" + ", ".join(f"'{s}'" for s in STRATEN) + "]"
    branches = "ARRAY[" + ", ".join(f"'{b}'" for b in BRANCHES) + "]"
    # The zaken of the demo are the templates of the columns nobody searches on.
    return [
        "DROP INDEX IF EXISTS ix_zoek_index_tsv",
        "DROP INDEX IF EXISTS ix_zoek_index_zaaknummer",
        "DROP INDEX IF EXISTS ix_zoek_index_zaaknummer_nummer",
        "DROP INDEX IF EXISTS ix_zoek_index_zaaknummer_eind",
        f"CREATE TEMP TABLE bench_nummer ON COMMIT DROP AS SELECT g, (SELECT array_agg(id ORDER BY id) FROM zaaktype) "
        f"AS typen FROM generate_series(1, {copies}) g",
        f"""INSERT INTO zaak (uuid, identificatie, bronorganisatie, omschrijving, toelichting, zaaktype_id,
            registratiedatum, verantwoordelijke_organisatie, startdatum, einddatum, einddatum_gepland,
            uiterlijke_einddatum_afdoening, communicatiekanaal, producten_of_diensten, vertrouwelijkheidaanduiding,
            betalingsindicatie, verlenging_reden, opschorting_indicatie, opschorting_reden, selectielijstklasse,
            relevante_andere_zaken, kenmerken, archiefstatus, opdrachtgevende_organisatie, behandelaar)
        SELECT gen_random_uuid(), 'ZAAK-' || (2019 + g % 7) || '-' || lpad(g::text, 10, '0'), t.bronorganisatie,
            ({omschrijvingen})[1 + g % {len(OMSCHRIJVINGEN)}] || ' ' || ({straten})[1 + g % {len(STRATEN)}] || ' '
            || (1 + g % 150), '', typen[1 + g % array_length(typen, 1)],
            make_date(2019 + g % 7, 1 + g % 12, 1 + g % 28), t.verantwoordelijke_organisatie,
            make_date(2019 + g % 7, 1 + g % 12, 1 + g % 28), CASE WHEN g % 10 < 6 THEN make_date(2019 + g % 7, 1 + g % 12, 1 + g % 28) + 30 END,
            NULL, NULL, '', '[]', (ARRAY['openbaar','intern','zaakvertrouwelijk','vertrouwelijk'])[1 + g % 4],
            '', '', false, '', '', '[]', '[]', 'nog_te_archiveren', '', ''
        FROM bench_nummer CROSS JOIN (SELECT * FROM zaak ORDER BY id LIMIT 1) t""",
        "CREATE TEMP TABLE bench_zaak ON COMMIT DROP AS SELECT id, zaaktype_id, vertrouwelijkheidaanduiding, "
        "identificatie, omschrijving, startdatum, substring(identificatie from 11)::int AS g FROM zaak "
        "WHERE identificatie ~ '^ZAAK-20[0-9][0-9]-[0-9]{10}$' AND id > (SELECT max(id) - "
        f"{copies} FROM zaak)",
        """INSERT INTO status (uuid, zaak_id, statustype_id, datum_status_gezet, statustoelichting)
        SELECT gen_random_uuid(), z.id, (SELECT st.id FROM statustype st WHERE st.zaaktype_id = z.zaaktype_id
            ORDER BY st.volgnummer LIMIT 1), now() - (z.g % 1000) * interval '1 day', '' FROM bench_zaak z""",
        """INSERT INTO rol (uuid, zaak_id, betrokkene, betrokkene_type, afwijkende_naam_betrokkene, roltype_id,
            omschrijving, omschrijving_generiek, roltoelichting, registratiedatum, indicatie_machtiging,
            betrokkene_identificatie, inp_bsn, anp_identificatie, inp_a_nummer, inn_nnp_id, ann_identificatie,
            vestigings_nummer, identificatie)
        SELECT gen_random_uuid(), z.id, '', 'natuurlijk_persoon', '', rt.id, rt.omschrijving, 'initiator', 'aanvrager',
            now(), '', json_build_object('inpBsn', p.bsn, 'voornamen', p.voornaam, 'geslachtsnaam', p.geslachtsnaam,
            'verblijfsadres', json_build_object('aoaIdentificatie', '0518200000' || lpad(p.nr::text, 6, '0'),
            'gorOpenbareRuimteNaam', p.straat, 'aoaHuisnummer', p.huisnummer, 'aoaPostcode', p.postcode,
            'wplWoonplaatsNaam', 'Voorbeeldstad')), p.bsn, '', '', '', '', '', ''
        FROM bench_zaak z JOIN bench_persoon p ON p.nr = (z.g * 7) % """
        + str(PERSONEN)
        + """ JOIN LATERAL (SELECT id, omschrijving FROM roltype WHERE zaaktype_id = z.zaaktype_id
            AND omschrijving_generiek = 'initiator' ORDER BY id LIMIT 1) rt ON true
        WHERE z.g % 10 <> 0""",
        f"""INSERT INTO rol (uuid, zaak_id, betrokkene, betrokkene_type, afwijkende_naam_betrokkene, roltype_id,
            omschrijving, omschrijving_generiek, roltoelichting, registratiedatum, indicatie_machtiging,
            betrokkene_identificatie, inp_bsn, anp_identificatie, inp_a_nummer, inn_nnp_id, ann_identificatie,
            vestigings_nummer, identificatie)
        SELECT gen_random_uuid(), z.id, '', 'vestiging', '', rt.id, rt.omschrijving, 'initiator', 'aanvrager',
            now(), '', json_build_object('vestigingsNummer', lpad(b::text, 12, '0'), 'kvkNummer',
            (40000000 + b)::text, 'handelsnaam', json_build_array(({branches})[1 + b % {len(BRANCHES)}] || ' '
            || p.geslachtsnaam)), '', '', '', '', '', lpad(b::text, 12, '0'), ''
        FROM (SELECT *, (g / 10) % {BEDRIJVEN} AS b FROM bench_zaak WHERE g % 10 = 0) z
        JOIN bench_persoon p ON p.nr = z.b
        JOIN LATERAL (SELECT id, omschrijving FROM roltype WHERE zaaktype_id = z.zaaktype_id
            AND omschrijving_generiek = 'initiator' ORDER BY id LIMIT 1) rt ON true""",
        # Documents: one in ten zaken (those ending in 3), with 30 made-up words of text.
        f"""CREATE TEMP TABLE bench_document ON COMMIT DROP AS
        SELECT z.id AS zaak_id, z.g, gen_random_uuid() AS uuid, 'DOC-' || lpad(z.g::text, 10, '0') AS identificatie,
            (SELECT string_agg(w.woord, ' ' ORDER BY i) FROM generate_series(1, {WOORDEN_PER_DOCUMENT}) i
             JOIN bench_woord w ON w.nr = (z.g * 31 + i * 7919) % {WOORDEN}) AS tekst
        FROM bench_zaak z WHERE z.g % 10 = 3""",
        """INSERT INTO enkelvoudiginformatieobject (uuid, identificatie, bronorganisatie, lock, versie)
        SELECT uuid, identificatie, '002220647', '', 1 FROM bench_document""",
        """INSERT INTO informatieobject_versie (document_id, versie, begin_registratie, informatieobjecttype_id,
            vertrouwelijkheidaanduiding, creatiedatum, titel, auteur, status, formaat, taal, bestandsnaam, inhoud,
            inhoud_sha256, link, beschrijving, verschijningsvorm, trefwoorden)
        SELECT e.id, 1, now(), (SELECT min(id) FROM informatieobjecttype), 'openbaar', current_date,
            'Brief ' || d.g, 'Gemeente Voorbeeldstad', 'definitief', 'text/plain', 'dut', 'brief-' || d.g || '.txt',
            '', md5(d.tekst), '', '', '', '[]'
        FROM bench_document d JOIN enkelvoudiginformatieobject e ON e.uuid = d.uuid""",
        """INSERT INTO document_tekst (document_id, inhoud_sha256, tekst)
        SELECT e.id, md5(d.tekst), d.tekst FROM bench_document d JOIN enkelvoudiginformatieobject e ON e.uuid = d.uuid""",
        """INSERT INTO zaakinformatieobject (uuid, zaak_id, informatieobject, titel, beschrijving, registratiedatum,
            zichtbaar_voor_betrokkene)
        SELECT gen_random_uuid(), d.zaak_id, 'http://127.0.0.1:8000/documenten/api/v1/enkelvoudiginformatieobjecten/'
            || d.uuid, '', '', now(), false FROM bench_document d""",
        """INSERT INTO objectinformatieobject (uuid, document_id, object, object_type)
        SELECT gen_random_uuid(), e.id, 'http://127.0.0.1:8000/zaken/api/v1/zaken/' || z.uuid, 'zaak'
        FROM bench_document d JOIN enkelvoudiginformatieobject e ON e.uuid = d.uuid JOIN zaak z ON z.id = d.zaak_id""",
        # The index rows, as ``zoeken.index`` writes them (the seeded texts hold only letters, digits, spaces).
        """INSERT INTO zoek_index (zaak_id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, bron, label, zaaknummer,
            tekst)
        SELECT id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, 'zaaknummer', identificatie, lower(identificatie), ''
        FROM bench_zaak""",
        """INSERT INTO zoek_index (zaak_id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, bron, label, zaaknummer,
            tekst)
        SELECT id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, 'omschrijving', omschrijving, NULL, lower(omschrijving) || ' '
        FROM bench_zaak""",
        """INSERT INTO zoek_index (zaak_id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, bron, label, zaaknummer,
            tekst)
        SELECT z.id, z.zaaktype_id, z.vertrouwelijkheidaanduiding, z.startdatum, 'betrokkene',
            r.betrokkene_identificatie->>'voornamen' || ' ' || (r.betrokkene_identificatie->>'geslachtsnaam'), NULL,
            lower(concat_ws(' ', r.betrokkene_identificatie->>'voornamen', r.betrokkene_identificatie->>'geslachtsnaam',
                r.inp_bsn, 'pc' || lower(r.betrokkene_identificatie->'verblijfsadres'->>'aoaPostcode')
                    || (r.betrokkene_identificatie->'verblijfsadres'->>'aoaHuisnummer'),
                r.betrokkene_identificatie->'verblijfsadres'->>'aoaPostcode',
                r.betrokkene_identificatie->'verblijfsadres'->>'gorOpenbareRuimteNaam', 'voorbeeldstad')) || ' '
        FROM bench_zaak z JOIN rol r ON r.zaak_id = z.id AND r.betrokkene_type = 'natuurlijk_persoon'""",
        """INSERT INTO zoek_index (zaak_id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, bron, label, zaaknummer,
            tekst)
        SELECT z.id, z.zaaktype_id, z.vertrouwelijkheidaanduiding, z.startdatum, 'betrokkene',
            r.betrokkene_identificatie->'handelsnaam'->>0, NULL,
            lower(concat_ws(' ', r.betrokkene_identificatie->'handelsnaam'->>0, r.betrokkene_identificatie->>'kvkNummer',
                r.vestigings_nummer)) || ' '
        FROM bench_zaak z JOIN rol r ON r.zaak_id = z.id AND r.betrokkene_type = 'vestiging'""",
        """INSERT INTO zoek_index (zaak_id, zaaktype_id, vertrouwelijkheidaanduiding, startdatum, bron, label, zaaknummer,
            tekst)
        SELECT d.zaak_id, z.zaaktype_id, z.vertrouwelijkheidaanduiding, z.startdatum, 'document', 'Brief ' || d.g, NULL,
            'brief ' || d.g || ' brief ' || d.g || ' txt ' || d.tekst || ' '
        FROM bench_document d JOIN bench_zaak z ON z.id = d.zaak_id""",
        *_POSTGRES_INDEXES,
    ]


async def check_rows(engine) -> None:
    """The seeded index rows of a sample of zaken equal what ``zoeken.index`` makes of them (rolled back)."""
    from sqlalchemy import select, text
    from sqlalchemy.ext.asyncio import AsyncSession

    from zaakgericht.zoeken import index
    from zaakgericht.zoeken.models import ZoekIndex

    async with AsyncSession(engine) as session, session.begin():
        ids = list(await session.scalars(text("SELECT id FROM zaak ORDER BY id DESC LIMIT 40")))
        columns = (
            ZoekIndex.zaak_id,
            ZoekIndex.startdatum,
            ZoekIndex.bron,
            ZoekIndex.label,
            ZoekIndex.zaaknummer,
            ZoekIndex.tekst,
        )
        seeded = sorted((await session.execute(select(*columns).where(ZoekIndex.zaak_id.in_(ids)))).all())
        await index.index_zaken(session, ids)
        rebuilt = sorted((await session.execute(select(*columns).where(ZoekIndex.zaak_id.in_(ids)))).all())
        await session.rollback()
    if seeded != rebuilt:
        different = [pair for pair in zip(seeded, rebuilt, strict=False) if pair[0] != pair[1]][:3]
        raise SystemExit(f"seeded index rows differ from zoeken.index: {different}")
    print(f"index rows of {len(ids)} seeded zaken equal those zoeken.index writes")


async def searches(engine) -> dict[str, list[str]]:
    """For each kind of search, terms that occur in the seeded data."""
    from sqlalchemy import text

    rng = random.Random(17)
    async with engine.connect() as connection:
        sample = (
            await connection.execute(
                text(
                    "SELECT r.inp_bsn, r.betrokkene_identificatie->>'voornamen', r.betrokkene_identificatie->>"
                    "'geslachtsnaam', r.betrokkene_identificatie->'verblijfsadres'->>'aoaPostcode', "
                    "r.betrokkene_identificatie->'verblijfsadres'->>'aoaHuisnummer' FROM rol r "
                    "WHERE r.betrokkene_type = 'natuurlijk_persoon' AND r.id % 997 = 0 LIMIT 200"
                )
            )
        ).all()
        zaaknummers = list(
            await connection.scalars(text("SELECT identificatie FROM zaak WHERE id % 9973 = 0 LIMIT 100"))
        )
        kvk = list(
            await connection.scalars(
                text(
                    "SELECT betrokkene_identificatie->>'kvkNummer' FROM rol WHERE betrokkene_type = 'vestiging' "
                    "AND id % 101 = 0 LIMIT 100"
                )
            )
        )
        teksten = list(
            await connection.scalars(text("SELECT tekst FROM document_tekst WHERE document_id % 97 = 0 LIMIT 100"))
        )
    return {
        "zaaknummer, deel (zaak-2023-0000001)": [n[:-3].lower() for n in zaaknummers],
        "zaaknummer, laatste cijfers (0004321)": [n[-7:] for n in zaaknummers],
        "achternaam": [row[2] for row in sample],
        "voornaam en achternaam": [f"{row[1]} {row[2]}" for row in sample],
        "BSN": [row[0] for row in sample],
        "KvK-nummer": kvk,
        "postcode en huisnummer": [f"{row[3][:4]} {row[3][4:]} {row[4]}" for row in sample],
        "woord uit een document": [rng.choice(t.split()) for t in teksten],
    }


async def measure_queries(engine, terms: dict[str, list[str]], limits, requests: int, warmup: int) -> dict:
    from sqlalchemy.ext.asyncio import AsyncSession

    from zaakgericht.zoeken import queries

    figures = {}
    for kind, values in terms.items():
        durations, found = [], []
        for index in range(warmup + requests):
            vraag = queries.ontleed(values[index % len(values)])
            async with AsyncSession(engine) as session:
                started = time.perf_counter()
                resultaat = await queries.zoek(session, vraag, limits=limits)
                elapsed = (time.perf_counter() - started) * 1000
            if index >= warmup:
                durations.append(elapsed)
                found.append(resultaat.aantal)
        figures[kind] = (durations, statistics.median(found))
    return figures


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def measure_http(url: str, terms: dict[str, list[str]], requests: int, warmup: int) -> dict:
    import httpx

    from zaakgericht.demo import DEMO_WACHTWOORD

    port = _free_port()
    env = {**os.environ, "ZAAKGERICHT_DATABASE_URL": url, "ZAAKGERICHT_LOG_LEVEL": "warning"}
    server = subprocess.Popen(
        [sys.executable, "-c", "from zaakgericht.cli import app; app()", "serve", "--port", str(port)], env=env
    )
    base = f"http://127.0.0.1:{port}"
    figures = {}
    try:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            for _ in range(300):
                try:
                    await client.get("/inloggen")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            form = await client.get("/inloggen")
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)[1]
            login = await client.post(
                "/inloggen", data={"csrf_token": token, "gebruikersnaam": "behandelaar", "wachtwoord": DEMO_WACHTWOORD}
            )
            if login.status_code != 303:
                raise SystemExit(f"inloggen mislukt: {login.status_code}")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', (await client.get("/zoeken")).text)[1]
            for kind, values in terms.items():
                durations = []
                for index in range(warmup + requests):
                    started = time.perf_counter()
                    response = await client.post("/zoeken", data={"csrf_token": csrf, "q": values[index % len(values)]})
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"POST /zoeken: {response.status_code}")
                    if index >= warmup:
                        durations.append(elapsed)
                figures[kind] = (durations, None)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return figures


def report(title: str, figures: dict) -> list[float]:
    print(f"\n{title}")
    print(f"{'search':42} {'found':>6} {'p50 ms':>8} {'p95 ms':>8} {'per s':>7}")
    everything = []
    for kind, (durations, found) in figures.items():
        everything += durations
        p50, p95 = statistics.median(durations), statistics.quantiles(durations, n=20)[18]
        rate = len(durations) / (sum(durations) / 1000)
        shown = "" if found is None else f"{found:.0f}"
        print(f"{kind:42} {shown:>6} {p50:8.1f} {p95:8.1f} {rate:7.1f}")
    p50, p95 = statistics.median(everything), statistics.quantiles(everything, n=20)[18]
    verdict = "ok" if p50 < BUDGET_MS else "OVER"
    print(
        f"{'all searches':42} {'':>6} {p50:8.1f} {p95:8.1f} {len(everything) / (sum(everything) / 1000):7.1f}"
        f"  budget p50 < {BUDGET_MS:.0f} ms: {verdict}"
    )
    return everything


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--zaken", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50, help="per kind of search")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--no-http", action="store_true", help="only the query function, no server")
    args = parser.parse_args()
    if not args.database_url.startswith("postgresql"):
        raise SystemExit("the benchmark is for PostgreSQL")
    os.environ["ZAAKGERICHT_DATABASE_URL"] = args.database_url
    from zaakgericht.migrations import upgrade

    upgrade(args.database_url)
    asyncio.run(run(args))


async def run(args: argparse.Namespace) -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    from zaakgericht.api.urls import reset_base_url, set_base_url
    from zaakgericht.demo import load_demo

    token = set_base_url("http://127.0.0.1:8000")
    try:
        await load_demo()
        engine = create_async_engine(args.database_url)
        seconds = await seed(engine, args.zaken)
        print(f"{args.zaken} zaken in the database (seeded in {seconds:.0f} s)")
        await check_rows(engine)
        terms = await searches(engine)
        limits = await _limited(engine)
        report(
            "zoeken.queries.zoek, all autorisaties",
            await measure_queries(engine, terms, None, args.requests, args.warmup),
        )
        report(
            "zoeken.queries.zoek, 3 of 5 zaaktypen up to zaakvertrouwelijk",
            await measure_queries(engine, terms, limits, args.requests, args.warmup),
        )
        await engine.dispose()
    finally:
        reset_base_url(token)
    if not args.no_http:
        report(
            "POST /zoeken over HTTP (one uvicorn worker, logged in as behandelaar)",
            await measure_http(args.database_url, terms, args.requests, args.warmup),
        )


async def _limited(engine) -> dict[str, int]:
    from sqlalchemy import text

    from zaakgericht.api import urls
    from zaakgericht.api.auth import vertrouwelijkheid_level

    async with engine.connect() as connection:
        uuids = list(await connection.scalars(text("SELECT uuid FROM zaaktype ORDER BY id LIMIT 3")))
    return {urls.build("catalogi", "zaaktypen", uuid): vertrouwelijkheid_level("zaakvertrouwelijk") for uuid in uuids}


if __name__ == "__main__":
    main()
