"""The terminal at the gym (issue 10): whole slugs in narrow terminals, names without quotes, estimates in the unit
typed with loads a bar can hold, and fixing logged sets and workouts by the short ids `history` prints."""

from __future__ import annotations

import itertools
import json
import os
import re
import uuid
from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from liftlore.cli import app
from liftlore.store import training as store_training
from liftlore.store.db import Database

runner = CliRunner()
HISTORY_ID = re.compile(r"│ ([0-9a-f]{8}) +│")  # the Id column of `history`
SET_LINE = re.compile(r"^  ([0-9a-f]{8})  (.+)$", re.MULTILINE)  # a set of `workout show --ids`


def run(*args: str, columns: int = 120) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns)})


def ok(*args: str, columns: int = 120) -> str:
    result = run(*args, columns=columns)
    assert result.exit_code == 0, (args, result.output)
    assert "Traceback" not in result.output
    return result.stdout


def refused(*args: str) -> str:
    """A command a person got wrong: exit 2, a message on stderr, no traceback."""
    result = run(*args)
    assert result.exit_code == 2, (args, result.output)
    assert "Traceback" not in result.output and result.stderr.startswith("error: ")
    return result.stderr


def workout_ids() -> list[str]:
    return HISTORY_ID.findall(ok("history"))


def set_ids(workout: str) -> dict[str, str]:
    """The sets of a workout as `workout show --ids` lists them: id -> the set as the log writes it."""
    return dict(SET_LINE.findall(ok("workout", "show", workout, "--ids")))


def loads_column(text: str) -> list[float]:
    """The rounded 'Load' column of `estimate`'s table of loads by reps."""
    return [float(value) for value in re.findall(r"^│ \d+ +│ [\d.]+ +│ ([\d.]+) (?:kg|lb) +│", text, re.MULTILINE)]


# -- list and show -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 60])
def test_list_shows_every_slug_whole_in_a_narrow_terminal(cli_env: Database, columns: int) -> None:
    slugs = [row["slug"] for row in json.loads(ok("list", "--json"))]
    shown = ok("list", columns=columns)
    words = set(shown.replace("│", " ").split())
    assert [slug for slug in slugs if slug not in words] == []
    assert "…" not in shown
    assert f"{len(slugs)} exercise(s)" in shown
    # A short search still reads as a table at 80 columns when every cell fits.
    hip = ok("list", "glute bridge", columns=columns)
    assert "glute-bridge" in hip.replace("│", " ").split() and "…" not in hip


def test_list_is_a_table_when_the_terminal_is_wide(cli_env: Database) -> None:
    shown = ok("list", columns=200)
    assert "┃ Slug" in shown and "single-leg-stability-ball-hamstring-curl" in shown and "…" not in shown


def test_show_takes_a_name_of_several_words_without_quotes(cli_env: Database) -> None:
    shown = ok("show", "hip", "thrust")
    assert "Barbell Hip Thrust" in shown and "How to" in shown
    assert "Romanian Deadlift" in ok("show", "RDL")
    assert "Did you mean" in refused("show", "hip", "thurst", "machine", "xyz")


# -- estimate ------------------------------------------------------------------------------------------------------


def test_estimate_answers_in_the_unit_typed(cli_env: Database) -> None:
    shown = ok("estimate", "225lb", "x", "3")
    assert "Estimated 1RM from 225lb x 3" in shown
    assert re.search(r"│ Epley +│ 247\.5 lb +│", shown)
    assert " kg" not in shown
    ok("settings", "unit", "lb")
    in_kg = ok("estimate", "100kg", "x", "5")
    assert "Estimated 1RM from 100kg x 5" in in_kg and re.search(r"│ Epley +│ 116\.67 kg +│", in_kg)
    assert " lb" not in in_kg
    bare = ok("estimate", "200", "x", "5")  # no unit: the person's (pounds now)
    assert "Estimated 1RM from 200lb x 5" in bare and re.search(r"│ Epley +│ 233\.33 lb +│", bare)


