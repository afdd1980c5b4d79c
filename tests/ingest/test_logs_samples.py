"""The real Strong and Hevy samples in ../shared/datasets/logs: what the import stores equals a count made here
with the csv module (not with liftlore's reader); a dry run stores nothing; a second import adds nothing; a bad
row anywhere stores nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError
from liftlore.services.log_import import import_log
from liftlore.services.name_matching import MatchKind
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, WorkoutRow
from tests.conftest import SHARED, shared_file

LOGS = SHARED / "datasets" / "logs"
STRONG = LOGS / "strong-sample.csv"
LEGACY = LOGS / "strong-sample-legacy.csv"
HEVY = LOGS / "hevy-sample.csv"


def count(db: Database, table: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def independent_count(
    path: Path, workout: Callable[[dict[str, str]], tuple[str, ...]], exercise: str
) -> dict[str, int]:
    """Workouts, exercise entries (a run of rows of one exercise in a workout), distinct names and sets."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    entries = 0
    previous: tuple[tuple[str, ...], str, int] | None = None
    for row in rows:
        index = int(row["set_index"]) if "set_index" in row else -1
        here = (workout(row), row[exercise])
        if previous is None or here != previous[:2] or (index >= 0 and index <= previous[2]):
            entries += 1
        previous = (*here, index)
    return {
        "workouts": len({workout(row) for row in rows}),
        "entries": entries,
        "names": len({row[exercise] for row in rows}),
        "sets": len(rows),
    }


@pytest.mark.parametrize(
    ("source", "path", "unit", "workout", "exercise"),
    [
        ("strong", STRONG, WeightUnit.KG, lambda r: (r["Date"], r["Workout Name"]), "Exercise Name"),
        ("strong", LEGACY, WeightUnit.KG, lambda r: (r["Date"], r["Workout Name"]), "Exercise Name"),
        ("hevy", HEVY, None, lambda r: (r["start_time"], r["title"]), "exercise_title"),
    ],
)
def test_what_is_stored_matches_an_independent_count(
    db: Database,
    source: str,
    path: Path,
    unit: WeightUnit | None,
    workout: Callable[[dict[str, str]], tuple[str, ...]],
    exercise: str,
) -> None:
    expected = independent_count(shared_file(path), workout, exercise)
    exercises_before = count(db, ExerciseRow)
    report = db.run(import_log, source, path, unit=unit, timezone="Europe/Berlin")
    assert (report.workouts, report.entries, len(report.matches), report.sets) == tuple(expected.values())
    assert (count(db, WorkoutRow), count(db, ExerciseEntryRow), count(db, SetRow)) == (
        expected["workouts"],
        expected["entries"],
        expected["sets"],
    )
    assert report.added_sets == expected["sets"]
    # every name is matched or made: the custom exercises are exactly the new names, listed in the report
    assert count(db, ExerciseRow) - exercises_before == len(report.created)
    assert len(report.created) == report.match_counts[MatchKind.NEW]
    with db.session() as session:
        linked = session.scalar(
            select(func.count(func.distinct(ExerciseEntryRow.exercise_id))).where(
                ExerciseEntryRow.exercise_id.is_not(None)
            )
        )
        orphans = session.scalar(select(func.count()).where(ExerciseEntryRow.exercise_id.is_(None)))
    assert orphans == 0 and 0 < (linked or 0) <= expected["names"]


def test_the_hevy_sample_in_detail(db: Database) -> None:
    report = db.run(import_log, "hevy", shared_file(HEVY), timezone="Europe/Berlin")
    # the counts docs/training-log.md gives for the sample
    assert report.match_counts == {MatchKind.EXACT: 36, MatchKind.EQUIPMENT: 10, MatchKind.FUZZY: 4, MatchKind.NEW: 36}
    matched = {m.name: m.slug for m in report.matches}
    assert matched["Squat (Barbell)"] == "barbell-back-squat"
    assert matched["Leg Extension (Machine)"] == "leg-extension"
    assert matched["Dragon Flag"] == "dragon-flag" and matched["Hip Thrust (Machine)"] == "machine-hip-thrust"
    assert "Katana Triceps Extension" in report.created
    with db.session() as session:
        warmups = session.scalar(select(func.count()).where(SetRow.set_type == "warm-up"))
        drops = session.scalar(select(func.count()).where(SetRow.set_type == "drop"))
        timed = session.scalar(select(func.count()).where(SetRow.duration_s.is_not(None)))
    with HEVY.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert warmups == sum(1 for r in rows if r["set_type"] == "warmup")
    assert drops == sum(1 for r in rows if r["set_type"] == "dropset")
    assert timed == sum(1 for r in rows if r["duration_seconds"] not in ("", "0"))


def test_a_dry_run_stores_nothing(db: Database) -> None:
    before = (count(db, ExerciseRow), count(db, WorkoutRow))
    with db.session(rollback=True) as session:
        report = import_log(session, "hevy", shared_file(HEVY), dry_run=True)
    assert report.dry_run and report.added_sets == 7211 and report.created
    assert (count(db, ExerciseRow), count(db, WorkoutRow)) == before


def test_the_same_file_twice_adds_nothing(db: Database) -> None:
    db.run(import_log, "strong", shared_file(STRONG), unit=WeightUnit.KG)
    sets, exercises = count(db, SetRow), count(db, ExerciseRow)
    again = db.run(import_log, "strong", STRONG, unit=WeightUnit.KG)
    assert (again.added_workouts, again.added_sets, again.created) == (0, 0, [])
    assert again.skipped_workouts == again.workouts == 15
    assert (count(db, SetRow), count(db, ExerciseRow)) == (sets, exercises)


def test_a_bad_row_late_in_a_file_stores_nothing(db: Database, tmp_path: Path) -> None:
    lines = shared_file(STRONG).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[200] = lines[200].replace(",0,0.0,", ",0,soon,")  # the Seconds cell
    broken = tmp_path / "broken.csv"
    broken.write_text("".join(lines), encoding="utf-8")
    before = count(db, ExerciseRow)
    with pytest.raises(LiftloreError) as caught:
        db.run(import_log, "strong", broken, unit=WeightUnit.KG)
    assert str(caught.value) == f"{broken}:201: Seconds: 'soon' is not a number"
    assert (count(db, WorkoutRow), count(db, ExerciseRow)) == (0, before)


def test_an_unknown_source(db: Database) -> None:
    with pytest.raises(LiftloreError, match="unknown log source 'fitbod'; known: strong, hevy, json"):
        db.run(import_log, "fitbod", STRONG)
