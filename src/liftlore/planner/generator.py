"""Today's workout from the library, the person's state and their profile, with a reason for every choice.

The steps, after Fitbod's published outline (science.md, Planning) but with every figure shown:
1. Keep only exercises the person can do: equipment at hand, nothing they avoid, a level they are ready for, and
   every muscle the exercise works at or above the recovery floor.
2. Pick the day's focus from the split (the part of the body most recovered and furthest from its week's target).
3. Rank the focus muscles by the sets they still need this week (spread over the days left), emphasised ones
   first, and take the best exercise for the neediest muscle, then the next, compounds before isolation, a new
   movement pattern each time, while the time allows and the week's ceiling is not passed.
4. End with trunk work, whose time is kept back from the start.
5. Dose each exercise (planner/dose.py), and put the chosen exercises' warm-up drills first and cool-downs last,
   each once.
The same inputs and seed give the same plan: the seed only breaks near-ties between exercises."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from liftlore.domain.exercise import Level
from liftlore.domain.planning import Deload, DrillStep, Goal, Plan, Prescription, Profile, Split
from liftlore.planner import dose as dosing
from liftlore.planner.inputs import MAIN_MUSCLES, TRUNK_MUSCLES, Choice, Loads, PlanRules, TrainingState
from liftlore.planner.timing import drill_seconds, exercise_seconds, minutes

UPPER = frozenset(
    {"chest", "lats", "upper-back", "traps", "front-delts", "side-delts", "rear-delts", "biceps", "triceps",
     "forearms", "brachialis", "serratus-anterior", "rotator-cuff", "neck"}
)  # fmt: skip
LOWER = frozenset(
    {"quads", "glutes", "hamstrings", "calves", "adductors", "abductors", "hip-flexors", "tibialis-anterior"}
)
PUSH = frozenset({"chest", "front-delts", "side-delts", "triceps", "serratus-anterior"})
PULL = frozenset({"lats", "upper-back", "traps", "rear-delts", "biceps", "brachialis", "forearms", "rotator-cuff"})
SPLIT_DAYS: dict[Split, dict[str, frozenset[str]]] = {
    Split.UPPER_LOWER: {"upper": UPPER, "lower": LOWER},
    Split.PUSH_PULL_LEGS: {"push": PUSH, "pull": PULL, "legs": LOWER},
}
EVERYTHING = UPPER | LOWER
MAX_EXERCISES = 9  # beyond this a session is a circuit, not a plan
LEVELS = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}
JITTER = 0.3  # how far the seed may move an exercise's score: enough to swap near-equals, never a poor choice


@dataclass(frozen=True)
class _Pick:
    choice: Choice
    prescription: Prescription
    seconds: float


def usable(choices: Iterable[Choice], profile: Profile, *, by_level: bool = True) -> list[Choice]:
    """The exercises this profile allows: equipment at hand, no avoided muscle or pattern, and (`by_level`) a level
    the person is ready for (a beginner gets beginner and intermediate pages, anyone else everything). A
    programme the person chose is not held to the level."""
    have = profile.equipment
    avoid_muscles = set(profile.avoid_muscles)
    ready = LEVELS[profile.experience] + 1
    return [
        c
        for c in choices
        if (have is None or c.needs <= have)
        and not avoid_muscles.intersection(c.muscles)
        and c.pattern not in profile.avoid_patterns
        and (not by_level or c.level is None or LEVELS[c.level] <= ready or profile.experience is Level.ADVANCED)
    ]


def recovered(choice: Choice, state: TrainingState, rules: PlanRules) -> bool:
    return all(state.recovery_pct.get(m, 100.0) >= rules.recovery_floor for m in choice.muscles)


def generate(
    choices: Sequence[Choice],
    profile: Profile,
    state: TrainingState,
    rules: PlanRules,
    loads: Loads,
    *,
    seed: int = 0,
    locked: Sequence[Prescription] = (),
    deload: Deload | None = None,
) -> Plan:
    """A plan for today. `locked` exercises (from an earlier plan) stay as they were, in the time they take; the
    rest is chosen around them. With `deload` (a planned deload week) the exercises are those a normal day would
    have, with fewer sets, less load and less effort."""
    rng = random.Random(seed)
    by_slug = {c.slug: c for c in choices}
    allowed = [c for c in usable(choices, profile) if c.slug not in {p.slug for p in locked}]
    ready = [c for c in allowed if recovered(c, state, rules)]
    notes: list[str] = []
    held = sorted(
        m for m in {m for c in allowed for m in c.muscles} if state.recovery_pct.get(m, 100.0) < rules.recovery_floor
    )
    if held:
        shown = ", ".join(f"{said(m)} ({state.recovery_pct[m]:.0f} %)" for m in held)
        notes.append(f"Left to recover (under the {rules.recovery_floor:g} % floor): {shown}.")
    focus_name, focus = _focus(profile, state, rules)
    if focus_name is not None:
        article = "an" if focus_name[0] in "aeiou" else "a"
        notes.append(
            f"Today is {article} {focus_name} day of your {profile.split.value} split: {_why_focus(focus, state)}."
        )
    budget = profile.minutes * 60.0
    picks = [_Pick(by_slug[p.slug], p, p.minutes * 60) for p in locked if p.slug in by_slug]
    week = dict(state.week_sets)
    for pick in picks:
        _count(pick.choice, pick.prescription, week)
    low, high = rules.weekly_sets[profile.goal]
    trunk = _best_trunk(ready, picks, state, rng)
    trunk_pick = (
        _prescribe(trunk, profile, state, rules, loads, week, high, reason=_trunk_reason(trunk, state))
        if trunk
        else None
    )
    if trunk is None and not any(p.choice.trunk for p in picks):
        notes.append("No trunk work today: every trunk exercise you can do works a muscle still recovering.")
    while len(picks) < MAX_EXERCISES:
        added = None
        for choice in _next(ready, picks, focus, profile, state, week, low, high, rng):
            why = _reason(choice, profile, state, week, low)
            found = _prescribe(choice, profile, state, rules, loads, week, high, reason=why)
            ready = [c for c in ready if c.slug != choice.slug]  # tried: chosen, or it will not fit later either
            if found is None:
                continue
            if _total([*picks, found] + ([trunk_pick] if trunk_pick else []), rules) > budget:
                continue  # too long: a shorter exercise further down may still fit
            added = found
            break
        if added is None:
            break
        picks.append(added)
        _count(added.choice, added.prescription, week)
    if trunk is not None:
        # Dosed again against the week as it now stands: the exercises chosen since may have used its room.
        trunk_pick = _prescribe(trunk, profile, state, rules, loads, week, high, reason=_trunk_reason(trunk, state))
    if trunk_pick is not None and _total([*picks, trunk_pick], rules) <= budget:
        picks.append(trunk_pick)
    elif trunk_pick is not None:
        notes.append(f"No trunk work today: the exercises you kept fill your {profile.minutes} minutes.")
    if _total(picks, rules) > budget:
        notes.append(
            f"The exercises you kept take about {minutes(_total(picks, rules)):.0f} minutes, more than your"
            f" {profile.minutes}: nothing else was added."
        )
    ordered = _order(picks)
    if deload is not None:
        # Kept exercises come from an earlier plan of this day, already made lighter: not a second time.
        kept = {p.slug for p in locked}
        ordered = [p if p.choice.slug in kept else _lighter(p, deload, loads, rules) for p in ordered]
        notes.append(
            f"Planned deload week: the same exercises with about {deload.sets_factor:.0%} of the sets,"
            f" {deload.load_factor:.0%} of the load and no set past RPE {deload.max_rpe:g}, so fatigue clears"
            " while the habit and the skills stay (Bell et al. 2023)."
        )
    warm_up, cool_down = drills(ordered)
    total = _total(ordered, rules)
    return Plan(
        minutes=profile.minutes,
        estimated_minutes=minutes(total),
        warm_up=warm_up,
        exercises=tuple(p.prescription for p in ordered),
        cool_down=cool_down,
        seed=seed,
        notes=tuple(notes),
    )


def assemble(
    chosen: Sequence[tuple[Choice, Prescription]],
    rules: PlanRules,
    *,
    minutes_budget: int,
    seed: int = 0,
    notes: Sequence[str] = (),
) -> Plan:
    """A plan of exercises already chosen and dosed (a programme's day, a routine), in their order, with their
    drills first and last and the time they take."""
    picks = [
        _Pick(
            c,
            p,
            exercise_seconds(
                c, p.sets, p.reps, p.rest_s, rules, extra_sets=sum(p.extra_sets.values()), ramp_sets=len(p.ramp_up)
            ),
        )
        for c, p in chosen
    ]
    picks = [replace(pick, prescription=replace(pick.prescription, minutes=minutes(pick.seconds))) for pick in picks]
    warm_up, cool_down = drills(picks)
    return Plan(
        minutes=minutes_budget,
        estimated_minutes=minutes(_total(picks, rules)),
        warm_up=warm_up,
        exercises=tuple(p.prescription for p in picks),
        cool_down=cool_down,
        seed=seed,
        notes=tuple(notes),
    )


def _focus(profile: Profile, state: TrainingState, rules: PlanRules) -> tuple[str | None, frozenset[str]]:
    """The split's day whose main muscles are most recovered and furthest from their week's target; a day other
    than the last one trained wins a tie."""
    days = SPLIT_DAYS.get(profile.split)
    if not days:
        return None, EVERYTHING
    low, _ = rules.weekly_sets[profile.goal]

    def score(item: tuple[str, frozenset[str]]) -> tuple[float, float, str]:
        name, muscles = item
        main = [m for m in MAIN_MUSCLES if m in muscles] or list(muscles)
        ready = sum(state.recovery_pct.get(m, 100.0) for m in main) / len(main) / 100
        need = sum(max(0.0, low - state.week_sets.get(m, 0.0)) for m in main) / (len(main) * low)
        return (ready * (1 + need) - (0.5 if name == state.last_focus else 0.0), -len(name), name)

    name, muscles = max(days.items(), key=score)
    return name, muscles


def _why_focus(focus: frozenset[str], state: TrainingState) -> str:
    main = [m for m in MAIN_MUSCLES if m in focus]
    ready = sum(state.recovery_pct.get(m, 100.0) for m in main) / max(1, len(main))
    sets = sum(state.week_sets.get(m, 0.0) for m in main) / max(1, len(main))
    return f"its main muscles average {ready:.0f} % recovered and {sets:.1f} hard sets this week"


def _need(muscle: str, profile: Profile, state: TrainingState, week: Mapping[str, float], low: float) -> float:
    """The sets a muscle still needs today to reach the week's target by the week's last training day, and a
    head start for a muscle the person chose to emphasise."""
    emphasised = muscle in profile.emphasise
    if muscle not in MAIN_MUSCLES and not emphasised:
        return 0.0
    lacking = max(0.0, low - week.get(muscle, 0.0)) / max(1, state.days_left)
    return lacking * MUSCLE_WEIGHT.get(muscle, 1.0) + (EMPHASIS if emphasised else 0.0)


def _next(
    ready: Sequence[Choice],
    picks: Sequence[_Pick],
    focus: frozenset[str],
    profile: Profile,
    state: TrainingState,
    week: Mapping[str, float],
    low: float,
    high: float,
    rng: random.Random,
) -> list[Choice]:
    """The exercises worth adding next, best first: the best is the one whose primary muscles need the most sets,
    a compound while there are few, a new movement pattern, and still under the week's ceiling. Ranked once, so
    when the best does not fit the time the next is tried without scoring the library again."""
    wanted = set(MAIN_MUSCLES) | set(profile.emphasise)
    room = focus | TRUNK_MUSCLES  # an emphasised muscle gets its extra work on the days that train it
    patterns = {p.choice.pattern for p in picks}
    compounds = sum(p.choice.compound for p in picks)
    covered = {m for p in picks for m in p.choice.primary}
    # An emphasised muscle of the day that no exercise trains yet comes first: emphasis is a promise, not a bonus
    # the compounds could outbid.
    owed = {m for m in profile.emphasise if m in focus and m not in covered}
    if owed and not any(set(c.primary) & owed and _room(c, week, high) >= 1 for c in ready if not c.trunk):
        owed = set()
    ranked: list[tuple[float, str, Choice]] = []
    for choice in ready:
        if choice.trunk or any(p.choice.slug == choice.slug for p in picks):
            continue
        if owed and not set(choice.primary) & owed:
            continue
        # Every primary muscle must belong to the day (a push day has no squat in a burpee), and one must be a
        # muscle the plan aims at.
        if not set(choice.primary) <= room or not set(choice.primary) & wanted:
            continue
        if _room(choice, week, high) < 1:
            continue
        needs = sorted((_need(m, profile, state, week, low) for m in choice.primary), reverse=True)
        if not needs or needs[0] <= 0:
            continue
        # The neediest muscle leads and a second adds a little; a lift for four muscles at once (a thruster)
        # costs a little, so it does not outrank the best lift for the muscle that needs the work.
        score = needs[0] + 0.25 * sum(needs[1:2]) - 0.5 * max(0, len(choice.primary) - 2)
        score += 0.2 * sum(_need(m, profile, state, week, low) for m in choice.secondary if m in focus)
        score += _fit(choice, profile, compounds)
        if choice.pattern in patterns:
            score -= 4.0  # a second squat pattern adds less than a new movement
        history = state.history.get(choice.slug)
        if choice.staple:
            score += 0.75  # a lift the well-known programmes are built on
        if history is not None:
            score += 0.5  # an exercise the person knows has a load to work from
            if history.flagged and choice.unilateral:
                score += FLAGGED_BONUS
        score += rng.random() * JITTER
        ranked.append((score, choice.slug, choice))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [choice for _, _, choice in ranked]


# An emphasised muscle's head start: more than any other need and the bonuses, so its exercise is always chosen
# on a day that trains it.
EMPHASIS = 6.0
# Large muscles first (ACSM 2009: large before small): a small muscle's need counts for less, so with equal needs
# the plan opens with squats, presses and rows and the arms, calves and delts fill in after.
MUSCLE_WEIGHT = {"side-delts": 0.6, "rear-delts": 0.6, "biceps": 0.6, "triceps": 0.6, "calves": 0.6}
# A one-sided exercise whose left/right gap is flagged stays in the plans that train its muscles until the gap
# closes: the symmetry recommendation can only work on an exercise that is done.
FLAGGED_BONUS = 3.0
LOW_REP_TOP = 5
POWER_PATTERNS = frozenset({"jump", "throw"})


def _fit(choice: Choice, profile: Profile, compounds: int) -> float:
    """How well an exercise suits the goal: compounds first; loads that can grow for muscle and strength, barbell
    lifts above all for strength; jumps and throws are power work, for general fitness only."""
    fit = 0.0
    if choice.compound and compounds < 3:
        fit += 2.0  # compounds first: they train most muscle in the time
    if profile.goal is not Goal.GENERAL:
        fit += 1.0 if choice.loaded else 0.0
        if choice.pattern in POWER_PATTERNS or choice.pattern == "carry":
            fit -= 3.0
    if profile.goal is Goal.STRENGTH and choice.on_bar and choice.compound:
        fit += 2.0
    if choice.level is Level.ADVANCED and profile.experience is not Level.ADVANCED:
        fit -= 1.0
    if choice.defaults.high <= LOW_REP_TOP and not choice.timed and profile.goal is not Goal.STRENGTH:
        fit -= 3.0  # a lift done in sets of 5 or fewer (the Olympic lifts) is power work, not a muscle builder
    if choice.level is Level.INTERMEDIATE and profile.experience is Level.BEGINNER:
        fit -= 0.5  # open to a beginner (the barbell staples are intermediate pages), but the easier page first
    return fit


def said(muscle: str) -> str:
    """A muscle group's slug as words: "upper-back" -> "upper back"."""
    return muscle.replace("-", " ")


def _reason(choice: Choice, profile: Profile, state: TrainingState, week: Mapping[str, float], low: float) -> str:
    parts = []
    for muscle in choice.primary:
        pct = state.recovery_pct.get(muscle, 100.0)
        done = state.week_sets.get(muscle, 0.0)
        planned = week.get(muscle, 0.0) - done
        today = f", {planned:g} more in this plan before it" if planned > 0 else ""
        parts.append(f"{said(muscle)} ({pct:.0f} % recovered, {done:g} of {low:g} weekly sets done{today})")
    why = f"For the {', '.join(parts)}"
    if any(m in profile.emphasise for m in choice.primary):
        why += ", which you chose to emphasise"
    kind = "a compound lift, so it comes early" if choice.compound else "isolation work, after the compounds"
    history = state.history.get(choice.slug)
    known = " You have done it before, so its load comes from your own history." if history is not None else ""
    if history is not None and history.flagged and choice.unilateral:
        weaker = history.weaker.value if history.weaker else "one"
        known = f" Your {weaker} side lags on it (flagged), so it stays in your plans until the gap closes."
    return f"{why}: {kind}.{known}"


def _trunk_reason(choice: Choice, state: TrainingState) -> str:
    shown = ", ".join(f"{said(m)} {state.recovery_pct.get(m, 100.0):.0f} % recovered" for m in choice.primary)
    return f"Trunk work to finish, as every plan does ({shown})."


def _best_trunk(
    ready: Sequence[Choice], picks: Sequence[_Pick], state: TrainingState, rng: random.Random
) -> Choice | None:
    if any(p.choice.trunk for p in picks):
        return None
    options = [c for c in ready if c.trunk]
    if not options:
        return None
    # A short, recovered, known exercise: the trunk is trained last, when time and energy are shortest.
    return max(options, key=lambda c: (c.slug in state.history, not c.compound, rng.random()))


def _prescribe(
    choice: Choice,
    profile: Profile,
    state: TrainingState,
    rules: PlanRules,
    loads: Loads,
    week: Mapping[str, float],
    high: float,
    *,
    reason: str,
) -> _Pick | None:
    room = _room(choice, week, high)
    if room < 1:
        return None
    emphasised = any(m in profile.emphasise for m in choice.primary)
    planned = dosing.dose(choice, profile, emphasised=emphasised, most_sets=math.floor(room))
    history = state.history.get(choice.slug)
    given = dosing.load(choice, planned, history, loads, rules, state.hard_rpe)
    if given.extra_sets and planned.sets + ONE_SIDE_SET > room:
        # No room in the week for the weaker side's extra set: the usual sets only.
        given = replace(given, extra_sets={}, reason=given.reason + " No extra set this time: the week is full.")
    extra = sum(given.extra_sets.values())
    seconds = exercise_seconds(
        choice, planned.sets, given.reps, planned.rest_s, rules, extra_sets=extra, ramp_sets=len(given.ramp_up)
    )
    prescription = Prescription(
        slug=choice.slug,
        sets=planned.sets,
        reps=given.reps,
        load_kg=given.load_kg,
        rest_s=planned.rest_s,
        sides=given.sides,
        reason=reason,
        dose_reason=planned.reason,
        load_reason=given.reason,
        unit=choice.defaults.unit.value,
        rep_range=planned.rep_range,
        rpe=planned.rpe,
        ramp_up=given.ramp_up,
        extra_sets=given.extra_sets,
        minutes=minutes(seconds),
    )
    return _Pick(choice, prescription, seconds)


def prescribe(
    choice: Choice,
    profile: Profile,
    state: TrainingState,
    rules: PlanRules,
    loads: Loads,
    *,
    reason: str,
    deload: Deload | None = None,
) -> Prescription | None:
    """One exercise's dose and load as a plan would give it today, lighter in a deload week (None: the week's
    ceiling has no room for it)."""
    _, high = rules.weekly_sets[profile.goal]
    pick = _prescribe(choice, profile, state, rules, loads, state.week_sets, high, reason=reason)
    if pick is not None and deload is not None:
        pick = _lighter(pick, deload, loads, rules)
    return None if pick is None else pick.prescription


def _lighter(pick: _Pick, deload: Deload, loads: Loads, rules: PlanRules) -> _Pick:
    """A deload's version of an exercise: fewer sets, a lighter load rounded down, capped effort."""
    p = pick.prescription
    sets = max(1, round(p.sets * deload.sets_factor))
    kg = p.load_kg
    if kg is not None:
        kg = loads.round_load(kg * deload.load_factor, pick.choice.on_bar, pick.choice.defaults.load_step_kg)
    rpe = None if p.rpe is None else min(p.rpe, deload.max_rpe)
    extra = sum(p.extra_sets.values())
    seconds = exercise_seconds(pick.choice, sets, p.reps, p.rest_s, rules, extra_sets=extra, ramp_sets=len(p.ramp_up))
    load_words = f" {loads.say(kg)} instead of {loads.say(p.load_kg)}." if kg is not None and p.load_kg else ""
    lighter = replace(
        p,
        sets=sets,
        load_kg=kg,
        rpe=rpe,
        dose_reason=f"Deload week: {sets} set{'s' if sets != 1 else ''} instead of {p.sets}. {p.dose_reason}",
        load_reason=f"Deload week:{load_words or ' an easier effort.'} {p.load_reason}",
        minutes=minutes(seconds),
    )
    return _Pick(pick.choice, lighter, seconds)


ONE_SIDE_SET = 0.5  # an extra set on one side counts half a set for its muscles (science/training_load.credit)


def _room(choice: Choice, week: Mapping[str, float], high: float) -> float:
    """How many sets of `choice` the week's ceiling leaves: each set counts 1 for a primary main muscle and 0.5
    for a secondary one, and no main muscle may pass `high`."""
    room = float(dosing.MAX_SETS)
    for muscle in choice.muscles:
        if muscle in MAIN_MUSCLES:
            share = 1.0 if muscle in choice.primary else 0.5
            room = min(room, (high - week.get(muscle, 0.0)) / share)
    return room


def _count(choice: Choice, planned: Prescription, week: dict[str, float]) -> None:
    """Add a planned exercise's sets to the week: 1 per primary set, 0.5 per secondary (a one-sided exercise is
    done on both sides, so each set counts whole; an extra set on one side counts half)."""
    sets = planned.sets + ONE_SIDE_SET * sum(planned.extra_sets.values())
    for muscle in choice.primary:
        week[muscle] = week.get(muscle, 0.0) + sets
    for muscle in choice.secondary:
        week[muscle] = week.get(muscle, 0.0) + 0.5 * sets


def _order(picks: Sequence[_Pick]) -> list[_Pick]:
    """Compounds first, then isolation, trunk work last (ACSM 2009; Nunes 2021: what comes first gains most
    strength); within each, the order they were chosen in."""
    return sorted(picks, key=lambda p: (p.choice.trunk, not p.choice.compound))


def drills(picks: Sequence[_Pick]) -> tuple[tuple[DrillStep, ...], tuple[DrillStep, ...]]:
    """The chosen exercises' warm-up drills first and their cool-downs last, each drill once, in the order of the
    exercises that name them, with the exercises each one serves as its reason."""
    return _drills(picks, warm=True), _drills(picks, warm=False)


def _drills(picks: Sequence[_Pick], *, warm: bool) -> tuple[DrillStep, ...]:
    served: dict[str, list[str]] = {}
    doses: dict[str, str] = {}
    for pick in picks:
        for drill in pick.choice.warm_up if warm else pick.choice.cool_down:
            served.setdefault(drill.slug, []).append(pick.choice.name)
            doses.setdefault(drill.slug, drill.dose)
    verb = "Prepares you for" if warm else "Eases what worked in"
    return tuple(DrillStep(slug, doses[slug], f"{verb} {_names(names)}.") for slug, names in served.items())


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _drill_time(picks: Sequence[_Pick], rules: PlanRules) -> float:
    seen: dict[str, float] = {}
    for pick in picks:
        for drill in pick.choice.warm_up + pick.choice.cool_down:
            seen.setdefault(drill.slug, drill_seconds(drill, rules))
    return sum(seen.values())


def _total(picks: Sequence[_Pick], rules: PlanRules) -> float:
    return sum(p.seconds for p in picks) + _drill_time(picks, rules)


def locked_copy(prescription: Prescription) -> Prescription:
    return replace(prescription, locked=True)
