"""Write an exercise in the seed's page layout; reading the result back gives the same record."""

from __future__ import annotations

from liftlore.domain.exercise import Drill, Exercise, MuscleGroup
from liftlore.page import facts


def write_page(exercise: Exercise) -> str:
    lines: list[str] = []
    derived = facts.name_from_summary(facts.split_sentences(exercise.summary[0])[0]) if exercise.summary else None
    if derived != exercise.name:
        lines.append(exercise.name)  # a title line, because the first sentence would give another name
    lines += exercise.summary
    lines += exercise.steps
    lines += ["Muscle Worked", "Primary Muscle Groups"]
    lines += _muscle_lines(exercise.primary_muscles)
    if exercise.secondary_muscles:
        lines.append("Secondary Muscle Groups")
        lines += _muscle_lines(exercise.secondary_muscles)
    if exercise.tips:
        lines.append("Pro Tips")
        lines += exercise.tips
    if exercise.equipment:
        lines.append("Equipments")
        for use in exercise.equipment:
            lines += [
                f"{use.equipment.name} (optional)" if use.optional else use.equipment.name,
                use.equipment.description,
            ]
    if exercise.benefits:
        lines.append("Benefits")
        lines += exercise.benefits
    if exercise.warm_up or exercise.cool_down:
        lines.append("Warm Up & Cool Down")
        if exercise.warm_up:
            lines.append("Warm Up")
            lines += _drill_lines(exercise.warm_up)
        if exercise.cool_down:
            lines.append("Cool Down")
            lines += _drill_lines(exercise.cool_down)
    if exercise.faq:
        lines.append("FAQ")
        for entry in exercise.faq:
            if entry.question is not None:
                lines.append(entry.question)
            lines.append(entry.answer)
    return "\n".join(lines) + "\n"


def _muscle_lines(muscles: tuple[MuscleGroup, ...]) -> list[str]:
    return [text for muscle in muscles for text in (muscle.name, muscle.description)]


def _drill_lines(drills: tuple[Drill, ...]) -> list[str]:
    return [text for drill in drills for text in (drill.intro, *drill.steps)]
