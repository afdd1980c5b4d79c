"""open-exercise-db: one JSON file per exercise, with laterality and a controlled vocabulary (Unlicense)."""

from __future__ import annotations

from pathlib import Path

from liftlore.errors import LiftloreError
from liftlore.ingest.datasets import free_exercise_db
from liftlore.ingest.datasets.json_values import Where, load_json
from liftlore.ingest.datasets.records import Skip, SourceRecord, SourceTables

NAME = "open-exercise-db"

MUSCLES: dict[str, str | None] = {**free_exercise_db.MUSCLES, "hip flexors": "hip-flexors"}

_MACHINES = (
    "ab crunch machine",
    "belt squat machine",
    "bicep curl machine",
    "calf raise machine",
    "chest press machine",
    "dip machine",
    "glute-ham developer",
    "hack squat machine",
    "hip abduction machine",
    "hip adduction machine",
    "leg curl machine",
    "leg extension machine",
    "leg press machine",
    "leverage machine",
    "pec deck machine",
    "preacher curl machine",
    "reverse hyperextension machine",
    "shoulder press machine",
    "t-bar row machine",
    "triceps extension machine",
)

EQUIPMENT: dict[str, str | None] = {
    **free_exercise_db.EQUIPMENT,
    **dict.fromkeys(_MACHINES, "machine"),
    "smith machine": "smith-machine",
    "weight plate": "weight-plate",
    "landmine": "landmine",
    "trap bar": "trap-bar",
    "safety squat bar": "barbell",
}

TABLES = SourceTables(muscles=MUSCLES, equipment=EQUIPMENT, licence="Unlicense")


def read(directory: Path) -> list[SourceRecord | Skip]:
    folder = directory / "exercises" if (directory / "exercises").is_dir() else directory
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise LiftloreError(
            "no exercise files (*.json) found: expected the dataset's exercises/ folder", file=directory
        )
    out: list[SourceRecord | Skip] = []
    for path in paths:
        raw = load_json(path)
        if not isinstance(raw, dict):
            raise LiftloreError("expected one JSON object", file=path, line=1)
        out.append(free_exercise_db.record_from(raw, NAME, Where(path)))
    return out
