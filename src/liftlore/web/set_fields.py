"""One set given as separate fields (the log page's form, a set object sent to the API), checked the same way
whichever door it came in by."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError, UnknownValueError

_Choice = TypeVar("_Choice", bound=StrEnum)


@dataclass(frozen=True)
class SetFields:
    """A set's fields as given: None (or "" for side) when left out; the weight in the unit it was typed in."""

    reps: float | None = None
    weight: float | None = None
    side: str | None = None
    set_type: str = SetType.NORMAL.value
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None


def set_from_fields(fields: SetFields, unit: WeightUnit, *, where: str = "") -> SetEntry:
    """The set in kilograms. Errors name the field after `where` ('sets[0].' in the API), so a person sees
    which input to correct."""
    reps = _whole(fields.reps, f"{where}reps")
    set_type = _choice(SetType, fields.set_type, f"{where}set_type")
    side = _choice(Side, fields.side, f"{where}side") if fields.side else None
    try:
        return SetEntry(
            reps=reps,
            weight_kg=to_kg(fields.weight, unit) if fields.weight is not None else None,
            set_type=set_type,
            side=side,
            rpe=fields.rpe,
            rir=fields.rir,
            duration_s=fields.duration_s,
            distance_m=fields.distance_m,
        )
    except LiftloreError as exc:
        # SetEntry's own checks name the bare field ('rpe'); the API needs which set it was in too.
        raise LiftloreError(exc.message, field=f"{where}{exc.field or 'set'}") from None


def _whole(value: float | None, field: str) -> int | None:
    """Reps are counted, so 8.7 is refused rather than cut to 8 behind the person's back."""
    if value is None:
        return None
    if not float(value).is_integer():
        raise LiftloreError(f"reps are a whole number, not {value:g}", field=field)
    return int(value)


def _choice(kind: type[_Choice], text: str, field: str) -> _Choice:
    try:
        return kind(text)
    except ValueError:
        raise UnknownValueError(field, text, [member.value for member in kind]) from None
