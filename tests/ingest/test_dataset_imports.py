"""Importing the real datasets in ../shared/datasets: every record accounted for, links instead of duplicates,
sources and licences kept, nothing changed by a second run."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from liftlore.errors import LiftloreError
from liftlore.services import datasets, library
from liftlore.services.datasets import DatasetReport, import_dataset
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow, ExerciseSourceRow
from liftlore.store.versions import library_version
from tests.conftest import SHARED, shared_file
from tests.web.client import client_for

DATASETS = SHARED / "datasets"
WGER = DATASETS / "wger"
FREE = DATASETS / "free-exercise-db" / "exercises.json"
OPEN = DATASETS / "open-exercise-db"


def rows(db: Database, table: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def accounted(report: DatasetReport) -> int:
    return report.added + report.linked + report.merged + report.skipped_total + report.unchanged


def wger_fixture(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(shared_file(WGER / name).read_text())
    return data


def test_wger_every_exercise_is_accounted_for(db: Database) -> None:
    shared_file(WGER)
    bases = wger_fixture("exercise-base-data.json")
    report = db.run(import_dataset, "wger", WGER)
    assert report.records == len(bases) == 872
    assert accounted(report) == 872
    no_primary = sum(1 for base in bases if not base["fields"]["muscles"])
    assert report.skipped["no primary muscle"] == no_primary == 185
    assert report.linked > 0 and report.merged > 0
    assert report.unmapped_muscles["Serratus anterior"] > 0  # reported, never silently dropped
    assert rows(db, ExerciseSourceRow) == 872 - report.skipped_total


def test_wger_duplicate_english_names_are_merged(db: Database) -> None:
    shared_file(WGER)
    usable = {b["pk"] for b in wger_fixture("exercise-base-data.json") if b["fields"]["muscles"]}
    names = Counter(
        t["fields"]["name"].strip().lower()
        for t in wger_fixture("translations.json")
        if t["model"] == "exercises.translation" and t["fields"]["language"] == 2 and t["fields"]["exercise"] in usable
    )
    exact_duplicates = sum(count - 1 for count in names.values() if count > 1)
    report = db.run(import_dataset, "wger", WGER)
    # Exact repeats at least; the name key also merges plurals and punctuation variants.
    assert report.merged >= exact_duplicates > 0


def test_wger_single_leg_hip_thrust_arrives_with_glutes_primary(db: Database) -> None:
    shared_file(WGER)
    db.run(import_dataset, "wger", WGER)
    exercise = db.run(library.get_exercise, "dumbbell-single-leg-hip-thrust")
    assert [m.slug for m in exercise.primary_muscles] == ["glutes"]
    assert exercise.laterality == "unilateral"
    assert exercise.source is not None
    assert exercise.source.name == "wger" and exercise.source.licence and exercise.source.author


def test_wger_records_already_in_the_library_are_linked(db: Database) -> None:
    shared_file(WGER)
    before = rows(db, ExerciseRow)
    report = db.run(import_dataset, "wger", WGER)
    assert rows(db, ExerciseRow) == before + report.added
    with db.session() as session:
        linked = session.execute(
            select(ExerciseSourceRow.name, ExerciseRow.slug)
            .join(ExerciseRow, ExerciseRow.id == ExerciseSourceRow.exercise_id)
            .where(ExerciseSourceRow.relation == "linked")
        ).all()
    linked_to = {name.lower(): slug for name, slug in linked}
    assert linked_to.get("barbell hip thrust") == "barbell-hip-thrust"
    assert linked_to.get("romanian deadlift") == "romanian-deadlift"


def test_wger_descriptions_reach_pages_as_plain_text(db: Database) -> None:
    shared_file(WGER)
    db.run(import_dataset, "wger", WGER)
    with db.session() as session:
        added = session.scalars(select(ExerciseRow).where(ExerciseRow.source_name == "wger")).all()
        steps = [step for row in added for step in row.steps]
    assert steps and not any("<p>" in s or "</" in s or "<strong>" in s for s in steps)
    html = client_for(db).get("/exercises/dumbbell-single-leg-hip-thrust").text
    assert "Source: wger" in html and "CC-BY-SA" in html


@pytest.mark.parametrize(("source", "path"), [("wger", WGER), ("free-exercise-db", FREE), ("open-exercise-db", OPEN)])
def test_importing_twice_changes_nothing(db: Database, source: str, path: Path) -> None:
    shared_file(path)
    first = db.run(import_dataset, source, path)
    counts = (rows(db, ExerciseRow), rows(db, ExerciseSourceRow))
    second = db.run(import_dataset, source, path)
    assert (second.added, second.linked, second.merged) == (0, 0, 0)
    assert second.unchanged == first.records - first.skipped_total
    assert (rows(db, ExerciseRow), rows(db, ExerciseSourceRow)) == counts


def test_free_exercise_db(db: Database) -> None:
    data = json.loads(shared_file(FREE).read_text())
    report = db.run(import_dataset, "free-exercise-db", FREE)
    assert accounted(report) == len(data) == 873
    assert report.unmapped_equipment["other"] == sum(1 for x in data if x["equipment"] == "other")
    assert report.fixes["a primary muscle repeated among the secondary ones was dropped"] == sum(
        1 for x in data if set(x["primaryMuscles"]) & set(x["secondaryMuscles"])
    )
    # "Squat with Bands" and "Squats - With Bands" are one exercise.
    with db.session() as session:
        merged = session.scalars(select(ExerciseSourceRow.name).where(ExerciseSourceRow.relation == "merged")).all()
    assert {"Squat with Bands", "Squats - With Bands"} & set(merged)


def test_open_exercise_db_corrects_one_sided_lunges(db: Database) -> None:
    shared_file(OPEN)
    report = db.run(import_dataset, "open-exercise-db", OPEN)
    assert accounted(report) == 991
    assert report.fixes["laterality corrected to unilateral from the name"] > 0


def test_dry_run_writes_nothing(db: Database) -> None:
    shared_file(WGER)
    before = (rows(db, ExerciseRow), rows(db, ExerciseSourceRow))
    with db.session(rollback=True) as session:
        report = import_dataset(session, "wger", WGER, dry_run=True)
    assert report.added > 0 and report.dry_run
    assert (rows(db, ExerciseRow), rows(db, ExerciseSourceRow)) == before


def test_a_broken_file_is_refused_whole(db: Database, tmp_path: Path) -> None:
    broken = tmp_path / "exercises.json"
    broken.write_text('[{"id": "a", "name": "A", "primaryMuscles": ["glutes"]},\n {"id": ')
    before = rows(db, ExerciseRow)
    with pytest.raises(LiftloreError) as caught:
        db.run(import_dataset, "free-exercise-db", broken)
    assert str(caught.value).startswith(f"{broken}:2: not valid JSON")
    assert rows(db, ExerciseRow) == before
    with pytest.raises(LiftloreError, match="unknown dataset 'exercisedb'; known: free-exercise-db"):
        db.run(import_dataset, "exercisedb", broken)
    with pytest.raises(LiftloreError, match="not a wger fixture folder"):
        db.run(import_dataset, "wger", tmp_path)


def library_state(db: Database) -> tuple[int, int, str]:
    with db.session() as session:
        version = library_version(session)
    return rows(db, ExerciseRow), rows(db, ExerciseSourceRow), version


def test_a_failure_part_way_through_storing_writes_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    shared_file(WGER)
    before = library_state(db)
    store_one = datasets._import_one
    calls: list[int] = []
    stored_before_failing: list[int] = []

    def fail_on_the_300th(session: Any, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 300:
            # Proves the failure comes mid-write: the transaction already holds this run's rows.
            stored_before_failing.append(session.scalar(select(func.count()).select_from(ExerciseRow)))
            raise OSError("disk full")
        store_one(session, *args)

    monkeypatch.setattr(datasets, "_import_one", fail_on_the_300th)
    with pytest.raises(OSError, match="disk full"):
        db.run(import_dataset, "wger", WGER)
    assert stored_before_failing[0] > before[0]
    assert library_state(db) == before


# -- records of the wrong shape ------------------------------------------------------------------------------------


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def assert_refused(db: Database, source: str, path: Path, file: Path, field: str, message: str) -> None:
    before = library_state(db)
    with pytest.raises(LiftloreError) as caught:
        db.run(import_dataset, source, path)
    assert (caught.value.file, caught.value.field) == (str(file), field)
    assert message in str(caught.value)
    assert library_state(db) == before


GOOD = {"id": "a", "name": "Glute Bridge Hold", "primaryMuscles": ["glutes"], "level": "beginner"}


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ({"primaryMuscles": "glutes"}, "[1].primaryMuscles", 'expected a list of text, found text "glutes"'),
        ({"secondaryMuscles": ["hamstrings", 3]}, "[1].secondaryMuscles", "found the number 3 in the list"),
        ({"level": ["beginner"]}, "[1].level", "expected text, found a list"),
        ({"name": {"en": "Bridge"}}, "[1].name", "expected text, found an object"),
    ],
)
def test_free_exercise_db_record_of_the_wrong_shape(
    db: Database, tmp_path: Path, bad: dict[str, object], field: str, message: str
) -> None:
    path = write_json(tmp_path / "exercises.json", [GOOD, {**GOOD, "id": "b", **bad}])
    assert_refused(db, "free-exercise-db", path, path, field, message)


def test_open_exercise_db_names_the_file_of_the_bad_record(db: Database, tmp_path: Path) -> None:
    write_json(tmp_path / "exercises" / "a.json", GOOD)
    bad = write_json(tmp_path / "exercises" / "b.json", {**GOOD, "id": "b", "laterality": True})
    assert_refused(db, "open-exercise-db", tmp_path, bad, "laterality", "expected text, found true")


def write_wger(folder: Path, broken: str = "", record: dict[str, Any] | None = None) -> Path:
    """A one-exercise wger fixture folder; `record` replaces the first record of the file named `broken`."""
    files: dict[str, list[dict[str, Any]]] = {
        "muscles.json": [{"model": "exercises.muscle", "pk": 1, "fields": {"name": "Gluteus maximus"}}],
        "equipment.json": [{"model": "exercises.equipment", "pk": 1, "fields": {"name": "Barbell"}}],
        "licenses.json": [{"model": "core.license", "pk": 1, "fields": {"short_name": "CC0"}}],
        "translations.json": [
            {
                "model": "exercises.translation",
                "pk": 10,
                "fields": {"exercise": 7, "language": 2, "name": "Glute Bridge Hold", "description": "<p>Lift.</p>"},
            },
            {"model": "exercises.alias", "pk": 11, "fields": {"translation": 10, "alias": "Bridge Hold"}},
        ],
        "exercise-base-data.json": [
            {
                "model": "exercises.exercise",
                "pk": 7,
                "fields": {"muscles": [1], "muscles_secondary": [], "equipment": [1], "license": 1},
            }
        ],
    }
    if record is not None:
        files[broken][0] = record
    for name, data in files.items():
        write_json(folder / name, data)
    return folder


def test_the_small_wger_fixture_imports(db: Database, tmp_path: Path) -> None:
    report = db.run(import_dataset, "wger", write_wger(tmp_path))
    assert report.added == 1
    exercise = db.run(library.get_exercise, "glute-bridge-hold")
    assert exercise.aliases == ("Bridge Hold",)
    assert exercise.source is not None and exercise.source.licence == "CC0"


@pytest.mark.parametrize(
    ("broken", "record", "field", "message"),
    [
        (
            "exercise-base-data.json",
            {"model": "exercises.exercise", "pk": "seven", "fields": {"muscles": [1]}},
            "[0].pk",
            'expected a whole number, found text "seven"',
        ),
        (
            "exercise-base-data.json",
            {"model": "exercises.exercise", "pk": 7, "fields": {"muscles": ["1"]}},
            "[0].fields.muscles",
            'the record with pk 7: expected a list of whole numbers, found text "1" in the list',
        ),
        (
            "exercise-base-data.json",
            {"model": "exercises.exercise", "pk": 7, "fields": {"muscles": [1], "license": "CC0"}},
            "[0].fields.license",
            "the record with pk 7: expected a whole number",
        ),
        (
            "translations.json",
            {"model": "exercises.translation", "pk": 10, "fields": {"language": 2, "name": "Glute Bridge Hold"}},
            "[0].fields.exercise",
            "the record with pk 10: expected a whole number, found nothing (null)",
        ),
        ("muscles.json", {"model": "exercises.muscle", "pk": 1}, "[0]", "expected an object with a 'fields' object"),
        (
            "licenses.json",
            {"model": "core.license", "pk": 1, "fields": {"short_name": ["CC0"]}},
            "[0].fields.short_name",
            "the record with pk 1: expected text, found a list",
        ),
    ],
)
def test_wger_record_of_the_wrong_shape(
    db: Database, tmp_path: Path, broken: str, record: dict[str, Any], field: str, message: str
) -> None:
    folder = write_wger(tmp_path, broken, record)
    assert_refused(db, "wger", folder, folder / broken, field, message)
