"""Durations as people say them, to the ISO 8601 the Catalogi API stores and back to words."""

import isodate
import pytest

from zaakgericht.catalogi import duur

NAAR_ISO = [
    ("8 weken", "P8W"),
    ("1 week", "P1W"),
    ("42 dagen", "P42D"),
    ("1 dag", "P1D"),
    ("3 maanden", "P3M"),
    ("1 maand", "P1M"),
    ("1 jaar", "P1Y"),
    ("10 jaar", "P10Y"),
    ("2 jaren", "P2Y"),
    ("1 jaar en 6 maanden", "P1Y6M"),
    ("1 jaar, 6 maanden en 10 dagen", "P1Y6M10D"),
    ("1 jaar 6 maanden", "P1Y6M"),
    ("6 maanden en 1 jaar", "P1Y6M"),  # any order, stored in ISO order
    ("6 weken en 3 dagen", "P45D"),  # ISO 8601 has the week only on its own
    ("3 maanden en 2 weken", "P3M14D"),
    ("  8   Weken ", "P8W"),
    ("8weken", "P8W"),
    ("8 wk", "P8W"),
    ("3 mnd.", "P3M"),
    ("een jaar", "P1Y"),
    ("twee weken", "P2W"),
    ("0 dagen", "P0D"),
    ("1 jaar en 0 maanden", "P1Y"),
    ("P42D", "P42D"),  # already ISO 8601
    ("p8w", "P8W"),
    ("P1Y6M", "P1Y6M"),
    ("PT24H", "PT24H"),
]

IN_WOORDEN = [
    ("P8W", "8 weken"),
    ("P1W", "1 week"),
    ("P1M", "1 maand"),
    ("P3M", "3 maanden"),
    ("P42D", "42 dagen"),
    ("P1D", "1 dag"),
    ("P1Y", "1 jaar"),
    ("P10Y", "10 jaar"),
    ("P1Y6M", "1 jaar en 6 maanden"),
    ("P1Y6M10D", "1 jaar, 6 maanden en 10 dagen"),
    ("P6W3D", "6 weken en 3 dagen"),  # stored so by an API client: shown as it says
    ("P0D", "0 dagen"),
    ("P1Y0M", "1 jaar"),
    ("PT24H", "24 uur"),
    ("P1DT1H30M", "1 dag, 1 uur en 30 minuten"),
    ("PT1M", "1 minuut"),
    ("", ""),
    (None, ""),
    ("P1.5Y", "P1.5Y"),  # not whole numbers: shown as stored
    ("onzin", "onzin"),
]

ONLEESBAAR = [
    "",
    "   ",
    "8",
    "weken",
    "8 dozijn",
    "acht-en-twintig dagen",
    "1,5 jaar",
    "8 weken en",
    "en 8 weken",
    "-P1D",
    "P",
    "PT",
    "P1.5Y",
    "8 weken plus",
    "weken 8",
]


@pytest.mark.parametrize(("tekst", "iso"), NAAR_ISO)
def test_what_people_type_becomes_iso_8601(tekst, iso):
    assert duur.naar_iso(tekst) == iso
    isodate.parse_duration(iso)  # and the Catalogi API accepts it


@pytest.mark.parametrize(("iso", "woorden"), IN_WOORDEN)
def test_a_stored_duration_reads_in_dutch(iso, woorden):
    assert duur.in_woorden(iso) == woorden


@pytest.mark.parametrize("iso", ["P8W", "P1M", "P42D", "P1Y6M", "P1Y6M10D", "P10Y", "P3M14D", "P0D"])
def test_the_words_shown_give_back_the_same_duration(iso):
    assert duur.naar_iso(duur.in_woorden(iso)) == iso


@pytest.mark.parametrize("tekst", ONLEESBAAR)
def test_what_is_no_duration_gets_a_plain_dutch_message(tekst):
    with pytest.raises(ValueError, match="^Vul een duur in zoals 8 weken, 42 dagen of 3 maanden.$"):
        duur.naar_iso(tekst)


@pytest.mark.parametrize("tekst", ["15 werkdagen", "1 werkdag", "3 weken en 2 werkdagen"])
def test_werkdagen_are_refused_because_iso_8601_has_none(tekst):
    with pytest.raises(ValueError, match="^Vul de duur in kalenderdagen, weken of maanden in, niet in werkdagen"):
        duur.naar_iso(tekst)


def test_a_unit_named_twice_and_a_huge_number_are_refused():
    with pytest.raises(ValueError, match="Noem elke eenheid één keer"):
        duur.naar_iso("3 weken en 2 weken")
    with pytest.raises(ValueError, match="ten hoogste 9999"):
        duur.naar_iso("100000 dagen")
    assert duur.naar_iso("9999 dagen") == "P9999D"
