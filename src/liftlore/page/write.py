"""Write an exercise in the seed's page layout; reading the result back gives the same record."""

from __future__ import annotations

from liftlore.domain.exercise import Drill, Exercise, Loading, MuscleGroup
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
        lines += _equipment_lines(exercise)
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


def _equipment_lines(exercise: Exercise) -> list[str]:
    # Like the title line, "(optional)" is written only when the reader could not work it out (page-format.md:
    # on a page that marks nothing, what only adds load to a body-weight exercise is optional), so a page that
    # marked nothing exports as it was written.
    implied = tuple(Loading.BODYWEIGHT in exercise.loading and use.equipment.adds_load for use in exercise.equipment)
    marked = tuple(use.optional for use in exercise.equipment) != implied
    return [
        text
        for use in exercise.equipment
        for text in (
            f"{use.equipment.name} (optional)" if marked and use.optional else use.equipment.name,
            use.equipment.description,
        )
    ]


def _drill_lines(drills: tuple[Drill, ...]) -> list[str]:
    return [text for drill in drills for text in (drill.intro, *drill.steps)]
