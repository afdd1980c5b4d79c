"""muscles.toml and equipment.toml: the shared vocabulary every catalog page refers to."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from liftlore.catalog.problems import Problem
from liftlore.domain.exercise import EquipmentType, MuscleGroup

SIDES = ("front", "back", "both")


def read_toml(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.append(Problem(str(path), None, "the file is missing"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(str(path), None, f"not valid TOML: {exc}"))
    return {}


def _text(entry: dict[str, Any], key: str, path: Path, slug: str, problems: list[Problem]) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(str(path), None, f"[{slug}] needs a non-empty '{key}'"))
        return ""
    return value.strip()


def _aliases(entry: dict[str, Any]) -> tuple[str, ...]:
    value = entry.get("aliases", [])
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def load_muscles(path: Path, problems: list[Problem]) -> dict[str, MuscleGroup]:
    muscles: dict[str, MuscleGroup] = {}
    for slug, entry in read_toml(path, problems).items():
        side = entry.get("side")
        if side not in SIDES:
            problems.append(Problem(str(path), None, f"[{slug}] side must be one of {', '.join(SIDES)}"))
        muscles[slug] = MuscleGroup(
            slug=slug,
            name=_text(entry, "name", path, slug, problems),
            description=_text(entry, "description", path, slug, problems),
            side=side if side in SIDES else None,
            aliases=_aliases(entry),
        )
    return muscles


def load_equipment(path: Path, problems: list[Problem]) -> dict[str, EquipmentType]:
    equipment: dict[str, EquipmentType] = {}
    for slug, entry in read_toml(path, problems).items():
        equipment[slug] = EquipmentType(
            slug=slug,
            name=_text(entry, "name", path, slug, problems),
            description=_text(entry, "description", path, slug, problems),
            adds_load=bool(entry.get("adds_load", False)),
            aliases=_aliases(entry),
        )
    return equipment
