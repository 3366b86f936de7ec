"""The demo: a published zaaktypecatalogus of the fictitious Gemeente Voorbeeldstad, its zaken, and an API client.

``zaakgericht demo`` loads it so the APIs can be tried right after installation. The
catalogue is built through the catalogue's domain services, as an API client would
build it, so the demo data obeys every rule real data does. Loading is idempotent:
an existing demo catalogue or demo client is left as it is.

Links to the Selectielijst point at this installation's own Referentielijsten API
(Selectielijst gemeenten en intergemeentelijke organen 2020).
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .accounts import service as accounts
from .api import urls
from .api.auth import AuthContext
from .autorisaties.service import ClientExists, create_applicatie_with_secret
from .catalogi import queries, service
from .catalogi.models import Catalogus
from .db import write_session
from .demo_zaken import load_demo_zaken
from .formulieren import service as formulieren
from .huisstijl import service as huisstijl

DEMO_CLIENT_ID = "zaakgericht-demo"
DEMO_SECRET = "zaakgericht-demo-geheim"

DOMEIN = "DEMO"
RSIN = "002220647"
BEGIN = "2026-01-01"

AUTH = AuthContext(client_id=DEMO_CLIENT_ID, applicatie_label="Demo", heeft_alle_autorisaties=True)

PRODUCTEN = "https://producten.voorbeeldstad.example"

# --- Selectielijst 2020 (UUIDs in referentielijsten/data) -----------------------------------

VOORZIENINGEN_VERSTREKKEN = "bd1ec0a0-0ecd-4046-8372-dcb6bdfda891"  # procestype 8
TOESTEMMING_VERLENEN = "3e1f6d3e-617f-43e1-87be-8bd255ef4745"  # procestype 11
GESCHILLEN_BEHANDELEN = "d4e71ef1-a20f-4023-8023-112002f6327c"  # procestype 13
ONDERHOUDEN_EN_REPAREREN = "388645ae-bb7f-4b2b-ba70-94b70f713d45"  # procestype 15

AFGEWEZEN = "e6a0c939-3404-45b0-88e3-76c94fb80ea7"
INGETROKKEN = "a6a0bd73-262a-401a-b629-9c4a908c69b5"
TOEGEKEND = "fb65d251-1518-4185-865f-b8bdcfad07b1"

AFGEHANDELD_13_1 = "04c016fb-c7e6-4a77-a214-a504b469bb14"  # resultaat 13.1 of Geschillen behandelen

# --- the catalogue ---------------------------------------------------------------------------

CATALOGUS = {
    "domein": DOMEIN,
    "rsin": RSIN,
    "naam": "Zaaktypecatalogus Gemeente Voorbeeldstad",
    "versie": "2026",
    "begindatumVersie": BEGIN,
    "contactpersoonBeheerNaam": "Functioneel beheer zaaksysteem",
    "contactpersoonBeheerTelefoonnummer": "14 0123",
    "contactpersoonBeheerEmailadres": "zaaksysteem@voorbeeldstad.example",
}

# (omschrijving, vertrouwelijkheidaanduiding, informatieobjectcategorie)
INFORMATIEOBJECTTYPEN = [
    ("Aanvraagformulier", "zaakvertrouwelijk", "Aanvraag"),
    ("Bijlage bij aanvraag", "zaakvertrouwelijk", "Bijlage"),
    ("Ontvangstbevestiging", "zaakvertrouwelijk", "Brief"),
    ("Besluit", "zaakvertrouwelijk", "Besluit"),
    ("Afhandelingsbrief", "zaakvertrouwelijk", "Brief"),
    ("Melding", "intern", "Melding"),
    ("Foto", "intern", "Foto"),
    ("Klachtbrief", "vertrouwelijk", "Klacht"),
    ("Bezwaarschrift", "vertrouwelijk", "Bezwaarschrift"),
    ("Verslag hoorzitting", "vertrouwelijk", "Verslag"),
    ("Advies", "intern", "Advies"),
]

BESLUITTYPEN = [
    {
        "omschrijving": "Besluit omgevingsvergunning",
        "besluitcategorie": "Vergunning",
        "reactietermijn": "P6W",
        "publicatieIndicatie": True,
        "publicatietekst": "Verleende omgevingsvergunningen worden bekendgemaakt in het Gemeenteblad.",
        "publicatietermijn": "P6W",
        "toelichting": "Belanghebbenden kunnen binnen zes weken na bekendmaking bezwaar maken.",
        "informatieobjecttypen": ["Besluit"],
    },
    {
        "omschrijving": "Beslissing op bezwaar",
        "besluitcategorie": "Beslissing op bezwaar",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "toelichting": "Tegen de beslissing op bezwaar kan binnen zes weken beroep worden ingesteld bij de rechtbank.",
        "informatieobjecttypen": ["Besluit", "Advies"],
    },
    {
        "omschrijving": "Subsidiebeschikking",
        "besluitcategorie": "Subsidie",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "toelichting": "Beschikking tot verlening of weigering van een subsidie "
        "op grond van de Algemene subsidieverordening.",
        "informatieobjecttypen": ["Besluit"],
    },
]


@dataclass(frozen=True)
class Resultaat:
    omschrijving: str
    generiek: str  # a resultaattypeomschrijving
    klasse: str  # a selectielijst resultaat of the zaaktype's procestype
    toelichting: str
    brondatum: dict = field(default_factory=lambda: {"afleidingswijze": "afgehandeld"})
    besluittypen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Zaaktype:
    body: dict  # as in a POST to /zaaktypen, on top of ZAAKTYPE_DEFAULTS
    procestype: str  # a selectielijst procestype
    statussen: list[tuple[str, str]]  # (omschrijving, statustekst), in order
    rollen: list[tuple[str, str]]  # (omschrijving, omschrijvingGeneriek)
    resultaten: list[Resultaat]
    eigenschappen: list[dict]
    documenten: list[tuple[str, str]]  # (informatieobjecttype, richting)
    # Per statustype omschrijving, its checklistitemStatustype.
    checklists: dict[str, list[dict]] = field(default_factory=dict)


ZAAKTYPE_DEFAULTS = {
    "indicatieInternOfExtern": "extern",
    "opschortingEnAanhoudingMogelijk": False,
    "verlengingMogelijk": False,
    "publicatieIndicatie": False,
    "besluittypen": [],
    "deelzaaktypen": [],
    "gerelateerdeZaaktypen": [],
    "beginGeldigheid": BEGIN,
    "versiedatum": BEGIN,
}


def _eigenschap(naam: str, definitie: str, formaat: str, lengte: str, waarden: tuple[str, ...] = ()) -> dict:
    specificatie = {"formaat": formaat, "lengte": lengte, "kardinaliteit": "1", "waardenverzameling": list(waarden)}
    return {"naam": naam, "definitie": definitie, "specificatie": specificatie}


# Zaaktypen citizens may start online (/formulieren), with the introduction above the form.
ONLINE_FORMULIEREN = [
    ("MELDING-OPENBARE-RUIMTE", "Meld een kapotte lantaarnpaal, losliggende stoeptegels, zwerfafval of ander gebrek."),
    (
        "OMGEVINGSVERGUNNING",
        "Vraag een vergunning aan om te bouwen, te slopen, een boom te kappen of een uitweg aan te leggen.",
    ),
]

ZAAKTYPEN = [
    Zaaktype(
        body={
            "identificatie": "OMGEVINGSVERGUNNING",
            "omschrijving": "Omgevingsvergunning",
            "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            "doel": "Een besluit nemen op een aanvraag om een omgevingsvergunning voor een activiteit "
            "zoals bouwen, slopen, kappen of een uitweg aanleggen.",
            "aanleiding": "Een burger of bedrijf dient via het Omgevingsloket een aanvraag omgevingsvergunning in.",
            "onderwerp": "Omgevingsvergunning",
            "handelingInitiator": "Aanvragen",
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P8W",
            "servicenorm": "P6W",
            "opschortingEnAanhoudingMogelijk": True,
            "verlengingMogelijk": True,
            "verlengingstermijn": "P6W",
            "publicatieIndicatie": True,
            "publicatietekst": "Ontvangen aanvragen worden bekendgemaakt in het Gemeenteblad.",
            "trefwoorden": ["omgevingsvergunning", "bouwen", "verbouwen", "slopen", "kappen"],
            "productenOfDiensten": [f"{PRODUCTEN}/omgevingsvergunning"],
            "referentieproces": {"naam": "Aanvraag omgevingsvergunning behandelen"},
            "verantwoordelijke": "Team Vergunningen",
            "besluittypen": ["Besluit omgevingsvergunning"],
        },
        procestype=TOESTEMMING_VERLENEN,
        statussen=[
            ("Ontvangen", "Wij hebben uw aanvraag omgevingsvergunning ontvangen."),
            ("In behandeling", "Wij beoordelen uw aanvraag en vragen zo nodig advies."),
            ("Besluit genomen", "Wij hebben een besluit genomen op uw aanvraag."),
            ("Afgehandeld", "Uw aanvraag is afgehandeld. U ontvangt het besluit per post of in uw berichtenbox."),
        ],
        rollen=[
            ("Aanvrager", "initiator"),
            ("Vergunningverlener", "behandelaar"),
            ("Welstandsadviseur", "adviseur"),
            ("Teamleider Vergunningen", "beslisser"),
            ("Belanghebbende", "belanghebbende"),
        ],
        resultaten=[
            Resultaat(
                "Verleend",
                TOEGEKEND,
                "de0cade3-a070-4ae0-9ba6-41256c4bc0f8",  # 11.1.6 omgevingsvergunning, blijvend bewaren
                "De omgevingsvergunning is verleend.",
                besluittypen=("Besluit omgevingsvergunning",),
            ),
            Resultaat(
                "Geweigerd",
                AFGEWEZEN,
                "bcd33d3a-4a34-4143-9569-4d161ea6da6b",  # 11.2
                "De omgevingsvergunning is geweigerd.",
                besluittypen=("Besluit omgevingsvergunning",),
            ),
            Resultaat(
                "Ingetrokken",
                INGETROKKEN,
                "bf88fe4b-cc1b-4da1-97e0-f3d695416f2a",  # 11.3
                "De aanvrager heeft de aanvraag ingetrokken.",
            ),
        ],
        eigenschappen=[
            _eigenschap("bouwkosten", "Geraamde bouwkosten in euro, exclusief btw", "getal", "12"),
            _eigenschap("locatie", "Adres of kadastrale aanduiding van de locatie", "tekst", "200"),
            _eigenschap(
                "activiteit",
                "De hoofdactiviteit waarvoor vergunning wordt gevraagd",
                "tekst",
                "30",
                ("bouwen", "slopen", "kappen", "uitweg aanleggen", "monument wijzigen"),
            ),
        ],
        documenten=[
            ("Aanvraagformulier", "inkomend"),
            ("Bijlage bij aanvraag", "inkomend"),
            ("Advies", "intern"),
            ("Ontvangstbevestiging", "uitgaand"),
            ("Besluit", "uitgaand"),
        ],
        checklists={
            "In behandeling": [
                {
                    "itemnaam": "Aanvraag compleet",
                    "vraagstelling": "Zijn alle verplichte bijlagen bij de aanvraag aanwezig?",
                    "toelichting": "Bouwtekeningen, situatietekening en constructieberekening.",
                    "verplicht": True,
                },
                {"itemnaam": "Leges", "vraagstelling": "Zijn de leges betaald?", "verplicht": False},
            ],
            "Besluit genomen": [
                {
                    "itemnaam": "Welstandsadvies",
                    "vraagstelling": "Is het advies van de welstandscommissie ontvangen en verwerkt?",
                    "verplicht": True,
                },
            ],
        },
    ),
    Zaaktype(
        body={
            "identificatie": "MELDING-OPENBARE-RUIMTE",
            "omschrijving": "Melding openbare ruimte",
            "vertrouwelijkheidaanduiding": "intern",
            "doel": "Een gebrek of overlast in de openbare ruimte verhelpen, zoals een kapotte lantaarnpaal, "
            "losliggende stoeptegels of zwerfafval.",
            "aanleiding": "Een inwoner meldt een gebrek of overlast via de website, de app "
            "of het telefoonnummer 14 0123.",
            "onderwerp": "Melding openbare ruimte",
            "handelingInitiator": "Melden",
            "handelingBehandelaar": "Afhandelen",
            "doorlooptijd": "P5D",
            "servicenorm": "P3D",
            "trefwoorden": ["melding", "openbare ruimte", "straatverlichting", "bestrating", "zwerfafval"],
            "productenOfDiensten": [f"{PRODUCTEN}/melding-openbare-ruimte"],
            "referentieproces": {"naam": "Melding openbare ruimte afhandelen"},
            "verantwoordelijke": "Team Beheer Openbare Ruimte",
        },
        procestype=ONDERHOUDEN_EN_REPAREREN,
        statussen=[
            ("Ontvangen", "Wij hebben uw melding ontvangen. Dank u wel."),
            ("In behandeling", "Wij bekijken uw melding en plannen het werk in."),
            ("Werk uitgevoerd", "Het werk naar aanleiding van uw melding is uitgevoerd."),
            ("Afgehandeld", "Uw melding is afgehandeld."),
        ],
        rollen=[
            ("Melder", "initiator"),
            ("Klantcontactmedewerker", "klantcontacter"),
            ("Medewerker buitendienst", "behandelaar"),
        ],
        resultaten=[
            Resultaat(
                "Afgehandeld",
                TOEGEKEND,
                "d8b21822-3ff1-4414-b17b-cbfd662b40d8",  # 15.1 uitgevoerd
                "Het gebrek is hersteld of de overlast is verholpen.",
            ),
            Resultaat(
                "Niet in behandeling genomen",
                AFGEWEZEN,
                "b8a84964-7cb1-4294-9fbf-edc4251f538b",  # 15.2 niet uitgevoerd
                "De melding valt niet onder het beheer van de gemeente of is al eerder gemeld.",
            ),
        ],
        eigenschappen=[
            _eigenschap("locatie", "Adres of omschrijving van de plek van het gebrek", "tekst", "200"),
            _eigenschap(
                "categorie",
                "Soort melding",
                "tekst",
                "30",
                ("straatverlichting", "bestrating", "groen", "zwerfafval", "speeltoestel", "overig"),
            ),
        ],
        documenten=[
            ("Melding", "inkomend"),
            ("Foto", "inkomend"),
            ("Afhandelingsbrief", "uitgaand"),
        ],
    ),
    Zaaktype(
        body={
            "identificatie": "KLACHT",
            "omschrijving": "Klacht",
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
            "doel": "Een klacht over een gedraging van de gemeente of een medewerker zorgvuldig behandelen "
            "volgens hoofdstuk 9 van de Algemene wet bestuursrecht.",
            "aanleiding": "Een inwoner of bedrijf dient een klacht in over de manier waarop "
            "de gemeente zich heeft gedragen.",
            "onderwerp": "Klacht over een gedraging",
            "handelingInitiator": "Indienen",
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P6W",
            "servicenorm": "P4W",
            "verlengingMogelijk": True,
            "verlengingstermijn": "P4W",
            "trefwoorden": ["klacht", "klachtbehandeling", "gedraging"],
            "productenOfDiensten": [f"{PRODUCTEN}/klacht-indienen"],
            "referentieproces": {"naam": "Klacht behandelen"},
            "verantwoordelijke": "Klachtencoördinator",
        },
        procestype=GESCHILLEN_BEHANDELEN,
        statussen=[
            ("Ontvangen", "Wij hebben uw klacht ontvangen."),
            ("In behandeling", "Wij onderzoeken uw klacht en nemen contact met u op voor een gesprek."),
            ("Klacht beoordeeld", "Wij hebben uw klacht beoordeeld."),
            ("Afgehandeld", "Uw klacht is afgehandeld. U ontvangt onze reactie schriftelijk."),
        ],
        rollen=[
            ("Klager", "initiator"),
            ("Klachtbehandelaar", "behandelaar"),
            ("Klachtencoördinator", "zaakcoordinator"),
        ],
        resultaten=[
            Resultaat("Gegrond", TOEGEKEND, AFGEHANDELD_13_1, "De klacht is gegrond."),
            Resultaat("Ongegrond", AFGEWEZEN, AFGEHANDELD_13_1, "De klacht is ongegrond."),
            Resultaat(
                "Ingetrokken",
                INGETROKKEN,
                "671e2d55-7416-4d8e-8b99-a2b444044e5a",  # 13.2 afgebroken
                "De klager heeft de klacht ingetrokken, bijvoorbeeld na een bemiddelend gesprek.",
            ),
        ],
        eigenschappen=[
            _eigenschap("datumGedraging", "Datum waarop de gedraging plaatsvond", "datum", "8"),
            _eigenschap("afdeling", "Afdeling waarover wordt geklaagd", "tekst", "80"),
        ],
        documenten=[
            ("Klachtbrief", "inkomend"),
            ("Ontvangstbevestiging", "uitgaand"),
            ("Verslag hoorzitting", "intern"),
            ("Afhandelingsbrief", "uitgaand"),
        ],
    ),
    Zaaktype(
        body={
            "identificatie": "BEZWAAR",
            "omschrijving": "Bezwaar",
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
            "doel": "Een besluit van de gemeente heroverwegen naar aanleiding van een bezwaarschrift "
            "en een beslissing op bezwaar nemen.",
            "aanleiding": "Een belanghebbende maakt binnen zes weken bezwaar tegen een besluit van de gemeente.",
            "onderwerp": "Bezwaar tegen een besluit",
            "handelingInitiator": "Indienen",
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P12W",
            "servicenorm": "P10W",
            "opschortingEnAanhoudingMogelijk": True,
            "verlengingMogelijk": True,
            "verlengingstermijn": "P6W",
            "trefwoorden": ["bezwaar", "bezwaarschrift", "heroverweging", "hoorzitting"],
            "productenOfDiensten": [f"{PRODUCTEN}/bezwaar-maken"],
            "referentieproces": {"naam": "Bezwaarschrift behandelen"},
            "verantwoordelijke": "Team Juridische Zaken",
            "besluittypen": ["Beslissing op bezwaar"],
        },
        procestype=GESCHILLEN_BEHANDELEN,
        statussen=[
            ("Ontvangen", "Wij hebben uw bezwaarschrift ontvangen."),
            ("In behandeling", "Wij behandelen uw bezwaar. U wordt uitgenodigd voor een hoorzitting."),
            ("Besluit genomen", "Er is een beslissing op uw bezwaar genomen."),
            ("Afgehandeld", "Uw bezwaar is afgehandeld. U ontvangt de beslissing op bezwaar schriftelijk."),
        ],
        rollen=[
            ("Indiener", "initiator"),
            ("Juridisch medewerker", "behandelaar"),
            ("Bezwaarschriftencommissie", "adviseur"),
            ("College van B en W", "beslisser"),
            ("Belanghebbende", "belanghebbende"),
        ],
        resultaten=[
            Resultaat(
                "Gegrond",
                TOEGEKEND,
                AFGEHANDELD_13_1,
                "Het bezwaar is gegrond; het besluit wordt herroepen.",
                besluittypen=("Beslissing op bezwaar",),
            ),
            Resultaat(
                "Ongegrond",
                AFGEWEZEN,
                AFGEHANDELD_13_1,
                "Het bezwaar is ongegrond; het besluit blijft in stand.",
                besluittypen=("Beslissing op bezwaar",),
            ),
            Resultaat(
                "Niet-ontvankelijk",
                AFGEWEZEN,
                "d0808272-34e0-468a-bcc0-85b7995df3b4",  # 13.1.4 niet ontvankelijk geschil
                "Het bezwaar is niet-ontvankelijk, bijvoorbeeld omdat het te laat is ingediend.",
                besluittypen=("Beslissing op bezwaar",),
            ),
            Resultaat(
                "Ingetrokken",
                INGETROKKEN,
                "671e2d55-7416-4d8e-8b99-a2b444044e5a",  # 13.2 afgebroken
                "De indiener heeft het bezwaar ingetrokken.",
            ),
        ],
        eigenschappen=[
            _eigenschap("kenmerkBesluit", "Kenmerk van het besluit waartegen bezwaar is gemaakt", "tekst", "50"),
            _eigenschap("datumBesluit", "Datum van het besluit waartegen bezwaar is gemaakt", "datum", "8"),
        ],
        documenten=[
            ("Bezwaarschrift", "inkomend"),
            ("Ontvangstbevestiging", "uitgaand"),
            ("Verslag hoorzitting", "intern"),
            ("Advies", "intern"),
            ("Besluit", "uitgaand"),
        ],
        checklists={
            "Besluit genomen": [
                {
                    "itemnaam": "Hoorzitting",
                    "vraagstelling": "Is de indiener gehoord of heeft deze afgezien van horen?",
                    "verplicht": True,
                },
            ],
        },
    ),
    Zaaktype(
        body={
            "identificatie": "SUBSIDIEAANVRAAG",
            "omschrijving": "Subsidieaanvraag",
            "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            "doel": "Een besluit nemen op een aanvraag om subsidie voor een activiteit die bijdraagt "
            "aan het gemeentelijk beleid.",
            "aanleiding": "Een vereniging, stichting of inwoner vraagt subsidie aan op grond van "
            "de Algemene subsidieverordening.",
            "onderwerp": "Subsidie",
            "handelingInitiator": "Aanvragen",
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P8W",
            "servicenorm": "P6W",
            "opschortingEnAanhoudingMogelijk": True,
            "verlengingMogelijk": True,
            "verlengingstermijn": "P4W",
            "trefwoorden": ["subsidie", "subsidieaanvraag", "vereniging", "stichting"],
            "productenOfDiensten": [f"{PRODUCTEN}/subsidie-aanvragen"],
            "referentieproces": {"naam": "Subsidieaanvraag behandelen"},
            "verantwoordelijke": "Team Subsidies",
            "besluittypen": ["Subsidiebeschikking"],
        },
        procestype=VOORZIENINGEN_VERSTREKKEN,
        statussen=[
            ("Ontvangen", "Wij hebben uw subsidieaanvraag ontvangen."),
            ("In behandeling", "Wij toetsen uw aanvraag aan de subsidieregeling."),
            ("Besluit genomen", "Wij hebben een besluit genomen op uw subsidieaanvraag."),
            ("Afgehandeld", "Uw subsidieaanvraag is afgehandeld. U ontvangt de beschikking schriftelijk."),
        ],
        rollen=[
            ("Aanvrager", "initiator"),
            ("Subsidieadviseur", "behandelaar"),
            ("Teamleider Subsidies", "beslisser"),
        ],
        resultaten=[
            Resultaat(
                "Verleend",
                TOEGEKEND,
                "ae87c73e-47aa-4648-a373-3b6717736351",  # 8.1.7 subsidie
                "De subsidie is verleend.",
                brondatum={"afleidingswijze": "termijn", "procestermijn": "P1Y"},
                besluittypen=("Subsidiebeschikking",),
            ),
            Resultaat(
                "Geweigerd",
                AFGEWEZEN,
                "e2068367-1012-4795-984e-72901180ff80",  # 8.2
                "De subsidie is geweigerd.",
                besluittypen=("Subsidiebeschikking",),
            ),
            Resultaat(
                "Ingetrokken",
                INGETROKKEN,
                "a3388f94-be2c-440d-a03a-dd31f42bf0bd",  # 8.4 afgebroken
                "De aanvrager heeft de subsidieaanvraag ingetrokken.",
            ),
        ],
        eigenschappen=[
            _eigenschap("subsidiebedrag", "Aangevraagd subsidiebedrag in euro", "getal", "10"),
            _eigenschap("subsidieregeling", "De subsidieregeling waaronder de aanvraag valt", "tekst", "100"),
        ],
        documenten=[
            ("Aanvraagformulier", "inkomend"),
            ("Bijlage bij aanvraag", "inkomend"),
            ("Ontvangstbevestiging", "uitgaand"),
            ("Besluit", "uitgaand"),
        ],
    ),
]


# --- loading ---------------------------------------------------------------------------------


# One demo account per role (gebruikersnaam, naam, afdeling, rol); the behandelaars are those of the demo zaken.
DEMO_WACHTWOORD = "voorbeeldstad-demo"
DEMO_MEDEWERKERS = [
    ("behandelaar", "Bea Behandelaar", "Vergunningen", "behandelaar"),
    ("s.devries", "Sanne de Vries", "Vergunningen", "behandelaar"),
    ("m.elamrani", "Mohamed El Amrani", "Openbare ruimte", "behandelaar"),
    ("kcc", "Kees Klantcontact", "Klantcontactcentrum", "kcc"),
    ("beheerder", "Bram Beheer", "Functioneel beheer", "beheerder"),
    ("manager", "Mila Manager", "Vergunningen", "manager"),
    ("archivaris", "Arie Archivaris", "Documentaire informatievoorziening", "archivaris"),
]


async def load_demo() -> bool:
    """Load the demo catalogue with its demo zaken, the demo accounts and the demo client.

    True when the catalogue was created now."""
    created = await _load_catalogus()
    async with write_session() as session:
        catalogus = await session.scalar(select(Catalogus).where(Catalogus.domein == DOMEIN, Catalogus.rsin == RSIN))
        await load_demo_zaken(session, AUTH, catalogus, date.today())
        await _load_medewerkers(session)
        await _load_huisstijl(session)
    try:
        await create_applicatie_with_secret(
            client_id=DEMO_CLIENT_ID,
            secret=DEMO_SECRET,
            label="Demo-applicatie",
            heeft_alle_autorisaties=True,
            autorisaties=[],
        )
    except ClientExists:
        pass
    return created


async def _load_medewerkers(session: AsyncSession) -> None:
    for gebruikersnaam, naam, afdeling, rol in DEMO_MEDEWERKERS:
        try:
            await accounts.get_by_gebruikersnaam(session, gebruikersnaam)
            continue
        except accounts.UnknownMedewerker:
            pass
        gegevens = accounts.MedewerkerGegevens(
            gebruikersnaam=gebruikersnaam,
            naam=naam,
            organisatie=RSIN,
            afdeling=afdeling,
            rollen=[rol],
            email=f"{gebruikersnaam}@voorbeeldstad.example",
            heeft_alle_autorisaties=True,
        )
        await accounts.create_medewerker(session, gegevens, DEMO_WACHTWOORD)


# The Voorbeeldstad theme: its violet and blue, and a logo of a shield with three roofs, drawn for the demo.
HUISSTIJL_NAAM = "Gemeente Voorbeeldstad"
HUISSTIJL_PRIMAIR = "#5115ef"
HUISSTIJL_ACCENT = "#00568b"
HUISSTIJL_LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">
  <title>Gemeente Voorbeeldstad</title>
  <path d="M32 3 L58 12 V32 C58 47 46 57 32 61 C18 57 6 47 6 32 V12 Z" fill="#5115ef"/>
  <path d="M14 44 V30 L21 23 L28 30 V44 Z M25 44 V26 L32 18 L39 26 V44 Z" fill="#ffffff"/>
  <path d="M36 44 V30 L43 23 L50 30 V44 Z" fill="#ffffff"/>
  <rect x="30" y="34" width="4" height="10" fill="#5115ef"/>
  <path d="M12 47 H52" stroke="#ffffff" stroke-width="3" stroke-linecap="round"/>
</svg>
"""


