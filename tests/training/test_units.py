"""Units at the edges: conversions are exact both ways, and spans read the way Strong writes them."""

from __future__ import annotations

import pytest

from liftlore.domain.units import (
    DistanceUnit,
    WeightUnit,
    format_duration,
    format_weight,
    from_kg,
    from_metres,
    parse_span,
    plain_number,
    to_kg,
    to_metres,
    weight_unit,
)
from liftlore.errors import LiftloreError


@pytest.mark.parametrize("pounds", [45.0, 135.0, 225.0, 2.5, 0.0, -30.0])
def test_pounds_survive_a_trip_through_kilograms(pounds: float) -> None:
    assert from_kg(to_kg(pounds, WeightUnit.LB), WeightUnit.LB) == pytest.approx(pounds, abs=1e-9)
    assert format_weight(to_kg(pounds, WeightUnit.LB), WeightUnit.LB) == f"{plain_number(pounds)} lb"


def test_the_international_pound_and_mile() -> None:
    assert to_kg(100, WeightUnit.LB) == pytest.approx(45.359237)
    assert to_metres(1, DistanceUnit.MI) == pytest.approx(1609.344)
    assert from_metres(5000, DistanceUnit.KM) == 5


@pytest.mark.parametrize(
    ("text", "unit"),
    [("kg", WeightUnit.KG), ("KGS", WeightUnit.KG), ("lbs", WeightUnit.LB), (" pounds ", WeightUnit.LB)],
)
def test_weight_unit_names(text: str, unit: WeightUnit) -> None:
    assert weight_unit(text) is unit


def test_an_unknown_unit_is_named() -> None:
    with pytest.raises(LiftloreError, match="'stone' is not a weight unit; use kg or lb"):
        weight_unit("stone", field="--unit")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("35m", 2100),
        ("1h 5m", 3900),
        ("1h", 3600),
        ("90s", 90),
        ("1h 19m", 4740),
        ("2 min 30 s", 150),
        ("1:05:00", 3900),
        ("4:30", 270),
        ("", None),
        ("soon", None),
        ("5m later", None),
    ],
)
def test_spans(text: str, seconds: float | None) -> None:
    assert parse_span(text) == seconds


@pytest.mark.parametrize(
    ("value", "shown"), [(102.5, "102.5"), (100.0, "100"), (88.18490487, "88.18"), (-0.001, "0"), (0.5, "0.5")]
)
def test_plain_numbers(value: float, shown: str) -> None:
    assert plain_number(value) == shown


@pytest.mark.parametrize(("seconds", "shown"), [(45, "45s"), (60, "1:00"), (75, "1:15"), (3725, "1:02:05")])
def test_durations(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown
