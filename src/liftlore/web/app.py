"""create_app: the web app for one database, built when asked for (nothing is created at import time)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from liftlore import __version__
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.render.terminal import dose_text
from liftlore.services import library
from liftlore.store.db import Database

WEB_DIR = Path(__file__).parent


def create_app(db: Database) -> FastAPI:
    app = FastAPI(title="liftlore", version=__version__, docs_url="/docs", redoc_url=None)
    templates = Jinja2Templates(directory=WEB_DIR / "templates")  # autoescapes every value it renders
    templates.env.globals["dose_text"] = dose_text
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        exercises = library.list_exercises(db)
        return templates.TemplateResponse(request, "index.html", {"exercises": exercises})

    @app.get("/exercises/{slug}", response_class=HTMLResponse, include_in_schema=False)
    def exercise_page(request: Request, slug: str) -> Response:
        try:
            exercise = library.get_exercise(db, slug)
        except NotFoundError as exc:
            return templates.TemplateResponse(
                request, "not_found.html", {"slug": slug, "suggestions": exc.suggestions}, status_code=404
            )
        return templates.TemplateResponse(request, "exercise.html", {"exercise": exercise})

    @app.exception_handler(LiftloreError)
    def user_error(request: Request, exc: LiftloreError) -> Response:
        return templates.TemplateResponse(request, "error.html", {"message": str(exc)}, status_code=400)

    return app
