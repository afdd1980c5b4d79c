"""The training pages: log a workout while training, the history, one workout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise, Laterality
from liftlore.domain.limits import MAX_OFFSET
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Person
from liftlore.domain.training import SetEntry
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import accounts, browse, training, training_settings
from liftlore.services.snapshot import library_view
from liftlore.web.auth import signed_in
from liftlore.web.deps import LogReadDep, SessionDep
from liftlore.web.set_fields import SetFields, set_from_fields

REST_CHOICES = (60, 90, 120, 180)
DEFAULT_REST = 90  # seconds; what the rest dropdown offers until the person picks another


def _athlete(request: Request, session: Session) -> Person | None:
    """The athlete whose log a coach is reading (`?person=NAME`), or None when it is the reader's own log. On the
    history and workout pages the dependency has already refused a name that did not invite this coach."""
    name = request.query_params.get("person", "")
    reader = signed_in(request, session)
    if not name.strip() or reader is None or accounts.name_key(name) == accounts.name_key(reader.name):
        return None
    return accounts.athlete_for(session, reader, name)


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def log_page(
        request: Request,
        session: Session,
        chosen: Exercise | None,
        unit: WeightUnit,
        *,
        problem: LiftloreError | None = None,
        typed: str = "",
        form: dict[str, str] | None = None,
        timer: int | None = None,
        rest: int = DEFAULT_REST,
    ) -> Response:
        """The log page for `chosen`; `timer` starts the rest countdown (after a set), `rest` is the rest chosen."""
        current = training.workout_in_progress(session)
        previous = (
            training.previous_performance(session, chosen.slug, exclude_workout_id=current.id if current else None)
            if chosen
            else None
        )
        records = training.exercise_strength(session, chosen.slug).records if chosen else ()
        names = [e.name for e in browse.all_matching(library_view(session), browse.ExerciseQuery())]
        return templates.TemplateResponse(
            request,
            "log.html",
            {
                "exercise": chosen,
                "typed": typed,
                "unilateral": chosen is not None and chosen.laterality is Laterality.UNILATERAL,
                "unit": unit,
                "workout": current,
                "previous": previous,
                "records": records,
                "names": names,
                "error": str(problem) if problem else None,
                "suggestions": problem.suggestions if isinstance(problem, NotFoundError) else [],
                "form": form or {},
                "timer": timer,
                "rest": rest,
                "rest_choices": REST_CHOICES,
            },
            status_code=_status(problem),
        )

    @router.get("/log")
    def show_log(request: Request, session: SessionDep, exercise: str = "", rest: int | None = None) -> Response:
        athlete = _athlete(request, session)
        if athlete is not None:  # a coach writes only in their own log: say so instead of offering the form
            return templates.TemplateResponse(request, "log.html", {"athlete": athlete, "rest_choices": ()})
        unit = training_settings.training_settings(session).unit
        try:
            chosen = training.resolve_exercise(session, exercise) if exercise.strip() else None
        except NotFoundError as missing:
            return log_page(request, session, None, unit, problem=missing, typed=exercise)
        return log_page(request, session, chosen, unit, timer=rest, rest=rest or DEFAULT_REST)

    @router.post("/log")
    def submit_log(
        request: Request,
        session: SessionDep,
        exercise: Annotated[str, Form()],
        quick: Annotated[str, Form()] = "",
        side: Annotated[str, Form()] = "",
        weight: Annotated[str, Form()] = "",
        reps: Annotated[str, Form()] = "",
        set_type: Annotated[str, Form()] = "normal",
        rpe: Annotated[str, Form()] = "",
        rest: Annotated[int, Form()] = DEFAULT_REST,
    ) -> Response:
        form = {"quick": quick, "side": side, "weight": weight, "reps": reps, "set_type": set_type, "rpe": rpe}
        found = None
        settings = training_settings.training_settings(session)
        unit = settings.unit
        try:
            found = training.resolve_exercise(session, exercise)
            sets = parse_sets(quick, unit=unit) if quick.strip() else (_one_set(form, unit),)
            training.log_sets(session, found.slug, sets, settings=settings)
        except LiftloreError as exc:
            session.rollback()  # the page shows the problem; nothing of the refused set may be kept
            return log_page(request, session, found, unit, problem=exc, typed=exercise, form=form, rest=rest)
        return RedirectResponse(f"/log?exercise={found.slug}&rest={rest}", status_code=303)

    @router.get("/history")
    def history(
        request: Request, session: LogReadDep, page: Annotated[int, Query(ge=1, le=MAX_OFFSET // 25)] = 1
    ) -> Response:
        per_page = 25
        found = training.list_workouts(session, limit=per_page + 1, offset=(max(page, 1) - 1) * per_page)
        return templates.TemplateResponse(
            request,
            "history.html",
            {
                "workouts": found[:per_page],
                "page": max(page, 1),
                "more": len(found) > per_page,
                "athlete": _athlete(request, session),
            },
        )

    @router.get("/workouts/{workout_id}")
    def workout_page(request: Request, session: LogReadDep, workout_id: str) -> Response:
        workout = training.get_workout(session, workout_id)
        return templates.TemplateResponse(
            request,
            "workout.html",
            {"workout": workout, "unit": training.unit_preference(session), "athlete": _athlete(request, session)},
        )

    return router


def _status(problem: LiftloreError | None) -> int:
    if problem is None:
        return 200
    return 404 if isinstance(problem, NotFoundError) else 400


def _number(text: str, field: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise LiftloreError(f"'{text}' is not a number", field=field) from None


def _one_set(form: dict[str, str], unit: WeightUnit) -> SetEntry:
    """The set typed into the form's fields, its weight in the user's unit."""
    fields = SetFields(
        reps=_number(form["reps"], "reps"),
        weight=_number(form["weight"], "weight"),
        side=form["side"],
        set_type=form["set_type"],
        rpe=_number(form["rpe"], "rpe"),
    )
    return set_from_fields(fields, unit)
