"""Fixing mistakes in the training log: change, move or delete a set, rename a workout. Sets and workouts are
named by the ids people type (services/log_ids.py: the first characters are enough).

Every change takes the log's lock first, as logging does (store/training.lock_log), and refreshes the strength
points of the workout it touched, so records and e1RM histories follow it at once."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from liftlore.domain.exercise import Laterality
from liftlore.domain.limits import MAX_NAME_LENGTH, check_text
from liftlore.domain.training import SetEntry, SetType, Side, Workout
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services.log_ids import MIN_PREFIX, resolve_set_id, resolve_workout_id
from liftlore.services.training import resolve_exercise
from liftlore.services.training_settings import training_settings
from liftlore.store import log_edits as repo
from liftlore.store import training as training_repo

EDITABLE = ("weight_kg", "reps", "rpe", "rir", "side", "set_type", "duration_s", "distance_m")


@dataclass(frozen=True)
class EditedSet:
    """What an edit did: the set as it is now (as it was, for a delete), its exercise, and its workout as it is
    now (None when deleting its last set dropped the workout too)."""

    set: SetEntry
    exercise_slug: str | None
    exercise_name: str
    workout_id: uuid.UUID
    workout: Workout | None


def _stored(session: Session, set_ref: str | uuid.UUID) -> repo.StoredSet:
    set_id = set_ref if isinstance(set_ref, uuid.UUID) else resolve_set_id(session, set_ref)
    training_repo.lock_log(session)
    found = repo.stored_set(session, set_id)
    if found is None:
        raise NotFoundError(f"no set {set_id}")
    return found


def _result(session: Session, entry: SetEntry, stored: repo.StoredSet, slug: str | None, name: str) -> EditedSet:
    return EditedSet(entry, slug, name, stored.workout_id, training_repo.get_workout(session, stored.workout_id))


def _coerce(name: str, value: Any) -> Any:
    """A change's value as SetEntry holds it: sides and set types by their names ('left', 'warm-up')."""
    if value is None:
        return None
    try:
        if name == "side":
            return Side(str(value).lower())
        if name == "set_type":
            return SetType(str(value).lower())
    except ValueError:
        allowed = [item.value for item in (Side if name == "side" else SetType)]
        raise LiftloreError(f"{name} is one of {', '.join(allowed)}, not '{value}'", field=name) from None
    return value


def edit_set(session: Session, set_ref: str | uuid.UUID, changes: Mapping[str, Any]) -> EditedSet:
    """Change some of a set's values (`changes` by SetEntry field name; None clears a value, such as the weight
    of a body-weight set). The changed set is checked like a new one, so it cannot become one no log would take."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise LiftloreError(f"a set has no field '{unknown[0]}' to change ({', '.join(EDITABLE)})", field=unknown[0])
    if not changes:
        raise LiftloreError(f"nothing to change: give one of {', '.join(EDITABLE)}", field="set")
    stored = _stored(session, set_ref)
    values = {name: _coerce(name, value) for name, value in changes.items()}
    if "side" in values and values["side"] is None:
        raise LiftloreError("a set's side is left, right or both", field="side")
    if values.get("rpe") is not None and "rir" not in values:
        values["rir"] = None  # an RPE given replaces the RIR logged before (a set holds one of the two)
    if values.get("rir") is not None and "rpe" not in values:
        values["rpe"] = None
    changed = replace(stored.set, **values)  # checked as any new set is (domain/training.check_set)
    _check_side(stored, changed.side)
    repo.update_set(session, stored, changed, training_settings(session).points)
    return _result(session, changed, stored, stored.exercise_slug, stored.exercise_name)


def _check_side(stored: repo.StoredSet, side: Side | None) -> None:
    if stored.laterality == Laterality.UNILATERAL.value and side is Side.BOTH and stored.set.side is not Side.BOTH:
        raise LiftloreError(
            f"{stored.exercise_name} is done one side at a time: a set of it is left or right", field="side"
        )


def delete_set(session: Session, set_ref: str | uuid.UUID) -> EditedSet:
    """Delete a set; an exercise left with no sets leaves the workout, and a workout in progress left empty is
    deleted unless it has a name or notes (undoing the set that started it). A finished workout is never deleted
    here, only emptied."""
    stored = _stored(session, set_ref)
    dropped = repo.delete_set(session, stored, training_settings(session).points)
    workout = None if dropped else training_repo.get_workout(session, stored.workout_id)
    return EditedSet(stored.set, stored.exercise_slug, stored.exercise_name, stored.workout_id, workout)


def move_set(session: Session, set_ref: str | uuid.UUID, exercise: str) -> EditedSet:
    """Move a set to another exercise (slug, name or alias) in the same workout: logged under the wrong one."""
    stored = _stored(session, set_ref)
    target = resolve_exercise(session, exercise)
    row = training_repo.exercise_row(session, target.slug)
    if row is None:
        raise NotFoundError(f"no exercise '{exercise}'")
    if row.id == stored.exercise_id:
        raise LiftloreError(f"the set is already one of {target.name}", field="exercise")
    if target.laterality is Laterality.UNILATERAL and stored.set.side is Side.BOTH:
        raise LiftloreError(
            f"{target.name} is done one side at a time: give the set its side first (left or right), then move it",
            field="side",
        )
    repo.move_set(session, stored, row, training_settings(session).points)
    return _result(session, stored.set, stored, target.slug, target.name)


def rename_workout(session: Session, workout_ref: str | uuid.UUID, name: str | None) -> Workout:
    """Give a workout a name (None or blank: no name, so it is called by its day again)."""
    workout_id = workout_ref if isinstance(workout_ref, uuid.UUID) else resolve_workout_id(session, workout_ref)
    cleaned = check_text(name, "name", MAX_NAME_LENGTH).strip() if name else ""
    if not repo.rename_workout(session, workout_id, cleaned or None):
        raise NotFoundError(f"no workout {workout_id}")
    found = training_repo.get_workout(session, workout_id)
    assert found is not None
    return found


__all__ = [
    "EDITABLE",
    "MIN_PREFIX",
    "EditedSet",
    "delete_set",
    "edit_set",
    "move_set",
    "rename_workout",
    "resolve_set_id",
    "resolve_workout_id",
]
