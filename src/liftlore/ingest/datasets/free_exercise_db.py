"""free-exercise-db: one JSON array of exercises (Unlicense)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from liftlore.errors import LiftloreError
from liftlore.ingest.datasets.records import Skip, SourceRecord, SourceTables

NAME = "free-exercise-db"

# Its 17 muscle names. "shoulders" is the deltoid as a whole; liftlore files it under the side delts, the group
# people mean by "shoulders".
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
    "shoulders": "side-delts",
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


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LiftloreError(f"cannot read the file: {exc.strerror}", file=path) from exc
    except json.JSONDecodeError as exc:
        raise LiftloreError(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno) from exc


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(item).strip() for item in value if isinstance(item, str) and item.strip())


def record_from(raw: dict[str, Any], source: str, licence: str) -> SourceRecord | Skip:
    """One exercise in the free-exercise-db shape (open-exercise-db extends it)."""
    source_id = str(raw.get("id") or "")
    name = str(raw.get("name") or "").strip()
    if not source_id or not name:
        return Skip(source_id or "?", name or "?", "no id or no name")
    equipment = raw.get("equipment")
    return SourceRecord(
        source=source,
        source_id=source_id,
        name=name,
        primary_muscles=text_list(raw.get("primaryMuscles")),
        secondary_muscles=text_list(raw.get("secondaryMuscles")),
        equipment=(str(equipment),) if equipment else (),
        instructions=text_list(raw.get("instructions")),
        aliases=text_list(raw.get("aliases")),
        level=raw.get("level"),
        mechanic=raw.get("mechanic"),
        laterality=raw.get("laterality"),
        force=raw.get("force"),
        licence=licence,
    )


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
        out.append(record_from(raw, NAME, "Unlicense"))
    return out
