"""What the insight reports read: the person's strength points (their hard sets and volume load per workout,
exercise and side) in a span of time or paired by side, and the muscles each exercise credits. The points are kept
in step with the sets (store/strength_points.py), so no report reads a set, except the one set a recommendation
names."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session, aliased

from liftlore.domain.training import SetType
from liftlore.store.scope import person_id
from liftlore.store.strength import uuid_of
from liftlore.store.tables import (
    ExerciseEntryRow,
    ExerciseMuscleRow,
    ExerciseRow,
    MuscleGroupRow,
    SetRow,
    StrengthPointRow,
    WorkoutRow,
)
from liftlore.store.training import to_utc


@dataclass(frozen=True)
class HardWork:
    """The hard sets of one exercise on one side in one workout."""

    exercise_id: Any  # as the driver returns it: a key for exercise_muscles and exercise_titles
    workout_id: Any
    started_at: datetime  # UTC
    side: str
    hard_sets: int
    load_kg: float


def muscle_groups(session: Session) -> dict[str, str]:
    """Every muscle group: slug -> name, in name order."""
    rows = session.execute(select(MuscleGroupRow.slug, MuscleGroupRow.name).order_by(MuscleGroupRow.name))
    return {row[0]: row[1] for row in rows}


def hard_work(session: Session, start: datetime, end: datetime) -> list[HardWork]:
    """The person's points with hard sets in workouts started in [start, end), oldest first."""
    statement = (
        select(
            type_coerce(StrengthPointRow.exercise_id, String),
            type_coerce(StrengthPointRow.workout_id, String),
            StrengthPointRow.started_at,
            StrengthPointRow.side,
            StrengthPointRow.hard_sets,
            StrengthPointRow.load_kg,
        )
        .where(
            StrengthPointRow.person_id == person_id(session),
            StrengthPointRow.started_at >= to_utc(start),
            StrengthPointRow.started_at < to_utc(end),
            StrengthPointRow.hard_sets > 0,
        )
        .order_by(StrengthPointRow.started_at, StrengthPointRow.workout_id, StrengthPointRow.exercise_id)
    )
    return [HardWork(*row) for row in session.connection().execute(statement)]


def exercise_muscles(session: Session, exercise_ids: Collection[Any]) -> dict[Any, list[tuple[str, bool]]]:
    """Per exercise (keyed as hard_work returns it): its muscle groups as (slug, primary), in page order."""
    found: dict[Any, list[tuple[str, bool]]] = defaultdict(list)
    if not exercise_ids:
        return found
    statement = (
        select(type_coerce(ExerciseMuscleRow.exercise_id, String), MuscleGroupRow.slug, ExerciseMuscleRow.role)
        .join(MuscleGroupRow, MuscleGroupRow.id == ExerciseMuscleRow.muscle_id)
        .where(ExerciseMuscleRow.exercise_id.in_([uuid_of(key) for key in exercise_ids]))
        .order_by(ExerciseMuscleRow.exercise_id, ExerciseMuscleRow.role, ExerciseMuscleRow.position)
    )
    for exercise, slug, role in session.connection().execute(statement):
        found[exercise].append((slug, role == "primary"))
    return found


@dataclass(frozen=True)
class SidePair:
    """One workout's left and right points of one exercise: each side's best e1RM and hard-set volume load."""

    exercise_id: Any
    workout_id: Any
    started_at: datetime  # UTC
    left_e1rm: float | None
    right_e1rm: float | None
    left_load: float
    right_load: float


