"""/api/v1 for the training log: log sets, read workouts, previous performance and records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from liftlore.domain.training import SetEntry
from liftlore.domain.units import WeightUnit, weight_unit
from liftlore.ingest.logs.backup import set_record, workout_record
from liftlore.ingest.logs.grammar import parse_sets
from liftlore.services import training
from liftlore.store.db import Database
from liftlore.web.api import ERRORS
from liftlore.web.set_fields import SetFields, set_from_fields


class SetIn(BaseModel):
    reps: int | None = None
    weight: float | None = Field(None, description="In `unit`; negative means assisted; leave out for body weight")
    unit: str | None = Field(None, description="kg or lb; default: the user's unit setting")
    side: str | None = Field(None, description="left, right or both; required for a unilateral exercise")
    set_type: str = "normal"
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None
    distance_m: float | None = None


class LogIn(BaseModel):
    exercise: str = Field(description="Slug, name or alias")
    sets: str | list[SetIn] = Field(
        description="Sets as typed in the log grammar ('L 40kg x 10, R 40kg x 8') or as a list of objects"
    )
    workout_id: str | None = Field(None, description="Add to this workout; default: the one in progress")
    new_workout: bool = False


def sets_from(request: LogIn, unit: WeightUnit) -> tuple[SetEntry, ...]:
    """The sets of a log request, in kg, whichever form they came in; `unit` is the user's, for bare weights."""
    if isinstance(request.sets, str):
        return parse_sets(request.sets, unit=unit)
    return tuple(_set_from(item, unit, index) for index, item in enumerate(request.sets))


def _set_from(item: SetIn, unit: WeightUnit, index: int) -> SetEntry:
    where = f"sets[{index}]."
    given = weight_unit(item.unit, field=f"{where}unit") if item.unit else unit
    fields = SetFields(
        reps=item.reps,
        weight=item.weight,
        side=item.side,
        set_type=item.set_type,
        rpe=item.rpe,
        rir=item.rir,
        duration_s=item.duration_s,
        distance_m=item.distance_m,
    )
    return set_from_fields(fields, given, where=where)


def create_router(db: Database) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["training log"])

    @router.post("/log", status_code=201, summary="Log sets of an exercise (each side on its own)")
    def log(request: LogIn) -> JSONResponse:
        workout_id = training.parse_workout_id(request.workout_id, field="workout_id") if request.workout_id else None
        sets = sets_from(request, training.unit_preference(db))
        workout = training.log_sets(db, request.exercise, sets, workout_id=workout_id, new_workout=request.new_workout)
        return JSONResponse(workout_record(workout), status_code=201)

    @router.get("/workouts", summary="Workouts, newest first")
    def workouts(
        limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0)] = 0
    ) -> JSONResponse:
        found = training.list_workouts(db, limit=limit, offset=offset)
        return JSONResponse(
            [
                {
                    "id": str(w.id),
                    "title": w.title,
                    "started_at": w.started_at.isoformat(),
                    "ended_at": w.ended_at.isoformat() if w.ended_at else None,
                    "source": w.source,
                    "exercises": list(w.exercises),
                    "set_count": w.set_count,
                    "volume_kg": w.volume_kg,
                }
                for w in found
            ]
        )

    @router.get("/workouts/{workout_id}", summary="One workout with its exercises and sets")
    def workout(workout_id: str) -> JSONResponse:
        return JSONResponse(workout_record(training.get_workout(db, workout_id)))

    @router.get("/exercises/{slug}/previous", summary="The sets of the last time an exercise was done")
    def previous(slug: str) -> JSONResponse:
        found = training.previous_performance(db, slug)
        if found is None:
            return JSONResponse({"exercise": slug, "previous": None})
        return JSONResponse(
            {
                "exercise": slug,
                "previous": {
                    "workout_id": str(found.workout_id),
                    "performed_on": found.performed_on.isoformat(),
                    "sets": [set_record(s) for s in found.sets],
                },
            }
        )

    @router.get("/exercises/{slug}/records", summary="Personal records (per side) and estimated 1RM history")
    def records(slug: str) -> JSONResponse:
        strength = training.exercise_strength(db, slug)
        return JSONResponse(
            {
                "exercise": strength.slug,
                "laterality": strength.laterality.value,
                "records": [_record(r) for r in strength.records],
                "history": [_record(r) for r in strength.history],
                "e1rm": [
                    {
                        "workout_id": str(p.workout_id),
                        "performed_on": p.performed_on.isoformat(),
                        "side": p.side.value,
                        "e1rm_kg": round(p.e1rm_kg, 2),
                        "weight_kg": p.weight_kg,
                        "reps": p.reps,
                    }
                    for p in strength.e1rm
                ],
            }
        )

    return router


def _record(record: training.PersonalRecord) -> dict[str, Any]:
    return {
        "kind": record.kind.value,
        "side": record.side.value,
        "value": round(record.value, 2),
        "previous": round(record.previous, 2) if record.previous is not None else None,
        "weight_kg": record.weight_kg,
        "reps": record.reps,
        "workout_id": str(record.workout_id),
        "performed_on": record.performed_on.isoformat(),
    }
