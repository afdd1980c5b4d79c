"""Today's plan for the person: the library's exercises as the generator's choices, the person's state (recovery,
this week's sets, each exercise's recent history and symmetry flag) read from the strength points, their settings
as the rules, and loads rounded to their plates. Editing a plan (swap, lock and regenerate) runs the same
generator with the kept exercises locked. The answer is the JSON shape (shapes/planning.PlanOut)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy.orm import Session

from liftlore.domain.exercise import Drill, Exercise
from liftlore.domain.planning import Deload, Goal, Plan, Prescription, Profile, RampSet
from liftlore.domain.training import Side, reps_in_reserve
from liftlore.domain.units import WeightUnit, format_weight, from_kg, to_kg
from liftlore.errors import LiftloreError
from liftlore.planner import generator
from liftlore.planner.inputs import (
    Choice,
    DrillDose,
    ExerciseHistory,
    LastSet,
    Loads,
    PlanRules,
    TrainingState,
)
from liftlore.science.plates import load_bar
from liftlore.services import insight
from liftlore.services.programmes import bundled_programmes
from liftlore.services.snapshot import Snapshot, library_view
from liftlore.services.training_settings import TrainingSettings, default_plates, settings_zone, training_settings
from liftlore.shapes.planning import DrillStepOut, PlanExerciseOut, PlanOut, RampSetOut
from liftlore.store import plan_history, strength_points
from liftlore.store.strength import uuid_of

# Loaded with plates on the person's bar (the `bar` setting), so plates round the load. An EZ bar or a trap bar
# weighs something else, so their lifts round by their own load step.
ON_BAR = frozenset({"barbell"})
HISTORY_DAYS = 182  # an exercise not done for half a year starts light again
RECENT_SESSIONS = 3  # the load is read from the best set of an exercise's last three sessions
DRILL_REP_SECONDS = 3.0  # a drill rep is quicker than a lifting rep
LB_STEP = 2.5  # the smallest step a pound gym loads
MAX_SEED = 2**31 - 1


# -- the choices -------------------------------------------------------------------------------------------------------


def choices(snap: Snapshot) -> list[Choice]:
    """Every exercise with planner defaults as a choice, once per snapshot. Pages without them (imported pages,
    log names) are left out: the planner would have to guess their sets, rest and load step."""

    def build() -> list[Choice]:
        staples = {slot.exercise for p in bundled_programmes() for day in p.days for slot in day.slots}
        return [choice_of(e, staple=e.slug in staples) for e in snap.exercises.values() if e.planner]

    return snap.remember(("planner-choices",), build)


def choice_of(exercise: Exercise, *, staple: bool = False) -> Choice:
    assert exercise.planner is not None
    needs = frozenset(u.equipment.slug for u in exercise.equipment if not u.optional)
    return Choice(
        slug=exercise.slug,
        name=exercise.name,
        compound=exercise.mechanic is not None and exercise.mechanic.value == "compound",
        pattern=exercise.movement_pattern,
        unilateral=exercise.laterality.value == "unilateral",
        primary=tuple(m.slug for m in exercise.primary_muscles),
        secondary=tuple(m.slug for m in exercise.secondary_muscles),
        needs=needs,
        defaults=exercise.planner,
        level=exercise.level,
        warm_up=tuple(_drill(d) for d in exercise.warm_up if d.slug != "ramp-up"),
        cool_down=tuple(_drill(d) for d in exercise.cool_down),
        on_bar=bool(needs & ON_BAR),
        staple=staple,
    )


def _drill(drill: Drill) -> DrillDose:
    dose = drill.dose
    once = float(dose.seconds[1]) if dose.seconds else (dose.reps or 10) * DRILL_REP_SECONDS
    words = dose_words(drill)
    return DrillDose(drill.slug, drill.name, words, once * (2 if dose.per_side else 1))


def dose_words(drill: Drill) -> str:
    """'8 reps', '10 reps each side', '20-30 s each side': a drill's dose, short enough for a list."""
    dose = drill.dose
    each = " each side" if dose.per_side else ""
    if dose.seconds:
        low, high = dose.seconds
        return f"{low} s{each}" if low == high else f"{low}-{high} s{each}"
    if dose.reps:
        return f"{dose.reps} reps{each}"
    return "as its steps say"