async def _load_huisstijl(session: AsyncSession) -> None:
    """The Voorbeeldstad theme, unless a beheerder already set a huisstijl."""
    if (await huisstijl.weergave(session)).ingesteld:
        return
    await huisstijl.opslaan(
        session,
        huisstijl.Wijziging(
            naam=HUISSTIJL_NAAM, kleur_primair=HUISSTIJL_PRIMAIR, kleur_accent=HUISSTIJL_ACCENT, logo=HUISSTIJL_LOGO
        ),
    )


def _selectielijst(resource: str, uuid: str) -> str:
    return urls.build("referentielijsten", resource, uuid)


async def _load_catalogus() -> bool:
    async with write_session() as session:
        existing = await session.scalar(select(Catalogus.id).where(Catalogus.domein == DOMEIN, Catalogus.rsin == RSIN))
        if existing is not None:
            return False
        catalogus = await service.create_catalogus(session, CATALOGUS)
        catalogus_url = queries.url_of("catalogussen", catalogus.uuid)
        for omschrijving, vertrouwelijkheidaanduiding, categorie in INFORMATIEOBJECTTYPEN:
            iot = await service.save_type(
                session,
                AUTH,
                service.INFORMATIEOBJECTTYPE,
                {
                    "catalogus": catalogus_url,
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
                    "informatieobjectcategorie": categorie,
                    "beginGeldigheid": BEGIN,
                },
            )
            await service.publish_type(session, service.INFORMATIEOBJECTTYPE, iot)
        for body in BESLUITTYPEN:
            besluittype = await service.save_type(
                session, AUTH, service.BESLUITTYPE, {**body, "catalogus": catalogus_url, "beginGeldigheid": BEGIN}
            )
            await service.publish_type(session, service.BESLUITTYPE, besluittype)
        for zaaktype in ZAAKTYPEN:
            await _load_zaaktype(session, catalogus_url, zaaktype)
        for identificatie, intro in ONLINE_FORMULIEREN:
            await formulieren.zet_online(session, catalogus.id, identificatie, True, intro)
    return True


