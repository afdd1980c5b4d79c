"""The planner's JSON: a plan (`liftlore plan --json`, `/api/v1/plan`), a planning profile, a routine, a
programme and the one a person follows. A routine's exercises are a plan's exercises, so a saved plan and a routine
read alike.

A plan and a routine come back from clients (a plan to edit, a routine to save), so every number of an exercise is
held to a believable range here, where the JSON is read: a set count of -3, a load of 1e308 or NaN, a rest of -60
s is refused naming its field (422 in the API, 400 on the /plan page) before a service sees it or a routine keeps
it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from liftlore.domain.limits import MAX_WEIGHT_KG
from liftlore.domain.training import Side
from liftlore.shapes.base import Moment, Shape

# The bounds of an exercise's numbers. Wide enough for every plan the planner makes and every routine a logged
# workout gives (a logged load is held to MAX_WEIGHT_KG either way), narrow enough that nothing built from them
# overflows or reads as nonsense.
MAX_PLAN_SETS = 20
MAX_TARGET = 3600  # reps, or seconds of a timed set: an hour's hold is beyond any plan
MAX_REST_S = 1800
MAX_EXERCISE_MINUTES = 600
MAX_EXTRA_SETS = 5
MAX_RAMP_REPS = 100

Kilograms = Annotated[float, Field(ge=-MAX_WEIGHT_KG, le=MAX_WEIGHT_KG, allow_inf_nan=False)]
Target = Annotated[int, Field(ge=0, le=MAX_TARGET)]
Minutes = Annotated[float, Field(ge=0, le=MAX_EXERCISE_MINUTES, allow_inf_nan=False)]

GoalName = Literal["strength", "hypertrophy", "general"]
LevelName = Literal["beginner", "intermediate", "advanced"]
SplitName = Literal["full-body", "upper-lower", "push-pull-legs", "none"]


class DrillStepOut(Shape):
    drill: str  # slug
    name: str
    dose: str  # "10 reps each side", "30 seconds"
    reason: str  # which chosen exercises it prepares or eases


class RampSetOut(Shape):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    weight_kg: Kilograms
    reps: int = Field(ge=1, le=MAX_RAMP_REPS)


class PlanExerciseOut(Shape):
    """One exercise of a plan or a routine. `reps` is the target of each set (seconds when `unit` is "seconds");
    `load_kg` null is no external load; `sides` is the order to do the sides in ("both" for a two-sided exercise),
    weaker side first; `reason` says why this exercise, `dose_reason` why these sets, reps and rest, `load_reason`
    where the load comes from. A negative load is assistance (an assisted pull-up)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    slug: str
    name: str
    sets: int = Field(ge=1, le=MAX_PLAN_SETS)
    reps: Target
    unit: Literal["reps", "seconds"] = "reps"
    rep_range: tuple[Target, Target]
    load_kg: Kilograms | None
    rpe: float | None = Field(default=None, ge=1, le=10, allow_inf_nan=False)
    rest_s: int = Field(ge=0, le=MAX_REST_S)
    sides: list[Side]
    # one side's extra sets (the symmetry recommendation)
    extra_sets: dict[Side, Annotated[int, Field(ge=0, le=MAX_EXTRA_SETS)]] = Field(default_factory=dict)
    ramp_up: list[RampSetOut] = Field(default_factory=list)
    reason: str
    dose_reason: str
    load_reason: str
    locked: bool = False
    minutes: Minutes


class PlanOut(Shape):
    """`liftlore plan --json`: the minutes budgeted and planned, the warm-up first, the exercises in order, the
    cool-down last, and what the plan as a whole decided (`notes`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    minutes: int = Field(ge=0, le=MAX_EXERCISE_MINUTES)
    estimated_minutes: Minutes
    seed: int
    profile: str | None = None
    warm_up: list[DrillStepOut]
    exercises: list[PlanExerciseOut]
    cool_down: list[DrillStepOut]
    notes: list[str] = Field(default_factory=list)


class ProfileOut(Shape):
    """A planning profile. `equipment` null is everything the library knows (a full gym); [] is body weight only."""

    name: str
    equipment: list[str] | None
    goal: GoalName
    experience: LevelName
    minutes: int
    days_per_week: int
    emphasise: list[str] = Field(default_factory=list)
    avoid_muscles: list[str] = Field(default_factory=list)
    avoid_patterns: list[str] = Field(default_factory=list)
    split: SplitName = "none"


class RoutineOut(Shape):
    """A saved workout: from a plan, from a logged workout ("repeat last"), or written by hand."""

    id: uuid.UUID
    name: str
    origin: Literal["plan", "workout", "hand"]
    created_at: Moment
    exercises: list[PlanExerciseOut]


class SlotOut(Shape):
    exercise: str
    sets: int
    low: int
    high: int
    rule: str
    rest_seconds: int | None = None


class ProgrammeDayOut(Shape):
    name: str
    slots: list[SlotOut]


class ProgrammeOut(Shape):
    slug: str
    name: str
    summary: str
    goal: GoalName
    level: LevelName
    days_per_week: int
    days: list[ProgrammeDayOut]
    rules: dict[str, str]  # rule name -> what it does, in words
    deload: str | None  # in words
    source: str


class EnrolmentOut(Shape):
    """The programme a person follows: since when, the week they are in (1 = the week they started) and the day due
    next, by name and as day `day_number` (from 1) of the programme's `days`."""

    programme: str  # slug
    name: str
    started_on: date
    week: int
    next_day: str
    day_number: int
    days: int
