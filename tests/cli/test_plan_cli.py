"""The planner's commands as a person types them (Typer's runner, a real database with the bundled catalog): `plan`
with its overrides, seed, swaps, locks and saved routine, `profile`, `routine` and `programme`, and the mistakes
each refuses with exit code 2 and the field named.

What a plan may contain is checked against the library itself (each exercise's required equipment, pattern and
primary muscles read from the snapshot), never against a list written here."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from liftlore.cli import app
from liftlore.domain.exercise import MOVEMENT_PATTERNS, Exercise
from liftlore.services import planner, profiles
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import PlanOut, ProfileOut, ProgrammeOut, RoutineOut
from liftlore.store.db import Database

runner = CliRunner()
TRUNK_MUSCLES = {"abs", "obliques", "lower-back", "hip-flexors"}


def run(*args: str) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (args, result.output)
    assert "Traceback" not in result.output
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json"))


def refused(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (args, result.output)
    assert "Traceback" not in result.output and result.stderr.startswith("error: "), result.stderr
    return result.stderr


def library(db: Database) -> dict[str, Exercise]:
    return db.run(lambda session: dict(library_view(session).exercises))


def needs(exercise: Exercise) -> set[str]:
    """The equipment an exercise cannot be done without."""
    return {use.equipment.slug for use in exercise.equipment if not use.optional}


def slugs(plan: dict[str, Any]) -> list[str]:
    return [item["slug"] for item in plan["exercises"]]


def not_trunk(plan: dict[str, Any], known: dict[str, Exercise]) -> list[str]:
    """The plan's exercises that are not its closing trunk work."""
    return [s for s in slugs(plan) if not {m.slug for m in known[s].primary_muscles} <= TRUNK_MUSCLES]


# -- plan ------------------------------------------------------------------------------------------------------------


def test_the_plan_as_json_fits_the_minutes_and_the_equipment_named(cli_env: Database) -> None:
    plan = as_json("plan", "--minutes", "30", "--equipment", "Dumbbells", "--equipment", "bench", "--seed", "7")
    PlanOut.model_validate(plan)
    # The fields are all there, under its names.
    assert {"minutes", "warm_up", "exercises", "cool_down"} <= plan.keys()
    for item in plan["exercises"]:
        assert {"slug", "sets", "reps", "load_kg", "rest_s", "sides", "reason"} <= item.keys()
    for step in plan["warm_up"] + plan["cool_down"]:
        assert {"drill", "dose"} <= step.keys()
    assert plan["minutes"] == 30 and plan["seed"] == 7
    assert 0 < plan["estimated_minutes"] <= 30
    known = library(cli_env)
    assert plan["exercises"]
    for slug in slugs(plan):
        assert needs(known[slug]) <= {"dumbbell", "bench"}, (slug, needs(known[slug]))

    # Body weight only: nothing that needs any equipment at all.
    bare = as_json("plan", "--equipment", "bodyweight", "--seed", "7")
    assert bare["exercises"] and all(not needs(known[slug]) for slug in slugs(bare))

    # The readable view shows the same exercises in the same order, the drills, the time and the seed.
    text = ok("plan", "--minutes", "30", "--equipment", "dumbbell,bench", "--seed", "7")
    positions = [text.index(f"{number}. {item['name']}") for number, item in enumerate(plan["exercises"], start=1)]
    assert positions == sorted(positions)
    for step in plan["warm_up"] + plan["cool_down"]:
        assert step["name"] in text and step["dose"] in text
    assert f"about {plan['estimated_minutes']:g} of 30 minutes" in text
    assert "seed 7: --seed to see another" in text


def test_the_same_seed_gives_the_same_plan_and_the_default_seed_is_the_date(cli_env: Database) -> None:
    assert as_json("plan", "--seed", "11") == as_json("plan", "--seed", "11")
    ok("settings", "timezone", "UTC")
    before = int(datetime.now(UTC).strftime("%Y%m%d"))
    today = as_json("plan")
    after = int(datetime.now(UTC).strftime("%Y%m%d"))
    assert today["seed"] in {before, after}
    assert as_json("plan") == today


