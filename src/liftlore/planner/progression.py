"""The next session's target for one exercise of a programme, from its progression rule and the last logged
performance, with the reason in words and numbers.

Rules are data (domain.planning.ProgressionRule); this module only reads them. The figures are from
../shared/science.md: double progression, the RPE steps of the rule, and its Defaults for an exercise with no
history (start light, about 3-4 reps in reserve). A planned deload takes the rule's target and cuts sets, load
and effort while the exercise and the days stay the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from liftlore.domain.planning import Deload, ProgressionRule, RpeStep, RuleKind, WaveWeek
from liftlore.errors import LiftloreError
from liftlore.science.strength import Formula, factor, percent_of_max

START_RPE = 6.5  # "a set that stops with about 3-4 reps in reserve" (science.md, Defaults)
DEFAULT_TARGET_RPE = 8.0  # the target of science.md's RPE steps, for a rule that states none
MAX_STEP_TRIES = 4  # load steps tried before deciding the plates cannot make a heavier load

RoundLoad = Callable[[float], float]
Say = Callable[[float], str]


@dataclass(frozen=True)
class LastSet:
    """One working set of the last session that was not a deload (one side of a one-sided exercise, or both).
    `weight_kg` None is no external load (body weight, a band)."""

    weight_kg: float | None
    reps: int
    rpe: float | None = None


@dataclass(frozen=True)
class Target:
    """What to aim for next session. `load_kg` None: body weight, or a load this session finds; `amrap`: the last
    set is taken to as many reps as possible; `deload`: this is the planned lighter week."""

    sets: int
    reps: int
    load_kg: float | None
    rpe: float | None
    reason: str
    amrap: bool = False
    deload: bool = False


def is_deload_week(week: int, deload: Deload | None) -> bool:
    """Whether `week` (1-based, counted from the start of the programme) is a planned deload week."""
    return deload is not None and week >= 1 and week % deload.every_weeks == 0


def next_target(
    rule: ProgressionRule,
    *,
    sets: int,
    low: int,
    high: int,
    step_kg: float | None,
    last: Sequence[LastSet],
    e1rm_kg: float | None,
    week: int,
    deload: Deload | None,
    round_load: RoundLoad,
    say: Say,
) -> Target:
    """The target for the exercise in `week`. `last` holds the working sets of the last session that was not a
    deload (pass none for a first session); `step_kg` is the exercise's load step (None: nothing to add, as for
    body weight or a band); `round_load` rounds a load in kg to one the person can load, and `say` writes a load
    in kg in the person's unit for the reason."""
    if week < 1:
        raise ValueError("week counts from 1")
    step = step_kg if step_kg else None
    deloading = is_deload_week(week, deload)
    if rule.kind is RuleKind.PERCENTAGE_WAVE:
        base = _wave(rule, e1rm_kg, week, deload, deloading, round_load, say)
    elif not last:
        base = _first(rule, sets, low, high, step, e1rm_kg, round_load, say)
    elif rule.kind is RuleKind.DOUBLE_PROGRESSION:
        base = _double(sets, low, high, step, last, round_load, say)
    else:
        base = _by_rpe(rule, sets, low, high, last, round_load, say)
    if deload is not None and deloading:
        return _deloaded(base, deload, round_load, say)
    return base


# -- no history -------------------------------------------------------------------------------------------------


def _first(
    rule: ProgressionRule,
    sets: int,
    low: int,
    high: int,
    step: float | None,
    e1rm: float | None,
    round_load: RoundLoad,
    say: Say,
) -> Target:
    if e1rm is not None and step is not None:
        rpe = rule.target_rpe or DEFAULT_TARGET_RPE
        percent = _chart_percent(low, rpe)
        load = round_load(e1rm * percent / 100)
        return Target(
            sets,
            low,
            load,
            rpe,
            f"No sets of this exercise logged yet, but your e1RM is {say(e1rm)}: {low} reps at RPE {rpe:g} is "
            f"about {percent:.0f} % of it, so {say(load)}.",
        )
    if step is None:
        return Target(
            sets,
            low,
            None,
            START_RPE,
            f"No history for this exercise yet: do {sets} sets of {low}-{high} reps, each stopping with about 3-4 "
            "reps in reserve, and the next session builds on the reps you log.",
        )
    return Target(
        sets,
        low,
        None,
        START_RPE,
        f"No history for this exercise yet, so this session finds the load: start light and build to a set of "
        f"{low} that stops with about 3-4 reps in reserve (RPE 6-7). The next target is worked out from that set.",
    )


