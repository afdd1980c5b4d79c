"""Pages belong to the person who imported them: an import that would drop whole sections is refused unless
replaced on purpose, a catalog load never overwrites a person's page, the bundled version stays at hand to
compare with and to go back to, and a page keeps its own wording so it exports as it was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select
from typer.testing import CliRunner

from liftlore.catalog.loader import Catalog
from liftlore.cli import app
from liftlore.errors import LiftloreError
from liftlore.page.record import exercise_record
from liftlore.page.write import write_page
from liftlore.services import library
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import (
    DrillRow,
    EquipmentRow,
    ExerciseDrillRow,
    ExerciseEquipmentRow,
    ExerciseMuscleRow,
    ExerciseRow,
    MuscleGroupRow,
)
from tests.conftest import SEED_PAGE, shared_file

runner = CliRunner()
SLUG = "single-leg-hip-thrust"
REPEATED = "This isolation exercise helps to target the glute muscles."


def origin(db: Database, slug: str) -> str:
    with db.session() as session:
        return session.scalars(select(ExerciseRow.origin).where(ExerciseRow.slug == slug)).one()


def record(db: Database, slug: str = SLUG) -> dict[str, object]:
    return exercise_record(db.run(library.get_exercise, slug))


def page_file(tmp_path: Path, text: str, name: str = "my-page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def without_cool_down_and_faq(db: Database, tmp_path: Path) -> Path:
    """The bundled page cut off where its cool-down drill starts, as a truncated download would be."""
    text = db.run(library.export_page, SLUG)
    return page_file(tmp_path, text.split("\nCool Down\n")[0] + "\n")


def with_own_tip(db: Database, tmp_path: Path) -> Path:
    """The bundled page with its first tip rewritten and its last one left out: the person's version."""
    bundled = db.run(library.get_exercise, SLUG)
    text = db.run(library.export_page, SLUG).replace(bundled.tips[0], "Squeeze the glute of the working leg hard.")
    return page_file(tmp_path, text.replace(bundled.tips[-1] + "\n", ""))


# -- 1. an import that would drop sections is refused ------------------------------------------------------------


def test_a_page_that_would_drop_sections_is_refused_naming_the_file_and_what_it_would_drop(
    db: Database, tmp_path: Path, catalog: Catalog
) -> None:
    page = without_cool_down_and_faq(db, tmp_path)
    with pytest.raises(LiftloreError) as caught:
        db.run(library.import_page, page)
    assert str(caught.value) == (
        f"{page}: importing it would drop the cool-down drill and the FAQ (3 questions) of Single-Leg Hip Thrust; "
        "--replace imports it anyway"
    )
    # Nothing was written: the exercise is still the catalog's, whole.
    assert record(db) == exercise_record(catalog.exercises[SLUG])
    assert origin(db, SLUG) == "catalog"


def test_replace_imports_the_shorter_page_anyway(db: Database, tmp_path: Path) -> None:
    result = db.run(library.import_page, without_cool_down_and_faq(db, tmp_path), replace=True)
    assert not result.created
    stored = db.run(library.get_exercise, SLUG)
    assert stored.cool_down == () and stored.faq == () and stored.warm_up
    assert origin(db, SLUG) == "page"


def test_a_page_that_drops_no_whole_section_needs_no_replace(db: Database, tmp_path: Path) -> None:
    # One tip fewer is an edit, not a truncation.
    db.run(library.import_page, with_own_tip(db, tmp_path))
    assert "Squeeze the glute of the working leg hard." in db.run(library.get_exercise, SLUG).tips