def test_a_swap_puts_in_an_exercise_of_the_same_pattern_and_muscles(cli_env: Database) -> None:
    known = library(cli_env)
    first = as_json("plan", "--seed", "5", "--minutes", "45")
    out = not_trunk(first, known)[0]
    swapped = as_json("plan", "--seed", "5", "--minutes", "45", "--swap", out)
    PlanOut.model_validate(swapped)
    assert out not in slugs(swapped) and swapped["estimated_minutes"] <= 45
    stand_in = next(item for item in swapped["exercises"] if known[out].name in item["reason"])
    assert stand_in["slug"] not in slugs(first)
    new = known[stand_in["slug"]]
    assert new.movement_pattern == known[out].movement_pattern
    assert {m.slug for m in new.primary_muscles} & {m.slug for m in known[out].primary_muscles}

    # Swapping for a chosen alternative puts that one in; one that is not an alternative is refused, with some that are.
    chosen = cli_env.run(
        lambda session: planner.alternatives(session, profiles.profile(session), PlanOut.model_validate(first), out)
    )[-1]
    assert chosen in slugs(as_json("plan", "--seed", "5", "--minutes", "45", "--swap", f"{out}={chosen}"))
    other = next(s for s in slugs(first) if s != out)
    message = refused("plan", "--seed", "5", "--minutes", "45", "--swap", f"{out}={other}")
    assert message.startswith("error: to: ") and f"'{other}' is not an alternative" in message


def test_a_locked_exercise_keeps_its_prescription(cli_env: Database) -> None:
    ok("log", "barbell bench press", "80kg x 5 x 3 @8", "--at", "2026-11-02 18:00")
    known = library(cli_env)
    first = as_json("plan", "--seed", "3", "--minutes", "50")
    kept = not_trunk(first, known)[-1]
    locked = as_json("plan", "--seed", "3", "--minutes", "50", "--lock", kept)
    PlanOut.model_validate(locked)
    before = next(item for item in first["exercises"] if item["slug"] == kept)
    after = next(item for item in locked["exercises"] if item["slug"] == kept)
    assert after["locked"] is True and before["locked"] is False
    assert {k: v for k, v in after.items() if k != "locked"} == {k: v for k, v in before.items() if k != "locked"}
    assert locked["estimated_minutes"] <= 50
    assert "locked" in ok("plan", "--seed", "3", "--minutes", "50", "--lock", kept)


def test_a_plan_saved_as_a_routine_reads_back_whole(cli_env: Database) -> None:
    plan = as_json("plan", "--seed", "9", "--minutes", "40", "--save-routine", "Tuesday")
    routine = as_json("routine", "show", "tuesday")
    RoutineOut.model_validate(routine)
    assert routine["name"] == "Tuesday" and routine["origin"] == "plan"
    assert routine["exercises"] == plan["exercises"]
    assert "error: name: " in refused("plan", "--seed", "9", "--save-routine", "Tuesday")
    ok("plan", "--seed", "10", "--minutes", "40", "--save-routine", "Tuesday", "--replace")
    assert (
        as_json("routine", "show", "Tuesday")["exercises"]
        == as_json("plan", "--seed", "10", "--minutes", "40")["exercises"]
    )


# -- profiles --------------------------------------------------------------------------------------------------------


