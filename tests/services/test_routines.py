"""Routines (saved, read, replaced only when asked, deleted, a person's own), the last workout repeated as a
routine, programme enrolment and the plan a person started."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from liftlore.domain.exercise import Exercise
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Viewer
from liftlore.domain.training import Side
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import accounts, routines, training
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import PlanExerciseOut, PlanOut
from liftlore.store.db import Database

PASSWORD = "correct horse battery"
WHEN = datetime(2025, 9, 15, 7, 48, tzinfo=ZoneInfo("Europe/Berlin"))


def by_hand(slug: str, sets: int = 3, reps: int = 8) -> PlanExerciseOut:
    return PlanExerciseOut(
        slug=slug,
        name=slug,
        sets=sets,
        reps=reps,
        rep_range=(reps, reps),
        load_kg=None,
        rest_s=90,
        sides=[Side.BOTH],
        reason="Written by hand.",
        dose_reason="My choice.",
        load_reason="Body weight.",
        minutes=6.0,
    )


def exercise(db: Database, slug: str) -> Exercise:
    return db.run(lambda session: library_view(session).exercises[slug])


def test_a_routine_is_saved_read_replaced_on_request_and_deleted(db: Database) -> None:
    saved = db.run(routines.save_routine, "Legs", [by_hand("bodyweight-squat"), by_hand("glute-bridge")], "hand")
    assert db.run(routines.routine, "legs") == saved
    assert db.run(routines.routine, saved.id.hex[:8]) == saved  # an id prefix finds it too
    assert db.run(routines.routine, str(saved.id)) == saved
    assert [r.name for r in db.run(routines.routines)] == ["Legs"]
    assert [e.slug for e in saved.exercises] == ["bodyweight-squat", "glute-bridge"]

    with pytest.raises(LiftloreError) as refused:
        db.run(routines.save_routine, "LEGS", [by_hand("bodyweight-squat", sets=5)], "plan")
    assert refused.value.field == "name" and "--replace" in refused.value.message
    assert db.run(routines.routine, "legs") == saved

    replaced = db.run(routines.save_routine, "LEGS", [by_hand("bodyweight-squat", sets=5)], "plan", replace=True)
    assert (replaced.id, replaced.created_at) == (saved.id, saved.created_at)  # the same routine, changed
    assert (replaced.name, replaced.origin, replaced.exercises[0].sets) == ("LEGS", "plan", 5)
    assert db.run(routines.routine, "legs") == replaced

    db.run(routines.delete_routine, "legs")
    assert db.run(routines.routines) == []
    with pytest.raises(NotFoundError):
        db.run(routines.routine, "legs")


def test_a_wrong_routine_is_refused_naming_its_field(db: Database) -> None:
    cases = [
        (("legs", [by_hand("bodyweight-squatt")], "hand"), "exercises"),
        (("legs", [], "hand"), "exercises"),
        (("legs", [by_hand("bodyweight-squat")], "dream"), "origin"),
        (("", [by_hand("bodyweight-squat")], "hand"), "name"),
        (("x" * 41, [by_hand("bodyweight-squat")], "hand"), "name"),
    ]
    for (name, exercises, origin), field in cases:
        with pytest.raises(LiftloreError) as refused:
            db.run(routines.save_routine, name, exercises, origin)
        assert refused.value.field == field, refused.value
    with pytest.raises(LiftloreError) as unknown:
        db.run(routines.save_routine, "legs", [by_hand("bodyweight-squatt")], "hand")
    assert "bodyweight-squat" in unknown.value.message  # the close name is offered
    assert db.run(routines.routines) == []


def test_an_unknown_routine_suggests_close_names(db: Database) -> None:
    db.run(routines.save_routine, "Push day", [by_hand("push-up")], "hand")
    with pytest.raises(NotFoundError) as missing:
        db.run(routines.delete_routine, "push dya")
    assert missing.value.suggestions == ["Push day"]


def test_the_last_workout_becomes_a_routine(db: Database) -> None:
    db.run(
        training.log_sets,
        "back squat",
        parse_sets("w 60kg x 5, 100kg x 5 @8, 100kg x 5, 97.5kg x 6"),
        performed_at=WHEN,
    )
    # Right first, and one set more on the right.
    db.run(
        training.log_sets,
        "bulgarian split squat",
        parse_sets("R 20kg x 8, L 20kg x 8, R 20kg x 8, L 20kg x 7, R 22kg x 6"),
        performed_at=WHEN + timedelta(minutes=20),
    )
    db.run(training.log_sets, "plank", parse_sets("45s x 2"), performed_at=WHEN + timedelta(minutes=35))
    squat_slug = db.run(training.resolve_exercise, "back squat").slug
    squat, split, plank = (exercise(db, slug) for slug in (squat_slug, "bulgarian-split-squat", "plank"))

    repeated = db.run(routines.last_workout_routine)
    assert [e.slug for e in repeated] == [squat.slug, split.slug, plank.slug]
    first, second, third = repeated
    assert (first.sets, first.reps, first.load_kg, first.rpe, first.sides) == (3, 5, 100.0, 8.0, [Side.BOTH])
    assert (second.sets, second.reps, second.load_kg, second.sides) == (2, 8, 20.0, [Side.RIGHT, Side.LEFT])
    assert second.extra_sets == {Side.RIGHT: 1}
    assert (third.unit, third.reps, third.sets, third.load_kg) == ("seconds", 45, 2, None)
    for item, source in zip(repeated, (squat, split, plank), strict=True):
        assert source.planner is not None
        assert item.rest_s == source.planner.rest_seconds
        assert item.reason.startswith("Repeated from your workout of 2025-09-15: ")
        assert item.dose_reason.startswith("Last time's dose") and item.load_reason.startswith("Last time's load")
        assert item.minutes > 0
    assert "3 working sets of 5 reps" in first.dose_reason  # the warm-up is not counted: it leads in instead
    assert [(r.weight_kg, r.reps) for r in first.ramp_up] == [(60.0, 5)] and second.ramp_up == []
    assert "right first" in second.dose_reason and "1 more on the right" in second.dose_reason
    assert "100 kg" in first.load_reason and "body weight" in third.load_reason

    kept = db.run(routines.save_routine, "Monday again", repeated, "workout")
    assert db.run(routines.routine, "monday again").exercises == repeated == kept.exercises


def test_repeating_needs_a_logged_workout(db: Database) -> None:
    with pytest.raises(LiftloreError) as refused:
        db.run(routines.last_workout_routine)
    assert refused.value.field == "routine" and refused.value.message == "no workout logged yet"


def test_two_people_never_see_each_others_routines_or_workouts(db: Database) -> None:
    anna = Viewer(db.run(accounts.create_account, "Anna", PASSWORD))
    bob = Viewer(db.run(accounts.create_account, "Bob", PASSWORD))
    db.run_as(anna, training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    legs = db.run_as(anna, routines.save_routine, "legs", db.run_as(anna, routines.last_workout_routine), "workout")
    assert db.run_as(bob, routines.routines) == []
    for lookup in ("legs", legs.id.hex):
        with pytest.raises(NotFoundError):
            db.run_as(bob, routines.routine, lookup)
        with pytest.raises(NotFoundError):
            db.run_as(bob, routines.delete_routine, lookup)
    with pytest.raises(LiftloreError, match="no workout logged yet"):
        db.run_as(bob, routines.last_workout_routine)
    db.run_as(bob, routines.save_routine, "legs", [by_hand("bodyweight-squat")], "hand")  # his own "legs"
    assert db.run_as(anna, routines.routine, "legs") == legs


def test_enrolling_replaces_the_programme_followed_before(db: Database) -> None:
    db.run(accounts.create_account, "Anna", PASSWORD)  # adopts the local person, whose unit of work db.run opens
    assert db.run(routines.enrolment) is None
    db.run(routines.enrol, "three-day-full-body", date(2026, 1, 5))
    db.run(routines.enrol, "upper-lower", date(2026, 3, 2))
    assert db.run(routines.enrolment) == ("upper-lower", date(2026, 3, 2))
    bob = Viewer(db.run(accounts.create_account, "Bob", PASSWORD))
    assert db.run_as(bob, routines.enrolment) is None
    with pytest.raises(NotFoundError):
        db.run_as(bob, routines.leave_programme)
    db.run(routines.leave_programme)
    assert db.run(routines.enrolment) is None


def plan(minutes: int, repeated: list[PlanExerciseOut]) -> PlanOut:
    return PlanOut(minutes=minutes, estimated_minutes=minutes - 1, seed=7, warm_up=[], exercises=repeated, cool_down=[])


def test_the_latest_plan_started_since_a_time_is_found(db: Database) -> None:
    db.run(accounts.create_account, "Anna", PASSWORD)  # adopts the local person, whose unit of work db.run opens
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert db.run(routines.started_plan, before) is None
    db.run(routines.start_plan, plan(45, [by_hand("push-up")]))
    second = plan(30, [by_hand("bodyweight-squat")])
    db.run(routines.start_plan, second)
    assert db.run(routines.started_plan, before) == second
    assert db.run(routines.started_plan, datetime.now(UTC) + timedelta(seconds=1)) is None
    bob = Viewer(db.run(accounts.create_account, "Bob", PASSWORD))
    assert db.run_as(bob, routines.started_plan, before) is None
