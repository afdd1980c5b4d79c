"""The insight page, /insight: the person's training shown back to them. Weekly hard sets per muscle against the
10-set line, a body map shaded by recovery with the sets behind each figure, left/right symmetry per exercise with
its flag and advice, and the best e1RM over time of the exercises trained last.

Every figure comes from services/insight.py and services/training.py as the API gives it (each chart links to its
JSON twin under /api/v1/insight/), and every chart states its figures in words as well (charts.py's alt text)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Laterality
from liftlore.domain.people import Person
from liftlore.domain.training import Side
from liftlore.domain.units import from_kg
from liftlore.services import insight, training, training_settings
from liftlore.shapes.insight import (
    ExerciseSymmetryOut,
    FatigueSourceOut,
    MuscleRecoveryOut,
    MuscleVolumeOut,
    VolumeSourceOut,
)
from liftlore.web.charts import Chart, Series, bar_chart, figure, line_chart
from liftlore.web.deps import LogReadDep, athlete_read
from liftlore.web.recovery_map import recovery_map_svg, recovery_step

BAND_SETS = 10.0  # the weekly line the volume chart marks (Schoenfeld, Ogborn & Krieger 2017)
RECORD_CHARTS = 4  # exercises shown under "records over time", the most recently trained first
RECORD_POINTS = 200  # each of their charts: the latest points, a side's each (the exercise's page has them all)
MAX_WEEK_TEXT = 20
SIDE_WORDS = {Side.BOTH: "both sides", Side.LEFT: "left", Side.RIGHT: "right"}
SIDE_LABELS = {Side.BOTH: "Both sides", Side.LEFT: "Left", Side.RIGHT: "Right"}
SIDE_TONES = {Side.LEFT: 0, Side.RIGHT: 1, Side.BOTH: 2}


@dataclass(frozen=True)
class Figure:
    """A chart as the page shows it: the drawing, its words, and the address of the same figures as JSON."""

    chart: Chart
    json_href: str


@dataclass(frozen=True)
class VolumeView:
    week: str
    starts: date
    ends: date
    previous_week: str
    next_week: str | None  # None on the current week: nothing logged yet in the future
    this_week: str | None  # a link back to the current week, when looking at another
    figure: Figure
    trained: list[MuscleVolumeOut]
    untrained: list[str]  # names of the muscles with no hard set this week


@dataclass(frozen=True)
class RecoveryView:
    map: Any  # Markup of the shaded body map
    tired: list[MuscleRecoveryOut]  # the muscles with sets in the window, least recovered first
    rested: int  # how many muscles have no hard set in the window (fully recovered)
    window_days: int
    json_href: str


@dataclass(frozen=True)
class SymmetryView:
    exercise: ExerciseSymmetryOut
    figure: Figure
    gaps_over: int  # of the last four sessions compared, how many were past the threshold
    compared: int  # how many of the last four had an e1RM on both sides


@dataclass(frozen=True)
class RecordsView:
    slug: str
    name: str
    figure: Figure


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} {moment:%Y}, {moment:%H:%M}"


def source_text(source: VolumeSourceOut) -> str:
    """'Barbell hip thrust (primary, both sides): 3 sets, credit 3'."""
    sets = f"{source.sets} set" + ("" if source.sets == 1 else "s")
    return f"{source.name} ({source.role}, {SIDE_WORDS[source.side]}): {sets}, credit {figure(source.credit, 2)}"


def fatigue_text(source: FatigueSourceOut) -> str:
    """'Barbell back squat (primary, both sides), Mon 2 Nov 2026, 18:00: 3 sets, credit 3, fatigue left 1.83'."""
    sets = f"{source.sets} set" + ("" if source.sets == 1 else "s")
    return (
        f"{source.exercise_name} ({source.role}, {SIDE_WORDS[source.side]}), {_when(source.started_at)}: {sets},"
        f" credit {figure(source.credit, 2)}, fatigue left {figure(source.remaining, 2)}"
    )


def _with(path: str, athlete: Person | None, **params: str) -> str:
    """An address on this site, keeping a coach's ?person= so the link shows the same athlete's figures."""
    query = {key: value for key, value in params.items() if value}
    if athlete is not None:
        query["person"] = athlete.name
    return f"{path}?{urlencode(query)}" if query else path


def _volume(session: Session, week: str | None, today: date, athlete: Person | None) -> VolumeView:
    found = insight.weekly_volume(session, week, today=today)
    current = insight.week_name(today)
    trained = [m for m in found.muscles if m.hard_sets > 0]
    span = f"{found.starts.day} {found.starts:%b} to {found.ends.day} {found.ends:%b}"
    title = f"Hard sets per muscle, week {found.week} ({span})"
    chart = bar_chart(
        title,
        [(m.name, m.hard_sets) for m in trained],
        unit="sets",
        chart_id="volume-chart",
        band=BAND_SETS,
    )
    following = found.starts + timedelta(days=7)
    return VolumeView(
        week=found.week,
        starts=found.starts,
        ends=found.ends,
        previous_week=insight.week_name(found.starts - timedelta(days=7)),
        next_week=insight.week_name(following) if following <= today else None,
        this_week=None if found.week == current else current,
        figure=Figure(chart, _with("/api/v1/insight/volume", athlete, week=found.week)),
        trained=trained,
        untrained=sorted(m.name for m in found.muscles if m.hard_sets <= 0),
    )


def _recovery(session: Session, athlete: Person | None) -> RecoveryView:
    found = insight.recovery(session)
    pcts = {m.slug: m.recovery_pct for m in found.muscles}
    names = {m.slug: m.name for m in found.muscles}
    tired = [m for m in found.muscles if m.sets]
    return RecoveryView(
        map=recovery_map_svg(pcts, names),
        tired=tired,
        rested=len(found.muscles) - len(tired),
        window_days=found.window_days,
        json_href=_with("/api/v1/insight/recovery", athlete),
    )


def _symmetry(session: Session, athlete: Person | None) -> tuple[float, list[SymmetryView]]:
    found = insight.symmetry(session)
    views = []
    for item in found.exercises:
        by_e1rm = [(s.date, s.lsi_e1rm) for s in item.sessions if s.lsi_e1rm is not None]
        by_volume = [(s.date, s.lsi_volume) for s in item.sessions if s.lsi_volume is not None]
        chart = line_chart(
            f"{item.name}: weaker side as a % of the stronger",
            [Series("By best e1RM", by_e1rm, tone=0), Series("By volume load", by_volume, tone=1)],
            unit="%",
            chart_id=f"symmetry-{item.slug}",
            guide=100 - found.threshold,
            guide_label=f"flag line ({figure(100 - found.threshold)}%)",
            include=(100.0,),
        )
        recent = [value for _, value in by_e1rm][-4:]
        views.append(
            SymmetryView(
                exercise=item,
                figure=Figure(chart, _with("/api/v1/insight/symmetry", athlete, exercise=item.slug)),
                gaps_over=sum(1 for value in recent if 100 - value > found.threshold),
                compared=len(recent),
            )
        )
    return found.threshold, views


def _records(session: Session, tz: tzinfo, athlete: Person | None) -> list[RecordsView]:
    """The recent e1RM of the exercises trained most recently, in the person's unit."""
    unit = training.unit_preference(session)
    views = []
    for slug in insight.recent_exercises(session, RECORD_CHARTS):
        history = training.e1rm_history(session, slug, last=RECORD_POINTS)
        per_side: dict[Side, list[tuple[date, float]]] = defaultdict(list)
        for point in history.e1rm:
            per_side[point.side].append((point.performed_on.astimezone(tz).date(), from_kg(point.e1rm_kg, unit)))
        sided = history.laterality is Laterality.UNILATERAL or len(per_side) > 1
        series = [
            Series(SIDE_LABELS[side], points, SIDE_TONES[side]) if sided else Series("Best e1RM", points)
            for side, points in sorted(per_side.items(), key=lambda item: SIDE_TONES[item[0]])
        ]
        title = f"{history.name}: best estimated 1RM per workout"
        chart = line_chart(title, series, unit=unit.value, chart_id=f"e1rm-{slug}")
        views.append(RecordsView(slug, history.name, Figure(chart, _with(f"/api/v1/insight/e1rm/{slug}", athlete))))
    return views


