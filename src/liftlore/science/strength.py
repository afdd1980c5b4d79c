"""Estimated one-rep max (e1RM) from a set, by the common formulas or by the RPE chart, and load tables.

Every formula here is linear in the weight: 1RM = weight x factor(reps). The factors are what the store's
aggregate queries use too (`E1rmMethod.factors`), so the database and Python compute the same figure.

Accuracy falls as reps rise (Whisenant 2003), so sets above a rep cap (a setting, default 12) get no estimate.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from liftlore.errors import LiftloreError


class Formula(StrEnum):
    EPLEY = "epley"
    BRZYCKI = "brzycki"
    LOMBARDI = "lombardi"
    MAYHEW = "mayhew"
    OCONNER = "oconner"
    WATHAN = "wathan"
    LANDER = "lander"


FORMULA_NAMES = {
    Formula.EPLEY: "Epley",
    Formula.BRZYCKI: "Brzycki",
    Formula.LOMBARDI: "Lombardi",
    Formula.MAYHEW: "Mayhew et al.",
    Formula.OCONNER: "O'Conner et al.",
    Formula.WATHAN: "Wathan",
    Formula.LANDER: "Lander",
}

# 1RM / weight for r reps.
_FACTORS: dict[Formula, Callable[[float], float]] = {
    Formula.EPLEY: lambda r: 1 + r / 30,
    Formula.BRZYCKI: lambda r: 36 / (37 - r),
    Formula.LOMBARDI: lambda r: r**0.10,
    Formula.MAYHEW: lambda r: 100 / (52.2 + 41.9 * math.exp(-0.055 * r)),
    Formula.OCONNER: lambda r: 1 + 0.025 * r,
    Formula.WATHAN: lambda r: 100 / (48.8 + 53.8 * math.exp(-0.075 * r)),
    Formula.LANDER: lambda r: 100 / (101.3 - 2.67123 * r),
}

DEFAULT_FORMULA = Formula.EPLEY
DEFAULT_REP_CAP = 12  # "cap reps at about 10-12" (Whisenant 2003); a setting
MAX_REP_CAP = 30  # Brzycki and Lander break down (divide by ~0) near 37 reps

# %1RM = S[2 * (reps - 1 + RIR)]: the RPE chart used by many open programs (science.md, M-H confidence).
RPE_CHART: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9,
    78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6,
)  # fmt: skip

CHART_FACTORS: tuple[float, ...] = tuple(100 / percent for percent in RPE_CHART)  # 1RM / weight at each index

# NSCA training load chart, reps -> %1RM (science.md, M confidence; 11 reps is not in the chart).
NSCA_CHART: dict[int, float] = {1: 100, 2: 95, 3: 93, 4: 90, 5: 87, 6: 85, 7: 83, 8: 80, 9: 77, 10: 75, 12: 70}


def factor(formula: Formula, reps: int) -> float:
    """1RM / weight for `reps` by `formula`; 1 for a single."""
    if reps < 1:
        raise ValueError("reps must be at least 1")
    return 1.0 if reps == 1 else _FACTORS[formula](reps)


def one_rm(weight: float, reps: int, formula: Formula = DEFAULT_FORMULA) -> float:
    return weight * factor(formula, reps)


def chart_index(reps: int, rir: float) -> int | None:
    """Where the RPE chart has this set; None when it is off the chart. RIR comes in halves, which land on the
    chart exactly (anything between would round half up)."""
    position = math.floor(2 * (reps - 1 + rir) + 0.5)
    return position if 0 <= position < len(RPE_CHART) and reps >= 1 else None


def percent_of_max(reps: int, rir: float) -> float | None:
    """The %1RM the RPE chart gives for `reps` with `rir` reps left in the tank (5 @ RPE 8 -> 81.1)."""
    index = chart_index(reps, rir)
    return None if index is None else RPE_CHART[index]


def one_rm_from_effort(weight: float, reps: int, rir: float) -> float | None:
    index = chart_index(reps, rir)
    return None if index is None else weight * CHART_FACTORS[index]


@dataclass(frozen=True)
class E1rmMethod:
    """How liftlore turns a set into one e1RM figure (for histories and records).

    `formula` is used for every set; with `from_effort`, a set that carries RPE or RIR uses the RPE chart instead
    when it is on the chart. Off by default: people misjudge RIR by two reps or more when far from failure
    (Hackett 2017), which would make an easy set's estimate the best one.
    """

    formula: Formula = DEFAULT_FORMULA
    rep_cap: int = DEFAULT_REP_CAP
    from_effort: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.rep_cap <= MAX_REP_CAP:
            raise LiftloreError(f"the rep cap must be between 1 and {MAX_REP_CAP}", field="rep-cap")

    def estimate(self, weight: float | None, reps: int | None, rir: float | None = None) -> float | None:
        """The e1RM of a set, or None: no load (body weight, assisted), no reps, or more reps than the cap."""
        if weight is None or weight <= 0 or reps is None or reps < 1 or reps > self.rep_cap:
            return None
        if self.from_effort and rir is not None:
            by_chart = one_rm_from_effort(weight, reps, rir)
            if by_chart is not None:
                return by_chart
        return one_rm(weight, reps, self.formula)

    def factors(self) -> dict[int, float]:
        """reps -> factor for every rep count up to the cap, for SQL that computes the same estimate."""
        return {reps: factor(self.formula, reps) for reps in range(1, self.rep_cap + 1)}

    def chart_factors(self) -> dict[int, float]:
        """chart index -> factor, for SQL; empty when the method ignores effort."""
        return dict(enumerate(CHART_FACTORS)) if self.from_effort else {}


@dataclass(frozen=True)
class Estimate:
    label: str
    one_rm: float | None  # None where the method does not apply (reps over the cap, no effort given)


def every_estimate(weight: float, reps: int, rir: float | None, rep_cap: int = DEFAULT_REP_CAP) -> list[Estimate]:
    """Each formula's estimate and the RPE chart's, side by side (the `estimate` command shows them)."""
    capped = reps > rep_cap
    rows = [Estimate(FORMULA_NAMES[f], None if capped else one_rm(weight, reps, f)) for f in Formula]
    chart = one_rm_from_effort(weight, reps, rir) if rir is not None else None
    rows.append(Estimate("RPE chart", chart))
    return rows


@dataclass(frozen=True)
class LoadRow:
    reps: int
    percent: float
    load: float


def load_table(one_rm_value: float) -> list[LoadRow]:
    """Loads for each rep count of the NSCA chart, in the unit `one_rm_value` is in."""
    return [LoadRow(reps, percent, one_rm_value * percent / 100) for reps, percent in NSCA_CHART.items()]
