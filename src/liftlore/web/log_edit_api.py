"""/api/v1 for fixing the training log: change, move or delete a set; rename, finish or delete a workout. Ids may
be shortened to their first characters (services/log_ids.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from liftlore.domain.units import WeightUnit, to_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.services import log_edits, training, training_settings
from liftlore.shapes.training import SetChangeOut, WorkoutOut
from liftlore.web.api import ERRORS
from liftlore.web.deps import SessionDep


class SetPatchIn(BaseModel):
    """The values to change; a field left out stays as it is, a field sent as null is cleared (`"weight": null`
    makes a body-weight set)."""

    reps: int | None = None
    weight: float | None = Field(None, description="In `unit`; negative means assisted; null for body weight")
    unit: str | None = Field(None, description="kg or lb, for `weight`; default: the user's unit setting")
    side: str | None = Field(None, description="left, right or both")
    set_type: str | None = Field(None, description="normal, warm-up, drop or failure")
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    exercise: str | None = Field(None, description="Move the set to this exercise (slug, name or alias), same workout")


class WorkoutPatchIn(BaseModel):
    name: str | None = Field(None, description="The workout's name; null or blank clears it")
    finished: bool | None = Field(None, description="true: end the workout now (if it is in progress)")


_RENAMED = {"weight": "weight_kg"}


def changes_of(patch: SetPatchIn, unit: WeightUnit) -> dict[str, Any]:
    """The fields sent, by the set's own names, the weight in kg."""
    given = patch.model_fields_set - {"unit", "exercise"}
    changes = {_RENAMED.get(name, name): getattr(patch, name) for name in given}
    if changes.get("weight_kg") is not None:
        changes["weight_kg"] = to_kg(
            changes["weight_kg"], weight_unit(patch.unit, field="unit") if patch.unit else unit
        )
    if "set_type" in changes and changes["set_type"] is None:
        raise LiftloreError("set_type is normal, warm-up, drop or failure", field="set_type")
    return changes


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["training log"])

    @router.patch("/sets/{set_id}", summary="Change a set's values, or move it to another exercise")
    def change_set(session: SessionDep, set_id: str, patch: SetPatchIn) -> SetChangeOut:
        unit = training_settings.training_settings(session).unit
        changes = changes_of(patch, unit)
        if not changes and patch.exercise is None:
            raise LiftloreError("nothing to change: send a field of the set, or an exercise to move it to", field="set")
        if patch.exercise is not None and not patch.exercise.strip():
            raise LiftloreError("name the exercise to move the set to", field="exercise")
        edited = log_edits.edit_set(session, set_id, changes) if changes else None
        if patch.exercise is not None:
            edited = log_edits.move_set(session, set_id, patch.exercise)
        assert edited is not None
        return SetChangeOut.from_domain(edited)

    @router.delete("/sets/{set_id}", summary="Delete a set (an emptied workout without a name goes too)")
    def delete_set(session: SessionDep, set_id: str) -> SetChangeOut:
        return SetChangeOut.from_domain(log_edits.delete_set(session, set_id))

    @router.patch("/workouts/{workout_id}", summary="Rename a workout, or finish the one in progress")
    def change_workout(session: SessionDep, workout_id: str, patch: WorkoutPatchIn) -> WorkoutOut:
        found = log_edits.resolve_workout_id(session, workout_id, field="workout_id")
        if "name" not in patch.model_fields_set and not patch.finished:
            raise LiftloreError('nothing to change: send a "name", or "finished": true', field="workout")
        if "name" in patch.model_fields_set:
            log_edits.rename_workout(session, found, patch.name)
        if patch.finished:
            training.finish_workout(session, found)
        return WorkoutOut.from_domain(training.get_workout(session, found))

    @router.delete("/workouts/{workout_id}", status_code=204, summary="Delete a workout with all its sets")
    def delete_workout(session: SessionDep, workout_id: str) -> None:
        training.delete_workout(session, log_edits.resolve_workout_id(session, workout_id, field="workout_id"))

    return router
