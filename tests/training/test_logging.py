"""Logging sets through the service, on a real database: workouts, sides, time zones, what was done last time,
and deleting an exercise without losing what was logged against it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select

from liftlore.domain.log_grammar import format_sets, parse_sets
from liftlore.domain.training import SetEntry, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.science.records import RecordKind
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow, SetRow

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN)


@pytest.fixture
def berlin(db: Database) -> Database:
    db.run(training_settings.change_setting, "timezone", "Europe/Berlin")
    return db


def test_sets_of_one_session_make_one_workout(berlin: Database) -> None:
    berlin.run(training.log_sets, "back squat", parse_sets("W 60kg x 5, 100kg x 5 x 3 @8"), performed_at=MORNING)
    later = MORNING + timedelta(minutes=20)
    berlin.run(training.log_sets, "single-leg hip thrust", parse_sets("L 40kg x 10, R 40kg x 8"), performed_at=later)
    workout = berlin.run(
        training.log_sets, "back squat", parse_sets("105kg x 3"), performed_at=later + timedelta(minutes=5)
    ).workout
    assert [entry.exercise_slug for entry in workout.entries] == ["barbell-back-squat", "single-leg-hip-thrust"]
    squat, thrust = workout.entries
    assert format_sets(squat.sets) == "W 60kg x 5, 100kg x 5 x 3 @8, 105kg x 3"
    assert [s.side for s in thrust.sets] == [Side.LEFT, Side.RIGHT]
    assert workout.started_at == MORNING
    assert workout.time_zone == "Europe/Berlin"
    assert workout.started_at.utcoffset() == timedelta(hours=2)  # summer time in Berlin


def test_a_long_break_or_a_finished_workout_starts_a_new_one(berlin: Database) -> None:
    first = berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING).workout
    after_lunch = berlin.run(
        training.log_sets,
        "back squat",
        parse_sets("100kg x 5"),
        performed_at=MORNING + training.SESSION_GAP + timedelta(minutes=1),
    ).workout
    assert after_lunch.id != first.id
    finished = berlin.run(training.finish_workout, after_lunch.id, ended_at=MORNING + timedelta(hours=3), name="Legs")
    assert finished.name == "Legs" and finished.ended_at is not None
    again = berlin.run(
        training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING + timedelta(hours=3, minutes=5)
    ).workout
    assert again.id not in (first.id, after_lunch.id)
    forced = berlin.run(
        training.log_sets,
        "back squat",
        parse_sets("100kg x 5"),
        performed_at=MORNING + timedelta(hours=3, minutes=6),
        new_workout=True,
    ).workout
    assert forced.id != again.id
    assert [w.id for w in berlin.run(training.list_workouts, limit=10)] == [
        forced.id,
        again.id,
        after_lunch.id,
        first.id,
    ]
    assert [w.id for w in berlin.run(training.list_workouts, limit=2, offset=1)] == [again.id, after_lunch.id]
    assert berlin.run(training.workout_count) == 4


def test_sets_can_be_added_to_a_chosen_workout(berlin: Database) -> None:
    first = berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING).workout
    berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING + timedelta(days=1))
    back = berlin.run(
        training.log_sets,
        "barbell bench press",
        parse_sets("80kg x 5"),
        performed_at=MORNING + timedelta(days=1),
        workout_id=first.id,
    ).workout
    assert back.id == first.id and len(back.entries) == 2


def test_a_unilateral_exercise_refuses_a_set_without_its_side(db: Database) -> None:
    with pytest.raises(LiftloreError) as caught:
        db.run(training.log_sets, "single-leg hip thrust", parse_sets("L 40kg x 10, 40kg x 8"), performed_at=MORNING)
    message = str(caught.value)
    assert "Single-Leg Hip Thrust is done one side at a time" in message
    assert '"L 40kg x 10, R 40kg x 10"' in message and '"each 40kg x 10"' in message
    assert db.run(training.list_workouts, limit=5) == []  # nothing half-written


def test_a_bilateral_exercise_takes_sets_without_sides_as_both(db: Database) -> None:
    workout = db.run(training.log_sets, "barbell-back-squat", parse_sets("100kg x 5"), performed_at=MORNING).workout
    assert workout.entries[0].sets[0].side is Side.BOTH


def test_names_resolve_like_imports_do(db: Database) -> None:
    assert db.run(training.resolve_exercise, "Leg Extension (Machine)").slug == "leg-extension"
    assert db.run(training.resolve_exercise, "Seated Row (Machine)").slug == "machine-row"
    with pytest.raises(NotFoundError) as caught:
        db.run(training.resolve_exercise, "underwater basket weaving")
    assert caught.value.suggestions is not None


def test_pounds_are_converted_at_the_edges(db: Database) -> None:
    db.run(training_settings.change_setting, "unit", "lb")
    assert db.run(training.unit_preference) is WeightUnit.LB
    workout = db.run(
        training.log_sets, "back squat", parse_sets("225 x 5", unit=WeightUnit.LB), performed_at=MORNING
    ).workout
    stored = workout.entries[0].sets[0].weight_kg
    assert stored == pytest.approx(to_kg(225, WeightUnit.LB))
    assert format_sets(workout.entries[0].sets, WeightUnit.LB) == "225lb x 5"


def test_previous_performance_leaves_out_the_workout_in_progress(berlin: Database) -> None:
    last_week = berlin.run(
        training.log_sets, "back squat", parse_sets("95kg x 5 x 3"), performed_at=MORNING - timedelta(days=7)
    ).workout
    today = berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING).workout
    assert berlin.run(training.previous_performance, "barbell-back-squat") is not None
    previous = berlin.run(training.previous_performance, "barbell-back-squat", exclude_workout_id=today.id)
    assert previous is not None and previous.workout_id == last_week.id
    assert format_sets(previous.sets) == "95kg x 5 x 3"
    assert previous.performed_on == MORNING - timedelta(days=7)
    assert berlin.run(training.previous_performance, "plank") is None
    history = berlin.run(training.exercise_history, "back squat", limit=5)
    assert [h.workout_id for h in history] == [today.id, last_week.id]


def test_deleting_an_exercise_keeps_the_sets_logged_against_it(db: Database) -> None:
    workout = db.run(training.log_sets, "barbell bench press", parse_sets("80kg x 5 x 2"), performed_at=MORNING).workout
    assert workout.id is not None
    with db.session() as session:
        session.execute(delete(ExerciseRow).where(ExerciseRow.slug == "barbell-bench-press"))
    kept = db.run(training.get_workout, workout.id)
    assert kept.entries[0].exercise_name == "Barbell Bench Press"
    assert kept.entries[0].exercise_slug is None
    assert format_sets(kept.entries[0].sets) == "80kg x 5 x 2"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SetRow)) == 2


def test_deleting_a_workout_deletes_its_sets(db: Database) -> None:
    workout = db.run(training.log_sets, "back squat", parse_sets("100kg x 5 x 3"), performed_at=MORNING).workout
    assert workout.id is not None
    db.run(training.delete_workout, workout.id)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    with pytest.raises(NotFoundError):
        db.run(training.get_workout, workout.id)


def test_workout_ids_and_missing_workouts(db: Database) -> None:
    with pytest.raises(LiftloreError, match="'nope' is not a workout id"):
        db.run(training.get_workout, "nope")
    with pytest.raises(NotFoundError, match="no workouts logged yet"):
        db.run(training.get_workout)
    with pytest.raises(NotFoundError, match="no workout in progress"):
        db.run(training.finish_workout)


def test_a_workout_cannot_be_finished_before_it_started(db: Database) -> None:
    logged = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING).workout
    with pytest.raises(LiftloreError, match="cannot end before it starts"):
        db.run(training.finish_workout, logged.id, ended_at=MORNING - timedelta(minutes=1))
    assert db.run(training.get_workout, logged.id).ended_at is None  # nothing written
    finished = db.run(training.finish_workout, logged.id, ended_at=MORNING + timedelta(hours=1))
    assert db.run(training.get_workout, logged.id) == finished
    with pytest.raises(LiftloreError, match="limit"):
        db.run(training.list_workouts, limit=0)


def test_list_workouts_counts_sets_and_working_volume(db: Database) -> None:
    db.run(training.log_sets, "back squat", parse_sets("W 60kg x 5, 100kg x 5 x 2"), performed_at=MORNING)
    (summary,) = db.run(training.list_workouts, limit=5)
    assert summary.exercises == ("Barbell Back Squat",)
    assert summary.set_count == 3
    assert summary.volume_kg == 1000  # warm-ups left out


def test_prs_are_detected_when_logged(db: Database) -> None:
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    workout = db.run(
        training.log_sets, "back squat", parse_sets("100kg x 6, 90kg x 3"), performed_at=MORNING + timedelta(days=2)
    ).workout
    new = {s.id for s in workout.entries[0].sets}
    records = [r for r in db.run(training.exercise_strength, "barbell-back-squat").history if r.set_id in new]
    assert sorted(r.kind for r in records) == sorted([RecordKind.E1RM, RecordKind.VOLUME, RecordKind.REPS])


def test_settings_are_checked_and_stored(db: Database) -> None:
    db.run(training_settings.change_setting, "e1rm-formula", "Brzycki")
    db.run(training_settings.change_setting, "rep-cap", "10")
    db.run(training_settings.change_setting, "plates", "20, 10x2, 5 kg")
    db.run(training_settings.change_setting, "bar", "15kg")
    settings = db.run(training_settings.training_settings)
    assert settings.e1rm.formula.value == "brzycki" and settings.e1rm.rep_cap == 10
    assert settings.plates == {20: None, 10: 2, 5: None} and settings.bar == 15
    for name, value, words in (
        ("unit", "stone", "not a weight unit"),
        ("timezone", "Mars/Olympus", "unknown time zone"),
        ("rep-cap", "40", "rep cap"),
        ("e1rm-formula", "guess", "unknown formula"),
        ("bar", "20", "give the unit too"),
        ("bar", "-20kg", "is not a weight"),
        ("plates", "25,20,10", "give the unit too"),
        ("colour", "red", "unknown setting"),
    ):
        with pytest.raises(LiftloreError, match=words):
            db.run(training_settings.change_setting, name, value)
    db.run(training_settings.change_setting, "rep-cap", None)
    assert "rep-cap" not in db.run(training_settings.stored_settings)


def test_a_bar_in_pounds_is_converted_to_the_plates_unit(db: Database) -> None:
    db.run(training_settings.change_setting, "plates", "25,20,10 kg")
    db.run(training_settings.change_setting, "bar", "45 lbs")
    assert db.run(training_settings.stored_settings)["bar"] == "45 lb"
    assert db.run(training_settings.training_settings).bar == pytest.approx(20.41, abs=0.01)  # 45 x 0.45359237


def test_effort_given_as_whole_numbers_is_taken(db: Database) -> None:
    """Callers of the service (the API, scripts) may pass ints: RPE 8 and RIR 2 are as good as 8.0 and 2.0."""
    logged = db.run(
        training.log_sets,
        "back squat",
        [SetEntry(reps=5, weight_kg=100, rpe=8), SetEntry(reps=5, weight_kg=100, rir=2)],
    ).workout
    assert [(s.rpe, s.rir) for s in logged.entries[0].sets] == [(8, None), (None, 2)]
    with pytest.raises(LiftloreError, match="RIR goes in halves"):
        SetEntry(reps=5, weight_kg=100, rir=1.2)
