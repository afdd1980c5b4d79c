"""The laterality rule (docs/catalog-format.md, "Laterality"): a page is unilateral exactly when each side gets its
own set. The checker reads it from the name and the text, and names the line that breaks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.loader import Catalog, read_catalog
from liftlore.domain.names import slugify

STEPS = (
    "Kneel on all fours with your hands under your shoulders.",
    "Brace your trunk so your back stays flat.",
    "Reach one arm forward until it is level with your body.",
    "Lower the arm under control.",
)
FAQ = (
    ("Who is this for?", "Anyone who wants a steadier trunk."),
    ("Can I add weight?", "A light wrist weight makes it harder."),
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty catalog with the real drills and taxonomy, for pages written by the tests."""
    root = tmp_path / "catalog"
    (root / "exercises").mkdir(parents=True)
    shutil.copytree(CATALOG_DIR / "drills", root / "drills")
    for name in ("muscles.toml", "equipment.toml"):
        shutil.copy(CATALOG_DIR / name, root / name)
    return root


def write_page(
    root: Path,
    name: str,
    laterality: str,
    steps: tuple[str, ...] = STEPS,
    faq: tuple[tuple[str, str], ...] = FAQ,
    tip: str = "Move slowly and keep breathing.",
) -> Path:
    """A complete exercise page that passes every other check, so the laterality rule is all that can fail."""
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
    questions = "\n\n".join(f"### {question}\n\n{answer}" for question, answer in faq)
    text = f"""---
name: {name}
laterality: {laterality}
mechanic: compound
movement_pattern: anti-rotation
level: beginner
loading: [bodyweight]
primary_muscles: [abs]
secondary_muscles: [obliques]
equipment: []
optional_equipment: []
warm_up: [cat-cow]
cool_down: [childs-pose]
target: 8-12 reps
rest_seconds: 60
---

## Summary

The {name.lower()} is a {laterality} compound anti-rotation exercise done with your body weight.

Your trunk has to stay still while your limbs move.

## Steps

{numbered}

## Tips

- {tip}
- Keep your ribs pulled down.

## Benefits

It builds trunk control for heavier lifts.

It needs nothing but floor space.

## FAQ

{questions}
"""
    path = root / "exercises" / f"{slugify(name)}.md"
    path.write_text(text)
    return path


def line_of(path: Path, text: str) -> int:
    content = path.read_text()
    assert text in content, f"{text!r} not in {path.name}"
    return content[: content.index(text)].count("\n") + 1


def problems(root: Path) -> list[str]:
    return [str(p) for p in read_catalog(root).problems]


def test_a_plain_bilateral_page_passes(root: Path) -> None:
    write_page(root, "Trunk Reach", "bilateral")
    assert problems(root) == []


@pytest.mark.parametrize(
    "last_step",
    [
        "Do 8-12 reps, then switch sides.",
        "Finish your reps with that arm, then swap arms.",
        "Do all your reps on one side before you switch.",
        "Do 10 reps, then turn around and repeat on the other side.",
    ],
)
def test_a_bilateral_page_that_repeats_the_set_on_the_other_side_is_refused(root: Path, last_step: str) -> None:
    path = write_page(root, "Trunk Reach", "bilateral", steps=(*STEPS, last_step))
    found = problems(root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line_of(path, last_step)}: the page is bilateral, but ")
    assert "says each side gets its own set: make it unilateral" in found[0]


def test_the_same_page_is_right_when_unilateral(root: Path) -> None:
    write_page(root, "Trunk Reach", "unilateral", steps=(*STEPS, "Do 8-12 reps, then switch sides."))
    assert problems(root) == []


