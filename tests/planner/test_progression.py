"""The progression rules as a lifter meets them: what the next session asks for after the last one, and why."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from liftlore.domain.planning import Deload, ProgressionRule, RpeStep, RuleKind, WaveWeek
from liftlore.planner.progression import LastSet, Target, is_deload_week, next_target
from liftlore.science.strength import percent_of_max

DOUBLE = ProgressionRule(kind=RuleKind.DOUBLE_PROGRESSION)
# science.md's example: target RPE 8; felt 5-6 add 5 kg, 7 add 2.5 kg, 8 keep, 9 remove 2.5 kg, 10 remove 5 kg.
RPE = ProgressionRule(
    kind=RuleKind.RPE,
    target_rpe=8,
    rpe_steps=(RpeStep(5, 5), RpeStep(7, 2.5), RpeStep(8, 0), RpeStep(9, -2.5), RpeStep(10, -5)),
)
WAVE = ProgressionRule(
    kind=RuleKind.PERCENTAGE_WAVE,
    training_max_pct=90,
    wave=(WaveWeek(85, 5, 3, amrap=True), WaveWeek(90, 3, 3, amrap=True), WaveWeek(95, 1, 3, amrap=True)),
)
EVERY_SIX = Deload(every_weeks=6, sets_factor=0.5, load_factor=0.9, max_rpe=7)


def to_plates(kg: float) -> float:
    """A gym whose smallest jump is 2.5 kg."""
    return round(kg / 2.5) * 2.5


def in_kg(kg: float) -> str:
    return f"{kg:g} kg"


def target(
    rule: ProgressionRule,
    last: list[LastSet],
    *,
    sets: int = 3,
    low: int = 6,
    high: int = 10,
    step_kg: float | None = 2.5,
    e1rm_kg: float | None = None,
    week: int = 1,
    deload: Deload | None = None,
    round_load: Callable[[float], float] = to_plates,
) -> Target:
    return next_target(
        rule,
        sets=sets,
        low=low,
        high=high,
        step_kg=step_kg,
        last=last,
        e1rm_kg=e1rm_kg,
        week=week,
        deload=deload,
        round_load=round_load,
        say=in_kg,
    )


def sets_of(weight: float | None, *reps: int, rpe: float | None = None) -> list[LastSet]:
    return [LastSet(weight, r, rpe) for r in reps]


# -- double progression -----------------------------------------------------------------------------------------


def test_every_set_at_the_top_adds_the_load_step_and_goes_back_to_the_bottom() -> None:
    got = target(DOUBLE, sets_of(60, 10, 10, 10))
    assert (got.sets, got.reps, got.load_kg) == (3, 6, 62.5)
    assert got.reason == (
        "Last time 60 kg x 10, 10, 10: every set reached the top of 6-10, so add 2.5 kg (62.5 kg) and start again "
        "at 6 reps."
    )


def test_short_of_the_top_keeps_the_load_and_asks_one_more_rep_than_the_lowest_set() -> None:
    got = target(DOUBLE, sets_of(60, 10, 9, 8))
    assert (got.reps, got.load_kg) == (9, 60)
    assert "60 kg x 10, 9, 8" in got.reason and "keep 60 kg" in got.reason and "9 reps" in got.reason


def test_the_rep_target_never_passes_the_top_of_the_range() -> None:
    got = target(DOUBLE, sets_of(60, 10, 10))  # two of three sets logged, both at the top
    assert (got.reps, got.load_kg) == (10, 60)
    assert "only 2 of the 3 sets" in got.reason


def test_sets_at_different_loads_do_not_earn_the_step() -> None:
    got = target(DOUBLE, [LastSet(60, 10, None), LastSet(57.5, 10, None), LastSet(57.5, 10, None)])
    assert (got.reps, got.load_kg) == (10, 60)
    assert "not every set was at 60 kg" in got.reason


def test_falling_below_the_range_takes_a_step_off() -> None:
    got = target(DOUBLE, sets_of(60, 7, 5, 4))
    assert (got.reps, got.load_kg) == (6, 57.5)
    assert "below the 6-10 range" in got.reason and "57.5 kg" in got.reason


def test_with_no_load_to_add_the_range_stretches_by_a_rep() -> None:
    got = target(DOUBLE, sets_of(None, 12, 12, 12), low=8, high=12, step_kg=None)
    assert (got.reps, got.load_kg) == (13, None)
    assert "12, 12, 12 reps" in got.reason and "no load to add" in got.reason and "13 reps" in got.reason


def test_the_new_load_is_one_the_plates_can_make() -> None:
    def fives(kg: float) -> float:
        return round(kg / 5) * 5

    got = target(DOUBLE, sets_of(60, 10, 10, 10), round_load=fives)
    assert got.load_kg == 65  # 62.5 cannot be loaded; the next load that can
    assert "65 kg" in got.reason and "add 5 kg" in got.reason


# -- RPE ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("felt", "change"),
    [(4, 5), (5, 5), (6.5, 5), (7, 2.5), (7.5, 2.5), (8, 0), (8.5, 0), (9, -2.5), (9.5, -2.5), (10, -5)],
)
def test_the_top_set_s_felt_rpe_moves_the_load_by_the_rule_s_steps(felt: float, change: float) -> None:
    got = target(RPE, [LastSet(100, 5, felt - 1), LastSet(100, 5, felt)], low=5, high=5)
    assert got.load_kg == 100 + change
    assert got.reps == 5 and got.rpe == 8
    assert f"100 kg x 5, felt like RPE {felt:g} against a target of 8" in got.reason
    assert f"{got.load_kg:g} kg" in got.reason


def test_the_top_set_is_the_heaviest() -> None:
    got = target(RPE, [LastSet(100, 5, 7), LastSet(90, 8, 9.5)], low=5, high=8)
    assert got.load_kg == 102.5 and got.reps == 5


def test_without_a_logged_rpe_the_load_stays_and_the_reason_asks_for_it() -> None:
    got = target(RPE, sets_of(100, 5, 5, 5), low=5, high=5)
    assert got.load_kg == 100
    assert "no RPE logged" in got.reason and "log its RPE" in got.reason


def test_rpe_with_no_load_changes_the_reps() -> None:
    easy = target(RPE, sets_of(None, 10, rpe=6), step_kg=None)
    hard = target(RPE, sets_of(None, 10, rpe=9.5), step_kg=None)
    assert (easy.load_kg, easy.reps, hard.reps) == (None, 11, 9)


# -- percentage wave ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("week", [1, 2, 3])
def test_each_week_of_the_wave_is_its_percentage_of_the_training_max(week: int) -> None:
    entry = WAVE.wave[week - 1]
    got = target(WAVE, [], e1rm_kg=140, week=week)
    assert got.load_kg == to_plates(140 * 0.9 * entry.percent / 100)
    assert (got.sets, got.reps, got.amrap) == (entry.sets, entry.reps, True)
    assert f"Week {week} of the 3-week wave" in got.reason
    assert f"{entry.percent:g} %" in got.reason and "126 kg" in got.reason and in_kg(got.load_kg) in got.reason
    assert "as many reps as you can" in got.reason


def test_the_wave_repeats_and_does_not_count_deload_weeks() -> None:
    monthly = Deload(every_weeks=4, sets_factor=0.5, load_factor=0.7, max_rpe=6)
    weeks = [target(WAVE, [], e1rm_kg=140, week=w, deload=monthly) for w in range(1, 9)]
    assert [t.deload for t in weeks] == [False, False, False, True] * 2
    assert [t.reps for t in weeks if not t.deload] == [5, 3, 1, 5, 3, 1]


def test_the_wave_without_an_e1rm_says_the_first_session_finds_it() -> None:
    got = target(WAVE, sets_of(80, 5, 5, 5), e1rm_kg=None, week=2)
    assert got.load_kg is None and got.reps == 3
    assert "No e1RM" in got.reason and "finds it" in got.reason


def test_a_wave_deload_week_is_the_lightest_week_cut_down() -> None:
    monthly = Deload(every_weeks=4, sets_factor=0.5, load_factor=0.7, max_rpe=6)
    got = target(WAVE, [], e1rm_kg=140, week=4, deload=monthly)
    lightest = target(WAVE, [], e1rm_kg=140, week=1)
    assert got.deload and not got.amrap
    assert got.sets == 2 and got.reps == lightest.reps
    assert lightest.load_kg is not None and got.load_kg == to_plates(lightest.load_kg * 0.7)
    assert got.rpe == 6


# -- no history ---------------------------------------------------------------------------------------------------


def test_no_history_starts_light_and_explains_how_the_load_is_found() -> None:
    got = target(DOUBLE, [])
    assert got.load_kg is None and got.reps == 6 and got.rpe is not None and 6 <= got.rpe <= 7
    assert "finds the load" in got.reason and "3-4 reps in reserve" in got.reason and "6" in got.reason


def test_no_history_of_a_body_weight_exercise_asks_for_sets_short_of_failure() -> None:
    got = target(DOUBLE, [], low=8, high=12, step_kg=None)
    assert got.load_kg is None
    assert "3 sets of 8-12 reps" in got.reason and "3-4 reps in reserve" in got.reason


def test_no_logged_sets_but_an_e1rm_reads_the_load_off_the_rpe_chart() -> None:
    got = target(RPE, [], low=5, high=5, e1rm_kg=100)
    percent = percent_of_max(5, 2)
    assert percent is not None
    assert got.load_kg == to_plates(100 * percent / 100)
    assert "100 kg" in got.reason and in_kg(got.load_kg) in got.reason and "RPE 8" in got.reason


# -- deloads ------------------------------------------------------------------------------------------------------


def test_deload_weeks_come_every_n_weeks_from_the_start() -> None:
    assert [w for w in range(1, 19) if is_deload_week(w, EVERY_SIX)] == [6, 12, 18]
    assert not any(is_deload_week(w, None) for w in range(1, 19))


def test_a_deload_week_cuts_sets_load_and_effort_of_the_rule_s_target() -> None:
    usual = target(DOUBLE, sets_of(60, 10, 10, 10), week=5, deload=EVERY_SIX)
    got = target(DOUBLE, sets_of(60, 10, 10, 10), week=6, deload=EVERY_SIX)
    assert not usual.deload and got.deload
    assert usual.load_kg is not None and got.load_kg == to_plates(usual.load_kg * 0.9)
    assert (got.sets, got.reps, got.rpe) == (2, usual.reps, 7)
    assert "Planned deload week (every 6 weeks)" in got.reason
    assert f"2 sets of {usual.reps} at {in_kg(got.load_kg)} instead of 3 at {in_kg(usual.load_kg)}" in got.reason
    assert "the exercise and the days stay the same" in got.reason


def test_a_deload_keeps_at_least_one_set() -> None:
    got = target(DOUBLE, sets_of(60, 10), sets=1, week=6, deload=EVERY_SIX)
    assert got.sets == 1 and got.deload


def test_a_deload_with_no_load_still_caps_the_effort() -> None:
    got = target(DOUBLE, [], week=6, deload=EVERY_SIX)
    assert got.deload and got.load_kg is None and got.rpe is not None and got.rpe <= 7
    assert "deload" in got.reason and "3-4 reps in reserve" in got.reason
