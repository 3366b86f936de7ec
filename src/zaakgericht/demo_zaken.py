"""About 200 demo zaken of Gemeente Voorbeeldstad, in every state of the service process.

Made through the Zaken services with the demo client's rights, as a ZGW client would make
them: each zaak has an initiator (a fictitious inwoner), a status history, and most of them a
behandelaar (a medewerker; some are not yet assigned). Older zaken are closed with a resultaat,
so their archive data are derived; some open ones are past their servicenorm or legal term.
The same seed gives the same zaken; they are only made when the demo catalogue has no zaken.
"""

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .api import urls
from .api.auth import AuthContext
from .behandeling import service as behandeling
from .catalogi.models import Catalogus, ResultaatType, RolType, StatusType, ZaakType
from .zaken import parts
from .zaken import service as zaken
from .zaken.models import Zaak

DEMO_ZAKEN = 200
SEED = 2026

# Fictitious inwoners; the BSNs pass the elfproef and lie in the range kept for tests.
INWONERS = [
    ("999990019", "Jansen", "Anna"),
    ("999990020", "de Vries", "Pieter"),
    ("999990032", "Bakker", "Fatima"),
    ("999990044", "Visser", "Joost"),
    ("999990056", "Smit", "Ilse"),
    ("999990068", "Meijer", "Hasan"),
    ("999990081", "de Boer", "Lotte"),
    ("999990093", "Mulder", "Daan"),
    ("999990111", "de Groot", "Noor"),
    ("999990123", "Bos", "Willem"),
]

# Behandelaars by medewerker identificatie (the demo accounts of the same names can log in).
BEHANDELAARS = [
    ("behandelaar", "Bea Behandelaar"),
    ("s.devries", "Sanne de Vries"),
    ("m.elamrani", "Mohamed El Amrani"),
]

OMSCHRIJVINGEN = {
    "Omgevingsvergunning": ["Aanbouw achterzijde woning", "Dakkapel voorzijde", "Kappen van een eik", "Uitrit"],
    "Melding openbare ruimte": ["Losliggende stoeptegel", "Kapotte lantaarnpaal", "Zwerfvuil in park", "Gat in weg"],
    "Klacht": ["Klacht over bejegening aan de balie", "Klacht over late afhandeling", "Klacht over afvalinzameling"],
    "Bezwaar": ["Bezwaar tegen WOZ-beschikking", "Bezwaar tegen verleende vergunning", "Bezwaar tegen boete"],
    "Subsidieaanvraag": ["Subsidie buurtfeest", "Subsidie sportvereniging", "Subsidie groene daken"],
}


@dataclass
class _Zaaktype:
    url: str
    omschrijving: str
    statustypen: list[str]  # URLs in volgnummer order
    initiator: str  # roltype URL
    behandelaar: str  # roltype URL
    resultaattypen: list[str]


async def load_demo_zaken(session: AsyncSession, auth: AuthContext, catalogus: Catalogus, today: date) -> int:
    """Make the demo zaken in ``catalogus`` unless it has zaken already; returns how many were made."""
    zaaktypen = await _zaaktypen(session, catalogus)
    has_zaken = await session.scalar(
        select(Zaak.id).join(ZaakType, ZaakType.id == Zaak.zaaktype_id).where(ZaakType.catalogus_id == catalogus.id)
    )
    if has_zaken is not None or not zaaktypen:
        return 0
    rng = random.Random(SEED)
    for number in range(DEMO_ZAKEN):
        await _demo_zaak(session, auth, rng.choice(zaaktypen), rng, today, number)
    return DEMO_ZAKEN


async def _zaaktypen(session: AsyncSession, catalogus: Catalogus) -> list[_Zaaktype]:
    found = []
    for zaaktype in (await session.scalars(select(ZaakType).where(ZaakType.catalogus_id == catalogus.id))).all():
        statustypen = (
            await session.scalars(
                select(StatusType.uuid).where(StatusType.zaaktype_id == zaaktype.id).order_by(StatusType.volgnummer)
            )
        ).all()
        roltypen = dict(
            (
                await session.execute(
                    select(RolType.omschrijving_generiek, RolType.uuid).where(RolType.zaaktype_id == zaaktype.id)
                )
            ).all()
        )
        resultaattypen = (
            await session.scalars(
                select(ResultaatType.uuid).where(ResultaatType.zaaktype_id == zaaktype.id).order_by(ResultaatType.id)
            )
        ).all()
        found.append(
            _Zaaktype(
                url=urls.build("catalogi", "zaaktypen", zaaktype.uuid),
                omschrijving=zaaktype.omschrijving,
                statustypen=[urls.build("catalogi", "statustypen", uuid) for uuid in statustypen],
                initiator=urls.build("catalogi", "roltypen", roltypen["initiator"]),
                behandelaar=urls.build("catalogi", "roltypen", roltypen["behandelaar"]),
                resultaattypen=[urls.build("catalogi", "resultaattypen", uuid) for uuid in resultaattypen],
            )
        )
    return found


