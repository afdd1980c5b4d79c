"""How a logged set and a record read on the training pages."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.science.records import RecordKind
from liftlore.services.training import PersonalRecord
from liftlore.web.training_views import record_text, set_text

KG, LB = WeightUnit.KG, WeightUnit.LB


@pytest.mark.parametrize(
    ("entry", "unit", "shown"),
    [
        (SetEntry(reps=10, weight_kg=40, side=Side.LEFT, rpe=8.0), KG, "L 40 kg × 10 @ RPE 8"),
        (SetEntry(reps=5, weight_kg=to_kg(225, LB), side=Side.BOTH), LB, "225 lb × 5"),
        (SetEntry(weight_kg=40, distance_m=50), KG, "40 kg × 0.05 km"),
        (SetEntry(weight_kg=to_kg(90, LB), distance_m=1609.344), LB, "90 lb × 1 mi"),
        (SetEntry(weight_kg=20, duration_s=60), KG, "20 kg × 1:00"),
        (SetEntry(reps=8, weight_kg=-20, rir=2.0), KG, "20 kg assisted × 8 2 RIR"),
        (SetEntry(reps=12, set_type=SetType.FAILURE), KG, "body weight × 12 (to failure)"),
        (SetEntry(duration_s=90, side=Side.RIGHT, set_type=SetType.WARM_UP), KG, "R 1:30 (warm-up)"),
    ],
    ids=["reps+weight", "pounds", "weight+distance", "miles", "weight+duration", "assisted", "body weight", "timed"],
)
def test_set_text(entry: SetEntry, unit: WeightUnit, shown: str) -> None:
    assert set_text(entry, unit) == shown


def _record(kind: RecordKind, side: Side, value: float, weight_kg: float | None, reps: int) -> PersonalRecord:
    return PersonalRecord(
        kind=kind,
        side=side,
        value=value,
        previous=None,
        weight_kg=weight_kg,
        reps=reps,
        set_id=uuid.uuid4(),
        workout_id=uuid.uuid4(),
        performed_on=datetime(2025, 3, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("record", "unit", "shown"),
    [
        (_record(RecordKind.HEAVIEST, Side.LEFT, 60, 60, 3), KG, "Left: heaviest weight 60 kg"),
        (_record(RecordKind.E1RM, Side.BOTH, 81.6667, 70, 5), KG, "best estimated 1RM 81.67 kg (70 kg × 5)"),
        (
            _record(RecordKind.E1RM, Side.RIGHT, to_kg(200, LB), to_kg(175, LB), 4),
            LB,
            "Right: best estimated 1RM 200 lb (175 lb × 4)",
        ),
        (_record(RecordKind.VOLUME, Side.BOTH, 400, 40, 10), KG, "best set volume 400 kg"),
    ],
    ids=["heaviest, one side", "e1rm with its set", "e1rm in pounds", "volume"],
)
def test_record_text(record: PersonalRecord, unit: WeightUnit, shown: str) -> None:
    assert record_text(record, unit) == shown
