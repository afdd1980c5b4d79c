"""The plate calculator: which plates go on each side of a bar to make a target weight.

Works in whatever unit it is given (kg or lb, the same for target, bar and plates). Plates come in pairs, one per
side. Greedy loading (heaviest first) fails for some sets of plates (15s and 10s with no 5s cannot make 20 per
side greedily, yet 10 + 10 does), so the calculator searches: the fewest plates that reach the closest weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError

DEFAULT_BARS = {WeightUnit.KG: 20.0, WeightUnit.LB: 45.0}
DEFAULT_PLATES: dict[WeightUnit, tuple[float, ...]] = {
    WeightUnit.KG: (25, 20, 15, 10, 5, 2.5, 1.25),
    WeightUnit.LB: (45, 35, 25, 10, 5, 2.5),
}
_SCALE = 1000  # plates in thousandths, so 1.25 and 2.5 are whole numbers and sums are exact


@dataclass(frozen=True)
class PlateLoad:
    target: float
    bar: float
    per_side: tuple[float, ...]  # heaviest first

    @property
    def total(self) -> float:
        return self.bar + 2 * sum(self.per_side)

    @property
    def exact(self) -> bool:
        return math.isclose(self.total, self.target, abs_tol=1e-9)


@dataclass(frozen=True)
class PlateAnswer:
    """The load for the target, or when it cannot be made, the nearest loads below and above it."""

    below: PlateLoad  # the bar alone at worst: the target is never lighter than the bar
    above: PlateLoad | None  # None when `below` is exact, or when the plates run out before the target

    @property
    def exact(self) -> PlateLoad | None:
        return self.below if self.below.exact else None

    @property
    def nearest(self) -> PlateLoad:
        """The load closest to the target; on a tie the lighter one (a suggested load should not overshoot)."""
        if self.above is None or self.below.target - self.below.total <= self.above.total - self.above.target + 1e-9:
            return self.below
        return self.above


def parse_plates(text: str) -> dict[float, int | None]:
    """'25,20,15x2,10' -> {25: None, 20: None, 15: 2, 10: None}: each plate, with 'xN' for how many pairs there
    are (none given: as many as needed)."""
    plates: dict[float, int | None] = {}
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        size, times, count = part.lower().partition("x")
        try:
            weight = float(size)
            pairs = int(count) if times else None
        except ValueError:
            raise LiftloreError(f"'{part}' is not a plate; write plates like 25,20,15x2", field="plates") from None
        if weight <= 0 or (pairs is not None and pairs < 0):
            raise LiftloreError(f"'{part}' is not a plate; write plates like 25,20,15x2", field="plates")
        plates[weight] = pairs
    if not plates:
        raise LiftloreError("no plates given", field="plates")
    return plates


def load_bar(target: float, bar: float, plates: Mapping[float, int | None]) -> PlateAnswer:
    """The plates per side for `target` on a `bar`: exact when possible, else the closest below and above."""
    if target < bar:
        raise LiftloreError(f"the target ({target:g}) is lighter than the bar ({bar:g})", field="target")
    sizes = sorted((s for s, n in plates.items() if n != 0), reverse=True)
    if not sizes:
        raise LiftloreError("no plates given", field="plates")
    units = [round(s * _SCALE) for s in sizes]
    step = reduce(math.gcd, units)
    coins = [u // step for u in units]
    limits = [plates[s] for s in sizes]
    wanted = (target - bar) / 2 * _SCALE / step
    ceiling = math.ceil(wanted - 1e-9) + max(coins)  # room to find the nearest load above the target
    fewest = _fewest_plates(coins, limits, ceiling)
    # The bar alone (amount 0) is always a load, and the target is not lighter than it: there is one below.
    below = max(a for a in range(0, math.floor(wanted + 1e-9) + 1) if fewest[a] is not None)
    above = min((a for a in range(math.ceil(wanted - 1e-9), ceiling + 1) if fewest[a] is not None), default=None)

    def load(amount: int) -> PlateLoad:
        choice = fewest[amount]
        assert choice is not None
        return PlateLoad(target=target, bar=bar, per_side=tuple(sizes[i] for i in choice))

    return PlateAnswer(below=load(below), above=None if above is None or above == below else load(above))


def _fewest_plates(coins: list[int], limits: list[int | None], ceiling: int) -> list[tuple[int, ...] | None]:
    """For every amount up to `ceiling` (in units of the plates' common divisor), the fewest plates per side that
    make it exactly, as indexes into `coins` (heaviest first), or None when no combination does."""
    best: list[tuple[int, ...] | None] = [None] * (ceiling + 1)
    best[0] = ()
    for index, coin in enumerate(coins):
        limit = limits[index]
        most = ceiling // coin if limit is None else min(limit, ceiling // coin)
        if most == 0:
            continue
        # Bounded knapsack, one plate at a time; iterating amounts downwards uses each plate once per pass.
        for _ in range(most):
            changed = False
            for amount in range(ceiling, coin - 1, -1):
                previous = best[amount - coin]
                if previous is None:
                    continue
                candidate = (*previous, index)
                current = best[amount]
                # Fewest plates; of as few, the heavier ones (indexes are heaviest first), as lifters load.
                if current is None or (len(candidate), candidate) < (len(current), current):
                    best[amount] = candidate
                    changed = True
            if not changed:
                break
    return best
