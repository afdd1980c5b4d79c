"""The strength points: per workout, exercise and side, the heaviest load, best e1RM and best set volume of the
working sets (not warm-ups, with reps), and the count and volume load of the hard sets, kept in step with the sets.

Every write of sets refreshes the points of the workouts it touched (`refresh`, from store/training.py); deletes
cascade from workouts and exercises. The e1RM depends on the method in the person's settings and the hard sets on
the cut-off there (`Rules`), so the rules their points were computed with are stamped in their settings, and
`ensure` rebuilds their points when they differ: a changed setting, a restored backup with other settings, a log
that had sets before the table existed (migrations 0003 and 0007 stamp it "stale"), or a new way of computing
them (COMPUTATION). A person with no stamp yet has no points yet either: their first refresh stamps its rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Mapping
from typing import Any, NamedTuple

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
from liftlore.science.training_load import HardSetRule
from liftlore.store.scope import person_id
from liftlore.store.settings import get_own_setting, set_own_setting
from liftlore.store.tables import ExerciseEntryRow, SetRow, StrengthPointRow, WorkoutRow

METHOD_KEY = "strength-points-method"
STALE = "stale"  # any stamp but the method's own forces a rebuild
# Raise when the way points are computed changes: every database then rebuilds them once.
COMPUTATION = 2  # 2: hard sets and their volume load, the set behind the e1RM
CHUNK = 500  # workout ids per IN (...) list


class Rules(NamedTuple):
    """What the points depend on in the person's settings."""

    method: E1rmMethod
    hard: HardSetRule


def stamp(rules: Rules) -> str:
    """The rules the points were computed with, as stored beside them."""
    method = rules.method
    effort = "rpe" if method.from_effort else "formula"
    return f"v{COMPUTATION} {method.formula.value} cap {method.rep_cap} {effort} hard {rules.hard.min_rpe:g}"


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


