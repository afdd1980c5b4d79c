"""The training log as data: a workout holds exercise entries in order, an entry holds sets.

Weights are kilograms (negative means assisted: a band or a machine took that much off), distances metres and
times seconds; units people type are converted before anything here is built. Workout times are aware datetimes
in the zone the workout happened in, so "07:48 in Berlin" stays 07:48 in Berlin wherever it is read.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from liftlore.domain.limits import (
    MAX_DISTANCE_M,
    MAX_DURATION_S,
    MAX_NAME_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_REPS,
    MAX_SUPERSET_GROUP,
    MAX_WEIGHT_KG,
    MAX_WORKOUT_NAME_LENGTH,
    check_finite,
    check_moment,
    check_text,
    shown,
)
from liftlore.errors import LiftloreError


class SetType(StrEnum):
    NORMAL = "normal"
    WARM_UP = "warm-up"
    DROP = "drop"
    FAILURE = "failure"


class Side(StrEnum):
    """Which side did the set. BOTH is a bilateral set, or a one-sided set done the same way on each side
    (what apps without sides record, so imported sets of unilateral exercises are BOTH)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


@dataclass(frozen=True)
class SetEntry:
    """One set. `side` is None only before the exercise is known (the grammar leaves it to the exercise's
    laterality); stored sets always have one. `weight_kg` None means no load recorded (body weight)."""

    reps: int | None = None
    weight_kg: float | None = None
    set_type: SetType = SetType.NORMAL
    side: Side | None = None
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    performed_at: datetime | None = None
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        check_set(self)

    @property
    def reps_in_reserve(self) -> float | None:
        return reps_in_reserve(self.rpe, self.rir)


def reps_in_reserve(rpe: float | None, rir: float | None) -> float | None:
    """RIR as given, or 10 - RPE (Zourdos 2016; Helms 2016): the one effort figure the RPE chart needs."""
    if rir is not None:
        return rir
    return None if rpe is None else 10.0 - rpe


def check_set(entry: SetEntry) -> None:
    """Refuse values no set can have, naming the field; both RPE and RIR together are refused because they
    would have to agree (RIR = 10 - RPE) and a log should not hold two answers to one question.

    Every number must be finite first: NaN compares false with everything, so it would slip through the range
    checks below, and an infinite duration or distance was stored and then broke every read of its workout."""
    reps, weight, rpe, rir = entry.reps, entry.weight_kg, entry.rpe, entry.rir
    if reps is not None:
        check_finite(reps, "reps")
        if not 0 <= reps <= MAX_REPS:
            raise LiftloreError(f"reps must be between 0 and {MAX_REPS}, not {shown(reps)}", field="reps")
        if not float(reps).is_integer():  # typed int, but the API and old JSON may hand over 5.5
            raise LiftloreError(f"reps are whole numbers, not {reps:g}", field="reps")
    if weight is not None:
        check_finite(weight, "weight")
        if not -MAX_WEIGHT_KG <= weight <= MAX_WEIGHT_KG:
            raise LiftloreError(f"a weight of {shown(weight)} kg is not believable", field="weight")
    if rpe is not None:
        if rir is not None:
            raise LiftloreError("give RPE or RIR, not both (RIR = 10 - RPE)", field="rpe")
        _check_effort("rpe", rpe, 1)
    if rir is not None:
        _check_effort("rir", rir, 0)
    if entry.duration_s is not None:
        _check_measure("duration", entry.duration_s, MAX_DURATION_S, f"24 hours ({MAX_DURATION_S:g} s)", "s")
    if entry.distance_m is not None:
        _check_measure("distance", entry.distance_m, MAX_DISTANCE_M, f"1,000 km ({MAX_DISTANCE_M:g} m)", "m")
    if reps is None and entry.duration_s is None and entry.distance_m is None:
        raise LiftloreError("a set needs reps, a time or a distance", field="reps")
    if entry.performed_at is not None:
        check_moment(entry.performed_at, "performed_at")


def _check_measure(name: str, value: float, most: float, most_said: str, unit: str) -> None:
    check_finite(value, name)
    if value < 0:
        raise LiftloreError(f"a {name} cannot be negative", field=name)
    if value > most:
        raise LiftloreError(f"a {name} of {shown(value)} {unit} is more than {most_said}", field=name)


def _check_effort(name: str, value: float, lowest: int) -> None:
    check_finite(value, name)
    if not lowest <= value <= 10:
        raise LiftloreError(f"{name.upper()} is between {lowest} and 10, not {shown(value)}", field=name)
    # Effort scales go in halves (RPE 8, 8.5, 9); the RPE chart has a column for each half and no more.
    if not float(value * 2).is_integer():  # an int has no is_integer() before Python 3.12
        raise LiftloreError(f"{name.upper()} goes in halves (8 or 8.5), not {value:g}", field=name)


