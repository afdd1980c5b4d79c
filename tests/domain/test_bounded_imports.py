"""The importers build SetEntry and Workout values, so they inherit the domain's bounds: a row with an infinite
weight, a date in year 9999 or a name of a megabyte stops the import with the file, line and column, and nothing
is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.domain.training import zone
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import backup, hevy, strong
from liftlore.ingest.logs.records import assemble
from liftlore.store.db import Database

STRONG_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
STRONG_GOOD = "2024-11-28 17:36:08,Legs,35m,Squat (Barbell),1,100,5,0,0,,\n"


def strong_row(
    date: str = "2024-11-28 17:36:08",
    name: str = "Legs",
    duration: str = "35m",
    exercise: str = "Squat (Barbell)",
    weight: str = "100",
    reps: str = "5",
    distance: str = "0",
    seconds: str = "0",
    notes: str = "",
    workout_notes: str = "",
) -> str:
    cells = (date, name, duration, exercise, "1", weight, reps, distance, seconds, notes, workout_notes)
    return ",".join(f'"{cell}"' for cell in cells) + "\n"


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (strong_row(weight="inf"), "Weight: 'inf' is not a number"),
        (strong_row(weight="-inf"), "Weight: '-inf' is not a number"),
        (strong_row(weight="nan"), "Weight: 'nan' is not a number"),
        (strong_row(weight="1e999"), "Weight: '1e999' is not a number"),
        (strong_row(weight="9" * 400), "Weight: '9999"),
        (strong_row(weight="1e6"), "weight: a weight of 1e+06 kg is not believable"),
        (strong_row(seconds="NaN"), "Seconds: 'NaN' is not a number"),
        (strong_row(seconds="100000"), "duration: a duration of 100000 s is more than 24 hours"),
        (strong_row(distance="1e999"), "Distance: '1e999' is not a number"),
        (strong_row(distance="5000"), "distance: a distance of 5e+06 m is more than 1,000 km"),
        (strong_row(reps="1e999"), "Reps: '1e999' is not a number"),
        (strong_row(date="9999-12-31 23:00:00"), "Date: 9999-12-31 is not a date between 1900 and 2100"),
        (strong_row(date="0001-01-01 10:00:00"), "Date: 0001-01-01 is not a date between 1900 and 2100"),
        (strong_row(duration="9" * 400 + "h"), "Duration: '9999"),
        (strong_row(exercise="S" * 201), "Exercise Name: at most 200 characters, not 201"),
        (strong_row(exercise="Squat\x07"), "Exercise Name: a control character (U+0007)"),
        (strong_row(name="L" * 201), "Workout Name: at most 200 characters, not 201"),
        (strong_row(notes="n" * 5001), "Notes: at most 5,000 characters, not 5,001"),
        (strong_row(workout_notes="n\x01"), "Workout Notes: a control character (U+0001)"),
    ],
)
def test_a_strong_row_out_of_bounds_is_refused_at_its_file_line_and_column(
    tmp_path: Path, row: str, words: str
) -> None:
    path = write(tmp_path, STRONG_HEADER + STRONG_GOOD + row + STRONG_GOOD)
    with pytest.raises(LiftloreError) as caught:
        strong.read(path, unit=WeightUnit.KG)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert words in str(caught.value)


def test_a_workout_left_running_for_weeks_keeps_no_end(tmp_path: Path) -> None:
    path = write(tmp_path, STRONG_HEADER + strong_row(duration="1000h") + strong_row(duration="9999999999999h"))
    (imported,) = assemble(strong.read(path, unit=WeightUnit.KG), zone("UTC"))
    assert imported.workout.ended_at is None


def test_what_only_the_whole_workout_shows_is_named_at_its_file_and_line(tmp_path: Path) -> None:
    # Each note fits, but an entry's notes are joined, and 2 x 3,000 characters do not.
    rows = strong_row(notes="a" * 3000) + strong_row(notes="b" * 3000)
    path = write(tmp_path, STRONG_HEADER + rows)
    with pytest.raises(LiftloreError) as caught:
        assemble(strong.read(path, unit=WeightUnit.KG), zone("UTC"))
    assert str(caught.value).startswith(f"{path}:3: notes: at most 5,000 characters")
    # A local time that is still 1899 in UTC once placed in its zone.
    path = write(tmp_path, STRONG_HEADER + strong_row(date="1900-01-01 00:30:00"))
    with pytest.raises(LiftloreError) as caught:
        assemble(strong.read(path, unit=WeightUnit.KG), zone("+01:00"))
    assert str(caught.value).startswith(f"{path}:2: started_at: 1900-01-01 is not a date between")


HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
    "weight_kg,reps,distance_km,duration_seconds,rpe\n"
)


def hevy_row(
    start: str = "15 Sep 2025, 07:48",
    end: str = "15 Sep 2025, 09:13",
    title: str = "Legs",
    exercise: str = "Squat (Barbell)",
    superset: str = "",
    weight: str = "100",
    seconds: str = "",
    rpe: str = "",
) -> str:
    cells = (title, start, end, "", exercise, superset, "", "0", "normal", weight, "5", "", seconds, rpe)
    return ",".join(f'"{cell}"' for cell in cells) + "\n"


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (hevy_row(weight="inf"), "weight_kg: 'inf' is not a number"),
        (hevy_row(weight="NaN"), "weight_kg: 'NaN' is not a number"),
        (hevy_row(weight="1e999"), "weight_kg: '1e999' is not a number"),
        (hevy_row(seconds="-Infinity"), "duration_seconds: '-Infinity' is not a number"),
        (hevy_row(rpe="nan"), "rpe: 'nan' is not a number"),
        (hevy_row(start="15 Sep 9999, 07:48"), "start_time: 9999-09-15 is not a date between 1900 and 2100"),
        (hevy_row(end="31 Dec 9999, 23:59"), "end_time: 9999-12-31 is not a date between 1900 and 2100"),
        (hevy_row(superset="4294967296"), "superset_id: a superset number is at most 1000"),
        (hevy_row(superset="9" * 5000), "superset_id: a superset number is at most 1000"),
        (hevy_row(exercise="\ud800"), "exercise_title: a lone surrogate (U+D800)"),
        (hevy_row(title="T" * 201), "title: at most 200 characters"),
    ],
)
def test_a_hevy_row_out_of_bounds_is_refused_at_its_file_line_and_column(tmp_path: Path, row: str, words: str) -> None:
    path = tmp_path / "hevy.csv"
    # A lone surrogate cannot be written as UTF-8; 'surrogatepass' writes the bytes a broken encoder would.
    path.write_bytes((HEVY_HEADER + hevy_row() + row).encode("utf-8", "surrogatepass"))
    with pytest.raises(LiftloreError) as caught:
        hevy.read(path)
    if "\ud800" in row:  # not UTF-8 at all, so refused before any row is read
        assert str(caught.value) == f"{path}:3: the file is not UTF-8 text"
        return
    assert str(caught.value).startswith(f"{path}:3: ")
    assert words in str(caught.value)


# -- the JSON backup -----------------------------------------------------------------------------------------------


def backup_document(**set_fields: Any) -> dict[str, Any]:
    """A liftlore export holding one workout with one set of back squats; `set_fields` override the set's."""
    one_set = {
        "id": "00000000-0000-4000-8000-000000000003",
        "set_type": "normal",
        "side": "both",
        "weight_kg": 100.0,
        "reps": 5,
        "rpe": None,
        "rir": None,
        "duration_s": None,
        "distance_m": None,
        "performed_at": None,
    }
    return {
        "format": backup.FORMAT,
        "version": backup.VERSION,
        "settings": {},
        "exercises": [{"slug": "barbell-back-squat", "name": "Barbell Back Squat", "laterality": "bilateral"}],
        "workouts": [
            {
                "id": "00000000-0000-4000-8000-000000000001",
                "started_at": "2025-09-15T07:48:00+02:00",
                "ended_at": "2025-09-15T09:00:00+02:00",
                "time_zone": "+02:00",
                "name": "Legs",
                "notes": None,
                "source": "log",
                "import_key": None,
                "entries": [
                    {
                        "id": "00000000-0000-4000-8000-000000000002",
                        "exercise": "barbell-back-squat",
                        "exercise_name": "Barbell Back Squat",
                        "superset_group": None,
                        "notes": None,
                        "sets": [{**one_set, **set_fields}],
                    }
                ],
            }
        ],
    }