def test_a_dose_per_side_on_a_bilateral_page_is_refused_in_steps_tips_and_faq(root: Path) -> None:
    path = write_page(
        root,
        "Trunk Reach",
        "bilateral",
        steps=(*STEPS, "Repeat with the other arm, for 8-10 reps per side."),
        tip="Hold each reach for 20 seconds per side.",
        faq=(*FAQ, ("How many sets should I do?", "Three sets of 10 reps each arm suit most people.")),
    )
    found = problems(root)
    lines = sorted(int(p.split(":")[1]) for p in found)
    assert lines == sorted(
        line_of(path, text)
        for text in ("Repeat with the other arm", "Hold each reach", "Three sets of 10 reps each arm")
    ), found
    assert all("or, if the sides take turns within one set, say that they alternate" in p for p in found)


def test_alternating_sides_within_one_set_are_bilateral(root: Path) -> None:
    """The dead bug and bird dog decision: sides that take turns in one set may count reps per side."""
    write_page(
        root,
        "Trunk Reach",
        "bilateral",
        steps=(*STEPS, "Repeat with the other arm, alternating sides for 8-10 reps per side."),
    )
    assert problems(root) == []


def test_alternating_does_not_excuse_repeating_the_whole_set(root: Path) -> None:
    path = write_page(
        root,
        "Trunk Reach",
        "bilateral",
        steps=(*STEPS, "Alternate arms for 10 reps, then switch sides."),
    )
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(f"{path}:{line_of(path, 'Alternate arms')}: "), found


def test_switching_legs_in_a_rhythm_is_not_a_second_set(root: Path) -> None:
    """Mountain climber style: 'keep switching legs' describes one set, not a set per side."""
    write_page(root, "Trunk Reach", "bilateral", steps=(*STEPS, "Keep switching legs in a steady rhythm."))
    assert problems(root) == []


def test_a_faq_answer_about_a_one_sided_variation_is_not_read(root: Path) -> None:
    write_page(
        root,
        "Trunk Reach",
        "bilateral",
        faq=(
            *FAQ,
            ("Can I do it one arm at a time?", "Yes, do 8 reps with one arm, then switch arms."),
            ("Is there a harder version?", "Try it one arm at a time, with 6 reps per arm."),
        ),
    )
    assert problems(root) == []


@pytest.mark.parametrize(
    "name",
    ["Single-Leg Trunk Reach", "One-Arm Trunk Reach", "Split Squat Reach", "Reverse Lunge Reach", "Box Step-Up Reach"],
)
def test_a_bilateral_page_with_a_one_sided_name_is_refused(root: Path, name: str) -> None:
    path = write_page(root, name, "bilateral")
    found = problems(root)
    assert found == [
        f"{path}:2: the name '{name}' says one side at a time, and each side gets its own set: make the page "
        "unilateral (docs/catalog-format.md, Laterality)"
    ]


def test_a_one_sided_name_is_sign_enough_for_a_unilateral_page(root: Path) -> None:
    write_page(root, "Single-Arm Trunk Reach", "unilateral")
    assert problems(root) == []


def test_a_unilateral_page_with_no_sign_of_sides_is_refused(root: Path) -> None:
    path = write_page(
        root,
        "Trunk Reach",
        "unilateral",
        steps=(
            "Kneel on all fours with your hands under your shoulders.",
            "Brace your trunk so your back stays flat.",
            "Reach forward until your arms are level with your body.",
        ),
    )
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(f"{path}:3: the page is unilateral but never says how"), found


def test_a_unilateral_page_that_names_its_side_passes(root: Path) -> None:
    write_page(
        root,
        "Trunk Reach",
        "unilateral",
        steps=(*STEPS[:2], "Reach your right arm forward.", "Do 10 reps, then repeat on the left."),
    )
    assert problems(root) == []


# The bundled pages the rule and issue 13 fixed.


def test_one_side_per_set_core_exercises_are_unilateral(catalog: Catalog) -> None:
    for slug in ("pallof-press", "cable-woodchop"):
        assert catalog.exercises[slug].laterality == "unilateral", slug


def test_bird_dog_and_dead_bug_alternate_within_one_set(catalog: Catalog) -> None:
    assert catalog.exercises["bird-dog"].laterality == catalog.exercises["dead-bug"].laterality == "bilateral"
