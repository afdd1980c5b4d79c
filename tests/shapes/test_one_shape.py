"""One JSON shape per entity: the API, every `--json` output and the export say the same thing the same way.

Each test logs through one adapter and reads through the others, then compares the JSON whole (not a few
fields): a field that one adapter adds, drops or spells differently fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.services import library, log_import
from liftlore.shapes.export import ExportDocument
from liftlore.shapes.library import ExerciseBrief, ExerciseItem, ExerciseRecord
from liftlore.shapes.training import LogOut
from liftlore.store.db import Database
from tests.conftest import DATA
from tests.web.client import client_for

runner = CliRunner()
EXPORT_V1 = DATA / "logs" / "liftlore-export-v1.json"


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def api(cli_env: Database) -> TestClient:
    return client_for(cli_env)


def test_the_log_reads_the_same_from_the_cli_the_api_and_the_export(api: TestClient) -> None:
    logged = cli_json("log", "single-leg hip thrust", "L", "40kg", "x", "10,", "R", "40kg", "x", "8")
    LogOut.model_validate(logged)
    assert [r["kind"] for r in logged["records"]][:1] == ["heaviest-weight"]  # the PRs the sets set
    workout_id = logged["workout"]["id"]
    posted = api.post("/api/v1/log", json={"exercise": "back squat", "sets": "100kg x 5 @8, 90kg x 8"})
    assert posted.status_code == 201
    assert posted.json()["workout"]["id"] == workout_id  # the same workout, in progress

    workout = api.get(f"/api/v1/workouts/{workout_id}").json()
    assert cli_json("workout", "show", workout_id) == workout
    assert {k: v for k, v in logged["workout"].items() if k != "entries"} == {
        k: v for k, v in workout.items() if k != "entries"
    }
    assert logged["workout"]["entries"][0] == workout["entries"][0]
    assert cli_json("history") == api.get("/api/v1/workouts").json()
    previous = api.get("/api/v1/exercises/single-leg-hip-thrust/previous").json()
    assert cli_json("history", "single-leg hip thrust") == [previous["previous"]]
    records = api.get("/api/v1/exercises/barbell-back-squat/records").json()
    assert cli_json("prs", "back squat") == records
    assert cli_json("e1rm", "back squat")["points"] == records["e1rm"]

    exported = json.loads(runner.invoke(app, ["export", "log", "--format", "json"]).stdout)
    ExportDocument.model_validate(exported)
    (only,) = exported["workouts"]
    assert only.pop("import_key") is None  # the one field the export adds to a workout
    assert only == workout
    for brief in exported["exercises"]:  # what a list item and the whole record start with
        record = api.get(f"/api/v1/exercises/{brief['slug']}").json()
        assert brief == {key: record[key] for key in ExerciseBrief.model_fields}


def test_exercises_read_the_same_from_the_cli_and_the_api(api: TestClient, cli_env: Database) -> None:
    query = {"muscle": "glutes", "laterality": "unilateral"}
    cli = cli_json("list", "--muscle", "glutes", "--laterality", "unilateral")
    body = api.get("/api/v1/exercises", params={**query, "per_page": 100}).json()
    assert body["total"] == len(cli) > 0
    assert cli == body["items"]
    for item in cli:
        ExerciseItem.model_validate(item)
    record = api.get("/api/v1/exercises/single-leg-hip-thrust").json()
    assert record == ExerciseRecord.from_domain(cli_env.run(library.get_exercise, "single-leg-hip-thrust")).to_data()


def test_a_version_1_export_written_by_hand_still_reads_and_writes_back_the_same(
    empty_db: Database, tmp_path: Path
) -> None:
    """The export's shape is pinned by this file, written by hand: changing the shape without a new format
    version (and a reader for this one) fails here."""
    document = json.loads(EXPORT_V1.read_text(encoding="utf-8"))
    ExportDocument.model_validate(document)
    report = empty_db.run(log_import.import_log, "json", EXPORT_V1)
    assert (report.added_workouts, report.added_sets) == (2, 6)
    assert sorted(report.created) == ["Hanging Knee Raise", "Kettlebell Step-Up", "Trap Bar Deadlift"]
    assert json.loads(empty_db.run(log_import.export_json)) == document
