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
from liftlore.domain.limits import MAX_NAME_LENGTH, check_moment, check_text, shown
from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout, zone
from liftlore.errors import LiftloreError
from liftlore.ingest.logs.csvfile import read_text
from liftlore.shapes.export import ExportDocument, ExportedWorkout
from liftlore.shapes.library import ExerciseBrief

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


def write_backup(backup: Backup) -> str:
    """The export's text. Its shape is shapes/export.py's ExportDocument (the API's workout plus the import key).
    `json.dumps` writes it rather than Pydantic's own writer, so numbers are spelled as in exports made before
    (Pydantic writes 1e16 where Python writes 1e+16) and the same log always gives the same bytes."""
    document = ExportDocument(
        format=FORMAT,
        version=VERSION,
        settings=dict(sorted(backup.settings.items())),
        exercises=[
            ExerciseBrief(slug=e.slug, name=e.name, laterality=e.laterality)
            for e in sorted(backup.exercises, key=lambda e: e.slug)
        ],
        workouts=[ExportedWorkout.exported(w, backup.import_keys.get(w.id) if w.id else None) for w in backup.workouts],
    )
    return json.dumps(document.to_data(), ensure_ascii=False, indent=2) + "\n"


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
        # Checked before moving it into the workout's zone, which overflows near year 1 or 9999.
        try:
            check_moment(moment, "")
        except LiftloreError as exc:
            raise self.fail(f"{where}.{key}", exc.message) from None
        return moment.astimezone(tz)

    def text(self, record: dict[str, Any], key: str, where: str, max_length: int) -> str:
        return self.checked_text(self.get(record, key, where, str), f"{where}.{key}", max_length)

    def checked_text(self, value: str, field: str, max_length: int) -> str:
        """domain/limits.py's `check_text`, its refusal naming this file too."""
        try:
            return check_text(value, field, max_length)
        except LiftloreError as exc:
            raise self.fail(field, exc.message) from None

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
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise LiftloreError(f"not a liftlore export: {exc}", file=path) from None
    except RecursionError:  # lists or objects nested thousands deep
        raise LiftloreError("not a liftlore export: nested too deep", file=path) from None
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
            slug=reader.text(item, "slug", f"exercises[{i}]", MAX_NAME_LENGTH),
            name=reader.text(item, "name", f"exercises[{i}]", MAX_NAME_LENGTH),
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
        slug = reader.optional(entry, "exercise", at, str)
        if slug is not None:
            slug = reader.checked_text(slug, f"{at}.exercise", MAX_NAME_LENGTH)
        try:
            entries.append(
                ExerciseEntry(
                    exercise_name=reader.get(entry, "exercise_name", at, str),
                    exercise_slug=slug,
                    sets=sets,
                    superset_group=reader.optional(entry, "superset_group", at, int),
                    notes=reader.optional(entry, "notes", at, str),
                    id=reader.convert(f"{at}.id", reader.get(entry, "id", at, str), uuid.UUID),
                )
            )
        except LiftloreError as exc:
            if exc.file is not None:
                raise
            raise reader.fail(f"{at}.{_key(exc.field)}", exc.message) from None
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
        raise reader.fail(f"{where}.{_key(exc.field)}", exc.message) from None
    return workout, reader.optional(item, "import_key", where, str)


def _read_set(reader: _Reader, item: dict[str, Any], where: str, tz: tzinfo) -> SetEntry:
    number = (int, float)
    try:
        return SetEntry(
            reps=reader.optional(item, "reps", where, int),
            weight_kg=_float(reader.optional(item, "weight_kg", where, number), "weight"),
            set_type=reader.convert(f"{where}.set_type", reader.get(item, "set_type", where, str), SetType),
            side=reader.convert(f"{where}.side", reader.get(item, "side", where, str), Side),
            rpe=_float(reader.optional(item, "rpe", where, number), "rpe"),
            rir=_float(reader.optional(item, "rir", where, number), "rir"),
            duration_s=_float(reader.optional(item, "duration_s", where, number), "duration"),
            distance_m=_float(reader.optional(item, "distance_m", where, number), "distance"),
            performed_at=reader.time(item, "performed_at", where, tz),
            id=reader.convert(f"{where}.id", reader.get(item, "id", where, str), uuid.UUID),
        )
    except LiftloreError as exc:
        if exc.file is not None:
            raise
        raise reader.fail(f"{where}.{_key(exc.field)}", exc.message) from None


# The domain names a field the way a person says it ("weight"); an error in this file names its JSON key.
_KEYS = {
    "weight": "weight_kg",
    "duration": "duration_s",
    "distance": "distance_m",
    "exercise": "exercise_name",
    "superset": "superset_group",
    "end": "ended_at",
}


def _key(field: str | None) -> str:
    return _KEYS.get(field or "", field or "")


def _float(value: float | int | None, field: str) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except OverflowError:  # an int past 1e308; SetEntry would refuse it as unbelievable anyway
        raise LiftloreError(f"{shown(value)} is not believable", field=field) from None
