"""wger: Django fixtures. Exercises, their English translations (HTML descriptions), aliases and comments, with
a licence and author on every record (CC-BY-SA 3.0/4.0 or CC0)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from liftlore.errors import LiftloreError
from liftlore.ingest.datasets.free_exercise_db import load_json
from liftlore.ingest.datasets.html_text import html_to_steps
from liftlore.ingest.datasets.records import Skip, SourceRecord, SourceTables

NAME = "wger"
ENGLISH = 2

# wger names muscles in Latin, with an English alias on some.
MUSCLES: dict[str, str | None] = {
    "Biceps brachii": "biceps",
    "Brachialis": "biceps",
    "Anterior deltoid": "front-delts",
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


def _fixture(path: Path) -> list[dict[str, Any]]:
    data = load_json(path)
    if not isinstance(data, list):
        raise LiftloreError("expected a JSON array of Django fixture records", file=path, line=1)
    return [item for item in data if isinstance(item, dict) and isinstance(item.get("fields"), dict)]


def _names(path: Path, field: str) -> dict[int, str]:
    return {int(item["pk"]): str(item["fields"].get(field) or "") for item in _fixture(path)}


def read(directory: Path) -> list[SourceRecord | Skip]:
    required = ("exercise-base-data.json", "translations.json", "muscles.json", "equipment.json", "licenses.json")
    missing = [name for name in required if not (directory / name).is_file()]
    if missing:
        raise LiftloreError(f"not a wger fixture folder: missing {', '.join(missing)}", file=directory)
    muscles = _names(directory / "muscles.json", "name")
    equipment = _names(directory / "equipment.json", "name")
    licences = _names(directory / "licenses.json", "short_name")
    english: dict[int, dict[str, Any]] = {}
    aliases: dict[int, list[str]] = defaultdict(list)
    comments: dict[int, list[str]] = defaultdict(list)
    for item in _fixture(directory / "translations.json"):
        fields, model = item["fields"], item.get("model")
        if model == "exercises.translation" and fields.get("language") == ENGLISH:
            english[int(fields["exercise"])] = {"pk": int(item["pk"]), **fields}
        elif model == "exercises.alias":
            aliases[int(fields["translation"])].append(str(fields.get("alias") or "").strip())
        elif model == "exercises.exercisecomment":
            comments[int(fields["translation"])].append(str(fields.get("comment") or "").strip())
    out: list[SourceRecord | Skip] = []
    for item in _fixture(directory / "exercise-base-data.json"):
        pk, fields = int(item["pk"]), item["fields"]
        translation = english.get(pk)
        if translation is None or not str(translation.get("name") or "").strip():
            out.append(Skip(str(pk), "?", "no English name"))
            continue
        licence = licences.get(int(fields.get("license") or 0))
        out.append(
            SourceRecord(
                source=NAME,
                source_id=str(pk),
                name=str(translation["name"]).strip(),
                primary_muscles=tuple(muscles.get(m, f"muscle #{m}") for m in fields.get("muscles") or []),
                secondary_muscles=tuple(muscles.get(m, f"muscle #{m}") for m in fields.get("muscles_secondary") or []),
                equipment=tuple(equipment.get(e, f"equipment #{e}") for e in fields.get("equipment") or []),
                instructions=html_to_steps(str(translation.get("description") or "")),
                aliases=tuple(a for a in aliases.get(translation["pk"], []) if a),
                licence=licence or None,
                author=str(fields.get("license_author") or translation.get("license_author") or "") or None,
                notes=tuple(c for c in comments.get(translation["pk"], []) if c),
            )
        )
    return out
