"""Benchmark of the Documenten API: the documents of a zaak (list and details) and download throughput.

It seeds everything through the public APIs of a running server: a catalogus with a
published informatieobjecttype and a published zaaktype that allows it, one zaak with N
documents (small base64 files, 2 KiB) each related to the zaak through
``POST /zaakinformatieobjecten``, and one document of ``--download-mib`` MiB uploaded in
bestandsdelen.

Then, with sequential requests on one keep-alive httpx client and after a warm-up, it
measures what a zaak page does: ``GET /zaken/api/v1/zaakinformatieobjecten?zaak=…`` and
``GET /documenten/api/v1/enkelvoudiginformatieobjecten/{uuid}`` for each of its documents
(and the two together, as one page load), and it downloads the large document a few
times and reports MB/s. Budget: the list < 15 ms p50 (on PostgreSQL).

    python bench/documenten.py --url http://127.0.0.1:8781 --client-id bench --secret bench-secret
"""

import argparse
import asyncio
import base64
import hashlib
import json
import os
import random
import string
import time

# bench/ is on sys.path when this file runs as a script.
from catalogi import BEGIN, KLASSE, OMSCHRIJVING, PROCESTYPE, SELECTIELIJST, Api, Result

RSIN = "002220647"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
BUDGET_LIST_MS = 15.0


async def seed_types(api: Api) -> tuple[str, str]:
    """A catalogus with a published informatieobjecttype and a published zaaktype allowing it."""
    domein = "".join(random.choices(string.ascii_uppercase, k=5))
    catalogus = (await api.post("catalogussen", {"domein": domein, "rsin": RSIN, "contactpersoonBeheerNaam": "Bench"}))[
        "url"
    ]
    iot = await api.post(
        "informatieobjecttypen",
        {
            "catalogus": catalogus,
            "omschrijving": "Bijlage",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Bijlage",
            "beginGeldigheid": BEGIN,
        },
    )
    await api.post(f"{iot['url']}/publish")
    selectielijst = f"{api.url}{SELECTIELIJST}"
    zaaktype = (
        await api.post(
            "zaaktypen",
            {
                "identificatie": "BENCH-DOC",
                "omschrijving": "Zaak met documenten",
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
                "besluittypen": [],
                "deelzaaktypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": BEGIN,
                "versiedatum": BEGIN,
            },
        )
    )["url"]
    await api.post("statustypen", {"zaaktype": zaaktype, "omschrijving": "Ontvangen", "volgnummer": 1})
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
    await api.post(
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype, "informatieobjecttype": "Bijlage", "volgnummer": 1, "richting": "inkomend"},
    )
    await api.post(f"{zaaktype}/publish")
    return iot["url"], zaaktype


def document_body(iot: str, number: int, **extra) -> dict:
    return {
        "bronorganisatie": RSIN,
        "creatiedatum": "2026-03-02",
        "titel": f"Bijlage {number}",
        "auteur": "Benchmark",
        "taal": "dut",
        "bestandsnaam": f"bijlage-{number}.txt",
        "formaat": "text/plain",
        "informatieobjecttype": iot,
        **extra,
    }


async def post_json(api: Api, url: str, body: dict, headers: dict | None = None) -> dict:
    response = await api.http.post(url, json=body, headers={**api.headers, **(headers or {})})
    if response.status_code not in (200, 201):
        raise SystemExit(f"POST {url} gave {response.status_code}: {response.text[:500]}")
    return response.json()


async def seed_zaak(api: Api, iot: str, zaaktype: str, documents: int) -> tuple[str, list[str]]:
    zaken, documenten = f"{api.url}/zaken/api/v1", f"{api.url}/documenten/api/v1"
    zaak = await post_json(
        api,
        f"{zaken}/zaken",
        {"bronorganisatie": RSIN, "verantwoordelijkeOrganisatie": RSIN, "zaaktype": zaaktype, "startdatum": BEGIN},
        CRS,
    )
    urls = []
    for number in range(documents):
        inhoud = base64.b64encode(os.urandom(2048)).decode()
        document = await post_json(
            api, f"{documenten}/enkelvoudiginformatieobjecten", document_body(iot, number, inhoud=inhoud)
        )
        await post_json(
            api, f"{zaken}/zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]}
        )
        urls.append(document["url"])
    return zaak["url"], urls


async def upload_large(api: Api, iot: str, size: int) -> str:
    """A document of ``size`` bytes through bestandsdelen (multipart, streamed)."""
    documenten = f"{api.url}/documenten/api/v1"
    document = await post_json(
        api, f"{documenten}/enkelvoudiginformatieobjecten", document_body(iot, 0, bestandsomvang=size)
    )
    block = os.urandom(1024 * 1024)
    for part in document["bestandsdelen"]:
        await put_part(api, part["url"], document["lock"], part["omvang"], block)
    response = await api.http.post(f"{document['url']}/unlock", json={"lock": document["lock"]}, headers=api.headers)
    if response.status_code != 204:
        raise SystemExit(f"unlock gave {response.status_code}: {response.text[:500]}")
    return document["url"]


