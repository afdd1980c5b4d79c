"""Fixing mistakes: a set changed, moved or deleted, a workout renamed, by the ids people type; the records and
e1RM histories follow each change exactly as if the log had been written that way from the start."""

from __future__ import annotations

import contextlib
import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from liftlore.domain.log_grammar import parse_sets
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.science.records import RecordKind
from liftlore.services import log_edits, log_ids, training
from liftlore.store import strength_points
from liftlore.store.db import Database
from liftlore.store.tables import SetRow
from tests.training.test_strength_service import START, assert_overview_agrees, random_history


def overview(db: Database) -> dict[str, object]:
    return {s.slug: (s.bests, s.e1rm) for s in db.run(training.strength_overview)}


def rebuilt_overview(db: Database) -> dict[str, object]:
    """The overview recomputed from every set, as after a change of e1RM method."""
    db.run(strength_points.mark_stale)
    return overview(db)


def every_set(db: Database) -> list[uuid.UUID]:
    with db.session() as session:
        return sorted(session.scalars(select(SetRow.id)))


def test_a_short_id_finds_the_set_or_workout_and_an_ambiguous_one_lists_the_matches(db: Database) -> None:
    logged = db.run(training.log_sets, "back squat", parse_sets("100kg x 5, 100kg x 5"), performed_at=START)
    workout_id, first = logged.workout.id, logged.added[0].id
    assert workout_id is not None and first is not None
    assert db.run(log_ids.resolve_workout_id, str(workout_id)[:6]) == workout_id
    assert db.run(log_ids.resolve_workout_id, str(workout_id)[:8].upper()) == workout_id
    assert db.run(log_ids.resolve_set_id, str(first).replace("-", "")[:12]) == first
    assert db.run(training.get_workout, str(workout_id)[:8]).id == workout_id
    with pytest.raises(LiftloreError, match="at least its first 6"):
        db.run(log_ids.resolve_set_id, str(first)[:5])
    with pytest.raises(NotFoundError):
        db.run(log_ids.resolve_set_id, "ffffff" if not str(first).startswith("ffffff") else "000000")
    # Two ids that share their first characters: the prefix they share is refused, listing both.
    with db.session() as session:
        twin = uuid.UUID(str(first)[:10] + ("0" if str(first)[10] != "0" else "1") + str(first)[11:])
        session.execute(update(SetRow).where(SetRow.id == logged.added[1].id).values(id=twin))
    with pytest.raises(LiftloreError, match="several sets") as ambiguous:
        db.run(log_ids.resolve_set_id, str(first)[:8])
    assert str(first)[:13] in str(ambiguous.value) and str(twin)[:13] in str(ambiguous.value)


def test_an_edited_set_moves_the_records_and_a_deleted_one_gives_them_back(db: Database) -> None:
    first = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=START).added[0]
    later = db.run(
        training.log_sets, "back squat", parse_sets("120kg x 5"), performed_at=START + timedelta(days=3)
    ).added[0]
    heaviest = {r.kind: r.value for r in db.run(training.exercise_strength, "back squat").records}
    assert heaviest[RecordKind.HEAVIEST] == 120
    assert later.id is not None and first.id is not None
    edited = db.run(log_edits.edit_set, str(later.id)[:8], {"weight_kg": 102.5, "rpe": 8})
    assert edited.set.weight_kg == 102.5 and edited.set.rpe == 8 and edited.set.reps == 5
    assert {r.kind: r.value for r in db.run(training.exercise_strength, "back squat").records}[
        RecordKind.HEAVIEST
    ] == 102.5
    assert overview(db) == rebuilt_overview(db)
    db.run(log_edits.delete_set, later.id)
    records = db.run(training.exercise_strength, "back squat").records
    assert {r.kind: r.value for r in records}[RecordKind.HEAVIEST] == 100
    assert overview(db) == rebuilt_overview(db)


def test_an_edit_is_checked_like_a_new_set_and_changes_nothing_when_refused(db: Database) -> None:
    added = db.run(training.log_sets, "bulgarian split squat", parse_sets("L 20kg x 10"), performed_at=START).added[0]
    assert added.id is not None
    for changes, field in (
        ({"reps": -1}, "reps"),
        ({"side": "both"}, "side"),  # one side at a time
        ({"side": "middle"}, "side"),
        ({"set_type": "heavy"}, "set_type"),
        ({"colour": "red"}, "colour"),
        ({"rpe": 8, "rir": 2}, "rpe"),
    ):
        with pytest.raises(LiftloreError) as refused:
            db.run(log_edits.edit_set, added.id, changes)
        assert refused.value.field == field, changes
    assert db.run(training.get_workout).entries[0].sets == (added,)


