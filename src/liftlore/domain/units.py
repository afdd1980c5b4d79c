"""Units at the edges: the store keeps kilograms, metres and seconds; people type and read kg or lb, km or miles.

Every conversion in liftlore goes through this module, so a weight typed in pounds and shown again in pounds comes
back as the same number (the store keeps full precision; rounding happens only when a number is shown).
"""

from __future__ import annotations

import re
from enum import StrEnum

from liftlore.errors import LiftloreError

KG_PER_LB = 0.45359237  # exact, by the international pound of 1959
METRES_PER_MILE = 1609.344  # exact, by the international mile


class WeightUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class DistanceUnit(StrEnum):
    M = "m"
    KM = "km"
    MI = "mi"


_WEIGHT_NAMES = {
    "kg": WeightUnit.KG,
    "kgs": WeightUnit.KG,
    "kilo": WeightUnit.KG,
    "kilos": WeightUnit.KG,
    "kilogram": WeightUnit.KG,
    "kilograms": WeightUnit.KG,
    "lb": WeightUnit.LB,
    "lbs": WeightUnit.LB,
    "pound": WeightUnit.LB,
    "pounds": WeightUnit.LB,
}
_DISTANCE_NAMES = {
    "m": DistanceUnit.M,
    "meter": DistanceUnit.M,
    "meters": DistanceUnit.M,
    "metre": DistanceUnit.M,
    "metres": DistanceUnit.M,
    "km": DistanceUnit.KM,
    "kilometers": DistanceUnit.KM,
    "kilometres": DistanceUnit.KM,
    "mi": DistanceUnit.MI,
    "mile": DistanceUnit.MI,
    "miles": DistanceUnit.MI,
}
_METRES = {DistanceUnit.M: 1.0, DistanceUnit.KM: 1000.0, DistanceUnit.MI: METRES_PER_MILE}


def weight_unit(text: str, *, field: str | None = None) -> WeightUnit:
    """'kg', 'KGS', 'lbs', 'pounds' -> the unit; anything else is the user's mistake, named as such."""
    unit = _WEIGHT_NAMES.get(text.strip().lower())
    if unit is None:
        raise LiftloreError(f"'{text}' is not a weight unit; use kg or lb", field=field)
    return unit


def distance_unit(text: str, *, field: str | None = None) -> DistanceUnit:
    unit = _DISTANCE_NAMES.get(text.strip().lower())
    if unit is None:
        raise LiftloreError(f"'{text}' is not a distance unit; use m, km or mi", field=field)
    return unit


def to_kg(value: float, unit: WeightUnit) -> float:
    return value * KG_PER_LB if unit is WeightUnit.LB else value


def from_kg(kg: float, unit: WeightUnit) -> float:
    return kg / KG_PER_LB if unit is WeightUnit.LB else kg


def to_metres(value: float, unit: DistanceUnit) -> float:
    return value * _METRES[unit]


def from_metres(metres: float, unit: DistanceUnit) -> float:
    return metres / _METRES[unit]


def distance_unit_for(weight: WeightUnit) -> DistanceUnit:
    """People who lift in pounds usually walk in miles."""
    return DistanceUnit.MI if weight is WeightUnit.LB else DistanceUnit.KM


def plain_number(value: float, places: int = 2) -> str:
    """102.5 -> '102.5', 100.0 -> '100', 88.1849 -> '88.18': no trailing zeros, no float noise."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_weight(kg: float, unit: WeightUnit) -> str:
    return f"{plain_number(from_kg(kg, unit))} {unit.value}"


def format_distance(metres: float, unit: DistanceUnit) -> str:
    return f"{plain_number(from_metres(metres, unit), 3)} {unit.value}"


def format_duration(seconds: float) -> str:
    """75 -> '1:15', 3725 -> '1:02:05', 45 -> '45s': the way a clock or a stopwatch shows it."""
    if seconds < 60:  # compared before rounding: 59.5 rounds to 60 and would show as '1:00', a second too long
        return f"{plain_number(seconds)}s"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_SPAN_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b")
_SPAN_SECONDS = {"h": 3600, "m": 60, "s": 1}


def parse_span(text: str) -> float | None:
    """'1h 5m' -> 3900, '35m' -> 2100, '90s' -> 90, '1:05:00' -> 3900; None when it is not a time span.

    Strong writes workout durations as '1h 5m'; a bare 'm' means minutes here (never metres), because only
    times are expected where this is called.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    clock = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{2})", cleaned)
    if clock:
        hours = int(clock.group(1) or 0)
        return hours * 3600 + int(clock.group(2)) * 60 + int(clock.group(3))
    total = 0.0
    position = 0
    for match in _SPAN_PART.finditer(cleaned):
        if cleaned[position : match.start()].strip():
            return None
        total += float(match.group(1)) * _SPAN_SECONDS[match.group(2)[0]]
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        return None
    return total
