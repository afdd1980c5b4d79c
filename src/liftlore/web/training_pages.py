"""The training pages: log a workout while training, the history, one workout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from liftlore.domain.exercise import Laterality
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, to_kg
from liftlore.errors import LiftloreError
from liftlore.ingest.logs.grammar import parse_sets
from liftlore.services import browse, library, training
from liftlore.store.db import Database

REST_CHOICES = (60, 90, 120, 180)


def create_router(db: Database, templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def log_page(
        request: Request,
        exercise: str,
        status: int = 200,
        error: str | None = None,
        form: dict[str, str] | None = None,
        rest: int | None = None,
    ) -> Response:
        unit = training.unit_preference(db)
        chosen = library.get_exercise(db, exercise) if exercise else None
        current = training.workout_in_progress(db)
        previous = (
            training.previous_performance(db, chosen.slug, exclude_workout_id=current.id if current else None)
            if chosen
            else None
        )
        records = training.personal_records(db, chosen.slug).records if chosen else ()
        names = [e.name for e in browse.all_matching(db, browse.ExerciseQuery())]
        return templates.TemplateResponse(
            request,
            "log.html",
            {
                "exercise": chosen,
                "unilateral": chosen is not None and chosen.laterality is Laterality.UNILATERAL,
                "unit": unit,
                "workout": current,
                "previous": previous,
                "records": records,
                "names": names,
                "error": error,
                "form": form or {},
                "rest": rest,
                "rest_choices": REST_CHOICES,
            },
            status_code=status,
        )

    @router.get("/log")
    async def show_log(request: Request, exercise: str = "", rest: int | None = None) -> Response:
        return log_page(request, exercise, rest=rest)

    @router.post("/log")
    async def submit_log(
        request: Request,
        exercise: Annotated[str, Form()],
        quick: Annotated[str, Form()] = "",
        side: Annotated[str, Form()] = "",
        weight: Annotated[str, Form()] = "",
        reps: Annotated[str, Form()] = "",
        set_type: Annotated[str, Form()] = "normal",
        rpe: Annotated[str, Form()] = "",
        rest: Annotated[int, Form()] = 90,
    ) -> Response:
        form = {"quick": quick, "side": side, "weight": weight, "reps": reps, "set_type": set_type, "rpe": rpe}
        found = None
        unit = training.unit_preference(db)
        try:
            found = library.get_exercise(db, exercise)
            sets = (
                parse_sets(quick, unit=unit) if quick.strip() else (_one_set(side, weight, reps, set_type, rpe, unit),)
            )
            training.log_sets(db, found.slug, sets)
        except LiftloreError as exc:
            return log_page(request, found.slug if found else "", status=400, error=str(exc), form=form)
        return RedirectResponse(f"/log?exercise={found.slug}&rest={rest}", status_code=303)

    @router.get("/history")
    async def history(request: Request, page: int = 1) -> Response:
        per_page = 25
        found = training.list_workouts(db, limit=per_page + 1, offset=(max(page, 1) - 1) * per_page)
        return templates.TemplateResponse(
            request,
            "history.html",
            {
                "workouts": found[:per_page],
                "page": max(page, 1),
                "more": len(found) > per_page,
                "unit": training.unit_preference(db),
            },
        )

    @router.get("/workouts/{workout_id}")
    async def workout_page(request: Request, workout_id: str) -> Response:
        workout = training.get_workout(db, workout_id)
        return templates.TemplateResponse(
            request, "workout.html", {"workout": workout, "unit": training.unit_preference(db)}
        )

    return router


def _number(text: str, field: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise LiftloreError(f"'{text}' is not a number", field=field) from None


def _one_set(side: str, weight: str, reps: str, set_type: str, rpe: str, unit: WeightUnit) -> SetEntry:
    """The set typed into the form's fields, its weight in the user's unit."""
    load = _number(weight, "weight")
    count = _number(reps, "reps")
    try:
        return SetEntry(
            reps=int(count) if count is not None else None,
            weight_kg=to_kg(load, unit) if load is not None else None,
            set_type=SetType(set_type),
            side=Side(side) if side else None,
            rpe=_number(rpe, "rpe"),
        )
    except ValueError as exc:
        raise LiftloreError(str(exc), field="set") from None
