"""The strength points: per workout, exercise and side, the heaviest load, best e1RM and best set volume of the
working sets (not warm-ups, with reps), kept in step with the sets.

Every write of sets refreshes the points of the workouts it touched (`refresh`, from store/training.py); deletes
cascade from workouts and exercises. The e1RM depends on the method in the person's settings, so the method their
points were computed with is stamped in their settings, and `ensure` rebuilds their points when it differs: a
changed setting, a restored backup with other settings, or a log that had sets before the table existed
(migrations 0003 and 0007 stamp it "stale"). A person with no stamp yet has no points yet either: their first
refresh stamps its method.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    case,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from liftlore.domain.training import SetType
from liftlore.science.strength import E1rmMethod
from liftlore.store.scope import person_id
from liftlore.store.settings import get_own_setting, set_own_setting
from liftlore.store.tables import ExerciseEntryRow, SetRow, StrengthPointRow, WorkoutRow

METHOD_KEY = "strength-points-method"
STALE = "stale"  # any stamp but the method's own forces a rebuild
# Raise when the way points are computed changes: every database then rebuilds them once.
COMPUTATION = 1
CHUNK = 500  # workout ids per IN (...) list


def stamp(method: E1rmMethod) -> str:
    """The method the points were computed with, as stored beside them."""
    effort = "rpe" if method.from_effort else "formula"
    return f"v{COMPUTATION} {method.formula.value} cap {method.rep_cap} {effort}"


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


def _computed(
    method: E1rmMethod, person: uuid.UUID, workout_ids: Collection[uuid.UUID] | None = None
) -> Select[uuid.UUID, uuid.UUID | None, datetime, uuid.UUID, str, Any, Any, Any]:
    """The points as computed from the sets (of these workouts, or all): first per entry and side, which reads the
    covering index ix_workout_sets_strength alone, then those rows joined to their entries and workouts. Joining
    every set to its entry and workout before grouping took a third longer for a million sets on SQLite."""
    per_entry = (
        select(
            SetRow.entry_id,
            SetRow.side,
            func.max(case((SetRow.weight_kg != 0, SetRow.weight_kg))).label("heaviest"),  # assisted: less help
            func.max(e1rm_sql(method.factors(), method.chart_factors())).label("e1rm"),
            func.max(case((SetRow.weight_kg > 0, SetRow.weight_kg * SetRow.reps))).label("volume"),
        )
        .where(SetRow.set_type != SetType.WARM_UP.value, SetRow.reps > 0)
        .group_by(SetRow.entry_id, SetRow.side)
    )
    entries = select(ExerciseEntryRow.id).join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
    entries = entries.where(WorkoutRow.person_id == person)
    if workout_ids is not None:
        entries = entries.where(ExerciseEntryRow.workout_id.in_(workout_ids))
    per_entry = per_entry.where(SetRow.entry_id.in_(entries))
    best = per_entry.subquery()
    heaviest, e1rm, volume = func.max(best.c.heaviest), func.max(best.c.e1rm), func.max(best.c.volume)
    # An exercise done in two entries of one workout (as imports can have it) still gives one point.
    return (
        select(
            WorkoutRow.person_id,
            ExerciseEntryRow.exercise_id,
            WorkoutRow.started_at,
            WorkoutRow.id,
            best.c.side,
            heaviest,
            e1rm,
            volume,
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == best.c.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .where(ExerciseEntryRow.exercise_id.is_not(None))
        .group_by(WorkoutRow.person_id, ExerciseEntryRow.exercise_id, WorkoutRow.started_at, WorkoutRow.id, best.c.side)
        .having(or_(heaviest.is_not(None), e1rm.is_not(None), volume.is_not(None)))
    )


_COLUMNS = ("person_id", "exercise_id", "started_at", "workout_id", "side", "heaviest_kg", "e1rm_kg", "volume_kg")


def refresh(session: Session, workout_ids: Collection[uuid.UUID], method: E1rmMethod) -> None:
    """Recompute the points of these workouts from their sets (after sets were added to them)."""
    ids = list(workout_ids)
    person = person_id(session)
    if get_own_setting(session, METHOD_KEY) is None:
        # The person's first sets (their log is written by one transaction at a time, store/training.lock_log):
        # their points are complete, and computed by this method.
        set_own_setting(session, METHOD_KEY, stamp(method))
        session.flush()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.execute(delete(StrengthPointRow).where(StrengthPointRow.workout_id.in_(chunk)))
        session.execute(insert(StrengthPointRow).from_select(_COLUMNS, _computed(method, person, chunk)))


def ensure(session: Session, method: E1rmMethod) -> bool:
    """Rebuild the person's points if they were computed with another method; returns whether it did."""
    wanted = stamp(method)
    found = get_own_setting(session, METHOD_KEY)
    if found in (wanted, None):  # None: no sets yet, so no points to rebuild
        return False
    # Stale: read again, locked, so that of two servers finding it stale at once the second waits, then finds the
    # points current instead of inserting them a second time. Only then: every overview would otherwise queue
    # behind every other.
    if get_own_setting(session, METHOD_KEY, lock=True) == wanted:
        return False
    person = person_id(session)
    session.execute(delete(StrengthPointRow).where(StrengthPointRow.person_id == person))
    session.execute(insert(StrengthPointRow).from_select(_COLUMNS, _computed(method, person)))
    set_own_setting(session, METHOD_KEY, wanted)
    session.flush()
    return True


def mark_stale(session: Session) -> None:
    """Make the person's next overview rebuild their points (after the points were changed behind the store)."""
    if get_own_setting(session, METHOD_KEY) is not None:
        set_own_setting(session, METHOD_KEY, STALE)


def read(
    session: Session, exercises: Collection[uuid.UUID] | None = None
) -> Iterator[tuple[Any, Any, str, float | None, float | None, float | None]]:
    """Every point of the person's (of these exercises only, if given) as (exercise, workout, side, heaviest,
    e1RM, volume), each exercise's in the order done. Ids
    come as the driver returns them (hex text on SQLite, UUIDs on PostgreSQL): converting a quarter of a million
    of them would cost more than the read, and the caller only uses them as keys."""
    statement = (
        select(
            type_coerce(StrengthPointRow.exercise_id, String),
            type_coerce(StrengthPointRow.workout_id, String),
            StrengthPointRow.side,
            StrengthPointRow.heaviest_kg,
            StrengthPointRow.e1rm_kg,
            StrengthPointRow.volume_kg,
        )
        .where(StrengthPointRow.person_id == person_id(session))
        .where(StrengthPointRow.exercise_id.in_(list(exercises)) if exercises is not None else true())
        .order_by(
            StrengthPointRow.exercise_id,
            StrengthPointRow.started_at,
            StrengthPointRow.workout_id,
            StrengthPointRow.side,
        )
    )
    # Core execution on the session's connection: no ORM result processing.
    for row in session.connection().execute(statement):
        yield tuple(row)  # type: ignore[misc]