def test_a_profile_is_saved_refused_again_replaced_and_planned_with(cli_env: Database) -> None:
    ok("profile", "save", "home", "--equipment", "dumbbell,bench", "--minutes", "35", "--goal", "strength")
    shown = as_json("profile", "show", "HOME")
    ProfileOut.model_validate(shown)
    assert (shown["equipment"], shown["minutes"], shown["goal"]) == (["bench", "dumbbell"], 35, "strength")

    message = refused("profile", "save", "home", "--minutes", "20")
    assert message.startswith("error: name: ") and "--replace" in message
    assert as_json("profile", "show", "home")["minutes"] == 35

    ok("profile", "save", "home", "--equipment", "kettlebell", "--minutes", "25", "--replace", "--default")
    replaced = as_json("profile", "show", "home")
    assert (replaced["equipment"], replaced["minutes"], replaced["goal"]) == (["kettlebell"], 25, "hypertrophy")
    assert "home (default)" in ok("profile", "list")

    # The default profile is the one a plan uses without --profile; --minutes changes it for that plan only.
    known = library(cli_env)
    plan = as_json("plan", "--seed", "4")
    assert plan["profile"] == "home" and plan["minutes"] == 25 and plan["estimated_minutes"] <= 25
    assert all(needs(known[slug]) <= {"kettlebell"} for slug in slugs(plan))
    assert as_json("plan", "--seed", "4", "--minutes", "40")["minutes"] == 40
    assert as_json("profile", "show", "home")["minutes"] == 25

    ok("profile", "save", "gym")
    assert [p["name"] for p in as_json("profile", "list")] == ["gym", "home"]
    assert as_json("plan", "--profile", "gym", "--seed", "4")["profile"] == "gym"
    assert "deleted the profile 'gym'" in ok("profile", "delete", "gym")
    assert "no profile 'gym'" in refused("profile", "show", "gym")
    assert "no profile 'gym'" in refused("plan", "--profile", "gym")


def test_a_profile_with_a_wrong_value_is_refused_naming_the_field(cli_env: Database) -> None:
    for args, field in (
        (("--equipment", "spoon"), "equipment"),
        (("--goal", "fun"), "goal"),
        (("--experience", "pro"), "experience"),
        (("--minutes", "5"), "minutes"),
        (("--days", "9"), "days_per_week"),
        (("--emphasise", "quads", "--avoid", "quads"), "avoid_muscles"),
        (("--avoid-pattern", "cartwheel"), "avoid_patterns"),
        (("--split", "bro"), "split"),
    ):
        assert refused("profile", "save", "home", *args).startswith(f"error: {field}: "), args
    assert as_json("profile", "list") == []


def test_the_avoid_pattern_help_offers_only_patterns_that_are_accepted(cli_env: Database) -> None:
    shown = " ".join(ok("profile", "save", "--help").split())  # the help as one line, however Rich wrapped it
    offered = re.findall(r"'([a-z ]+)'", shown[shown.index("--avoid-pattern") :].split("--split")[0])
    assert "hip hinge" in offered and "hinge" not in offered
    ok("profile", "save", "home", *[arg for pattern in offered for arg in ("--avoid-pattern", pattern)])
    assert as_json("profile", "show", "home")["avoid_patterns"] == offered

    message = refused("profile", "save", "gym", "--avoid-pattern", "hinge")
    assert message.startswith("error: avoid_patterns: unknown movement pattern 'hinge'")
    assert "hip hinge" in message
    listed = " ".join(message.split()).split("Known: ")[1]
    assert listed.split(", ") == list(MOVEMENT_PATTERNS)


def test_the_profile_named_default_is_the_one_a_plan_uses_without_profile(cli_env: Database) -> None:
    assert as_json("profile", "show", "default")["name"] == "default"  # none saved: the built-in one
    ok("profile", "save", "home", "--minutes", "30", "--default")
    ok("profile", "save", "gym", "--minutes", "75")
    assert as_json("profile", "show", "default") == as_json("profile", "show", "home")
    assert as_json("plan", "--profile", "default", "--seed", "2") == as_json("plan", "--seed", "2")
    assert "your default profile" in " ".join(ok("profile", "show", "--help").split())
    ok("profile", "save", "Default", "--minutes", "45")  # a profile the person named so is that one
    assert as_json("profile", "show", "default")["minutes"] == 45


# -- routines --------------------------------------------------------------------------------------------------------