async def _load_zaaktype(session: AsyncSession, catalogus_url: str, spec: Zaaktype) -> None:
    zaaktype = await service.save_type(
        session,
        AUTH,
        service.ZAAKTYPE,
        {
            **ZAAKTYPE_DEFAULTS,
            **spec.body,
            "catalogus": catalogus_url,
            "selectielijstProcestype": _selectielijst("procestypen", spec.procestype),
        },
    )
    zaaktype_url = queries.url_of("zaaktypen", zaaktype.uuid)

    async def add(resource: str, data: dict) -> None:
        await service.save_subtype(session, AUTH, service.SUBKINDS[resource], {"zaaktype": zaaktype_url, **data})

    for volgnummer, (omschrijving, statustekst) in enumerate(spec.statussen, start=1):
        informeren = volgnummer in (1, len(spec.statussen))
        status = {"omschrijving": omschrijving, "statustekst": statustekst, "volgnummer": volgnummer}
        checklist = spec.checklists.get(omschrijving, [])
        await add("statustypen", {**status, "informeren": informeren, "checklistitemStatustype": checklist})
    for omschrijving, generiek in spec.rollen:
        await add("roltypen", {"omschrijving": omschrijving, "omschrijvingGeneriek": generiek})
    for resultaat in spec.resultaten:
        await add(
            "resultaattypen",
            {
                "omschrijving": resultaat.omschrijving,
                "resultaattypeomschrijving": _selectielijst("resultaattypeomschrijvingen", resultaat.generiek),
                "selectielijstklasse": _selectielijst("resultaten", resultaat.klasse),
                "toelichting": resultaat.toelichting,
                "brondatumArchiefprocedure": resultaat.brondatum,
                "besluittypen": list(resultaat.besluittypen),
            },
        )
    for eigenschap in spec.eigenschappen:
        await add("eigenschappen", eigenschap)
    for volgnummer, (informatieobjecttype, richting) in enumerate(spec.documenten, start=1):
        await add(
            "zaaktype-informatieobjecttypen",
            {"informatieobjecttype": informatieobjecttype, "volgnummer": volgnummer, "richting": richting},
        )
    await service.publish_type(session, service.ZAAKTYPE, zaaktype)
