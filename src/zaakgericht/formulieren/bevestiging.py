"""The ontvangstbevestiging e-mail of a submitted form: zaaknummer, zaaktype, the expected decision date and
where to follow the zaak (the PDF of the form goes with it as an attachment)."""

from datetime import date, datetime
from html import escape

from ..api import urls
from ..catalogi.models import ZaakType
from ..zaken.informeren import MAANDEN, dutch_date
from ..zaken.models import Zaak


def verwachte_beslisdatum(zaak: Zaak) -> date | None:
    """When the person may expect a decision: einddatumGepland, else uiterlijkeEinddatumAfdoening."""
    return zaak.einddatum_gepland or zaak.uiterlijke_einddatum_afdoening


def datum_in_woorden(day: date | None) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}" if day else "nog niet bekend"


def email(zaak: Zaak, zaaktype: ZaakType, aanvrager: str, naam: str, moment: datetime) -> tuple[str, str, str]:
    """Subject, plain text and HTML."""
    onderwerp = f"Ontvangstbevestiging van uw aanvraag {zaak.identificatie}"
    link = f"{urls.base_url()}/mijn-zaken/{zaak.uuid}"
    beslisdatum = datum_in_woorden(verwachte_beslisdatum(zaak))
    aanhef = f"Beste {naam}," if naam else "Beste heer of mevrouw,"
    regels = [
        ("Zaaknummer", zaak.identificatie),
        ("Soort aanvraag", zaaktype.omschrijving),
        ("Ingediend op", dutch_date(moment)),
        ("Aanvrager", aanvrager),
        ("U hoort uiterlijk van ons op", beslisdatum),
    ]
    tekst = (
        f"{aanhef}\n\n"
        f"Wij hebben uw aanvraag {zaaktype.omschrijving} goed ontvangen. Dank u wel.\n\n"
        + "".join(f"{label}: {waarde}\n" for label, waarde in regels)
        + "\nIn de bijlage vindt u de gegevens die u heeft ingevuld.\n"
        f"Volg uw aanvraag op {link}\n\n"
        "Met vriendelijke groet,\nUw gemeente\n\n"
        "Dit is een automatisch bericht. U kunt niet op dit bericht antwoorden.\n"
    )
    html = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(onderwerp)}</title>\n</head>\n<body>\n"
        f"<p>{escape(aanhef)}</p>\n"
        f"<p>Wij hebben uw aanvraag {escape(zaaktype.omschrijving)} goed ontvangen. Dank u wel.</p>\n<p>"
        + "<br>\n".join(f"<strong>{escape(label)}:</strong> {escape(waarde)}" for label, waarde in regels)
        + "</p>\n<p>In de bijlage vindt u de gegevens die u heeft ingevuld.</p>\n"
        f'<p><a href="{escape(link)}">Volg uw aanvraag {escape(zaak.identificatie)}</a></p>\n'
        "<p>Met vriendelijke groet,<br>\nUw gemeente</p>\n"
        "<p>Dit is een automatisch bericht. U kunt niet op dit bericht antwoorden.</p>\n"
        "</body>\n</html>\n"
    )
    return onderwerp, tekst, html