def _chart_percent(reps: int, rpe: float) -> float:
    """The %1RM for `reps` at `rpe` from the RPE chart, or from Epley's formula off the chart."""
    reserve = max(0.0, 10 - rpe)
    percent = percent_of_max(reps, reserve)
    if percent is not None:
        return percent
    return 100 / factor(Formula.EPLEY, max(1, round(reps + reserve)))


# -- double progression -------------------------------------------------------------------------------------------


def _double(
    sets: int,
    low: int,
    high: int,
    step: float | None,
    last: Sequence[LastSet],
    round_load: RoundLoad,
    say: Say,
) -> Target:
    top = max((s.weight_kg for s in last if s.weight_kg is not None), default=None)
    shown = f"Last time {_sets_text(last, say)}"
    lowest = min(s.reps for s in last)
    same_load = all(s.weight_kg == top for s in last)
    kept = round_load(top) if top is not None else None
    if same_load and len(last) >= sets and lowest >= high:
        heavier = _step_up(top, step, round_load) if top is not None and step is not None else None
        if heavier is not None and top is not None:
            return Target(
                sets,
                low,
                heavier,
                None,
                f"{shown}: every set reached the top of {low}-{high}, so add {say(heavier - top)} "
                f"({say(heavier)}) and start again at {low} reps.",
            )
        # Nothing to add (body weight, a band, or plates that cannot go up): the range stretches by one rep a
        # session, and a harder variation or added load brings the sets back into it.
        reps = lowest + 1
        return Target(
            sets,
            reps,
            kept,
            None,
            f"{shown}: every set reached the top of {low}-{high} and there is no load to add, so aim for {reps} "
            "reps on every set; once that comes easily, a harder variation or added weight brings you back into "
            "the range.",
        )
    if top is not None and step is not None and lowest < low:
        lighter = round_load(top - step)
        if 0 < lighter < top:
            return Target(
                sets,
                low,
                lighter,
                None,
                f"{shown}: the lowest set fell below the {low}-{high} range, so take off {say(top - lighter)} "
                f"({say(lighter)}) and aim for {low} reps on every set.",
            )
    reps = min(high, lowest + 1)
    if len(last) < sets:
        why = f"only {len(last)} of the {sets} sets were logged"
    elif not same_load and top is not None:
        why = f"not every set was at {say(top)}"
    else:
        why = f"not every set reached {high} yet"
    load_words = f"keep {say(kept)}" if kept is not None else "keep the same exercise"
    return Target(sets, reps, kept, None, f"{shown}: {why}, so {load_words} and aim for {reps} reps on every set.")


def _step_up(top: float, step: float, round_load: RoundLoad) -> float | None:
    """The lightest loadable weight at least one step above `top`, or None when the plates cannot make one."""
    for times in range(1, MAX_STEP_TRIES + 1):
        heavier = round_load(top + times * step)
        if heavier > top:
            return heavier
    return None


# -- RPE ------------------------------------------------------------------------------------------------------------


def _by_rpe(
    rule: ProgressionRule,
    sets: int,
    low: int,
    high: int,
    last: Sequence[LastSet],
    round_load: RoundLoad,
    say: Say,
) -> Target:
    target_rpe = rule.target_rpe or DEFAULT_TARGET_RPE
    weights = [s.weight_kg for s in last if s.weight_kg is not None]
    top = max(weights, default=None)
    at_top = [s for s in last if s.weight_kg == top]
    felt = [s for s in at_top if s.rpe is not None]
    top_set = max(felt, key=lambda s: s.rpe or 0.0) if felt else at_top[-1]
    load_text = f"{say(top)} x {top_set.reps}" if top is not None else f"{top_set.reps} reps with no load"
    shown = f"Last time's top set, {load_text}"
    reps = min(high, max(low, top_set.reps))
    if top_set.rpe is None:
        kept = round_load(top) if top is not None else None
        keep = f"keep {say(kept)}" if kept is not None else "keep the same reps"
        return Target(
            sets,
            reps,
            kept,
            target_rpe,
            f"{shown}, has no RPE logged, so {keep}: this rule changes the load by how hard the top set felt, so "
            "log its RPE.",
        )
    felt_text = f"{shown}, felt like RPE {top_set.rpe:g} against a target of {target_rpe:g}"
    if top is None:
        # No load to change: a rep more when it felt easy, a rep fewer when it felt too hard.
        if top_set.rpe < target_rpe:
            reps, change = top_set.reps + 1, "aim for one more rep"
        elif top_set.rpe > target_rpe:
            reps, change = max(1, top_set.reps - 1), "aim for one rep fewer"
        else:
            reps, change = top_set.reps, "keep the reps"
        return Target(sets, reps, None, target_rpe, f"{felt_text}; with no load to change, {change}: {reps}.")
    step = _step_for(top_set.rpe, rule.rpe_steps)
    change_kg = step.change_kg if step is not None else 0.0
    load = round_load(top + change_kg)
    if load <= 0:
        load = round_load(top)
    if load > top:
        words = f"so add {say(load - top)}: {say(load)}"
    elif load < top:
        words = f"so take off {say(top - load)}: {say(load)}"
    else:
        words = f"so keep {say(load)}"
    return Target(sets, reps, load, target_rpe, f"{felt_text}, {words} x {reps}.")


