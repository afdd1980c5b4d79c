"""How long a plan takes: each exercise's sets, rests, sides and ramp-up, and each drill. The figures per rep and per
change of exercise are settings (PlanRules); a plan is filled to its budget by these estimates, never past it."""

from __future__ import annotations

from liftlore.planner.inputs import Choice, DrillDose, PlanRules

RAMP_REST_S = 60.0  # between ramp-up sets: they are light, so a minute is plenty


def set_seconds(choice: Choice, reps: int, rules: PlanRules) -> float:
    """One set on one side: a held or carried target is its seconds, a rep target its reps at the rules' tempo."""
    return float(reps) if choice.timed else reps * rules.seconds_per_rep


def exercise_seconds(
    choice: Choice, sets: int, reps: int, rest_s: int, rules: PlanRules, *, extra_sets: int = 0, ramp_sets: int = 0
) -> float:
    """Setting up, the work sets (both sides back to back for a one-sided exercise, then the rest), any extra sets
    for one side with a rest before each, and the ramp-up sets with their shorter rests."""
    sides = 2 if choice.unilateral else 1
    work = set_seconds(choice, reps, rules)
    total = rules.changeover_s + sets * sides * work + max(0, sets - 1) * rest_s
    total += extra_sets * (rest_s + work)
    total += ramp_sets * (5 * rules.seconds_per_rep + RAMP_REST_S)  # ramp-up sets average about 5 reps
    return total


def drill_seconds(drill: DrillDose, rules: PlanRules) -> float:
    return drill.seconds + rules.drill_changeover_s


def minutes(seconds: float) -> float:
    return round(seconds / 60, 1)
