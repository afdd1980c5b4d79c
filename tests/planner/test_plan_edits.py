"""Editing a plan and counting weeks, on a real database: a swap in a deload week keeps the exercises before it as
they were and makes the stand-in lighter too; alternatives respect the recovery floor; a break from training
restarts the count to the next deload; a programme moves on by days trained, not by workouts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from liftlore.domain.planning import Profile
from liftlore.domain.training import SetEntry
from liftlore.services import planner, programme_sessions, training
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import change_setting, training_settings
from liftlore.store.db import Database

NOW = datetime(2026, 11, 26, 18, tzinfo=UTC)
GYM = Profile("gym")


def _log(db: Database, slug: str, at: datetime, weight: float = 60.0) -> None:
    with db.session(write=True) as session:
        training.log_sets(session, slug, [SetEntry(reps=8, weight_kg=weight, rpe=8)] * 3, performed_at=at)
        training.finish_workout(session, ended_at=at + timedelta(minutes=20))


def test_a_swap_in_a_deload_week_makes_nothing_lighter_twice(db: Database) -> None:
    with db.session(write=True) as session:
        change_setting(session, "deload-every", "1")  # every week is a deload week
    _log(db, "barbell-bent-over-row", NOW - timedelta(days=2))
    with db.session() as session:
        plan = planner.make_plan(session, GYM, seed=5, now=NOW)
        assert any("deload" in note.lower() for note in plan.notes)
        last = plan.exercises[-2]  # not the first: the swap keeps what comes before it
        swapped = planner.swap(session, GYM, plan, last.slug, seed=5, now=NOW)
    before = {e.slug: e for e in plan.exercises}
    for item in swapped.exercises[: len(plan.exercises) - 2]:
        assert item == before[item.slug]  # kept exactly: not made lighter again
        assert item.dose_reason.count("Deload week") == 1
    stand_in = next(e for e in swapped.exercises if e.locked)
    assert stand_in.slug != last.slug
    assert stand_in.dose_reason.startswith("Deload week")


def test_alternatives_leave_out_exercises_for_muscles_still_recovering(db: Database) -> None:
    with db.session(write=True) as session:
        change_setting(session, "recovery-floor", "90")
    with db.session(write=True) as session:  # a hard arm session an hour ago: biceps and triceps far below 90 %
        for slug in ("barbell-curl", "triceps-pushdown"):
            training.log_sets(
                session, slug, [SetEntry(reps=10, weight_kg=30)] * 8, performed_at=NOW - timedelta(hours=1)
            )
    with db.session() as session:
        settings = training_settings(session)
        state = planner.state(session, settings, GYM, NOW)
        plan = planner.make_plan(session, GYM, seed=1, now=NOW)
        floor = planner.rules(settings).recovery_floor
        every = {c.slug: c for c in planner.choices(library_view(session))}
        for item in plan.exercises:
            for slug in planner.alternatives(session, GYM, plan, item.slug, person=state):
                low = [m for m in every[slug].muscles if state.recovery_pct.get(m, 100.0) < floor]
                assert not low, (item.slug, slug, low)


def test_a_break_from_training_restarts_the_count_to_the_next_deload(db: Database) -> None:
    with db.session(write=True) as session:
        change_setting(session, "deload-every", "4")
        change_setting(session, "timezone", "UTC")
    monday = datetime(2026, 9, 7, 18, tzinfo=UTC)
    for week in range(3):
        _log(db, "barbell-back-squat", monday + timedelta(weeks=week))
    with db.session() as session:
        settings = training_settings(session)
        # Without a break the fourth week would be the deload.
        assert planner.deload_week(session, settings, monday + timedelta(weeks=3)) is not None
        # After three weeks off, the first week back is week 1 of a new run, not a deload.
        back = monday + timedelta(weeks=6)
    _log(db, "barbell-back-squat", back)
    with db.session() as session:
        settings = training_settings(session)
        assert planner.training_week(session, settings, back + timedelta(days=1)) == 1
        assert planner.deload_week(session, settings, back + timedelta(weeks=3)) is not None
        assert planner.deload_week(session, settings, back + timedelta(weeks=1)) is None


def test_a_programme_moves_on_by_days_trained_not_by_workouts(db: Database) -> None:
    monday = date(2026, 11, 16)
    with db.session(write=True) as session:
        change_setting(session, "timezone", "UTC")
        programme_sessions.start(session, "full-body-3-day", monday)
    day = datetime(2026, 11, 16, 7, tzinfo=UTC)
    _log(db, "barbell-back-squat", day)
    _log(db, "plank", day + timedelta(hours=10), weight=0.0)  # a second workout the same day
    with db.session() as session:
        where = programme_sessions.position(session, datetime(2026, 11, 18, 18, tzinfo=UTC))
    assert where.day_index == 1  # one day trained: the second day is due, not the third
