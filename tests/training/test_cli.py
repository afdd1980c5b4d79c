"""The training commands as a person types them (Typer's runner, a real database)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.services import training_settings
from liftlore.store.db import Database
from tests.conftest import SHARED, shared_file

runner = CliRunner()
LOGS = SHARED / "datasets" / "logs"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_logging_between_sets_and_the_prs_it_reports(cli_env: Database) -> None:
    code, out, _ = run("log", "single-leg hip thrust", "L", "40kg", "x", "10,", "R", "40kg", "x", "8")
    assert code == 0, out
    assert "logged 2 set(s) of Single-Leg Hip Thrust" in out
    assert "L 40kg x 10, R 40kg x 8" in out
    assert "PR! heaviest weight (left): 40 kg (first)" in out
    code, out, _ = run("log", "back", "squat", "100kg", "x", "5", "x", "3", "@8")
    assert code == 0 and "Barbell Back Squat today: 100kg x 5 x 3 @8" in out
    code, out, _ = run("log", "back squat", "105kg", "x", "3")
    assert "PR! heaviest weight: 105 kg, beating 100 kg" in out
    code, out, _ = run("log", "pull-up", "-20kg", "x", "8")  # '-20kg' is a set, not an option
    assert code == 0 and "-20kg x 8" in out


def test_a_unilateral_set_without_a_side_is_refused_with_how(cli_env: Database) -> None:
    code, _, err = run("log", "single-leg hip thrust", "40kg", "x", "10")
    assert code == 2
    assert err.startswith("error: side: Single-Leg Hip Thrust is done one side at a time")
    assert "put L or R before it" in err


def test_mistakes_exit_2_with_a_message(cli_env: Database) -> None:
    for args, words in (
        (("log", "back squat", "100kg"), "how many reps?"),
        (("log", "underwater basket weaving", "10"), "no exercise 'underwater basket weaving'"),
        (("log", "back squat", "100kg", "x", "5", "--at", "yesterday"), "is not a time"),
        (("prs", "nope nope"), "no exercise"),
        (("plates", "10"), "lighter than the bar"),
        (("settings", "unit", "stone"), "not a weight unit"),
        (("export", "log", "--format", "xml"), "json or csv"),
        (("estimate", "bw", "x", "5"), "one loaded set"),
    ):
        code, _, err = run(*args)
        assert code == 2, (args, err)
        assert err.startswith("error:") and words in err, (args, err)


def test_workout_history_and_records(cli_env: Database) -> None:
    run("log", "back squat", "100kg", "x", "5", "--at", "2025-09-15 07:48")
    run("log", "back squat", "100kg", "x", "6", "--at", "2025-09-17 07:48")
    code, out, _ = run("workout", "show")
    assert code == 0 and "Barbell Back Squat" in out and "100kg x 6" in out
    code, out, _ = run("history")
    assert "2025-09-17 07:48" in out and "2025-09-15 07:48" in out
    code, out, _ = run("history", "back squat")
    assert out.index("100kg x 6") < out.index("100kg x 5")
    code, out, _ = run("prs", "back squat", "--history")
    assert code == 0 and "most reps at a weight" in out
    assert "100kg x 6" in out  # the set behind a record, written as the log writes it
    code, out, _ = run("e1rm", "back squat")
    assert code == 0 and "100kg x 5" in out and "100kg x 6" in out
    code, out, _ = run("prs", "back squat", "--json")
    records = json.loads(out)["records"]
    assert {r["kind"] for r in records} == {"heaviest-weight", "best-e1rm", "best-set-volume", "most-reps"}
    code, out, _ = run("e1rm", "back squat", "--json")
    assert [round(p["e1rm_kg"], 1) for p in json.loads(out)["points"]] == [116.7, 120.0]
    code, out, _ = run("strength", "--json")
    (summary,) = json.loads(out)
    assert summary["slug"] == "barbell-back-squat" and len(summary["e1rm"]) == 2
    code, out, _ = run("workout", "finish", "--name", "Legs")
    assert code == 0 and "finished Legs" in out


def test_estimate_and_plates(cli_env: Database) -> None:
    code, out, _ = run("estimate", "100kg", "x", "5", "@8")
    assert code == 0
    assert "Epley" in out and "116.67 kg" in out and "RPE chart" in out and "123.3 kg" in out
    code, out, _ = run("plates", "142.5")
    assert out.strip() == "142.5 kg: bar 20 + each side 25 + 25 + 10 + 1.25"
    run("settings", "unit", "lb")
    code, out, _ = run("plates", "225")
    assert out.strip() == "225 lb: bar 45 + each side 45 + 45"
    code, out, _ = run("plates", "100kg", "--json")
    assert json.loads(out)["exact"] is None  # 220.46 lb cannot be made with pound plates


def test_plates_read_bare_numbers_in_the_persons_unit(cli_env: Database) -> None:
    run("settings", "unit", "lb")
    run("settings", "plates", "25,20,15,10,5,2.5,1.25 kg")
    run("settings", "bar", "20kg")
    code, out, _ = run("plates", "225")  # 225 lb is 102.06 kg
    assert code == 0
    assert out.splitlines()[0] == "102.06 kg cannot be loaded exactly with these plates"
    assert "nearest below: 100 kg: bar 20 + each side 25 + 15" in out
    code, out, _ = run("plates", "225", "--bar", "45")  # a 45 lb bar is 20.41 kg
    assert "bar 20.41 +" in out
    run("settings", "unit", "kg")
    run("settings", "plates", "45,35,25,10,5,2.5 lb")
    run("settings", "bar", "45lb")
    code, out, _ = run("plates", "102.5")  # 102.5 kg is 225.97 lb
    assert out.splitlines()[0] == "225.97 lb cannot be loaded exactly with these plates"


def test_settings_show_and_change(cli_env: Database) -> None:
    unit_row = re.compile(r"^│ unit +│ (\S+) +│", re.MULTILINE)
    code, out, _ = run("settings", "unit", "lb")
    assert code == 0 and unit_row.findall(out) == ["lb"]
    code, out, _ = run("settings")
    assert unit_row.findall(out) == ["lb"] and "rep-cap" in out
    code, out, _ = run("settings", "unit", "--reset")
    assert code == 0 and "unit" not in cli_env.run(training_settings.stored_settings)
    code, _, err = run("settings", "colour")
    assert code == 2 and "unknown setting 'colour'" in err


def test_a_time_without_an_offset_is_in_the_timezone_setting(cli_env: Database) -> None:
    run("settings", "timezone", "Europe/Berlin")
    code, out, _ = run("log", "back squat", "100kg", "x", "5", "--at", "2025-09-15 07:48", "--json")
    assert code == 0 and json.loads(out)["workout"]["started_at"] == "2025-09-15T07:48:00+02:00"


def test_import_strong_needs_a_unit_then_imports_once(cli_env: Database) -> None:
    sample = shared_file(LOGS / "strong-sample.csv")
    code, _, err = run("import", "log", "strong", str(sample))
    assert code == 2
    assert "--unit: the file does not say whether its weights are in kg or lb" in err
    code, out, _ = run("import", "log", "strong", str(sample), "--unit", "kg", "--dry-run")
    assert code == 0 and "15 workouts and 250 sets would be added" in out and "dry run" in out
    code, out, _ = run("import", "log", "strong", str(sample), "--unit", "kg")
    assert "15 workouts and 250 sets were added" in out
    assert "custom exercises were created for" in out and "Pec Deck (Machine)" in out
    code, out, _ = run("import", "log", "strong", str(sample), "--unit", "kg")
    assert "0 workouts and 0 sets were added" in out and "15 workouts were skipped: imported before" in out


def test_export_json_and_csv(cli_env: Database, tmp_path: Path) -> None:
    run("log", "back squat", "100kg", "x", "5", "--at", "2025-09-15 07:48")
    code, out, _ = run("export", "log", "--format", "json")
    assert code == 0 and json.loads(out)["format"] == "liftlore-training-log"
    target = tmp_path / "log.csv"
    code, _, err = run("export", "log", "--format", "csv", "-o", str(target))
    assert code == 0 and f"wrote {target}" in err
    assert target.read_text().splitlines()[0].startswith("workout_id,workout_name,started_at")