def page_context(
    session: Session, week: str | None, athlete: Person | None, *, now: datetime | None = None
) -> dict[str, Any]:
    """Everything /insight shows, from the services: the template only lays it out."""
    if training.workout_count(session) == 0:
        return {"empty": True, "athlete": athlete}
    tz = training_settings.home_zone(session)
    today = (now or datetime.now(tz)).astimezone(tz).date()
    threshold, symmetry = _symmetry(session, athlete)
    return {
        "empty": False,
        "athlete": athlete,
        "volume": _volume(session, week, today, athlete),
        "recovery": _recovery(session, athlete),
        "threshold": threshold,
        "symmetry": symmetry,
        "records": _records(session, tz, athlete),
        "source_text": source_text,
        "fatigue_text": fatigue_text,
        "step_of": recovery_step,
        "figure": figure,
        "with_person": lambda path, **params: _with(path, athlete, **params),
    }


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @router.get("/insight")
    def show_insight(
        request: Request,
        session: LogReadDep,
        week: Annotated[str | None, Query(max_length=MAX_WEEK_TEXT)] = None,
    ) -> Response:
        athlete = athlete_read(request, session)
        context = page_context(session, week.strip() or None if week else None, athlete)
        return templates.TemplateResponse(request, "insight.html", context)

    return router
