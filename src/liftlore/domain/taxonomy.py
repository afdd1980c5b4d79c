"""The shared vocabulary a page refers to: muscle groups and equipment types, found by name or alias."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from liftlore.domain.exercise import EquipmentType, MuscleGroup
from liftlore.domain.names import normalise_name, slugify


def _index(entries: Iterable[tuple[str, str, tuple[str, ...]]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for slug, name, aliases in entries:
        for key in (slug, name, *aliases):
            index.setdefault(normalise_name(key), slug)
    return index


@dataclass(frozen=True)
class Taxonomy:
    muscles: dict[str, MuscleGroup] = field(default_factory=dict)
    equipment: dict[str, EquipmentType] = field(default_factory=dict)

    @cached_property
    def _muscle_index(self) -> dict[str, str]:
        return _index((m.slug, m.name, m.aliases) for m in self.muscles.values())

    @cached_property
    def _equipment_index(self) -> dict[str, str]:
        return _index((e.slug, e.name, e.aliases) for e in self.equipment.values())

    def muscle_slug(self, name: str) -> str | None:
        """The slug of the muscle group a page's name means ('Quadriceps' -> 'quads'), if known."""
        return self._muscle_index.get(normalise_name(name))

    def equipment_slug(self, name: str) -> str | None:
        return self._equipment_index.get(normalise_name(name))

    def muscle_for_page(self, name: str, description: str) -> MuscleGroup:
        """The muscle group a page names, carrying the page's own description line."""
        slug = self.muscle_slug(name)
        known = self.muscles.get(slug) if slug else None
        if known is None:
            return MuscleGroup(slug=slugify(name), name=name, description=description)
        return MuscleGroup(slug=known.slug, name=known.name, description=description, side=known.side)

    def equipment_for_page(self, name: str, description: str) -> EquipmentType:
        slug = self.equipment_slug(name)
        known = self.equipment.get(slug) if slug else None
        if known is None:
            return EquipmentType(slug=slugify(name), name=name, description=description)
        return EquipmentType(slug=known.slug, name=known.name, description=description, adds_load=known.adds_load)
