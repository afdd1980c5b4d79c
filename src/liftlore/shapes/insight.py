"""The insight reports' JSON: weekly volume per muscle, recovery per muscle with the sets behind it, left/right
symmetry per exercise, and training days. `liftlore stats ... --json` and `/api/v1/insight/...` give these shapes;
the e1RM history is the training log's own shape (shapes/training.E1rmHistoryOut)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from liftlore.domain.training import Side
from liftlore.shapes.base import Moment, Shape

Role = Literal["primary", "secondary"]


class VolumeSourceOut(Shape):
    """What one exercise on one side gave a muscle in the week: its hard sets, and the credit they count for."""

    slug: str
    name: str
    role: Role
    side: Side
    sets: int
    credit: float  # fractional sets: 1 per primary set, 0.5 per secondary, halved for a set on one side
    volume_load_kg: float


class MuscleVolumeOut(Shape):
    slug: str
    name: str
    hard_sets: float  # credited, so a left and a right set make one
    volume_load_kg: float
    left_sets: float  # credit of the sets done on the left, each counted whole (primary 1, secondary 0.5)
    right_sets: float
    band: str  # under 5, 5-9 or 10+ weekly sets (Schoenfeld, Ogborn & Krieger 2017)
    exercises: list[VolumeSourceOut]


class VolumeOut(Shape):
    """`liftlore stats volume --json`, `/api/v1/insight/volume`: every muscle group, most sets first."""

    week: str  # ISO week, 2026-W47
    starts: date  # Monday
    ends: date  # Sunday
    time_zone: str
    hard_set_rpe: float
    muscles: list[MuscleVolumeOut]


class FatigueSourceOut(Shape):
    """Hard sets of one exercise on one side in one workout, and what is left of their fatigue."""

    workout_id: uuid.UUID
    started_at: Moment
    exercise: str
    exercise_name: str
    role: Role
    side: Side
    sets: int
    credit: float
    remaining: float  # credit x exp(-age / tau)


class MuscleRecoveryOut(Shape):
    slug: str
    name: str
    recovery_pct: float
    fatigue: float
    tau_days: float
    capacity: float
    sets: list[FatigueSourceOut]  # the sets that drive it, newest first


class RecoveryOut(Shape):
    """`liftlore stats recovery --json`, `/api/v1/insight/recovery`: every muscle group, least recovered first."""

    at: Moment
    window_days: int
    muscles: list[MuscleRecoveryOut]


class SymmetrySessionOut(Shape):
    date: date
    workout_id: uuid.UUID
    lsi_e1rm: float | None  # 100 x weaker / stronger best e1RM; null without a loaded set on each side
    lsi_volume: float | None
    weaker: Side | None  # by e1RM; null when equal
    left_e1rm_kg: float | None
    right_e1rm_kg: float | None
    left_volume_kg: float
    right_volume_kg: float


class StrategyOut(Shape):
    name: Literal["match", "extra-set"]
    advice: str
    basis: Literal["trial evidence", "coaching practice"]
    why: str


class RecommendationOut(Shape):
    weaker: Side
    strategies: list[StrategyOut]


class ExerciseSymmetryOut(Shape):
    slug: str
    name: str
    sessions: list[SymmetrySessionOut]  # oldest first
    flagged: bool
    recommendation: RecommendationOut | None  # when flagged


class SymmetryOut(Shape):
    """`liftlore stats symmetry --json`, `/api/v1/insight/symmetry`."""

    threshold: float
    exercises: list[ExerciseSymmetryOut]


class TrainingDayOut(Shape):
    date: date
    workouts: int
    workout_ids: list[uuid.UUID]  # in the order started


class TrainingDaysOut(Shape):
    """The days with a workout in a span, for the history's calendar."""

    starts: date
    ends: date
    days: list[TrainingDayOut]