def _step_for(felt: float, steps: Sequence[RpeStep]) -> RpeStep | None:
    """The step whose range holds `felt`: the last one starting at or below it; below every step, the first."""
    chosen = steps[0] if steps else None
    for step in steps:
        if step.from_rpe <= felt:
            chosen = step
    return chosen


# -- percentage wave ------------------------------------------------------------------------------------------------


def _wave(
    rule: ProgressionRule,
    e1rm: float | None,
    week: int,
    deload: Deload | None,
    deloading: bool,
    round_load: RoundLoad,
    say: Say,
) -> Target:
    if not rule.wave:
        raise LiftloreError("a percentage wave needs at least one week", field="wave")
    if deloading:
        # A deload week starts from the wave's lightest week, then the deload cuts it further.
        entry: WaveWeek = min(rule.wave, key=lambda w: w.percent)
        position = rule.wave.index(entry) + 1
    else:
        # The wave counts training weeks only: a deload week does not move it on.
        counted = week - (week // deload.every_weeks if deload is not None else 0)
        position = (counted - 1) % len(rule.wave) + 1
        entry = rule.wave[position - 1]
    if e1rm is None:
        return Target(
            entry.sets,
            entry.reps,
            None,
            START_RPE,
            f"No e1RM for this lift yet, so the wave has no training max to work from and this session finds it: "
            f"work up to a set of {entry.reps} that stops with about 3-4 reps in reserve (RPE 6-7). The wave "
            "starts from the e1RM that set gives.",
        )
    training_max = e1rm * rule.training_max_pct / 100
    load = round_load(training_max * entry.percent / 100)
    last_set = "; take the last set for as many reps as you can" if entry.amrap else ""
    return Target(
        entry.sets,
        entry.reps,
        load,
        None,
        f"Week {position} of the {len(rule.wave)}-week wave: {entry.sets} x {entry.reps} at {entry.percent:g} % of "
        f"your training max of {say(training_max)} ({rule.training_max_pct:g} % of your e1RM {say(e1rm)}), "
        f"so {say(load)}{last_set}.",
        amrap=entry.amrap,
    )


# -- deload ---------------------------------------------------------------------------------------------------------


def _deloaded(base: Target, deload: Deload, round_load: RoundLoad, say: Say) -> Target:
    sets = max(1, math.floor(base.sets * deload.sets_factor + 0.5))
    rpe = min(base.rpe, deload.max_rpe) if base.rpe is not None else deload.max_rpe
    opening = f"Planned deload week (every {deload.every_weeks} weeks)"
    keeps = "the exercise and the days stay the same, so the next week picks up where you left off"
    if base.load_kg is None:
        cut = f"{sets} sets of {base.reps} instead of {base.sets}, none past RPE {rpe:g}"
        reason = f"{opening}: {cut}; {keeps}. {base.reason}"
        return replace(base, sets=sets, rpe=rpe, reason=reason, amrap=False, deload=True)
    load = round_load(base.load_kg * deload.load_factor)
    reason = (
        f"{opening}: {sets} sets of {base.reps} at {say(load)} instead of {base.sets} at {say(base.load_kg)} "
        f"({deload.load_factor * 100:g} % of the load), and none past RPE {rpe:g}; {keeps}."
    )
    return replace(base, sets=sets, load_kg=load, rpe=rpe, reason=reason, amrap=False, deload=True)


# -- words ----------------------------------------------------------------------------------------------------------


def _sets_text(last: Sequence[LastSet], say: Say) -> str:
    """The sets as a lifter writes them: "60 kg x 10, 10, 8"; "12, 12, 10 reps" with no load at all."""
    if all(s.weight_kg is None for s in last):
        return ", ".join(str(s.reps) for s in last) + " reps"
    groups: list[tuple[float | None, list[int]]] = []
    for s in last:
        if groups and groups[-1][0] == s.weight_kg:
            groups[-1][1].append(s.reps)
        else:
            groups.append((s.weight_kg, [s.reps]))
    return ", ".join(
        f"{say(weight) if weight is not None else 'body weight'} x {', '.join(map(str, reps))}"
        for weight, reps in groups
    )
