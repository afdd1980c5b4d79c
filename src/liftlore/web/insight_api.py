"""The insight reports as JSON under /api/v1/insight/ (the same shapes `liftlore stats ... --json` prints).

The reports' parameters arrive as text and are read here rather than by FastAPI's types, so that a bad week, time
or day is a 400 naming its field, as the service's own refusals are, and a time without an offset can be read in
the person's zone. `liftlore stats` reads its options with the same functions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from liftlore.domain.limits import check_moment, check_text
from liftlore.errors import LiftloreError
from liftlore.services import insight, training, training_settings
from liftlore.shapes.insight import RecoveryOut, SymmetryOut, TrainingDaysOut, VolumeOut
from liftlore.shapes.training import E1rmHistoryOut, E1rmMethodOut, E1rmPointOut
from liftlore.web.api import ERRORS
from liftlore.web.deps import LogReadDep

MAX_PARAMETER_LENGTH = 64  # the longest week, time or day written out is about 32 characters
DEFAULT_DAYS_SPAN = timedelta(weeks=12)
MAX_DAYS_SPAN = 3 * 366  # days in one calendar answer: three years, enough for any history page


def read_week(text: str) -> str:
    """A week as typed, checked before the service reads it: the service's digits test lets through characters
    like '²' that int() cannot read, so only ASCII goes on (its own refusals name the field `week` too)."""
    cleaned = check_text(text, "week", MAX_PARAMETER_LENGTH)
    if not cleaned.isascii():
        raise LiftloreError(f"'{cleaned}' is not an ISO week; write it like 2026-W47", field="week")
    insight.parse_week(cleaned)
    return cleaned


def read_moment(text: str, field: str = "at") -> datetime:
    """'2026-11-20 18:30' or '2026-11-20T18:30+01:00'. A time without an offset is left without one: the service
    reads it in the person's zone."""
    cleaned = check_text(text, field, MAX_PARAMETER_LENGTH)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise LiftloreError(f"'{cleaned}' is not a time like 2026-11-20 18:30", field=field) from None
    return check_moment(moment, field)


def read_day(text: str, field: str) -> date:
    cleaned = check_text(text, field, MAX_PARAMETER_LENGTH)
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise LiftloreError(f"'{cleaned}' is not a day like 2026-11-20", field=field) from None
    check_moment(datetime.combine(day, time()), field)  # the same years any other time may have
    return day


def days_span(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The span a calendar asks for. Either end alone anchors twelve weeks on its side; neither: the twelve weeks
    up to today. Refused: an end before the start, or a span over MAX_DAYS_SPAN days."""
    before = DEFAULT_DAYS_SPAN - timedelta(days=1)
    if first is None and last is None:
        last = today
    if first is None:
        assert last is not None
        first = last - before
    if last is None:
        last = first + before
    if last < first:
        raise LiftloreError(f"the last day ({last}) is before the first ({first})", field="to")
    if (last - first).days + 1 > MAX_DAYS_SPAN:
        raise LiftloreError(f"at most {MAX_DAYS_SPAN:,} days at a time, not {(last - first).days + 1:,}", field="from")
    return first, last


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/insight", responses=ERRORS, tags=["insight"])

    @router.get("/volume", summary="Hard sets and volume load per muscle group in one week")
    def volume(
        session: LogReadDep,
        week: Annotated[str | None, Query(description="ISO week, 2026-W47; default: this week")] = None,
    ) -> VolumeOut:
        return insight.weekly_volume(session, read_week(week) if week is not None else None)

    @router.get("/recovery", summary="Each muscle group's recovery, with the sets behind it")
    def recovery(
        session: LogReadDep,
        at: Annotated[
            str | None,
            Query(description="When: 2026-11-20T18:30+01:00, or without an offset in your zone; default: now"),
        ] = None,
    ) -> RecoveryOut:
        return insight.recovery(session, read_moment(at) if at is not None else None)

    @router.get("/symmetry", summary="Left/right symmetry per one-sided exercise, with flags and what to do")
    def symmetry(
        session: LogReadDep,
        exercise: Annotated[
            str | None, Query(description="Only this exercise (slug, name or alias); default: every one")
        ] = None,
        sessions: Annotated[
            int, Query(description="The last this many two-sided sessions per exercise", ge=1, le=5000)
        ] = insight.SYMMETRY_SESSIONS,
    ) -> SymmetryOut:
        return insight.symmetry(session, exercise, last=sessions)

    @router.get("/e1rm/{slug}", summary="An exercise's estimated 1RM per workout, per side")
    def e1rm(session: LogReadDep, slug: str) -> E1rmHistoryOut:
        strength = training.e1rm_history(session, slug)
        return E1rmHistoryOut(
            method=E1rmMethodOut.from_domain(strength.method),
            points=[E1rmPointOut.from_domain(point) for point in strength.e1rm],
        )

    @router.get("/days", summary="The days with a workout, for a calendar")
    def days(
        session: LogReadDep,
        first: Annotated[
            str | None, Query(alias="from", description="First day, 2026-09-01; default: 12 weeks before `to`")
        ] = None,
        last: Annotated[
            str | None, Query(alias="to", description="Last day; default: 12 weeks after `from`, or today")
        ] = None,
    ) -> TrainingDaysOut:
        today = datetime.now(training_settings.home_zone(session)).date()
        starts, ends = days_span(
            read_day(first, "from") if first is not None else None,
            read_day(last, "to") if last is not None else None,
            today,
        )
        return insight.training_days(session, starts, ends)

    return router
