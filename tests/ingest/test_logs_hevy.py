"""Hevy's export: units in the column names, 0-based set indexes, its date format, set types and notes over lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from liftlore.domain.training import SetType, zone
from liftlore.domain.units import DistanceUnit, WeightUnit, to_kg, to_metres
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import hevy
from liftlore.ingest.logs.records import assemble

COLUMNS = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index",'
    '"set_type","{weight}","reps","{distance}","duration_seconds","rpe"\n'
)
HEADER = COLUMNS.format(weight="weight_kg", distance="distance_km")
ROW = (
    '"Legs","15 Sep 2025, 07:48","15 Sep 2025, 09:13","","{exercise}",{superset},"{notes}",{index},"{kind}",'
    "{weight},{reps},{distance},{seconds},{rpe}\n"
)


def row(
    exercise: str = "Squat (Barbell)",
    index: int = 0,
    kind: str = "normal",
    weight: str = "100",
    reps: str = "5",
    rpe: str = "",
    notes: str = "",
    superset: str = "",
    distance: str = "",
    seconds: str = "0",
) -> str:
    return ROW.format(
        exercise=exercise,
        index=index,
        kind=kind,
        weight=weight,
        reps=reps,
        rpe=rpe,
        notes=notes,
        superset=superset,
        distance=distance,
        seconds=seconds,
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hevy.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_sets_types_indexes_and_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + row(index=0, kind="warmup", weight="60", rpe="6")
        + row(index=1, kind="normal", weight="100", rpe="8.5")
        + row(index=2, kind="failure", weight="100", reps="4", rpe="10")
        + row(index=3, kind="dropset", weight="80", reps="6"),
    )
    log = hevy.read(path)
    assert log.variant == "14 columns, weights in kg (weight_kg)"
    assert [r.set.set_type for r in log.rows] == [SetType.WARM_UP, SetType.NORMAL, SetType.FAILURE, SetType.DROP]
    assert [r.set_index for r in log.rows] == [0, 1, 2, 3]
    assert log.rows[1].set.rpe == 8.5
    assert (log.rows[0].started_at, log.rows[0].ended_at) == (
        datetime(2025, 9, 15, 7, 48),
        datetime(2025, 9, 15, 9, 13),
    )


def test_pounds_and_miles_in_the_column_names(tmp_path: Path) -> None:
    header = COLUMNS.format(weight="weight_lbs", distance="distance_miles")
    path = write(
        tmp_path,
        header + row(weight="225") + row(exercise="Running", weight="", reps="", distance="1.5", seconds="600"),
    )
    lifted, ran = hevy.read(path).rows
    assert lifted.set.weight_kg == pytest.approx(to_kg(225, WeightUnit.LB))
    assert ran.set.distance_m == pytest.approx(to_metres(1.5, DistanceUnit.MI))
    assert (ran.set.duration_s, ran.set.reps, ran.set.weight_kg) == (600, None, None)
    with pytest.raises(LiftloreError, match="weight_lbs column says weights are in lb, but --unit says kg"):
        hevy.read(path, unit=WeightUnit.KG)


def test_entries_split_where_the_index_starts_again(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + row(index=0, notes="Heavy day")
        + row(index=1, notes="Heavy day")
        + row(exercise="Leg Press", index=0, superset="0")
        + row(index=0)  # squats again, after the leg press
        + row(index=1)
        + row(index=0),  # and a third entry of squats straight after the second
    )
    (imported,) = assemble(hevy.read(path), zone("Europe/Berlin"))
    entries = imported.workout.entries
    assert [(e.exercise_name, len(e.sets)) for e in entries] == [
        ("Squat (Barbell)", 2),
        ("Leg Press", 1),
        ("Squat (Barbell)", 2),
        ("Squat (Barbell)", 1),
    ]
    assert entries[0].notes == "Heavy day" and entries[1].superset_group == 0
    assert imported.workout.started_at.isoformat() == "2025-09-15T07:48:00+02:00"


def test_notes_over_several_lines(tmp_path: Path) -> None:
    text = HEADER + row(notes="Seat 4\nHandles high") + row(index=1, notes="Seat 4\nHandles high")
    log = hevy.read(write(tmp_path, text))
    assert log.rows[0].entry_notes == "Seat 4\nHandles high"
    assert [r.line for r in log.rows] == [2, 4]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (row(kind="superset"), "set_type: 'superset' is not a set type"),
        (row(index=-1), "set_index: '-1' is not a set index"),
        (row(weight="heavy"), "weight_kg: 'heavy' is not a number"),
        (row(rpe="8.3"), "RPE goes in halves"),
        (row().replace("15 Sep 2025, 07:48", "Sep 15 2025 7:48"), "start_time: 'Sep 15 2025 7:48' is not a date"),
        (row(superset="A"), "superset_id: 'A' is not a superset number"),
    ],
)
def test_a_malformed_row_names_its_line_and_reason(tmp_path: Path, bad: str, words: str) -> None:
    path = write(tmp_path, HEADER + row() + bad)
    with pytest.raises(LiftloreError) as caught:
        hevy.read(path)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert words in str(caught.value)


def test_a_file_that_is_not_a_hevy_export(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Workout Name\n2024-01-01,A\n")
    with pytest.raises(LiftloreError, match="is this a Hevy export"):
        hevy.read(path)
