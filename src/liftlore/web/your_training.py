""" "Your training" on an exercise's page: the reader's last sessions of it, the records they hold per side, and
their e1RM over time as a chart (one line per side of a one-sided exercise), with links to log it and to the
chart's JSON twin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise, Laterality
from liftlore.domain.training import Side
from liftlore.domain.units import WeightUnit, format_weight, from_kg, plain_number
from liftlore.errors import NotFoundError
from liftlore.science.records import RecordKind
from liftlore.services import training
from liftlore.web.charts import Chart, Series, line_chart
from liftlore.web.training_views import all_unsided, e1rm_text, set_text, volume_text

LAST_SESSIONS = 5  # the times shown; the whole history is /history?exercise=SLUG
_KIND_ROWS = (
    (RecordKind.HEAVIEST, "Heaviest weight"),
    (RecordKind.E1RM, "Best e1RM"),
    (RecordKind.VOLUME, "Best set volume"),
)


@dataclass(frozen=True)
class SessionLine:
    """One time the exercise was done: when (linking to the workout), its sets in short, its best e1RM."""

    href: str
    when: str
    sets: tuple[str, ...]
    e1rm: str


@dataclass(frozen=True)
class RecordCell:
    value: str
    detail: str  # the set behind an e1RM, '' otherwise
    href: str  # the workout it was reached in
    when: str


@dataclass(frozen=True)
class RecordRow:
    label: str
    cells: tuple[RecordCell | None, ...]  # one per column; None: no such record on that side


@dataclass(frozen=True)
class YourTraining:
    """What the reader did of one exercise. Empty `sessions`: never logged; the page invites them to."""

    exercise: Exercise
    log_href: str
    history_href: str
    sessions: tuple[SessionLine, ...] = ()
    columns: tuple[str, ...] = ()  # 'Left', 'Right'; one column for a two-sided exercise
    records: tuple[RecordRow, ...] = ()
    reps: tuple[RecordRow, ...] = ()  # the most reps at each weight, heaviest first
    chart: Chart | None = None
    chart_json: str = ""


def your_training(session: Session, exercise: Exercise) -> YourTraining | None:
    """The reader's sets of `exercise`: the last sessions, the records held per side and the e1RM over time. Reads
    every set of the exercise once (`exercise_strength`), as the log page does: a long history costs a little on
    this page. None if the exercise is not one the reader may log (not theirs and not shared)."""
    slug = exercise.slug
    empty = YourTraining(exercise, log_href=f"/log?exercise={slug}", history_href=f"/history?exercise={slug}")
    try:
        times = training.exercise_history(session, slug, limit=LAST_SESSIONS)
        if not times:
            return empty
        strength = training.exercise_strength(session, slug)
    except NotFoundError:  # gone from the log's view since the snapshot was read
        return None
    unit = training.unit_preference(session)
    one_sided = exercise.laterality is Laterality.UNILATERAL
    sides = [side for side in Side if any(r.side is side for r in strength.records)]
    return YourTraining(
        exercise,
        log_href=empty.log_href,
        history_href=empty.history_href,
        sessions=tuple(_session_line(time, strength.e1rm, unit, one_sided) for time in times),
        columns=tuple(_side_title(side, sides, one_sided) for side in sides),
        records=_kind_rows(strength.records, sides, unit),
        reps=_rep_rows(strength.records, sides, unit),
        chart=_e1rm_chart(exercise, strength.e1rm, unit, one_sided),
        chart_json=f"/api/v1/insight/e1rm/{slug}",
    )


def _session_line(
    time: training.PreviousPerformance, points: Sequence[training.E1rmPoint], unit: WeightUnit, one_sided: bool
) -> SessionLine:
    unsided = all_unsided(time.sets, one_sided)
    sets = tuple(set_text(s, unit, one_sided=one_sided and not unsided) for s in time.sets)
    best = e1rm_text([p for p in points if p.workout_id == time.workout_id], unit, one_sided=one_sided)
    return SessionLine(f"/workouts/{time.workout_id}", time.performed_on.strftime("%a %d %b %Y"), sets, best)


def _side_title(side: Side, sides: Sequence[Side], one_sided: bool) -> str:
    if side is Side.LEFT:
        return "Left"
    if side is Side.RIGHT:
        return "Right"
    if one_sided:
        return "Side not recorded"
    return "Both sides" if len(sides) > 1 else "Best"


def _cell(record: training.PersonalRecord, unit: WeightUnit) -> RecordCell:
    if record.kind is RecordKind.E1RM:
        value = _tenth(record.value, unit)
        detail = f"{format_weight(record.weight_kg, unit)} × {record.reps}" if record.weight_kg is not None else ""
    elif record.kind is RecordKind.VOLUME:
        value, detail = volume_text(record.value, unit), ""
    elif record.kind is RecordKind.REPS:
        value, detail = f"{plain_number(record.value)} reps", ""
    else:
        value, detail = format_weight(record.value, unit), ""
    return RecordCell(value, detail, f"/workouts/{record.workout_id}", record.performed_on.strftime("%d %b %Y"))


def _kind_rows(
    records: Sequence[training.PersonalRecord], sides: Sequence[Side], unit: WeightUnit
) -> tuple[RecordRow, ...]:
    held: dict[tuple[RecordKind, Side], training.PersonalRecord] = {
        (r.kind, r.side): r for r in records if r.kind is not RecordKind.REPS
    }
    rows = []
    for kind, label in _KIND_ROWS:
        cells = tuple(_cell(held[kind, side], unit) if (kind, side) in held else None for side in sides)
        if any(cells):
            rows.append(RecordRow(label, cells))
    return tuple(rows)


def _rep_rows(
    records: Sequence[training.PersonalRecord], sides: Sequence[Side], unit: WeightUnit
) -> tuple[RecordRow, ...]:
    """The most reps at each weight, one row per weight, heaviest first; body weight last."""
    by_weight: dict[float | None, dict[Side, training.PersonalRecord]] = {}
    for record in records:
        if record.kind is RecordKind.REPS:
            weight = round(record.weight_kg, 2) if record.weight_kg is not None else None
            by_weight.setdefault(weight, {})[record.side] = record
    order = sorted(by_weight, key=lambda w: -1e9 if w is None else w, reverse=True)
    return tuple(
        RecordRow(
            format_weight(weight, unit) if weight is not None else "Body weight",
            tuple(_cell(by_weight[weight][side], unit) if side in by_weight[weight] else None for side in sides),
        )
        for weight in order
    )


def _tenth(kg: float, unit: WeightUnit) -> str:
    """An estimate to a tenth, as the workout page gives it."""
    return f"{plain_number(from_kg(kg, unit), 1)} {unit.value}"


def _e1rm_chart(
    exercise: Exercise, points: Sequence[training.E1rmPoint], unit: WeightUnit, one_sided: bool
) -> Chart | None:
    """One line per side for a one-sided exercise (Left, Right, and the sets logged without a side, if any), one
    line for a two-sided one; each point the day's best e1RM on that side. None when no set gives an estimate
    (body weight only, reps past the cap)."""
    best: dict[Side, dict[date, float]] = {}
    for point in points:
        day = point.performed_on.date()
        per_day = best.setdefault(point.side, {})
        per_day[day] = max(per_day.get(day, 0.0), round(from_kg(point.e1rm_kg, unit), 1))
    if not best:
        return None
    sides = [side for side in Side if side in best]
    # Left and Right keep their colours on every page; a two-sided exercise's one line takes the first.
    tones = {Side.LEFT: 0, Side.RIGHT: 1, Side.BOTH: 2 if len(sides) > 1 else 0}
    series = [
        Series(_series_label(side, sides, one_sided), sorted(best[side].items()), tone=tones[side]) for side in sides
    ]
    return line_chart(f"{exercise.name}: estimated 1RM", series, unit=unit.value, chart_id=f"e1rm-{exercise.slug}")


def _series_label(side: Side, sides: Sequence[Side], one_sided: bool) -> str:
    if side is Side.BOTH and not one_sided and len(sides) == 1:
        return "Estimated 1RM"
    return _side_title(side, sides, one_sided)
