"""What the planner reads of a person's log: each exercise's latest workout in a recent span (its best e1RM per
side, from the strength points) and that workout's working sets. A span rather than all time: an exercise not done
for months starts light again, and a plan over a long log reads only its recent points (the index on person and
start), not every set."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import String, select, type_coerce
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
    latest first. First the exercises done in the span (along the index on person and start), then per exercise a
    short backward read of its range of the key: a long, dense log costs a few rows per exercise, not every point
    of the span."""
    person = person_id(session)
    done = (
        select(ExerciseRow.slug, StrengthPointRow.exercise_id)
        .join(ExerciseRow, ExerciseRow.id == StrengthPointRow.exercise_id)
        .where(StrengthPointRow.person_id == person, StrengthPointRow.started_at >= to_utc(since))
        .group_by(ExerciseRow.slug, StrengthPointRow.exercise_id)
    )
    found: dict[str, list[LatestPoint]] = {}
    for slug, exercise_id in session.execute(done).all():
        statement = (
            select(
                type_coerce(StrengthPointRow.workout_id, String),
                StrengthPointRow.started_at,
                StrengthPointRow.side,
                StrengthPointRow.e1rm_kg,
            )
            .where(
                StrengthPointRow.person_id == person,
                StrengthPointRow.exercise_id == exercise_id,
                StrengthPointRow.started_at >= to_utc(since),
            )
            .order_by(StrengthPointRow.started_at.desc())
            .limit(3 * workouts)  # at most three sides (left, right, both) per workout
        )
        kept: list[LatestPoint] = []
        ids: list[Any] = []
        for workout_id, started_at, side, e1rm in session.execute(statement):
            if workout_id not in ids:
                if len(ids) == workouts:
                    break
                ids.append(workout_id)
            kept.append(LatestPoint(slug, str(exercise_id), workout_id, started_at, side, e1rm))
        found[slug] = kept
    return found


def last_sets(session: Session, pairs: Collection[tuple[Any, Any]]) -> dict[tuple[str, str], list[LastSet]]:
    """The working sets (not warm-ups) of each (workout id, exercise id) pair, in order, keyed by the pair as
    strings. One read by the workouts (their index), the other exercises of those workouts left out here."""
    if not pairs:
        return {}
    wanted = {(_key(workout), _key(exercise)) for workout, exercise in pairs}
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
            ExerciseEntryRow.workout_id.in_({uuid_of(workout) for workout, _ in pairs}),
            SetRow.set_type != SetType.WARM_UP.value,
            SetRow.reps > 0,
        )
        .order_by(ExerciseEntryRow.workout_id, ExerciseEntryRow.position, SetRow.position)
    )
    found: dict[tuple[str, str], list[LastSet]] = {}
    for workout, exercise, side, weight, reps, rpe, rir in session.execute(statement):
        key = (_key(workout), _key(exercise))
        if reps is None or key not in wanted:  # the query asks for reps; the types cannot say so
            continue
        found.setdefault(key, []).append(LastSet(side, weight, reps, rpe, rir))
    return found


def first_workout_start(session: Session) -> datetime | None:
    """When the person's first workout started (UTC), or None before any."""
    statement = select(WorkoutRow.started_at).where(WorkoutRow.person_id == person_id(session))
    return session.scalar(statement.order_by(WorkoutRow.started_at).limit(1))


def run_start(session: Session, before: datetime, *, gap: timedelta, look_back: timedelta) -> datetime | None:
    """The start (UTC) of the person's current run of training: the first workout after the latest break of at
    least `gap` found in the `look_back` before `before`; with no such break there, their first workout ever."""
    person = person_id(session)
    statement = (
        select(WorkoutRow.started_at)
        .where(
            WorkoutRow.person_id == person,
            WorkoutRow.started_at < to_utc(before),
            WorkoutRow.started_at >= to_utc(before - look_back),
        )
        .order_by(WorkoutRow.started_at.desc())
    )
    later: datetime | None = None
    for (started,) in session.execute(statement):
        if later is not None and _utc(later) - _utc(started) >= gap:
            return later
        later = started
    return first_workout_start(session)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _key(value: Any) -> str:
    return str(uuid_of(value))
