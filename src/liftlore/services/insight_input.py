"""The insight reports' parameters as people type them (a week, a time, a day, a span of days), read and checked
once for the CLI's options and the API's query: a bad one is refused naming its field, never a traceback."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from liftlore.domain.limits import check_moment, check_text
from liftlore.errors import LiftloreError
from liftlore.services.insight import parse_week

MAX_PARAMETER_LENGTH = 64  # the longest week, time or day written out is about 32 characters
DEFAULT_DAYS_SPAN = timedelta(weeks=12)
MAX_DAYS_SPAN = 3 * 366  # days in one calendar answer: three years, enough for any history page


def read_week(text: str) -> str:
    """A week as typed (2026-W47), checked: too long, not a week, or a week outside the years any time may have is
    refused, naming the field `week`."""
    cleaned = check_text(text, "week", MAX_PARAMETER_LENGTH)
    parse_week(cleaned)
    return cleaned


def read_moment(text: str, field: str = "at") -> datetime:
    """'2026-11-20 18:30' or '2026-11-20T18:30+01:00'. A time without an offset is left without one: the service
    reads it in the person's zone."""
    cleaned = check_text(text, field, MAX_PARAMETER_LENGTH)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise LiftloreError(f"'{cleaned}' is not a time like 2026-11-20 18:30", field=field) from None
    return check_moment(moment, field)


def read_day(text: str, field: str) -> date:
    cleaned = check_text(text, field, MAX_PARAMETER_LENGTH)
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise LiftloreError(f"'{cleaned}' is not a day like 2026-11-20", field=field) from None
    check_moment(datetime.combine(day, time()), field)  # the same years any other time may have
    return day


def days_span(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The span a calendar asks for. Either end alone anchors twelve weeks on its side; neither: the twelve weeks
    up to today. Refused: an end before the start, or a span over MAX_DAYS_SPAN days."""
    before = DEFAULT_DAYS_SPAN - timedelta(days=1)
    if first is None and last is None:
        last = today
    if first is None:
        assert last is not None
        first = last - before
    if last is None:
        last = first + before
    if last < first:
        raise LiftloreError(f"the last day ({last}) is before the first ({first})", field="to")
    if (last - first).days + 1 > MAX_DAYS_SPAN:
        raise LiftloreError(f"at most {MAX_DAYS_SPAN:,} days at a time, not {(last - first).days + 1:,}", field="from")
    return first, last