def test_the_last_workout_is_saved_as_a_routine(cli_env: Database) -> None:
    assert refused("routine", "save", "again", "--last").startswith("error: routine: ")
    ok("log", "barbell back squat", "W 60kg x 5, 100kg x 5 x 3 @8", "--at", "2026-11-20 18:00")
    ok("log", "bulgarian split squat", "L 20kg x 8, R 20kg x 8, L 20kg x 8", "--at", "2026-11-20 18:20")
    assert refused("routine", "save", "again").startswith("error: last: ")
    assert "saved the routine 'again'" in ok("routine", "save", "again", "--last")
    routine = as_json("routine", "show", "again")
    RoutineOut.model_validate(routine)
    assert routine["origin"] == "workout"
    squat, split = routine["exercises"]
    assert (squat["slug"], squat["sets"], squat["reps"], squat["load_kg"]) == ("barbell-back-squat", 3, 5, 100)
    assert squat["ramp_up"] == [{"weight_kg": 60, "reps": 5}]
    assert (split["slug"], split["sides"], split["sets"], split["extra_sets"]) == (
        "bulgarian-split-squat",
        ["left", "right"],
        1,
        {"left": 1},
    )
    text = ok("routine", "show", "again")
    assert "1. Barbell Back Squat" in text and "3 x 5 reps" in text and "at 100 kg" in text and "60 kg x 5" in text

    assert refused("routine", "save", "again", "--last").startswith("error: name: ")
    ok("routine", "save", "again", "--last", "--replace")
    assert [r["name"] for r in as_json("routine", "list")] == ["again"]
    assert "again" in ok("routine", "list")
    ok("routine", "delete", "again")
    assert as_json("routine", "list") == []
    assert "no routine 'again'" in refused("routine", "show", "again")


# -- programmes ------------------------------------------------------------------------------------------------------


def test_the_bundled_programmes_are_listed_and_shown(cli_env: Database) -> None:
    listed = as_json("programme", "list")
    assert listed
    for item in listed:
        ProgrammeOut.model_validate(item)
    first = listed[0]
    assert as_json("programme", "show", first["slug"]) == first
    known = library(cli_env)
    text = ok("programme", "show", first["slug"])
    for day in first["days"]:
        assert day["name"] in text
        for slot in day["slots"]:
            assert known[slot["exercise"]].name in text
    for words in first["rules"].values():
        assert " ".join(words.split()[:6]) in " ".join(text.split())
    assert first["slug"] in ok("programme", "list")
    assert "no programme 'nope'" in refused("programme", "show", "nope")


# -- mistakes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--equipment", "spoon"), "equipment"),
        (("--equipment", "dumbbell,spoon"), "equipment"),
        (("--minutes", "5"), "minutes"),
        (("--minutes", "500"), "minutes"),
        (("--goal", "fun"), "goal"),
        (("--seed", "-1"), "seed"),
        (("--lock", "underwater-basket-weaving"), "lock"),
        (("--swap", "underwater-basket-weaving"), "exercise"),
        (("--swap", "="), "swap"),
    ],
)
def test_a_wrong_plan_option_exits_2_naming_the_field(cli_env: Database, args: tuple[str, ...], field: str) -> None:
    assert refused("plan", *args).startswith(f"error: {field}: ")


def test_following_a_programme_gives_its_days_in_order(cli_env: Database) -> None:
    assert "programme" in refused("programme", "next")  # nothing followed yet
    assert "no programme 'upper-lowr'" in refused("programme", "start", "upper-lowr")
    assert "upper/lower" in ok("programme", "start", "upper-lower-4-day").lower()
    first = PlanOut.model_validate(as_json("programme", "next"))
    assert first.exercises[0].slug == "barbell-bench-press"
    assert "week 1" in first.notes[0] and "day 1 of 4" in first.notes[0]
    assert all(item.reason and item.dose_reason and item.load_reason for item in first.exercises)
    # One workout logged today is the day being done: the next day comes tomorrow.
    ok("log", "barbell-bench-press", "60x5")
    assert PlanOut.model_validate(as_json("programme", "next")).exercises[0].slug == "barbell-bench-press"
    assert "you follow no programme now" in ok("programme", "leave")
    assert "programme" in refused("programme", "leave")
