"""/log/names: the exercise names from the person's imported logs that the library did not know, each with a form
to map it to a library exercise (services/log_names.py)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import browse, log_names
from liftlore.services.snapshot import library_view
from liftlore.web.deps import SessionDep


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def page(
        request: Request, session: Session, *, problem: LiftloreError | None = None, typed: dict[str, str] | None = None
    ) -> Response:
        view = library_view(session)
        library = [e.name for e in browse.all_matching(view, browse.ExerciseQuery())]
        # Only a slug travels in the redirect: the message is ours, never text from the address.
        mapped = view.exercises.get(request.query_params.get("mapped", ""))
        status = 200 if problem is None else 404 if isinstance(problem, NotFoundError) else 400
        return templates.TemplateResponse(
            request,
            "log_names.html",
            {
                "names": log_names.log_names(session),
                "library": library,
                "error": str(problem) if problem else None,
                "typed": typed or {},
                "mapped": mapped.name if mapped else None,
            },
            status_code=status,
        )

    @router.get("/log/names")
    def show(request: Request, session: SessionDep) -> Response:
        return page(request, session)

    @router.post("/log/names")
    def map_one(
        request: Request, session: SessionDep, name: Annotated[str, Form()], exercise: Annotated[str, Form()] = ""
    ) -> Response:
        try:
            if not exercise.strip():
                raise LiftloreError("choose the library exercise to map it to", field="exercise")
            done = log_names.map_name(session, name, exercise)
        except LiftloreError as problem:
            session.rollback()  # nothing of a refused mapping is kept
            return page(request, session, problem=problem, typed={"name": name, "exercise": exercise})
        return RedirectResponse(f"/log/names?mapped={quote(done.exercise_slug)}", status_code=303)

    return router
