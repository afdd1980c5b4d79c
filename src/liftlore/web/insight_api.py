"""The insight reports as JSON under /api/v1/insight/ (the same shapes `liftlore stats ... --json` prints).

The reports' parameters arrive as text and are read by services/insight_input.py rather than by FastAPI's types, so
that a bad week, time or day is a 400 naming its field, as the service's own refusals are, and a time without an
offset can be read in the person's zone. `liftlore stats` reads its options with the same functions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from liftlore.services import insight, training, training_settings
from liftlore.services.insight_input import days_span, read_day, read_moment, read_week
from liftlore.shapes.insight import RecoveryOut, SymmetryOut, TrainingDaysOut, VolumeOut
from liftlore.shapes.training import E1rmHistoryOut, E1rmMethodOut, E1rmPointOut
from liftlore.web.api import ERRORS
from liftlore.web.deps import LogReadDep


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