# -- the person's state ------------------------------------------------------------------------------------------------


def state(session: Session, settings: TrainingSettings, profile: Profile, now: datetime) -> TrainingState:
    """Recovery now, this week's hard sets, and the recent history of every exercise the person has done in the
    last HISTORY_DAYS, with its symmetry flag."""
    recovery = insight.recovery_figures(session, now)
    week = insight.weekly_volume(session, today=now.date())
    monday = now.date() - timedelta(days=now.weekday())
    trained = insight.training_days(session, monday, now.date() - timedelta(days=1)) if now.weekday() else None
    done = len(trained.days) if trained else 0
    days_left = max(1, profile.days_per_week - done)
    tz = settings_zone(settings)
    # Twice the sessions wanted, so that with a deload week's left out there are still enough.
    latest = plan_history.latest_points(session, now - timedelta(days=HISTORY_DAYS), workouts=2 * RECENT_SESSIONS)
    first_start = run_start(session, now)
    pairs = {(point.workout_id, point.exercise_id) for points in latest.values() for point in points}
    sets = plan_history.last_sets(session, pairs)
    sided = {points[0].exercise_id for points in latest.values() if any(p.side == Side.LEFT.value for p in points)}
    flags = insight.symmetry_flags(session, sided)
    history: dict[str, ExerciseHistory] = {}
    for slug, points in latest.items():
        first = points[0]
        last = sets.get(_pair(first), [])
        normal = [p for p in points if not _in_deload(p.started_at, first_start, settings, tz)] or points
        workouts = list(dict.fromkeys(_pair(p) for p in normal))[:RECENT_SESSIONS]
        recent = [s for workout in workouts for s in sets.get(workout, [])]
        flagged, weaker = flags.get(str(uuid_of(first.exercise_id)), (False, None))
        stronger_best = None
        if flagged and weaker is not None:
            stronger_best = _best(last, Side.RIGHT if weaker is Side.LEFT else Side.LEFT, settings)
        history[slug] = ExerciseHistory(
            e1rm_kg=_best_e1rm([p for p in normal if _pair(p) in workouts]),
            last_sets=tuple(LastSet(Side(s.side), s.weight_kg, s.reps, _rpe(s.rpe, s.rir)) for s in last),
            recent_sets=tuple(LastSet(Side(s.side), s.weight_kg, s.reps, _rpe(s.rpe, s.rir)) for s in recent),
            last_done=_aware(first.started_at).astimezone(tz).date().isoformat(),
            weaker=weaker,
            flagged=flagged,
            stronger_best=stronger_best,
        )
    return TrainingState(
        recovery_pct=recovery,
        week_sets={m.slug: m.hard_sets for m in week.muscles},
        history=history,
        days_left=days_left,
        hard_rpe=settings.hard.min_rpe,
        # The run's start is read once per plan: the break search reads a year of workouts.
        deload=_deload_of(_week_of(now, first_start, tz), settings),
    )


def _best_e1rm(points: Sequence[plan_history.LatestPoint]) -> dict[Side, float]:
    """Each side's best e1RM in the recent sessions: one light day (a short set far from failure reads low) does
    not lower the load a plan or a programme's training max is worked out from."""
    best: dict[Side, float] = {}
    for point in points:
        if point.e1rm_kg is not None:
            side = Side(point.side)
            best[side] = max(best.get(side, 0.0), point.e1rm_kg)
    return best


def _in_deload(started: datetime, first: datetime | None, settings: TrainingSettings, tz: tzinfo) -> bool:
    """Whether a workout fell in a planned deload week: its easy sets do not set the next load."""
    week = _week_of(_aware(started), first, tz)
    return settings.deload_every > 0 and week is not None and week % settings.deload_every == 0


def _week_of(moment: datetime, first: datetime | None, tz: tzinfo) -> int | None:
    """Which week of training `moment` is in: 1 is the week (Monday to Sunday, the person's zone) of the first
    workout."""
    if first is None:
        return None
    start = _aware(first).astimezone(tz).date()
    monday = start - timedelta(days=start.weekday())
    return (moment.astimezone(tz).date() - monday).days // 7 + 1