def test_a_set_logged_under_the_wrong_exercise_moves_to_the_right_one(db: Database) -> None:
    logged = db.run(training.log_sets, "back squat", parse_sets("60kg x 8, 60kg x 8"), performed_at=START)
    db.run(training.log_sets, "front squat", parse_sets("50kg x 5"), performed_at=START + timedelta(minutes=20))
    wrong = logged.added[1]
    assert wrong.id is not None
    moved = db.run(log_edits.move_set, wrong.id, "front squat")
    assert moved.exercise_slug == "barbell-front-squat"
    assert moved.workout is not None
    entries = {entry.exercise_slug: [s.weight_kg for s in entry.sets] for entry in moved.workout.entries}
    assert entries == {"barbell-back-squat": [60], "barbell-front-squat": [50, 60]}
    # Moving the last set of an exercise takes the exercise out of the workout.
    last = logged.added[0]
    assert last.id is not None
    after = db.run(log_edits.move_set, last.id, "front squat").workout
    assert after is not None and [e.exercise_slug for e in after.entries] == ["barbell-front-squat"]
    with pytest.raises(LiftloreError, match="its side first"):
        db.run(log_edits.move_set, last.id, "bulgarian split squat")
    assert overview(db) == rebuilt_overview(db)


def test_undoing_the_set_that_started_a_workout_leaves_no_empty_workout(db: Database) -> None:
    added = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START).added[0]
    assert added.id is not None
    undone = db.run(log_edits.delete_set, added.id)
    assert undone.workout is None and db.run(training.workout_count) == 0
    # A named workout is kept, empty, until its owner deletes it.
    named = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START, name="Legs")
    assert named.added[0].id is not None
    assert db.run(log_edits.delete_set, named.added[0].id).workout is not None


def test_a_workout_is_renamed_by_its_short_id(db: Database) -> None:
    workout = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START).workout
    assert workout.id is not None
    assert db.run(log_edits.rename_workout, str(workout.id)[:7], "  Heavy legs ").name == "Heavy legs"
    assert db.run(log_edits.rename_workout, workout.id, "").name is None
    with pytest.raises(LiftloreError):
        db.run(log_edits.rename_workout, workout.id, "x" * 1000)


def test_logging_reports_the_records_the_new_sets_set(db: Database) -> None:
    first = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=START)
    assert {r.kind for r in first.records} >= {RecordKind.HEAVIEST, RecordKind.E1RM}
    assert all(r.previous is None for r in first.records)
    same = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=START + timedelta(days=2))
    assert same.records == ()
    heavier = db.run(training.log_sets, "back squat", parse_sets("105kg x 5"), performed_at=START + timedelta(days=4))
    beaten = {r.kind: (r.value, r.previous) for r in heavier.records}
    assert beaten[RecordKind.HEAVIEST] == (105, 100)


@pytest.mark.parametrize("seed", [1, 2])
def test_records_follow_any_mix_of_edits_as_a_recomputation_from_scratch(db: Database, seed: int) -> None:
    random_history(db, seed=seed, sessions=8)
    rng = random.Random(seed)
    for _ in range(25):
        target = rng.choice(every_set(db))
        action = rng.random()
        if action < 0.5:
            changes = {"weight_kg": rng.choice([None, 50.0, 80.0, 140.0]), "reps": rng.randint(1, 12)}
            db.run(log_edits.edit_set, target, changes)
        elif action < 0.8:
            db.run(log_edits.delete_set, target)
        else:
            # Refused when it is that exercise already, or a set without its side for a one-sided exercise.
            with contextlib.suppress(LiftloreError):
                db.run(log_edits.move_set, target, rng.choice(["back squat", "bulgarian split squat"]))
        assert overview(db) == rebuilt_overview(db)
    assert_overview_agrees(db)


def test_deleting_the_last_set_of_an_old_workout_keeps_the_workout(db: Database) -> None:
    old = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START)
    assert old.workout.id is not None and old.added[0].id is not None
    db.run(training.finish_workout, old.workout.id)
    emptied = db.run(log_edits.delete_set, old.added[0].id)
    assert emptied.workout is not None and emptied.workout.entries == ()
    assert db.run(training.workout_count) == 1


def test_finishing_a_finished_workout_is_refused_and_keeps_its_end(db: Database) -> None:
    workout = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START).workout
    assert workout.id is not None
    ended = db.run(training.finish_workout, workout.id, ended_at=START + timedelta(hours=1)).ended_at
    with pytest.raises(LiftloreError, match="already ended"):
        db.run(training.finish_workout, workout.id)
    assert db.run(training.get_workout, workout.id).ended_at == ended


def test_a_set_sent_late_from_a_phone_joins_the_workout_it_was_done_in(db: Database) -> None:
    """A set kept offline arrives after sets logged later: it joins their workout, whose start moves back."""
    later = db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=START + timedelta(minutes=10))
    earlier = db.run(training.log_sets, "back squat", parse_sets("50kg x 8"), performed_at=START)
    assert earlier.workout.id == later.workout.id
    assert earlier.workout.started_at == START
    after = db.run(training.log_sets, "back squat", parse_sets("70kg x 5"), performed_at=START + timedelta(minutes=20))
    assert after.workout.id == later.workout.id and db.run(training.workout_count) == 1
    assert overview(db) == rebuilt_overview(db)
