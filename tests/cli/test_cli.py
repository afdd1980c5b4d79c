"""The `liftlore` command as a user types it (Typer's runner, a real database)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.domain.exercise import PlannerDefaults
from liftlore.services import library
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow
from tests.conftest import DATA, SEED_PAGE, shared_file

runner = CliRunner()
PAGES = DATA / "pages"


def exercise_count(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ExerciseRow)) or 0


def test_import_seed_page_as_json(cli_env: Database) -> None:
    result = runner.invoke(app, ["import", "page", str(shared_file(SEED_PAGE)), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["slug"] == "single-leg-hip-thrust"
    assert [m["slug"] for m in record["secondary_muscles"]] == ["calves", "lower-back", "obliques", "quads"]
    assert record["cool_down"][0]["dose"] == {
        "text": "Hold for 10-30 seconds.",
        "reps": None,
        "seconds": [10, 30],
        "per_side": True,
    }


def test_import_prints_warnings_and_what_it_did(cli_env: Database) -> None:
    before = exercise_count(cli_env)
    # --replace: the page has no drills or secondary muscles, which the catalog's dead bug has.
    result = runner.invoke(app, ["import", "page", str(PAGES / "unknown-heading.txt"), "--replace"])
    assert result.exit_code == 0, result.output
    assert "unknown heading 'Common Mistakes'" in result.stderr
    # The catalog has a dead bug of its own: the page updates it instead of adding a second one.
    assert "updated Dead Bug (dead-bug)" in result.stdout
    again = runner.invoke(app, ["import", "page", str(PAGES / "unknown-heading.txt")])
    assert "updated Dead Bug (dead-bug)" in again.stdout
    assert exercise_count(cli_env) == before


def test_import_with_name_and_dry_run(cli_env: Database) -> None:
    before = exercise_count(cli_env)
    result = runner.invoke(
        app, ["import", "page", str(PAGES / "one-primary.txt"), "--name", "Forearm Roller", "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "would add Forearm Roller (forearm-roller)" in result.stdout
    assert exercise_count(cli_env) == before


def test_bad_files_exit_2_with_a_message_and_write_nothing(cli_env: Database, tmp_path: Path) -> None:
    before = exercise_count(cli_env)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02binary")
    big = tmp_path / "big.txt"
    big.write_text("x" * 1_000_001)
    cases = {
        empty: "the file is empty",
        binary: "binary file",
        big: "a page may be at most 1,000,000 bytes",
        PAGES / "no-muscle-section.txt": "no 'Muscle Worked' section",
        PAGES / "cut-off.txt": "cut off",
        tmp_path / "missing.txt": "cannot read the file",
    }
    for path, words in cases.items():
        result = runner.invoke(app, ["import", "page", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert result.stderr.startswith(f"error: {path}"), result.stderr
        assert words in result.stderr, result.stderr
        assert "Traceback" not in result.output
    assert "cut-off.txt:8:" in runner.invoke(app, ["import", "page", str(PAGES / "cut-off.txt")]).stderr
    assert exercise_count(cli_env) == before


def test_show_renders_every_section(cli_env: Database) -> None:
    result = runner.invoke(app, ["show", "single-leg-hip-thrust"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for heading in (
        "Single-Leg Hip Thrust",
        "How to",
        "Muscles worked",
        "Pro tips",
        "Equipment",
        "Benefits",
        "Warm up",
        "Cool down",
        "FAQ",
        "Forward leg swings",
        "Figure 4 stretch",
        "Barbell (optional)",
        "Hamstrings",
        "per side",
        "Sets, rest and progression",
    ):
        assert heading in result.stdout, heading
    planner = db_exercise_planner(cli_env, "single-leg-hip-thrust")
    assert f"Work sets: {planner.low}-{planner.high} reps" in result.stdout


def test_show_unknown_slug_exits_2_and_suggests(cli_env: Database) -> None:
    result = runner.invoke(app, ["show", "single-leg-hip-thurst"])
    assert result.exit_code == 2
    assert "no exercise 'single-leg-hip-thurst'" in result.stderr
    assert "Did you mean: single-leg-hip-thrust" in result.stderr


def test_list_filters_and_json(cli_env: Database) -> None:
    result = runner.invoke(app, ["list", "--muscle", "glutes", "--laterality", "unilateral", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert "single-leg-hip-thrust" in [row["slug"] for row in rows]
    assert all(row["laterality"] == "unilateral" for row in rows)
    barbell = json.loads(runner.invoke(app, ["list", "--equipment", "barbell", "--json"]).stdout)
    assert "barbell-hip-thrust" in [row["slug"] for row in barbell]
    table = runner.invoke(app, ["list", "--muscle", "hamstrings"], env={"COLUMNS": "200"})
    assert "Single-Leg Hip Thrust" in table.stdout and "exercise(s)" in table.stdout


def test_list_unknown_filter_value_exits_2(cli_env: Database) -> None:
    result = runner.invoke(app, ["list", "--laterality", "sideways"])
    assert result.exit_code == 2
    assert "laterality: unknown laterality 'sideways'; known: unilateral, bilateral" in result.stderr


def test_export_page_then_import_gives_the_same_record(cli_env: Database, tmp_path: Path) -> None:
    target = tmp_path / "bht.txt"
    exported = runner.invoke(app, ["export", "page", "barbell-hip-thrust", "-o", str(target)])
    assert exported.exit_code == 0, exported.output
    text = target.read_text()
    for heading in (
        "Muscle Worked",
        "Primary Muscle Groups",
        "Pro Tips",
        "Equipments",
        "Benefits",
        "Warm Up & Cool Down",
        "FAQ",
    ):
        assert f"\n{heading}\n" in text
    reimported = runner.invoke(app, ["import", "page", str(target), "--json", "--dry-run"])
    record = json.loads(reimported.stdout)
    assert record["slug"] == "barbell-hip-thrust" and record["warnings"] == []


def test_catalog_check_passes() -> None:
    result = runner.invoke(app, ["catalog", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("catalog ok:")


def test_import_dataset_prints_a_summary(cli_env: Database) -> None:
    wger = shared_file(SEED_PAGE.parent.parent / "datasets" / "wger")
    result = runner.invoke(app, ["import", "dataset", "wger", str(wger)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "wger: 872 records" in result.stdout
    assert "skipped 185: no primary muscle" in result.stdout
    assert "unmapped muscle names: Serratus anterior" in result.stdout
    again = runner.invoke(app, ["import", "dataset", "wger", str(wger)], env={"COLUMNS": "200"})
    assert "0  added" in again.stdout and "unchanged (imported before)" in again.stdout


def test_import_dataset_bad_input_exits_2(cli_env: Database, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "dataset", "exercisedb", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown dataset 'exercisedb'" in result.stderr
    missing = runner.invoke(app, ["import", "dataset", "wger", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr


def db_exercise_planner(db: Database, slug: str) -> PlannerDefaults:
    planner = db.run(library.get_exercise, slug).planner
    assert planner is not None
    return planner