def _pair(point: plan_history.LatestPoint) -> tuple[str, str]:
    return str(uuid_of(point.workout_id)), str(uuid_of(point.exercise_id))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rpe(rpe: float | None, rir: float | None) -> float | None:
    left = reps_in_reserve(rpe, rir)
    return None if left is None else 10 - left


def _best(sets: Sequence[plan_history.LastSet], side: Side, settings: TrainingSettings) -> tuple[float, int] | None:
    """The side's set with the best e1RM: the set the "match" strategy gives the weaker side."""
    best: tuple[float, float, int] | None = None
    for found in sets:
        if found.side != side.value or found.weight_kg is None or found.weight_kg <= 0:
            continue
        e1rm = settings.e1rm.estimate(found.weight_kg, found.reps, reps_in_reserve(found.rpe, found.rir))
        if e1rm is not None and (best is None or e1rm > best[0]):
            best = (e1rm, found.weight_kg, found.reps)
    return None if best is None else (best[1], best[2])


# -- rules and loads ---------------------------------------------------------------------------------------------------


def rules(settings: TrainingSettings) -> PlanRules:
    return PlanRules(
        recovery_floor=settings.recovery_floor,
        weekly_sets=dict(settings.weekly_sets),
        symmetry_strategy=settings.symmetry_strategy,
        seconds_per_rep=settings.seconds_per_rep,
    )


def loads(settings: TrainingSettings) -> Loads:
    """Round a load down to what the person can load: plates on their bar (in the plates' unit), else the
    exercise's step, in pounds for a pound user (the nearest pound step, never below 2.5 lb)."""
    plates = default_plates(settings)
    plates_unit = settings.plates_unit
    unit = settings.unit

    def round_load(kg: float, on_bar: bool, step_kg: float | None) -> float:
        if kg <= 0:
            return 0.0
        if on_bar:
            target = from_kg(kg, plates_unit)
            if target <= settings.bar:
                return to_kg(settings.bar, plates_unit)
            return round(to_kg(load_bar(target, settings.bar, plates).below.total, plates_unit), 3)
        step = step_kg or 1.0
        if unit is WeightUnit.LB:
            step_lb = max(LB_STEP, round(from_kg(step, unit) / LB_STEP) * LB_STEP)
            return round(to_kg(max(step_lb, math.floor(from_kg(kg, unit) / step_lb + 1e-9) * step_lb), unit), 3)
        return round(max(step, math.floor(kg / step + 1e-9) * step), 3)

    return Loads(round_load=round_load, say=lambda kg: format_weight(kg, unit), bar_kg=to_kg(settings.bar, plates_unit))


# -- plans -------------------------------------------------------------------------------------------------------------


def make_plan(
    session: Session,
    profile: Profile,
    *,
    seed: int = 0,
    now: datetime | None = None,
    locked: Sequence[Prescription] = (),
    person: TrainingState | None = None,
) -> PlanOut:
    """Today's plan for `profile` (at `now`, the person's time by default); `person` saves reading their state
    again when the caller has just read it (a swap)."""
    if not 0 <= seed <= MAX_SEED:
        raise LiftloreError(f"the seed is a whole number from 0 to {MAX_SEED}", field="seed")
    settings = training_settings(session)
    strength_points.ensure(session, settings.points)
    moment = now or datetime.now(settings_zone(settings))
    snap = library_view(session)
    person = person or state(session, settings, profile, moment)
    plan = generator.generate(
        choices(snap),
        profile,
        person,
        rules(settings),
        loads(settings),
        seed=seed,
        locked=locked,
        deload=person.deload,
    )
    return plan_out(plan, snap, profile.name)


# A break this long ends a run of training: the weeks to the next deload count again from the first week back (a
# layoff is itself a rest, and a first week back should not be a deload). Looked for in the last year only, so a
# long log is not read whole; with no break in that year the run counts from the first workout.
BREAK = timedelta(days=14)
BREAK_LOOK_BACK = timedelta(days=365)


def run_start(session: Session, moment: datetime) -> datetime | None:
    return plan_history.run_start(session, moment, gap=BREAK, look_back=BREAK_LOOK_BACK)


