"""The shipped selectielijst, served read-only at /referentielijsten/api/v1.

The data is served as the public Selectielijst API serves it. Some entries carry empty
strings where that API's OAS demands text (e.g. an empty ``toelichting``), so only
entries without such gaps are validated against the OAS here.
"""

from tests.oas import assert_oas

BASE = "/referentielijsten/api/v1"
PROCESTYPE_6 = "6d85b4dc-381c-413e-af3c-1e9668f4ea97"


async def test_procestypen(client):
    response = await client.get(f"{BASE}/procestypen")
    assert len(response.json()) == 29
    assert (await client.get(f"{BASE}/procestypen", params={"jaar": 2017})).json() == []
    response = await client.get(f"{BASE}/procestypen/{PROCESTYPE_6}")
    assert_oas(response)
    assert response.json()["naam"] == "Verzoeken behandelen"
    assert response.json()["url"] == f"http://testserver{BASE}/procestypen/{PROCESTYPE_6}"


async def test_resultaten_are_paginated_and_filtered_by_procestype(client):
    response = await client.get(f"{BASE}/resultaten")
    assert response.json()["count"] == 346 and len(response.json()["results"]) == 100
    procestype_url = f"http://testserver{BASE}/procestypen/{PROCESTYPE_6}"
    for name in ("procesType", "proces_type"):
        response = await client.get(f"{BASE}/resultaten", params={name: procestype_url})
        results = response.json()["results"]
        assert results and all(r["procesType"] == procestype_url for r in results)
    response = await client.get(f"{BASE}/resultaten/968dee12-73d3-4b38-933f-5b25005d4ded")
    assert_oas(response)
    assert response.json()["volledigNummer"] == "6.1"


async def test_resultaattypeomschrijvingen(client):
    response = await client.get(f"{BASE}/resultaattypeomschrijvingen")
    assert_oas(response)
    assert {r["omschrijving"] for r in response.json()} == {"Afgewezen", "Ingetrokken", "Toegekend"}


async def test_unknown_is_404(client):
    response = await client.get(f"{BASE}/resultaten/00000000-0000-0000-0000-000000000000")
    assert_oas(response)
    assert response.status_code == 404
