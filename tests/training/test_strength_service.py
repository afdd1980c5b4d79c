"""Records and e1RM histories from the database: one exercise set by set, and the overview of every exercise from
aggregates, which must agree with it (including SQL's e1RM and Python's, by formula and by the RPE chart)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.ingest.logs.grammar import parse_sets
from liftlore.science.records import RecordKind
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow

START = datetime(2025, 1, 6, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def random_history(db: Database, seed: int, sessions: int = 25) -> None:
    """Sessions of two exercises, one of them per side, with warm-ups, drops, effort, assisted and body weight."""
    rng = random.Random(seed)
    for day in range(sessions):
        when = START + timedelta(days=2 * day)
        for exercise, sides in (("back squat", (Side.BOTH,)), ("bulgarian split squat", (Side.LEFT, Side.RIGHT))):
            sets = []
            for side in sides:
                sets.append(SetEntry(reps=5, weight_kg=40, set_type=SetType.WARM_UP, side=side))
                for _ in range(3):
                    sets.append(
                        SetEntry(
                            reps=rng.randint(1, 14),
                            weight_kg=rng.choice([None, -10.0, 60.0, 62.5, 65.0, 70.0, 72.5]),
                            set_type=rng.choice([SetType.NORMAL, SetType.NORMAL, SetType.DROP, SetType.FAILURE]),
                            side=side,
                            rpe=rng.choice([None, 7.0, 8.0, 8.5, 9.0, 10.0]),
                        )
                    )
            training.log_sets(db, exercise, sets, performed_at=when, new_workout=exercise == "back squat")


@pytest.mark.parametrize("method", [{}, {"e1rm-from-rpe": "yes"}, {"e1rm-formula": "wathan", "rep-cap": "8"}])
def test_the_overview_agrees_with_each_exercise_set_by_set(db: Database, method: dict[str, str]) -> None:
    for name, value in method.items():
        training_settings.change_setting(db, name, value)
    random_history(db, seed=len(method))
    overview = {summary.slug: summary for summary in training.strength_overview(db)}
    assert set(overview) == {"barbell-back-squat", "bulgarian-split-squat"}
    for slug, summary in overview.items():
        exact = training.personal_records(db, slug)
        held = {(r.kind, r.side): (r.value, r.workout_id) for r in exact.records if r.kind is not RecordKind.REPS}
        # The same numbers to the last bit: SQL multiplies the same factors Python does.
        assert {(b.kind, b.side): (b.value, b.workout_id) for b in summary.bests} == held
        points = {(p.workout_id, p.side): p.e1rm_kg for p in exact.e1rm}
        assert {(p.workout_id, p.side): p.e1rm_kg for p in summary.e1rm} == points
        assert [p.performed_on for p in summary.e1rm] == sorted(p.performed_on for p in summary.e1rm)


def test_records_of_a_unilateral_exercise_are_per_side(db: Database) -> None:
    training.log_sets(db, "bulgarian split squat", parse_sets("L 20kg x 10, R 17.5kg x 10"), performed_at=START)
    training.log_sets(
        db, "bulgarian split squat", parse_sets("L 20kg x 12, R 20kg x 8"), performed_at=START + timedelta(days=3)
    )
    strength = training.personal_records(db, "bulgarian-split-squat")
    heaviest = {r.side: r.value for r in strength.records if r.kind is RecordKind.HEAVIEST}
    assert heaviest == {Side.LEFT: 20, Side.RIGHT: 20}
    rep_prs = [(r.side, r.value, r.previous) for r in strength.history if r.kind is RecordKind.REPS]
    assert rep_prs == [(Side.LEFT, 12, 10)]  # 20 kg for the right side was new, not a rep PR


def test_e1rm_history_is_one_point_per_workout_and_side(db: Database) -> None:
    training.log_sets(db, "back squat", parse_sets("100kg x 5, 105kg x 3, 60kg x 15"), performed_at=START)
    training.log_sets(db, "back squat", parse_sets("102.5kg x 5"), performed_at=START + timedelta(days=2))
    history = training.e1rm_history(db, "barbell-back-squat")
    assert [(p.weight_kg, p.reps, round(p.e1rm_kg, 2)) for p in history.e1rm] == [(100, 5, 116.67), (102.5, 5, 119.58)]


def test_the_overview_lists_exercises_with_records_and_leaves_out_deleted_ones(db: Database) -> None:
    assert training.strength_overview(db) == []
    training.log_sets(db, "pull-up", parse_sets("bw x 10"), performed_at=START)  # no load: nothing to hold
    training.log_sets(db, "barbell bench press", parse_sets("80kg x 5"), performed_at=START)
    training.log_sets(db, "back squat", parse_sets("100kg x 5"), performed_at=START)
    assert [s.name for s in training.strength_overview(db)] == ["Barbell Back Squat", "Barbell Bench Press"]
    with db.session() as session:
        session.execute(delete(ExerciseRow).where(ExerciseRow.slug == "barbell-bench-press"))
    (summary,) = training.strength_overview(db)
    assert summary.slug == "barbell-back-squat"
    assert [(b.kind, b.value) for b in summary.bests] == [
        (RecordKind.HEAVIEST, 100),
        (RecordKind.E1RM, pytest.approx(116.67, abs=0.01)),
        (RecordKind.VOLUME, 500),
    ]
