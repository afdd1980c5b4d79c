"""The queries behind previous performance, personal records and e1RM histories.

One exercise's records need its sets in the order done (`lifts`); the overview of every exercise reads the
strength points instead (store/strength_points.py), placed in time with `workout_starts`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from liftlore.domain.training import SetEntry, SetType, Side, zone
from liftlore.science.records import weight_key
from liftlore.store.scope import person_id
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, StrengthPointRow, WorkoutRow
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


def lifts(session: Session, exercise_id: uuid.UUID, workout_id: uuid.UUID | None = None) -> list[LiftRow]:
    """The sets of one exercise that can count for records (not warm-ups, with reps), in the order they were
    done: workout start, entry, set; of one workout only, if given."""
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
            WorkoutRow.person_id == person_id(session),
            SetRow.set_type != SetType.WARM_UP.value,
            SetRow.reps > 0,
        )
        .order_by(WorkoutRow.started_at, WorkoutRow.id, ExerciseEntryRow.position, SetRow.position)
    )
    if workout_id is not None:
        statement = statement.where(WorkoutRow.id == workout_id)
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


def _before(session: Session, workout_id: uuid.UUID) -> ColumnElement[bool]:
    """Workouts of the person's done before this one, in the order `lifts` reads them (start, then id)."""
    started = select(WorkoutRow.started_at).where(WorkoutRow.id == workout_id).scalar_subquery()
    return and_(
        WorkoutRow.person_id == person_id(session),
        or_(WorkoutRow.started_at < started, and_(WorkoutRow.started_at == started, WorkoutRow.id < workout_id)),
    )


def points_before(
    session: Session, exercise_id: uuid.UUID, workout_id: uuid.UUID
) -> list[tuple[uuid.UUID, str, float | None, float | None, float | None]]:
    """The strength points of one exercise in the workouts before this one, in the order done, as (workout, side,
    heaviest, e1RM, best set volume): the records they hold, without reading their sets."""
    statement = (
        select(
            StrengthPointRow.workout_id,
            StrengthPointRow.side,
            StrengthPointRow.heaviest_kg,
            StrengthPointRow.e1rm_kg,
            StrengthPointRow.volume_kg,
        )
        .join(WorkoutRow, WorkoutRow.id == StrengthPointRow.workout_id)
        .where(StrengthPointRow.person_id == person_id(session), StrengthPointRow.exercise_id == exercise_id)
        .where(_before(session, workout_id))
        .order_by(StrengthPointRow.started_at, StrengthPointRow.workout_id, StrengthPointRow.side)
    )
    return [
        (workout, side, heaviest, e1rm, volume) for workout, side, heaviest, e1rm, volume in session.execute(statement)
    ]


def most_reps_before(
    session: Session, exercise_id: uuid.UUID, workout_id: uuid.UUID, weights: Collection[float]
) -> dict[tuple[str, float], int]:
    """The most reps done at each of these weights (science/records.weight_key: kg to the hundredth, body weight
    0), per side, in the exercise's working sets of the workouts before this one. The loads near each weight are
    read and keyed here, by the same rounding as the records (SQL rounds halves another way)."""
    if not weights:
        return {}
    load = func.coalesce(SetRow.weight_kg, 0.0)
    near = or_(*(load.between(weight - 0.01, weight + 0.01) for weight in weights))
    statement = (
        select(SetRow.side, load, func.max(SetRow.reps))
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(ExerciseEntryRow.exercise_id == exercise_id, _before(session, workout_id))
        .where(SetRow.set_type != SetType.WARM_UP.value, SetRow.reps > 0, near)
        .group_by(SetRow.side, load)
    )
    found: dict[tuple[str, float], int] = {}
    for side, weight, reps in session.execute(statement):
        key = (side, weight_key(weight))
        if reps is not None and key[1] in weights and reps > found.get(key, 0):
            found[key] = reps
    return found


BestSet = tuple[uuid.UUID, uuid.UUID, datetime, Side, float, float, int]


