"""The plate calculator: exact loads with the fewest (and heaviest) plates, and the nearest when none is exact."""

from __future__ import annotations

import pytest

from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError
from liftlore.science.plates import DEFAULT_PLATES, load_bar, parse_plates

KG = dict.fromkeys(DEFAULT_PLATES[WeightUnit.KG])
LB = dict.fromkeys(DEFAULT_PLATES[WeightUnit.LB])


@pytest.mark.parametrize(
    ("target", "bar", "plates", "per_side"),
    [
        (142.5, 20, KG, (25, 25, 10, 1.25)),
        (100, 20, KG, (25, 15)),
        (20, 20, KG, ()),
        (225, 45, LB, (45, 45)),
        (315, 45, LB, (45, 45, 45)),
        (60, 20, {15: None, 10: None}, (10, 10)),  # greedy (15 first) would fail here
        (70, 20, {20: 1, 10: None, 5: None}, (20, 5)),
        (80, 20, {20: 1, 10: None}, (20, 10)),  # one pair of 20s only
    ],
)
def test_exact_loads(target: float, bar: float, plates: dict[float, int | None], per_side: tuple[float, ...]) -> None:
    answer = load_bar(target, bar, plates)
    assert answer.exact is not None
    assert answer.exact.per_side == per_side
    assert answer.exact.total == pytest.approx(target)
    assert answer.above is None


def test_the_nearest_loads_when_none_is_exact() -> None:
    answer = load_bar(101, 20, KG)
    assert answer.exact is None
    assert answer.above is not None
    assert (answer.below.total, answer.above.total) == (100, 102.5)


def test_the_bar_alone_is_the_nearest_load_below_a_first_pair() -> None:
    answer = load_bar(21, 20, KG)
    assert answer.exact is None
    assert (answer.below.per_side, answer.below.total) == ((), 20)
    assert answer.above is not None and answer.above.per_side == (1.25,)


def test_limited_plates_run_out() -> None:
    answer = load_bar(140, 20, {20: 1})
    assert answer.exact is None
    assert answer.below.total == 60
    assert answer.above is None


def test_a_target_under_the_bar_is_refused() -> None:
    with pytest.raises(LiftloreError, match=r"the target \(15\) is lighter than the bar \(20\)"):
        load_bar(15, 20, KG)


@pytest.mark.parametrize(
    ("text", "plates"),
    [("25,20,15x2,10", {25: None, 20: None, 15: 2, 10: None}), ("1.25; 0.5", {1.25: None, 0.5: None})],
)
def test_parse_plates(text: str, plates: dict[float, int | None]) -> None:
    assert parse_plates(text) == plates


@pytest.mark.parametrize("text", ["", "heavy", "20x", "-5", "20xtwo"])
def test_bad_plates_are_refused(text: str) -> None:
    with pytest.raises(LiftloreError):
        parse_plates(text)
