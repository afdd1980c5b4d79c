"""create_app: the web app for one database, built when asked for (nothing is created at import time)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from liftlore import __version__
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.render.planner_words import planner_lines
from liftlore.render.terminal import dose_text
from liftlore.shapes.errors import ErrorOut
from liftlore.store.db import Database
from liftlore.web import (
    account_api,
    account_pages,
    api,
    import_api,
    insight_api,
    insight_pages,
    log_edit_api,
    log_names_pages,
    pages,
    plan_api,
    plan_pages,
    training_api,
    training_pages,
    urls,
)
from liftlore.web.auth import AuthConfig, BadCredentialsError, NotSignedInError
from liftlore.web.bodymap import body_map_svg
from liftlore.web.security import install_security
from liftlore.web.training_views import record_text, set_text

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
# static/sw.js starts from this placeholder; the server writes in this release's cache version and files.
WORKER_BUILD_PLACEHOLDER = '{"version": "dev", "files": []}'
# Served at the root, and fetched fresh by the browser: not stored by the worker.
WORKER_SKIPS = frozenset({"sw.js", "manifest.webmanifest"})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


@functools.lru_cache(maxsize=2048)
def _cached_body_map(primary: tuple[str, ...], secondary: tuple[str, ...], names: tuple[tuple[str, str], ...]) -> str:
    return body_map_svg(primary, secondary, dict(names))


def _body_map(primary: Sequence[str], secondary: Sequence[str], names: Mapping[str, str]) -> str:
    """The body map, drawn once per combination of muscles: pages repeat the same few combinations."""
    return _cached_body_map(tuple(primary), tuple(secondary), tuple(sorted(names.items())))


def _section(request: Request) -> str:
    """'/muscles' for /muscles/glutez: where a suggestion for the same kind of thing lives."""
    first = request.url.path.strip("/").split("/")[0]
    return f"/{first}" if first in ("exercises", "muscles", "equipment") else "/exercises"  # workouts: by id only


def _deepest(errors: Sequence[Any]) -> Mapping[str, Any]:
    """The validation error that got furthest into the input. A union field (`str | list[SetIn]`) reports one
    error per member; the member that matched the input's shape fails deepest, at the value that is wrong."""
    return max(errors, key=lambda error: len(error.get("loc", ())), default={})


def _worker_files() -> tuple[tuple[str, int, int], ...]:
    """(path under static/, mtime, size) of each static file: a change to any of them is a new release."""
    found = (path for path in STATIC_DIR.rglob("*") if path.is_file())
    return tuple(
        sorted(
            (path.relative_to(STATIC_DIR).as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in found
        )
    )


@functools.lru_cache(maxsize=4)
def _worker_script(files: tuple[tuple[str, int, int], ...]) -> str:
    """static/sw.js with the files it stores on install and a version made from their contents: a release that
    changes a style or a script is a new worker, which replaces the old cache instead of serving from it."""
    digest = hashlib.sha256(__version__.encode())
    for name, _, _ in files:
        digest.update(name.encode() + b"\0" + (STATIC_DIR / name).read_bytes())
    build = {
        "version": f"{__version__}-{digest.hexdigest()[:12]}",
        "files": [f"/static/{name}" for name, _, _ in files if name not in WORKER_SKIPS],
    }
    return (STATIC_DIR / "sw.js").read_text().replace(WORKER_BUILD_PLACEHOLDER, json.dumps(build), 1)


def create_app(db: Database, *, auth: AuthConfig | None = None, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app on `db`; `auth` says single-user (the default: everyone is the local person, no login) or
    multi-user (accounts, logins, tokens)."""
    # FastAPIOffline serves Swagger UI's files itself: /docs must work without a CDN.
    app: FastAPI = FastAPIOffline(
        title="liftlore",
        version=__version__,
        description="An open exercise library: exercises, muscle groups, equipment and drills as JSON.",
        docs_url="/docs",
        redoc_url=None,
        favicon_url="/static/favicon.svg",
        static_url="/static/offline-docs",
    )
    templates = Jinja2Templates(directory=WEB_DIR / "templates")  # autoescapes every value it renders
    templates.env.globals.update(
        dose_text=dose_text,
        body_map=_body_map,
        urls=urls,
        set_text=set_text,
        record_text=record_text,
        planner_lines=planner_lines,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # The worker and the manifest live at the root: a worker controls only the paths under its own address.
    @app.get("/sw.js", include_in_schema=False)
    def service_worker() -> Response:
        # no-cache: the browser asks each time whether a new release came, instead of keeping the old worker.
        return Response(
            _worker_script(_worker_files()), media_type="text/javascript", headers={"Cache-Control": "no-cache"}
        )

    @app.get("/manifest.webmanifest", include_in_schema=False)
    def manifest() -> Response:
        return Response((STATIC_DIR / "manifest.webmanifest").read_bytes(), media_type="application/manifest+json")

    app.state.db = db  # each request's unit of work is opened on it (web/deps.py)
    app.state.auth = auth or AuthConfig.single_user()
    templates.env.globals["multi_user"] = app.state.auth.multi_user
    app.include_router(api.create_router())
    app.include_router(training_api.create_router())
    app.include_router(log_edit_api.create_router())
    app.include_router(insight_api.create_router())
    app.include_router(insight_pages.create_router(templates))
    app.include_router(log_names_pages.create_router(templates))
    app.include_router(pages.create_router(templates))
    app.include_router(training_pages.create_router(templates))
    app.include_router(account_api.create_router())
    app.include_router(account_pages.create_router(templates))
    app.include_router(import_api.create_router())
    app.include_router(plan_api.create_router())
    app.include_router(plan_pages.create_router(templates))

    def error_page(request: Request, status: int, message: str, suggestions: list[str]) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "suggestions": suggestions, "base": _section(request)},
            status_code=status,
        )

    @app.exception_handler(LiftloreError)
    def user_error(request: Request, exc: LiftloreError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        suggestions = exc.suggestions if isinstance(exc, NotFoundError) else []
        if _wants_json(request):
            return JSONResponse(ErrorOut.from_error(exc).body(), status_code=status)
        return error_page(request, status, str(exc), suggestions)

    @app.exception_handler(NotSignedInError)
    def not_signed_in(request: Request, exc: NotSignedInError) -> Response:
        return _sign_in_first(request, "sign in first")

    @app.exception_handler(BadCredentialsError)
    def bad_credentials(request: Request, exc: BadCredentialsError) -> Response:
        return _sign_in_first(request, "this API token is not valid (revoked or mistyped)")

    def _sign_in_first(request: Request, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse(
                ErrorOut(message=message, field=None).body(),
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="liftlore"'},
            )
        # The page itself answers with the login form (401), and sends the person back here once signed in.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return templates.TemplateResponse(
            request, "login.html", {"next": target, "error": None, "name": ""}, status_code=401
        )

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        first = _deepest(exc.errors())
        field = ".".join(str(part) for part in first.get("loc", ())[1:]) or None
        message = f"{field}: {first.get('msg', 'invalid value')}" if field else str(first.get("msg", "invalid"))
        if _wants_json(request):
            return JSONResponse(ErrorOut(message=message, field=field).body(), status_code=422)
        return error_page(request, 422, message, [])

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        if _wants_json(request):
            return JSONResponse(ErrorOut(message=message, field=None).body(), status_code=exc.status_code)
        return error_page(request, exc.status_code, message, [])

    install_security(app, error_page, allowed_hosts=allowed_hosts)  # hosts, cross-site forms, headers, 500s
    return app
