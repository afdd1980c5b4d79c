"""The JSON record of an exercise page: what `import page --json` prints and the API serves."""

from __future__ import annotations

from typing import Any

from liftlore.domain.exercise import Drill, EquipmentUse, Exercise, MuscleGroup


def muscle_json(muscle: MuscleGroup) -> dict[str, Any]:
    return {"slug": muscle.slug, "name": muscle.name, "description": muscle.description}


def equipment_json(use: EquipmentUse) -> dict[str, Any]:
    return {
        "slug": use.equipment.slug,
        "name": use.equipment.name,
        "description": use.equipment.description,
        "optional": use.optional,
    }


def drill_json(drill: Drill) -> dict[str, Any]:
    dose = drill.dose
    return {
        "name": drill.name,
        "intro": drill.intro,
        "steps": list(drill.steps),
        "dose": {
            "text": dose.text,
            "reps": dose.reps,
            "seconds": list(dose.seconds) if dose.seconds else None,
            "per_side": dose.per_side,
        },
    }


def exercise_record(exercise: Exercise, warnings: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "summary": list(exercise.summary),
        "steps": list(exercise.steps),
        "laterality": exercise.laterality.value,
        "mechanic": exercise.mechanic.value if exercise.mechanic else None,
        "movement_pattern": exercise.movement_pattern,
        "loading": [value.value for value in exercise.loading],
        "primary_muscles": [muscle_json(m) for m in exercise.primary_muscles],
        "secondary_muscles": [muscle_json(m) for m in exercise.secondary_muscles],
        "tips": list(exercise.tips),
        "equipment": [equipment_json(use) for use in exercise.equipment],
        "benefits": list(exercise.benefits),
        "references": [{"title": ref.title, "doi": ref.doi} for ref in exercise.references],
        "warm_up": [drill_json(d) for d in exercise.warm_up],
        "cool_down": [drill_json(d) for d in exercise.cool_down],
        "faq": [{"question": entry.question, "answer": entry.answer} for entry in exercise.faq],
        "warnings": list(warnings),
    }