def test_estimate_rounds_suggested_loads_to_what_the_plates_make(cli_env: Database) -> None:
    shown = ok("estimate", "100kg", "x", "5", "@8")
    loads = loads_column(shown)
    assert len(loads) == 11
    # A 20 kg bar and pairs of plates down to 1.25 kg: every load is 20 plus a multiple of 2.5.
    assert all((load - 20) % 2.5 == 0 for load in loads), loads
    assert re.search(r"│ 2 +│ 95 +│ 110 kg +│ 110\.83 kg +│", shown)  # 110.83 is nearer 110 than 112.5
    assert "rounded to the nearest weight a 20 kg bar and 25, 20, 15, 10, 5, 2.5, 1.25 kg plates make" in " ".join(
        shown.split()
    )
    in_lb = loads_column(ok("estimate", "225lb", "x", "3"))
    assert all((load - 45) % 5 == 0 for load in in_lb), in_lb  # 45 lb bar, 2.5 lb plates at the smallest
    # The person's own plates: with nothing under 5 kg, loads go in steps of 10 kg.
    ok("settings", "plates", "25,20,10,5 kg")
    coarse = loads_column(ok("estimate", "100kg", "x", "5"))
    assert all(load % 10 == 0 for load in coarse), coarse


def test_estimate_past_the_rep_cap_says_why_there_is_no_figure(cli_env: Database) -> None:
    shown = " ".join(ok("estimate", "100kg", "x", "25").split())
    assert "No e1RM from 25 reps: the formulas are only trusted up to 12 reps" in shown
    assert "liftlore settings rep-cap 25" in shown
    assert "│ Epley │ none past 12 reps │" in shown and "│ RPE chart │ add @RPE or RIR │" in shown
    assert "Loads by reps" not in shown
    beyond = " ".join(ok("estimate", "100kg", "x", "35").split())
    assert "none is valid past 30 reps" in beyond
    ok("settings", "rep-cap", "25")
    assert "No e1RM" not in ok("estimate", "100kg", "x", "25")


# -- fixing sets and workouts by short ids -------------------------------------------------------------------------


def test_sets_are_fixed_by_the_ids_history_and_workout_show_print(cli_env: Database) -> None:
    logged = ok("log", "back", "squat", "100kg", "x", "5", "x", "3", "@8")
    assert re.search(r"set ids: [0-9a-f]{8}, [0-9a-f]{8}, [0-9a-f]{8}", logged)
    ok("log", "single-leg", "hip", "thrust", "L", "40kg", "x", "10,", "R", "40kg", "x", "8")
    (workout,) = workout_ids()
    sets = set_ids(workout)
    squats = [set_id for set_id, text in sets.items() if text == "100kg x 5 @8"]
    left = next(set_id for set_id, text in sets.items() if text == "L 40kg x 10")
    assert len(squats) == 3

    edited = ok("set", "edit", squats[0][:6], "--weight", "102.5kg", "--reps", "4", "--rpe", "none")
    assert f"changed set {squats[0]} of Barbell Back Squat: now 102.5kg x 4" in edited
    assert f"  {squats[0]}  102.5kg x 4" in edited  # the workout after it, sets with their ids
    assert "heaviest weight" in ok("prs", "back", "squat") and "102.5 kg" in ok("prs", "back", "squat")

    as_data = json.loads(ok("set", "edit", squats[0], "--reps", "5", "--json"))
    assert as_data["set"]["reps"] == 5 and as_data["set"]["weight_kg"] == 102.5
    assert as_data["exercise"] == "barbell-back-squat" and as_data["workout"]["id"].startswith(workout)

    ok("settings", "unit", "lb")
    in_lb = ok("set", "edit", squats[1], "--weight", "225", "--type", "warm-up")  # a bare number: the person's unit
    assert f"changed set {squats[1]} of Barbell Back Squat: now W 225lb x 5 @8" in in_lb
    ok("settings", "unit", "kg")

    moved = ok("set", "move", squats[2], "front", "squat")
    assert f"moved set {squats[2]} (100kg x 5 @8) to Barbell Front Squat" in moved
    assert "Barbell Front Squat" in ok("workout", "show", workout)

    deleted = ok("set", "delete", left)
    assert f"deleted set {left} of Single-Leg Hip Thrust: L 40kg x 10" in deleted
    assert left not in set_ids(workout)
    assert "R 40kg x 8" in ok("workout", "show", workout)

    assert "is done one side at a time" in refused(
        "set", "edit", next(i for i, t in set_ids(workout).items() if t.startswith("R ")), "--side", "both"
    )
    assert "--type: 'warmup' is not one of normal, warm-up, drop, failure" in refused(
        "set", "edit", squats[0], "--type", "warmup"
    )
    assert "--weight: 'heavy' is not a weight" in refused("set", "edit", squats[0], "--weight", "heavy")
    assert "nothing to change" in refused("set", "edit", squats[0])


