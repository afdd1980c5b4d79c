"""/api/v1/imports: upload an exercise page or a training log export, the file itself as the request body.

Both routes need a signed-in person (401 otherwise), write into that person's own library and log only (a coach
uploads into nobody else's), and do all of it in the request's one unit of work: a bad file is answered 400 with
its line and field, and nothing of it is kept. Their bodies may be larger than other routes' (web/security.py:
LIFTLORE_MAX_UPLOAD_BYTES)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from liftlore.domain.people import Person
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.page.read import decode_page, parse_page
from liftlore.services import library, log_import
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.imports import LogImportOut
from liftlore.shapes.library import ExerciseRecord
from liftlore.web.account_api import UNAUTHORISED
from liftlore.web.api import ERRORS
from liftlore.web.auth import NotSignedInError, signed_in
from liftlore.web.deps import SessionDep, database

# What the person's errors call the upload: never the server's temporary file.
UPLOAD = "the upload"
# The errors of the readers were written for the CLI and name its options; over HTTP they are query parameters.
_OPTIONS = (
    (re.compile(r"--unit (kg|lb)"), r"unit=\1"),
    (re.compile(r"--unit\b"), "unit"),
    (re.compile(r"--replace\b"), "replace=true"),
)
_FIELDS = {"--unit": "unit", "SOURCE": "app"}
_SUFFIXES = {"strong": ".csv", "hevy": ".csv", "json": ".json"}

TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "The file is over LIFTLORE_MAX_UPLOAD_BYTES (16 MiB unless set)"}
}


def _body_of(*types: str) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads the raw body itself: the file, as any of `types`."""
    return {"requestBody": {"required": True, "content": {kind: {"schema": {"type": "string"}} for kind in types}}}


def _uploader(request: Request) -> Person:
    """Who is uploading, checked before the body is read: nobody signed in is refused without reading megabytes,
    and the writing unit of work (which on SQLite holds the write lock) opens only once the body is in."""
    with database(request).session() as session:
        person = signed_in(request, session)  # remembered for the request: the unit of work asks again
    if person is None:
        raise NotSignedInError
    return person


async def _body(request: Request) -> bytes:
    return await request.body()


def _as_told(problem: LiftloreError, upload: Path | None = None) -> LiftloreError:
    """The reader's error as the API tells it: its line and field in the message, the field also on its own,
    the CLI's options named as the query parameters they are here, and no temporary file name."""
    if isinstance(problem, NotFoundError):
        return problem
    message = problem.message if upload is None else problem.message.replace(str(upload), UPLOAD)
    for option, parameter in _OPTIONS:
        message = option.sub(parameter, message)
    field = _FIELDS.get(problem.field, problem.field) if problem.field is not None else None
    located = LiftloreError(message, line=problem.line, field=field)  # "line 3: Weight: not a number"
    return LiftloreError(str(located), field=field)


# A route's own dependencies run before its parameters': who (401 before any body is read), then the body, then
# the unit of work.
SIGNED_IN = Depends(_uploader)
BodyDep = Annotated[bytes, Depends(_body)]


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/imports", responses={**ERRORS, **UNAUTHORISED, **TOO_LARGE}, tags=["imports"])

    @router.post(
        "/page",
        status_code=201,
        summary="Import an exercise page (the page's text as the body)",
        description="An admin's page goes to the shared library; anyone else's becomes an exercise of their own, "
        "seen by them alone until they share it. A page over an exercise you may not change is stored as your own "
        "copy under a slug of its own, with a warning. 201 for a new exercise, 200 for one of yours updated.",
        openapi_extra=_body_of("text/plain"),
        responses={200: {"model": ExerciseRecord, "description": "An exercise of yours, updated"}},
        dependencies=[SIGNED_IN],
    )
    def import_page(
        body: BodyDep,
        session: SessionDep,
        response: Response,
        replace: Annotated[
            bool, Query(description="Import it even if it drops whole sections of the exercise it updates")
        ] = False,
    ) -> ExerciseRecord:
        try:
            text = decode_page(body, UPLOAD)
            parsed = parse_page(text, library.taxonomy(session), source=UPLOAD)
            done = library.store_page(session, parsed, Path(UPLOAD), replace=replace)
        except LiftloreError as problem:
            raise _as_told(problem) from None
        if not done.created:
            response.status_code = 200
        stored = library.get_exercise(session, done.page.exercise.slug)
        return ExerciseRecord.from_domain(stored, done.page.warnings)

    @router.post(
        "/log",
        status_code=201,
        summary="Import a Strong or Hevy CSV export, or a liftlore JSON backup (the file as the body)",
        description="One transaction: a bad row stops it with its line and column, and nothing is written. "
        "Workouts imported before are recognised and skipped; names the library does not know become custom "
        "exercises of your own.",
        openapi_extra=_body_of("text/csv", "text/plain", "application/json"),
        dependencies=[SIGNED_IN],
    )
    def import_log(
        body: BodyDep,
        session: SessionDep,
        app: Annotated[Literal["strong", "hevy", "json"], Query(description="The app the file was exported from")],
        unit: Annotated[
            Literal["kg", "lb"] | None,
            Query(description="The unit of a Strong file whose header does not say it"),
        ] = None,
        timezone: Annotated[
            str | None,
            Query(
                max_length=64,
                description="Where the workouts took place ('Europe/Berlin', '+02:00'); default: your timezone setting",
            ),
        ] = None,
    ) -> LogImportOut:
        # The readers take a file (they read exports of any size the same way): the body is written to a private
        # temporary file, removed when the import is done, whatever its outcome.
        with tempfile.NamedTemporaryFile(prefix="liftlore-upload-", suffix=_SUFFIXES[app]) as file:
            file.write(body)
            file.flush()
            upload = Path(file.name)
            try:
                report = log_import.import_log(
                    session, app, upload, unit=WeightUnit(unit) if unit else None, timezone=timezone
                )
            except LiftloreError as problem:
                raise _as_told(problem, upload) from None
        return LogImportOut.from_domain(report)

    return router
