"""The dose of one chosen exercise: sets, reps, rest and the effort aimed at, by goal and experience; the load from
the person's e1RM and the RPE chart, rounded to what can be loaded; ramp-up sets before a heavy bar; and the sides
in order, weaker first, with the symmetry recommendation applied when the gap is flagged. Each part says why.

The figures are from ../shared/science.md: ACSM 2009 (novices 8-12RM; intermediate and advanced lifters emphasise
1-6RM with 3-5 minutes' rest for heavy sets), Schoenfeld 2016 (3 minutes beat 1 for strength), the RPE chart, the
ramp-up percentages and the no-history rule (our Defaults section)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from liftlore.domain.exercise import Level
from liftlore.domain.planning import Goal, Profile, RampSet
from liftlore.domain.training import Side
from liftlore.planner.inputs import MAIN_LIFT_PATTERNS, Choice, ExerciseHistory, Loads, PlanRules, SymmetryStrategy
from liftlore.science.strength import RPE_CHART, percent_of_max

STRENGTH_RANGE = (3, 6)  # ACSM: intermediate and advanced lifters emphasise 1-6RM for strength
STRENGTH_REST_S = 180  # Schoenfeld 2016: 3 minutes beat 1 for strength; ACSM: 3-5 minutes for heavy sets
RAMP_PERCENTS = ((0.4, 5), (0.6, 3), (0.8, 1))  # after the empty bar x 10 (science.md, Defaults)
MAX_SETS = 5
START_LIGHT = (
    "No history for this exercise yet: the first session finds the load. Start light and build up until a set"
    " stops with about 3-4 reps in reserve; that set's e1RM sets next time's load."
)


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int
    rep_range: tuple[int, int]
    rest_s: int
    rpe: float | None
    reason: str


@dataclass(frozen=True)
class Load:
    load_kg: float | None
    reps: int  # may differ from the dose's when the symmetry match names last time's set
    sides: tuple[Side, ...]
    extra_sets: dict[Side, int]
    reason: str
    ramp_up: tuple[RampSet, ...]


def target_rpe(profile: Profile) -> float:
    """RPE 8 (2 reps in reserve) for strength and muscle; 7 for general fitness and for beginners, who misjudge
    effort most and gain from practice more than from grinding."""
    if profile.goal is Goal.GENERAL or profile.experience is Level.BEGINNER:
        return 7.0
    return 8.0


def dose(choice: Choice, profile: Profile, *, emphasised: bool, most_sets: int | None = None) -> Dose:
    """Sets, reps, rest and effort for `choice`; `most_sets` caps the sets (what the week's volume ceiling leaves)."""
    low, high = choice.defaults.low, choice.defaults.high
    rest = choice.defaults.rest_seconds
    heavy = (
        profile.goal is Goal.STRENGTH
        and profile.experience is not Level.BEGINNER
        and choice.compound
        and choice.loaded
        and choice.pattern in MAIN_LIFT_PATTERNS
        and not choice.timed
    )
    words = []
    if heavy:
        low, high = STRENGTH_RANGE
        rest = max(rest, STRENGTH_REST_S)
        words.append("Strength: heavy sets of 3-6 with 3 minutes' rest or more (ACSM 2009; Schoenfeld 2016)")
    elif profile.goal is Goal.STRENGTH and profile.experience is Level.BEGINNER:
        words.append(f"As a beginner, strength comes from practice in the page's range of {_range(low, high, choice)}")
    else:
        words.append(f"The page's range of {_range(low, high, choice)} with {rest} s rest")
    if choice.trunk and not choice.compound:
        sets = 2 if profile.goal is Goal.GENERAL else 3
    elif profile.goal is Goal.STRENGTH:
        sets = 4 if choice.compound and profile.experience is not Level.BEGINNER else 3
    elif profile.goal is Goal.HYPERTROPHY:
        sets = 4 if profile.experience is Level.ADVANCED and choice.compound else 3
    else:
        sets = 3 if choice.compound and profile.experience is not Level.BEGINNER else 2
    if emphasised:
        sets += 1
        words.append("one set more for a muscle you chose to emphasise")
    if most_sets is not None and sets > most_sets:
        sets = max(1, most_sets)
        words.append(f"{sets} set{'s' if sets != 1 else ''} only, so the week's volume stays in its target")
    sets = min(sets, MAX_SETS)
    reps = low if heavy or profile.goal is Goal.STRENGTH else (low + high) // 2
    rpe = None if choice.timed else target_rpe(profile)
    effort = f", stopping about {10 - rpe:g} reps short of failure (RPE {rpe:g})" if rpe is not None else ""
    reason = f"{sets} x {reps}{' s' if choice.timed else ''}: " + "; ".join(words) + effort + "."
    return Dose(sets, reps, (low, high), rest, rpe, reason)


def _range(low: int, high: int, choice: Choice) -> str:
    return f"{low}-{high} seconds" if choice.timed else f"{low}-{high} reps"


def load(
    choice: Choice,
    planned: Dose,
    history: ExerciseHistory | None,
    loads: Loads,
    rules: PlanRules,
    hard_rpe: float = 6.0,
) -> Load:
    """The load for the dose, the order of the sides, any extra set, and the ramp-up sets."""
    sides = _sides(choice, history)
    extra: dict[Side, int] = {}
    reps = planned.reps
    notes: list[str] = []
    if choice.unilateral and history is not None and history.weaker is not None:
        notes.append(f"The {history.weaker.value} side goes first: it has been the weaker side lately.")
    flagged = choice.unilateral and history is not None and history.flagged and history.weaker is not None
    kg: float | None
    if not choice.loaded:
        kg = None
        notes.insert(0, _unloaded(choice, history, planned))
    elif flagged and rules.symmetry_strategy == SymmetryStrategy.MATCH and history and history.stronger_best:
        kg, reps, said = _matched(choice, planned, history, loads, hard_rpe)
        notes.insert(0, said)
    else:
        kg, said = _from_e1rm(choice, planned, history, loads, hard_rpe)
        notes.insert(0, said)
        if flagged and history and history.weaker is not None:
            extra[history.weaker] = 1
            notes.append(
                f"The gap is flagged: one extra set for the {history.weaker.value} side after its usual sets"
                " (coaching practice; no trial has compared it)."
            )
    ramp = ramp_up(choice, kg, loads) if choice.defaults.ramp_up else ()
    if ramp:
        steps = ", ".join(f"{loads.say(r.weight_kg)} x {r.reps}" for r in ramp)
        notes.append(f"Ramp up first: {steps}.")
    return Load(kg, reps, sides, extra, " ".join(notes), ramp)


def _matched(
    choice: Choice, planned: Dose, history: ExerciseHistory, loads: Loads, hard_rpe: float
) -> tuple[float | None, int, str]:
    """The "match" strategy: both sides do the same sets of the same load and reps, the weaker side first, aiming
    at the stronger side's last best set, but never past what the weaker side's own e1RM allows at the plan's
    effort (the RPE chart): a set the weaker side cannot do would be a grind or a miss, not matched work."""
    assert history.stronger_best is not None
    best_kg, best_reps = history.stronger_best
    stronger = loads.round_load(best_kg, choice.on_bar, choice.defaults.load_step_kg)
    weak = history.weaker.value if history.weaker else "weaker"
    aimed = replace(planned, reps=best_reps)
    allowed, _ = _from_e1rm(choice, aimed, history, loads, hard_rpe)
    opening = (
        f"Your left/right gap is flagged, so both sides do the same work, the {weak} side first and the other"
        " side no more (equal work per side is what the trials pooled by Bettariga et al. gave; no trial has"
        " compared it with an extra set)."
    )
    if allowed is None or allowed >= stronger:
        return (
            stronger,
            best_reps,
            (f"{opening} Both sides aim at the stronger side's last best set, {loads.say(stronger)} x {best_reps}."),
        )
    return (
        allowed,
        best_reps,
        (
            f"{opening} The stronger side's last best set was {loads.say(stronger)} x {best_reps}; your {weak} side's"
            f" e1RM allows {loads.say(allowed)} x {best_reps} at RPE {planned.rpe or 8:g} on the RPE chart, so both"
            " sides do that."
        ),
    )


def _sides(choice: Choice, history: ExerciseHistory | None) -> tuple[Side, ...]:
    if not choice.unilateral:
        return (Side.BOTH,)
    if history is not None and history.weaker is Side.RIGHT:
        return (Side.RIGHT, Side.LEFT)
    return (Side.LEFT, Side.RIGHT)


def _unloaded(choice: Choice, history: ExerciseHistory | None, planned: Dose) -> str:
    unit = "seconds" if choice.timed else "reps"
    if history is None or not history.last_sets:
        return f"Body weight or a band: no load to set. Aim for {planned.reps} {unit} and note how hard it felt."
    best = max(s.reps for s in history.last_sets)
    return (
        f"Body weight or a band: you did up to {best} {unit} last time ({history.last_done or 'last session'});"
        f" progress by {unit} within {planned.rep_range[0]}-{planned.rep_range[1]} before a harder version."
    )


def _from_e1rm(
    choice: Choice, planned: Dose, history: ExerciseHistory | None, loads: Loads, hard_rpe: float
) -> tuple[float | None, str]:
    """The weight the RPE chart gives for the dose's reps and effort, from the e1RM of last time's best set
    (the weaker side's, so both sides can do the sets), rounded down to what can be loaded.

    Last time's e1RM is read with the same chart: a set logged with its RPE or RIR at that effort, one logged
    without at the effort the plan asked for. Read as a set to failure (Epley), a set of 10 stopped two reps
    short would give a lower e1RM, and the next load would be lighter than the last though the lifter did all
    that was asked: each session would shrink. The best set of the last few sessions counts, and only sets near
    failure (the hard-set cut-off): effort far from failure is misjudged most, and a deload's easy sets would
    otherwise set the load after it."""
    rpe = planned.rpe if planned.rpe is not None else 8.0
    best = _best_set(history, rpe, hard_rpe)
    if best is None:
        e1rm = _e1rm(history)
        basis = f"Your e1RM is {loads.say(e1rm)}" if e1rm is not None else ""
    else:
        e1rm, kg, reps, felt = best
        basis = f"Your best recent set, {loads.say(kg)} x {reps} at RPE {felt:g}, puts your e1RM at {loads.say(e1rm)}"
    if e1rm is None:
        if history is not None and history.last_sets:
            weights = [s.weight_kg for s in history.last_sets if s.weight_kg is not None and s.weight_kg > 0]
            if weights:
                kg = loads.round_load(max(weights), choice.on_bar, choice.defaults.load_step_kg)
                return kg, (
                    f"Last time's sets had too many reps to read a 1RM from, so keep {loads.say(kg)} and aim for"
                    f" {planned.reps} reps."
                )
        return None, START_LIGHT
    percent = chart_percent(planned.reps, 10 - rpe)
    exact = e1rm * percent / 100
    kg = loads.round_load(exact, choice.on_bar, choice.defaults.load_step_kg)
    if kg > exact + 1e-6:  # under the lightest load there is (the empty bar, one step)
        said = (
            f"{basis}; {planned.reps} reps at RPE {rpe:g} is {percent:g} % of it on the RPE chart, {loads.say(exact)},"
            f" lighter than the lightest load you can set up, so {loads.say(kg)}, stopping each set when it feels"
            f" like RPE {rpe:g}."
        )
    else:
        said = (
            f"{basis}; {planned.reps} reps at RPE {rpe:g} is {percent:g} % of it on the RPE chart, rounded down to"
            f" {loads.say(kg)}."
        )
    if best is not None:
        _, last_kg, last_reps, felt = best
        if last_reps >= planned.reps and felt <= rpe - 1:
            # Rounding down could hold the load still after a set that felt easy; the RPE rule (science.md:
            # at RPE 7 against a target of 8 add a step) says it must move.
            step = choice.defaults.load_step_kg or 2.5
            up = loads.round_load(last_kg + step + 1e-6, choice.on_bar, choice.defaults.load_step_kg)
            if up > kg:
                kg = up
                said += f" That set felt easier than RPE {rpe:g}, so one step up from it: {loads.say(kg)}."
    return kg, said


def chart_percent(reps: int, rir: float) -> float:
    """The RPE chart's %1RM, carried on past its last row (12 reps at RPE 10, or fewer reps further from failure)
    at the slope of its last steps, so a set of 15 at RPE 8 is lighter than one of 12. Our extension, not the
    chart's: it keeps high-rep targets honest instead of giving them the chart's last figure."""
    percent = percent_of_max(reps, rir)
    if percent is not None:
        return percent
    index = 2 * (reps - 1 + rir)
    last = len(RPE_CHART) - 1
    slope = (RPE_CHART[last - 4] - RPE_CHART[last]) / 4
    return round(max(30.0, RPE_CHART[last] - slope * (index - last)), 1)


def _best_set(history: ExerciseHistory | None, rpe: float, hard_rpe: float) -> tuple[float, float, int, float] | None:
    """(e1RM, kg, reps, RPE) of the recent sessions' best hard loaded set on the RPE chart, for the weaker side
    when both sides were done."""
    if history is None:
        return None
    by_side: dict[Side, tuple[float, float, int, float]] = {}
    for found in history.recent_sets or history.last_sets:
        if found.weight_kg is None or found.weight_kg <= 0 or found.reps < 1:
            continue
        felt = found.rpe if found.rpe is not None else rpe
        if felt < hard_rpe:
            continue
        e1rm = found.weight_kg * 100 / chart_percent(found.reps, 10 - felt)
        if found.side not in by_side or e1rm > by_side[found.side][0]:
            by_side[found.side] = (e1rm, found.weight_kg, found.reps, felt)
    if not by_side:
        return None
    sides = [by_side[s] for s in (Side.LEFT, Side.RIGHT) if s in by_side]
    if len(sides) == 2:
        return min(sides)
    return by_side.get(Side.BOTH) or sides[0]


def _e1rm(history: ExerciseHistory | None) -> float | None:
    if history is None or not history.e1rm_kg:
        return None
    sides = [history.e1rm_kg[s] for s in (Side.LEFT, Side.RIGHT) if s in history.e1rm_kg]
    if len(sides) == 2:
        return min(sides)
    return history.e1rm_kg.get(Side.BOTH, sides[0] if sides else None)


def ramp_up(choice: Choice, work_kg: float | None, loads: Loads) -> tuple[RampSet, ...]:
    """The empty bar x 10, then about 40 % x 5, 60 % x 3 and 80 % x 1 of the work load: the steps that land
    between the bar and the work load (light loads need fewer); with no load known, the bar alone."""
    bar = loads.bar_kg
    steps = [RampSet(bar, 10)]
    if work_kg is None:
        return tuple(steps)
    for share, reps in RAMP_PERCENTS:
        kg = loads.round_load(work_kg * share, True, choice.defaults.load_step_kg)
        if steps[-1].weight_kg < kg < work_kg:
            steps.append(RampSet(kg, reps))
    return tuple(steps)