@dataclass(frozen=True)
class ExerciseEntry:
    """An exercise done in a workout, with its sets in order. The name is kept with the entry, so the log still
    reads right after the exercise is deleted from the library (then `exercise_slug` is None)."""

    exercise_name: str
    sets: tuple[SetEntry, ...]
    exercise_slug: str | None = None
    superset_group: int | None = None  # entries sharing a number were done as a superset
    notes: str | None = None
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        # Stored stripped: the checks return the text as it is kept (frozen, hence object.__setattr__).
        object.__setattr__(self, "exercise_name", _required_text(self.exercise_name, "exercise", MAX_NAME_LENGTH))
        object.__setattr__(self, "notes", _optional_text(self.notes, "notes", MAX_NOTES_LENGTH))
        group = self.superset_group
        if group is not None and not 0 <= group <= MAX_SUPERSET_GROUP:
            raise LiftloreError(f"a superset group is 0 to {MAX_SUPERSET_GROUP}, not {shown(group)}", field="superset")


WORKOUT_SOURCES = frozenset({"log", "strong", "hevy", "json"})


@dataclass(frozen=True)
class Workout:
    started_at: datetime  # aware, in the zone the workout happened in
    entries: tuple[ExerciseEntry, ...] = ()
    ended_at: datetime | None = None
    name: str | None = None
    notes: str | None = None
    source: str = "log"  # log (typed), strong, hevy or json (a liftlore export): one of WORKOUT_SOURCES
    id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("a workout's start time must carry its time zone")
        check_moment(self.started_at, "started_at")
        if self.ended_at is not None:
            check_moment(self.ended_at, "ended_at")
            if self.ended_at < self.started_at:
                raise LiftloreError("a workout cannot end before it starts", field="end")
        object.__setattr__(self, "name", _optional_text(self.name, "name", MAX_WORKOUT_NAME_LENGTH))
        object.__setattr__(self, "notes", _optional_text(self.notes, "notes", MAX_NOTES_LENGTH))
        if self.source not in WORKOUT_SOURCES:
            raise LiftloreError(f"unknown source; known: {', '.join(sorted(WORKOUT_SOURCES))}", field="source")

    @property
    def time_zone(self) -> str:
        return zone_name(self.started_at.tzinfo)

    @property
    def set_count(self) -> int:
        return sum(len(entry.sets) for entry in self.entries)

    @property
    def title(self) -> str:
        return self.name or f"Workout of {self.started_at:%Y-%m-%d}"


def _required_text(value: str, field: str, max_length: int) -> str:
    text = check_text(value, field, max_length)
    if not text:
        raise LiftloreError("cannot be empty", field=field)
    return text


def _optional_text(value: str | None, field: str, max_length: int) -> str | None:
    return None if value is None else check_text(value, field, max_length)


def with_sides(exercise_name: str, unilateral: bool, sets: tuple[SetEntry, ...]) -> tuple[SetEntry, ...]:
    """Sets with their side settled: a set of a unilateral exercise must say which side (refused otherwise, with
    how to say it); a bilateral exercise's sets without one are BOTH."""
    if unilateral and any(entry.side is None for entry in sets):
        raise LiftloreError(
            f"{exercise_name} is done one side at a time, so each set needs its side: put L or R before it "
            '("L 40kg x 10, R 40kg x 10"), or "each" for the same set on both sides ("each 40kg x 10")',
            field="side",
        )
    return tuple(entry if entry.side is not None else replace(entry, side=Side.BOTH) for entry in sets)


# -- time zones --------------------------------------------------------------------------------------------------

_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?")


def zone(name: str) -> tzinfo:
    """An IANA zone ('Europe/Berlin'), 'UTC', or a fixed offset ('+02:00', 'UTC-5')."""
    text = name.strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return UTC
    offset = _OFFSET.fullmatch(text)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise LiftloreError(f"'{name}' is not a time zone offset", field="timezone")
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise LiftloreError(
            f"unknown time zone '{name}'; use a name like Europe/Berlin or an offset like +02:00", field="timezone"
        ) from None


def zone_name(tz: tzinfo | None) -> str:
    """The inverse of `zone`: the IANA key, 'UTC', or '+HH:MM'."""
    if tz is None or tz is UTC:
        return "UTC"
    if isinstance(tz, ZoneInfo):
        return tz.key
    offset = tz.utcoffset(None)
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"
