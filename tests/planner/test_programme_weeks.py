"""Following a bundled programme for weeks, logged as prescribed by the simulated lifter of test_eight_weeks, on a
real database: the days come in order, the targets follow the programme's rules from the last session, and the
planned deload comes when the programme says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from liftlore.domain.planning import Profile
from liftlore.domain.training import SetEntry
from liftlore.services import planner, programme_sessions, training
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import change_setting
from liftlore.shapes.planning import PlanExerciseOut, PlanOut
from liftlore.store.db import Database
from tests.conftest import Backend
from tests.planner.test_eight_weeks import BERLIN, Lifter

START = date(2026, 9, 7)  # a Monday
DAYS = (0, 1, 3, 4)


def _follow(db: Database, slug: str, weeks: int) -> list[tuple[int, PlanOut, dict[str, list[SetEntry]]]]:
    """Start the programme and do its next session four days a week; each session with what was done."""
    with db.session(write=True) as session:
        change_setting(session, "timezone", "Europe/Berlin")
        programme_sessions.start(session, slug, START)
        choices = planner.choices(library_view(session))
    lifter = Lifter(unilateral={c.slug for c in choices if c.unilateral}, loaded={c.slug for c in choices if c.loaded})
    done = []
    for week in range(weeks):
        for day in DAYS:
            at = datetime.combine(START + timedelta(weeks=week, days=day), datetime.min.time(), BERLIN)
            at += timedelta(hours=18)
            with db.session(write=True) as session:
                plan = programme_sessions.next_session(session, Profile("gym"), now=at)
                performed: dict[str, list[SetEntry]] = {}
                minute = 0
                for item in plan.exercises:
                    performed[item.slug] = [e for side in item.sides for e in lifter.perform(item, side)]
                    for entry in performed[item.slug]:
                        minute += 2
                        training.log_sets(session, item.slug, [entry], performed_at=at + timedelta(minutes=minute))
                training.finish_workout(session, ended_at=at + timedelta(minutes=minute + 1))
            done.append((week + 1, plan, performed))
    return done


@pytest.fixture(scope="module")
def wave(backend: Backend) -> Iterator[list[tuple[int, PlanOut, dict[str, list[SetEntry]]]]]:
    db = backend.fresh(with_catalog=True)
    yield _follow(db, "strength-wave-4-day", 5)
    backend.release(db)


@pytest.fixture(scope="module")
def upper_lower(backend: Backend) -> Iterator[list[tuple[int, PlanOut, dict[str, list[SetEntry]]]]]:
    db = backend.fresh(with_catalog=True)
    yield _follow(db, "upper-lower-4-day", 6)
    backend.release(db)


def _item(plan: PlanOut, slug: str) -> PlanExerciseOut | None:
    return next((item for item in plan.exercises if item.slug == slug), None)


def test_the_days_come_in_order_one_per_workout(wave: list[tuple[int, PlanOut, dict[str, list[SetEntry]]]]) -> None:
    firsts = [plan.exercises[0].slug for _, plan, _ in wave]
    assert firsts[:4] == ["overhead-press", "barbell-deadlift", "barbell-bench-press", "barbell-back-squat"]
    assert firsts[4:8] == firsts[:4]
    assert all(f"week {week}" in plan.notes[0] for week, plan, _ in wave)


def test_the_wave_climbs_then_deloads_then_starts_again(
    wave: list[tuple[int, PlanOut, dict[str, list[SetEntry]]]],
) -> None:
    bench = [(week, _item(plan, "barbell-bench-press")) for week, plan, _ in wave]
    loads = {week: item.load_kg for week, item in bench if item is not None}
    reps = {week: item.reps for week, item in bench if item is not None}
    # Week 1 has no training max yet (the session finds it); weeks 2 and 3 climb with fewer reps.
    assert loads[1] is None
    assert reps[2] == 3 and reps[3] == 1
    assert loads[2] is not None and loads[3] is not None and loads[3] >= loads[2]
    reasons = {week: item.load_reason for week, item in bench if item is not None}
    assert "90 %" in reasons[2] and "95 %" in reasons[3], reasons
    # Week 4 is the planned deload: fewer sets, a lighter load, capped effort.
    deload = next(item for week, item in bench if week == 4 and item is not None)
    assert "deload" in deload.load_reason.lower()
    assert deload.sets < 3
    assert deload.load_kg is not None and deload.load_kg < loads[3]
    assert deload.rpe is not None and deload.rpe <= 6
    # Week 5 starts the wave again at its first week's five reps.
    assert reps[5] == 5
    assert "deload" not in (next(item for week, item in bench if week == 5 and item) or deload).load_reason.lower()


def test_double_progression_adds_load_only_after_the_top_of_the_range(
    upper_lower: list[tuple[int, PlanOut, dict[str, list[SetEntry]]]],
) -> None:
    seen = 0
    by_slug: dict[str, list[tuple[int, PlanExerciseOut, list[SetEntry]]]] = {}
    for week, plan, performed in upper_lower:
        for item in plan.exercises:
            if "Double progression" in item.dose_reason and item.load_kg is not None:
                by_slug.setdefault(item.slug, []).append((week, item, performed[item.slug]))
    for slug, sessions in by_slug.items():
        normal = [s for s in sessions if s[0] != 6]
        for (_, before, sets), (_, after, _) in pairwise(normal):
            assert before.load_kg is not None and after.load_kg is not None
            topped = all((s.reps or 0) >= before.rep_range[1] for s in sets) and len(sets) >= before.sets
            if topped:
                assert after.load_kg > before.load_kg, (slug, before, after)
                assert after.reps == before.rep_range[0]
            elif all(before.rep_range[0] <= (s.reps or 0) for s in sets):
                assert after.load_kg == before.load_kg, (slug, before, after)
            seen += 1
    assert seen >= 10


def test_rpe_rule_moves_the_main_lift_by_how_the_top_set_felt(
    upper_lower: list[tuple[int, PlanOut, dict[str, list[SetEntry]]]],
) -> None:
    squats = [
        (item, performed["barbell-back-squat"])
        for week, plan, performed in upper_lower
        if week != 6 and (item := _item(plan, "barbell-back-squat")) is not None and item.load_kg is not None
    ]
    assert len(squats) >= 3
    for (before, sets), (after, _) in pairwise(squats):
        assert before.load_kg is not None and after.load_kg is not None
        felt = max((s.rpe or 0) for s in sets if s.weight_kg == max(x.weight_kg or 0 for x in sets))
        if felt < 8:
            assert after.load_kg > before.load_kg, (before, sets, after)
        elif felt == 8:
            assert after.load_kg == before.load_kg
        else:
            assert after.load_kg < before.load_kg


def test_week_six_of_the_upper_lower_split_is_its_deload(
    upper_lower: list[tuple[int, PlanOut, dict[str, list[SetEntry]]]],
) -> None:
    for week, plan, _ in upper_lower:
        said = "planned deload week" in plan.notes[0]
        assert said == (week == 6), (week, plan.notes)
        if week == 6:
            assert all("deload" in item.load_reason.lower() for item in plan.exercises if item.load_kg is not None)
