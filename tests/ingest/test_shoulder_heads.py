"""A dataset's coarse "shoulders" becomes one delt head per exercise: the word rules of cleaning.shoulder_head over
the name and movement family, then the force, then the side delts by default; and the real free-exercise-db file
imported with them."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import MuscleGroup
from liftlore.ingest.datasets import free_exercise_db, open_exercise_db, wger
from liftlore.ingest.datasets.cleaning import (
    SHOULDER_DEFAULT,
    SHOULDER_RULES,
    clean,
    shoulder_fix,
    shoulder_head,
)
from liftlore.ingest.datasets.records import DELTOIDS, SourceRecord
from liftlore.services import library
from liftlore.services.datasets import import_dataset
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow, ExerciseSourceRow
from tests.conftest import SHARED, shared_file

FREE = SHARED / "datasets" / "free-exercise-db" / "exercises.json"
HEADS = ("front-delts", "side-delts", "rear-delts")


@pytest.mark.parametrize(
    ("name", "head"),
    [
        # presses, push-ups and dips, and raises to the front
        ("Barbell Shoulder Press", "front-delts"),
        ("Seated Dumbbell Press", "front-delts"),
        ("Standing Military Press", "front-delts"),
        ("Push Press - Behind the Neck", "front-delts"),
        ("Arnold Dumbbell Press", "front-delts"),
        ("Handstand Push-Ups", "front-delts"),
        ("Pushups", "front-delts"),
        ("Close-grip Press-ups", "front-delts"),
        ("Ring Dips", "front-delts"),
        ("Split Jerk", "front-delts"),
        ("Incline OHP DB", "front-delts"),
        ("Front Dumbbell Raise", "front-delts"),
        ("Standing Front Barbell Raise Over Head", "front-delts"),
        ("Incline Dumbbell Flyes", "front-delts"),  # a chest fly: the front head helps
        ("Cable Crossover", "front-delts"),
        ("Shoulder Internal Rotation (Cable)", "front-delts"),
        # raises out to the side and upright rows
        ("Side Lateral Raise", "side-delts"),
        ("Lateral Raise - With Bands", "side-delts"),
        ("One-Arm Side Laterals", "side-delts"),
        ("Machine lateral wise", "side-delts"),
        ("Incline DB Y-Raise", "side-delts"),
        ("Dumbbell Scaption", "side-delts"),
        ("Upright Barbell Row", "side-delts"),
        ("Upright Row w/ Dumbbells", "side-delts"),
        ("Kettlebell Sumo High Pull", "side-delts"),
        ("Alternating Deltoid Raise", "side-delts"),  # a plain raise
        # rear delts, reverse flys, face pulls, pull-aparts, rows and pull-ups
        ("Reverse Flyes", "rear-delts"),
        ("Reverse Machine Flyes", "rear-delts"),
        ("Butterfly Reverse", "rear-delts"),
        ("Back Flyes - With Bands", "rear-delts"),
        ("Cable Rear Delt Fly", "rear-delts"),
        ("Seated Bent-Over Rear Delt Raise", "rear-delts"),
        ("Bent Over Low-Pulley Side Lateral", "rear-delts"),
        ("Dumbbell Lying Rear Lateral Raise", "rear-delts"),
        ("Face Pull", "rear-delts"),
        ("Band Pull Apart", "rear-delts"),
        ("Band pull-apart with external rotation", "rear-delts"),
        ("External Rotation with Cable", "rear-delts"),
        ("Bent Over Barbell Row", "rear-delts"),
        ("Seated Cable Rows", "rear-delts"),
        ("Wide-Grip Lat Pulldown", "rear-delts"),
        ("Close-Grip Front Lat Pulldown", "rear-delts"),  # "front" names the grip, not a front raise
        ("V-Bar Pullup", "rear-delts"),
        ("Side To Side Chins", "rear-delts"),
        ("Straight-Arm Dumbbell Pullover", "rear-delts"),
    ],
)
def test_the_name_tells_the_head(name: str, head: str) -> None:
    assert shoulder_head(name) == (head, True)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        # A rear phrase beats the side and raise words in it.
        ("Dumbbell Lying One-Arm Rear Lateral Raise", "rear-delts"),
        # An upright row beats the press of the machine it is done on.
        ("Upright Row, on Multi Press", "side-delts"),
        # A raise that starts to the side counts as side work, whichever way it ends.
        ("Side Laterals to Front Raise", "side-delts"),
        ("Lateral-to-Front Raises", "side-delts"),
        # A name with both a press and a raise is a press.
        ("Lateral Raise to Press", "side-delts"),  # the side phrase "lateral" comes first
        ("Dumbbell Raise to Press", "front-delts"),
        ("Press and Raise Combo", "front-delts"),
        # A front raise beats the pullover it leads into; a face pull and a high pull beat the pull-up rule.
        ("Front Raise And Pullover", "front-delts"),
        ("Dumbbell Bent Over Face Pull", "rear-delts"),
        # A press done with the arm out to the side is still a press.
        ("One-Arm Kettlebell Military Press To The Side", "front-delts"),
    ],
)
def test_names_with_two_movements_follow_the_rule_order(name: str, head: str) -> None:
    assert shoulder_head(name) == (head, True)


def test_a_press_and_a_raise_in_one_name_is_a_press_whichever_comes_first() -> None:
    assert shoulder_head("Raise and Press") == shoulder_head("Press and Raise") == ("front-delts", True)


def test_words_match_whole_words_only() -> None:
    # "narrow" holds "row", "pressure" holds "press", "dipole" holds "dip": none of them tells.
    assert shoulder_head("Narrow Stance Hold") == (SHOULDER_DEFAULT, False)
    assert shoulder_head("Pressure Breathing") == (SHOULDER_DEFAULT, False)
    assert shoulder_head("Dipole Stretch") == (SHOULDER_DEFAULT, False)


@pytest.mark.parametrize(
    ("name", "family", "head"),
    [
        ("Single Dumbbell Raise", "front-raise", "front-delts"),  # the family beats a plain raise
        ("Straight Raises on Incline Bench", "front-raise", "front-delts"),
        ("Kettlebell Thruster", "overhead-press", "front-delts"),
        ("Circus Bell", "overhead-press", "front-delts"),
        ("Iron Cross", "lateral-raise", "side-delts"),
        ("Crucifix", "lateral-raise", "side-delts"),
        ("Muscle Up", "pull-up", "rear-delts"),
        ("Skin the Cat", "pull-up", "rear-delts"),
        ("Drop Push", "push-up", "front-delts"),
        # The name still wins where its rule comes first.
        ("Bent Over Low-Pulley Side Lateral", "lateral-raise", "rear-delts"),
        ("Side Laterals to Front Raise", "front-raise", "side-delts"),
    ],
)
def test_the_movement_family_tells_when_the_name_does_not(name: str, family: str, head: str) -> None:
    assert shoulder_head(name, family) == (head, True)


def test_the_force_tells_a_push_only() -> None:
    assert shoulder_head("Battling Ropes", force="push") == ("front-delts", True)
    assert shoulder_head("Log Lift", "strongman-load", "push") == ("front-delts", True)
    # "pull" is given to cleans, swings and rollouts as well as rows: it does not say which head.
    assert shoulder_head("Power Clean", "clean", "pull") == (SHOULDER_DEFAULT, False)
    assert shoulder_head("Shoulder Stretch", force="static") == (SHOULDER_DEFAULT, False)
    # A word rule beats the force.
    assert shoulder_head("Side Lateral Raise", force="pull") == ("side-delts", True)
    assert shoulder_head("Reverse Flyes", force="push") == ("rear-delts", True)


def test_nothing_told_means_the_side_delts() -> None:
    assert SHOULDER_DEFAULT == "side-delts"
    for name in ("Shoulder Circles", "Snatch", "Kettlebell Windmill", "Dead Hang", ""):
        assert shoulder_head(name) == ("side-delts", False)


def test_the_rules_name_only_delt_heads(catalog: Catalog) -> None:
    assert {head for head, _ in SHOULDER_RULES} == set(HEADS)
    assert set(HEADS) <= catalog.taxonomy.muscles.keys()
    for _, phrases in SHOULDER_RULES:
        for phrase in phrases:
            re.compile(phrase)  # each phrase is a regular expression on its own


def test_the_tables_mark_the_whole_deltoid() -> None:
    assert free_exercise_db.MUSCLES["shoulders"] == DELTOIDS
    assert open_exercise_db.MUSCLES["shoulders"] == DELTOIDS
    # wger's only deltoid, "Shoulders" in English, tags raises, reverse flys and face pulls as well as presses.
    assert wger.MUSCLES["Anterior deltoid"] == DELTOIDS


def shoulder_record(name: str, **fields: object) -> SourceRecord:
    values: dict[str, object] = {"source": "test", "source_id": "1", "name": name, "primary_muscles": ()}
    values.update(fields)
    return SourceRecord(**values)  # type: ignore[arg-type]


def slugs(muscles: tuple[MuscleGroup, ...]) -> list[str]:
    return [m.slug for m in muscles]


def test_clean_gives_the_whole_deltoid_to_one_head(catalog: Catalog) -> None:
    press = clean(
        shoulder_record(
            "Seated Barbell Military Press", primary_muscles=("shoulders",), secondary_muscles=("triceps",)
        ),
        free_exercise_db.TABLES,
        catalog.taxonomy,
    )
    assert press.exercise is not None
    assert slugs(press.exercise.primary_muscles) == ["front-delts"]
    assert slugs(press.exercise.secondary_muscles) == ["triceps"]
    assert press.fixes == [shoulder_fix("front-delts", True)]
    assert "front delts" in press.exercise.summary[0]

    row = clean(
        shoulder_record("Bent Over Barbell Row", primary_muscles=("middle back",), secondary_muscles=("shoulders",)),
        free_exercise_db.TABLES,
        catalog.taxonomy,
    )
    assert row.exercise is not None and slugs(row.exercise.secondary_muscles) == ["rear-delts"]

    raises = clean(
        shoulder_record("Lateral Raises", primary_muscles=("Anterior deltoid",)), wger.TABLES, catalog.taxonomy
    )
    assert raises.exercise is not None and slugs(raises.exercise.primary_muscles) == ["side-delts"]

    family = clean(
        shoulder_record("Circus Bell", primary_muscles=("shoulders",), family="overhead-press", force="push"),
        open_exercise_db.TABLES,
        catalog.taxonomy,
    )
    assert family.exercise is not None and slugs(family.exercise.primary_muscles) == ["front-delts"]


def test_clean_counts_a_defaulted_head_and_keeps_one_head_once(catalog: Catalog) -> None:
    cleaned = clean(
        shoulder_record("Shoulder Circles", primary_muscles=("shoulders",), secondary_muscles=("traps", "shoulders")),
        free_exercise_db.TABLES,
        catalog.taxonomy,
    )
    assert cleaned.exercise is not None
    assert slugs(cleaned.exercise.primary_muscles) == ["side-delts"]
    assert slugs(cleaned.exercise.secondary_muscles) == ["traps"]
    assert cleaned.fixes == [
        shoulder_fix("side-delts", False),
        "a primary muscle repeated among the secondary ones was dropped",
    ]


def test_a_skipped_record_counts_no_shoulder_fix(catalog: Catalog) -> None:
    cleaned = clean(
        shoulder_record("Face Pull", secondary_muscles=("shoulders",)), free_exercise_db.TABLES, catalog.taxonomy
    )
    assert cleaned.exercise is None and cleaned.fixes == []


# Names from free-exercise-db's exercises.json, several per head: a record whose name the library already answers
# to is linked to that exercise and keeps the library's muscles, so only the ones the import adds are checked.
IMPORTED = {
    "front-delts": (
        "Barbell Shoulder Press",
        "Dumbbell Shoulder Press",
        "Seated Barbell Military Press",
        "Standing Palms-In Dumbbell Press",
        "Dumbbell One-Arm Shoulder Press",
        "Smith Machine Overhead Shoulder Press",
        "Front Dumbbell Raise",
        "Front Incline Dumbbell Raise",
    ),
    "side-delts": (
        "Side Lateral Raise",
        "Seated Side Lateral Raise",
        "Lateral Raise - With Bands",
        "One-Arm Incline Lateral Raise",
        "Cable Seated Lateral Raise",
        "Dumbbell One-Arm Upright Row",
    ),
    "rear-delts": (
        "Reverse Flyes",
        "Reverse Machine Flyes",
        "Reverse Flyes With External Rotation",
        "Seated Bent-Over Rear Delt Raise",
        "Cable Rear Delt Fly",
        "Dumbbell Lying Rear Lateral Raise",
        "Face Pull",
    ),
}


@pytest.mark.shared
def test_free_exercise_db_shoulders_go_to_the_head_each_exercise_works(db: Database) -> None:
    data = json.loads(shared_file(FREE).read_text())
    shoulder_records = [x for x in data if "shoulders" in x["primaryMuscles"] + x["secondaryMuscles"]]
    names = {x["name"] for x in data}
    assert all(name in names for chosen in IMPORTED.values() for name in chosen)
    report = db.run(import_dataset, "free-exercise-db", FREE)
    shoulder_fixes = {fix: n for fix, n in report.fixes.items() if fix.startswith("the whole deltoid")}
    assert sum(shoulder_fixes.values()) == len(shoulder_records)
    for head in HEADS:
        assert shoulder_fixes.get(shoulder_fix(head, True), 0) > 0, head
    with db.session() as session:
        imported = dict(
            session.execute(
                select(ExerciseSourceRow.name, ExerciseRow.slug)
                .join(ExerciseRow, ExerciseRow.id == ExerciseSourceRow.exercise_id)
                .where(ExerciseSourceRow.source == "free-exercise-db", ExerciseSourceRow.relation != "linked")
            ).all()
        )
    for head, chosen in IMPORTED.items():
        checked = [name for name in chosen if name in imported]
        assert len(checked) >= 3, f"too few of {chosen} were imported as exercises of their own to check {head}"
        for name in checked:
            exercise = db.run(library.get_exercise, imported[name])
            assert exercise is not None
            worked = slugs(exercise.primary_muscles) + slugs(exercise.secondary_muscles)
            assert head in worked and not set(worked) & (set(HEADS) - {head}), (name, worked)
    # No imported overhead press is side-delt work any more.
    presses = [name for name in imported if re.search(r"\b(?:shoulder|military|overhead) press\b", name.lower())]
    assert len(presses) >= 5
    for name in presses:
        exercise = db.run(library.get_exercise, imported[name])
        assert exercise is not None
        assert "side-delts" not in slugs(exercise.primary_muscles) + slugs(exercise.secondary_muscles), name
