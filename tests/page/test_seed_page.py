"""The seed page (a third-party page read from ../shared) parses to exactly the record the issue describes."""

from __future__ import annotations

from typing import Any

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.page.read import read_page_file
from liftlore.page.record import exercise_record
from tests.conftest import SEED_PAGE, shared_file


@pytest.fixture(scope="module")
def record(catalog: Catalog) -> dict[str, Any]:
    parsed = read_page_file(shared_file(SEED_PAGE), catalog.taxonomy)
    return exercise_record(parsed.exercise, parsed.warnings)


def test_record_has_exactly_the_documented_keys(record: dict[str, Any]) -> None:
    assert list(record) == [
        "slug",
        "name",
        "summary",
        "steps",
        "laterality",
        "mechanic",
        "movement_pattern",
        "loading",
        "primary_muscles",
        "secondary_muscles",
        "tips",
        "equipment",
        "benefits",
        "references",
        "warm_up",
        "cool_down",
        "faq",
        "planner",
        "warnings",
    ]


def test_name_comes_from_the_first_sentence(record: dict[str, Any]) -> None:
    assert record["name"] == "Single-Leg Hip Thrust"
    assert record["slug"] == "single-leg-hip-thrust"


def test_summary_drops_the_repeated_sentence_and_says_so(record: dict[str, Any]) -> None:
    sentence = "This isolation exercise helps to target the glute muscles."
    assert len(record["summary"]) == 2
    assert " ".join(record["summary"]).count(sentence) == 1
    assert any(sentence in warning and "repeated" in warning for warning in record["warnings"])


def test_facts(record: dict[str, Any]) -> None:
    assert record["laterality"] == "unilateral"
    assert record["mechanic"] == "isolation"
    assert record["movement_pattern"] == "hip extension"
    assert record["loading"] == ["bodyweight", "loaded"]


def test_steps(record: dict[str, Any]) -> None:
    assert len(record["steps"]) == 3
    assert record["steps"][0].startswith("Sit on the floor")
    assert record["steps"][-1] == "Lower slowly by hinging your hips."


def test_muscles_keep_the_page_descriptions(record: dict[str, Any]) -> None:
    assert [m["slug"] for m in record["primary_muscles"]] == ["glutes", "hamstrings"]
    assert [m["slug"] for m in record["secondary_muscles"]] == ["calves", "lower-back", "obliques", "quads"]
    hamstrings = record["primary_muscles"][1]
    assert hamstrings == {
        "slug": "hamstrings",
        "name": "Hamstrings",
        "description": "The hamstrings flex your knees and extend and rotate your hips",
    }
    assert all(m["description"] for m in record["primary_muscles"] + record["secondary_muscles"])


def test_tips_equipment_benefits(record: dict[str, Any]) -> None:
    assert len(record["tips"]) == 3
    assert [e["slug"] for e in record["equipment"]] == ["barbell", "bench"]
    # The page says the exercise works with resistance or body weight alone: the barbell is the optional part.
    assert [e["optional"] for e in record["equipment"]] == [True, False]
    assert len(record["benefits"]) == 3


def test_references(record: dict[str, Any]) -> None:
    assert [r["title"] for r in record["references"]] == [
        "Effects of Unilateral vs. Bilateral Resistance Training",
        "Hip Thrust and Back Squat Training Elicit Similar Gluteus Muscle Hypertrophy",
    ]


def test_warm_up_and_cool_down_drills(record: dict[str, Any]) -> None:
    [warm_up] = record["warm_up"]
    assert warm_up["name"] == "Forward leg swings"
    assert len(warm_up["steps"]) == 3
    assert warm_up["dose"]["reps"] == 10
    assert warm_up["dose"]["seconds"] is None
    assert warm_up["dose"]["per_side"] is True
    [cool_down] = record["cool_down"]
    assert cool_down["name"] == "Figure 4 stretch"
    assert len(cool_down["steps"]) == 4
    assert cool_down["dose"]["seconds"] == [10, 30]
    assert cool_down["dose"]["reps"] is None
    assert cool_down["dose"]["per_side"] is True


def test_faq_without_questions(record: dict[str, Any]) -> None:
    assert [entry["question"] for entry in record["faq"]] == [None, None, None]
    assert [entry["answer"].split()[0] for entry in record["faq"]] == ["No.", "If", "The"]
    assert record["faq"][1]["answer"].startswith("If you want")
    assert record["faq"][2]["answer"].startswith("The gluteus maximus")
    assert any("FAQ" in warning and "question" in warning for warning in record["warnings"])
