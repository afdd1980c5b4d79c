"""free-exercise-db: one JSON array of exercises (Unlicense)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from liftlore.errors import LiftloreError
from liftlore.ingest.datasets.json_values import Where, load_json, optional_text, text_list
from liftlore.ingest.datasets.records import DELTOIDS, Skip, SourceRecord, SourceTables

NAME = "free-exercise-db"

# Its 17 muscle names. "shoulders" is the deltoid as a whole: each exercise's head is read from its name, movement
# family and force (cleaning.shoulder_head).
MUSCLES: dict[str, str | None] = {
    "abdominals": "abs",
    "abductors": "abductors",
    "adductors": "adductors",
    "biceps": "biceps",
    "calves": "calves",
    "chest": "chest",
    "forearms": "forearms",
    "glutes": "glutes",
    "hamstrings": "hamstrings",
    "lats": "lats",
    "lower back": "lower-back",
    "middle back": "upper-back",
    "neck": "neck",
    "quadriceps": "quads",
    "shoulders": DELTOIDS,
    "traps": "traps",
    "triceps": "triceps",
}

EQUIPMENT: dict[str, str | None] = {
    "body only": None,
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebells": "kettlebell",
    "cable": "cable",
    "machine": "machine",
    "bands": "resistance-band",
    "medicine ball": "medicine-ball",
    "exercise ball": "stability-ball",
    "e-z curl bar": "ez-bar",
}

TABLES = SourceTables(muscles=MUSCLES, equipment=EQUIPMENT, licence="Unlicense")


def record_from(raw: dict[str, Any], source: str, where: Where) -> SourceRecord | Skip:
    """One exercise in the free-exercise-db shape (open-exercise-db extends it); its licence is the dataset's."""
    source_id = _record_id(raw, where)
    name = (optional_text(raw, "name", where) or "").strip()
    if not source_id or not name:
        return Skip(source_id or "?", name or "?", "no id or no name")
    equipment = (optional_text(raw, "equipment", where) or "").strip()
    return SourceRecord(
        source=source,
        source_id=source_id,
        name=name,
        primary_muscles=text_list(raw, "primaryMuscles", where),
        secondary_muscles=text_list(raw, "secondaryMuscles", where),
        equipment=(equipment,) if equipment else (),
        instructions=text_list(raw, "instructions", where),
        aliases=text_list(raw, "aliases", where),
        level=optional_text(raw, "level", where),
        mechanic=optional_text(raw, "mechanic", where),
        laterality=optional_text(raw, "laterality", where),
        force=optional_text(raw, "force", where),
        family=optional_text(raw, "family", where),  # open-exercise-db's; free-exercise-db has none
    )


def _record_id(raw: dict[str, Any], where: Where) -> str:
    value = raw.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # the datasets use text ids; a numbered copy means the same
    return optional_text(raw, "id", where) or ""


def read(path: Path) -> list[SourceRecord | Skip]:
    if path.is_dir():
        path = path / "exercises.json"
    data = load_json(path)
    if not isinstance(data, list):
        raise LiftloreError("expected a JSON array of exercises", file=path, line=1)
    out: list[SourceRecord | Skip] = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise LiftloreError(f"item {index} is not an object", file=path, field=f"[{index}]")
        out.append(record_from(raw, NAME, Where(path, prefix=f"[{index}].")))
    return out
