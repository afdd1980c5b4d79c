"""What the bundled library promises its users: complete pages across every muscle group, piece of equipment
and laterality, drills that are used, names that find their exercise."""

from __future__ import annotations

from collections import Counter

import pytest

from liftlore.catalog.loader import Catalog
from liftlore.catalog.warm_up_fit import MUSCLE_REGIONS
from liftlore.domain.exercise import MOVEMENT_PATTERNS
from liftlore.domain.names import normalise_name
from liftlore.services import library
from liftlore.store.db import Database
from liftlore.web.bodymap import BACK, FRONT

MUSCLE_GROUPS = [
    "glutes",
    "hamstrings",
    "quads",
    "calves",
    "adductors",
    "abductors",
    "hip-flexors",
    "lower-back",
    "abs",
    "obliques",
    "chest",
    "lats",
    "upper-back",
    "traps",
    "front-delts",
    "side-delts",
    "rear-delts",
    "biceps",
    "triceps",
    "forearms",
    "neck",
    "serratus-anterior",
    "rotator-cuff",
    "brachialis",
    "tibialis-anterior",
]
EQUIPMENT = [
    "barbell",
    "dumbbell",
    "kettlebell",
    "cable",
    "machine",
    "bench",
    "pull-up-bar",
    "resistance-band",
    "ez-bar",
    "trap-bar",
    "smith-machine",
    "medicine-ball",
    "stability-ball",
    "box",
    "landmine",
    "rings",
    "weight-plate",
    "bodyweight",
    "sled",
    "dip-bars",
    "neck-machine",
]


def test_taxonomy_has_every_group_with_a_side_and_a_description(catalog: Catalog) -> None:
    for slug in MUSCLE_GROUPS:
        muscle = catalog.taxonomy.muscles[slug]
        assert muscle.side in ("front", "back", "both") and muscle.description.endswith(".")
    for slug in EQUIPMENT:
        assert catalog.taxonomy.equipment[slug].description


def test_at_least_320_complete_pages(catalog: Catalog) -> None:
    assert len(catalog.exercises) >= 320
    for exercise in catalog.exercises.values():
        assert len(exercise.summary) == 2 and len(exercise.steps) >= 3 and len(exercise.tips) >= 2
        assert len(exercise.benefits) >= 2 and exercise.warm_up and exercise.cool_down
        assert len(exercise.faq) >= 2 and all(entry.question for entry in exercise.faq)
        assert exercise.level and exercise.mechanic and exercise.movement_pattern and exercise.loading


def test_every_muscle_group_is_primary_in_at_least_six(catalog: Catalog) -> None:
    primary = Counter(m.slug for e in catalog.exercises.values() for m in e.primary_muscles)
    assert set(catalog.taxonomy.muscles) == set(MUSCLE_GROUPS)
    assert {slug: primary[slug] for slug in MUSCLE_GROUPS if primary[slug] < 6} == {}


def test_every_movement_pattern_has_at_least_three(catalog: Catalog) -> None:
    patterns = Counter(e.movement_pattern for e in catalog.exercises.values())
    assert {p: patterns[p] for p in MOVEMENT_PATTERNS if patterns[p] < 3} == {}


def test_every_level_is_served(catalog: Catalog) -> None:
    levels = Counter(e.level.value for e in catalog.exercises.values() if e.level)
    assert levels["beginner"] >= 100 and levels["intermediate"] >= 60 and levels["advanced"] >= 20


def test_at_least_110_pages_cite_a_checked_study(catalog: Catalog) -> None:
    assert sum(bool(e.references) for e in catalog.exercises.values()) >= 110


def test_the_body_map_draws_every_muscle_group(catalog: Catalog) -> None:
    drawn = set(FRONT) | set(BACK)
    assert set(catalog.taxonomy.muscles) - drawn == set()


def test_the_drill_rule_knows_the_joint_of_every_muscle_group(catalog: Catalog) -> None:
    # A group missing here would add no joint to its exercises, and the rule would refuse drills that fit them.
    assert set(MUSCLE_REGIONS) == set(catalog.taxonomy.muscles)


def test_laterality_and_equipment_coverage(catalog: Catalog) -> None:
    exercises = list(catalog.exercises.values())
    assert sum(e.laterality == "unilateral" for e in exercises) >= 45
    no_equipment = [e for e in exercises if all(use.optional for use in e.equipment)]
    assert len(no_equipment) >= 30
    used = Counter(use.equipment.slug for e in exercises for use in e.equipment)
    used["bodyweight"] = len(no_equipment)  # bodyweight is never listed: it means "no required equipment"
    assert {slug: used[slug] for slug in EQUIPMENT if used[slug] < 3} == {}


def test_at_least_30_drills_each_used(catalog: Catalog) -> None:
    assert len(catalog.drills) >= 30
    used = {d.slug for e in catalog.exercises.values() for d in e.warm_up + e.cool_down}
    assert set(catalog.drills) - used == set()


def test_variation_chain_of_the_hip_thrust(catalog: Catalog) -> None:
    assert "barbell-hip-thrust" in catalog.exercises["glute-bridge"].harder
    assert "single-leg-hip-thrust" in catalog.exercises["barbell-hip-thrust"].harder
    assert "barbell-hip-thrust" in catalog.exercises["single-leg-hip-thrust"].easier


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("pull up", "pull-up"),
        ("pull-up", "pull-up"),
        ("pullup", "pull-up"),
        ("Pull-Ups", "pull-up"),
        ("RDL", "romanian-deadlift"),
        ("rdl", "romanian-deadlift"),
        ("hip thrust", "barbell-hip-thrust"),
    ],
)
def test_names_and_aliases_find_the_exercise(db: Database, typed: str, slug: str) -> None:
    assert db.run(library.get_exercise, typed).slug == slug


def test_names_and_aliases_are_unique(catalog: Catalog) -> None:
    keys = Counter(normalise_name(n) for e in catalog.exercises.values() for n in {e.name, *e.aliases})
    assert [key for key, count in keys.items() if count > 1] == []