def training_week(session: Session, settings: TrainingSettings, moment: datetime) -> int | None:
    """Which week of the current run of training `moment` is in (1 = the week it began), or None before any
    workout."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=settings_zone(settings))
    return _week_of(aware, run_start(session, aware), settings_zone(settings))


def deload_week(session: Session, settings: TrainingSettings, moment: datetime) -> Deload | None:
    """The planned deload when this is a deload week (every `deload-every`-th week of training), else None."""
    return _deload_of(training_week(session, settings, moment), settings)


def _deload_of(week: int | None, settings: TrainingSettings) -> Deload | None:
    if settings.deload_every < 1 or week is None or week % settings.deload_every:
        return None
    return Deload(every_weeks=settings.deload_every)


def plan_out(plan: Plan, snap: Snapshot, profile: str | None) -> PlanOut:
    def name(slug: str) -> str:
        found = snap.exercises.get(slug) or snap.drills.get(slug)
        return found.name if found is not None else slug

    return PlanOut(
        minutes=plan.minutes,
        estimated_minutes=plan.estimated_minutes,
        seed=plan.seed,
        profile=profile,
        warm_up=[DrillStepOut(drill=d.drill, name=name(d.drill), dose=d.dose, reason=d.reason) for d in plan.warm_up],
        exercises=[exercise_out(p, name(p.slug)) for p in plan.exercises],
        cool_down=[
            DrillStepOut(drill=d.drill, name=name(d.drill), dose=d.dose, reason=d.reason) for d in plan.cool_down
        ],
        notes=list(plan.notes),
    )


def exercise_out(p: Prescription, name: str) -> PlanExerciseOut:
    return PlanExerciseOut(
        slug=p.slug,
        name=name,
        sets=p.sets,
        reps=p.reps,
        unit="seconds" if p.unit == "seconds" else "reps",
        rep_range=p.rep_range,
        load_kg=p.load_kg,
        rpe=p.rpe,
        rest_s=p.rest_s,
        sides=list(p.sides),
        extra_sets=dict(p.extra_sets),
        ramp_up=[RampSetOut(weight_kg=r.weight_kg, reps=r.reps) for r in p.ramp_up],
        reason=p.reason,
        dose_reason=p.dose_reason,
        load_reason=p.load_reason,
        locked=p.locked,
        minutes=p.minutes,
    )


def prescription_of(item: PlanExerciseOut) -> Prescription:
    """A plan's exercise back as the generator's value, to keep it (lock) when the rest is made again."""
    return Prescription(
        slug=item.slug,
        sets=item.sets,
        reps=item.reps,
        load_kg=item.load_kg,
        rest_s=item.rest_s,
        sides=tuple(item.sides),
        reason=item.reason,
        dose_reason=item.dose_reason,
        load_reason=item.load_reason,
        unit=item.unit,
        rep_range=item.rep_range,
        rpe=item.rpe,
        ramp_up=tuple(RampSet(r.weight_kg, r.reps) for r in item.ramp_up),
        extra_sets=dict(item.extra_sets),
        locked=item.locked,
        minutes=item.minutes,
    )


def regenerate(
    session: Session, profile: Profile, plan: PlanOut, lock: Sequence[str], *, seed: int, now: datetime | None = None
) -> PlanOut:
    """The plan made again around the exercises in `lock` (slugs of `plan`), which stay exactly as they were."""
    unknown = [slug for slug in lock if slug not in {e.slug for e in plan.exercises}]
    if unknown:
        raise LiftloreError(f"'{unknown[0]}' is not in this plan, so it cannot be locked", field="lock")
    kept = [replace(prescription_of(e), locked=True) for e in plan.exercises if e.slug in lock or e.locked]
    return make_plan(session, profile, seed=seed, now=now, locked=kept)


def alternatives(
    session: Session, profile: Profile, plan: PlanOut, slug: str, *, person: TrainingState | None = None
) -> list[str]:
    """What `slug` can be swapped for: exercises the profile allows, for the same primary muscles and movement
    pattern, whose muscles are all over the recovery floor, not already in the plan; the closest first (most
    muscles shared, then compound alike)."""
    snap = library_view(session)
    settings = training_settings(session)
    if person is None:
        person = state(session, settings, profile, datetime.now(settings_zone(settings)))
    floor = rules(settings)
    allowed = {c.slug: c for c in generator.usable(choices(snap), profile) if generator.recovered(c, person, floor)}
    every = {c.slug: c for c in choices(snap)}
    current = every.get(slug)
    if current is None or slug not in {e.slug for e in plan.exercises}:
        raise LiftloreError(f"'{slug}' is not in this plan", field="exercise")
    taken = {e.slug for e in plan.exercises}
    found = [
        c
        for c in allowed.values()
        if c.slug not in taken
        and c.pattern == current.pattern
        and set(c.primary) & set(current.primary)
        and c.trunk == current.trunk
    ]
    found.sort(key=lambda c: (-len(set(c.muscles) & set(current.muscles)), c.compound != current.compound, c.name))
    return [c.slug for c in found]


def swap(
    session: Session,
    profile: Profile,
    plan: PlanOut,
    slug: str,
    to: str | None = None,
    *,
    seed: int,
    now: datetime | None = None,
) -> PlanOut:
    """`slug` replaced by `to` (or the closest alternative), the exercises before it kept, and the rest made again
    around it so the time and the week's volume still fit."""
    settings = training_settings(session)
    moment = now or datetime.now(settings_zone(settings))
    person = state(session, settings, profile, moment)
    options = alternatives(session, profile, plan, slug, person=person)
    if to is None:
        if not options:
            raise LiftloreError(f"nothing in the library can stand in for '{slug}' with this equipment", field="to")
        to = options[0]
    elif to not in options:
        raise LiftloreError(
            f"'{to}' is not an alternative to '{slug}' (same muscles and pattern, equipment at hand);"
            f" try: {', '.join(options[:5]) or 'none'}",
            field="to",
        )
    position = next(i for i, e in enumerate(plan.exercises) if e.slug == slug)
    kept = [prescription_of(e) for e in plan.exercises[:position]]
    kept += [replace(prescription_of(e), locked=True) for e in plan.exercises[position + 1 :] if e.locked]
    snap = library_view(session)
    every = {c.slug: c for c in choices(snap)}
    reason = f"Swapped in for {every[slug].name}: the same pattern and muscles, with your equipment."
    # The stand-in gets its own dose and load (lighter in a deload week), then is kept while the rest is made again.
    stand_in = generator.prescribe(
        every[to],
        profile,
        person,
        rules(settings),
        loads(settings),
        reason=reason,
        deload=person.deload,
    )
    if stand_in is None:
        raise LiftloreError(f"'{to}' would pass this week's volume ceiling for its muscles", field="to")
    kept.append(replace(stand_in, locked=True))
    return make_plan(session, profile, seed=seed, now=moment, locked=kept, person=person)


