"""What the generator is handed: the exercises it may choose from, the person's state (recovery, this week's sets,
each exercise's history), the rules it plans by (the person's settings), and how loads are rounded and said.
The services layer builds these from the library and the store; tests build them by hand."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from liftlore.domain.exercise import Level, PlannerDefaults, TargetUnit
from liftlore.domain.planning import Deload, Goal
from liftlore.domain.training import Side

# Muscle groups the planner holds to weekly set targets. The front delts are left out: every press trains them. The
# others (neck, forearms, tibialis, rotator cuff,
# hip flexors, the adductors and abductors, serratus, brachialis, traps) get their work from these exercises and
# are trained on purpose only when the profile emphasises them: a plan that chased ten weekly sets of neck work
# would crowd out what most lifters came for.
MAIN_MUSCLES: tuple[str, ...] = (
    "quads",
    "glutes",
    "hamstrings",
    "chest",
    "lats",
    "upper-back",
    "side-delts",
    "rear-delts",
    "triceps",
    "biceps",
    "calves",
)
# The patterns of the main lifts: loaded on a bar, these are what a strength plan makes heavy.
MAIN_LIFT_PATTERNS: frozenset[str] = frozenset(
    {
        "squat",
        "hip hinge",
        "lunge",
        "horizontal push",
        "vertical push",
        "horizontal pull",
        "vertical pull",
        "hip extension",
    }
)
TRUNK_MUSCLES: frozenset[str] = frozenset({"abs", "obliques", "lower-back"})
TRUNK_PATTERNS: frozenset[str] = frozenset(
    {"anti-extension", "anti-rotation", "anti-lateral flexion", "trunk flexion", "trunk rotation", "spinal extension"}
)


@dataclass(frozen=True)
class DrillDose:
    slug: str
    name: str
    dose: str  # in words
    seconds: float  # how long it takes, both sides included


@dataclass(frozen=True)
class Choice:
    """An exercise the planner may choose. `needs` is the equipment it cannot be done without (all of it);
    `on_bar` means loaded on a barbell (plates round its load, ramp-up sets may lead in)."""

    slug: str
    name: str
    compound: bool
    pattern: str | None
    unilateral: bool
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    needs: frozenset[str]
    defaults: PlannerDefaults
    level: Level | None = None
    warm_up: tuple[DrillDose, ...] = ()
    cool_down: tuple[DrillDose, ...] = ()
    on_bar: bool = False
    staple: bool = False  # one of the lifts the bundled programmes are built on

    @property
    def muscles(self) -> tuple[str, ...]:
        return self.primary + self.secondary

    @property
    def trunk(self) -> bool:
        return self.pattern in TRUNK_PATTERNS or any(m in TRUNK_MUSCLES for m in self.primary)

    @property
    def loaded(self) -> bool:
        return self.defaults.load_step_kg is not None

    @property
    def timed(self) -> bool:
        return self.defaults.unit is TargetUnit.SECONDS


@dataclass(frozen=True)
class LastSet:
    side: Side
    weight_kg: float | None
    reps: int
    rpe: float | None  # as logged, or 10 - RIR


@dataclass(frozen=True)
class ExerciseHistory:
    """What the person has done of one exercise: its latest e1RM per side (Side.BOTH for a two-sided lift), the
    working sets of the last time, and, when its left/right gap is flagged, the weaker side and the stronger
    side's best set of the last session (the set the "match" strategy gives the weaker side)."""

    e1rm_kg: Mapping[Side, float] = field(default_factory=dict)
    last_sets: tuple[LastSet, ...] = ()
    # The working sets of the last few sessions, last time's included: the load is read from the best of them, so
    # one bad day or a deload week does not pull the next load down.
    recent_sets: tuple[LastSet, ...] = ()
    last_done: str | None = None  # the date in words, for reasons
    weaker: Side | None = None
    flagged: bool = False
    stronger_best: tuple[float, int] | None = None  # (kg, reps)


@dataclass(frozen=True)
class TrainingState:
    recovery_pct: Mapping[str, float]  # muscle slug -> 0-100; a muscle not listed is fully recovered
    week_sets: Mapping[str, float]  # muscle slug -> hard sets credited this week so far
    history: Mapping[str, ExerciseHistory]  # exercise slug -> its history
    days_left: int = 1  # training days left this week, this one included (at least 1)
    hard_rpe: float = 6.0  # sets logged easier than this are too far from failure to read an e1RM from
    deload: Deload | None = None  # set when this is a planned deload week
    last_focus: str | None = None  # the split day trained last ("upper", "push", ...)


class SymmetryStrategy:
    MATCH = "match"
    EXTRA_SET = "extra-set"


@dataclass(frozen=True)
class PlanRules:
    """The settings the plan is made by. `recovery_floor`: a muscle below this recovery % is not trained (ours,
    UNCONFIRMED: a setting). `weekly_sets`: the weekly hard sets per main muscle aimed at, by goal (the 10+ band
    of Schoenfeld, Ogborn & Krieger 2017 for hypertrophy; the upper ends are coaching heuristics, settings)."""

    recovery_floor: float = 60.0
    weekly_sets: Mapping[Goal, tuple[float, float]] = field(
        default_factory=lambda: {Goal.HYPERTROPHY: (10.0, 20.0), Goal.STRENGTH: (6.0, 12.0), Goal.GENERAL: (5.0, 10.0)}
    )
    symmetry_strategy: str = SymmetryStrategy.MATCH
    seconds_per_rep: float = 4.0  # a rep with its lowering, for the time estimate
    changeover_s: float = 60.0  # setting up each exercise
    drill_changeover_s: float = 10.0


@dataclass(frozen=True)
class Loads:
    """How loads are made real and said: `round_load(kg, on_bar, step_kg)` gives the nearest loadable weight not
    above it (plates on a bar, the exercise's step otherwise); `say(kg)` writes a load in the person's unit."""

    round_load: Callable[[float, bool, float | None], float]
    say: Callable[[float], str]
    bar_kg: float = 20.0
