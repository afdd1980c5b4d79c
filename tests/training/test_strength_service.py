"""Records and e1RM histories from the database: one exercise set by set, and the overview of every exercise from
the strength points kept beside the sets, which must agree with it (including SQL's e1RM and Python's, by formula
and by the RPE chart) after every kind of write: logging, imports, deletes and a changed e1RM method."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select, update

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit
from liftlore.science.records import RecordKind
from liftlore.services import log_import, training, training_settings
from liftlore.store import strength_points
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, PersonSettingRow, SetRow, StrengthPointRow
from tests.conftest import SHARED, shared_file

START = datetime(2025, 1, 6, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
STRONG = SHARED / "datasets" / "logs" / "strong-sample.csv"
HEVY = SHARED / "datasets" / "logs" / "hevy-sample.csv"


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
            db.run(training.log_sets, exercise, sets, performed_at=when, new_workout=exercise == "back squat")


def assert_overview_agrees(db: Database) -> set[str]:
    """The overview says for every exercise what its sets, read one by one, say; returns the slugs it lists."""
    overview = {summary.slug: summary for summary in db.run(training.strength_overview)}
    for slug, summary in overview.items():
        exact = db.run(training.exercise_strength, slug)
        held = {(r.kind, r.side): (r.value, r.workout_id) for r in exact.records if r.kind is not RecordKind.REPS}
        # The same numbers to the last bit: SQL multiplies the same factors Python does.
        assert {(b.kind, b.side): (b.value, b.workout_id) for b in summary.bests} == held, slug
        points = {(p.workout_id, p.side): p.e1rm_kg for p in exact.e1rm}
        assert {(p.workout_id, p.side): p.e1rm_kg for p in summary.e1rm} == points, slug
        # The e1RM history read from the points names the same set (the first of equal estimates) as the sets say.
        from_points = db.run(training.e1rm_history, slug).e1rm
        assert from_points == exact.e1rm, slug
        assert db.run(training.e1rm_history, slug, last=3).e1rm == exact.e1rm[-3:], slug
        assert [p.performed_on for p in summary.e1rm] == sorted(p.performed_on for p in summary.e1rm)
    return set(overview)


@pytest.mark.parametrize("method", [{}, {"e1rm-from-rpe": "yes"}, {"e1rm-formula": "wathan", "rep-cap": "8"}])
def test_the_overview_agrees_with_each_exercise_set_by_set(db: Database, method: dict[str, str]) -> None:
    for name, value in method.items():
        db.run(training_settings.change_setting, name, value)
    random_history(db, seed=len(method))
    assert assert_overview_agrees(db) == {"barbell-back-squat", "bulgarian-split-squat"}


def test_changing_the_e1rm_method_after_logging_recomputes_the_overview(db: Database) -> None:
    random_history(db, seed=11)
    before = {s.slug: s.e1rm for s in db.run(training.strength_overview)}
    db.run(training_settings.change_setting, "e1rm-formula", "brzycki")
    db.run(training_settings.change_setting, "e1rm-from-rpe", "yes")
    after = {s.slug: s.e1rm for s in db.run(training.strength_overview)}
    assert after["barbell-back-squat"] != before["barbell-back-squat"]
    assert_overview_agrees(db)
    db.run(training_settings.change_setting, "e1rm-formula", None)  # back to the default
    db.run(training_settings.change_setting, "e1rm-from-rpe", None)
    assert {s.slug: s.e1rm for s in db.run(training.strength_overview)} == before


def test_sets_added_to_an_earlier_workout_and_deleted_workouts_move_the_overview(db: Database) -> None:
    first = db.run(
        training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=START, new_workout=True
    ).workout
    second = db.run(
        training.log_sets, "back squat", parse_sets("110kg x 3"), performed_at=START + timedelta(days=2)
    ).workout
    (summary,) = db.run(training.strength_overview)
    assert [(b.kind, b.value, b.workout_id) for b in summary.bests if b.kind is RecordKind.HEAVIEST] == [
        (RecordKind.HEAVIEST, 110, second.id)
    ]
    # A set typed in later for the first workout (say, forgotten on the day) counts for that day.
    db.run(training.log_sets, "back squat", parse_sets("115kg x 1"), workout_id=first.id)
    (summary,) = db.run(training.strength_overview)
    assert {(b.kind, b.value, b.workout_id) for b in summary.bests if b.kind is RecordKind.HEAVIEST} == {
        (RecordKind.HEAVIEST, 115, first.id)
    }
    assert first.id is not None and second.id is not None
    db.run(training.delete_workout, first.id)
    (summary,) = db.run(training.strength_overview)
    assert [p.workout_id for p in summary.e1rm] == [second.id]
    assert_overview_agrees(db)
    db.run(training.delete_workout, second.id)
    assert db.run(training.strength_overview) == []


def test_imported_logs_are_in_the_overview(db: Database) -> None:
    random_history(db, seed=5, sessions=4)
    assert len(db.run(training.strength_overview)) == 2  # the points are current before the imports
    db.run(log_import.import_log, "strong", shared_file(STRONG), unit=WeightUnit.KG, timezone="Europe/Berlin")
    db.run(log_import.import_log, "hevy", shared_file(HEVY), timezone="Europe/Berlin")
    listed = assert_overview_agrees(db)
    with db.session() as session:
        loaded = set(
            session.scalars(
                select(ExerciseRow.slug)
                .join(ExerciseEntryRow, ExerciseEntryRow.exercise_id == ExerciseRow.id)
                .join(SetRow, SetRow.entry_id == ExerciseEntryRow.id)
                .where(SetRow.weight_kg != 0, SetRow.reps > 0, SetRow.set_type != SetType.WARM_UP.value)
            )
        )
    assert listed == loaded and len(listed) > 10


def test_points_missing_or_computed_another_way_are_rebuilt_by_the_next_overview(db: Database) -> None:
    """As in a database migrated from before the points existed, or a backup restored with other settings."""
    random_history(db, seed=3, sessions=6)
    before = db.run(training.strength_overview)
    with db.session() as session:
        session.execute(delete(StrengthPointRow))
        session.execute(
            update(PersonSettingRow).where(PersonSettingRow.key == strength_points.METHOD_KEY).values(value="stale")
        )
    assert db.run(training.strength_overview) == before
    with db.session() as session:
        session.execute(update(StrengthPointRow).values(e1rm_kg=1.0))
        session.execute(
            update(PersonSettingRow).where(PersonSettingRow.key == strength_points.METHOD_KEY).values(value="v0")
        )
    assert db.run(training.strength_overview) == before


def test_records_of_a_unilateral_exercise_are_per_side(db: Database) -> None:
    db.run(training.log_sets, "bulgarian split squat", parse_sets("L 20kg x 10, R 17.5kg x 10"), performed_at=START)
    db.run(
        training.log_sets,
        "bulgarian split squat",
        parse_sets("L 20kg x 12, R 20kg x 8"),
        performed_at=START + timedelta(days=3),
    )
    strength = db.run(training.exercise_strength, "bulgarian-split-squat")
    heaviest = {r.side: r.value for r in strength.records if r.kind is RecordKind.HEAVIEST}
    assert heaviest == {Side.LEFT: 20, Side.RIGHT: 20}
    rep_prs = [(r.side, r.value, r.previous) for r in strength.history if r.kind is RecordKind.REPS]
    assert rep_prs == [(Side.LEFT, 12, 10)]  # 20 kg for the right side was new, not a rep PR


def test_e1rm_history_is_one_point_per_workout_and_side(db: Database) -> None:
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5, 105kg x 3, 60kg x 15"), performed_at=START)
    db.run(training.log_sets, "back squat", parse_sets("102.5kg x 5"), performed_at=START + timedelta(days=2))
    history = db.run(training.exercise_strength, "barbell-back-squat")
    assert [(p.weight_kg, p.reps, round(p.e1rm_kg, 2)) for p in history.e1rm] == [(100, 5, 116.67), (102.5, 5, 119.58)]


def test_the_overview_lists_exercises_with_records_and_leaves_out_deleted_ones(db: Database) -> None:
    assert db.run(training.strength_overview) == []
    db.run(training.log_sets, "pull-up", parse_sets("bw x 10"), performed_at=START)  # no load: nothing to hold
    db.run(training.log_sets, "barbell bench press", parse_sets("80kg x 5"), performed_at=START)
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=START)
    assert [s.name for s in db.run(training.strength_overview)] == ["Barbell Back Squat", "Barbell Bench Press"]
    with db.session() as session:
        session.execute(delete(ExerciseRow).where(ExerciseRow.slug == "barbell-bench-press"))
    (summary,) = db.run(training.strength_overview)
    assert summary.slug == "barbell-back-squat"
    assert [(b.kind, b.value) for b in summary.bests] == [
        (RecordKind.HEAVIEST, 100),
        (RecordKind.E1RM, pytest.approx(116.67, abs=0.01)),
        (RecordKind.VOLUME, 500),
    ]


def test_a_side_logged_after_history_without_sides_is_not_told_it_is_the_first(db: Database) -> None:
    """Sets of a one-sided exercise imported with no side (Strong and Hevy log none) are the marks the first left
    and right sets must beat, in the records, the log's answer and the overview alike."""
    unsided = [SetEntry(reps=10, weight_kg=weight, side=Side.BOTH) for weight in (30.0, 40.0)]
    db.run(training.log_sets, "bulgarian split squat", unsided, performed_at=START, new_workout=True)
    lighter = db.run(
        training.log_sets, "bulgarian split squat", parse_sets("L 35kg x 10"), performed_at=START + timedelta(days=2)
    )
    assert lighter.records == ()
    heavier = db.run(
        training.log_sets, "bulgarian split squat", parse_sets("R 45kg x 10"), performed_at=START + timedelta(days=4)
    )
    assert {(r.kind, r.side, r.previous) for r in heavier.records if r.kind is RecordKind.HEAVIEST} == {
        (RecordKind.HEAVIEST, Side.RIGHT, 40)
    }
    assert_overview_agrees(db)


def test_the_history_counts_the_records_each_workout_broke(db: Database) -> None:
    days = [
        db.run(training.log_sets, "back squat", parse_sets(sets), performed_at=START + timedelta(days=2 * day)).workout
        for day, sets in enumerate(("100kg x 5", "100kg x 5", "105kg x 5", "90kg x 12"))
    ]
    ids = [workout.id for workout in days if workout.id is not None]
    found = db.run(training.workout_records, ids)
    broken = [sorted(record.kind.value for record in found[workout_id]) for workout_id in ids]
    # The first day sets the first marks (nothing beaten), a repeat beats nothing, then weight and e1RM and volume,
    # then only volume (90 x 12 = 1080 > 525) and e1RM.
    assert broken == [[], [], ["best-e1rm", "best-set-volume", "heaviest-weight"], ["best-e1rm", "best-set-volume"]]
    assert found[ids[2]][0].previous == 100
