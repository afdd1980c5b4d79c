"""The exercise page as data: an exercise and everything its page holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Laterality(StrEnum):
    UNILATERAL = "unilateral"
    BILATERAL = "bilateral"


class Mechanic(StrEnum):
    ISOLATION = "isolation"
    COMPOUND = "compound"


class Loading(StrEnum):
    BODYWEIGHT = "bodyweight"
    LOADED = "loaded"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class DrillKind(StrEnum):
    WARM_UP = "warm-up"
    COOL_DOWN = "cool-down"


# The controlled vocabulary of movement patterns; pages name one of these in their summary.
MOVEMENT_PATTERNS: tuple[str, ...] = (
    "hip extension",
    "hip hinge",
    "squat",
    "lunge",
    "knee extension",
    "knee flexion",
    "hip abduction",
    "hip adduction",
    "hip flexion",
    "plantar flexion",
    "ankle dorsiflexion",
    "horizontal push",
    "vertical push",
    "horizontal pull",
    "vertical pull",
    "elbow flexion",
    "elbow extension",
    "shoulder abduction",
    "shoulder flexion",
    "shoulder extension",
    "horizontal abduction",
    "horizontal adduction",
    "scapular elevation",
    "scapular protraction",
    "shoulder external rotation",
    "shoulder internal rotation",
    "trunk flexion",
    "trunk rotation",
    "anti-extension",
    "anti-rotation",
    "anti-lateral flexion",
    "spinal extension",
    "carry",
    "wrist flexion",
    "wrist extension",
    "neck flexion",
    "neck extension",
    "neck lateral flexion",
    "jump",
    "throw",
)


@dataclass(frozen=True)
class MuscleGroup:
    slug: str
    name: str
    description: str
    side: str | None = None  # front, back or both: where the body map draws it
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EquipmentType:
    slug: str
    name: str
    description: str
    adds_load: bool = False  # only makes an exercise heavier, so it can be optional
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EquipmentUse:
    equipment: EquipmentType
    optional: bool = False


@dataclass(frozen=True)
class Dose:
    """How much of a drill to do, read from its steps: reps or a time range, once or on each side."""

    text: str | None
    reps: int | None = None
    seconds: tuple[int, int] | None = None
    per_side: bool = False


@dataclass(frozen=True)
class Drill:
    slug: str
    name: str
    intro: str
    steps: tuple[str, ...]
    dose: Dose
    kind: DrillKind | None = None


class TargetUnit(StrEnum):
    REPS = "reps"
    SECONDS = "seconds"


@dataclass(frozen=True)
class PlannerDefaults:
    """How a plan prescribes the exercise when the person's history does not decide: the target per set (reps, or
    seconds for a hold or a carry), the rest after each set, the load added when the top of the range is reached
    (None: progress by reps or time instead), and whether ramp-up sets lead to the first work set."""

    low: int
    high: int
    unit: TargetUnit = TargetUnit.REPS
    rest_seconds: int = 90
    load_step_kg: float | None = None
    ramp_up: bool = False


@dataclass(frozen=True)
class Reference:
    title: str
    doi: str | None = None


@dataclass(frozen=True)
class Faq:
    question: str | None  # None when the page lost its question, as the seed page did
    answer: str


@dataclass(frozen=True)
class Source:
    """Where a record came from, kept so its pages can credit it."""

    name: str
    source_id: str | None = None
    licence: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    summary: tuple[str, ...]
    steps: tuple[str, ...]
    laterality: Laterality
    mechanic: Mechanic | None
    movement_pattern: str | None
    loading: tuple[Loading, ...]
    primary_muscles: tuple[MuscleGroup, ...]
    secondary_muscles: tuple[MuscleGroup, ...] = ()
    tips: tuple[str, ...] = ()
    equipment: tuple[EquipmentUse, ...] = ()
    benefits: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    warm_up: tuple[Drill, ...] = ()
    cool_down: tuple[Drill, ...] = ()
    faq: tuple[Faq, ...] = ()
    level: Level | None = None
    aliases: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()  # slugs of regressions
    harder: tuple[str, ...] = ()  # slugs of progressions
    source: Source | None = None
    planner: PlannerDefaults | None = None  # the bundled pages carry them; an imported page may not

    @property
    def muscles(self) -> tuple[MuscleGroup, ...]:
        return self.primary_muscles + self.secondary_muscles


@dataclass(frozen=True)
class ParsedPage:
    """An exercise read from a page, with what the reader had to fix or guess on the way."""

    exercise: Exercise
    warnings: tuple[str, ...] = field(default=())


def sorted_loading(values: set[Loading] | frozenset[Loading] | tuple[Loading, ...]) -> tuple[Loading, ...]:
    """Loading in a stable order (bodyweight before loaded), so records compare equal."""
    return tuple(v for v in Loading if v in values)
