"""The person's training shown back: hard sets and volume load per muscle in a week, recovery per muscle with the
sets behind it, left/right symmetry per exercise with a recommendation, and the days trained.

Every figure is worked out from the strength points (store/strength_points.py), which carry each workout's hard
sets per exercise and side, so a report reads a few thousand rows rather than the sets. The rules (hard set,
credit, recovery model, symmetry index) are science/training_load.py; their settings are the person's. The
answers are the JSON shapes themselves (shapes/insight.py): the CLI's tables and the pages read the same objects.

Decided here: a set counts at its workout's start (for the week it falls in and for fatigue), and a workout's week
and day are those of the person's home zone."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from liftlore.domain.limits import check_count
from liftlore.domain.training import Side, reps_in_reserve, zone_name
from liftlore.domain.units import format_weight
from liftlore.errors import LiftloreError
from liftlore.science.training_load import (
    FLAG_SESSIONS,
    WINDOW_DAYS,
    band,
    credit,
    is_flagged,
    limb_symmetry,
)
from liftlore.services.training import resolve_exercise
from liftlore.services.training_settings import TrainingSettings, settings_zone, training_settings
from liftlore.shapes.insight import (
    ExerciseSymmetryOut,
    FatigueSourceOut,
    MuscleRecoveryOut,
    MuscleVolumeOut,
    RecommendationOut,
    RecoveryOut,
    StrategyOut,
    SymmetryOut,
    SymmetrySessionOut,
    TrainingDayOut,
    TrainingDaysOut,
    VolumeOut,
    VolumeSourceOut,
)
from liftlore.store import insight as repo
from liftlore.store import strength_points
from liftlore.store.strength import exercise_titles, uuid_of


@dataclass(frozen=True)
class _Context:
    settings: TrainingSettings
    tz: tzinfo


def _context(session: Session) -> _Context:
    """The person's settings, with their points brought up to those settings' rules first."""
    settings = training_settings(session)
    strength_points.ensure(session, settings.points)
    return _Context(settings, settings_zone(settings))


def _round(value: float) -> float:
    return round(value, 2)


# -- weekly volume ---------------------------------------------------------------------------------------------------


WEEK = re.compile(r"([0-9]{4})-?[Ww]([0-9]{1,2})", re.ASCII)
FIRST_YEAR, LAST_YEAR = 1900, 2099  # the years any logged time may have (domain/limits.check_moment)


def parse_week(text: str) -> tuple[int, int]:
    """'2026-W47' (or '2026W47', '2026-w47') -> (2026, 47); anything else is refused, naming the field."""
    written = WEEK.fullmatch(text.strip())
    if written is None:
        raise LiftloreError(f"'{text[:40]}' is not an ISO week; write it like 2026-W47", field="week")
    year, week = int(written.group(1)), int(written.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise LiftloreError(f"weeks from {FIRST_YEAR} to {LAST_YEAR} only, not {year}", field="week")
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise LiftloreError(f"{year} has no week {week}", field="week") from None
    return year, week


def week_name(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_volume(session: Session, week: str | None = None, *, today: date | None = None) -> VolumeOut:
    """Hard sets and volume load per muscle group in one ISO week of the person's zone (this week by default)."""
    context = _context(session)
    if week is None:
        week = week_name(today or datetime.now(context.tz).date())
    year, number = parse_week(week)
    monday = date.fromisocalendar(year, number, 1)
    start = datetime.combine(monday, time(), context.tz)
    end = datetime.combine(monday + timedelta(days=7), time(), context.tz)
    work = repo.hard_work(session, start, end)
    muscles = repo.exercise_muscles(session, {point.exercise_id for point in work})
    titles = exercise_titles(session)
    names = repo.muscle_groups(session)
    totals: dict[str, list[float]] = {slug: [0.0, 0.0, 0.0, 0.0] for slug in names}  # sets, load, left, right
    sources: dict[str, dict[tuple[Any, str], list[Any]]] = defaultdict(dict)
    for point in work:
        one_side = point.side != Side.BOTH.value
        for muscle, primary in muscles.get(point.exercise_id, ()):
            share = credit(primary, one_side)
            whole = credit(primary, one_side=False)
            figures = totals.setdefault(muscle, [0.0, 0.0, 0.0, 0.0])
            figures[0] += share * point.hard_sets
            figures[1] += share * point.load_kg
            if point.side == Side.LEFT.value:
                figures[2] += whole * point.hard_sets
            elif point.side == Side.RIGHT.value:
                figures[3] += whole * point.hard_sets
            source = sources[muscle].setdefault((point.exercise_id, point.side), [primary, 0, 0.0, 0.0])
            source[1] += point.hard_sets
            source[2] += share * point.hard_sets
            source[3] += share * point.load_kg
    rows = []
    for slug, (sets, load, left, right) in totals.items():
        found = []
        for (exercise, side), (primary, count, given, given_load) in sources[slug].items():
            exercise_slug, exercise_name, _ = titles[exercise]
            found.append(
                VolumeSourceOut(
                    slug=exercise_slug,
                    name=exercise_name,
                    role="primary" if primary else "secondary",
                    side=Side(side),
                    sets=count,
                    credit=_round(given),
                    volume_load_kg=_round(given_load),
                )
            )
        found.sort(key=lambda source: (-source.credit, source.name, source.side.value))
        rows.append(
            MuscleVolumeOut(
                slug=slug,
                name=names.get(slug, slug),
                hard_sets=_round(sets),
                volume_load_kg=_round(load),
                left_sets=_round(left),
                right_sets=_round(right),
                band=band(sets),
                exercises=found,
            )
        )
    rows.sort(key=lambda row: (-row.hard_sets, row.name))
    return VolumeOut(
        week=f"{year}-W{number:02d}",
        starts=monday,
        ends=monday + timedelta(days=6),
        time_zone=zone_name(context.tz),
        hard_set_rpe=context.settings.hard.min_rpe,
        muscles=rows,
    )


