"""An exercise's planner defaults in a lifter's words, said alike on the page and in the terminal."""

from __future__ import annotations

from liftlore.domain.exercise import PlannerDefaults, TargetUnit

KG_TO_LB = 2.20462
LB_PLATE_STEP = 2.5  # the smallest step a pound gym loads (a pair of 1.25 lb plates)


def rest_words(seconds: int) -> str:
    """'90 s', '2 min', '2 min 30 s'."""
    minutes, rest = divmod(seconds, 60)
    if minutes == 0 or (minutes == 1 and rest):
        return f"{seconds} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def step_words(kg: float) -> str:
    """'2.5 kg (5 lb)': the pound figure rounded to what a pound gym can load, never below its smallest step."""
    lb = max(LB_PLATE_STEP, round(kg * KG_TO_LB / LB_PLATE_STEP) * LB_PLATE_STEP)
    return f"{kg:g} kg ({lb:g} lb)"


def planner_lines(planner: PlannerDefaults) -> list[str]:
    """Work sets, progression and ramp-up, one sentence each."""
    unit = "reps" if planner.unit is TargetUnit.REPS else "seconds"
    lines = [
        f"Work sets: {planner.low}-{planner.high} {unit}, with {rest_words(planner.rest_seconds)} rest after each."
    ]
    reached = (
        f"every set reaches {planner.high} reps"
        if planner.unit is TargetUnit.REPS
        else f"every set lasts {planner.high} seconds"
    )
    if planner.load_step_kg is not None:
        step = step_words(planner.load_step_kg)
        lines.append(f"Progression: once {reached}, add {step} and start again at {planner.low} {unit}.")
    else:
        lines.append(f"Progression: once {reached}, move on to the harder variation, a stronger band or extra load.")
    if planner.ramp_up:
        lines.append("Ramp-up sets lead from the empty bar to your first work set (see the warm-up).")
    return lines
