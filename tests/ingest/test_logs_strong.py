"""Strong's export variants (../shared/datasets/README.md), each as a small file written here, and the mistakes
that stop an import with the file, line and reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from liftlore.domain.training import SetType, zone
from liftlore.domain.units import DistanceUnit, WeightUnit, to_kg, to_metres
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import strong
from liftlore.ingest.logs.records import assemble

TEN = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
TWELVE = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def write(tmp_path: Path, text: str, name: str = "strong.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ten_columns_with_the_unit_given(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        TEN
        + '2024-11-28 17:36:08,"B",1h 5m,"Bent Over Row (Barbell)",W,10.0,13.0,0,0.0,\n'
        + '2024-11-28 17:36:08,"B",1h 5m,"Bent Over Row (Barbell)",1,20.0,5.0,0,0.0,8.5\n'
        + '2024-11-28 17:36:08,"B",1h 5m,"Plank",1,0.0,0.0,0,60.0,\n',
    )
    log = strong.read(path, unit=WeightUnit.LB)
    assert log.variant == "10 columns, ',' between fields, weights in lb (--unit)"
    first, second, plank = log.rows
    assert (first.line, first.set.set_type, first.set.reps) == (2, SetType.WARM_UP, 13)
    assert first.set.weight_kg == pytest.approx(to_kg(10, WeightUnit.LB))
    assert (second.set.set_type, second.set.rpe) == (SetType.NORMAL, 8.5)
    assert first.started_at == datetime(2024, 11, 28, 17, 36, 8)
    assert first.ended_at == datetime(2024, 11, 28, 18, 41, 8)
    assert (plank.set.reps, plank.set.duration_s) == (None, 60)  # 0 reps beside a time: no reps


def test_twelve_columns_semicolons_header_units_and_notes_over_lines(tmp_path: Path) -> None:
    header = ";".join(TWELVE.replace("Weight", "Weight (kg)").replace("Distance", "Distance (km)").split(","))
    path = write(
        tmp_path,
        header
        + '2025-01-02 18:00:00;Legs;45m;Squat (Barbell);1;100,5;5;0;0;"Belt on\nfor the top set";"Good day";\n'
        + "2025-01-02 18:00:00;Legs;45m;Squat (Barbell);D;80;8;0;0;;Good day;\n"
        + "2025-01-02 18:00:00;Legs;45m;Sled Push;1;40;0;0,02;0;;Good day;\n",
    )
    log = strong.read(path)
    assert log.variant == "12 columns, ';' between fields, weights in kg (header)"
    squat, drop, sled = log.rows
    assert squat.set.weight_kg == 100.5
    assert squat.entry_notes == "Belt on\nfor the top set"
    assert (drop.line, drop.set.set_type) == (4, SetType.DROP)  # the note's second line is line 3
    assert sled.set.distance_m == pytest.approx(20)
    (workout,) = assemble(log, zone("Europe/Berlin"))
    assert workout.workout.notes == "Good day"
    assert [len(e.sets) for e in workout.workout.entries] == [2, 1]


def test_units_in_each_row(tmp_path: Path) -> None:
    header = (
        "Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps,RPE,Distance,Distance Unit,Seconds,"
        "Notes,Workout Notes,Workout Duration\n"
    )
    path = write(
        tmp_path,
        header
        + "2025-02-03 07:00:00,AM,Bench Press (Barbell),1,135,lbs,5,,0,,0,,,50m\n"
        + "2025-02-03 07:00:00,AM,Bench Press (Barbell),2,60,kg,5,,0,,0,,,50m\n"
        + "2025-02-03 07:00:00,AM,Running,1,0,kg,0,,2,mi,900,,,50m\n",
    )
    log = strong.read(path)
    assert log.variant.endswith("units in each row")
    pounds, kilos, run = log.rows
    assert pounds.set.weight_kg == pytest.approx(to_kg(135, WeightUnit.LB))
    assert kilos.set.weight_kg == 60
    assert run.set.distance_m == pytest.approx(to_metres(2, DistanceUnit.MI))
    assert pounds.ended_at == datetime(2025, 2, 3, 7, 50)


def test_no_unit_anywhere_needs_one(tmp_path: Path) -> None:
    path = write(tmp_path, TEN + "2024-11-28 17:36:08,B,35m,Row,1,10.0,13.0,0,0.0,\n")
    with pytest.raises(LiftloreError) as caught:
        strong.read(path)
    assert str(caught.value) == (
        f"{path}: --unit: the file does not say whether its weights are in kg or lb; "
        "say which with --unit kg or --unit lb"
    )


def test_a_unit_that_contradicts_the_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, TEN.replace("Weight", "Weight (kg)") + "2024-11-28 17:36:08,B,35m,Row,1,10,13,0,0,\n")
    with pytest.raises(LiftloreError, match="the header says weights are in kg, but --unit says lb"):
        strong.read(path, unit=WeightUnit.LB)


@pytest.mark.parametrize(
    ("row", "line", "words"),
    [
        ("2024-13-28 17:36:08,B,35m,Row,1,10,13,0,0,", 3, "Date: '2024-13-28 17:36:08' is not a real date"),
        ("2024-11-28 17:36:08,B,35m,Row,X,10,13,0,0,", 3, "Set Order: 'X' is not a set order"),
        ("2024-11-28 17:36:08,B,35m,Row,1,ten,13,0,0,", 3, "Weight: 'ten' is not a number"),
        ("2024-11-28 17:36:08,B,35m,Row,1,10,13.5,0,0,", 3, "Reps: '13.5' is not a whole number of reps"),
        ("2024-11-28 17:36:08,B,soon,Row,1,10,13,0,0,", 3, "Duration: 'soon' is not a duration"),
        ("2024-11-28 17:36:08,B,35m,Row,1,10,13,0,0,12", 3, "RPE is between 1 and 10, not 12"),
        ("2024-11-28 17:36:08,B,35m,,1,10,13,0,0,", 3, "Exercise Name: no exercise name"),
        ("2024-11-28 17:36:08,B,35m,Row,1,10,13,0,0", 3, "expected 10 columns like the header, found 9"),
        ('2024-11-28 17:36:08,B,35m,"Row,1,10,13,0,0,', 3, "not valid CSV"),
    ],
)
def test_a_malformed_row_names_its_line_and_reason(tmp_path: Path, row: str, line: int, words: str) -> None:
    good = "2024-11-28 17:36:08,B,35m,Row,1,10,13,0,0,\n"
    path = write(tmp_path, TEN + good + row + "\n" + good)
    with pytest.raises(LiftloreError) as caught:
        strong.read(path, unit=WeightUnit.KG)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "binary file"),
        (b"Date,Exercise Name\n2024-01-01 10:00:00,Row\n", "no column 'Set Order', 'Reps'"),
        (TEN.encode() + "2024-01-01 10:00:00,A,1m,Ré,1,1,1,0,0,\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_files_that_are_not_strong_exports(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    with pytest.raises(LiftloreError, match=words):
        strong.read(path, unit=WeightUnit.KG)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LiftloreError, match="no such file"):
        strong.read(tmp_path / "missing.csv", unit=WeightUnit.KG)