def side_pairs(session: Session, exercise_id: uuid.UUID | None = None, last: int = 100) -> list[SidePair]:
    """The last `last` workouts in which the person did an exercise (this one, if given) on both sides, per
    exercise, oldest first: the left points joined to the right ones on the rest of their key. Per exercise one
    backward read of its range of the key, so a long history costs no more than a short one."""
    person = person_id(session)
    if exercise_id is not None:
        exercises = [exercise_id]
    else:
        sided = select(StrengthPointRow.exercise_id).where(
            StrengthPointRow.person_id == person, StrengthPointRow.side == "left"
        )
        exercises = sorted(set(session.scalars(sided.distinct())))
    found: list[SidePair] = []
    left, right = aliased(StrengthPointRow), aliased(StrengthPointRow)
    for exercise in exercises:
        statement = (
            select(
                type_coerce(left.exercise_id, String),
                type_coerce(left.workout_id, String),
                left.started_at,
                left.e1rm_kg,
                right.e1rm_kg,
                left.load_kg,
                right.load_kg,
            )
            .join(
                right,
                (right.person_id == left.person_id)
                & (right.exercise_id == left.exercise_id)
                & (right.started_at == left.started_at)
                & (right.workout_id == left.workout_id)
                & (right.side == "right"),
            )
            .where(left.person_id == person, left.exercise_id == exercise, left.side == "left")
            .order_by(left.started_at.desc(), left.workout_id.desc())
            .limit(last)
        )
        found.extend(reversed([SidePair(*row) for row in session.connection().execute(statement)]))
    return found


@dataclass(frozen=True)
class WorkingSet:
    side: str
    weight_kg: float
    reps: int
    rpe: float | None
    rir: float | None


def working_sets(session: Session, workout_id: Any, exercise_id: Any) -> list[WorkingSet]:
    """The loaded working sets (not warm-ups) of one exercise in one of the person's workouts, in order."""
    statement = (
        select(SetRow.side, SetRow.weight_kg, SetRow.reps, SetRow.rpe, SetRow.rir)
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(
            WorkoutRow.person_id == person_id(session),
            WorkoutRow.id == uuid_of(workout_id),
            ExerciseEntryRow.exercise_id == uuid_of(exercise_id),
            SetRow.set_type != SetType.WARM_UP.value,
            SetRow.weight_kg > 0,
            SetRow.reps > 0,
        )
        .order_by(ExerciseEntryRow.position, SetRow.position)
    )
    found = []
    for side, weight, reps, rpe, rir in session.execute(statement):
        if weight is not None and reps is not None:  # the query asks for both; the types cannot say so
            found.append(WorkingSet(side, weight, reps, rpe, rir))
    return found


def workout_starts_between(session: Session, start: datetime, end: datetime) -> list[tuple[uuid.UUID, datetime]]:
    """Each of the person's workouts started in [start, end), as (id, start), in the order started."""
    statement = (
        select(WorkoutRow.id, WorkoutRow.started_at)
        .where(
            WorkoutRow.person_id == person_id(session),
            WorkoutRow.started_at >= to_utc(start),
            WorkoutRow.started_at < to_utc(end),
        )
        .order_by(WorkoutRow.started_at, WorkoutRow.id)
    )
    return [(workout_id, started) for workout_id, started in session.execute(statement)]


def recent_exercises(session: Session, count: int) -> list[str]:
    """The slugs of the `count` exercises with an e1RM the person did most recently, the latest first: the newest
    points are read along the index on (person, start) until that many exercises are found."""
    found: dict[str, None] = {}
    statement = (
        select(ExerciseRow.slug)
        .select_from(StrengthPointRow)
        .join(ExerciseRow, ExerciseRow.id == StrengthPointRow.exercise_id)
        .where(StrengthPointRow.person_id == person_id(session), StrengthPointRow.e1rm_kg.is_not(None))
        .order_by(StrengthPointRow.started_at.desc())
    )
    rows = session.execute(statement.execution_options(yield_per=100))
    for (slug,) in rows:
        found.setdefault(slug)
        if len(found) == count:
            break
    rows.close()
    return list(found)


def exercise_id_of(session: Session, slug: str) -> Any:
    """An exercise's id, keyed as the reads above return it."""
    return (
        session.connection()
        .execute(select(type_coerce(ExerciseRow.id, String)).where(ExerciseRow.slug == slug))
        .scalar_one_or_none()
    )
