"""Small pure steps that turn an export's raw text into values: numbers, reps, dates, set types, units, notes.

Each raises ValueError with a reason; the readers add the file, line and column. The ones a workout repeats on
every row (its date, length and notes) are cached: an export of 100,000 sets has only a few thousand of each.
Values are held to the bounds of domain/limits.py here, where the column is known, rather than later when the
workout is built and only the row is.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from functools import lru_cache

from liftlore.domain.limits import MAX_NOTES_LENGTH, MAX_SUPERSET_GROUP, check_moment, check_text
from liftlore.domain.training import SetType
from liftlore.domain.units import DistanceUnit, WeightUnit, distance_unit, parse_span, weight_unit
from liftlore.errors import LiftloreError

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_HEVY_DATE = re.compile(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_STRONG_SET_ORDER = {"w": SetType.WARM_UP, "d": SetType.DROP, "f": SetType.FAILURE}
_HEVY_SET_TYPES = {
    "normal": SetType.NORMAL,
    "warmup": SetType.WARM_UP,
    "warm-up": SetType.WARM_UP,
    "dropset": SetType.DROP,
    "drop": SetType.DROP,
    "failure": SetType.FAILURE,
}
_HEADER_UNIT = re.compile(r"^(?P<name>[a-z ]+?)\s*\((?P<unit>[a-z]+)\)$")


def number(text: str) -> float | None:
    """'10.0' -> 10.0, '' -> None; a decimal comma ('42,5', from a ';'-separated export) is a decimal point."""
    try:
        value = float(text)  # the common case, fast: float() ignores surrounding spaces
    except ValueError:
        cleaned = text.strip().replace(",", ".")
        if not cleaned:
            return None
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a number")
    return value


def zero_is_none(value: float | None) -> float | None:
    """Strong writes 0 for "not recorded" in its distance and seconds columns."""
    return None if value == 0 else value


def reps(text: str) -> int | None:
    """'13.0' -> 13 (Strong writes reps as decimals); '13.5' is refused; '' -> None."""
    value = number(text)
    if value is None:
        return None
    if not value.is_integer() or value < 0:
        raise ValueError(f"'{text}' is not a whole number of reps")
    return int(value)


@lru_cache(maxsize=4096)
def strong_date(text: str) -> datetime:
    """'2024-11-28 17:36:08' (or without seconds) -> a naive local time."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a date like 2024-11-28 17:36:08")
    return _datetime(match.groups(), text)


@lru_cache(maxsize=4096)
def hevy_date(text: str) -> datetime:
    """'15 Sep 2025, 07:48' -> a naive local time; ISO dates are accepted too."""
    cleaned = text.strip()
    iso = _ISO_DATE.fullmatch(cleaned)
    if iso is not None:
        return _datetime(iso.groups(), text)
    match = _HEVY_DATE.fullmatch(cleaned)
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        raise ValueError(f"'{text}' is not a date like 15 Sep 2025, 07:48")
    day, _, year, hour, minute, second = match.groups()
    return _checked(int(year), month, int(day), int(hour), int(minute), int(second or 0), text)


def _datetime(groups: tuple[str | None, ...], text: str) -> datetime:
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in groups)
    return _checked(year, month, day, hour, minute, second, text)


def _checked(year: int, month: int, day: int, hour: int, minute: int, second: int, text: str) -> datetime:
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date or time") from None
    try:
        # Year 9999 is a real date, but adding the workout's length to it overflows.
        return check_moment(moment, "")
    except LiftloreError as exc:
        raise ValueError(exc.message) from None


@lru_cache(maxsize=4096)
def span(text: str) -> float | None:
    """A workout's length: '1h 5m' -> 3900 seconds, '' -> None."""
    if not text.strip():
        return None
    seconds = parse_span(text)
    if seconds is None or not math.isfinite(seconds):  # 400 digits of hours is infinite as a float
        raise ValueError(f"'{text}' is not a duration like 1h 5m")
    return seconds


def strong_set_order(text: str) -> SetType:
    """Strong's 'Set Order': 1, 2, 3 ... for working sets, W, D and F for warm-up, drop and failure sets."""
    cleaned = text.strip().lower()
    if cleaned in _STRONG_SET_ORDER:
        return _STRONG_SET_ORDER[cleaned]
    if cleaned.isdigit():
        return SetType.NORMAL
    raise ValueError(f"'{text}' is not a set order (a number, or W, D or F)")


def hevy_set_type(text: str) -> SetType:
    set_type = _HEVY_SET_TYPES.get(text.strip().lower())
    if set_type is None:
        raise ValueError(f"'{text}' is not a set type (normal, warmup, failure or dropset)")
    return set_type


def set_index(text: str) -> int:
    """Hevy's 0-based position of a set within its exercise."""
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise ValueError(f"'{text}' is not a set index (0, 1, 2 ...)")
    return int(cleaned)


def superset(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise ValueError(f"'{text}' is not a superset number")
    if len(cleaned) > 6 or int(cleaned) > MAX_SUPERSET_GROUP:  # the length first: int() of 5,000 digits is refused
        raise ValueError(f"a superset number is at most {MAX_SUPERSET_GROUP}, not {cleaned[:10]}")
    return int(cleaned)


@lru_cache(maxsize=4096)
def notes(text: str) -> str | None:
    """Trimmed notes, or None. Some exports write line breaks inside notes as the two characters '\\n';
    those become real line breaks."""
    cleaned = text.replace("\r\n", "\n").replace("\\n", "\n")
    return bounded_text(cleaned, MAX_NOTES_LENGTH) or None


@lru_cache(maxsize=4096)
def name(text: str, max_length: int) -> str:
    """An exercise's or a workout's name, trimmed and bounded (`bounded_text`); cached, since a log repeats a few
    dozen names on every one of its rows."""
    return bounded_text(text, max_length)


def bounded_text(text: str, max_length: int) -> str:
    """A name or notes, trimmed; refused when longer than `max_length` or holding characters that are not text
    (control characters, lone surrogates): domain/limits.py's `check_text`, with the ValueError the readers
    expect."""
    try:
        return check_text(text, "", max_length)
    except LiftloreError as exc:
        raise ValueError(exc.message) from None


def header_unit(column: str) -> tuple[str, str | None]:
    """Strong's 'weight (kg)' -> ('weight', 'kg'); 'weight' -> ('weight', None). (Hevy's 'weight_lbs' is one of
    the few column names hevy.py knows.)"""
    match = _HEADER_UNIT.match(column)
    if match:
        return match.group("name").strip(), match.group("unit")
    return column, None


def weight_unit_named(text: str) -> WeightUnit:
    try:
        return weight_unit(text)
    except LiftloreError:
        raise ValueError(f"'{text}' is not a weight unit (kg or lbs)") from None


def distance_unit_named(text: str) -> DistanceUnit:
    try:
        return distance_unit(text)
    except LiftloreError:
        raise ValueError(f"'{text}' is not a distance unit (m, km or mi)") from None