# -- recovery --------------------------------------------------------------------------------------------------------


def recovery(session: Session, at: datetime | None = None) -> RecoveryOut:
    """Each muscle group's recovery at `at` (now by default; a time without a zone is the person's), from the hard
    sets of the WINDOW_DAYS before it, least recovered first, with the sets behind each figure."""
    context = _context(session)
    moment = datetime.now(context.tz) if at is None else at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=context.tz)
    work = repo.hard_work(session, moment - timedelta(days=WINDOW_DAYS), moment + timedelta(microseconds=1))
    muscles = repo.exercise_muscles(session, {point.exercise_id for point in work})
    titles = exercise_titles(session)
    names = repo.muscle_groups(session)
    sources: dict[str, list[FatigueSourceOut]] = defaultdict(list)
    fatigue: dict[str, float] = defaultdict(float)
    for point in work:
        started = _aware(point.started_at)
        age_days = (moment - started).total_seconds() / 86400
        one_side = point.side != Side.BOTH.value
        exercise_slug, exercise_name, _ = titles[point.exercise_id]
        for muscle, primary in muscles.get(point.exercise_id, ()):
            given = credit(primary, one_side) * point.hard_sets
            left = context.settings.recovery_of(muscle).remaining(given, age_days)
            fatigue[muscle] += left
            sources[muscle].append(
                FatigueSourceOut(
                    workout_id=uuid_of(point.workout_id),
                    started_at=started.astimezone(context.tz),
                    exercise=exercise_slug,
                    exercise_name=exercise_name,
                    role="primary" if primary else "secondary",
                    side=Side(point.side),
                    sets=point.hard_sets,
                    credit=_round(given),
                    remaining=round(left, 3),
                )
            )
    rows = []
    for slug in {**names, **dict.fromkeys(fatigue)}:
        model = context.settings.recovery_of(slug)
        rows.append(
            MuscleRecoveryOut(
                slug=slug,
                name=names.get(slug, slug),
                recovery_pct=model.recovery_pct(fatigue[slug]),
                fatigue=round(fatigue[slug], 3),
                tau_days=round(model.tau_days, 3),
                capacity=model.capacity,
                sets=sources[slug][::-1],
            )
        )
    rows.sort(key=lambda row: (row.recovery_pct, row.name))
    return RecoveryOut(at=moment, window_days=WINDOW_DAYS, muscles=rows)