WORKOUT = "workouts[0]"
ENTRY = f"{WORKOUT}.entries[0]"
SET = f"{ENTRY}.sets[0]"


def edited(change: Any) -> dict[str, Any]:
    document = backup_document()
    change(document)
    return document


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Python's json reads 1e999 as infinity and NaN as NaN: the fuzzer's way in.
        (
            json.dumps(backup_document(duration_s=1)).replace('"duration_s": 1', '"duration_s": 1e999'),
            f"{SET}.duration_s: must be a finite number, not inf",
        ),
        (json.dumps(backup_document(duration_s=float("nan"))), f"{SET}.duration_s: must be a finite number, not nan"),
        (json.dumps(backup_document(weight_kg=float("-inf"))), f"{SET}.weight_kg: must be a finite number, not -inf"),
        (json.dumps(backup_document(rpe=float("nan"))), f"{SET}.rpe: must be a finite number, not nan"),
        (json.dumps(backup_document(weight_kg=10**400)), f"{SET}.weight_kg: a number far too large is not believable"),
        (json.dumps(backup_document(reps=10**400)), f"{SET}.reps: reps must be between 0 and 1000"),
        (json.dumps(backup_document(distance_m=2e6)), f"{SET}.distance_m: a distance of 2e+06 m is more than 1,000 km"),
        (
            json.dumps(backup_document(performed_at="9999-12-31T23:59:00+00:00")),
            f"{SET}.performed_at: 9999-12-31 is not a date between 1900 and 2100",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0].update(started_at="0001-01-01T00:00:00-05:00"))),
            f"{WORKOUT}.started_at: 0001-01-01 is not a date",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0].update(ended_at="9999-12-31T23:00:00+00:00"))),
            f"{WORKOUT}.ended_at: 9999-12-31 is not a date",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0].update(name="W" * 201))),
            f"{WORKOUT}.name: at most 200 characters",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0].update(source="s" * 50))),
            f"{WORKOUT}.source: unknown source",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0]["entries"][0].update(exercise_name="\ud800"))),
            f"{ENTRY}.exercise_name: a lone surrogate (U+D800)",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0]["entries"][0].update(superset_group=2**40))),
            f"{ENTRY}.superset_group: a superset group is 0 to 1000",
        ),
        (
            json.dumps(edited(lambda d: d["workouts"][0]["entries"][0].update(exercise="s" * 201))),
            f"{ENTRY}.exercise: at most 200 characters",
        ),
        (
            json.dumps(edited(lambda d: d["exercises"][0].update(name="n" * 201))),
            "exercises[0].name: at most 200 characters",
        ),
        ('{"format": "liftlore-training-log", "n": ' + "1" * 5000 + "}", "not a liftlore export"),
        ("[" * 100_000 + "]" * 100_000, "not a liftlore export: nested too deep"),
    ],
)
def test_a_backup_out_of_bounds_is_refused_naming_the_file_and_the_field(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "log.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(LiftloreError) as caught:
        backup.read_backup(path)
    assert str(caught.value).startswith(f"{path}")
    assert words in str(caught.value)


# -- through the CLI: one transaction, nothing written -------------------------------------------------------------

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def stored_workouts() -> list[dict[str, Any]]:
    code, out, err = run("export", "log", "--format", "json")
    assert code == 0, err
    workouts: list[dict[str, Any]] = json.loads(out)["workouts"]
    return workouts


@pytest.mark.parametrize(
    ("source", "name", "text", "words"),
    [
        ("strong", "strong.csv", STRONG_HEADER + STRONG_GOOD + strong_row(weight="inf"), ":3: Weight: 'inf' is not"),
        ("strong", "strong.csv", STRONG_HEADER + STRONG_GOOD + strong_row(weight="1e999"), ":3: Weight: '1e999'"),
        ("strong", "strong.csv", STRONG_HEADER + STRONG_GOOD + strong_row(weight="nan"), ":3: Weight: 'nan' is not"),
        (
            "strong",
            "strong.csv",
            STRONG_HEADER + STRONG_GOOD + strong_row(date="9999-12-31 23:00:00", duration="2h"),
            ":3: Date: 9999-12-31 is not a date between 1900 and 2100",
        ),
        (
            "hevy",
            "hevy.csv",
            HEVY_HEADER + hevy_row() + hevy_row(start="1 Jan 9999, 07:48", end="1 Jan 9999, 09:00"),
            ":3: start_time: 9999-01-01 is not a date",
        ),
        ("hevy", "hevy.csv", HEVY_HEADER + hevy_row() + hevy_row(weight="inf"), ":3: weight_kg: 'inf' is not"),
    ],
)
def test_an_import_with_one_bad_row_exits_2_and_writes_nothing(
    cli_env: Database, tmp_path: Path, source: str, name: str, text: str, words: str
) -> None:
    path = write(tmp_path, text, name)
    code, _, err = run("import", "log", source, str(path), "--unit", "kg")
    assert code == 2, err
    assert f"\nerror: {path}{words}" in err, err
    assert "Traceback" not in err
    assert stored_workouts() == []


def test_a_backup_with_one_bad_set_exits_2_and_writes_nothing(cli_env: Database, tmp_path: Path) -> None:
    document = backup_document()
    second = json.loads(json.dumps(document["workouts"][0]))
    second["id"] = "00000000-0000-4000-8000-000000000011"
    second["entries"][0]["id"] = "00000000-0000-4000-8000-000000000012"
    second["entries"][0]["sets"][0].update(id="00000000-0000-4000-8000-000000000013", duration_s=1)
    document["workouts"].append(second)
    path = tmp_path / "log.json"
    path.write_text(json.dumps(document).replace('"duration_s": 1', '"duration_s": 1e999'), encoding="utf-8")
    code, _, err = run("import", "log", "json", str(path))
    assert code == 2, err
    assert "workouts[1].entries[0].sets[0].duration_s: must be a finite number, not inf" in err
    assert stored_workouts() == []
    # The same file without the bad set imports, so it was the set and nothing else that stopped it.
    path.write_text(json.dumps(backup_document()), encoding="utf-8")
    code, _, err = run("import", "log", "json", str(path))
    assert code == 0, err
    assert len(stored_workouts()) == 1


@pytest.mark.parametrize("at", ["0001-01-01 00:00", "9999-12-31 23:59", "1899-12-31 12:00"])
def test_log_at_a_time_out_of_range_is_refused_cleanly(cli_env: Database, at: str) -> None:
    code, _, err = run("log", "back squat", "100kg", "x", "5", "--at", at)
    assert code == 2, err
    assert err.startswith("error: --at: ") and "is not a date between 1900 and 2100" in err, err
    assert "Traceback" not in err
