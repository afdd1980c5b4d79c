"""Search as people type it: typos, glued words, aliases, and muscle names ranking their exercises first.

The ranking runs in Python over rows from the database, so this file runs unchanged on SQLite and PostgreSQL."""

from __future__ import annotations

import random

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.services import browse, search
from liftlore.services.datasets import import_dataset
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from tests.conftest import SHARED, shared_file


def top(db: Database, q: str, n: int = 5) -> list[str]:
    return [e.slug for e in browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q=q, per_page=n)).items]


def test_typo_finds_the_bulgarian_split_squat_first(db: Database) -> None:
    assert top(db, "bulgarain squat")[0] == "bulgarian-split-squat"


@pytest.mark.parametrize("q", ["hipthrust", "hip thurst", "hip thrust", "Hip-Thrusts"])
def test_hip_thrust_spellings(db: Database, q: str) -> None:
    found = top(db, q)
    assert found[0] == "barbell-hip-thrust"
    # The rest are hip thrusts too, or the barbell glute bridge, which lifters also call the floor hip thrust.
    assert all("hip-thrust" in slug or slug == "barbell-glute-bridge" for slug in found)


@pytest.mark.parametrize("q", ["pull up", "pull-up", "pullup", "Pull Ups"])
def test_pull_up_spellings(db: Database, q: str) -> None:
    assert top(db, q)[0] == "pull-up"


def test_alias_finds_its_exercise(db: Database) -> None:
    assert top(db, "RDL")[0] == "romanian-deadlift"


def test_a_muscle_name_ranks_its_exercises_first(db: Database) -> None:
    results = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q="glute", per_page=15))
    assert results.items and all("glutes" in {m.slug for m in e.primary_muscles} for e in results.items)
    assert results.items[0].slug.startswith("glute")  # a name that says "glute" beats one that only trains them


def test_nonsense_finds_nothing(db: Database) -> None:
    assert top(db, "xylophone quartet") == []


def test_search_and_filters_combine(db: Database) -> None:
    query = browse.ExerciseQuery(q="squat", laterality="unilateral", per_page=50)
    found = browse.search_exercises(db.run(library_view), query).items
    assert found and all(e.laterality == "unilateral" for e in found)
    assert "bulgarian-split-squat" in [e.slug for e in found]


def test_curated_pages_still_win_with_a_dataset_imported(db: Database) -> None:
    db.run(import_dataset, "wger", shared_file(SHARED / "datasets" / "wger"))
    assert top(db, "bulgarain squat")[0] == "bulgarian-split-squat"
    assert top(db, "pull up")[0] == "pull-up"
    assert top(db, "hip thurst")[0] == "barbell-hip-thrust"


def test_squat_machine_finds_squats_done_on_a_machine(db: Database) -> None:
    found = top(db, "squat machine", 10)
    machine_squats = {"hack-squat", "belt-squat", "smith-machine-squat", "pendulum-squat"}  # their kit is a machine
    assert len(set(found[:3])) == 3 and set(found[:3]) <= machine_squats
    assert "barbell-back-squat" not in found  # shares "squat" only


def test_chin_up_lists_no_machines(db: Database) -> None:
    results = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q="chin up", per_page=10)).items
    assert results[0].slug == "chin-up"
    assert not any("machine" in {use.equipment.slug for use in e.equipment} for e in results)


def test_slang_for_a_muscle_lists_its_exercises(db: Database) -> None:
    results = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q="butt", per_page=10)).items
    assert results and all("glutes" in {m.slug for m in e.primary_muscles} for e in results)


def test_the_order_rows_arrive_in_changes_nothing(catalog: Catalog) -> None:
    """SQLite and PostgreSQL may hand the rows over in different orders; the ranking must not notice."""
    exercises = list(catalog.exercises.values())
    curated = frozenset(catalog.exercises)
    shuffled = exercises[:]
    random.Random(14).shuffle(shuffled)
    first = search.search_index(exercises, curated, catalog.taxonomy)
    second = search.search_index(shuffled, curated, catalog.taxonomy)
    for q in ("squat", "glute", "db row", "hip thurst", "kettlebell", "pull up bar", "curl"):
        assert search.rank(q, first) == search.rank(q, second)
