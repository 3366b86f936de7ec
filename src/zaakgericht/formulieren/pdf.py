"""The PDF of a submitted form: what the person sent, as they saw it on the summary page.

Made with fpdf2 and its built-in Helvetica, so no font files are needed; those fonts cover Latin-1, and any
other character is replaced rather than refusing the aanvraag.
"""

from datetime import datetime

from fpdf import FPDF

from ..zaken.informeren import dutch_date
from .samenvatting import Onderdeel


def _latin1(tekst: str) -> str:
    tekst = tekst.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    tekst = tekst.replace("\u2013", "-").replace("\u2014", "-").replace("\u20ac", "EUR")
    return tekst.encode("latin-1", "replace").decode("latin-1")


def aanvraag_pdf(
    *, titel: str, zaaknummer: str, gemeente: str, ingediend: datetime, onderdelen: list[Onderdeel]
) -> bytes:
    """A4 pages: the title, zaaknummer and date, then per step its questions and answers."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"{titel} {zaaknummer}"))
    pdf.set_author(_latin1(gemeente))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    breedte = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(breedte, 8, _latin1(titel), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(breedte, 6, _latin1(f"Zaaknummer: {zaaknummer}"), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        breedte, 6, _latin1(f"Ingediend op {dutch_date(ingediend)} bij {gemeente}"), new_x="LMARGIN", new_y="NEXT"
    )
    for onderdeel in onderdelen:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(breedte, 7, _latin1(onderdeel.kop), new_x="LMARGIN", new_y="NEXT")
        for vraag, antwoord in onderdeel.regels:
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(breedte, 6, _latin1(vraag), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(breedte, 6, _latin1(antwoord or "-"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
