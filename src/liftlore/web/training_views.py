"""How the training log is shown: a set as text, a workout as JSON. Shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout
from liftlore.domain.units import WeightUnit, format_distance, format_duration, format_weight, plain_number
from liftlore.domain.units import distance_unit_for as _distance_unit
from liftlore.science.records import RECORD_LABELS, RecordKind
from liftlore.services.training import PersonalRecord

_SIDE_MARK = {Side.LEFT: "L", Side.RIGHT: "R", Side.BOTH: ""}
_TYPE_MARK = {SetType.WARM_UP: "warm-up", SetType.DROP: "drop", SetType.FAILURE: "to failure", SetType.NORMAL: ""}


def set_text(entry: SetEntry, unit: WeightUnit) -> str:
    """'L 40 kg × 10 @ RPE 8', 'body weight × 12', '-20 kg (assisted) × 8', '1:30'."""
    parts: list[str] = []
    if entry.side is not None and _SIDE_MARK[entry.side]:
        parts.append(_SIDE_MARK[entry.side])
    if entry.weight_kg is None:
        load = "body weight"
    elif entry.weight_kg < 0:
        load = f"{format_weight(-entry.weight_kg, unit)} assisted"
    else:
        load = format_weight(entry.weight_kg, unit)
    if entry.reps is not None:
        parts.append(f"{load} × {entry.reps}")
    if entry.duration_s is not None:
        parts.append(format_duration(entry.duration_s))
    if entry.distance_m is not None:
        parts.append(format_distance(entry.distance_m, _distance_unit(unit)))
    if entry.rpe is not None:
        parts.append(f"@ RPE {plain_number(entry.rpe, 1)}")
    elif entry.rir is not None:
        parts.append(f"{plain_number(entry.rir, 1)} RIR")
    if _TYPE_MARK[entry.set_type]:
        parts.append(f"({_TYPE_MARK[entry.set_type]})")
    return " ".join(parts)


def record_text(record: PersonalRecord, unit: WeightUnit) -> str:
    """'Left: heaviest weight 60 kg', 'best e1RM 82.5 kg (70 kg × 5)'."""
    side = "" if record.side is Side.BOTH else f"{record.side.value.capitalize()}: "
    label = RECORD_LABELS[record.kind]
    if record.kind is RecordKind.REPS:
        weight = format_weight(record.weight_kg, unit) if record.weight_kg is not None else "body weight"
        return f"{side}{label} at {weight}: {plain_number(record.value)}"
    shown = format_weight(record.value, unit)
    if record.kind is RecordKind.E1RM and record.weight_kg is not None:
        shown += f" ({format_weight(record.weight_kg, unit)} × {record.reps})"
    return f"{side}{label} {shown}"


def set_json(entry: SetEntry) -> dict[str, Any]:
    return {
        "id": str(entry.id) if entry.id else None,
        "set_type": entry.set_type.value,
        "side": entry.side.value if entry.side else None,
        "reps": entry.reps,
        "weight_kg": entry.weight_kg,
        "rpe": entry.rpe,
        "rir": entry.rir,
        "duration_s": entry.duration_s,
        "distance_m": entry.distance_m,
        "performed_at": entry.performed_at.isoformat() if entry.performed_at else None,
    }


def entry_json(entry: ExerciseEntry) -> dict[str, Any]:
    return {
        "exercise": entry.exercise_name,
        "exercise_slug": entry.exercise_slug,
        "superset_group": entry.superset_group,
        "notes": entry.notes,
        "sets": [set_json(s) for s in entry.sets],
    }


def workout_json(workout: Workout) -> dict[str, Any]:
    return {
        "id": str(workout.id) if workout.id else None,
        "name": workout.name,
        "title": workout.title,
        "started_at": workout.started_at.isoformat(),
        "ended_at": workout.ended_at.isoformat() if workout.ended_at else None,
        "time_zone": workout.time_zone,
        "notes": workout.notes,
        "source": workout.source,
        "entries": [entry_json(e) for e in workout.entries],
    }