def recovery_figures(session: Session, at: datetime) -> dict[str, float]:
    """Each muscle group's recovery % at `at`, as `recovery` works it out, without the sets behind each figure:
    what the planner reads, where building every source's shape cost more than the sum."""
    context = _context(session)
    moment = at if at.tzinfo is not None else at.replace(tzinfo=context.tz)
    work = repo.hard_work(session, moment - timedelta(days=WINDOW_DAYS), moment + timedelta(microseconds=1))
    muscles = repo.exercise_muscles(session, {point.exercise_id for point in work})
    fatigue: dict[str, float] = defaultdict(float)
    for point in work:
        age_days = (moment - _aware(point.started_at)).total_seconds() / 86400
        one_side = point.side != Side.BOTH.value
        for muscle, primary in muscles.get(point.exercise_id, ()):
            given = credit(primary, one_side) * point.hard_sets
            fatigue[muscle] += context.settings.recovery_of(muscle).remaining(given, age_days)
    return {muscle: context.settings.recovery_of(muscle).recovery_pct(left) for muscle, left in fatigue.items()}


def _aware(moment: datetime) -> datetime:
    """A stored time (SQLite gives it back without a zone: it is UTC) with its zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- symmetry --------------------------------------------------------------------------------------------------------

# Sessions listed per exercise: two years of twice-weekly sessions. The flag reads the last four; a trend over more
# than this is the e1RM history's job, and listing them all for a five-year log took seconds.
SYMMETRY_SESSIONS = 100
MAX_SYMMETRY_SESSIONS = 5000

MATCH_WHY = (
    "Training each side on its own with the same work reduced asymmetry modestly in the trials pooled by Bettariga"
    " et al. (Strength and Conditioning Journal, doi 10.1519/SSC.0000000000000701, 8 studies). No trial has"
    " compared it with an extra set for the weaker side."
)
EXTRA_WHY = (
    "A common coaching practice with no trial behind it: the extra work goes where the deficit is. Keep it to one"
    " set so the weaker side's recovery keeps up."
)


def symmetry(session: Session, exercise: str | None = None, *, last: int = SYMMETRY_SESSIONS) -> SymmetryOut:
    """Per exercise done on both sides in one workout (this one, if given): each such session's limb symmetry
    index by best e1RM and by volume load (the `last` of them), whether the asymmetry persists past the
    threshold, and what to do."""
    if check_count(last, "sessions", MAX_SYMMETRY_SESSIONS) < 1:
        raise LiftloreError("list at least 1 session", field="sessions")
    context = _context(session)
    wanted = None
    if exercise is not None:
        wanted = repo.exercise_id_of(session, resolve_exercise(session, exercise).slug)
    pairs = repo.side_pairs(
        session, uuid_of(wanted) if wanted is not None else None, last=max(last, FLAG_SESSIONS)
    )  # the flag reads four
    titles = exercise_titles(session)
    threshold = context.settings.symmetry_threshold
    found = []
    by_exercise: dict[Any, list[repo.SidePair]] = defaultdict(list)
    for pair in pairs:
        by_exercise[pair.exercise_id].append(pair)
    for exercise_id, rows in by_exercise.items():
        slug, name, _ = titles[exercise_id]
        sessions = [_session(pair, context.tz) for pair in rows]
        # The flag reads the exact indices: 89.96 shows as 90.0 but is a gap over 10 %.
        exact = (limb_symmetry(pair.left_e1rm, pair.right_e1rm)[0] for pair in rows)
        flagged = is_flagged([lsi for lsi in exact if lsi is not None], threshold)
        advice = _recommend(session, context, rows, sessions) if flagged else None
        found.append(
            ExerciseSymmetryOut(slug=slug, name=name, sessions=sessions[-last:], flagged=flagged, recommendation=advice)
        )
    found.sort(key=lambda item: (not item.flagged, item.name))
    return SymmetryOut(threshold=threshold, exercises=found)


def symmetry_flags(session: Session, exercise_ids: Collection[Any]) -> dict[str, tuple[bool, Side | None]]:
    """Per exercise id (as text) done on both sides: whether its gap is flagged, by the rule `symmetry` applies,
    and the side that was weaker most often in its last FLAG_SESSIONS sessions (the latest on a tie)."""
    threshold = training_settings(session).symmetry_threshold
    found: dict[str, tuple[bool, Side | None]] = {}
    for exercise_id in exercise_ids:
        pairs = repo.side_pairs(session, uuid_of(exercise_id), last=FLAG_SESSIONS)
        if not pairs:
            continue
        read = [limb_symmetry(pair.left_e1rm, pair.right_e1rm) for pair in pairs]
        flagged = is_flagged([lsi for lsi, _ in read if lsi is not None], threshold)
        sides = [Side(weaker) for lsi, weaker in read if lsi is not None and weaker]
        weaker = max((Side.LEFT, Side.RIGHT), key=lambda s: (sides.count(s), s is sides[-1])) if sides else None
        found[str(uuid_of(exercise_id))] = (flagged, weaker)
    return found


def _session(pair: repo.SidePair, tz: tzinfo) -> SymmetrySessionOut:
    lsi_e1rm, weaker = limb_symmetry(pair.left_e1rm, pair.right_e1rm)
    lsi_volume, _ = limb_symmetry(pair.left_load, pair.right_load)
    return SymmetrySessionOut(
        date=_aware(pair.started_at).astimezone(tz).date(),
        workout_id=uuid_of(pair.workout_id),
        lsi_e1rm=None if lsi_e1rm is None else round(lsi_e1rm, 1),
        lsi_volume=None if lsi_volume is None else round(lsi_volume, 1),
        weaker=Side(weaker) if weaker else None,
        left_e1rm_kg=None if pair.left_e1rm is None else _round(pair.left_e1rm),
        right_e1rm_kg=None if pair.right_e1rm is None else _round(pair.right_e1rm),
        left_volume_kg=_round(pair.left_load),
        right_volume_kg=_round(pair.right_load),
    )


def _recommend(
    session: Session, context: _Context, rows: list[repo.SidePair], sessions: list[SymmetrySessionOut]
) -> RecommendationOut | None:
    """The two strategies for the side that was weaker most often in the flagged sessions, with the stronger
    side's best set of the latest session as the target to match."""
    recent = [s for s in sessions if s.lsi_e1rm is not None][-4:]
    sides = [s.weaker for s in recent if s.weaker is not None]
    if not sides:
        return None
    weaker = max((Side.LEFT, Side.RIGHT), key=lambda side: (sides.count(side), side is sides[-1]))
    stronger = Side.RIGHT if weaker is Side.LEFT else Side.LEFT
    latest = next(pair for pair in reversed(rows) if pair.left_e1rm is not None and pair.right_e1rm is not None)
    target = _best_set(session, context, latest, stronger)
    if target is None:
        match = f"Give the {weaker.value} side the same load and reps as the {stronger.value} side, set for set."
    else:
        weight, reps = target
        load = format_weight(weight, context.settings.unit)
        match = (
            f"Give the {weaker.value} side the {stronger.value} side's work: {load} x {reps} on each set,"
            f" as the {stronger.value} side did last time, before adding load to either side."
        )
    extra = f"Add one set for the {weaker.value} side only, after its usual sets, until the gap closes."
    return RecommendationOut(
        weaker=weaker,
        strategies=[
            StrategyOut(name="match", advice=match, basis="trial evidence", why=MATCH_WHY),
            StrategyOut(name="extra-set", advice=extra, basis="coaching practice", why=EXTRA_WHY),
        ],
    )


