"""One set given as separate fields (the log page's form, a set object sent to the API), checked the same way
whichever door it came in by."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, from_kg, plain_number, to_kg
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


# -- the page forms: the log form and a set's edit form share their fields ------------------------------------------

BODY_WEIGHT = "yes"  # the value of the "Body weight" checkbox when it is ticked


def page_fields(form: Mapping[str, str], unit: WeightUnit, *, shown_kg: float | None = None) -> SetFields:
    """The fields typed into a page's set form (side, weight, bodyweight, reps, rpe, set_type), read by the same
    rules for a new set and an edit; the weight already in kilograms. `shown_kg` is the weight an edit form
    showed, rounded into the person's unit: a weight typed as shown is that weight, not its rounding (saving only
    new reps must not turn 100 kg into 99.9989 kg on a form in pounds)."""
    weight = page_weight(form, unit)
    if weight is not None and shown_kg is not None:
        shown = float(plain_number(from_kg(shown_kg, unit)))
        if page_number(form.get("weight", ""), "weight") == shown:
            weight = shown_kg
    return SetFields(
        reps=page_number(form.get("reps", ""), "reps"),
        weight=weight,
        side=form.get("side", ""),
        set_type=form.get("set_type", "") or SetType.NORMAL.value,
        rpe=page_number(form.get("rpe", ""), "rpe"),
    )


def page_set(form: Mapping[str, str], unit: WeightUnit) -> SetEntry:
    """The set typed into the log form, its weight in `unit`. Body weight is a choice the person makes: an empty
    weight without it is a mistake, not a body-weight set."""
    return set_from_fields(page_fields(form, unit), WeightUnit.KG)


def page_changes(form: Mapping[str, str], unit: WeightUnit, *, shown_kg: float | None = None) -> dict[str, Any]:
    """A set's edit form as changes for `log_edits.edit_set`: every field the form shows, an empty RPE clearing it,
    the side only when one is chosen. `shown_kg`: the set's stored weight, as `page_fields` takes it."""
    fields = page_fields(form, unit, shown_kg=shown_kg)
    changes: dict[str, Any] = {
        "weight_kg": fields.weight,
        "reps": _whole(fields.reps, "reps"),
        "rpe": fields.rpe,
        "set_type": _choice(SetType, fields.set_type, "set_type"),
    }
    if fields.side:
        changes["side"] = _choice(Side, fields.side, "side")
    return changes


def page_weight(form: Mapping[str, str], unit: WeightUnit) -> float | None:
    """The weight in kilograms, None for a body-weight set; refused when neither is given, or both."""
    typed = form.get("weight", "").strip()
    if form.get("bodyweight") == BODY_WEIGHT:
        if typed:
            raise LiftloreError(
                f"a body-weight set has no weight: clear the weight ({typed}) or untick Body weight", field="weight"
            )
        return None
    weight = page_number(typed, "weight")
    if weight is None:
        raise LiftloreError(
            f"enter the weight in {unit.value}, or tick Body weight for a set without added load", field="weight"
        )
    return to_kg(weight, unit)


def page_number(text: str, field: str) -> float | None:
    """A number typed into a field ("40", "40,5"), None when the field is empty."""
    if not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise LiftloreError(f"'{text[:40]}' is not a number", field=field) from None
    if not math.isfinite(value):
        raise LiftloreError(f"'{text[:40]}' is not a number", field=field)
    return value
