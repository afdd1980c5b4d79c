"""Pages in the seed's layout that differ from it: fixtures written for this project in tests/data/pages."""

from __future__ import annotations

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import Loading, ParsedPage
from liftlore.page.read import parse_page, read_page_file
from tests.conftest import DATA

PAGES = DATA / "pages"


def read(catalog: Catalog, name: str) -> ParsedPage:
    return read_page_file(PAGES / name, catalog.taxonomy)


def test_no_equipment_section_means_bodyweight(catalog: Catalog) -> None:
    parsed = read(catalog, "bodyweight-no-equipment.txt")
    exercise = parsed.exercise
    assert exercise.name == "Reverse Plank"
    assert exercise.equipment == ()
    assert exercise.loading == (Loading.BODYWEIGHT,)
    assert exercise.movement_pattern == "spinal extension"
    assert [m.slug for m in exercise.primary_muscles] == ["lower-back", "glutes"]
    assert [m.slug for m in exercise.secondary_muscles] == ["hamstrings", "rear-delts"]
    assert exercise.warm_up == () and exercise.cool_down == ()
    assert parsed.warnings == ()


def test_faq_questions_are_kept_and_multi_line_answers_joined(catalog: Catalog) -> None:
    parsed = read(catalog, "faq-with-questions.txt")
    faq = parsed.exercise.faq
    assert [entry.question for entry in faq] == [
        "Is the rope hip drive a good replacement for deadlifts?",
        "How heavy should I go?",
        "Which attachment works best?",
    ]
    assert faq[1].answer == "Pick a weight you can move for 12 to 15 smooth reps. Keep the last two reps slow."
    assert not any("FAQ" in warning for warning in parsed.warnings)


def test_warm_up_without_cool_down(catalog: Catalog) -> None:
    exercise = read(catalog, "warm-up-only.txt").exercise
    [drill] = exercise.warm_up
    assert drill.name == "Standing hip circles"
    assert drill.dose.reps == 8
    assert drill.dose.per_side is True
    assert exercise.cool_down == ()
    assert [use.equipment.slug for use in exercise.equipment] == ["resistance-band"]
    assert exercise.loading == (Loading.LOADED,)


def test_several_references_with_and_without_doi(catalog: Catalog) -> None:
    exercise = read(catalog, "several-references.txt").exercise
    assert [(ref.title, ref.doi) for ref in exercise.references] == [
        ("Effects of Unilateral vs. Bilateral Resistance Training", None),
        (
            "Dose-response relationship between weekly resistance training volume and increases in muscle mass: "
            "A systematic review and meta-analysis",
            "10.1080/02640414.2016.1210197",
        ),
        ("Hip Thrust and Back Squat Training Elicit Similar Gluteus Muscle Hypertrophy", None),
    ]
    # Body weight or dumbbells: the dumbbell is optional although the page does not mark it.
    assert [(u.equipment.slug, u.optional) for u in exercise.equipment] == [("dumbbell", True)]


def test_muscle_and_equipment_lines_without_final_period(catalog: Catalog) -> None:
    exercise = read(catalog, "muscle-no-period.txt").exercise
    [calves] = exercise.primary_muscles
    assert calves.slug == "calves"
    assert calves.description == "The calves point your foot and lift your heel"
    assert exercise.equipment[0].equipment.description == "A seated calf raise machine with a knee pad"
    assert len(exercise.tips) == 2


def test_one_primary_muscle_and_no_secondary_section(catalog: Catalog) -> None:
    exercise = read(catalog, "one-primary.txt").exercise
    assert [m.slug for m in exercise.primary_muscles] == ["forearms"]
    assert exercise.secondary_muscles == ()
    assert exercise.movement_pattern == "wrist flexion"


def test_unknown_heading_is_a_warning_and_its_lines_are_skipped(catalog: Catalog) -> None:
    parsed = read(catalog, "unknown-heading.txt")
    assert parsed.exercise.tips == (
        "Breathe out as your limbs go down.",
        "Move slowly enough to count to three on the way down.",
    )
    [warning] = [w for w in parsed.warnings if "unknown heading" in w]
    assert "'Common Mistakes'" in warning and warning.startswith("line 13:")
    assert len(parsed.exercise.benefits) == 2  # reading resumed at the next known heading


def test_title_line_and_name_option(catalog: Catalog) -> None:
    text = (PAGES / "one-primary.txt").read_text()
    titled = parse_page("Forearm Roller\n" + text, catalog.taxonomy)
    assert titled.exercise.name == "Forearm Roller"
    assert titled.exercise.summary[0].startswith("The rope wrist winder is")
    named = parse_page(text, catalog.taxonomy, name="Wrist Winder Deluxe")
    assert (named.exercise.name, named.exercise.slug) == ("Wrist Winder Deluxe", "wrist-winder-deluxe")


@pytest.mark.parametrize(
    ("summary", "laterality", "mechanic", "pattern"),
    [
        (
            "The step-down is a unilateral compound lunge exercise done with body weight.",
            "unilateral",
            "compound",
            "lunge",
        ),
        (
            "The Bulgarian split squat is a unilateral compound lunge exercise with a load.",
            "unilateral",
            "compound",
            "lunge",
        ),
        (
            "The leg extension is a bilateral isolation knee extension exercise on a loaded machine.",
            "bilateral",
            "isolation",
            "knee extension",
        ),
    ],
)
def test_facts_read_from_the_summary(
    catalog: Catalog, summary: str, laterality: str, mechanic: str, pattern: str
) -> None:
    page = f"{summary}\nStand tall.\nMove.\nMuscle Worked\nPrimary Muscle Groups\nQuads\nThe quads work.\n"
    exercise = parse_page(page, catalog.taxonomy).exercise
    assert (exercise.laterality, exercise.mechanic, exercise.movement_pattern) == (
        laterality,
        mechanic,
        pattern,
    )


def lunge_page(summary: str) -> str:
    return f"{summary}\nStep back.\nStand up.\nMuscle Worked\nPrimary Muscle Groups\nQuads\nThe quads work.\n"


def test_a_one_sided_name_makes_a_page_without_a_laterality_sentence_unilateral(catalog: Catalog) -> None:
    parsed = parse_page(lunge_page("The reverse lunge is a compound lunge exercise."), catalog.taxonomy)
    assert (parsed.exercise.name, parsed.exercise.laterality) == ("Reverse Lunge", "unilateral")
    assert "the summary does not say unilateral or bilateral; assumed unilateral from the name" in parsed.warnings


def test_the_summary_saying_bilateral_wins_over_a_one_sided_name(catalog: Catalog) -> None:
    summary = "The alternating lunge is a bilateral compound lunge exercise, switching legs every rep."
    parsed = parse_page(lunge_page(summary), catalog.taxonomy)
    assert (parsed.exercise.name, parsed.exercise.laterality) == ("Alternating Lunge", "bilateral")
    assert not any("unilateral or bilateral" in warning for warning in parsed.warnings)
