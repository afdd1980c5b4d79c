"""The rules behind the reports, by the issue's definitions: hard sets, credit, the recovery model and the limb
symmetry index with its persistence flag."""

from __future__ import annotations

import math

import pytest

from liftlore.errors import LiftloreError
from liftlore.science.training_load import HardSetRule, RecoveryModel, band, credit, is_flagged, limb_symmetry


def test_a_hard_set_is_a_working_set_within_four_reps_of_failure_or_with_no_effort_logged() -> None:
    rule = HardSetRule()
    assert rule.is_hard(warm_up=False, rir=None)
    assert rule.is_hard(warm_up=False, rir=4)  # RPE 6
    assert not rule.is_hard(warm_up=False, rir=4.5)  # RPE 5.5
    assert not rule.is_hard(warm_up=True, rir=0)
    assert HardSetRule(8).is_hard(warm_up=False, rir=2) and not HardSetRule(8).is_hard(warm_up=False, rir=3)
    with pytest.raises(LiftloreError):
        HardSetRule(12)


def test_credit_counts_primary_whole_secondary_half_and_one_side_half_of_that() -> None:
    assert credit(primary=True, one_side=False) == 1.0
    assert credit(primary=False, one_side=False) == 0.5
    assert credit(primary=True, one_side=True) + credit(primary=True, one_side=True) == 1.0  # a left and a right set
    assert credit(primary=False, one_side=True) == 0.25
    assert [band(4.5), band(5), band(9.75), band(10)] == ["under 5", "5-9", "5-9", "10+"]


def test_recovery_after_a_ten_set_session_is_zero_then_95_percent_a_week_later() -> None:
    model = RecoveryModel()
    assert model.tau_days == pytest.approx(7 / math.log(20))
    assert model.recovery_pct(model.remaining(10, 0)) == 0.0
    # 10 x exp(-7 / (7 / ln 20)) = 10 / 20 = 0.5 sets left: 1 - 0.5 / 10 = 95 %.
    assert model.recovery_pct(model.remaining(10, 7)) == 95.0
    assert model.recovery_pct(25) == 0.0  # never below zero
    # A custom model: tau 2 days, capacity 4; 2 sets a day ago: 2 e^-0.5 = 1.2131 -> 100 (1 - 1.2131 / 4) = 69.7 %.
    assert RecoveryModel(2, 4).recovery_pct(RecoveryModel(2, 4).remaining(2, 1)) == 69.7
    with pytest.raises(LiftloreError):
        RecoveryModel(0, 10)


def test_the_symmetry_index_names_the_weaker_side_and_flags_only_a_persistent_gap() -> None:
    assert limb_symmetry(80, 100) == (80.0, "left")
    assert limb_symmetry(100, 90) == (90.0, "right")
    assert limb_symmetry(70, 70) == (100.0, None)
    assert limb_symmetry(None, 70) == (None, None) and limb_symmetry(0, 70) == (None, None)
    # Asymmetry above 10 in 3 of the last 4: flagged; exactly 10 does not pass the threshold.
    assert is_flagged([80, 88, 95, 85], threshold=10)
    assert not is_flagged([80, 88, 95, 90], threshold=10)
    assert not is_flagged([80, 80], threshold=10)  # too few sessions to call it persistent
    assert not is_flagged([70, 70, 70, 95, 95, 88], threshold=10)  # the old gap closed: only the last 4 count
