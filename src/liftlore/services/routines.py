"""Routines, programme enrolment and the plan a person started.

A routine is a saved workout whose exercises read like a plan's: from a generated plan, from a logged workout
("repeat last", `last_workout_routine`), or written by hand. Like profiles, a routine's name is never written over
unless the person asks for that. Enrolling in a programme replaces the programme followed before (one at a time);
a started plan is kept so the log page can fill in its targets.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal, get_args

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise, Laterality, Mechanic, PlannerDefaults, TargetUnit
from liftlore.domain.limits import check_count, check_text
from liftlore.domain.training import SetEntry, SetType, Side, Workout
from liftlore.domain.units import WeightUnit, format_weight, plain_number
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.planner.inputs import Choice, PlanRules
from liftlore.planner.timing import exercise_seconds, minutes
from liftlore.services import training
from liftlore.services.library import closest_names
from liftlore.services.profiles import MAX_PLAN_NAME_LENGTH, check_plan_name
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import unit_preference
from liftlore.shapes.planning import (
    MAX_EXERCISE_MINUTES,
    MAX_EXTRA_SETS,
    MAX_PLAN_SETS,
    MAX_RAMP_REPS,
    MAX_TARGET,
    PlanExerciseOut,
    PlanOut,
    RampSetOut,
    RoutineOut,
)
from liftlore.store import planning as repo
from liftlore.store.planning import StoredRoutine

Origin = Literal["plan", "workout", "hand"]
ORIGINS: tuple[str, ...] = get_args(Origin)
MAX_ROUTINE_EXERCISES = 40  # more than any session holds; bounds what one request stores
DEFAULT_REST_S = 90  # an exercise whose page gives no rest of its own
MIN_ID_PREFIX = 6  # as for workout and set ids (services/log_ids.py)


# -- routines ------------------------------------------------------------------------------------------------------


def _out(stored: StoredRoutine) -> RoutineOut:
    return RoutineOut(
        id=stored.id,
        name=stored.name,
        origin=stored.origin,  # type: ignore[arg-type]  # held to ORIGINS by the table's CHECK
        created_at=stored.created_at,
        exercises=[PlanExerciseOut.model_validate(item) for item in stored.exercises],
    )


def save_routine(
    session: Session, name: str, exercises: Sequence[PlanExerciseOut], origin: str, *, replace: bool = False
) -> RoutineOut:
    """Keep `exercises` as a routine named `name`. A name the person already has is refused unless `replace` (then
    the routine keeps its id and creation time, and takes the new exercises and origin). Every exercise must be in
    the library the person sees."""
    name = check_plan_name(name)
    if origin not in ORIGINS:
        raise LiftloreError(f"unknown origin '{origin}'; known: {', '.join(ORIGINS)}", field="origin")
    if not exercises:
        raise LiftloreError("a routine needs at least one exercise", field="exercises")
    check_count(len(exercises), "exercises", MAX_ROUTINE_EXERCISES)
    known = library_view(session).exercises
    for item in exercises:
        if item.slug not in known:
            names = [(slug, exercise.name) for slug, exercise in known.items()]
            hint = closest_names(item.slug, names)
            more = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise LiftloreError(f"no exercise '{item.slug}' in the library{more}", field="exercises")
    body = [item.to_data() for item in exercises]
    existing = repo.find_routine(session, repo.name_key(name))
    if existing is not None and not replace:
        raise LiftloreError(
            f"you already have a routine named '{existing.name}'; save it again with --replace "
            "(replace: true in the API) to overwrite it",
            field="name",
        )
    try:
        if existing is None:
            routine_id = repo.add_routine(session, name, origin, body)
        else:
            routine_id = existing.id
            repo.update_routine(session, routine_id, name, origin, body)
    except IntegrityError:
        # Another request saved a routine of this name between the check and the write: nothing is written.
        raise LiftloreError(
            f"a routine named '{name}' was saved by another request at the same time; try again", field="name"
        ) from None
    stored = repo.routine_by_id(session, routine_id)
    assert stored is not None
    return _out(stored)


def routines(session: Session) -> list[RoutineOut]:
    """The person's routines, by name."""
    return [_out(stored) for stored in repo.routines(session)]


