"""Request bodies and helpers for the Documenten API tests: documents, locks and bestandsdelen."""

import base64
import hashlib

from tests.catalogi.factories import create_catalogus, informatieobjecttype_body, post, publish
from tests.oas import assert_oas

DOCUMENTEN = "http://testserver/documenten/api/v1"
EIO = f"{DOCUMENTEN}/enkelvoudiginformatieobjecten"
RSIN = "002220647"


async def create_informatieobjecttype(client, headers, catalogus: str | None = None, **overrides) -> dict:
    catalogus = catalogus or (await create_catalogus(client, headers))["url"]
    iot = await post(client, headers, "informatieobjecttypen", informatieobjecttype_body(catalogus, **overrides), 200)
    return await publish(client, headers, iot["url"])


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_body(iot: str, **overrides) -> dict:
    return {
        "bronorganisatie": RSIN,
        "creatiedatum": "2026-03-02",
        "titel": "Aanvraag omgevingsvergunning",
        "auteur": "J. Jansen",
        "taal": "dut",
        "bestandsnaam": "aanvraag.pdf",
        "formaat": "application/pdf",
        "informatieobjecttype": iot,
        **overrides,
    }


async def create_document(client, headers, iot: str, expect: int = 201, **overrides) -> dict:
    response = await client.post(EIO, json=document_body(iot, **overrides), headers=headers)
    assert_oas(response)
    assert response.status_code == expect, response.text
    return response.json()


async def get_json(client, headers, url: str, status: int = 200, **params) -> dict | list:
    response = await client.get(url, headers=headers, params=params)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


async def download(client, headers, url: str, status: int = 200, **params) -> bytes:
    response = await client.get(f"{url}/download", headers=headers, params=params)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.headers["content-type"] == "application/octet-stream"
        assert int(response.headers["content-length"]) == len(response.content)
    else:
        assert_oas(response)
    return response.content


async def lock(client, headers, url: str) -> str:
    response = await client.post(f"{url}/lock", headers=headers)
    assert_oas(response)
    assert response.status_code == 200, response.text
    return response.json()["lock"]


async def unlock(client, headers, url: str, lock_id: str | None, status: int = 204):
    response = await client.post(f"{url}/unlock", json={} if lock_id is None else {"lock": lock_id}, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response


async def patch(client, headers, url: str, body: dict, status: int = 200) -> dict:
    response = await client.patch(url, json=body, headers=headers)
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


def multipart(fields: list[tuple[str, bytes]], boundary: str = "zaakgericht-test-boundary") -> tuple[bytes, str]:
    """A multipart/form-data body (fields in the given order) and its content type."""
    parts = []
    for name, value in fields:
        filename = '; filename="deel.bin"' if name == "inhoud" else ""
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"{filename}\r\n\r\n'.encode()
            + value
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


async def upload_part(client, headers, part_url: str, data: bytes, lock_id: str, status: int = 200) -> dict:
    body, content_type = multipart([("lock", lock_id.encode()), ("inhoud", data)])
    response = await client.put(part_url, content=body, headers={**headers, "Content-Type": content_type})
    assert_oas(response)
    assert response.status_code == status, response.text
    return response.json()


async def drc_client(
    client_id: str, scopes: list[str], informatieobjecttypen: list[str], maximum="zeer_geheim"
) -> dict:
    """Authorization headers of an applicatie with these scopes in ``drc`` autorisaties (``audittrails.lezen``
    included, as an Autorisaties API client would set it)."""
    from zaakgericht.api.auth import make_token
    from zaakgericht.autorisaties.service import AutorisatieSpec, create_applicatie_with_secret

    secret = f"{client_id}-secret"
    await create_applicatie_with_secret(
        client_id=client_id,
        secret=secret,
        label=client_id,
        heeft_alle_autorisaties=False,
        autorisaties=[
            AutorisatieSpec("drc", scopes, informatieobjecttype=url, max_vertrouwelijkheidaanduiding=maximum)
            for url in informatieobjecttypen
        ],
    )
    return {"Authorization": f"Bearer {make_token(client_id, secret)}"}
