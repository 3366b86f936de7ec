"""Beheer of the catalogue: the catalogi with their zaaktypen and versions at a glance, and one version with its
parts (read-only). Beheerders only."""

import uuid
from datetime import datetime

from fastapi import APIRouter, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ...db import read_session
from ...zaken.service import TIMEZONE
from ..layout.security import Beheerder
from ..layout.templating import render
from . import catalogus_queries as queries

router = APIRouter(prefix="/beheer/catalogus")

PAD = "/beheer/catalogus"

RICHTINGEN = {"inkomend": "Inkomend", "intern": "Intern", "uitgaand": "Uitgaand"}
ARCHIEFNOMINATIES = {"blijvend_bewaren": "Blijvend bewaren", "vernietigen": "Vernietigen"}


def _vandaag():
    return datetime.now(TIMEZONE).date()


@router.get("")
async def catalogus(request: Request, beheerder: Beheerder) -> Response:
    async with read_session() as session:
        catalogi = await queries.overzicht(session, _vandaag())
    return render(
        request,
        "beheer/catalogus.html",
        {
            "catalogi": catalogi,
            "STANDEN": queries.STANDEN,
            "kruimelpad": [("Beheer", "/beheer/medewerkers"), ("Catalogus", None)],
        },
    )


@router.get("/zaaktypen/{zaaktype_uuid}")
async def zaaktype(request: Request, zaaktype_uuid: uuid.UUID, beheerder: Beheerder) -> Response:
    async with read_session() as session:
        detail = await queries.zaaktype_detail(session, zaaktype_uuid, _vandaag())
    if detail is None:
        raise HTTPException(404)
    return render(
        request,
        "beheer/zaaktype.html",
        {
            "detail": detail,
            "zt": detail.zaaktype,
            "STANDEN": queries.STANDEN,
            "RICHTINGEN": RICHTINGEN,
            "ARCHIEFNOMINATIES": ARCHIEFNOMINATIES,
            "kruimelpad": [
                ("Beheer", "/beheer/medewerkers"),
                ("Catalogus", PAD),
                (f"{detail.zaaktype.omschrijving} (versie {detail.zaaktype.versiedatum:%d-%m-%Y})", None),
            ],
        },
    )
