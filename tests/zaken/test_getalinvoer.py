"""Numbers as Dutch people type them, read into the Zaken API's form, checked against a lengte and shown back."""

import pytest

from zaakgericht.zaken.getalinvoer import getal_bezwaar, lees_getal, nederlands
from zaakgericht.zaken.parts import _getal_errors


@pytest.mark.parametrize(
    ("getypt", "opgeslagen"),
    [
        ("25.000,50", "25000.50"),
        ("25000,50", "25000.50"),
        ("€ 25000", "25000"),
        ("€ 25.000", "25000"),
        ("€\u00a025.000,50", "25000.50"),  # a non-breaking space, as a copied amount has
        ("25.000,50 €", "25000.50"),
        ("EUR 12,50", "12.50"),
        ("  12,50  ", "12.50"),
        ("25 000,50", "25000.50"),  # spaces between the thousands
        ("1\u202f234\u202f567", "1234567"),  # narrow non-breaking spaces
        ("1.234.567", "1234567"),
        ("1.500", "1500"),  # one point before exactly three digits: thousands
        ("1.5", "1.5"),  # otherwise one point without a comma is a decimal point
        ("12.5", "12.5"),
        ("25000.50", "25000.50"),
        ("1.2345", "1.2345"),
        ("0.500", "0.500"),  # a group of thousands does not start with 0
        ("12,50", "12.50"),  # decimals as typed
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("€ 25,-", "25"),  # whole euros
        ("25,--", "25"),
        ("42", "42"),
        ("-1.500", "-1500"),
        ("€ -25,50", "-25.50"),
        ("\u221212,5", "-12.5"),  # the minus sign of a word processor
        ("+7", "7"),
    ],
)
def test_a_dutch_number_is_read_into_the_zaken_api_form(getypt, opgeslagen):
    assert lees_getal(getypt) == opgeslagen
    assert _getal_errors(opgeslagen, "") == []  # the Zaken API takes it as it is


@pytest.mark.parametrize(
    "getypt",
    [
        "",
        "€",
        "-",
        "twaalf",
        "12a",
        "12.",
        "12,",
        "1.2.3",  # points that are no thousands
        "12.34,5",  # with a comma, points must make groups of three
        "1.000.00",
        "1,000.50",  # English notation
        "1,5,0",
        "1 5",  # a space that is no thousands separator
        "1.000 000",  # mixed separators
        "--5",
        "- € -5",
        "€ 25,-5",
        "١٢",  # digits of another script
        ",-",
    ],
)
def test_what_is_no_number_is_not_read(getypt):
    assert lees_getal(getypt) is None


@pytest.mark.parametrize(
    ("waarde", "lengte", "bezwaar"),
    [
        ("25000.50", "8,2", None),
        ("123456.78", "8,2", None),
        ("1234567", "8,2", "Dit getal is te groot: hoogstens 6 cijfers voor de komma."),
        ("1.234", "8,2", "Vul hoogstens 2 cijfers achter de komma in."),
        ("1.23", "5,1", "Vul hoogstens 1 cijfer achter de komma in."),
        ("12.5", "8", "Vul een heel getal in, zonder cijfers achter de komma."),
        ("12345678", "8", None),
        ("0.50", "3,2", None),  # a leading zero is no digit, as the Zaken API counts
        ("123456789.123", "", None),  # no lengte: no limit
        ("123456789.123", "onbekend", None),
    ],
)
def test_a_number_is_checked_against_the_lengte_as_the_zaken_api_checks_it(waarde, lengte, bezwaar):
    assert getal_bezwaar(waarde, lengte) == bezwaar
    assert (_getal_errors(waarde, lengte) == []) is (bezwaar is None)


@pytest.mark.parametrize(
    ("opgeslagen", "getoond"),
    [
        ("25000.50", "25.000,50"),
        ("25000", "25.000"),
        ("1234567.5", "1.234.567,5"),
        ("999", "999"),
        ("12.50", "12,50"),
        ("12,50", "12,50"),  # from a client that writes a comma
        ("-1500", "-1.500"),
        ("0.500", "0,500"),
    ],
)
def test_a_stored_number_is_shown_in_dutch_notation_and_reads_back_the_same(opgeslagen, getoond):
    assert nederlands(opgeslagen) == getoond
    assert lees_getal(getoond) == opgeslagen.replace(",", ".")


def test_what_is_no_stored_number_is_not_shown_as_one():
    assert nederlands("twaalf") is None and nederlands("1e5") is None
