"""liftlore's own JSON export of the training log, in both directions.

Writing then reading gives back the same workouts, ids, times (in each workout's zone), import keys, the
exercises the log names and the training settings; writing again gives the same text, byte for byte. So the
format holds nothing that changes between runs (no export date) and keeps every list in a fixed order.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TypeVar

from liftlore.domain.exercise import Laterality
from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout, zone
from liftlore.errors import LiftloreError
from liftlore.ingest.logs.csvfile import read_text

FORMAT = "liftlore-training-log"
VERSION = 1
T = TypeVar("T")


@dataclass(frozen=True)
class LoggedExercise:
    """An exercise the log names: enough to recreate it where the library lacks it."""

    slug: str
    name: str
    laterality: Laterality


@dataclass(frozen=True)
class Backup:
    settings: dict[str, str]
    exercises: tuple[LoggedExercise, ...]
    workouts: tuple[Workout, ...]
    import_keys: dict[uuid.UUID, str]  # workout id -> the key that marks it imported from Strong or Hevy


# -- writing -------------------------------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def set_record(entry: SetEntry) -> dict[str, Any]:
    """A set as JSON: the export's shape, which the API serves too."""
    return {
        "id": str(entry.id),
        "set_type": entry.set_type.value,
        "side": (entry.side or Side.BOTH).value,
        "weight_kg": entry.weight_kg,
        "reps": entry.reps,
        "rpe": entry.rpe,
        "rir": entry.rir,
        "duration_s": entry.duration_s,
        "distance_m": entry.distance_m,
        "performed_at": _time(entry.performed_at),
    }


def workout_record(workout: Workout, import_key: str | None = None) -> dict[str, Any]:
    """A workout as JSON: the export's shape, which the API serves too."""
    return {
        "id": str(workout.id),
        "started_at": _time(workout.started_at),
        "ended_at": _time(workout.ended_at),
        "time_zone": workout.time_zone,
        "name": workout.name,
        "notes": workout.notes,
        "source": workout.source,
        "import_key": import_key,
        "entries": [
            {
                "id": str(entry.id),
                "exercise": entry.exercise_slug,
                "exercise_name": entry.exercise_name,
                "superset_group": entry.superset_group,
                "notes": entry.notes,
                "sets": [set_record(s) for s in entry.sets],
            }
            for entry in workout.entries
        ],
    }


def write_backup(backup: Backup) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "settings": dict(sorted(backup.settings.items())),
        "exercises": [
            {"slug": e.slug, "name": e.name, "laterality": e.laterality.value}
            for e in sorted(backup.exercises, key=lambda e: e.slug)
        ],
        "workouts": [workout_record(w, backup.import_keys.get(w.id) if w.id else None) for w in backup.workouts],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- reading -------------------------------------------------------------------------------------------------------


