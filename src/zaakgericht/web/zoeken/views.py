"""/zoeken: one search box over the zaken a medewerker may see (``zoeken.queries``).

The search is POSTed, never sent in the address: a BSN may be typed. A search by BSN or KvK-nummer is a
lookup of a person and is recorded with its purpose (``zoeken.raadplegingen``) in the same transaction.
"""

from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import Response

from ...accounts import service as accounts
from ...accounts.models import Medewerker
from ...db import read_session, write_session
from ...zoeken import queries, raadplegingen
from ..layout.security import require_role
from ..layout.templating import render

router = APIRouter()

# Every role that reads zaken.
Zoeker = Annotated[Medewerker, require_role("behandelaar", "manager", "kcc", "archivaris")]


def zaak_pagina(medewerker: Medewerker) -> str | None:
    """Where a found zaak opens for this medewerker: the dossier, the KCC's page, or nowhere (archivaris)."""
    if {"behandelaar", "manager"} & set(medewerker.rollen):
        return "/zaakdossier/{uuid}"
    if "kcc" in medewerker.rollen:
        return "/kcc/zaken/{uuid}"
    return None


def _page(request: Request, medewerker: Medewerker, **context) -> Response:
    fouten = context.get("fouten") or {}
    return render(
        request,
        "zoeken/zoeken.html",
        {
            "zoekterm": "",
            "fouten": {},
            "resultaat": None,
            "zaak_pagina": zaak_pagina(medewerker),
            "max_resultaten": queries.MAX_RESULTATEN,
            "kruimelpad": [("Start", "/"), ("Zoeken", None)],
            **context,
        },
        status_code=400 if fouten else 200,
    )


@router.get("/zoeken")
async def zoekpagina(request: Request, medewerker: Zoeker) -> Response:
    return _page(request, medewerker)


@router.post("/zoeken")
async def zoeken(request: Request, medewerker: Zoeker) -> Response:
    form = await request.form()
    zoekterm = str(form.get("q", "")).strip()
    if not zoekterm:
        return _page(request, medewerker, fouten={"q": "Vul in wat u zoekt, bijvoorbeeld een zaaknummer of een naam."})
    if len(zoekterm) > queries.MAX_LENGTE:
        return _page(
            request,
            medewerker,
            zoekterm=zoekterm[: queries.MAX_LENGTE],
            fouten={"q": f"Een zoekopdracht heeft hoogstens {queries.MAX_LENGTE} tekens."},
        )
    vraag = queries.ontleed(zoekterm)
    if vraag is None:
        return _page(
            request, medewerker, zoekterm=zoekterm, fouten={"q": "Gebruik letters of cijfers in uw zoekopdracht."}
        )
    limits = accounts.type_limits(medewerker)
    if vraag.persoon is None:
        async with read_session() as session:
            resultaat = await queries.zoek(session, vraag, limits=limits)
    else:
        async with write_session() as session:
            soort, nummer = vraag.persoon
            raadplegingen.vastleggen(
                session, medewerker.gebruikersnaam, soort, nummer, raadplegingen.ZOEKEN_DOEL, "zoeken"
            )
            resultaat = await queries.zoek(session, vraag, limits=limits)
    return _page(request, medewerker, zoekterm=zoekterm, resultaat=resultaat)
