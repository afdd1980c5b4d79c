"""The e1RM formulas, the RPE chart and the load table, checked against values worked out by hand from
../shared/science.md."""

from __future__ import annotations

import pytest

from liftlore.errors import LiftloreError
from liftlore.science.strength import (
    RPE_CHART,
    E1rmMethod,
    Formula,
    chart_index,
    every_estimate,
    load_table,
    one_rm,
    one_rm_from_effort,
    percent_of_max,
)


# Worked out from the formulas in science.md for 100 kg x 5, to two decimals.
@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        (Formula.EPLEY, 116.67),
        (Formula.BRZYCKI, 112.50),
        (Formula.LOMBARDI, 117.46),
        (Formula.MAYHEW, 119.01),
        (Formula.OCONNER, 112.50),
        (Formula.WATHAN, 116.58),
        (Formula.LANDER, 113.71),
    ],
)
def test_each_formula_for_100_kg_times_5(formula: Formula, expected: float) -> None:
    assert one_rm(100, 5, formula) == pytest.approx(expected, abs=0.01)


def test_the_known_values() -> None:
    assert one_rm(100, 5) == pytest.approx(116.67, abs=0.01)  # Epley, the default
    assert one_rm(100, 10, Formula.EPLEY) == pytest.approx(one_rm(100, 10, Formula.BRZYCKI))  # they agree at 10
    assert one_rm(140, 1, Formula.EPLEY) == 140  # a single is its own 1RM


@pytest.mark.parametrize(
    ("reps", "rir", "percent"),
    [(5, 2, 81.1), (1, 0, 100.0), (1, 1, 95.5), (3, 1.5, 87.8), (10, 4, 62.6), (12, 4, None), (0, 0, None)],
)
def test_the_rpe_chart(reps: int, rir: float, percent: float | None) -> None:
    assert percent_of_max(reps, rir) == percent


def test_chart_positions_are_whole_for_halves() -> None:
    assert chart_index(5, 2) == 12
    assert chart_index(2, 0.5) == 3
    assert len(RPE_CHART) == 27


def test_e1rm_from_effort() -> None:
    estimate = one_rm_from_effort(100, 5, 2)  # 5 @ RPE 8
    assert estimate == pytest.approx(100 / 0.811)
    assert one_rm_from_effort(100, 15, 0) is None  # off the chart


def test_the_method_skips_sets_it_cannot_estimate() -> None:
    method = E1rmMethod()
    assert method.estimate(100, 12) == pytest.approx(140)
    assert method.estimate(100, 13) is None  # over the rep cap
    assert method.estimate(None, 5) is None  # body weight
    assert method.estimate(-20, 5) is None  # assisted
    assert method.estimate(100, 0) is None
    assert E1rmMethod(rep_cap=10).estimate(100, 11) is None


def test_the_method_uses_the_chart_only_when_asked_and_effort_is_known() -> None:
    plain = E1rmMethod()
    by_effort = E1rmMethod(from_effort=True)
    assert plain.estimate(100, 5, rir=2) == pytest.approx(116.67, abs=0.01)
    assert by_effort.estimate(100, 5, rir=2) == pytest.approx(123.30, abs=0.01)
    assert by_effort.estimate(100, 5) == pytest.approx(116.67, abs=0.01)  # no effort: the formula


def test_a_rep_cap_out_of_range_is_refused() -> None:
    with pytest.raises(LiftloreError, match="rep cap"):
        E1rmMethod(rep_cap=40)


def test_every_estimate_lists_each_formula_and_the_chart() -> None:
    rows = every_estimate(100, 5, 2)
    assert [row.label for row in rows] == [
        "Epley",
        "Brzycki",
        "Lombardi",
        "Mayhew et al.",
        "O'Conner et al.",
        "Wathan",
        "Lander",
        "RPE chart",
    ]
    assert all(row.one_rm is not None for row in rows)
    capped = every_estimate(50, 20, None)
    assert all(row.one_rm is None for row in capped)


def test_load_tables() -> None:
    table = load_table(200)
    assert [(row.reps, row.load) for row in table[:3]] == [(1, 200), (2, 190), (3, 186)]
    assert table[-1].reps == 12 and table[-1].load == pytest.approx(140)
