"""The records a log answers with are the ones the whole history, replayed set by set, says those sets broke,
though logging reads only the strength points and the workout at hand: random logs of two- and one-sided
exercises over imported unsided history, with body weight, assistance, effort, repeated weights and late sets."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout
from liftlore.science.records import RecordKind
from liftlore.services import training, training_settings
from liftlore.store import strength_points
from liftlore.store import training as repo
from liftlore.store.db import Database
from liftlore.store.tables import StrengthPointRow
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


def replayed(db: Database, exercise: str, logged: training.Logged) -> list[training.PersonalRecord]:
    added = {s.id for s in logged.added}
    return [r for r in db.run(training.exercise_strength, exercise).history if r.set_id in added]


def test_a_weight_halfway_at_the_third_decimal_keeps_its_rep_record(db: Database) -> None:
    # 21.125 kg rounds to 21.12 by the records' rule (half to even); SQL would say 21.13.
    db.run(training.log_sets, "barbell hip thrust", [SetEntry(reps=5, weight_kg=21.125)], performed_at=START)
    later = START + timedelta(days=2)
    logged = db.run(training.log_sets, "barbell hip thrust", [SetEntry(reps=6, weight_kg=21.125)], performed_at=later)
    assert RecordKind.REPS in {r.kind for r in logged.records}
    assert list(logged.records) == replayed(db, "barbell hip thrust", logged)


def test_points_left_stale_are_rebuilt_before_the_records_are_read(db: Database) -> None:
    """As migration 0007 leaves an upgraded log: no points, stamped stale. The next log must not call 100 kg a
    first record when 140 kg was done before."""
    db.run(training.log_sets, "barbell hip thrust", [SetEntry(reps=5, weight_kg=140)], performed_at=START)

    def wipe(session: Session) -> None:
        session.execute(delete(StrengthPointRow))
        strength_points.mark_stale(session)

    db.run(wipe)
    later = START + timedelta(days=2)
    logged = db.run(training.log_sets, "barbell hip thrust", [SetEntry(reps=5, weight_kg=100)], performed_at=later)
    assert logged.records == ()


def test_a_workout_with_sided_and_unsided_sets_of_a_one_sided_exercise_is_replayed(db: Database) -> None:
    """Left 100 kg, then 120 kg without a side, in one imported workout: the left side's mark stays 100 kg (its own
    set came first), so a later left 110 kg breaks it."""
    slug = "single-leg-hip-thrust"
    name = "Single-Leg Hip Thrust"
    entries = (
        ExerciseEntry(name, (SetEntry(reps=5, weight_kg=100, side=Side.LEFT),), slug),
        ExerciseEntry(name, (SetEntry(reps=5, weight_kg=120, side=Side.BOTH),), slug),
    )
    imported = Workout(START, entries, ended_at=START + timedelta(hours=1), source="json")
    ids = db.run(repo.exercise_ids, {slug})
    rules = db.run(training_settings.training_settings).points
    db.run(repo.add_workouts, [repo.NewWorkout(imported)], ids, rules)
    later = START + timedelta(days=2)
    logged = db.run(training.log_sets, slug, [SetEntry(reps=5, weight_kg=110, side=Side.LEFT)], performed_at=later)
    assert {(r.kind, r.previous) for r in logged.records} >= {(RecordKind.HEAVIEST, 100.0)}
    assert list(logged.records) == replayed(db, slug, logged)
