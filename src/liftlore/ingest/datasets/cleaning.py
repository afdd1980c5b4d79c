"""Clean a SourceRecord into a liftlore Exercise: small pure steps, each tested on its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from liftlore.domain.exercise import (
    EquipmentUse,
    Exercise,
    Laterality,
    Level,
    Loading,
    Mechanic,
    Source,
    sorted_loading,
)
from liftlore.domain.names import is_one_sided, slugify
from liftlore.domain.taxonomy import Taxonomy
from liftlore.ingest.datasets.records import SourceRecord, SourceTables

_LEVELS = {"beginner": Level.BEGINNER, "intermediate": Level.INTERMEDIATE, "expert": Level.ADVANCED}
_LOADING_SLUGS = frozenset({"machine", "cable", "smith-machine"})  # they add load without being "adds_load"


@dataclass
class Cleaned:
    exercise: Exercise | None
    skip_reason: str | None = None
    unmapped_muscles: list[str] = field(default_factory=list)
    unmapped_equipment: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)


def map_names(names: tuple[str, ...], table: dict[str, str | None]) -> tuple[list[str], list[str]]:
    """Source names to liftlore slugs, in order and without repeats; names missing from the table come back."""
    mapped: list[str] = []
    unmapped: list[str] = []
    lowered = {key.lower(): value for key, value in table.items()}
    for name in names:
        key = name.strip().lower()
        if key not in lowered:
            unmapped.append(name)
            continue
        slug = lowered[key]
        if slug is not None and slug not in mapped:
            mapped.append(slug)
    return mapped, unmapped


def laterality_for(record: SourceRecord) -> tuple[Laterality, bool]:
    """The source's laterality, unless the name is plainly one-sided (open-exercise-db calls some lunges
    bilateral); the flag says whether it was corrected."""
    one_sided = is_one_sided(record.name)
    if record.laterality in ("unilateral", "bilateral"):
        stated = Laterality(record.laterality)
        if one_sided and stated is Laterality.BILATERAL:
            return Laterality.UNILATERAL, True
        return stated, False
    return (Laterality.UNILATERAL if one_sided else Laterality.BILATERAL), False


def loading_for(equipment: list[str], taxonomy: Taxonomy) -> tuple[Loading, ...]:
    if not equipment:
        return (Loading.BODYWEIGHT,)
    loads = any(
        slug in _LOADING_SLUGS or (slug in taxonomy.equipment and taxonomy.equipment[slug].adds_load)
        for slug in equipment
    )
    return sorted_loading({Loading.LOADED} if loads else {Loading.BODYWEIGHT})


def summary_for(
    name: str, laterality: Laterality, mechanic: Mechanic | None, primary: list[str], source: str, taxonomy: Taxonomy
) -> str:
    muscles = [taxonomy.muscles[slug].name.lower() for slug in primary if slug in taxonomy.muscles]
    kind = f"{laterality.value} {mechanic.value}" if mechanic else laterality.value
    worked = ", ".join(muscles[:-1]) + (" and " if len(muscles) > 1 else "") + muscles[-1] if muscles else ""
    return f"The {name} is a {kind} exercise for the {worked}, imported from {source}."


def clean(record: SourceRecord, tables: SourceTables, taxonomy: Taxonomy) -> Cleaned:
    primary, unmapped_primary = map_names(record.primary_muscles, tables.muscles)
    secondary, unmapped_secondary = map_names(record.secondary_muscles, tables.muscles)
    equipment, unmapped_equipment = map_names(record.equipment, tables.equipment)
    cleaned = Cleaned(
        exercise=None, unmapped_muscles=unmapped_primary + unmapped_secondary, unmapped_equipment=unmapped_equipment
    )
    if not record.primary_muscles:
        cleaned.skip_reason = "no primary muscle"
        return cleaned
    if not primary:
        cleaned.skip_reason = "no primary muscle maps to a liftlore muscle group"
        return cleaned
    repeated = [slug for slug in secondary if slug in primary]
    if repeated:
        cleaned.fixes.append("a primary muscle repeated among the secondary ones was dropped")
        secondary = [slug for slug in secondary if slug not in primary]
    laterality, corrected = laterality_for(record)
    if corrected:
        cleaned.fixes.append("laterality corrected to unilateral from the name")
    mechanic = Mechanic(record.mechanic) if record.mechanic in ("isolation", "compound") else None
    known_equipment = [slug for slug in equipment if slug in taxonomy.equipment]
    cleaned.exercise = Exercise(
        slug=slugify(record.name),
        name=record.name,
        summary=(summary_for(record.name, laterality, mechanic, primary, record.source, taxonomy),),
        steps=record.instructions,
        laterality=laterality,
        mechanic=mechanic,
        movement_pattern=None,
        loading=loading_for(known_equipment, taxonomy),
        primary_muscles=tuple(taxonomy.muscles[slug] for slug in primary if slug in taxonomy.muscles),
        secondary_muscles=tuple(taxonomy.muscles[slug] for slug in secondary if slug in taxonomy.muscles),
        tips=record.notes,
        equipment=tuple(EquipmentUse(taxonomy.equipment[slug]) for slug in known_equipment),
        level=_LEVELS.get(record.level or ""),
        aliases=tuple(dict.fromkeys(a for a in record.aliases if a.strip() and a.strip() != record.name)),
        source=Source(
            name=record.source,
            source_id=record.source_id,
            licence=record.licence or tables.licence,
            author=record.author,
        ),
    )
    return cleaned
