"""wger: Django fixtures. Exercises, their English translations (HTML descriptions), aliases and comments, with
a licence and author on every record (CC-BY-SA 3.0/4.0 or CC0)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liftlore.errors import LiftloreError
from liftlore.ingest.datasets.html_text import html_to_steps
from liftlore.ingest.datasets.json_values import (
    Where,
    load_json,
    number_list,
    optional_text,
    optional_whole_number,
    whole_number,
)
from liftlore.ingest.datasets.records import DELTOIDS, Skip, SourceRecord, SourceTables

NAME = "wger"
ENGLISH = 2

# wger names muscles in Latin, with an English alias on some. "Anterior deltoid" is its only deltoid, called
# "Shoulders" in English, and it tags lateral raises, reverse flys and face pulls as well as presses: it is the
# deltoid as a whole, and each exercise's head is read from its name (cleaning.shoulder_head).
MUSCLES: dict[str, str | None] = {
    "Biceps brachii": "biceps",
    "Brachialis": "biceps",
    "Anterior deltoid": DELTOIDS,
    "Pectoralis major": "chest",
    "Triceps brachii": "triceps",
    "Rectus abdominis": "abs",
    "Obliquus externus abdominis": "obliques",
    "Gastrocnemius": "calves",
    "Soleus": "calves",
    "Gluteus maximus": "glutes",
    "Trapezius": "traps",
    "Quadriceps femoris": "quads",
    "Biceps femoris": "hamstrings",
    "Latissimus dorsi": "lats",
    "Erector spinae": "lower-back",
    # "Serratus anterior" has no liftlore group: it is reported as unmapped.
}

EQUIPMENT: dict[str, str | None] = {
    "Barbell": "barbell",
    "SZ-Bar": "ez-bar",
    "Dumbbell": "dumbbell",
    "Gym mat": None,
    "Swiss Ball": "stability-ball",
    "Pull-up bar": "pull-up-bar",
    "none (bodyweight exercise)": None,
    "Bench": "bench",
    "Incline bench": "bench",
    "Kettlebell": "kettlebell",
    "Resistance band": "resistance-band",
    "Cable machine": "cable",
}

TABLES = SourceTables(muscles=MUSCLES, equipment=EQUIPMENT)


@dataclass(frozen=True)
class _Item:
    """One fixture record, with where it sits so that a bad field is reported by file, index and pk."""

    pk: int
    model: str
    fields: dict[str, Any]
    where: Where

    def number(self, key: str) -> int:
        return whole_number(self.fields, key, self.where)

    def optional_number(self, key: str) -> int | None:
        return optional_whole_number(self.fields, key, self.where)

    def numbers(self, key: str) -> tuple[int, ...]:
        return number_list(self.fields, key, self.where)

    def text(self, key: str) -> str:
        return (optional_text(self.fields, key, self.where) or "").strip()


def _fixture(path: Path) -> list[_Item]:
    data = load_json(path)
    if not isinstance(data, list):
        raise LiftloreError("expected a JSON array of Django fixture records", file=path, line=1)
    return [_item(path, index, raw) for index, raw in enumerate(data)]


def _item(path: Path, index: int, raw: object) -> _Item:
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
        raise LiftloreError("expected an object with a 'fields' object", file=path, field=f"[{index}]")
    pk = whole_number(raw, "pk", Where(path, prefix=f"[{index}]."))
    where = Where(path, prefix=f"[{index}].fields.", record=f"the record with pk {pk}: ")
    return _Item(pk, str(raw.get("model") or ""), raw["fields"], where)


def _names(path: Path, key: str) -> dict[int, str]:
    return {item.pk: item.text(key) for item in _fixture(path)}


@dataclass
class _Translations:
    """The English translation of each exercise, and the aliases and comments of each translation."""

    english: dict[int, _Item] = field(default_factory=dict)  # exercise pk -> translation
    aliases: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # translation pk -> aliases
    comments: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def _translations(path: Path) -> _Translations:
    found = _Translations()
    for item in _fixture(path):
        if item.model == "exercises.translation" and item.optional_number("language") == ENGLISH:
            found.english[item.number("exercise")] = item
        elif item.model == "exercises.alias":
            found.aliases[item.number("translation")].append(item.text("alias"))
        elif item.model == "exercises.exercisecomment":
            found.comments[item.number("translation")].append(item.text("comment"))
    return found


@dataclass(frozen=True)
class _Vocabulary:
    muscles: dict[int, str]
    equipment: dict[int, str]
    licences: dict[int, str]


def read(directory: Path) -> list[SourceRecord | Skip]:
    required = ("exercise-base-data.json", "translations.json", "muscles.json", "equipment.json", "licenses.json")
    missing = [name for name in required if not (directory / name).is_file()]
    if missing:
        raise LiftloreError(f"not a wger fixture folder: missing {', '.join(missing)}", file=directory)
    names = _Vocabulary(
        muscles=_names(directory / "muscles.json", "name"),
        equipment=_names(directory / "equipment.json", "name"),
        licences=_names(directory / "licenses.json", "short_name"),
    )
    translations = _translations(directory / "translations.json")
    return [_record(item, names, translations) for item in _fixture(directory / "exercise-base-data.json")]


def _record(item: _Item, names: _Vocabulary, translations: _Translations) -> SourceRecord | Skip:
    translation = translations.english.get(item.pk)
    name = translation.text("name") if translation is not None else ""
    if translation is None or not name:
        return Skip(str(item.pk), "?", "no English name")
    licence = names.licences.get(item.optional_number("license") or 0)
    return SourceRecord(
        source=NAME,
        source_id=str(item.pk),
        name=name,
        primary_muscles=tuple(names.muscles.get(m, f"muscle #{m}") for m in item.numbers("muscles")),
        secondary_muscles=tuple(names.muscles.get(m, f"muscle #{m}") for m in item.numbers("muscles_secondary")),
        equipment=tuple(names.equipment.get(e, f"equipment #{e}") for e in item.numbers("equipment")),
        instructions=html_to_steps(translation.text("description")),
        aliases=tuple(a for a in translations.aliases.get(translation.pk, []) if a),
        licence=licence or None,
        author=item.text("license_author") or translation.text("license_author") or None,
        notes=tuple(c for c in translations.comments.get(translation.pk, []) if c),
    )
