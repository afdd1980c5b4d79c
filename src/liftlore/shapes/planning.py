"""The planner's JSON: a plan (`liftlore plan --json`, `/api/v1/plan`), a planning profile, a routine, a
programme and the one a person follows. A routine's exercises are a plan's exercises, so a saved plan and a routine
read alike."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import Field

from liftlore.domain.training import Side
from liftlore.shapes.base import Moment, Shape

GoalName = Literal["strength", "hypertrophy", "general"]
LevelName = Literal["beginner", "intermediate", "advanced"]
SplitName = Literal["full-body", "upper-lower", "push-pull-legs", "none"]


class DrillStepOut(Shape):
    drill: str  # slug
    name: str
    dose: str  # "10 reps each side", "30 seconds"
    reason: str  # which chosen exercises it prepares or eases


class RampSetOut(Shape):
    weight_kg: float
    reps: int


class PlanExerciseOut(Shape):
    """One exercise of a plan or a routine. `reps` is the target of each set (seconds when `unit` is "seconds");
    `load_kg` null is no external load; `sides` is the order to do the sides in ("both" for a two-sided exercise),
    weaker side first; `reason` says why this exercise, `dose_reason` why these sets, reps and rest, `load_reason`
    where the load comes from."""

    slug: str
    name: str
    sets: int
    reps: int
    unit: Literal["reps", "seconds"] = "reps"
    rep_range: tuple[int, int]
    load_kg: float | None
    rpe: float | None = None
    rest_s: int
    sides: list[Side]
    extra_sets: dict[Side, int] = Field(default_factory=dict)  # one side's extra sets (the symmetry recommendation)
    ramp_up: list[RampSetOut] = Field(default_factory=list)
    reason: str
    dose_reason: str
    load_reason: str
    locked: bool = False
    minutes: float


class PlanOut(Shape):
    """`liftlore plan --json`: the minutes budgeted and planned, the warm-up first, the exercises in order, the
    cool-down last, and what the plan as a whole decided (`notes`)."""

    minutes: int
    estimated_minutes: float
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
