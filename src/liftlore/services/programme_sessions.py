"""The next session of the programme a person follows: its day (the days in order, one per workout since they
started), and each exercise's target from the programme's progression rule and the last session of that exercise
that was not a deload, with the reason. An exercise whose equipment the person lacks is replaced by the closest
alternative for the same muscles and pattern. The answer is a plan (shapes/planning.PlanOut), so the page, the log
prefill and the CLI treat it like any other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from liftlore.domain.planning import Prescription, Profile, Programme, ProgrammeDay, Slot
from liftlore.domain.training import Side, reps_in_reserve
from liftlore.errors import LiftloreError
from liftlore.planner import dose, generator
from liftlore.planner import progression as rules_of_progression
from liftlore.planner.inputs import Choice, ExerciseHistory, Loads
from liftlore.services import insight, planner, programmes, routines
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import settings_zone, training_settings
from liftlore.shapes.planning import PlanOut
from liftlore.store import plan_history, strength_points
from liftlore.store.strength import uuid_of


@dataclass(frozen=True)
class Position:
    """Where the person is in their programme: its week (1 = the week they started) and the day due next."""

    programme: Programme
    started_on: date
    week: int
    day_index: int

    @property
    def day(self) -> ProgrammeDay:
        return self.programme.days[self.day_index]


def start(session: Session, slug: str, on: date | None = None) -> Programme:
    """Follow programme `slug` from `on` (today by default), instead of any programme followed before."""
    found = programmes.programme(session, slug)
    settings = training_settings(session)
    routines.enrol(session, found.slug, on or datetime.now(settings_zone(settings)).date())
    return found


def position(session: Session, now: datetime | None = None) -> Position:
    """The programme the person follows, its week, and the day due: the days in order, one per day trained since
    the programme began, today left out (today's workout is the day being done)."""
    enrolled = routines.enrolment(session)
    if enrolled is None:
        raise LiftloreError(
            "you follow no programme yet: choose one with `liftlore programme list` and start it", field="programme"
        )
    slug, started_on = enrolled
    found = programmes.programme(session, slug)
    settings = training_settings(session)
    tz = settings_zone(settings)
    today = (now or datetime.now(tz)).astimezone(tz).date()
    monday = started_on - timedelta(days=started_on.weekday())
    week = max(1, (today - monday).days // 7 + 1)
    # Days trained, not workouts: a second workout on one day (a run, a mobility session) moves the programme on
    # by one day at most.
    done = len(insight.training_days(session, started_on, today - timedelta(days=1)).days) if today > started_on else 0
    return Position(found, started_on, week, done % len(found.days))


def next_session(session: Session, profile: Profile, *, now: datetime | None = None, seed: int = 0) -> PlanOut:
    """The programme's next day as a plan, every target with its reason."""
    settings = training_settings(session)
    strength_points.ensure(session, settings.points)
    moment = now or datetime.now(settings_zone(settings))
    where = position(session, moment)
    snap = library_view(session)
    every = {c.slug: c for c in planner.choices(snap)}
    allowed = {c.slug for c in generator.usable(every.values(), profile, by_level=False)}
    person = planner.state(session, settings, profile, moment)
    loads = planner.loads(settings)
    last_normal = _last_normal_sets(session, where, moment)
    chosen: list[tuple[Choice, Prescription]] = []
    notes = [_where(where)]
    for number, slot in enumerate(where.day.slots, 1):
        choice = every[slot.exercise]
        if choice.slug not in allowed:
            stand_in = _stand_in(choice, every, allowed, {c.slug for c, _ in chosen})
            if stand_in is None:
                notes.append(
                    f"{choice.name} is left out: it needs equipment you do not have or works what you avoid, and"
                    " nothing you can do stands in for it."
                )
                continue
            notes.append(
                f"{stand_in.name} stands in for {choice.name}, which needs equipment you do not have or works what"
                " you avoid."
            )
            choice = stand_in
        history = person.history.get(choice.slug)
        chosen.append(
            (choice, _prescribe(where, number, slot, choice, history, last_normal.get(choice.slug, []), loads))
        )
    plan = generator.assemble(chosen, planner.rules(settings), minutes_budget=profile.minutes, seed=seed, notes=notes)
    if plan.estimated_minutes > profile.minutes:
        notes.append(
            f"This day takes about {plan.estimated_minutes:.0f} minutes, more than your {profile.minutes}: the"
            " programme sets its own length."
        )
        plan = generator.assemble(
            chosen, planner.rules(settings), minutes_budget=profile.minutes, seed=seed, notes=notes
        )
    return planner.plan_out(plan, snap, profile.name)


def _where(where: Position) -> str:
    deload = where.programme.deload
    state = " (a planned deload week)" if rules_of_progression.is_deload_week(where.week, deload) else ""
    return (
        f"{where.programme.name}, week {where.week}{state}: {where.day.name}, day {where.day_index + 1} of"
        f" {len(where.programme.days)}."
    )


def _stand_in(choice: Choice, every: dict[str, Choice], allowed: set[str], taken: set[str]) -> Choice | None:
    options = [
        c
        for c in every.values()
        if c.slug in allowed
        and c.slug not in taken
        and c.pattern == choice.pattern
        and set(c.primary) & set(choice.primary)
    ]
    options.sort(key=lambda c: (-len(set(c.muscles) & set(choice.muscles)), c.compound != choice.compound, c.name))
    return options[0] if options else None


def _prescribe(
    where: Position,
    number: int,
    slot: Slot,
    choice: Choice,
    history: ExerciseHistory | None,
    last: list[rules_of_progression.LastSet],
    loads: Loads,
) -> Prescription:
    rule = where.programme.rules[slot.rule]
    e1rm = _e1rm(history)
    target = rules_of_progression.next_target(
        rule,
        sets=slot.sets,
        low=slot.low,
        high=slot.high,
        step_kg=choice.defaults.load_step_kg,
        last=last,
        e1rm_kg=e1rm,
        week=where.week,
        deload=where.programme.deload,
        round_load=lambda kg: loads.round_load(kg, choice.on_bar, choice.defaults.load_step_kg),
        say=loads.say,
    )
    sides: tuple[Side, ...] = (Side.BOTH,)
    if choice.unilateral:
        sides = (Side.RIGHT, Side.LEFT) if history and history.weaker is Side.RIGHT else (Side.LEFT, Side.RIGHT)
    side_words = (
        f" The {sides[0].value} side goes first: it has been the weaker side lately."
        if (choice.unilateral and history and history.weaker)
        else ""
    )
    ramp = dose.ramp_up(choice, target.load_kg, loads) if choice.defaults.ramp_up else ()
    ramp_words = ""
    if ramp:
        ramp_words = " Ramp up first: " + ", ".join(f"{loads.say(r.weight_kg)} x {r.reps}" for r in ramp) + "."
    rest = slot.rest_seconds or choice.defaults.rest_seconds
    unit = "seconds" if choice.timed else "reps"
    reps_words = f"{target.reps}{'+' if target.amrap else ''}"
    return Prescription(
        slug=choice.slug,
        sets=target.sets,
        reps=target.reps,
        load_kg=target.load_kg,
        rest_s=rest,
        sides=sides,
        reason=f"Exercise {number} of {where.day.name} in {where.programme.name}.",
        dose_reason=(
            f"{target.sets} x {reps_words} {unit} in the programme's range of {slot.low}-{slot.high}, {rest} s rest;"
            f" the rule: {programmes.describe_rule(rule)}"
        ),
        load_reason=target.reason + side_words + ramp_words,
        unit=unit,
        rep_range=(slot.low, slot.high),
        rpe=target.rpe,
        ramp_up=ramp,
    )


def _last_normal_sets(
    session: Session, where: Position, moment: datetime
) -> dict[str, list[rules_of_progression.LastSet]]:
    """Per exercise, the working sets of its latest session outside the programme's deload weeks: a deload's
    lighter sets must not set the target after it."""
    tz = moment.tzinfo or UTC
    monday = where.started_on - timedelta(days=where.started_on.weekday())
    latest = plan_history.latest_points(session, moment - timedelta(days=planner.HISTORY_DAYS), workouts=6)
    chosen: dict[str, tuple[str, str]] = {}
    for slug, points in latest.items():
        for point in points:
            day = _utc(point.started_at).astimezone(tz).date()
            week = (day - monday).days // 7 + 1
            if day < where.started_on or not rules_of_progression.is_deload_week(week, where.programme.deload):
                chosen[slug] = (str(uuid_of(point.workout_id)), str(uuid_of(point.exercise_id)))
                break
    sets = plan_history.last_sets(session, set(chosen.values()))
    return {
        slug: [rules_of_progression.LastSet(s.weight_kg, s.reps, _rpe(s.rpe, s.rir)) for s in sets.get(pair, [])]
        for slug, pair in chosen.items()
    }


def _rpe(rpe: float | None, rir: float | None) -> float | None:
    left = reps_in_reserve(rpe, rir)
    return None if left is None else 10 - left


def _e1rm(history: ExerciseHistory | None) -> float | None:
    if history is None or not history.e1rm_kg:
        return None
    return min(history.e1rm_kg.values())


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
