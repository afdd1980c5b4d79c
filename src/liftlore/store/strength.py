"""The queries behind previous performance, personal records and e1RM histories.

One exercise's records need its sets in the order done (`lifts`); the overview of every exercise reads one
aggregate per entry and side instead (`strength_scan`), which SQLite answers from one covering index.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, case, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from liftlore.domain.training import SetEntry, SetType, Side, zone
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, WorkoutRow
from liftlore.store.training import from_db, sets_of_entries

# -- one exercise -------------------------------------------------------------------------


@dataclass(frozen=True)
class LiftRow:
    """A set with what records and e1RM histories need, in the order it was done."""

    set_id: uuid.UUID
    exercise_id: uuid.UUID | None
    workout_id: uuid.UUID
    started_at: datetime  # the workout's start, in its zone
    side: Side
    set_type: SetType
    weight_kg: float | None
    reps: int | None
    rpe: float | None
    rir: float | None


def lifts(session: Session, exercise_id: uuid.UUID) -> list[LiftRow]:
    """The sets of one exercise that can count for records (not warm-ups, with reps), in the order they were
    done: workout start, entry, set."""
    statement = (
        select(
            SetRow.id,
            ExerciseEntryRow.exercise_id,
            WorkoutRow.id,
            WorkoutRow.started_at,
            WorkoutRow.time_zone,
            SetRow.side,
            SetRow.set_type,
            SetRow.weight_kg,
            SetRow.reps,
            SetRow.rpe,
            SetRow.rir,
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(
            ExerciseEntryRow.exercise_id == exercise_id,
            SetRow.set_type != SetType.WARM_UP.value,
            SetRow.reps > 0,
        )
        .order_by(WorkoutRow.started_at, WorkoutRow.id, ExerciseEntryRow.position, SetRow.position)
    )
    rows = session.execute(statement)
    zones: dict[str, tzinfo] = {}
    found = []
    for set_id, ex_id, workout_id, started, tz_name, side, set_type, weight, reps, rpe, rir in rows:
        tz = zones.get(tz_name) or zones.setdefault(tz_name, zone(tz_name))
        found.append(
            LiftRow(
                set_id, ex_id, workout_id, from_db(started, tz), Side(side), SetType(set_type), weight, reps, rpe, rir
            )
        )
    return found


@dataclass(frozen=True)
class PreviousEntry:
    workout_id: uuid.UUID
    started_at: datetime
    entry_id: uuid.UUID
    sets: tuple[SetEntry, ...]


def recent_entries(
    session: Session, exercise_id: uuid.UUID, *, limit: int, offset: int = 0, exclude_workout: uuid.UUID | None = None
) -> list[PreviousEntry]:
    """The latest times this exercise was done (its entries, newest first), leaving out one workout if asked (the
    one in progress, when showing what was done last time)."""
    statement = (
        select(ExerciseEntryRow.id, WorkoutRow.id, WorkoutRow.started_at, WorkoutRow.time_zone)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(ExerciseEntryRow.exercise_id == exercise_id)
        .order_by(WorkoutRow.started_at.desc(), WorkoutRow.id, ExerciseEntryRow.position.desc())
        .limit(limit)
        .offset(offset)
    )
    if exclude_workout is not None:
        statement = statement.where(WorkoutRow.id != exclude_workout)
    found = []
    for entry_id, workout_id, started_at, tz_name in session.execute(statement).all():
        tz = zone(tz_name)
        sets = sets_of_entries(session, [entry_id], tz).get(entry_id, [])
        found.append(PreviousEntry(workout_id, from_db(started_at, tz), entry_id, tuple(sets)))
    return found


# -- the strength overview: one aggregate scan of every set ---------------------------------------------------------


@dataclass(frozen=True)
class StrengthScan:
    """The strength overview's raw material, keyed by ids as the driver returns them untyped (hex text on SQLite):
    three plain scans joined in Python, because joining 250,000 aggregate rows in SQLite costs more than the
    aggregation itself."""

    bests: list[tuple[Any, str, float | None, float | None, float | None]]  # entry, side, heaviest, e1rm, volume
    entries: dict[Any, tuple[Any, Any]]  # entry -> (exercise, workout), for entries of exercises still there
    workouts: dict[Any, tuple[uuid.UUID, datetime]]  # workout -> (id, start in its zone)
    exercises: dict[Any, tuple[str, str, str]]  # exercise -> (slug, name, laterality)


def e1rm_sql(factors: Mapping[int, float], chart: Mapping[int, float]) -> ColumnElement[Any]:
    """The e1RM of a set in SQL, the same figure E1rmMethod.estimate computes: weight x factor(reps) for reps up to
    the cap (NULL above it), or with `chart`, weight x chart factor when the set has RPE or RIR on the chart."""
    by_formula = SetRow.weight_kg * case(factors, value=SetRow.reps)
    if chart:
        effort = func.coalesce(SetRow.rir, 10 - SetRow.rpe)
        index = 2 * (SetRow.reps - 1) + cast(2 * effort, Integer)  # effort comes in halves: exact
        by_chart = case((SetRow.reps <= max(factors), SetRow.weight_kg * case(chart, value=index)))
        by_formula = func.coalesce(by_chart, by_formula)
    return case((SetRow.weight_kg > 0, by_formula))


def strength_scan(session: Session, factors: Mapping[int, float], chart: Mapping[int, float]) -> StrengthScan:
    """Per entry and side, the heaviest load, best e1RM and best set volume of its working sets (read from
    ix_workout_sets_strength alone), with what is needed to place each entry."""
    # Core execution on the session's connection: no ORM result processing for a quarter of a million rows.
    connection = session.connection()
    bests = connection.execute(
        select(
            type_coerce(SetRow.entry_id, String),
            SetRow.side,
            func.max(case((SetRow.weight_kg != 0, SetRow.weight_kg))),
            func.max(e1rm_sql(factors, chart)),
            func.max(case((SetRow.weight_kg > 0, SetRow.weight_kg * SetRow.reps))),
        )
        .where(SetRow.set_type != SetType.WARM_UP.value, SetRow.reps > 0)
        .group_by(SetRow.entry_id, SetRow.side)
    ).all()
    entries = {
        entry: (exercise, workout)
        for entry, exercise, workout in connection.execute(
            select(
                type_coerce(ExerciseEntryRow.id, String),
                type_coerce(ExerciseEntryRow.exercise_id, String),
                type_coerce(ExerciseEntryRow.workout_id, String),
            ).where(ExerciseEntryRow.exercise_id.is_not(None))
        )
    }
    zones: dict[str, tzinfo] = {}
    workouts: dict[Any, tuple[uuid.UUID, datetime]] = {}
    for key, started, tz_name in connection.execute(
        select(type_coerce(WorkoutRow.id, String), type_coerce(WorkoutRow.started_at, String), WorkoutRow.time_zone)
    ):
        tz = zones.get(tz_name) or zones.setdefault(tz_name, zone(tz_name))
        workouts[key] = (_uuid(key), from_db(_datetime(started), tz))
    exercises = {
        key: (slug, name, laterality)
        for key, slug, name, laterality in session.execute(
            select(type_coerce(ExerciseRow.id, String), ExerciseRow.slug, ExerciseRow.name, ExerciseRow.laterality)
        )
    }
    return StrengthScan([tuple(row) for row in bests], entries, workouts, exercises)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
