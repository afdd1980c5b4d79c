"""What the planner works from and hands back, as data: a person's planning profile, the progression rules and
programmes (written as data in catalog/programmes/), and a plan with the reason for every choice in it.

Loads are kilograms; the adapters convert. Nothing here reads a database or a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from liftlore.domain.exercise import Level
from liftlore.domain.training import Side


class Goal(StrEnum):
    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    GENERAL = "general"


class Split(StrEnum):
    """How a week's sessions share out the body. NONE lets recovery alone decide each day."""

    FULL_BODY = "full-body"
    UPPER_LOWER = "upper-lower"
    PUSH_PULL_LEGS = "push-pull-legs"
    NONE = "none"


@dataclass(frozen=True)
class Profile:
    """A person's planning inputs, kept under a name ("home", "gym"). `equipment` None means everything the library
    knows (a full gym); an empty set means body weight only."""

    name: str
    equipment: frozenset[str] | None = None
    goal: Goal = Goal.HYPERTROPHY
    experience: Level = Level.BEGINNER
    minutes: int = 60
    days_per_week: int = 3
    emphasise: tuple[str, ...] = ()  # muscle group slugs
    avoid_muscles: tuple[str, ...] = ()  # muscle group slugs (an injury): never a primary or secondary muscle
    avoid_patterns: tuple[str, ...] = ()  # movement patterns ("squat", "vertical push")
    split: Split = Split.NONE


# -- progression rules and programmes ------------------------------------------------------------------------------


class RuleKind(StrEnum):
    DOUBLE_PROGRESSION = "double-progression"  # reach the top of the range on every set, then add load
    RPE = "rpe"  # change the load by how hard the last session's top set felt
    PERCENTAGE_WAVE = "percentage-wave"  # a fixed wave of percentages of a training max, week by week


@dataclass(frozen=True)
class RpeStep:
    """Felt RPE at or above `from_rpe` (and below the next step's) changes the next load by `change_kg`."""

    from_rpe: float
    change_kg: float


@dataclass(frozen=True)
class WaveWeek:
    """One week of a percentage wave: `sets` of `reps` at `percent` of the training max (the last set "reps or
    more" when `amrap`)."""

    percent: float
    reps: int
    sets: int
    amrap: bool = False


@dataclass(frozen=True)
class ProgressionRule:
    kind: RuleKind
    target_rpe: float | None = None  # RPE: the effort the top set aims at
    rpe_steps: tuple[RpeStep, ...] = ()  # RPE: ascending by from_rpe
    training_max_pct: float = 90.0  # PERCENTAGE_WAVE: the training max as a % of the e1RM
    wave: tuple[WaveWeek, ...] = ()  # PERCENTAGE_WAVE: one entry per week, repeating


@dataclass(frozen=True)
class Deload:
    """A planned lighter week: every `every_weeks`-th week keeps the exercises and the days, with a fraction of the
    sets and of the load, and no set past `max_rpe`."""

    every_weeks: int
    sets_factor: float = 0.5
    load_factor: float = 0.9
    max_rpe: float = 7.0


@dataclass(frozen=True)
class Slot:
    """One exercise of a programme day. `exercise` is a library slug; a person without its equipment gets an
    alternative for the same muscles and pattern."""

    exercise: str
    sets: int
    low: int
    high: int
    rule: str  # a key of Programme.rules
    rest_seconds: int | None = None  # None: the exercise's own rest


@dataclass(frozen=True)
class ProgrammeDay:
    name: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Programme:
    slug: str
    name: str
    summary: str
    goal: Goal
    level: Level
    days: tuple[ProgrammeDay, ...]  # done in order, one per training day, then again
    rules: dict[str, ProgressionRule] = field(default_factory=dict)
    deload: Deload | None = None
    source: str = ""  # where the structure is from (a public-domain description), in our words

    @property
    def days_per_week(self) -> int:
        return len(self.days)


# -- a plan ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillStep:
    drill: str  # slug
    dose: str  # in words: "10 reps each side", "30 seconds"
    reason: str


@dataclass(frozen=True)
class RampSet:
    weight_kg: float
    reps: int


@dataclass(frozen=True)
class Prescription:
    """One exercise of a plan. `reps` is the target per set (seconds when `unit` is seconds); `load_kg` None means
    no external load (body weight, a band); `sides` lists the sides in the order to do them ("both" for a
    bilateral exercise); `reason` says why this exercise, `dose_reason` why these sets, reps and rest, and
    `load_reason` where the load comes from."""

    slug: str
    sets: int
    reps: int
    load_kg: float | None
    rest_s: int
    sides: tuple[Side, ...]
    reason: str
    dose_reason: str
    load_reason: str
    unit: str = "reps"  # or "seconds"
    rep_range: tuple[int, int] = (0, 0)
    rpe: float | None = None  # the effort aimed at
    ramp_up: tuple[RampSet, ...] = ()
    extra_sets: dict[Side, int] = field(default_factory=dict)  # the symmetry recommendation's extra set
    locked: bool = False
    minutes: float = 0.0  # the time this exercise takes, rests and ramp-up included


@dataclass(frozen=True)
class Plan:
    minutes: int  # the budget
    estimated_minutes: float  # what the plan takes, drills included
    warm_up: tuple[DrillStep, ...]
    exercises: tuple[Prescription, ...]
    cool_down: tuple[DrillStep, ...]
    seed: int
    notes: tuple[str, ...] = ()  # what the plan as a whole decided (the day's focus, muscles left to recover)