class _Reader:
    """Typed access to the parsed JSON; every mistake names the file and the path to the field."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> LiftloreError:
        return LiftloreError(problem, file=self.path, field=where)

    def get(self, record: dict[str, Any], key: str, where: str, kind: type[T] | tuple[type, ...]) -> T:
        if key not in record:
            raise self.fail(f"{where}.{key}", "missing")
        value = record[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(f"{where}.{key}", f"unexpected value {value!r}")
        return value  # type: ignore[return-value]

    def optional(self, record: dict[str, Any], key: str, where: str, kind: type[T] | tuple[type, ...]) -> T | None:
        if record.get(key) is None:
            return None
        return self.get(record, key, where, kind)

    def convert(self, where: str, text: str, how: Callable[[str], T]) -> T:
        try:
            return how(text)
        except (ValueError, LiftloreError):
            raise self.fail(where, f"unexpected value {text!r}") from None

    def time(self, record: dict[str, Any], key: str, where: str, tz: tzinfo) -> datetime | None:
        text = self.optional(record, key, where, str)
        if text is None:
            return None
        moment = self.convert(f"{where}.{key}", text, datetime.fromisoformat)
        if moment.tzinfo is None:
            raise self.fail(f"{where}.{key}", "a time without its zone")
        return moment.astimezone(tz)

    def records(self, record: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        items = self.get(record, key, where, list)
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{where}.{key}[{index}]", "expected an object")
        return items


def read_backup(path: Path) -> Backup:
    text = read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LiftloreError(f"not valid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    reader = _Reader(path)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LiftloreError(f'not a liftlore training log export (no "format": "{FORMAT}")', file=path)
    if document.get("version") != VERSION:
        raise reader.fail("version", f"this liftlore reads version {VERSION}, not {document.get('version')!r}")
    settings = reader.get(document, "settings", "", dict)
    for key, value in settings.items():
        if not isinstance(value, str):
            raise reader.fail(f"settings.{key}", f"unexpected value {value!r}")
    exercises = tuple(
        LoggedExercise(
            slug=reader.get(item, "slug", f"exercises[{i}]", str),
            name=reader.get(item, "name", f"exercises[{i}]", str),
            laterality=reader.convert(
                f"exercises[{i}].laterality", reader.get(item, "laterality", f"exercises[{i}]", str), Laterality
            ),
        )
        for i, item in enumerate(reader.records(document, "exercises", ""))
    )
    workouts: list[Workout] = []
    keys: dict[uuid.UUID, str] = {}
    for index, item in enumerate(reader.records(document, "workouts", "")):
        workout, key = _read_workout(reader, item, f"workouts[{index}]")
        workouts.append(workout)
        if key is not None and workout.id is not None:
            keys[workout.id] = key
    return Backup(settings=dict(settings), exercises=exercises, workouts=tuple(workouts), import_keys=keys)


def _read_workout(reader: _Reader, item: dict[str, Any], where: str) -> tuple[Workout, str | None]:
    tz = reader.convert(f"{where}.time_zone", reader.get(item, "time_zone", where, str), zone)
    started = reader.time(item, "started_at", where, tz)
    if started is None:
        raise reader.fail(f"{where}.started_at", "missing")
    entries = []
    for e_index, entry in enumerate(reader.records(item, "entries", where)):
        at = f"{where}.entries[{e_index}]"
        sets = tuple(
            _read_set(reader, s, f"{at}.sets[{s_index}]", tz)
            for s_index, s in enumerate(reader.records(entry, "sets", at))
        )
        entries.append(
            ExerciseEntry(
                exercise_name=reader.get(entry, "exercise_name", at, str),
                exercise_slug=reader.optional(entry, "exercise", at, str),
                sets=sets,
                superset_group=reader.optional(entry, "superset_group", at, int),
                notes=reader.optional(entry, "notes", at, str),
                id=reader.convert(f"{at}.id", reader.get(entry, "id", at, str), uuid.UUID),
            )
        )
    try:
        workout = Workout(
            started_at=started,
            ended_at=reader.time(item, "ended_at", where, tz),
            name=reader.optional(item, "name", where, str),
            notes=reader.optional(item, "notes", where, str),
            source=reader.get(item, "source", where, str),
            id=reader.convert(f"{where}.id", reader.get(item, "id", where, str), uuid.UUID),
            entries=tuple(entries),
        )
    except LiftloreError as exc:
        raise reader.fail(f"{where}.{exc.field}", exc.message) from None
    return workout, reader.optional(item, "import_key", where, str)


def _read_set(reader: _Reader, item: dict[str, Any], where: str, tz: tzinfo) -> SetEntry:
    number = (int, float)
    try:
        return SetEntry(
            reps=reader.optional(item, "reps", where, int),
            weight_kg=_float(reader.optional(item, "weight_kg", where, number)),
            set_type=reader.convert(f"{where}.set_type", reader.get(item, "set_type", where, str), SetType),
            side=reader.convert(f"{where}.side", reader.get(item, "side", where, str), Side),
            rpe=_float(reader.optional(item, "rpe", where, number)),
            rir=_float(reader.optional(item, "rir", where, number)),
            duration_s=_float(reader.optional(item, "duration_s", where, number)),
            distance_m=_float(reader.optional(item, "distance_m", where, number)),
            performed_at=reader.time(item, "performed_at", where, tz),
            id=reader.convert(f"{where}.id", reader.get(item, "id", where, str), uuid.UUID),
        )
    except LiftloreError as exc:
        if exc.file is not None:
            raise
        raise reader.fail(f"{where}.{exc.field}", exc.message) from None


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)
