"""Moments (date-times) as the APIs take them in bodies and query parameters.

Moments are stored and compared in UTC; one without a zone is the municipality's local time. A
moment that is valid ISO 8601 but lies outside Python's calendar once in UTC or in Dutch time
(``9999-12-31T23:59:59-14:00``, ``0001-01-01T00:00:00+01:00``) cannot be stored, compared or shown, so it is
refused as invalid input: in a body through the ``Moment`` type (``invalid``, a 400), in a query parameter
as the ``ValueError`` every filter parser raises.
"""

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

TIMEZONE = ZoneInfo("Europe/Amsterdam")
OUTSIDE_CALENDAR = "Dit moment valt buiten de kalender (0001-01-01 tot en met 9999-12-31 UTC)."


def utc(value: datetime) -> datetime:
    """The moment in UTC; ValueError when it lies outside the calendar there."""
    try:
        return (value if value.tzinfo else value.replace(tzinfo=TIMEZONE)).astimezone(UTC)
    except OverflowError:
        raise ValueError(OUTSIDE_CALENDAR) from None


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment from a query parameter, in UTC; ValueError when it is none."""
    return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def _in_calendar(value: datetime) -> datetime:
    """Exists in UTC (as stored) and in Dutch time (as shown and as days are counted)."""
    try:
        utc(value).astimezone(TIMEZONE)
    except (ValueError, OverflowError):
        raise PydanticCustomError("invalid", OUTSIDE_CALENDAR) from None
    return value


# A date-time field of a request body: as given (its zone kept), known to exist in UTC.
Moment = Annotated[datetime, AfterValidator(_in_calendar)]
