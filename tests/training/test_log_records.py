"""The records a log answers with are the ones the whole history, replayed set by set, says those sets broke,
though logging reads only the strength points and the workout at hand: random logs of two- and one-sided
exercises over imported unsided history, with body weight, assistance, effort, repeated weights and late sets."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from tests.training.test_strength_service import START

WEIGHTS = [None, -10.0, 40.0, 42.5, 45.0, 47.5, 50.0, 61.23]


def random_sets(rng: random.Random, sides: tuple[Side, ...]) -> list[SetEntry]:
    return [
        SetEntry(
            reps=rng.randint(1, 14),
            weight_kg=rng.choice(WEIGHTS),
            set_type=rng.choice([SetType.NORMAL, SetType.NORMAL, SetType.WARM_UP, SetType.FAILURE]),
            side=side,
            rpe=rng.choice([None, 7.0, 8.5, 10.0]),
        )
        for side in sides
        for _ in range(rng.randint(1, 3))
    ]


@pytest.mark.parametrize("from_effort", [False, True])
def test_the_records_a_log_reports_are_those_the_replayed_history_gives(db: Database, from_effort: bool) -> None:
    if from_effort:
        db.run(training_settings.change_setting, "e1rm-from-rpe", "yes")
    rng = random.Random(17 + from_effort)
    # Unsided history first, as imports from apps without sides leave it.
    for day in range(3):
        sets = random_sets(rng, (Side.BOTH,))
        when = START + timedelta(days=day)
        db.run(training.log_sets, "bulgarian split squat", sets, performed_at=when, new_workout=True)
    for step in range(40):
        exercise, sides = rng.choice(
            [("back squat", (Side.BOTH,)), ("bulgarian split squat", (Side.LEFT, Side.RIGHT, Side.LEFT))]
        )
        # Mostly onwards in time, sometimes into the same workout, now and then a late set in the past.
        late = rng.random() < 0.15
        when = START + timedelta(days=(rng.randint(0, 3) if late else 4 + step // 2), minutes=step)
        logged = db.run(
            training.log_sets, exercise, random_sets(rng, sides), performed_at=when, new_workout=late or step % 3 == 0
        )
        added = {s.id for s in logged.added}
        replayed = [r for r in db.run(training.exercise_strength, exercise).history if r.set_id in added]
        assert list(logged.records) == replayed, step
