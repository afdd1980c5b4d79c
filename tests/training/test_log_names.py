"""Names an import cannot match: kept as the person's "from your log" exercises, out of the library's lists, with
muscles guessed from the name; mapped to a library exercise, their history merges and later imports follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from liftlore.domain.units import WeightUnit
from liftlore.errors import NotFoundError
from liftlore.science.records import RecordKind
from liftlore.services import browse, log_import, log_names, training
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from tests.training.test_strength_service import assert_overview_agrees

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,Distance,Seconds,Notes,Workout Notes\n"


def strong_file(tmp_path: Path, day: str, rows: list[tuple[str, float, int]]) -> Path:
    path = tmp_path / f"strong-{day}.csv"
    lines = [
        f"{day} 07:00:00,Pull day,1h,{name},{i + 1},{weight},{reps},0,0,,"
        for i, (name, weight, reps) in enumerate(rows)
    ]
    path.write_text(HEADER + "\n".join(lines) + "\n")
    return path


def test_unmatched_names_stay_out_of_the_library_with_guessed_muscles(db: Database, tmp_path: Path) -> None:
    path = strong_file(tmp_path, "2025-03-01", [("Aztec Cable Curl", 15, 12), ("Warm Up", 0, 1)])
    report = db.run(log_import.import_log, "strong", path, unit=WeightUnit.KG)
    assert sorted(report.created) == ["Aztec Cable Curl", "Warm Up"]
    library = db.run(library_view)
    everything = {e.name for e in browse.all_matching(library, browse.ExerciseQuery())}
    assert not {"Aztec Cable Curl", "Warm Up"} & everything
    bodyweight = {e.name for e in browse.all_matching(library, browse.ExerciseQuery(equipment=("bodyweight",)))}
    assert "Warm Up" not in bodyweight
    asked = {e.name for e in browse.all_matching(library, browse.ExerciseQuery(from_log=True))}
    assert {"Aztec Cable Curl", "Warm Up"} <= asked
    listed = {item.name: item for item in db.run(log_names.log_names)}
    assert listed["Aztec Cable Curl"].guessed_from == "Cable Curl" and listed["Warm Up"].guessed_from is None
    curl = db.run(training.resolve_exercise, "Aztec Cable Curl")  # still found by name, for the log page
    assert [m.slug for m in curl.primary_muscles] == [m.slug for m in library.exercises["cable-curl"].primary_muscles]
    assert library.exercises["cable-curl"].primary_muscles


def test_mapping_a_name_merges_its_history_and_later_imports_follow(db: Database, tmp_path: Path) -> None:
    db.run(log_import.import_log, "strong", strong_file(tmp_path, "2025-03-01", [("Aztec Cable Curl", 15, 12)]))
    done = db.run(log_names.map_name, "Aztec Cable Curl", "cable curl")
    assert (done.exercise_slug, done.sets, done.workouts) == ("cable-curl", 1, 1)
    assert db.run(log_names.log_names) == []
    with pytest.raises(NotFoundError):
        db.run(log_names.map_name, "Aztec Cable Curl", "cable curl")  # gone: it is a cable curl now
    history = db.run(training.exercise_history, "cable-curl")
    assert [len(h.sets) for h in history] == [1]
    # The next export of the same app: the name goes straight to the cable curl, nothing new is made.
    report = db.run(
        log_import.import_log, "strong", strong_file(tmp_path, "2025-03-08", [("Aztec Cable Curl", 17.5, 12)])
    )
    assert report.created == []
    assert [len(h.sets) for h in db.run(training.exercise_history, "cable-curl")] == [1, 1]
    records = db.run(training.exercise_strength, "cable-curl").records
    assert {r.kind: r.value for r in records}[RecordKind.HEAVIEST] == 17.5
    assert_overview_agrees(db)


def test_a_map_given_to_the_import_is_used_and_remembered(db: Database, tmp_path: Path) -> None:
    first = strong_file(tmp_path, "2025-03-01", [("Lat Pulldown Wide Bar Thing", 50, 10)])
    report = db.run(
        log_import.import_log, "strong", first, unit=WeightUnit.KG, maps={"lat pulldown wide bar thing": "lat-pulldown"}
    )
    assert report.created == []
    assert db.run(log_names.mappings) == {"Lat Pulldown Wide Bar Thing": "lat-pulldown"}
    again = db.run(
        log_import.import_log, "strong", strong_file(tmp_path, "2025-03-08", [("Lat Pulldown Wide Bar Thing", 55, 8)])
    )
    assert again.created == []
    assert len(db.run(training.exercise_history, "lat-pulldown")) == 2
