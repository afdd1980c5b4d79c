"""The training log: log sets, read workouts and histories, previous performance, PRs and e1RM histories. Plain
functions over the session of one unit of work, which the CLI, the web pages and the JSON API open and pass in
(settings: training_settings.py)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise, Laterality
from liftlore.domain.limits import (
    MAX_NAME_LENGTH,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_SETS_PER_LOG,
    check_count,
    check_moment,
    check_text,
)
from liftlore.domain.log_grammar import LogLine, parse_log_line
from liftlore.domain.training import SetEntry, SetType, Side, Workout, reps_in_reserve, with_sides
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.science.records import Lift, Record, RecordBook, RecordKind, weight_key
from liftlore.science.strength import E1rmMethod
from liftlore.services import library
from liftlore.services.bulk import paused_gc
from liftlore.services.held_marks import KINDS, HeldMarks
from liftlore.services.log_ids import resolve_workout_id
from liftlore.services.name_matching import NameMatcher
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import (
    TrainingSettings,
    home_zone,
    settings_zone,
    training_settings,
    unit_preference,
)
from liftlore.store import exercises, strength_points
from liftlore.store import strength as strength_repo
from liftlore.store import training as repo
from liftlore.store.strength import LiftRow
from liftlore.store.tables import ExerciseRow
from liftlore.store.training import WorkoutSummary

# Re-exported, so the adapters find the whole training log here.
__all__ = ["LogLine", "WorkoutSummary", "parse_log_line", "unit_preference"]

SESSION_GAP = timedelta(hours=2)  # a set more than this after the last one starts a new workout

# -- logging -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    """What a log request did: the workout as it is now, the sets this request added to it, and the personal
    records they set (the first set of an exercise or side sets its first records, with nothing beaten)."""

    workout: Workout
    added: tuple[SetEntry, ...]
    records: tuple[PersonalRecord, ...]


def log_sets(
    session: Session,
    exercise: str,
    sets: Sequence[SetEntry],
    *,
    performed_at: datetime | None = None,
    workout_id: uuid.UUID | None = None,
    new_workout: bool = False,
    name: str | None = None,
    notes: str | None = None,
    superset_group: int | None = None,
    settings: TrainingSettings | None = None,
) -> Logged:
    """Add sets of `exercise` (slug, name or alias) to a workout.

    Without `workout_id` the sets go to the workout in progress (a typed-in workout not finished, whose last set
    was at most SESSION_GAP before), or start a new one (always, with `new_workout`); a workout in progress that
    a new one replaces is finished at its last set. A unilateral exercise's sets must each say their side.
    `settings` saves reading them again when the caller already has them. The training log is locked for the rest
    of the transaction first, so two requests never both start a workout or take the same set positions.
    """
    if not sets:
        raise LiftloreError("no sets to log", field="sets")
    check_count(len(sets), "sets", MAX_SETS_PER_LOG)
    found = resolve_exercise(session, exercise)
    sided = with_sides(found.name, found.laterality is Laterality.UNILATERAL, tuple(sets))
    settings = settings or training_settings(session)
    tz = settings_zone(settings)
    # The lock first, then the clock: a request that waited for the lock must not log at a time before the workout
    # the request ahead of it just started (it would start a second workout beside it).
    repo.lock_log(session)
    at = performed_at or datetime.now(tz)
    at = check_moment(at.replace(tzinfo=tz) if at.tzinfo is None else at, "performed_at")
    if workout_id is not None:
        if repo.workout_zone(session, workout_id) is None:
            raise NotFoundError(f"no workout {workout_id}")
    else:
        workout_id = None if new_workout else repo.open_workout(session, at, SESSION_GAP)
        if workout_id is not None:
            repo.start_by(session, workout_id, at)
        if workout_id is None:
            repo.finish_stale_workouts(session)
            workout_id = repo.new_workout(session, at.astimezone(tz), name=name, notes=notes)
    row = repo.exercise_row(session, found.slug)
    if row is None:  # deleted by another process since this one's snapshot was taken
        raise NotFoundError(f"no exercise '{exercise}'")
    stamped = [replace(entry, performed_at=at, id=repo.new_id()) for entry in sided]
    repo.append_sets(session, workout_id, row, stamped, settings.points, superset_group=superset_group)
    workout = repo.get_workout(session, workout_id)
    assert workout is not None
    added = {entry.id for entry in stamped if entry.id is not None}
    # Points computed by other rules (a changed setting, a restored backup) would make false records: bring them
    # up to date first (a no-op, one read of the stamp, when they are).
    strength_points.ensure(session, settings.points)
    records = records_broken(session, row, workout_id, added, settings.e1rm)
    return Logged(workout, tuple(s for e in workout.entries for s in e.sets if s.id in added), records)


def records_broken(
    session: Session, row: ExerciseRow, workout_id: uuid.UUID, sets: Collection[uuid.UUID], method: E1rmMethod
) -> tuple[PersonalRecord, ...]:
    """The records these sets of one workout broke, as `exercise_strength(...).history` would list them, without
    reading the exercise's whole history: the marks of the workouts before come from their strength points (and
    the most reps at the sets' weights from one grouped query), then this workout's sets are replayed on them.

    A one-sided exercise with a workout before holding both sets with a side and sets without one (an imported
    backup can have it) is replayed set by set instead: which came first in that workout decides a side's first
    mark, and its points cannot say."""
    one_sided = row.laterality == Laterality.UNILATERAL.value
    before = strength_repo.points_before(session, row.id, workout_id)
    if one_sided and _mixes_sides(before):
        return tuple(r for r in exercise_strength(session, row.slug).history if r.set_id in sets)
    book = RecordBook(one_sided=one_sided)
    marks = HeldMarks(one_sided=one_sided)
    for _, side, heaviest, e1rm, volume in before:
        marks.see(side, heaviest, e1rm, volume, None)
    for (slot, side), (value, _) in marks.held.items():
        book.seed(Side(side), KINDS[slot], value)
    here = strength_repo.lifts(session, row.id, workout_id)
    weights = {weight_key(lift.weight_kg) for lift in here if lift.set_id in sets}
    for (side, weight), reps in strength_repo.most_reps_before(session, row.id, workout_id, weights).items():
        book.seed_reps(Side(side), weight, reps)
    broken: list[PersonalRecord] = []
    for lift in here:
        rir = reps_in_reserve(lift.rpe, lift.rir)
        e1rm = method.estimate(lift.weight_kg, lift.reps, rir)
        records = book.observe(Lift(lift, lift.side, lift.set_type, lift.weight_kg, lift.reps, e1rm))
        if lift.set_id in sets:
            broken.extend(_personal(record) for record in records)
    return tuple(broken)


def _mixes_sides(points: Iterable[tuple[Any, str, Any, Any, Any]]) -> bool:
    """Whether a workout among these points has sets without a side beside sets with one."""
    sides: dict[Any, set[str]] = {}
    for workout, side, *_ in points:
        sides.setdefault(workout, set()).add(side)
    return any("both" in found and len(found) > 1 for found in sides.values())


def resolve_exercise(session: Session, text: str) -> Exercise:
    """The exercise a person means: by slug, name or alias, else the way imports match names (the equipment in
    parentheses, then close spellings); not found, with the nearest names as suggestions."""
    text = check_text(text, "exercise", MAX_NAME_LENGTH)
    # A slug (what the log page and API clients send) is answered from the in-memory library, without the six
    # queries that read a whole exercise; a name, or a slug the snapshot has not seen yet, goes to the database.
    known = library_view(session).exercises.get(text)
    if known is not None:
        return known
    try:
        return library.get_exercise(session, text)
    except NotFoundError as missing:
        match = NameMatcher(library.library_names(session)).match(text)
        if match.slug is None:
            raise missing from None
        return library.get_exercise(session, match.slug)


def workout_in_progress(session: Session) -> Workout | None:
    """The workout a set logged now would join (the same rule as `log_sets`), or None."""
    found = repo.open_workout(session, datetime.now(home_zone(session)), SESSION_GAP)
    return repo.get_workout(session, found) if found is not None else None


def finish_workout(
    session: Session,
    workout_id: uuid.UUID | None = None,
    *,
    ended_at: datetime | None = None,
    name: str | None = None,
) -> Workout:
    """Mark a workout (default: the one in progress) as ended, now or at `ended_at`; the next set starts a new one."""
    workout_id = workout_id or repo.unfinished_workout_id(session)
    if workout_id is None:
        raise NotFoundError("no workout in progress")
    workout = repo.get_workout(session, workout_id)
    if workout is None:
        raise NotFoundError(f"no workout {workout_id}")
    if workout.ended_at is not None:
        ended = workout.ended_at.strftime("%Y-%m-%d %H:%M")
        raise LiftloreError(f"this workout already ended ({ended}); a new set starts a new one", field="workout")
    tz = workout.started_at.tzinfo
    end = check_moment((ended_at or datetime.now(tz)).astimezone(tz), "ended_at")
    finished = replace(workout, ended_at=end, name=name or workout.name)  # refuses an end before the start
    repo.finish_workout(session, workout_id, end, name)
    return finished


def delete_workout(session: Session, workout_id: uuid.UUID) -> None:
    if not repo.delete_workout(session, workout_id):
        raise NotFoundError(f"no workout {workout_id}")


def list_workouts(session: Session, *, limit: int = 20, offset: int = 0) -> list[WorkoutSummary]:
    """Workouts, newest first: when, name, exercises, sets and working volume."""
    if not 1 <= limit <= MAX_PAGE_SIZE or not 0 <= offset <= MAX_OFFSET:
        raise LiftloreError(
            f"limit must be 1 to {MAX_PAGE_SIZE} and offset 0 to {MAX_OFFSET}", field="limit" if limit < 1 else "offset"
        )
    return repo.list_workouts(session, limit=limit, offset=offset)


def workout_count(session: Session) -> int:
    """How many workouts there are, for paging through `list_workouts`."""
    return repo.count_workouts(session)


def get_workout(session: Session, workout_id: uuid.UUID | str | None = None) -> Workout:
    """A workout by id (a UUID, or its text: the whole id or a unique prefix), or the latest one when no id is
    given."""
    if workout_id is None:
        workout_id = repo.latest_workout_id(session)
        if workout_id is None:
            raise NotFoundError("no workouts logged yet")
    elif isinstance(workout_id, str):
        workout_id = resolve_workout_id(session, workout_id)
    workout = repo.get_workout(session, workout_id)
    if workout is None:
        raise NotFoundError(f"no workout {workout_id}")
    return workout


# -- previous performance, records and e1RM ------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviousPerformance:
    exercise_slug: str
    workout_id: uuid.UUID
    performed_on: datetime  # the workout's start
    sets: tuple[SetEntry, ...]


def previous_performance(
    session: Session, exercise_slug: str, *, exclude_workout_id: uuid.UUID | None = None
) -> PreviousPerformance | None:
    """The sets of the last time this exercise was done (leaving out one workout, e.g. the one in progress)."""
    found = exercise_history(session, exercise_slug, limit=1, exclude_workout_id=exclude_workout_id)
    return found[0] if found else None


def exercise_history(
    session: Session,
    exercise_slug: str,
    *,
    limit: int = 10,
    offset: int = 0,
    exclude_workout_id: uuid.UUID | None = None,
) -> list[PreviousPerformance]:
    """The latest times an exercise (slug, name or alias) was done, newest first, with their sets."""
    if not 1 <= limit <= MAX_PAGE_SIZE or not 0 <= offset <= MAX_OFFSET:
        raise LiftloreError(f"limit must be 1 to {MAX_PAGE_SIZE} and offset 0 to {MAX_OFFSET}", field="limit")
    row = _exercise(session, exercise_slug)
    found = strength_repo.recent_entries(
        session, row.id, limit=limit, offset=offset, exclude_workout=exclude_workout_id
    )
    return [PreviousPerformance(row.slug, e.workout_id, e.started_at, e.sets) for e in found]


@dataclass(frozen=True)
class PersonalRecord:
    kind: RecordKind
    side: Side
    value: float  # kg, or reps for RecordKind.REPS
    previous: float | None  # what it beat; None for the first of its kind
    weight_kg: float | None
    reps: int
    set_id: uuid.UUID
    workout_id: uuid.UUID
    performed_on: datetime  # the workout's start


@dataclass(frozen=True)
class E1rmPoint:
    """The best estimated 1RM of one workout, on one side, and the set it came from."""

    workout_id: uuid.UUID
    performed_on: datetime
    side: Side
    e1rm_kg: float
    weight_kg: float
    reps: int
    set_id: uuid.UUID


@dataclass(frozen=True)
class ExerciseStrength:
    slug: str
    name: str
    laterality: Laterality
    method: E1rmMethod
    records: tuple[PersonalRecord, ...]  # held now, per side: each kind, then most reps at each weight
    history: tuple[PersonalRecord, ...]  # every PR as it happened, oldest first
    e1rm: tuple[E1rmPoint, ...]  # oldest first


def exercise_strength(session: Session, exercise_slug: str) -> ExerciseStrength:
    """One exercise's records held now (`.records`), every PR as it happened (`.history`) and the best estimated
    1RM of each workout (`.e1rm`), per side, by the e1RM method in the settings."""
    method = training_settings(session).e1rm
    row = _exercise(session, exercise_slug)
    found = strength_repo.lifts(session, row.id)
    return analyse(row.slug, row.name, Laterality(row.laterality), found, method)


@dataclass(frozen=True)
class E1rmHistory:
    slug: str
    name: str
    laterality: Laterality
    method: E1rmMethod
    e1rm: tuple[E1rmPoint, ...]  # oldest first; of one workout, left before right


def e1rm_history(session: Session, exercise_slug: str, *, last: int | None = None) -> E1rmHistory:
    """One exercise's best e1RM per workout and side (the `last` of them only, if given), with the set it came
    from, by the method in the settings: what `exercise_strength(...).e1rm` holds, read from the strength points
    instead of every set."""
    settings = training_settings(session)
    strength_points.ensure(session, settings.points)
    row = _exercise(session, exercise_slug)
    with paused_gc():  # ten thousand points make no cycles; collections over them cost a fifth of the time
        found = strength_repo.e1rm_points(session, row.id, last)
        points = tuple(
            E1rmPoint(workout_id, started_at, side, e1rm, weight, reps, set_id)
            for set_id, workout_id, started_at, side, e1rm, weight, reps in found
        )
    return E1rmHistory(row.slug, row.name, Laterality(row.laterality), settings.e1rm, points)


@dataclass(frozen=True)
class Best:
    """A record held now, from the overview: its value and the workout that first reached it."""

    kind: RecordKind
    side: Side
    value: float
    workout_id: uuid.UUID
    performed_on: datetime


class E1rmValue(NamedTuple):
    """The best e1RM of one workout on one side (a tuple: the overview makes a quarter of a million)."""

    workout_id: uuid.UUID
    performed_on: datetime
    side: Side
    e1rm_kg: float


@dataclass(frozen=True)
class StrengthSummary:
    """One exercise in the strength overview: its records held now and its e1RM per workout."""

    slug: str
    name: str
    laterality: Laterality
    bests: tuple[Best, ...]  # per side: heaviest weight, best e1RM, best set volume
    e1rm: tuple[E1rmValue, ...]  # oldest first


def strength_overview(session: Session) -> list[StrengthSummary]:
    """Every logged exercise's e1RM history and records (heaviest weight, best e1RM, best set volume, per side),
    from the strength points kept beside the sets (rebuilt first if the e1RM method changed since). The most reps
    at each weight, and each set that was a PR, are in `exercise_strength` of one exercise: they need every set in
    order, which is too slow for all of them at once."""
    with paused_gc():
        strength_points.ensure(session, training_settings(session).points)
        workouts = strength_repo.workout_starts(session)
        titles = strength_repo.exercise_titles(session)
        return _overview(strength_points.read(session), workouts, titles)


def _overview(
    points: Iterable[tuple[Any, Any, str, float | None, float | None, float | None]],
    workouts: dict[Any, tuple[uuid.UUID, datetime]],
    titles: dict[Any, tuple[str, str, str]],
) -> list[StrengthSummary]:
    """One pass over the points, each exercise's in the order done: a later workout takes a record only by beating
    it, so of equal values the first keeps it. This loop sees a quarter of a million points and is kept lean."""
    sides = {side.value: side for side in Side}
    overview = []
    for exercise, rows in itertools.groupby(points, key=itemgetter(0)):
        slug, name, laterality = titles[exercise]
        marks = HeldMarks(one_sided=laterality == Laterality.UNILATERAL.value)
        see = marks.see
        history = []
        for _, workout, side, heaviest, e1rm, volume in rows:
            see(side, heaviest, e1rm, volume, workout)
            if e1rm is not None:
                # tuple.__new__ skips the NamedTuple's Python-level constructor, the dearest step here.
                history.append(tuple.__new__(E1rmValue, (*workouts[workout], sides[side], e1rm)))
        bests = []
        for side in Side:
            for index, kind in enumerate(KINDS):
                if (index, side.value) in marks.held:
                    value, workout = marks.held[(index, side.value)]
                    bests.append(Best(kind, side, value, *workouts[workout]))
        overview.append(StrengthSummary(slug, name, Laterality(laterality), tuple(bests), tuple(history)))
    return sorted(overview, key=lambda summary: (summary.name.lower(), summary.slug))


@dataclass(frozen=True)
class WorkoutRecord:
    """A record a workout broke (it beat an earlier mark; a first mark is not counted), from the strength points:
    the heaviest weight, best e1RM or best set volume of one exercise on one side."""

    exercise_slug: str
    exercise_name: str
    kind: RecordKind
    side: Side
    value: float
    previous: float


def workout_records(session: Session, workout_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[WorkoutRecord]]:
    """The records each of these workouts broke, for the history: one pass over the strength points of the
    exercises they hold, in the order done, by the overview's rules (including a one-sided exercise's unsided
    history)."""
    wanted = set(workout_ids)
    found: dict[uuid.UUID, list[WorkoutRecord]] = {workout_id: [] for workout_id in wanted}
    if not wanted:
        return found
    strength_points.ensure(session, training_settings(session).points)
    exercises = strength_repo.exercises_in_workouts(session, wanted)
    titles = strength_repo.exercise_titles(session)
    points = strength_points.read(session, exercises) if exercises else iter(())
    for exercise, rows in itertools.groupby(points, key=itemgetter(0)):
        slug, name, laterality = titles[exercise]
        marks = HeldMarks(one_sided=laterality == Laterality.UNILATERAL.value)
        for _, workout, side, heaviest, e1rm, volume in rows:
            workout_id = strength_repo.uuid_of(workout)
            for slot, value, previous in marks.see(side, heaviest, e1rm, volume, workout):
                if previous is not None and workout_id in wanted:
                    record = WorkoutRecord(slug, name, KINDS[slot], Side(side), value, previous)
                    found[workout_id].append(record)
    return found


def analyse(
    slug: str, name: str, laterality: Laterality, lifts: Iterable[LiftRow], method: E1rmMethod
) -> ExerciseStrength:
    """One pass over an exercise's sets in the order done: PRs as they happened, and each workout's best e1RM."""
    book = RecordBook(one_sided=laterality is Laterality.UNILATERAL)
    history: list[PersonalRecord] = []
    best: dict[tuple[uuid.UUID, Side], E1rmPoint] = {}
    for lift in lifts:
        rir = reps_in_reserve(lift.rpe, lift.rir)
        e1rm = method.estimate(lift.weight_kg, lift.reps, rir) if lift.set_type is not SetType.WARM_UP else None
        history.extend(
            _personal(record)
            for record in book.observe(Lift(lift, lift.side, lift.set_type, lift.weight_kg, lift.reps, e1rm))
        )
        if e1rm is not None and lift.weight_kg is not None and lift.reps is not None:
            key = (lift.workout_id, lift.side)
            held = best.get(key)
            if held is None or e1rm > held.e1rm_kg:
                best[key] = E1rmPoint(
                    lift.workout_id, lift.started_at, lift.side, e1rm, lift.weight_kg, lift.reps, lift.set_id
                )
    return ExerciseStrength(
        slug=slug,
        name=name,
        laterality=laterality,
        method=method,
        records=tuple(_personal(record) for record in book.current()),
        history=tuple(history),
        # In the points' order (store/strength.e1rm_points): workout, then side by name.
        e1rm=tuple(sorted(best.values(), key=lambda p: (p.performed_on, p.workout_id, p.side.value))),
    )


def _personal(record: Record) -> PersonalRecord:
    lift = record.ref
    assert isinstance(lift, LiftRow)
    return PersonalRecord(
        kind=record.kind,
        side=record.side,
        value=record.value,
        previous=record.previous,
        weight_kg=record.weight_kg,
        reps=record.reps,
        set_id=lift.set_id,
        workout_id=lift.workout_id,
        performed_on=lift.started_at,
    )


def _exercise(session: Session, slug_or_name: str) -> ExerciseRow:
    """The exercise with this slug, or whose name or alias this is."""
    row = repo.exercise_row(session, slug_or_name)
    if row is None:
        by_name = exercises.find_by_name(session, slug_or_name)
        row = repo.exercise_row(session, by_name.slug) if by_name is not None else None
    if row is None:
        names = library.closest_names(slug_or_name, exercises.exercise_names(session))
        raise NotFoundError(f"no exercise '{slug_or_name}'", suggestions=names)
    return row
