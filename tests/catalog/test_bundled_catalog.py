"""The bundled catalog passes its own checker and holds what the foundation promises."""

from __future__ import annotations

from liftlore.catalog.loader import Catalog
from liftlore.catalog.problems import in_order


def test_catalog_has_no_problems(catalog: Catalog) -> None:
    assert [str(p) for p in in_order(catalog.problems)] == []


def test_catalog_holds_the_hip_thrust_family(catalog: Catalog) -> None:
    for slug in ("single-leg-hip-thrust", "barbell-hip-thrust", "glute-bridge"):
        assert slug in catalog.exercises
    assert len(catalog.exercises) >= 12


def test_single_leg_hip_thrust_has_the_seed_facts(catalog: Catalog) -> None:
    exercise = catalog.exercises["single-leg-hip-thrust"]
    assert exercise.laterality == "unilateral"
    assert exercise.mechanic == "isolation"
    assert exercise.movement_pattern == "hip extension"
    assert [m.slug for m in exercise.primary_muscles] == ["glutes", "hamstrings"]
    assert {(u.equipment.slug, u.optional) for u in exercise.equipment} == {
        ("bench", False),
        ("barbell", True),
    }


def test_every_reference_used_by_an_exercise_exists(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        for muscle in exercise.muscles:
            assert muscle.slug in catalog.taxonomy.muscles
        for use in exercise.equipment:
            assert use.equipment.slug in catalog.taxonomy.equipment
        for drill in exercise.warm_up + exercise.cool_down:
            assert drill.slug in catalog.drills