def today_start(settings: TrainingSettings, day: date) -> datetime:
    return datetime.combine(day, time(), settings_zone(settings))


def goal_of(text: str) -> Goal:
    try:
        return Goal(text.strip().lower())
    except ValueError:
        raise LiftloreError(
            f"'{text}' is not a goal; choose {', '.join(g.value for g in Goal)}", field="goal"
        ) from None


MIN_MINUTES, MAX_MINUTES = 10, 240


def with_overrides(
    profile: Profile,
    *,
    equipment: frozenset[str] | bool | None = False,
    minutes: int | None = None,
    goal: str | None = None,
) -> Profile:
    """The profile with what a request changes for today only (`equipment` False: unchanged; None: everything)."""
    if minutes is not None and not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise LiftloreError(f"a session is {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}", field="minutes")
    changed = profile
    if equipment is not False:
        assert equipment is None or isinstance(equipment, frozenset)
        changed = replace(changed, equipment=equipment)
    if minutes is not None:
        changed = replace(changed, minutes=minutes)
    if goal is not None:
        changed = replace(changed, goal=goal_of(goal))
    return changed


def day_seed(session: Session, now: datetime | None = None) -> int:
    """Today's date in the person's zone as a seed (20261126): the same plan all day, another one tomorrow."""
    moment = now or datetime.now(settings_zone(training_settings(session)))
    return int(moment.strftime("%Y%m%d"))