async def _demo_zaak(
    session: AsyncSession, auth: AuthContext, zaaktype: _Zaaktype, rng: random.Random, today: date, number: int
) -> None:
    startdatum = today - timedelta(days=rng.randrange(150))
    zaak, body = await zaken.create_zaak(
        session,
        auth,
        {
            "bronorganisatie": "002220647",
            "verantwoordelijkeOrganisatie": "002220647",
            "zaaktype": zaaktype.url,
            "omschrijving": rng.choice(OMSCHRIJVINGEN.get(zaaktype.omschrijving, [zaaktype.omschrijving])),
            "startdatum": startdatum.isoformat(),
        },
    )
    bsn, achternaam, voornaam = INWONERS[number % len(INWONERS)]
    await parts.create_rol(
        session,
        auth,
        {
            "zaak": body["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": zaaktype.initiator,
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {
                "inpBsn": bsn,
                "geslachtsnaam": achternaam,
                "voornamen": voornaam,
            },
        },
    )
    age = (today - startdatum).days
    assigned = age > 14 or rng.random() < 0.3  # most zaken of the last two weeks wait to be taken
    if assigned:
        identificatie, naam = rng.choice(BEHANDELAARS)
        achternaam = naam.split(" ", 1)[1]
        await parts.create_rol(
            session,
            auth,
            {
                "zaak": body["url"],
                "betrokkeneType": "medewerker",
                "roltype": zaaktype.behandelaar,
                "roltoelichting": "Behandelaar",
                "betrokkeneIdentificatie": {"identificatie": identificatie, "achternaam": achternaam},
            },
        )
    # Status history: received on the startdatum, then a step every few weeks; closed when old enough.
    steps = 1 if not assigned else min(len(zaaktype.statustypen) - 1, 1 + age // 20)
    gap = max(1, min(20, age // (steps + 1)))
    for volgnummer in range(steps):
        day = startdatum + timedelta(days=volgnummer * gap)
        await _status(session, auth, body["url"], zaaktype.statustypen[volgnummer], day, today, rng)
    closing = assigned and age > 40 and rng.random() < 0.85
    if assigned and not closing and number % 9 == 4:
        await _werk(session, auth, zaak, identificatie, naam, number)
    if closing:
        await zaken.save_resultaat(
            session,
            auth,
            {"zaak": body["url"], "resultaattype": rng.choice(zaaktype.resultaattypen), "toelichting": ""},
        )
        closed_on = startdatum + timedelta(days=steps * gap + rng.randrange(gap))
        await _status(session, auth, body["url"], zaaktype.statustypen[-1], closed_on, today, rng)


async def _werk(session: AsyncSession, auth: AuthContext, zaak: Zaak, behandelaar: str, naam: str, number: int) -> None:
    """A terugbelverzoek of the KCC and a note of the behandelaar on some open zaken."""
    bsn, achternaam, voornaam = INWONERS[number % len(INWONERS)]
    kcc = replace(auth, user_id="kcc", user_representation="Kees Klantcontact")
    gegevens = {
        "onderwerp": "Wil weten wanneer het besluit komt",
        "toelichting": "Belde voor de tweede keer; graag vandaag terugbellen.",
        "contact_naam": f"{voornaam} {achternaam}",
        "telefoonnummer": f"06-{12000000 + number:08d}",
        "emailadres": "",
    }
    moment = datetime.now(UTC) - timedelta(hours=1 + number % 20)
    await behandeling.create_terugbelverzoek(session, kcc, zaak, gegevens, moment)
    notitie = "Aanvrager wacht op aanvullende stukken van de architect; daarna beoordeling afronden."
    await behandeling.add_notitie(
        session, replace(auth, user_id=behandelaar, user_representation=naam), zaak, notitie, moment
    )


async def _status(
    session: AsyncSession, auth: AuthContext, zaak_url: str, statustype: str, day: date, today: date, rng
) -> None:
    moment = datetime.combine(day, time(8 + rng.randrange(9), rng.randrange(60)), UTC)
    if day >= today:  # never in the future
        moment = datetime.now(UTC) - timedelta(minutes=1 + rng.randrange(30))
    await zaken.create_status(
        session,
        auth,
        {"zaak": zaak_url, "statustype": statustype, "datumStatusGezet": moment.isoformat(), "statustoelichting": ""},
    )