def test_the_cli_refuses_with_exit_2_and_stores_nothing_and_replace_overrides(
    cli_env: Database, tmp_path: Path, catalog: Catalog
) -> None:
    page = without_cool_down_and_faq(cli_env, tmp_path)
    refused = runner.invoke(app, ["import", "page", str(page)])
    assert refused.exit_code == 2
    assert f"error: {page}: importing it would drop the cool-down drill and the FAQ (3 questions)" in refused.stderr
    assert record(cli_env) == exercise_record(catalog.exercises[SLUG])
    replaced = runner.invoke(app, ["import", "page", str(page), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "updated Single-Leg Hip Thrust (single-leg-hip-thrust)" in replaced.stdout
    assert cli_env.run(library.get_exercise, SLUG).faq == ()


# -- 2. a person's page is never overwritten by a catalog load ------------------------------------------------------


def test_a_catalog_load_keeps_the_persons_page_and_loads_everything_else(
    db: Database, tmp_path: Path, catalog: Catalog
) -> None:
    db.run(library.import_page, with_own_tip(db, tmp_path))
    mine = record(db)
    with db.session() as session:  # another bundled exercise, changed behind the catalog's back
        other = session.scalars(select(ExerciseRow).where(ExerciseRow.slug == "barbell-hip-thrust")).one()
        other.tips = ["changed"]
    loaded = db.run(library.load_bundled_catalog, force=True)
    assert loaded == len(catalog.exercises) - 1
    assert record(db) == mine and origin(db, SLUG) == "page"
    assert record(db, "barbell-hip-thrust") == exercise_record(catalog.exercises["barbell-hip-thrust"])
    # Variation links are not part of a page: the person's exercise keeps the catalog's.
    assert db.run(library.get_exercise, SLUG).easier == catalog.exercises[SLUG].easier


def test_catalog_load_force_on_the_cli_says_whose_version_it_kept(cli_env: Database, tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", "page", str(with_own_tip(cli_env, tmp_path))]).exit_code == 0
    result = runner.invoke(app, ["catalog", "load", "--force"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"kept your own version of 1: {SLUG}" in result.stdout
    assert "Squeeze the glute of the working leg hard." in cli_env.run(library.get_exercise, SLUG).tips


def test_diff_shows_the_persons_changes_against_the_bundled_page(db: Database, tmp_path: Path) -> None:
    untouched = db.run(library.diff_with_bundled, SLUG)
    assert untouched.bundled is not None and untouched.lines == ()
    bundled = db.run(library.get_exercise, SLUG)
    db.run(library.import_page, with_own_tip(db, tmp_path))
    lines = db.run(library.diff_with_bundled, "single leg hip thrust").lines  # a name finds it too
    assert lines[:2] == (f"--- bundled/{SLUG}\n", f"+++ yours/{SLUG}\n")
    changed = {line for line in lines if line[0] in "+-" and not line.startswith(("---", "+++"))}
    assert changed == {
        f"-{bundled.tips[0]}\n",
        f"-{bundled.tips[-1]}\n",
        "+Squeeze the glute of the working leg hard.\n",
    }


def test_diff_says_when_there_is_no_bundled_version(cli_env: Database, tmp_path: Path) -> None:
    page = page_file(
        tmp_path,
        "The towel pull is a bilateral isolation horizontal pull exercise done with body weight.\n"
        "Loop a towel round a post.\nLean back and pull.\n"
        "Muscle Worked\nPrimary Muscle Groups\nLats\nThe lats pull your arms back.\n",
    )
    assert runner.invoke(app, ["import", "page", str(page)]).exit_code == 0
    result = runner.invoke(app, ["catalog", "diff", "towel-pull"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Towel Pull (towel-pull) has no bundled version" in result.stdout
    same = runner.invoke(app, ["catalog", "diff", "barbell-hip-thrust"], env={"COLUMNS": "200"})
    assert "Barbell Hip Thrust (barbell-hip-thrust) reads the same as the bundled version" in same.stdout
    nothing = runner.invoke(app, ["export", "page", "towel-pull", "--bundled"])
    assert nothing.exit_code == 2 and "no bundled version of Towel Pull" in nothing.stderr


def test_importing_the_exported_bundled_page_with_replace_brings_the_bundled_text_back(
    cli_env: Database, tmp_path: Path, catalog: Catalog
) -> None:
    assert runner.invoke(app, ["import", "page", str(with_own_tip(cli_env, tmp_path))]).exit_code == 0
    bundled_page = tmp_path / "bundled.txt"
    exported = runner.invoke(app, ["export", "page", SLUG, "--bundled", "-o", str(bundled_page)])
    assert exported.exit_code == 0, exported.output
    assert bundled_page.read_text() == write_page(catalog.exercises[SLUG])
    assert runner.invoke(app, ["import", "page", str(bundled_page), "--replace"]).exit_code == 0
    diff = runner.invoke(app, ["catalog", "diff", SLUG], env={"COLUMNS": "200"})
    assert "reads the same as the bundled version" in diff.stdout
    assert origin(cli_env, SLUG) == "page"  # still the person's: it stays as it is through later catalog loads


def test_restore_gives_the_exercise_back_to_the_catalog(cli_env: Database, tmp_path: Path, catalog: Catalog) -> None:
    assert runner.invoke(app, ["import", "page", str(with_own_tip(cli_env, tmp_path))]).exit_code == 0
    result = runner.invoke(app, ["catalog", "restore", SLUG])
    assert result.exit_code == 0, result.output
    assert record(cli_env) == exercise_record(catalog.exercises[SLUG])
    assert origin(cli_env, SLUG) == "catalog"
    assert cli_env.run(library.get_exercise, SLUG).aliases == catalog.exercises[SLUG].aliases


def test_an_import_keeps_the_aliases_and_level_a_page_cannot_state(
    db: Database, tmp_path: Path, catalog: Catalog
) -> None:
    db.run(library.import_page, with_own_tip(db, tmp_path))
    stored = db.run(library.get_exercise, SLUG)
    assert stored.aliases == catalog.exercises[SLUG].aliases and stored.aliases
    assert stored.level == catalog.exercises[SLUG].level is not None


# -- 3. a page keeps its own wording; the catalog keeps the shared one ------------------------------------------


def link_rows_with_own_wording(db: Database) -> int:
    with db.session() as session:
        return sum(
            session.scalar(select(func.count()).select_from(table).where(column.is_not(None))) or 0
            for table, column in (
                (ExerciseMuscleRow, ExerciseMuscleRow.page_description),
                (ExerciseEquipmentRow, ExerciseEquipmentRow.page_description),
                (ExerciseDrillRow, ExerciseDrillRow.page_drill),
            )
        )


def test_bundled_exercises_use_the_shared_wording(db: Database) -> None:
    assert link_rows_with_own_wording(db) == 0
    db.run(library.load_bundled_catalog, force=True)
    assert link_rows_with_own_wording(db) == 0


@pytest.mark.shared
def test_the_seed_page_exports_as_it_was_written(cli_env: Database) -> None:
    seed = shared_file(SEED_PAGE)
    assert runner.invoke(app, ["import", "page", str(seed)]).exit_code == 0
    exported = runner.invoke(app, ["export", "page", SLUG])
    assert exported.exit_code == 0, exported.output
    # The one difference: the reader drops the summary's repeated sentence (and says so).
    expected = seed.read_text(encoding="utf-8").replace(f"{REPEATED} {REPEATED}", REPEATED)
    assert [line.rstrip() for line in exported.stdout.splitlines()] == [line.rstrip() for line in expected.splitlines()]


@pytest.mark.shared
def test_the_seed_pages_wording_is_its_own_and_shared_entities_are_unchanged(db: Database, catalog: Catalog) -> None:
    db.run(library.import_page, shared_file(SEED_PAGE))
    stored = db.run(library.get_exercise, SLUG)
    assert stored.primary_muscles[1].description == "The hamstrings flex your knees and extend and rotate your hips"
    assert (
        stored.equipment[1].equipment.description
        == "A weight bench is a piece of equipment that you sit on to weight train"
    )
    assert stored.warm_up[0].steps[-1] == "Continue for at least 10 swings, then switch legs."
    assert stored.cool_down[0].dose.seconds == (10, 30)
    with db.session() as session:
        for row in session.scalars(select(MuscleGroupRow)):
            assert row.description == catalog.taxonomy.muscles[row.slug].description, row.slug
        for equipment in session.scalars(select(EquipmentRow)):
            assert equipment.description == catalog.taxonomy.equipment[equipment.slug].description
        for drill in session.scalars(select(DrillRow)):
            assert tuple(drill.steps) == catalog.drills[drill.slug].steps, drill.slug
    # Other exercises that use the same drill still show the library's version of it.
    assert (
        db.run(library.get_exercise, "bulgarian-split-squat").warm_up
        == catalog.exercises["bulgarian-split-squat"].warm_up
    )


@pytest.mark.shared
def test_a_dry_run_warns_as_the_real_import_does_and_stores_nothing(cli_env: Database, catalog: Catalog) -> None:
    seed = str(shared_file(SEED_PAGE))
    dry = runner.invoke(app, ["import", "page", seed, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would update Single-Leg Hip Thrust" in dry.stdout
    assert record(cli_env) == exercise_record(catalog.exercises[SLUG]) and origin(cli_env, SLUG) == "catalog"
    real = runner.invoke(app, ["import", "page", seed])
    assert real.exit_code == 0, real.output
    assert dry.stderr == real.stderr
    assert REPEATED in real.stderr and "have no question" in real.stderr


# -- the migration -------------------------------------------------------------------------------------------------


def test_downgrading_past_0005_drops_only_the_pages_wording(db: Database, tmp_path: Path) -> None:
    db.run(library.import_page, with_own_tip(db, tmp_path))
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(ExerciseMuscleRow))
    command.downgrade(alembic_config(db.engine), "0004")
    db.upgrade()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ExerciseMuscleRow)) == before
    assert link_rows_with_own_wording(db) == 0
    assert "Squeeze the glute of the working leg hard." in db.run(library.get_exercise, SLUG).tips
