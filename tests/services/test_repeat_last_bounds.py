"""Proposed test for the routines clamp (tests/web/test_plan_api.py or tests/services/test_routines.py): a last
workout with more sets than a plan holds is saved as a routine within the plan's bounds, not a 500."""

from __future__ import annotations

import pytest

from liftlore.shapes.planning import RoutineOut
from liftlore.store.db import Database
from tests.web.client import client_for


@pytest.mark.parametrize(
    ("slug", "sets", "expected"),
    [
        ("single-leg-hip-thrust", "L 40kg x 10 x 8, R 40kg x 10 x 2", (2, {"left": 5}, 0)),
        ("goblet-squat", "40kg x 5 x 25", (20, {}, 0)),
        ("goblet-squat", "W 20kg x 150, W 30kg x 5, 40kg x 5", (1, {}, 1)),
    ],
)
def test_a_last_workout_beyond_a_plans_bounds_repeats_within_them(
    db: Database, slug: str, sets: str, expected: tuple[int, dict[str, int], int]
) -> None:
    client = client_for(db)
    assert client.post("/api/v1/log", json={"exercise": slug, "sets": sets}).status_code == 201
    made = client.post("/api/v1/routines/repeat-last", json={})
    assert made.status_code == 201, made.text
    (item,) = RoutineOut.model_validate(made.json()).exercises
    assert (item.sets, {side.value: n for side, n in item.extra_sets.items()}, len(item.ramp_up)) == expected