def _best_set(session: Session, context: _Context, pair: repo.SidePair, side: Side) -> tuple[float, int] | None:
    method = context.settings.e1rm
    best: tuple[float, float, int] | None = None
    for found in repo.working_sets(session, pair.workout_id, pair.exercise_id):
        if found.side != side.value:
            continue
        e1rm = method.estimate(found.weight_kg, found.reps, reps_in_reserve(found.rpe, found.rir))
        if e1rm is not None and (best is None or e1rm > best[0]):
            best = (e1rm, found.weight_kg, found.reps)
    return None if best is None else (best[1], best[2])


# -- records over time ----------------------------------------------------------------------------------------------


def recent_exercises(session: Session, count: int = 4) -> list[str]:
    """The slugs of the `count` exercises with an estimated 1RM the person trained most recently, latest first."""
    strength_points.ensure(session, training_settings(session).points)
    return repo.recent_exercises(session, count)


# -- training days ---------------------------------------------------------------------------------------------------


def training_days(session: Session, first: date, last: date) -> TrainingDaysOut:
    """The days from `first` to `last` (the person's zone) with at least one workout started, and how many."""
    if last < first:
        raise LiftloreError("the last day is before the first", field="ends")
    tz = settings_zone(training_settings(session))
    start = datetime.combine(first, time(), tz)
    end = datetime.combine(last + timedelta(days=1), time(), tz)
    found: dict[date, list[uuid.UUID]] = defaultdict(list)
    for workout_id, started in repo.workout_starts_between(session, start, end):
        found[_aware(started).astimezone(tz).date()].append(workout_id)
    days = [TrainingDayOut(date=day, workouts=len(ids), workout_ids=ids) for day, ids in sorted(found.items())]
    return TrainingDaysOut(starts=first, ends=last, days=days)
