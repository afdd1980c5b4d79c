"""The planner defaults an exercise file carries: `target`, `rest_seconds`, `load_step_kg`, and ramp-up sets.

They are data, checked here, so a coach can read and change them per exercise; the planner falls back on them
when the person's history does not decide. Whether ramp-up sets come first is not a key of its own: it is the
`ramp-up` drill in the warm-up list, so the page's drills and the plan cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from liftlore.domain.exercise import Exercise, Loading, PlannerDefaults, TargetUnit

RAMP_UP_DRILL = "ramp-up"
TARGET = re.compile(r"^(?P<low>\d+)-(?P<high>\d+) (?P<unit>reps|seconds)$")
# Bounds a sane default stays inside; anything outside is a typo (a rest of 1200 s, a 50 kg step).
TARGET_BOUNDS = {TargetUnit.REPS: (1, 30), TargetUnit.SECONDS: (5, 300)}
REST_BOUNDS = (15, 600)
STEP_BOUNDS = (0.25, 20.0)

# Equipment whose load is weighed in kilograms. A band is not: it steps up by its colour, so a band exercise
# progresses by reps or a stronger band, and has no load step.
WEIGHED_EQUIPMENT = frozenset(
    (
        "barbell",
        "dumbbell",
        "kettlebell",
        "cable",
        "machine",
        "ez-bar",
        "trap-bar",
        "smith-machine",
        "medicine-ball",
        "landmine",
        "weight-plate",
        "sled",
        "neck-machine",
    )
)

Report = Callable[[str, int | None], None]


def planner_defaults(
    front: Mapping[str, Any], exercise: Exercise, problem: Report, line_of: Callable[[str], int]
) -> PlannerDefaults | None:
    """The defaults the front matter states, or None (with problems reported) when they are missing or wrong."""
    target = _target(front.get("target"), problem, line_of("target"))
    rest = _number(front.get("rest_seconds"), "rest_seconds", REST_BOUNDS, problem, line_of("rest_seconds"))
    step: float | None = None
    weighed = Loading.LOADED in exercise.loading and any(
        use.equipment.slug in WEIGHED_EQUIPMENT for use in exercise.equipment
    )
    if "load_step_kg" in front:
        step = _number(front["load_step_kg"], "load_step_kg", STEP_BOUNDS, problem, line_of("load_step_kg"))
        if not weighed:
            problem(
                "'load_step_kg' is for an exercise loaded with weights; this one has none to add",
                line_of("load_step_kg"),
            )
    elif weighed:
        problem(
            "an exercise loaded with weights needs 'load_step_kg': the load added at the top of 'target'",
            line_of("loading"),
        )
    if target is None or rest is None:
        return None
    low, high, unit = target
    return PlannerDefaults(
        low=low,
        high=high,
        unit=unit,
        rest_seconds=int(rest),
        load_step_kg=step,
        ramp_up=any(drill.slug == RAMP_UP_DRILL for drill in exercise.warm_up),
    )


def _target(value: object, problem: Report, line: int) -> tuple[int, int, TargetUnit] | None:
    if value is None:
        return None  # the missing key is reported with the other required keys
    match = TARGET.match(str(value))
    if match is None:
        problem(f"'target' must read like '6-10 reps' or '20-40 seconds', not {value!r}", line)
        return None
    low, high, unit = int(match["low"]), int(match["high"]), TargetUnit(match["unit"])
    floor, ceiling = TARGET_BOUNDS[unit]
    if not floor <= low <= high <= ceiling:
        problem(f"'target' must be a range from low to high within {floor}-{ceiling} {unit.value}", line)
        return None
    return low, high, unit


def _number(value: object, key: str, bounds: tuple[float, float], problem: Report, line: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not bounds[0] <= value <= bounds[1]:
        problem(f"'{key}' must be a number from {bounds[0]:g} to {bounds[1]:g}, not {value!r}", line)
        return None
    return float(value)
