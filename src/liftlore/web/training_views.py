"""How the training log reads on a page: a set and a record as text. (As JSON they take the export's shape:
`ingest/logs/backup.py`.)"""

from __future__ import annotations

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, format_distance, format_duration, format_weight, plain_number
from liftlore.domain.units import distance_unit_for as _distance_unit
from liftlore.science.records import RECORD_LABELS, RecordKind
from liftlore.services.training import PersonalRecord

_SIDE_MARK = {Side.LEFT: "L", Side.RIGHT: "R", Side.BOTH: ""}
_TYPE_MARK = {SetType.WARM_UP: "warm-up", SetType.DROP: "drop", SetType.FAILURE: "to failure", SetType.NORMAL: ""}


def set_text(entry: SetEntry, unit: WeightUnit) -> str:
    """'L 40 kg × 10 @ RPE 8', 'body weight × 12', '20 kg assisted × 8', '40 kg × 0.05 km', '1:30 (warm-up)'."""
    parts: list[str] = []
    if entry.side is not None and _SIDE_MARK[entry.side]:
        parts.append(_SIDE_MARK[entry.side])
    parts.extend(_load_and_amounts(entry, unit))
    if entry.rpe is not None:
        parts.append(f"@ RPE {plain_number(entry.rpe, 1)}")
    elif entry.rir is not None:
        parts.append(f"{plain_number(entry.rir, 1)} RIR")
    if _TYPE_MARK[entry.set_type]:
        parts.append(f"({_TYPE_MARK[entry.set_type]})")
    return " ".join(parts)


def _load_and_amounts(entry: SetEntry, unit: WeightUnit) -> list[str]:
    """The load times the first amount (reps, else time, else distance), then the others: '40 kg × 10 1:00'."""
    amounts = [str(entry.reps)] if entry.reps is not None else []
    if entry.duration_s is not None:
        amounts.append(format_duration(entry.duration_s))
    if entry.distance_m is not None:
        amounts.append(format_distance(entry.distance_m, _distance_unit(unit)))
    # Body weight is worth saying beside reps; a timed or distance set with no load (a plank, a run) is just its
    # amount. SetEntry refuses a set with no amount at all, so amounts[0] exists.
    if entry.weight_kg is None and entry.reps is None:
        return amounts
    return [f"{_load(entry.weight_kg, unit)} × {amounts[0]}", *amounts[1:]]


def _load(weight_kg: float | None, unit: WeightUnit) -> str:
    if weight_kg is None:
        return "body weight"
    if weight_kg < 0:
        return f"{format_weight(-weight_kg, unit)} assisted"
    return format_weight(weight_kg, unit)


def record_text(record: PersonalRecord, unit: WeightUnit) -> str:
    """'Left: heaviest weight 60 kg', 'best estimated 1RM 82.5 kg (70 kg × 5)'."""
    side = "" if record.side is Side.BOTH else f"{record.side.value.capitalize()}: "
    label = RECORD_LABELS[record.kind]
    if record.kind is RecordKind.REPS:
        weight = format_weight(record.weight_kg, unit) if record.weight_kg is not None else "body weight"
        return f"{side}{label} at {weight}: {plain_number(record.value)}"
    shown = format_weight(record.value, unit)
    if record.kind is RecordKind.E1RM and record.weight_kg is not None:
        shown += f" ({format_weight(record.weight_kg, unit)} × {record.reps})"
    return f"{side}{label} {shown}"
