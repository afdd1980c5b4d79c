"""/api/v1 for the training log: log sets, read workouts, previous performance and records."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response
from pydantic import AwareDatetime, BaseModel, Field

from liftlore.domain.limits import MAX_OFFSET, MAX_PAGE_SIZE
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.training import SetEntry
from liftlore.domain.units import WeightUnit, weight_unit
from liftlore.services import idempotency, log_ids, log_import, training, training_settings
from liftlore.shapes.export import ExportDocument
from liftlore.shapes.training import (
    ExerciseRecordsOut,
    LogOut,
    PerformanceOut,
    PreviousOut,
    WorkoutOut,
    WorkoutSummaryOut,
)
from liftlore.web.api import ERRORS
from liftlore.web.deps import LogReadDep, SessionDep
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
    performed_at: AwareDatetime | None = Field(
        default=None,
        description="When the sets were done, with its offset (sets kept offline and sent later); default: now",
    )


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


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["training log"])

    # POST answers with bytes it can replay for a retried Idempotency-Key, so it sends them itself; its model is
    # declared for /docs and the tests. The GETs return their shapes and FastAPI checks them against the same.
    @router.post(
        "/log", status_code=201, response_model=LogOut, summary="Log sets of an exercise (each side on its own)"
    )
    def log(
        request: LogIn,
        session: SessionDep,
        idempotency_key: Annotated[
            str | None,
            Header(
                description="Any unique text (a UUID): sending the same request again with the same key returns the "
                "first response and writes nothing, so a retry after a timeout is safe"
            ),
        ] = None,
    ) -> Response:
        # json.dumps writes ASCII, so even a lone surrogate (refused later, with its field) hashes without an error.
        body_text = json.dumps(request.model_dump(mode="json"), sort_keys=True)
        fingerprint = idempotency.request_hash("POST", "/api/v1/log", body_text.encode())
        if idempotency_key is not None:
            replay = idempotency.replay(session, idempotency_key, fingerprint)
            if replay is not None:
                return Response(replay.body, status_code=replay.status, media_type="application/json")
        workout_id = (
            log_ids.resolve_workout_id(session, request.workout_id, field="workout_id") if request.workout_id else None
        )
        settings = training_settings.training_settings(session)  # read once, for the sets and the log
        sets = sets_from(request, settings.unit)
        logged = training.log_sets(
            session,
            request.exercise,
            sets,
            performed_at=request.performed_at,
            workout_id=workout_id,
            new_workout=request.new_workout,
            settings=settings,
        )
        body = LogOut.report(logged.workout, logged.added, logged.records).model_dump_json()
        if idempotency_key is not None:
            idempotency.remember(session, idempotency_key, fingerprint, 201, body)
        return Response(body, status_code=201, media_type="application/json")

    @router.get("/workouts", summary="Workouts, newest first")
    def workouts(
        session: LogReadDep,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> list[WorkoutSummaryOut]:
        found = training.list_workouts(session, limit=limit, offset=offset)
        return [WorkoutSummaryOut.from_domain(w) for w in found]

    @router.get("/workouts/{workout_id}", summary="One workout with its exercises and sets")
    def workout(session: LogReadDep, workout_id: str) -> WorkoutOut:
        return WorkoutOut.from_domain(training.get_workout(session, workout_id))

    @router.get("/exercises/{slug}/previous", summary="The sets of the last time an exercise was done")
    def previous(session: LogReadDep, slug: str) -> PreviousOut:
        found = training.previous_performance(session, slug)
        return PreviousOut(exercise=slug, previous=PerformanceOut.from_domain(found) if found else None)

    @router.get("/exercises/{slug}/records", summary="Personal records (per side) and estimated 1RM history")
    def records(session: LogReadDep, slug: str) -> ExerciseRecordsOut:
        return ExerciseRecordsOut.from_domain(training.exercise_strength(session, slug))

    @router.get(
        "/log/export",
        response_model=ExportDocument,
        summary="Your whole log as liftlore's JSON (workouts, sets, settings): import it anywhere to restore it",
    )
    def export(session: LogReadDep) -> Response:
        # The export's own text (services/log_import.py), exactly as `liftlore export log` writes it: importing it
        # gives back the same log, so it is sent as written rather than parsed and dumped again.
        return Response(
            log_import.export_json(session),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="liftlore-log.json"'},
        )

    return router
