"""The hard sets and volume load kept in the strength points stay what the sets say, after every kind of write
(logging, edits, moves, deletes, imports), a changed hard-set cut-off and an upgrade from before they existed; and
the settings that shape the reports refuse what they cannot use."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, timedelta

import pytest
from alembic import command
from sqlalchemy import select

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.training import SetType, reps_in_reserve
from liftlore.errors import LiftloreError
from liftlore.services import insight, log_edits, training, training_settings
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, WorkoutRow
from tests.training.test_strength_service import START, random_history

Week = dict[str, tuple[float, float, float, float]]


def from_the_sets(db: Database, min_rpe: float = 6.0) -> dict[str, Week]:
    """Every week's volume per muscle worked out here from the sets themselves, set by set, by the issue's
    definitions: the reference the reports must agree with."""
    weeks: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0.0, 0.0]))
    with db.session() as session:
        rows = session.execute(
            select(
                WorkoutRow.started_at,
                ExerciseRow.slug,
                SetRow.side,
                SetRow.set_type,
                SetRow.weight_kg,
                SetRow.reps,
                SetRow.rpe,
                SetRow.rir,
            )
            .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
            .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
            .join(ExerciseRow, ExerciseRow.id == ExerciseEntryRow.exercise_id)
        ).all()
    muscles = {slug: muscles_of(db, slug) for slug in {row.slug for row in rows}}
    for started, slug, side, set_type, weight, reps, rpe, rir in rows:
        effort = reps_in_reserve(rpe, rir)
        if set_type == "warm-up" or (effort is not None and effort > 10 - min_rpe):
            continue
        load = weight * reps if weight is not None and weight > 0 and reps else 0.0
        moment = started if started.tzinfo else started.replace(tzinfo=UTC)  # SQLite gives UTC back without a zone
        week = insight.week_name(moment.astimezone(START.tzinfo).date())
        for muscle, primary in muscles[slug]:
            whole = 1.0 if primary else 0.5
            share = whole if side == "both" else whole / 2
            figures = weeks[week][muscle]
            figures[0] += share
            figures[1] += share * load
            if side == "left":
                figures[2] += whole
            elif side == "right":
                figures[3] += whole
    return {
        week: {muscle: (round(a, 2), round(b, 2), round(c, 2), round(d, 2)) for muscle, (a, b, c, d) in found.items()}
        for week, found in weeks.items()
    }


def muscles_of(db: Database, slug: str) -> list[tuple[str, bool]]:
    exercise = db.run(training.resolve_exercise, slug)
    return [(m.slug, True) for m in exercise.primary_muscles] + [(m.slug, False) for m in exercise.secondary_muscles]


def from_the_reports(db: Database, weeks: set[str]) -> dict[str, Week]:
    found = {}
    for week in weeks:
        report = db.run(insight.weekly_volume, week)
        found[week] = {
            m.slug: (m.hard_sets, m.volume_load_kg, m.left_sets, m.right_sets) for m in report.muscles if m.hard_sets
        }
    return found


def assert_reports_agree(db: Database, min_rpe: float = 6.0) -> None:
    expected = from_the_sets(db, min_rpe)
    assert expected, "the history has hard sets to count"
    assert from_the_reports(db, set(expected)) == expected


@pytest.fixture
def berlin(db: Database) -> Database:
    db.run(training_settings.change_setting, "timezone", "Europe/Berlin")
    return db


def test_random_edits_moves_and_deletes_keep_every_week_as_the_sets_say(berlin: Database) -> None:
    random_history(berlin, seed=11, sessions=12)
    assert_reports_agree(berlin)
    rng = random.Random(4)
    for _ in range(15):
        with berlin.session() as session:
            ids = sorted(session.scalars(select(SetRow.id)))
        chosen = str(rng.choice(ids))
        action = rng.choice(["edit", "edit", "delete", "move"])
        if action == "edit":
            changes: dict[str, object] = rng.choice(
                [{"rpe": 5.0}, {"rpe": 9.0}, {"set_type": SetType.WARM_UP}, {"weight_kg": 80.0, "reps": 6}]
            )
            berlin.run(log_edits.edit_set, chosen, changes)
        elif action == "delete":
            berlin.run(log_edits.delete_set, chosen)
        else:
            try:
                berlin.run(log_edits.move_set, chosen, rng.choice(["back squat", "barbell hip thrust"]))
            except LiftloreError:
                continue  # a one-sided set cannot move to a two-sided exercise: refused, nothing changed
        assert_reports_agree(berlin)


def test_a_changed_hard_set_cutoff_recounts_every_week(berlin: Database) -> None:
    random_history(berlin, seed=2, sessions=6)
    berlin.run(training_settings.change_setting, "hard-set-rpe", "8.5")
    assert_reports_agree(berlin, min_rpe=8.5)
    assert berlin.run(insight.weekly_volume, insight.week_name(START.date())).hard_set_rpe == 8.5
    berlin.run(training_settings.change_setting, "hard-set-rpe", None)
    assert_reports_agree(berlin)


def test_a_log_from_before_the_hard_set_columns_gets_them_on_upgrade(berlin: Database) -> None:
    berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5, 100kg x 5 @9, 60kg x 5 @5"), performed_at=START)
    before = berlin.run(insight.weekly_volume, insight.week_name(START.date()))
    command.downgrade(alembic_config(berlin.engine), "0007")
    berlin.upgrade()
    assert berlin.run(insight.weekly_volume, insight.week_name(START.date())) == before
    quads = next(m for m in before.muscles if m.slug == "quads")
    assert (quads.hard_sets, quads.volume_load_kg) == (2.0, 1000.0)  # 100 x 5 twice; the RPE 5 set is not hard


def test_settings_refuse_what_the_reports_cannot_use(berlin: Database) -> None:
    for name, value, field in [
        ("hard-set-rpe", "eleven", "hard-set-rpe"),
        ("hard-set-rpe", "11", "hard-set-rpe"),
        ("recovery-tau", "0", "recovery-tau"),
        ("recovery-capacity", "-3", "recovery-capacity"),
        ("symmetry-threshold", "150", "symmetry-threshold"),
        ("recovery-tau.glutes", "soon", "recovery-tau.glutes"),
    ]:
        with pytest.raises(LiftloreError) as refused:
            berlin.run(training_settings.change_setting, name, value)
        assert refused.value.field == field, (name, value)
    with pytest.raises(LiftloreError, match="no muscle group 'glutez'"):
        berlin.run(training_settings.change_setting, "recovery-tau.glutez", "3")
    stored = berlin.run(training_settings.change_setting, "recovery-tau.glutes", "3.5")
    assert stored["recovery-tau.glutes"] == "3.5"
    settings = berlin.run(training_settings.training_settings)
    assert settings.recovery_of("glutes").tau_days == 3.5
    assert settings.recovery_of("quads") == settings.recovery


def test_the_week_follows_the_home_zone(berlin: Database) -> None:
    # Sunday 23:30 in Berlin is in that ISO week; the UTC clock says Sunday 22:30, the same week. Monday 00:30 in
    # Berlin (Sunday 23:30 UTC) is the next week: the zone, not UTC, decides.
    sunday = START.replace(day=12, hour=23, minute=30)  # START is Monday 6 January 2025
    berlin.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=sunday, new_workout=True)
    berlin.run(
        training.log_sets,
        "back squat",
        parse_sets("100kg x 5, 100kg x 5"),
        performed_at=sunday + timedelta(hours=1),
        new_workout=True,
    )
    quads = {
        week: next(m.hard_sets for m in berlin.run(insight.weekly_volume, week).muscles if m.slug == "quads")
        for week in ("2025-W02", "2025-W03")
    }
    assert quads == {"2025-W02": 1.0, "2025-W03": 2.0}
