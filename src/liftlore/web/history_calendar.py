"""The calendar of training days on /history: one month, Monday-first weeks, each trained day linking to its first
workout, from `insight.training_days` (whose JSON twin the page links to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from liftlore.errors import LiftloreError
from liftlore.services import insight, training_settings


def counted(number: int, word: str) -> str:
    """'1 set', '12 sets'."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


@dataclass(frozen=True)
class CalendarDay:
    day: date | None  # None: a cell of the grid outside the month
    workouts: int = 0
    today: bool = False
    href: str = ""  # the day's first workout

    @property
    def label(self) -> str:
        """What the day says to a screen reader: 'Tue 3 March: 2 workouts'."""
        assert self.day is not None
        said = f"{self.day:%a} {self.day.day} {self.day:%B}"
        if self.workouts:
            said += f": {counted(self.workouts, 'workout')}"
        return f"{said}, today" if self.today else said


@dataclass(frozen=True)
class Calendar:
    """One month of training days, Monday-first weeks, and the links around it."""

    title: str  # 'March 2026'
    weeks: tuple[tuple[CalendarDay, ...], ...]
    alt: str  # the calendar in one sentence
    json_href: str
    earlier: str  # the month before, 'YYYY-MM'
    later: str  # the month after; '' for the current month: nothing is logged ahead of today
    earlier_name: str  # 'February'
    later_name: str


def month_calendar(session: Session, asked: str) -> Calendar:
    """The month asked for (`?month=2026-03`), else the current one in the person's zone."""
    tz = training_settings.settings_zone(training_settings.training_settings(session))
    today = datetime.now(tz).date()
    first = _month(asked) if asked.strip() else today.replace(day=1)
    last = _next_month(first) - timedelta(days=1)
    days = insight.training_days(session, first, last).days
    counts = {d.date: d.workouts for d in days}
    links = {d.date: f"/workouts/{d.workout_ids[0]}" for d in days}
    cells = [CalendarDay(None)] * first.weekday()
    for number in range(1, last.day + 1):
        day = first.replace(day=number)
        cells.append(CalendarDay(day, counts.get(day, 0), day == today, links.get(day, "")))
    cells.extend([CalendarDay(None)] * (-len(cells) % 7))
    trained, workouts = len(counts), sum(counts.values())
    title = f"{first:%B %Y}"
    if trained:
        alt = f"{counted(trained, 'training day')} in {title}"
        alt += f" ({counted(workouts, 'workout')})." if workouts != trained else "."
    else:
        alt = f"No training days in {title}."
    following = _next_month(first)
    return Calendar(
        title=title,
        weeks=tuple(tuple(cells[i : i + 7]) for i in range(0, len(cells), 7)),
        alt=alt,
        json_href=f"/api/v1/insight/days?{urlencode({'from': first.isoformat(), 'to': last.isoformat()})}",
        earlier=f"{_previous_month(first):%Y-%m}" if first.year > _FIRST_YEAR or first.month > 1 else "",
        later=f"{following:%Y-%m}" if following <= today else "",
        earlier_name=f"{_previous_month(first):%B}",
        later_name=f"{following:%B}",
    )


_FIRST_YEAR, _LAST_YEAR = 1900, 9998  # the months one may ask for (a year 9999 month would have no next one)


def _month(text: str) -> date:
    """'2026-03' -> 1 March 2026; anything else is refused, naming the field."""
    year, _, month = text.strip().partition("-")
    # isdigit() alone would let "²⁰²⁶" through to int(), which refuses it: ASCII digits only.
    shaped = year.isascii() and month.isascii() and year.isdigit() and month.isdigit()
    shaped = shaped and len(year) == 4 and len(month) <= 2
    if shaped and _FIRST_YEAR <= int(year) <= _LAST_YEAR and 1 <= int(month) <= 12:
        return date(int(year), int(month), 1)
    raise LiftloreError(f"'{text[:40]}' is not a month; write it like 2026-03", field="month")


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _previous_month(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)