def test_workouts_take_the_short_ids_history_prints(cli_env: Database) -> None:
    ok("log", "back", "squat", "100kg", "x", "5", "--at", "2025-09-15 07:48")
    ok("log", "bench", "press", "80kg", "x", "5", "--at", "2025-09-17 07:48")
    newer, older = workout_ids()

    renamed = ok("workout", "rename", older, "Leg", "day")
    assert f"renamed workout {older} to Leg day" in renamed and "Barbell Back Squat" in renamed
    assert "Leg day" in ok("history")
    assert "Leg day" in ok("workout", "show", older[:6])

    added = ok("log", "deadlift", "140kg", "x", "3", "--workout", older)
    assert f"in Leg day ({older})" in added
    assert "Deadlift" in ok("workout", "show", older)

    assert "finished" in ok("workout", "finish", newer[:7])
    assert "deleted Leg day" in ok("workout", "delete", older, "--yes")
    assert workout_ids() == [newer]


def test_unknown_short_or_ambiguous_ids_are_clear_errors(cli_env: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("history")  # the catalog is loaded before ids are made alike below
    counter = itertools.count()

    def alike(start: str) -> Callable[[], uuid.UUID]:
        return lambda: uuid.UUID(f"{start}{next(counter):02x}" + uuid.UUID(bytes=os.urandom(16)).hex[8:])

    # Workouts (and sets) whose ids share their first six characters, as happens once a log holds millions of
    # them; the seventh and eighth differ, so the ids `history` prints still tell them apart.
    with monkeypatch.context() as patch:
        patch.setattr(uuid, "uuid4", alike("abcdef"))
        patch.setattr(store_training, "new_id", alike("fedcba"))
        ok("log", "back", "squat", "100kg", "x", "5", "--new")
        ok("log", "bench", "press", "80kg", "x", "5", "--new")
    first, second = sorted(workout_ids())
    assert first[:6] == second[:6] == "abcdef"

    ambiguous = refused("workout", "show", "abcdef")
    assert "'abcdef' starts the ids of several workouts" in ambiguous
    assert first in ambiguous and second in ambiguous and "type more of it" in ambiguous
    assert "several workouts" in refused("log", "deadlift", "140kg", "x", "3", "--workout", "abcdef")
    assert "several sets" in refused("set", "delete", "fedcba")
    assert "Barbell Back Squat" in ok("workout", "show", first) or "Barbell Bench Press" in ok("workout", "show", first)

    unknown = "0123456789"
    assert "no workout whose id starts with '0123456789'" in refused("workout", "show", unknown)
    assert "no set whose id starts with '0123456789'" in refused("set", "edit", unknown, "--reps", "3")
    assert "at least its first 6 characters" in refused("workout", "rename", "abc", "Legs")
    assert "at least its first 6 characters" in refused("workout", "delete", "abc", "--yes")
