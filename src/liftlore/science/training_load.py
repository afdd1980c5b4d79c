"""What a person's training adds up to: which sets are hard, how a set is credited to a muscle, how fatigue fades
(the recovery model) and how two sides compare (the limb symmetry index). Pure functions; the figures and their
confidence are in ../shared/science.md, and every constant not from a study is a setting with this default."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from liftlore.errors import LiftloreError

# No study fixes where a hard set begins; 0-4 reps in reserve (RPE 6 or more) is the usual coaching convention.
DEFAULT_HARD_RPE = 6.0
PRIMARY_CREDIT = 1.0  # a direct set: fractional sets fit best in Pelland et al. 2024
SECONDARY_CREDIT = 0.5  # an indirect set
ONE_SIDE = 0.5  # a set on one side is half a set for the muscle: left + right make one
WINDOW_DAYS = 21  # sets older than this are left out of fatigue (under 0.01 % of a set remains at the default)
# Our choice, not a study's: a hard 10-set session reads 0 % just after and 95 % recovered a week later.
DEFAULT_RECOVERY_TAU_DAYS = 7 / math.log(20)
DEFAULT_RECOVERY_CAPACITY = 10.0
DEFAULT_SYMMETRY_THRESHOLD = 10.0  # % asymmetry; most studies flag 10-15 % (Parkinson 2021)
FLAG_SESSIONS = 4  # an exercise is flagged when the asymmetry passes the threshold in
FLAG_NEEDED = 3  # at least this many of its last FLAG_SESSIONS sessions: single tests vary by 14-23 %
TEN_SET_BAND = 10.0  # weekly sets per muscle: the bands under 5, 5-9 and 10+ (Schoenfeld, Ogborn & Krieger 2017)


@dataclass(frozen=True)
class HardSetRule:
    """A set is hard when it is not a warm-up and, where effort was logged, ended at or above `min_rpe` (at most
    10 - min_rpe reps in reserve). A set with no effort logged counts."""

    min_rpe: float = DEFAULT_HARD_RPE

    def __post_init__(self) -> None:
        if not 1 <= self.min_rpe <= 10:
            raise LiftloreError("the hard-set RPE is between 1 and 10", field="hard-set-rpe")

    @property
    def max_rir(self) -> float:
        return 10 - self.min_rpe

    def is_hard(self, warm_up: bool, rir: float | None) -> bool:
        """`rir`: reps in reserve as logged, or 10 - RPE (domain.training.reps_in_reserve)."""
        return not warm_up and (rir is None or rir <= self.max_rir)


def credit(primary: bool, one_side: bool) -> float:
    """The sets one hard set counts for, for one muscle of its exercise."""
    base = PRIMARY_CREDIT if primary else SECONDARY_CREDIT
    return base * ONE_SIDE if one_side else base


def band(sets: float) -> str:
    """The weekly-volume band of Schoenfeld, Ogborn & Krieger 2017."""
    if sets < 5:
        return "under 5"
    return "5-9" if sets < TEN_SET_BAND else "10+"


@dataclass(frozen=True)
class RecoveryModel:
    """Fatigue F = sum of credit x exp(-age / tau) over the hard sets of the last WINDOW_DAYS; recovery =
    100 x max(0, 1 - F / capacity). Our own transparent model, not a validated one."""

    tau_days: float = DEFAULT_RECOVERY_TAU_DAYS
    capacity: float = DEFAULT_RECOVERY_CAPACITY

    def __post_init__(self) -> None:
        if not self.tau_days > 0:
            raise LiftloreError("the recovery time constant must be above 0 days", field="recovery-tau")
        if not self.capacity > 0:
            raise LiftloreError("the recovery capacity must be above 0 sets", field="recovery-capacity")

    def remaining(self, credit_sets: float, age_days: float) -> float:
        """What is left of `credit_sets` of fatigue after `age_days`."""
        return credit_sets * math.exp(-age_days / self.tau_days)

    def recovery_pct(self, fatigue: float) -> float:
        return round(100 * max(0.0, 1 - fatigue / self.capacity), 1)


def limb_symmetry(left: float | None, right: float | None) -> tuple[float | None, str | None]:
    """(LSI = 100 x weaker / stronger, the weaker side or None when equal); (None, None) when a side has nothing
    to compare (no figure, or zero)."""
    if left is None or right is None or left <= 0 or right <= 0:
        return None, None
    if left == right:
        return 100.0, None
    weaker = "left" if left < right else "right"
    return 100 * min(left, right) / max(left, right), weaker


def is_flagged(lsi_values: Sequence[float], threshold: float) -> bool:
    """Whether the asymmetry (100 - LSI) passed `threshold` in at least FLAG_NEEDED of the last FLAG_SESSIONS
    sessions (`lsi_values` oldest first). Fewer sessions than FLAG_NEEDED never flag."""
    recent = lsi_values[-FLAG_SESSIONS:]
    return sum(1 for lsi in recent if 100 - lsi > threshold) >= FLAG_NEEDED