def _find(session: Session, name_or_id: str) -> StoredRoutine:
    """A routine by name (any case), by id, or by a unique prefix of its id (at least 6 hex digits)."""
    text = check_text(name_or_id, "routine", 100)
    found = repo.find_routine(session, repo.name_key(text)) if len(text) <= MAX_PLAN_NAME_LENGTH else None
    if found is not None:
        return found
    digits = text.lower().replace("-", "")
    if len(digits) >= MIN_ID_PREFIX and all(ch in "0123456789abcdef" for ch in digits):
        matches = [routine_id for routine_id in repo.routine_ids(session) if routine_id.hex.startswith(digits)]
        if len(matches) == 1:
            by_id = repo.routine_by_id(session, matches[0])
            assert by_id is not None
            return by_id
        if len(matches) > 1:
            shown = ", ".join(sorted(m.hex[:8] for m in matches))
            raise LiftloreError(f"'{text}' is the start of several routines' ids: {shown}", field="routine")
    names = [(stored.name, stored.name) for stored in repo.routines(session)]
    raise NotFoundError(f"no routine '{text}'", suggestions=closest_names(text, names))


def routine(session: Session, name_or_id: str) -> RoutineOut:
    return _out(_find(session, name_or_id))


def delete_routine(session: Session, name_or_id: str) -> None:
    repo.delete_routine(session, _find(session, name_or_id).id)


# -- repeating the last workout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Done:
    """What one exercise of a workout was: its working sets and its loaded warm-up sets, in order."""

    work: list[SetEntry] = field(default_factory=list)
    warm_up: list[SetEntry] = field(default_factory=list)


def _done(workout: Workout, known: dict[str, Exercise]) -> dict[str, _Done]:
    """Each library exercise of the workout (once, in the order first done; an exercise logged twice counts as
    one) with its sets. Exercises gone from the library are skipped."""
    found: dict[str, _Done] = {}
    for entry in workout.entries:
        slug = entry.exercise_slug
        if slug is None or slug not in known:
            continue
        done = found.setdefault(slug, _Done())
        for s in entry.sets:
            if s.set_type is not SetType.WARM_UP:
                done.work.append(s)
            elif s.weight_kg is not None and s.weight_kg > 0 and s.reps:
                done.warm_up.append(s)
    # A plan prescribes reps or seconds: an exercise whose first working set had neither (a distance) has no dose.
    return {slug: done for slug, done in found.items() if done.work and (done.work[0].reps or done.work[0].duration_s)}


def _timing_choice(exercise: Exercise, defaults: PlannerDefaults) -> Choice:
    """The exercise as the planner times it (only its sides and its unit count for that)."""
    return Choice(
        slug=exercise.slug,
        name=exercise.name,
        compound=exercise.mechanic is Mechanic.COMPOUND,
        pattern=exercise.movement_pattern,
        unilateral=exercise.laterality is Laterality.UNILATERAL,
        primary=tuple(m.slug for m in exercise.primary_muscles),
        secondary=tuple(m.slug for m in exercise.secondary_muscles),
        needs=frozenset(),
        defaults=defaults,
    )


def _sides_text(sides: list[Side], extra: dict[Side, int]) -> str:
    if sides == [Side.BOTH]:
        return ""
    text = f" each side, {sides[0].value} first as last time" if len(sides) > 1 else f" on the {sides[0].value} side"
    for side, count in extra.items():
        text += f", and {count} more on the {side.value}"
    return text


