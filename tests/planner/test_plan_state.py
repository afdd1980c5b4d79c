"""What the planner reads of a person's log (services.planner.state) agrees with the reports the person sees: the
same recovery per muscle as `liftlore stats recovery`, the same flag and weaker side as `liftlore stats symmetry`,
and the recent sets of each exercise, with a deload week's left out of the sets the load is read from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from liftlore.domain.planning import Profile
from liftlore.domain.training import SetEntry, Side
from liftlore.services import insight, planner, training
from liftlore.services.training_settings import change_setting, training_settings
from liftlore.store.db import Database

NOW = datetime(2026, 11, 26, 18, tzinfo=UTC)


def _log(db: Database, slug: str, sets: list[SetEntry], at: datetime) -> None:
    with db.session(write=True) as session:
        training.log_sets(session, slug, sets, performed_at=at, new_workout=True)


def test_the_state_agrees_with_the_recovery_and_symmetry_reports(db: Database) -> None:
    lagging = [SetEntry(reps=4, weight_kg=30, side=Side.LEFT), SetEntry(reps=10, weight_kg=30, side=Side.RIGHT)] * 3
    for days in (9, 7, 5, 3):
        _log(db, "bulgarian-split-squat", lagging, NOW - timedelta(days=days))
    _log(db, "barbell-back-squat", [SetEntry(reps=5, weight_kg=100, rpe=8)] * 4, NOW - timedelta(days=1))
    with db.session() as session:
        state = planner.state(session, training_settings(session), Profile("gym"), NOW)
        report = insight.recovery(session, NOW)
        symmetry = {e.slug: e for e in insight.symmetry(session).exercises}
    for muscle in report.muscles:
        assert abs(state.recovery_pct.get(muscle.slug, 100.0) - muscle.recovery_pct) < 1e-9, muscle.slug
    assert state.recovery_pct["quads"] < 100
    split = state.history["bulgarian-split-squat"]
    flagged = symmetry["bulgarian-split-squat"]
    assert split.flagged is flagged.flagged is True
    assert flagged.recommendation is not None and split.weaker is flagged.recommendation.weaker is Side.LEFT
    assert split.stronger_best == (30, 10)  # the right side's best set, for the "match" strategy
    squat = state.history["barbell-back-squat"]
    assert not squat.flagged and squat.weaker is None
    assert [s.weight_kg for s in squat.last_sets] == [100] * 4


def test_a_deload_weeks_sets_do_not_set_the_next_load(db: Database) -> None:
    with db.session(write=True) as session:
        change_setting(session, "deload-every", "2")
    monday = datetime(2026, 11, 9, 18, tzinfo=UTC)  # week 1 of training; week 2 (from the 16th) is a deload
    _log(db, "barbell-back-squat", [SetEntry(reps=5, weight_kg=100, rpe=8)] * 3, monday)
    _log(db, "barbell-back-squat", [SetEntry(reps=5, weight_kg=80, rpe=6)] * 2, monday + timedelta(days=8))
    with db.session() as session:
        state = planner.state(session, training_settings(session), Profile("gym"), NOW)
    squat = state.history["barbell-back-squat"]
    assert [s.weight_kg for s in squat.last_sets] == [80, 80]  # what was done last
    assert {s.weight_kg for s in squat.recent_sets} == {100}  # what the load is read from
