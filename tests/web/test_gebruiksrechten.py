"""Gebruiksrechten of the documents the web applications create: none are recorded, so indicatieGebruiksrecht is
false (drc-006) and the zaak can be closed (zrc-021); the behandelaar records gebruiksrechten on the document page,
and the closing form says which documents still need a decision and how to give it."""

import re

from sqlalchemy import select

from tests.web import test_pip
from tests.web.accounts_fixtures import hidden
from tests.web.test_documenten import (
    INTAKE_TYPEN,
    PDF,
    behandelaar,
    documenten_van,
    intake_form,
    upload,
    uuid_of,
    zaaktype_met_documenttypen,
)
from tests.web.test_formulieren import demo_login, fill_in, online_zaaktype, start
from tests.web.test_pip import ingelogd
from tests.zaken.factories import ZAKEN, create_zaak
from zaakgericht import db
from zaakgericht.zaken.models import Zaak

tweede = test_pip.tweede  # a second browser: the behandelaar beside the citizen
__all__ = ["demo_login"]  # the e-formulier's test login and empty storage, for every test here


async def afsluiten(client, csrf: str, zaak_uuid: str, resultaattype: str):
    return await client.post(
        f"/zaakdossier/{zaak_uuid}/afsluiten",
        data={"csrf_token": csrf, "resultaattype": uuid_of(resultaattype), "toelichting": ""},
    )


def assert_closed(response, zaak_uuid: str) -> None:
    assert response.status_code == 303, re.sub(r"\s+", " ", response.text)[-3000:]
    assert response.headers["location"] == f"/zaakdossier/{zaak_uuid}?melding=afgesloten"


# --- documents from every source of the web ------------------------------------------------------


async def test_a_document_uploaded_in_the_dossier_has_no_gebruiksrechten_and_the_zaak_closes(client, superuser):
    zaaktype, iots = await zaaktype_met_documenttypen(client, superuser)
    zaak = await create_zaak(client, superuser, zaaktype.url)
    csrf = await behandelaar(client)
    assert (await upload(client, csrf, zaak, iots["Aanvraagformulier"])).status_code == 303

    [document] = await documenten_van(client, superuser, zaak)
    assert document["indicatieGebruiksrecht"] is False
    assert_closed(await afsluiten(client, csrf, zaak["uuid"], zaaktype.resultaattype), zaak["uuid"])


async def test_documents_of_a_new_zaak_have_no_gebruiksrechten_and_the_zaak_closes(client, superuser):
    zaaktype, _ = await zaaktype_met_documenttypen(client, superuser, typen=INTAKE_TYPEN)
    csrf = await behandelaar(client)
    response = await client.post(
        "/nieuwe-zaak",
        data=intake_form(csrf, zaaktype),
        files=[("documenten", ("formulier.pdf", PDF, "application/pdf"))],
    )
    assert response.status_code == 303, response.text
    zaak_uuid = response.headers["location"].split("/")[2].split("?")[0]

    [document] = await documenten_van(client, superuser, {"url": f"{ZAKEN}/zaken/{zaak_uuid}"})
    assert document["indicatieGebruiksrecht"] is False
    assert_closed(await afsluiten(client, csrf, zaak_uuid, zaaktype.resultaattype), zaak_uuid)


async def test_the_e_formulier_its_pdf_and_the_citizens_upload_have_no_gebruiksrechten(client, superuser, tweede):
    zaaktype = await online_zaaktype(client, superuser)
    csrf = await ingelogd(client)
    samenvatting = await fill_in(client, csrf, await start(client))
    assert (await client.post(samenvatting, data={"csrf_token": csrf})).status_code == 303
    async with db.read_session() as session:
        zaak = await session.scalar(select(Zaak))
    response = await client.post(
        f"/mijn-zaken/{zaak.uuid}/documenten",
        data={"csrf_token": csrf, "titel": "Foto van de gevel"},
        files={"bestand": ("gevel.jpg", b"\xff\xd8\xff gevel", "image/jpeg")},
    )
    assert response.status_code == 303, response.text

    documenten = await documenten_van(client, superuser, {"url": f"{ZAKEN}/zaken/{zaak.uuid}"})
    assert sorted((d["titel"], d["indicatieGebruiksrecht"]) for d in documenten) == [
        ("Aanvraag Dakkapel plaatsen", False),  # the form's PDF
        ("Bouwtekening", False),  # the form's upload
        ("Foto van de gevel", False),  # added in Mijn zaken
    ]
    medewerker_csrf = await behandelaar(tweede)
    assert_closed(await afsluiten(tweede, medewerker_csrf, str(zaak.uuid), zaaktype.resultaattype), str(zaak.uuid))
