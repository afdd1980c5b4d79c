"""/api/v1 for the training log: log sets, read workouts, previous performance and records."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import to_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.ingest.logs.backup import set_record, workout_record
from liftlore.ingest.logs.grammar import parse_sets
from liftlore.services import training
from liftlore.store.db import Database
from liftlore.web.api import ERRORS


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


def sets_from(request: LogIn, db: Database) -> tuple[SetEntry, ...]:
    """The sets of a log request, in kg, whichever form they came in."""
    unit = training.unit_preference(db)
    if isinstance(request.sets, str):
        return parse_sets(request.sets, unit=unit)
    entries: list[SetEntry] = []
    for index, item in enumerate(request.sets):
        given = weight_unit(item.unit, field=f"sets[{index}].unit") if item.unit else unit
        try:
            entries.append(
                SetEntry(
                    reps=item.reps,
                    weight_kg=to_kg(item.weight, given) if item.weight is not None else None,
                    set_type=SetType(item.set_type),
                    side=Side(item.side) if item.side else None,
                    rpe=item.rpe,
                    rir=item.rir,
                    duration_s=item.duration_s,
                    distance_m=item.distance_m,
                )
            )
        except ValueError as exc:
            raise LiftloreError(str(exc), field=f"sets[{index}]") from None
        except LiftloreError as exc:
            raise LiftloreError(exc.message, field=f"sets[{index}].{exc.field}") from None
    return tuple(entries)


def workout_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise LiftloreError(f"'{text}' is not a workout id", field="workout_id") from None


def create_router(db: Database) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["training log"])

    @router.post("/log", status_code=201, summary="Log sets of an exercise (each side on its own)")
    async def log(request: LogIn) -> JSONResponse:
        workout_id = workout_uuid(request.workout_id) if request.workout_id else None
        workout = training.log_sets(
            db, request.exercise, sets_from(request, db), workout_id=workout_id, new_workout=request.new_workout
        )
        return JSONResponse(workout_record(workout), status_code=201)

    @router.get("/workouts", summary="Workouts, newest first")
    async def workouts(
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
    async def workout(workout_id: str) -> JSONResponse:
        return JSONResponse(workout_record(training.get_workout(db, workout_id)))

    @router.get("/exercises/{slug}/previous", summary="The sets of the last time an exercise was done")
    async def previous(slug: str) -> JSONResponse:
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
    async def records(slug: str) -> JSONResponse:
        strength = training.personal_records(db, slug)
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
