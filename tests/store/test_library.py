"""Storing pages and the catalog: one transaction, updates instead of duplicates, shared entities kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from liftlore.catalog.loader import Catalog
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.page.read import parse_page
from liftlore.page.record import exercise_record, page_record
from liftlore.services import browse, library
from liftlore.services.library import ensure_catalog
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import DrillRow, ExerciseRow, MuscleGroupRow
from tests.conftest import DATA

PAGES = DATA / "pages"


def count(db: Database, table: type) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_catalog_is_loaded_whole(db: Database, catalog: Catalog) -> None:
    assert count(db, ExerciseRow) == len(catalog.exercises)
    assert count(db, MuscleGroupRow) == len(catalog.taxonomy.muscles)
    stored = db.run(library.get_exercise, "barbell-hip-thrust")
    assert exercise_record(stored) == exercise_record(catalog.exercises["barbell-hip-thrust"])
    assert stored.level == catalog.exercises["barbell-hip-thrust"].level
    assert stored.harder == catalog.exercises["barbell-hip-thrust"].harder


def test_loading_the_same_catalog_again_is_skipped(db: Database) -> None:
    assert db.run(library.load_bundled_catalog) is None
    before = count(db, ExerciseRow)
    assert db.run(library.load_bundled_catalog, force=True) == before
    assert count(db, ExerciseRow) == before


def test_importing_a_page_twice_updates_instead_of_duplicating(db: Database) -> None:
    before = count(db, ExerciseRow)
    first = db.run(library.import_page, PAGES / "faq-with-questions.txt")
    second = db.run(library.import_page, PAGES / "faq-with-questions.txt")
    assert (first.created, second.created) == (True, False)
    assert count(db, ExerciseRow) == before + 1
    stored = db.run(library.get_exercise, "rope-hip-drive")
    assert [m.slug for m in stored.primary_muscles] == ["glutes", "hamstrings"]
    assert len(stored.faq) == 3


def test_dry_run_stores_nothing(db: Database) -> None:
    before = count(db, ExerciseRow)
    with db.session(rollback=True) as session:
        result = library.import_page(session, PAGES / "one-primary.txt")
    assert result.page.exercise.slug == "rope-wrist-winder" and result.created
    assert count(db, ExerciseRow) == before


def test_import_keeps_the_library_descriptions_of_shared_entities(db: Database, catalog: Catalog) -> None:
    db.run(library.import_page, PAGES / "muscle-no-period.txt", replace=True)  # it has no drills; the catalog's has
    stored = db.run(library.get_exercise, "seated-calf-raise")
    # The page's own line about the calves is its exercise's; the library's shared description is kept.
    assert stored.primary_muscles[0].description == "The calves point your foot and lift your heel"
    with db.session() as session:
        calves = session.scalars(select(MuscleGroupRow).where(MuscleGroupRow.slug == "calves")).one()
        assert calves.description == catalog.taxonomy.muscles["calves"].description


def test_unknown_muscle_on_a_page_becomes_a_new_group(db: Database, tmp_path: Path) -> None:
    page = tmp_path / "pelvic.txt"
    page.write_text(
        "The kegel squeeze is a bilateral isolation exercise done with your body weight.\n"
        "Sit tall with both feet flat.\nSqueeze and lift the pelvic floor, then let it go.\n"
        "Muscle Worked\nPrimary Muscle Groups\nPelvic Floor\nThe muscles that hold up the organs of the pelvis.\n"
    )
    result = db.run(library.import_page, page)
    assert any("'Pelvic Floor' is not a known muscle group" in w for w in result.page.warnings)
    assert db.run(library.get_exercise, "kegel-squeeze").primary_muscles[0].slug == "pelvic-floor"


def test_a_drill_the_library_already_has_is_linked_not_overwritten(db: Database, catalog: Catalog) -> None:
    db.run(library.import_page, PAGES / "warm-up-only.txt")
    with db.session() as session:
        row = session.scalars(select(DrillRow).where(DrillRow.slug == "standing-hip-circles")).one()
        assert tuple(row.steps) == catalog.drills["standing-hip-circles"].steps
    # The exercise links to the library's drill but keeps the page's own steps for it.
    [drill] = db.run(library.get_exercise, "lateral-band-walk").warm_up
    assert drill.slug == "standing-hip-circles"
    assert "Draw slow circles with one knee, opening the hip outward." in drill.steps
    assert drill.steps != catalog.drills["standing-hip-circles"].steps


def test_failed_import_writes_nothing(db: Database) -> None:
    before = (count(db, ExerciseRow), count(db, MuscleGroupRow))
    with pytest.raises(LiftloreError):
        db.run(library.import_page, PAGES / "cut-off.txt")
    assert (count(db, ExerciseRow), count(db, MuscleGroupRow)) == before


def test_unknown_slug_suggests_close_names(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        db.run(library.get_exercise, "hip-thurst")
    assert "barbell-hip-thrust" in caught.value.suggestions or "single-leg-hip-thrust" in caught.value.suggestions


def test_list_filters_combine(db: Database, catalog: Catalog) -> None:
    query = browse.ExerciseQuery(muscle=("glutes",), laterality="unilateral")
    found = browse.all_matching(db.run(library_view), query)
    expected = sorted(
        ex.name
        for ex in catalog.exercises.values()
        if ex.laterality == "unilateral" and "glutes" in {m.slug for m in ex.primary_muscles}
    )
    assert sorted(ex.name for ex in found) == expected
    assert "Single-Leg Hip Thrust" in expected
    wider = browse.all_matching(db.run(library_view), browse.ExerciseQuery(muscle=("glutes",), muscle_role="any"))
    assert len(wider) > len(browse.all_matching(db.run(library_view), browse.ExerciseQuery(muscle=("glutes",))))
    bench = browse.all_matching(db.run(library_view), browse.ExerciseQuery(equipment=("bench",)))
    assert bench and all(any(u.equipment.slug == "bench" for u in ex.equipment) for ex in bench)
    bodyweight = browse.all_matching(db.run(library_view), browse.ExerciseQuery(equipment=("bodyweight",)))
    assert bodyweight and all(all(u.optional for u in ex.equipment) for ex in bodyweight)


def test_unknown_filter_value_lists_the_known_ones(db: Database) -> None:
    with pytest.raises(LiftloreError) as caught:
        browse.all_matching(db.run(library_view), browse.ExerciseQuery(muscle=("glutez",)))
    assert "unknown muscle 'glutez'" in str(caught.value) and "glutes" in str(caught.value)


def test_exported_page_of_a_stored_exercise_reads_back_the_same(db: Database, catalog: Catalog) -> None:
    text = db.run(library.export_page, "single-leg-hip-thrust")
    parsed = parse_page(text, catalog.taxonomy)
    assert page_record(parsed.exercise) == page_record(db.run(library.get_exercise, "single-leg-hip-thrust"))


def test_an_upgrade_to_planner_defaults_reloads_the_bundled_pages_with_them(db: Database) -> None:
    """Migration 0009 adds the column and forgets the catalog's fingerprint, so the next start fills it."""
    command.downgrade(alembic_config(db.engine), "0008")
    db.upgrade()
    assert db.run(library.get_exercise, "barbell-back-squat").planner is None  # the column is there, still empty
    assert ensure_catalog(db) is not None  # reloaded, though the files did not change
    squat = db.run(library.get_exercise, "barbell-back-squat").planner
    assert squat is not None and (squat.low, squat.high, squat.ramp_up) == (5, 8, True)