async def put_part(api: Api, url: str, lock: str, size: int, block: bytes) -> None:
    boundary = "bench-" + "".join(random.choices(string.ascii_lowercase, k=16))

    async def body():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'.encode()
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel"\r\n\r\n'.encode()
        sent = 0
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            sent += len(piece)
            yield piece
        yield f"\r\n--{boundary}--\r\n".encode()

    headers = {**api.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = await api.http.put(url, content=body(), headers=headers, timeout=600)
    if response.status_code != 200:
        raise SystemExit(f"PUT {url} gave {response.status_code}: {response.text[:500]}")


async def timed_get(api: Api, url: str, params: dict | None = None, headers: dict | None = None) -> float:
    start = time.perf_counter()
    response = await api.http.get(url, params=params, headers={**api.headers, **(headers or {})})
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} gave {response.status_code}: {response.text[:300]}")
    return elapsed


async def measure_zaak_page(api: Api, zaak: str, documents: list[str], rounds: int, warmup: int) -> list[Result]:
    zio_list = f"{api.url}/zaken/api/v1/zaakinformatieobjecten"
    listed = (await api.http.get(zio_list, params={"zaak": zaak}, headers=api.headers)).json()
    if sorted(z["informatieobject"] for z in listed) != sorted(documents):
        raise SystemExit(f"The zaak does not list its {len(documents)} documents: {str(listed)[:300]}")
    list_ms, detail_ms, page_ms = [], [], []
    start = time.perf_counter()
    for round_ in range(warmup + rounds):
        page_start = time.perf_counter()
        elapsed = await timed_get(api, zio_list, {"zaak": zaak})
        details = [await timed_get(api, url) for url in documents]
        if round_ >= warmup:
            list_ms.append(elapsed)
            detail_ms += details
            page_ms.append((time.perf_counter() - page_start) * 1000)
    wall = time.perf_counter() - start
    return [
        Result("GET /zaakinformatieobjecten?zaak=", list_ms, wall),
        Result("GET /enkelvoudiginformatieobjecten/{uuid}", detail_ms, wall),
        Result(f"zaak page: list + {len(documents)} documents", page_ms, wall),
    ]


async def measure_download(api: Api, url: str, size: int, times: int) -> dict:
    speeds = []
    for _ in range(times):
        digest, received = hashlib.sha256(), 0
        start = time.perf_counter()
        async with api.http.stream("GET", f"{url}/download", headers=api.headers, timeout=600) as response:
            async for chunk in response.aiter_raw():
                received += len(chunk)
                digest.update(chunk)
        seconds = time.perf_counter() - start
        if received != size:
            raise SystemExit(f"download gave {received} bytes instead of {size}")
        speeds.append(size / seconds / 1e6)
    return {
        "mib": size // (1024 * 1024),
        "runs": times,
        "best_mb_s": round(max(speeds), 1),
        "median_mb_s": round(sorted(speeds)[len(speeds) // 2], 1),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8781")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--documents", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=200, help="zaak page loads measured")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--download-mib", type=int, default=100)
    parser.add_argument("--downloads", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    api = Api(args.url, args.client_id, args.secret)
    api.http.timeout = 60
    iot, zaaktype = await seed_types(api)
    zaak, documents = await seed_zaak(api, iot, zaaktype, args.documents)
    results = await measure_zaak_page(api, zaak, documents, args.rounds, args.warmup)
    size = args.download_mib * 1024 * 1024
    start = time.perf_counter()
    large = await upload_large(api, iot, size)
    upload_seconds = time.perf_counter() - start
    download = await measure_download(api, large, size, args.downloads)
    await api.http.aclose()

    figures = {
        "results": [result.summary() for result in results],
        "budget_list_p50_ms": BUDGET_LIST_MS,
        "upload_in_parts_mb_s": round(size / upload_seconds / 1e6, 1),
        "download": download,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{'endpoint':<48} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'mean':>8}")
    for result in figures["results"]:
        print(
            f"{result['name']:<48} {result['requests']:>6} {result['p50_ms']:>8.2f} {result['p95_ms']:>8.2f} "
            f"{result['p99_ms']:>8.2f} {result['mean_ms']:>8.2f}"
        )
    list_p50 = figures["results"][0]["p50_ms"]
    verdict = "within" if list_p50 < BUDGET_LIST_MS else "OVER"
    print(f"list p50 {list_p50:.2f} ms: {verdict} the budget of {BUDGET_LIST_MS:.0f} ms")
    print(f"upload of {args.download_mib} MiB in bestandsdelen (incl. joining): {figures['upload_in_parts_mb_s']} MB/s")
    print(
        f"download of {args.download_mib} MiB: best {download['best_mb_s']} MB/s, median {download['median_mb_s']} MB/s"
    )


if __name__ == "__main__":
    asyncio.run(main())
