"""The small cleaning steps of the dataset importers, table-driven."""

from __future__ import annotations

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.domain.exercise import Laterality, Loading
from liftlore.domain.names import normalise_name
from liftlore.ingest.datasets import free_exercise_db, open_exercise_db, wger
from liftlore.ingest.datasets.cleaning import clean, laterality_for, loading_for, map_names
from liftlore.ingest.datasets.html_text import html_to_steps
from liftlore.ingest.datasets.records import SourceRecord


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pull Up", "pull-up"),
        ("pullup", "Pull-ups"),
        ("Bench Press (Barbell)", "Barbell Bench Press"),
        ("Squats - With Bands", "Squat with Bands"),
        ("Lunges", "lunge"),
        ("Crunches", "crunch"),
        ("Farmer's Carry", "farmers carry"),
    ],
)
def test_names_that_mean_the_same_exercise_share_a_key(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Front Squat", "Back Squat"), ("Press", "Presses Behind Neck"), ("Hip Thrust", "Single-Leg Hip Thrust")],
)
def test_different_exercises_keep_different_keys(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


@pytest.mark.parametrize(
    ("html", "steps"),
    [
        ("<p>Stand tall.</p>\n<p>Press up.</p>", ("Stand tall.", "Press up.")),
        ("<ol><li>Grip the bar.</li><li>Pull <strong>hard</strong>.</li></ol>", ("Grip the bar.", "Pull hard .")),
        ("<p>Hold it<script>alert(1)</script> still.</p>", ("Hold it still.",)),
        ("Plain text\nacross lines", ("Plain text", "across lines")),
        ("<p>Keep &lt;b&gt; literal &amp; safe</p>", ("Keep <b> literal & safe",)),
        ("", ()),
        ("<p>   </p>", ()),
    ],
)
def test_html_descriptions_become_plain_steps(html: str, steps: tuple[str, ...]) -> None:
    assert html_to_steps(html) == steps


@pytest.mark.parametrize(
    ("names", "table", "mapped", "unmapped"),
    [
        (("Gluteus maximus", "Biceps femoris"), wger.MUSCLES, ["glutes", "hamstrings"], []),
        (("Soleus", "Gastrocnemius"), wger.MUSCLES, ["calves"], []),
        (("Serratus anterior",), wger.MUSCLES, [], ["Serratus anterior"]),
        (
            ("middle back", "lower back", "quadriceps"),
            free_exercise_db.MUSCLES,
            ["upper-back", "lower-back", "quads"],
            [],
        ),
        (("hip flexors",), open_exercise_db.MUSCLES, ["hip-flexors"], []),
        (("body only",), free_exercise_db.EQUIPMENT, [], []),
        (("other", "foam roll"), free_exercise_db.EQUIPMENT, [], ["other", "foam roll"]),
        (("leg press machine", "smith machine"), open_exercise_db.EQUIPMENT, ["machine", "smith-machine"], []),
        (("SZ-Bar", "Gym mat"), wger.EQUIPMENT, ["ez-bar"], []),
    ],
)
def test_mapping_tables(
    names: tuple[str, ...], table: dict[str, str | None], mapped: list[str], unmapped: list[str]
) -> None:
    assert map_names(names, table) == (mapped, unmapped)


def record(**overrides: object) -> SourceRecord:
    fields: dict[str, object] = {
        "source": "test",
        "source_id": "1",
        "name": "Reverse Lunge",
        "primary_muscles": ("quadriceps",),
    }
    fields.update(overrides)
    return SourceRecord(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "stated", "expected", "corrected"),
    [
        ("Reverse Lunge", "bilateral", Laterality.UNILATERAL, True),
        ("Dumbbell Step Ups", None, Laterality.UNILATERAL, False),
        ("One-Arm Dumbbell Row", None, Laterality.UNILATERAL, False),
        ("Barbell Squat", None, Laterality.BILATERAL, False),
        ("Barbell Squat", "unilateral", Laterality.UNILATERAL, False),
    ],
)
def test_laterality(name: str, stated: str | None, expected: Laterality, corrected: bool) -> None:
    assert laterality_for(record(name=name, laterality=stated)) == (expected, corrected)


def test_loading_follows_equipment(catalog: Catalog) -> None:
    taxonomy = catalog.taxonomy
    assert loading_for([], taxonomy) == (Loading.BODYWEIGHT,)
    assert loading_for(["dumbbell"], taxonomy) == (Loading.LOADED,)
    assert loading_for(["cable"], taxonomy) == (Loading.LOADED,)
    assert loading_for(["pull-up-bar"], taxonomy) == (Loading.BODYWEIGHT,)


def test_clean_drops_a_primary_muscle_repeated_among_the_secondary(catalog: Catalog) -> None:
    cleaned = clean(
        record(primary_muscles=("glutes",), secondary_muscles=("glutes", "hamstrings")),
        free_exercise_db.TABLES,
        catalog.taxonomy,
    )
    assert cleaned.exercise is not None
    assert [m.slug for m in cleaned.exercise.secondary_muscles] == ["hamstrings"]
    assert cleaned.fixes == ["a primary muscle repeated among the secondary ones was dropped"]


def test_clean_skips_records_without_a_usable_primary_muscle(catalog: Catalog) -> None:
    none = clean(record(primary_muscles=()), free_exercise_db.TABLES, catalog.taxonomy)
    assert (none.exercise, none.skip_reason) == (None, "no primary muscle")
    unmapped = clean(record(primary_muscles=("Serratus anterior",)), wger.TABLES, catalog.taxonomy)
    assert unmapped.skip_reason == "no primary muscle maps to a liftlore muscle group"
    assert unmapped.unmapped_muscles == ["Serratus anterior"]


def test_clean_keeps_source_licence_and_author(catalog: Catalog) -> None:
    cleaned = clean(
        record(primary_muscles=("Gluteus maximus",), licence="CC-BY-SA 4", author="someone"),
        wger.TABLES,
        catalog.taxonomy,
    )
    assert cleaned.exercise is not None and cleaned.exercise.source is not None
    source = cleaned.exercise.source
    assert (source.name, source.source_id, source.licence, source.author) == ("test", "1", "CC-BY-SA 4", "someone")
    defaulted = clean(record(), free_exercise_db.TABLES, catalog.taxonomy)
    assert defaulted.exercise is not None and defaulted.exercise.source is not None
    assert defaulted.exercise.source.licence == "Unlicense"
