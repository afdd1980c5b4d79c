"""Logging sets through the service, on a real database: workouts, sides, time zones, what was done last time,
and deleting an exercise without losing what was logged against it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, select

from liftlore.domain.training import SetEntry, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.ingest.logs.grammar import format_sets, parse_sets
from liftlore.science.records import RecordKind
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow, SetRow

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = datetime(2025, 9, 15, 7, 48, tzinfo=BERLIN)


@pytest.fixture
def berlin(db: Database) -> Database:
    training_settings.change_setting(db, "timezone", "Europe/Berlin")
    return db


def test_sets_of_one_session_make_one_workout(berlin: Database) -> None:
    training.log_sets(berlin, "back squat", parse_sets("W 60kg x 5, 100kg x 5 x 3 @8"), performed_at=MORNING)
    later = MORNING + timedelta(minutes=20)
    training.log_sets(berlin, "single-leg hip thrust", parse_sets("L 40kg x 10, R 40kg x 8"), performed_at=later)
    workout = training.log_sets(
        berlin, "back squat", parse_sets("105kg x 3"), performed_at=later + timedelta(minutes=5)
    )
    assert [entry.exercise_slug for entry in workout.entries] == ["barbell-back-squat", "single-leg-hip-thrust"]
    squat, thrust = workout.entries
    assert format_sets(squat.sets) == "W 60kg x 5, 100kg x 5 x 3 @8, 105kg x 3"
    assert [s.side for s in thrust.sets] == [Side.LEFT, Side.RIGHT]
    assert workout.started_at == MORNING
    assert workout.time_zone == "Europe/Berlin"
    assert workout.started_at.utcoffset() == timedelta(hours=2)  # summer time in Berlin


def test_a_long_break_or_a_finished_workout_starts_a_new_one(berlin: Database) -> None:
    first = training.log_sets(berlin, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    after_lunch = training.log_sets(
        berlin,
        "back squat",
        parse_sets("100kg x 5"),
        performed_at=MORNING + training.SESSION_GAP + timedelta(minutes=1),
    )
    assert after_lunch.id != first.id
    finished = training.finish_workout(berlin, after_lunch.id, ended_at=MORNING + timedelta(hours=3), name="Legs")
    assert finished.name == "Legs" and finished.ended_at is not None
    again = training.log_sets(
        berlin, "back squat", parse_sets("100kg x 5"), performed_at=MORNING + timedelta(hours=3, minutes=5)
    )
    assert again.id not in (first.id, after_lunch.id)
    forced = training.log_sets(
        berlin,
        "back squat",
        parse_sets("100kg x 5"),
        performed_at=MORNING + timedelta(hours=3, minutes=6),
        new_workout=True,
    )
    assert forced.id != again.id
    assert [w.id for w in training.list_workouts(berlin, limit=10)] == [forced.id, again.id, after_lunch.id, first.id]
    assert [w.id for w in training.list_workouts(berlin, limit=2, offset=1)] == [again.id, after_lunch.id]
    assert training.workout_count(berlin) == 4


def test_sets_can_be_added_to_a_chosen_workout(berlin: Database) -> None:
    first = training.log_sets(berlin, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    training.log_sets(berlin, "back squat", parse_sets("100kg x 5"), performed_at=MORNING + timedelta(days=1))
    back = training.log_sets(
        berlin,
        "barbell bench press",
        parse_sets("80kg x 5"),
        performed_at=MORNING + timedelta(days=1),
        workout_id=first.id,
    )
    assert back.id == first.id and len(back.entries) == 2


def test_a_unilateral_exercise_refuses_a_set_without_its_side(db: Database) -> None:
    with pytest.raises(LiftloreError) as caught:
        training.log_sets(db, "single-leg hip thrust", parse_sets("L 40kg x 10, 40kg x 8"), performed_at=MORNING)
    message = str(caught.value)
    assert "Single-Leg Hip Thrust is done one side at a time" in message
    assert '"L 40kg x 10, R 40kg x 10"' in message and '"each 40kg x 10"' in message
    assert training.list_workouts(db, limit=5) == []  # nothing half-written


def test_a_bilateral_exercise_takes_sets_without_sides_as_both(db: Database) -> None:
    workout = training.log_sets(db, "barbell-back-squat", parse_sets("100kg x 5"), performed_at=MORNING)
    assert workout.entries[0].sets[0].side is Side.BOTH


def test_names_resolve_like_imports_do(db: Database) -> None:
    assert training.resolve_exercise(db, "Leg Extension (Machine)").slug == "leg-extension"
    assert training.resolve_exercise(db, "Seated Row (Machine)").slug == "machine-row"
    with pytest.raises(NotFoundError) as caught:
        training.resolve_exercise(db, "underwater basket weaving")
    assert caught.value.suggestions is not None


def test_pounds_are_converted_at_the_edges(db: Database) -> None:
    training_settings.change_setting(db, "unit", "lb")
    assert training.unit_preference(db) is WeightUnit.LB
    workout = training.log_sets(db, "back squat", parse_sets("225 x 5", unit=WeightUnit.LB), performed_at=MORNING)
    stored = workout.entries[0].sets[0].weight_kg
    assert stored == pytest.approx(to_kg(225, WeightUnit.LB))
    assert format_sets(workout.entries[0].sets, WeightUnit.LB) == "225lb x 5"


def test_previous_performance_leaves_out_the_workout_in_progress(berlin: Database) -> None:
    last_week = training.log_sets(
        berlin, "back squat", parse_sets("95kg x 5 x 3"), performed_at=MORNING - timedelta(days=7)
    )
    today = training.log_sets(berlin, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    assert training.previous_performance(berlin, "barbell-back-squat") is not None
    previous = training.previous_performance(berlin, "barbell-back-squat", exclude_workout_id=today.id)
    assert previous is not None and previous.workout_id == last_week.id
    assert format_sets(previous.sets) == "95kg x 5 x 3"
    assert previous.performed_on == MORNING - timedelta(days=7)
    assert training.previous_performance(berlin, "plank") is None
    history = training.exercise_history(berlin, "back squat", limit=5)
    assert [h.workout_id for h in history] == [today.id, last_week.id]


def test_deleting_an_exercise_keeps_the_sets_logged_against_it(db: Database) -> None:
    workout = training.log_sets(db, "barbell bench press", parse_sets("80kg x 5 x 2"), performed_at=MORNING)
    assert workout.id is not None
    with db.session() as session:
        session.execute(delete(ExerciseRow).where(ExerciseRow.slug == "barbell-bench-press"))
    kept = training.get_workout(db, workout.id)
    assert kept.entries[0].exercise_name == "Barbell Bench Press"
    assert kept.entries[0].exercise_slug is None
    assert format_sets(kept.entries[0].sets) == "80kg x 5 x 2"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SetRow)) == 2


def test_deleting_a_workout_deletes_its_sets(db: Database) -> None:
    workout = training.log_sets(db, "back squat", parse_sets("100kg x 5 x 3"), performed_at=MORNING)
    assert workout.id is not None
    training.delete_workout(db, workout.id)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SetRow)) == 0
    with pytest.raises(NotFoundError):
        training.get_workout(db, workout.id)


def test_workout_ids_and_missing_workouts(db: Database) -> None:
    with pytest.raises(LiftloreError, match="'nope' is not a workout id"):
        training.get_workout(db, "nope")
    with pytest.raises(NotFoundError, match="no workouts logged yet"):
        training.get_workout(db)
    with pytest.raises(NotFoundError, match="no workout in progress"):
        training.finish_workout(db)


def test_a_workout_cannot_be_finished_before_it_started(db: Database) -> None:
    logged = training.log_sets(db, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    with pytest.raises(LiftloreError, match="cannot end before it starts"):
        training.finish_workout(db, logged.id, ended_at=MORNING - timedelta(minutes=1))
    assert training.get_workout(db, logged.id).ended_at is None  # nothing written
    finished = training.finish_workout(db, logged.id, ended_at=MORNING + timedelta(hours=1))
    assert training.get_workout(db, logged.id) == finished
    with pytest.raises(LiftloreError, match="limit"):
        training.list_workouts(db, limit=0)


def test_list_workouts_counts_sets_and_working_volume(db: Database) -> None:
    training.log_sets(db, "back squat", parse_sets("W 60kg x 5, 100kg x 5 x 2"), performed_at=MORNING)
    (summary,) = training.list_workouts(db, limit=5)
    assert summary.exercises == ("Barbell Back Squat",)
    assert summary.set_count == 3
    assert summary.volume_kg == 1000  # warm-ups left out


def test_prs_are_detected_when_logged(db: Database) -> None:
    training.log_sets(db, "back squat", parse_sets("100kg x 5"), performed_at=MORNING)
    workout = training.log_sets(
        db, "back squat", parse_sets("100kg x 6, 90kg x 3"), performed_at=MORNING + timedelta(days=2)
    )
    new = {s.id for s in workout.entries[0].sets}
    records = [r for r in training.exercise_strength(db, "barbell-back-squat").history if r.set_id in new]
    assert sorted(r.kind for r in records) == sorted([RecordKind.E1RM, RecordKind.VOLUME, RecordKind.REPS])


def test_settings_are_checked_and_stored(db: Database) -> None:
    training_settings.change_setting(db, "e1rm-formula", "Brzycki")
    training_settings.change_setting(db, "rep-cap", "10")
    training_settings.change_setting(db, "plates", "20, 10x2, 5 kg")
    training_settings.change_setting(db, "bar", "15kg")
    settings = training_settings.training_settings(db)
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
            training_settings.change_setting(db, name, value)
    training_settings.change_setting(db, "rep-cap", None)
    assert "rep-cap" not in training_settings.stored_settings(db)


def test_a_bar_in_pounds_is_converted_to_the_plates_unit(db: Database) -> None:
    training_settings.change_setting(db, "plates", "25,20,10 kg")
    training_settings.change_setting(db, "bar", "45 lbs")
    assert training_settings.stored_settings(db)["bar"] == "45 lb"
    assert training_settings.training_settings(db).bar == pytest.approx(20.41, abs=0.01)  # 45 x 0.45359237


def test_effort_given_as_whole_numbers_is_taken(db: Database) -> None:
    """Callers of the service (the API, scripts) may pass ints: RPE 8 and RIR 2 are as good as 8.0 and 2.0."""
    logged = training.log_sets(
        db, "back squat", [SetEntry(reps=5, weight_kg=100, rpe=8), SetEntry(reps=5, weight_kg=100, rir=2)]
    )
    assert [(s.rpe, s.rir) for s in logged.entries[0].sets] == [(8, None), (None, 2)]
    with pytest.raises(LiftloreError, match="RIR goes in halves"):
        SetEntry(reps=5, weight_kg=100, rir=1.2)