def _repeated(
    exercise: Exercise, done: _Done, index: int, count: int, day: str, unit: WeightUnit, rules: PlanRules
) -> PlanExerciseOut:
    sets = done.work
    first = sets[0]
    # The loaded warm-up sets before the first working set are kept as its ramp-up (one side's, for a one-sided lift).
    # A routine is held to a plan's bounds (shapes/planning.py): a day of 30 sets, or 8 on one side and 2 on the
    # other, repeats as the most a plan prescribes rather than failing to be read as one.
    ramp = [
        RampSetOut(weight_kg=s.weight_kg or 0.0, reps=s.reps or 0)
        for s in done.warm_up
        if s.side == first.side and s.reps is not None and s.reps <= MAX_RAMP_REPS
    ]
    timed = first.reps is None
    reps = min(round(first.duration_s or 0) if timed else (first.reps or 0), MAX_TARGET)
    target = TargetUnit.SECONDS if timed else TargetUnit.REPS
    per_side = Counter(s.side or Side.BOTH for s in sets)
    sides = list(per_side)  # in the order first done
    fewest = min(per_side.values())
    work = min(fewest, MAX_PLAN_SETS)
    extra = {side: min(done - fewest, MAX_EXTRA_SETS) for side, done in per_side.items() if done > fewest}
    own = exercise.planner
    rest = own.rest_seconds if own is not None else DEFAULT_REST_S
    low, high = (min(own.low, reps), max(own.high, reps)) if own is not None and own.unit is target else (reps, reps)
    effort = first.reps_in_reserve
    rpe = 10 - effort if effort is not None and effort <= 9 else None
    defaults = replace(own, unit=target) if own is not None else PlannerDefaults(low, high, target, rest)
    what = "seconds" if timed else ("rep" if reps == 1 else "reps")
    rest_why = "this exercise's usual rest" if own is not None else "a usual rest, as the exercise gives none"
    load = first.weight_kg
    if load is None:
        load_reason = "Last time's load: body weight, as on your first working set."
    elif load < 0:
        load_reason = f"Last time's assistance: {format_weight(-load, unit)}, as on your first working set."
    else:
        load_reason = f"Last time's load: {format_weight(load, unit)}, as on your first working set."
    seconds = exercise_seconds(
        _timing_choice(exercise, defaults), work, reps, rest, rules, extra_sets=sum(extra.values()), ramp_sets=len(ramp)
    )
    ramp_why = f" after {len(ramp)} ramp-up set{'s' if len(ramp) != 1 else ''} as last time" if ramp else ""
    return PlanExerciseOut(
        slug=exercise.slug,
        name=exercise.name,
        sets=work,
        reps=reps,
        unit=target.value,
        rep_range=(low, high),
        load_kg=load,
        rpe=rpe,
        rest_s=rest,
        sides=sides,
        extra_sets=extra,
        ramp_up=ramp,
        reason=f"Repeated from your workout of {day}: exercise {index} of {count}, in the order you did it then.",
        dose_reason=(
            f"Last time's dose: {work} working set{'s' if work != 1 else ''} of {plain_number(reps)} {what}"
            f"{_sides_text(sides, extra)}{ramp_why}; rest {rest} s, {rest_why}."
        ),
        load_reason=load_reason,
        minutes=min(minutes(seconds), MAX_EXERCISE_MINUTES),
    )


def last_workout_routine(session: Session) -> list[PlanExerciseOut]:
    """The person's last workout (finished or in progress) as a routine's exercises: each exercise once, in order,
    with as many sets per side as its working sets then (a side that did more gets them as extra sets), the reps
    (or seconds), load and effort of its first working set, its loaded warm-up sets as ramp-up sets, and its usual
    rest."""
    try:
        workout = training.get_workout(session)
    except NotFoundError:
        raise LiftloreError("no workout logged yet", field="routine") from None
    known = library_view(session).exercises
    worked = _done(workout, known)
    if not worked:
        raise LiftloreError(
            f"your workout of {workout.started_at:%Y-%m-%d} has no working sets of library exercises to repeat",
            field="routine",
        )
    day = workout.started_at.date().isoformat()
    unit, rules = unit_preference(session), PlanRules()
    return [
        _repeated(known[slug], done, index, len(worked), day, unit, rules)
        for index, (slug, done) in enumerate(worked.items(), start=1)
    ]


# -- programmes ----------------------------------------------------------------------------------------------------


def enrol(session: Session, programme_slug: str, started_on: date) -> None:
    """The person follows `programme_slug` from `started_on`, instead of any programme they followed before. The
    caller has checked the slug names a programme."""
    repo.set_enrolment(session, check_text(programme_slug, "programme", 120), started_on)


def enrolment(session: Session) -> tuple[str, date] | None:
    """The programme the person follows and the day they started it, or None."""
    return repo.enrolment(session)


def leave_programme(session: Session) -> None:
    if not repo.delete_enrolment(session):
        raise NotFoundError("you follow no programme")


# -- started plans -------------------------------------------------------------------------------------------------


def start_plan(session: Session, plan: PlanOut) -> uuid.UUID:
    """Keep `plan` as the one the person started now."""
    return repo.add_started_plan(session, plan.to_data())


def started_plan(session: Session, since: datetime) -> PlanOut | None:
    """The latest plan the person started at or after `since` (an aware time), or None."""
    body = repo.latest_started_plan(session, since)
    if body is None:
        return None
    try:
        return PlanOut.model_validate(body)
    except ValidationError:
        # Kept by an older liftlore whose plan had other fields: a plan that cannot be read is as good as none,
        # and the log page then shows no targets rather than an error.
        return None
