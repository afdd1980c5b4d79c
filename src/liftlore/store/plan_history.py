"""What the planner reads of a person's log: each exercise's latest workout in a recent span (its best e1RM per
side, from the strength points) and that workout's working sets. A span rather than all time: an exercise not done
for months starts light again, and a plan over a long log reads only its recent points (the index on person and
start), not every set."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, func, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from liftlore.domain.training import SetType
from liftlore.store.scope import person_id
from liftlore.store.strength import uuid_of
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, StrengthPointRow, WorkoutRow
from liftlore.store.training import to_utc


@dataclass(frozen=True)
class LatestPoint:
    """One side of an exercise in the latest workout that had it."""

    slug: str
    exercise_id: Any
    workout_id: Any
    started_at: datetime  # UTC
    side: str
    e1rm_kg: float | None


@dataclass(frozen=True)
class LastSet:
    side: str
    weight_kg: float | None
    reps: int
    rpe: float | None
    rir: float | None


def latest_points(session: Session, since: datetime, workouts: int = 1) -> dict[str, list[LatestPoint]]:
    """Per exercise slug done since `since`: the points (one per side) of its latest `workouts` workouts, the
    latest first."""
    statement = (
        select(
            ExerciseRow.slug,
            type_coerce(StrengthPointRow.exercise_id, String),
            type_coerce(StrengthPointRow.workout_id, String),
            StrengthPointRow.started_at,
            StrengthPointRow.side,
            StrengthPointRow.e1rm_kg,
        )
        .join(ExerciseRow, ExerciseRow.id == StrengthPointRow.exercise_id)
        .where(StrengthPointRow.person_id == person_id(session), StrengthPointRow.started_at >= to_utc(since))
        .order_by(StrengthPointRow.started_at.desc())
    )
    found: dict[str, list[LatestPoint]] = {}
    seen: dict[str, set[Any]] = {}
    for row in session.execute(statement):
        point = LatestPoint(*row)
        ids = seen.setdefault(point.slug, set())
        if point.workout_id not in ids:
            if len(ids) == workouts:
                continue
            ids.add(point.workout_id)
        found.setdefault(point.slug, []).append(point)
    return found


def last_sets(session: Session, pairs: Collection[tuple[Any, Any]]) -> dict[tuple[str, str], list[LastSet]]:
    """The working sets (not warm-ups) of each (workout id, exercise id) pair, in order, keyed by the pair as
    strings."""
    if not pairs:
        return {}
    keys = [(uuid_of(workout), uuid_of(exercise)) for workout, exercise in pairs]
    statement = (
        select(
            type_coerce(ExerciseEntryRow.workout_id, String),
            type_coerce(ExerciseEntryRow.exercise_id, String),
            SetRow.side,
            SetRow.weight_kg,
            SetRow.reps,
            SetRow.rpe,
            SetRow.rir,
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(
            WorkoutRow.person_id == person_id(session),
            tuple_(ExerciseEntryRow.workout_id, ExerciseEntryRow.exercise_id).in_(keys),
            SetRow.set_type != SetType.WARM_UP.value,
            SetRow.reps > 0,
        )
        .order_by(ExerciseEntryRow.position, SetRow.position)
    )
    found: dict[tuple[str, str], list[LastSet]] = {}
    for workout, exercise, side, weight, reps, rpe, rir in session.execute(statement):
        if reps is None:  # the query asks for reps; the types cannot say so
            continue
        found.setdefault((_key(workout), _key(exercise)), []).append(LastSet(side, weight, reps, rpe, rir))
    return found


def first_workout_start(session: Session) -> datetime | None:
    """When the person's first workout started (UTC), or None before any."""
    statement = select(WorkoutRow.started_at).where(WorkoutRow.person_id == person_id(session))
    return session.scalar(statement.order_by(WorkoutRow.started_at).limit(1))


def workouts_between(session: Session, start: datetime, end: datetime) -> int:
    """How many of the person's workouts started in [start, end)."""
    statement = select(func.count()).where(
        WorkoutRow.person_id == person_id(session),
        WorkoutRow.started_at >= to_utc(start),
        WorkoutRow.started_at < to_utc(end),
    )
    return int(session.scalar(statement) or 0)


def _key(value: Any) -> str:
    return str(uuid_of(value))