def e1rm_points(session: Session, exercise_id: uuid.UUID, last: int | None = None) -> list[BestSet]:
    """Each workout's best e1RM of one exercise (the `last` points only, if given), per side, with the set that gave
    it, read from the strength points (which name the set), oldest first: (set id, workout id, the workout's start
    in its zone, side, e1RM, weight, reps). Plain tuples: a long history has ten thousand of them."""
    statement = (
        select(
            StrengthPointRow.e1rm_set_id,
            StrengthPointRow.workout_id,
            StrengthPointRow.started_at,
            WorkoutRow.time_zone,
            StrengthPointRow.side,
            StrengthPointRow.e1rm_kg,
            StrengthPointRow.e1rm_weight_kg,
            StrengthPointRow.e1rm_reps,
        )
        .join(WorkoutRow, WorkoutRow.id == StrengthPointRow.workout_id)
        .where(
            StrengthPointRow.person_id == person_id(session),
            StrengthPointRow.exercise_id == exercise_id,
            StrengthPointRow.e1rm_set_id.is_not(None),
        )
        .order_by(StrengthPointRow.started_at, StrengthPointRow.workout_id, StrengthPointRow.side)
    )
    if last is not None:  # the newest, read backwards along the key, then put in order again
        newest = statement.order_by(None).order_by(
            StrengthPointRow.started_at.desc(), StrengthPointRow.workout_id.desc(), StrengthPointRow.side.desc()
        )
        inner = newest.limit(last).subquery()
        statement = select(*inner.c).order_by(inner.c.started_at, inner.c.workout_id, inner.c.side)
    zones: dict[str, tzinfo] = {}
    sides = {side.value: side for side in Side}
    found: list[BestSet] = []
    for set_id, workout_id, started, tz_name, side, e1rm, weight, reps in session.execute(statement):
        if set_id is None or e1rm is None or weight is None or reps is None:
            continue  # the query asks for points with a set; the types cannot say so
        tz = zones.get(tz_name) or zones.setdefault(tz_name, zone(tz_name))
        found.append((set_id, workout_id, from_db(started, tz), sides[side], e1rm, weight, reps))
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
        .where(ExerciseEntryRow.exercise_id == exercise_id, WorkoutRow.person_id == person_id(session))
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


# -- the strength overview: the points (store/strength_points.py) and what places them ---------------------------


def workout_starts(session: Session) -> dict[Any, tuple[uuid.UUID, datetime]]:
    """Every workout's id and start in its zone, keyed as strength_points.read returns workout ids."""
    zones: dict[str, tzinfo] = {}
    found: dict[Any, tuple[uuid.UUID, datetime]] = {}
    for key, started, tz_name in session.connection().execute(
        select(
            type_coerce(WorkoutRow.id, String), type_coerce(WorkoutRow.started_at, String), WorkoutRow.time_zone
        ).where(WorkoutRow.person_id == person_id(session))
    ):
        tz = zones.get(tz_name) or zones.setdefault(tz_name, zone(tz_name))
        found[key] = (uuid_of(key), from_db(_datetime(started), tz))
    return found


def exercise_titles(session: Session) -> dict[Any, tuple[str, str, str]]:
    """Every exercise's (slug, name, laterality), keyed as strength_points.read returns exercise ids."""
    return {
        key: (slug, name, laterality)
        for key, slug, name, laterality in session.connection().execute(
            select(type_coerce(ExerciseRow.id, String), ExerciseRow.slug, ExerciseRow.name, ExerciseRow.laterality)
        )
    }


def exercises_in_workouts(session: Session, workout_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """The exercises these workouts of the person's have strength points for."""
    return set(
        session.scalars(
            select(StrengthPointRow.exercise_id).where(
                StrengthPointRow.person_id == person_id(session), StrengthPointRow.workout_id.in_(list(workout_ids))
            )
        )
    )


def uuid_of(value: Any) -> uuid.UUID:
    """An id as `strength_points.read` returns it (hex text on SQLite), as a UUID."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
