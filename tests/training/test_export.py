"""Export: the JSON of everything reads back into an empty database and exports to the same text; CSV has a row
per set in the person's units; a broken JSON file is refused with where it is broken."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from liftlore.domain.exercise import Laterality
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError
from liftlore.services import library, log_import, training, training_settings
from liftlore.services.name_matching import MatchKind
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow
from tests.conftest import SHARED, shared_file

HEVY = SHARED / "datasets" / "logs" / "hevy-sample.csv"
START = datetime(2025, 3, 30, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # the night the clocks change


def exercise_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(ExerciseRow)) or 0)


def log_some(db: Database) -> None:
    db.run(training_settings.change_setting, "timezone", "Europe/Berlin")
    db.run(training_settings.change_setting, "unit", "lb")
    db.run(
        training.log_sets, "back squat", parse_sets("W 95 x 5, 225 x 5 x 3 @8", unit=WeightUnit.LB), performed_at=START
    )
    db.run(
        training.log_sets,
        "single-leg hip thrust",
        parse_sets("L 40kg x 10, R 40kg x 8"),
        performed_at=START + timedelta(hours=1),
    )
    db.run(training.log_sets, "pull up", parse_sets("bw-20kg x 8, bw x 3"), performed_at=START + timedelta(hours=1))
    db.run(training.finish_workout, ended_at=START + timedelta(hours=2), name="Night owl")
    db.run(training.log_sets, "plank", parse_sets("60s x 2"), performed_at=START + timedelta(days=1))


def test_json_round_trip_into_an_empty_database(db: Database, empty_db: Database, tmp_path: Path) -> None:
    log_some(db)
    first = db.run(log_import.export_json)
    path = tmp_path / "log.json"
    path.write_text(first, encoding="utf-8")
    report = empty_db.run(log_import.import_log, "json", path)
    assert (report.added_workouts, report.added_sets) == (2, 10)
    assert sorted(report.created) == ["Barbell Back Squat", "Plank", "Pull-Up", "Single-Leg Hip Thrust"]
    assert empty_db.run(log_import.export_json) == first
    document = json.loads(first)
    assert document["settings"] == {"timezone": "Europe/Berlin", "unit": "lb"}
    night = document["workouts"][0]
    assert (night["name"], night["time_zone"]) == ("Night owl", "Europe/Berlin")
    assert night["started_at"] == "2025-03-30T01:30:00+01:00"
    assert night["ended_at"] == "2025-03-30T03:30:00+02:00"  # two hours later, after the clocks went forward


def test_json_import_makes_listed_exercises_as_they_were_and_counts_them_new(
    db: Database, empty_db: Database, tmp_path: Path
) -> None:
    log_some(db)
    document = json.loads(db.run(log_import.export_json))
    # A one-sided exercise whose name does not say so: the export's laterality, not the name, must decide.
    plank = next(e for e in document["exercises"] if e["slug"] == "plank")
    plank.update(name="Copenhagen Plank", laterality="unilateral")
    path = tmp_path / "log.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = empty_db.run(log_import.import_log, "json", path)
    assert report.match_counts == {MatchKind.NEW: 4}
    assert len(report.created) == 4 and "Copenhagen Plank" in report.created
    made = empty_db.run(library.get_exercise, "plank")
    assert made.laterality is Laterality.UNILATERAL
    assert made.summary == (
        "Copenhagen Plank is a custom exercise, done one side at a time, added from a liftlore log.",
    )
    # into a library that has them, the same exercises are known by their slugs
    again = db.run(log_import.import_log, "json", path)
    assert again.match_counts[MatchKind.EXACT] == 4 and again.created == []


def test_json_import_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    log_some(db)
    path = tmp_path / "log.json"
    path.write_text(db.run(log_import.export_json), encoding="utf-8")
    report = db.run(log_import.import_log, "json", path)
    assert (report.added_workouts, report.skipped_workouts, report.created) == (0, 2, [])


def test_json_round_trip_of_a_real_import(db: Database, empty_db: Database, tmp_path: Path) -> None:
    db.run(log_import.import_log, "hevy", shared_file(HEVY), timezone="Europe/Berlin")
    first = db.run(log_import.export_json)
    path = tmp_path / "log.json"
    path.write_text(first, encoding="utf-8")
    empty_db.run(log_import.import_log, "json", path)
    assert empty_db.run(log_import.export_json) == first
    # and the Hevy file is still recognised as imported
    again = empty_db.run(log_import.import_log, "hevy", HEVY, timezone="Europe/Berlin")
    assert again.added_sets == 0


def test_json_skips_workouts_imported_here_from_the_same_app(db: Database, empty_db: Database, tmp_path: Path) -> None:
    sample = shared_file(SHARED / "datasets" / "logs" / "strong-sample-legacy.csv")
    db.run(log_import.import_log, "strong", sample, unit=WeightUnit.KG)
    empty_db.run(log_import.import_log, "strong", sample, unit=WeightUnit.KG)  # same workouts, other ids
    path = tmp_path / "log.json"
    path.write_text(db.run(log_import.export_json), encoding="utf-8")
    report = empty_db.run(log_import.import_log, "json", path)
    assert (report.added_workouts, report.skipped_workouts) == (0, 3)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="other"), "not a liftlore training log export"),
        (lambda d: d.update(version=9), "version"),
        (lambda d: d["workouts"][0].pop("started_at"), "workouts[0].started_at: missing"),
        (
            lambda d: d["workouts"][0]["entries"][0]["sets"][1].update(reps="five"),
            "workouts[0].entries[0].sets[1].reps",
        ),
        (lambda d: d["workouts"][0]["entries"][0]["sets"][1].update(rpe=12), "RPE is between 1 and 10"),
        (lambda d: d["workouts"][0].update(time_zone="Mars/Base"), "workouts[0].time_zone"),
        (lambda d: d["workouts"][0]["entries"][0].update(exercise="no-such"), "entries name exercises"),
        # A setting the app cannot use would make every later read of the log fail.
        (lambda d: d["settings"].update({"hard-set-rpe": "x"}), "settings.hard-set-rpe: 'x' is not a number"),
        (lambda d: d["settings"].update({"recovery-tau": "0"}), "settings.recovery-tau: 0 is out of range"),
        (lambda d: d["settings"].update({"colour": "red"}), "settings.colour: unknown setting"),
    ],
)
def test_a_broken_json_export_is_refused_and_writes_nothing(
    db: Database, empty_db: Database, tmp_path: Path, change: object, words: str
) -> None:
    log_some(db)
    document = json.loads(db.run(log_import.export_json))
    change(document)  # type: ignore[operator]
    path = tmp_path / "log.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    exercises_before = exercise_count(empty_db)
    with pytest.raises(LiftloreError) as caught:
        empty_db.run(log_import.import_log, "json", path)
    assert str(caught.value).startswith(str(path))
    assert words in str(caught.value)
    assert empty_db.run(training.list_workouts, limit=5) == []
    # 'no-such' fails after the listed exercises were made and flushed: the rollback must take them back too
    assert exercise_count(empty_db) == exercises_before


def test_json_that_is_not_json(empty_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    path.write_text('{"format": "liftlore-training-log",\n "version": 1,\n oops}')
    with pytest.raises(LiftloreError, match=r"log.json:3: not valid JSON"):
        empty_db.run(log_import.import_log, "json", path)


def test_csv_export_has_a_row_per_set_in_the_persons_units(db: Database) -> None:
    log_some(db)
    rows = list(csv.DictReader(io.StringIO(db.run(log_import.export_csv))))
    assert len(rows) == 10
    first = rows[0]
    assert (first["exercise"], first["set_type"], first["weight_lb"], first["reps"]) == (
        "barbell-back-squat",
        "warm-up",
        "95",
        "5",
    )
    assert rows[1]["weight_lb"] == "225" and rows[1]["rpe"] == "8"
    assert [r["side"] for r in rows if r["exercise"] == "single-leg-hip-thrust"] == ["left", "right"]
    assert rows[-1]["duration"] == "1:00" and rows[-1]["weight_lb"] == ""