def _computed(rules: Rules, person: uuid.UUID, workout_ids: Collection[uuid.UUID] | None = None) -> Select[Any]:
    """The points as computed from the sets (of these workouts, or all): first per entry and side, which reads the
    covering index ix_workout_sets_strength alone, then those rows joined to their entries and workouts. Joining
    every set to its entry and workout before grouping took a third longer for a million sets on SQLite.

    The records need reps; a hard set need not have them (a timed plank counts), so the records' figures are
    conditional on reps rather than the rows filtered by them."""
    method = rules.method
    counted = SetRow.reps > 0
    # RIR as logged, else 10 - RPE (domain.training.reps_in_reserve); no effort logged: hard.
    effort = func.coalesce(SetRow.rir, 10 - SetRow.rpe)
    hard = or_(effort.is_(None), effort <= rules.hard.max_rir)
    per_entry = (
        select(
            SetRow.entry_id,
            SetRow.side,
            func.max(case((counted & (SetRow.weight_kg != 0), SetRow.weight_kg))).label("heaviest"),  # assisted
            func.max(case((counted, e1rm_sql(method.factors(), method.chart_factors())))).label("e1rm"),
            func.max(case((counted & (SetRow.weight_kg > 0), SetRow.weight_kg * SetRow.reps))).label("volume"),
            func.sum(case((hard, 1), else_=0)).label("hard_sets"),
            func.sum(case((hard & counted & (SetRow.weight_kg > 0), SetRow.weight_kg * SetRow.reps), else_=0.0)).label(
                "load"
            ),
        )
        .where(SetRow.set_type != SetType.WARM_UP.value)
        .group_by(SetRow.entry_id, SetRow.side)
    )
    entries = select(ExerciseEntryRow.id).join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
    entries = entries.where(WorkoutRow.person_id == person)
    if workout_ids is not None:
        entries = entries.where(ExerciseEntryRow.workout_id.in_(workout_ids))
    per_entry = per_entry.where(SetRow.entry_id.in_(entries))
    best = per_entry.subquery()
    # The set that gave each point its e1RM: of equal estimates the first done, as the history read set by set
    # (services/training.analyse) keeps it, so an e1RM history can be read from the points with its sets.
    estimate = e1rm_sql(method.factors(), method.chart_factors())
    ranked = (
        select(
            ExerciseEntryRow.workout_id,
            ExerciseEntryRow.exercise_id,
            SetRow.side,
            SetRow.id,
            SetRow.weight_kg,
            SetRow.reps,
            func.row_number()
            .over(
                partition_by=(ExerciseEntryRow.workout_id, ExerciseEntryRow.exercise_id, SetRow.side),
                order_by=(estimate.desc(), ExerciseEntryRow.position, SetRow.position),
            )
            .label("rank"),
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .where(SetRow.set_type != SetType.WARM_UP.value, SetRow.reps > 0, estimate.is_not(None))
        .where(SetRow.entry_id.in_(entries))
    ).subquery()
    top = (
        select(ranked.c.workout_id, ranked.c.exercise_id, ranked.c.side, ranked.c.id, ranked.c.weight_kg, ranked.c.reps)
        .where(ranked.c.rank == 1)
        .subquery()
    )
    heaviest, e1rm, volume = func.max(best.c.heaviest), func.max(best.c.e1rm), func.max(best.c.volume)
    hard_sets, load = func.sum(best.c.hard_sets), func.sum(best.c.load)
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
            hard_sets,
            load,
            top.c.id,
            top.c.weight_kg,
            top.c.reps,
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == best.c.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .outerjoin(
            top,
            (top.c.workout_id == WorkoutRow.id)
            & (top.c.exercise_id == ExerciseEntryRow.exercise_id)
            & (top.c.side == best.c.side),
        )
        .where(ExerciseEntryRow.exercise_id.is_not(None))
        # The best set's columns are one row per group: grouped by, not aggregated (PostgreSQL has no max(uuid)).
        .group_by(
            WorkoutRow.person_id,
            ExerciseEntryRow.exercise_id,
            WorkoutRow.started_at,
            WorkoutRow.id,
            best.c.side,
            top.c.id,
            top.c.weight_kg,
            top.c.reps,
        )
        .having(or_(heaviest.is_not(None), e1rm.is_not(None), volume.is_not(None), hard_sets > 0))
    )


_COLUMNS = (
    "person_id",
    "exercise_id",
    "started_at",
    "workout_id",
    "side",
    "heaviest_kg",
    "e1rm_kg",
    "volume_kg",
    "hard_sets",
    "load_kg",
    "e1rm_set_id",
    "e1rm_weight_kg",
    "e1rm_reps",
)


def refresh(session: Session, workout_ids: Collection[uuid.UUID], rules: Rules) -> None:
    """Recompute the points of these workouts from their sets (after sets were added to them)."""
    ids = list(workout_ids)
    person = person_id(session)
    if get_own_setting(session, METHOD_KEY) is None:
        # The person's first sets (their log is written by one transaction at a time, store/training.lock_log):
        # their points are complete, and computed by this method.
        set_own_setting(session, METHOD_KEY, stamp(rules))
        session.flush()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.execute(delete(StrengthPointRow).where(StrengthPointRow.workout_id.in_(chunk)))
        session.execute(insert(StrengthPointRow).from_select(_COLUMNS, _computed(rules, person, chunk)))


def ensure(session: Session, rules: Rules) -> bool:
    """Rebuild the person's points if they were computed by other rules; returns whether it did."""
    wanted = stamp(rules)
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
    session.execute(insert(StrengthPointRow).from_select(_COLUMNS, _computed(rules, person)))
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
        # A point of hard sets alone (body weight, timed) holds no record.
        .where(
            or_(
                StrengthPointRow.heaviest_kg.is_not(None),
                StrengthPointRow.e1rm_kg.is_not(None),
                StrengthPointRow.volume_kg.is_not(None),
            )
        )
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
