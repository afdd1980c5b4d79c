"""The training log in the terminal (Rich), in the person's unit, and as plain JSON for `--json`."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from liftlore.domain.log_grammar import format_set, format_sets
from liftlore.domain.training import SetEntry, Side, Workout
from liftlore.domain.units import WeightUnit, format_weight, from_kg, plain_number
from liftlore.science.plates import PlateAnswer, PlateLoad
from liftlore.science.records import RECORD_LABELS, RecordKind
from liftlore.science.strength import FORMULA_NAMES, MAX_REP_CAP, Estimate, LoadRow
from liftlore.services.log_import import LogImportReport
from liftlore.services.name_matching import MatchKind
from liftlore.services.training import (
    ExerciseStrength,
    PersonalRecord,
    PreviousPerformance,
    StrengthSummary,
    WorkoutSummary,
)
from liftlore.services.training_settings import SETTINGS_HELP

SIDE_LABELS = {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: ""}
SHORT_ID = 8  # characters of an id shown; 6 are enough to type (services/log_ids.py), 8 rarely collide


def json_ready(value: Any) -> Any:
    """Dataclasses, tuples, enums, UUIDs and times -> what json.dumps takes; weights stay in kg (JSON is for
    programs, which want one unit)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_ready(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: json_ready(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    if isinstance(value, dict):
        return {str(json_ready(key)): json_ready(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _side(side: Side | None) -> str:
    return SIDE_LABELS.get(side, "") if side is not None else ""


def short_id(value: uuid.UUID | None) -> str:
    """The first characters of an id, as `history` prints them and every command that takes an id accepts."""
    return str(value)[:SHORT_ID] if value is not None else ""


def print_workout(console: Console, workout: Workout, unit: WeightUnit, *, set_ids: bool = False) -> None:
    """A workout, its sets written as the log writes them; with `set_ids`, one set a line after its short id, for
    `liftlore set edit/delete/move`."""
    length = ""
    if workout.ended_at is not None:
        minutes = round((workout.ended_at - workout.started_at).total_seconds() / 60)
        length = f", {minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f", {minutes} min"
    console.print(Text(workout.title, style="bold"))
    console.print(Text(f"{when(workout.started_at)} ({workout.time_zone}){length} · {workout.id}", style="dim"))
    if workout.notes:
        console.print(Text(workout.notes, style="italic"))
    for entry in workout.entries:
        superset = f" [superset {entry.superset_group}]" if entry.superset_group is not None else ""
        gone = "" if entry.exercise_slug else " (no longer in the library)"
        console.print(Text.assemble((f"\n{entry.exercise_name}", "bold cyan"), superset, gone))
        if entry.notes:
            console.print(Text(entry.notes, style="italic"))
        if set_ids:
            for done in entry.sets:
                console.print(Text.assemble((f"  {short_id(done.id)}  ", "dim"), format_set(done, unit)))
        else:
            console.print(Text(f"  {format_sets(entry.sets, unit)}"))
    if not workout.entries:
        console.print(Text("no sets yet"))


def print_workout_list(console: Console, workouts: Sequence[WorkoutSummary], unit: WeightUnit) -> None:
    table = Table(header_style="bold")
    table.add_column("When", no_wrap=True)
    table.add_column("Workout")
    table.add_column("Exercises")
    for column in ("Sets", f"Volume ({unit.value})", "Id"):
        table.add_column(column, no_wrap=True)
    for summary in workouts:
        exercises = ", ".join(summary.exercises[:4]) + (" ..." if len(summary.exercises) > 4 else "")
        table.add_row(
            Text(when(summary.started_at)),
            Text(summary.title),
            Text(exercises),
            Text(str(summary.set_count)),
            Text(plain_number(from_kg(summary.volume_kg, unit))),
            Text(short_id(summary.id), style="dim"),
        )
    console.print(table)
    if not workouts:
        console.print("no workouts logged yet")


def print_history(console: Console, name: str, performances: Sequence[PreviousPerformance], unit: WeightUnit) -> None:
    console.print(Text(name, style="bold"))
    for done in performances:
        console.print(Text.assemble((f"{when(done.performed_on)}  ", "dim"), format_sets(done.sets, unit)))
    if not performances:
        console.print("not logged yet")


def record_value(record: PersonalRecord, unit: WeightUnit) -> str:
    if record.kind is RecordKind.REPS:
        at = format_weight(record.weight_kg, unit) if record.weight_kg else "body weight"
        return f"{record.reps} reps at {at}"
    return format_weight(record.value, unit)


def record_line(record: PersonalRecord, unit: WeightUnit) -> str:
    """'heaviest weight (left): 45 kg, beating 40 kg'."""
    side = f" ({_side(record.side)})" if _side(record.side) else ""
    value = record_value(record, unit)
    if record.previous is None:
        return f"{RECORD_LABELS[record.kind]}{side}: {value} (first)"
    before = f"{int(record.previous)} reps" if record.kind is RecordKind.REPS else format_weight(record.previous, unit)
    return f"{RECORD_LABELS[record.kind]}{side}: {value}, beating {before}"


def _set_text(weight_kg: float | None, reps: int, unit: WeightUnit) -> str:
    """The set behind a record or an e1RM, written as the log writes sets ('100kg x 5', 'bw x 12')."""
    return format_set(SetEntry(reps=reps, weight_kg=weight_kg), unit)


def print_records(console: Console, strength: ExerciseStrength, unit: WeightUnit, *, history: bool) -> None:
    method = strength.method
    console.print(Text(f"{strength.name} ({strength.laterality.value})", style="bold"))
    console.print(
        Text(f"e1RM by {FORMULA_NAMES[method.formula]}, sets up to {method.rep_cap} reps", style="dim")
        if not method.from_effort
        else Text(f"e1RM by the RPE chart where RPE/RIR is logged, else {FORMULA_NAMES[method.formula]}", style="dim")
    )
    rows = strength.history if history else strength.records
    table = Table(header_style="bold")
    for column in ("Record", "Side", "Value", "Set", "When"):
        table.add_column(column, no_wrap=True)
    for record in rows:
        table.add_row(
            Text(RECORD_LABELS[record.kind]),
            Text(_side(record.side)),
            Text(record_value(record, unit)),
            Text(_set_text(record.weight_kg, record.reps, unit)),
            Text(f"{record.performed_on:%Y-%m-%d}"),
        )
    console.print(table)
    if not rows:
        console.print("no records yet: log a working set (warm-ups do not count)")


def print_overview(console: Console, overview: Sequence[StrengthSummary], unit: WeightUnit) -> None:
    table = Table(header_style="bold")
    for column in ("Exercise", "Side", "Heaviest", "Best e1RM", "Best set volume", "Latest e1RM", "Workouts"):
        table.add_column(column)
    for summary in overview:
        for side in Side:
            bests = {best.kind: best for best in summary.bests if best.side is side}
            points = [point for point in summary.e1rm if point.side is side]
            if not bests:
                continue

            def shown(kind: RecordKind, bests: dict[RecordKind, Any] = bests) -> str:
                return format_weight(bests[kind].value, unit) if kind in bests else ""

            table.add_row(
                Text(summary.name),
                Text(_side(side)),
                Text(shown(RecordKind.HEAVIEST)),
                Text(shown(RecordKind.E1RM)),
                Text(shown(RecordKind.VOLUME)),
                Text(format_weight(points[-1].e1rm_kg, unit) if points else ""),
                Text(str(len(points))),
            )
    console.print(table)


@dataclasses.dataclass(frozen=True)
class SuggestedLoad:
    """A row of the load table: the chart's load and the nearest weight the plates make (None: under the bar)."""

    row: LoadRow
    on_the_bar: PlateLoad | None


@dataclasses.dataclass(frozen=True)
class EstimateView:
    """What `estimate` shows, in `unit`: the unit the set was typed in, else the person's."""

    entry: SetEntry
    estimates: Sequence[Estimate]
    loads: Sequence[SuggestedLoad]  # loads in `unit`
    unit: WeightUnit
    rep_cap: int
    bar: float  # the bar and plates the loads were rounded to, in `unit`
    plates: Mapping[float, int | None]


def _no_figure(label: str, entry: SetEntry, rep_cap: int) -> str:
    """Why a method gives no e1RM for this set, said where the figure would be."""
    if label != "RPE chart":
        return f"none past {rep_cap} reps"
    if entry.reps_in_reserve is None:
        return "add @RPE or RIR"
    return "off the chart"  # it covers reps + RIR up to 14


def print_estimates(console: Console, shown: EstimateView) -> None:
    entry, unit = shown.entry, shown.unit
    console.print(Text(f"Estimated 1RM from {format_sets([entry], unit)}", style="bold"))
    table = Table(header_style="bold")
    table.add_column("Method")
    table.add_column("e1RM")
    for estimate in shown.estimates:
        figure = (
            Text(format_weight(estimate.one_rm, unit))
            if estimate.one_rm
            else Text(_no_figure(estimate.label, entry, shown.rep_cap), style="dim")
        )
        table.add_row(Text(estimate.label), figure)
    console.print(table)
    reps = entry.reps or 0
    if reps > shown.rep_cap:
        console.print(Text(f"No e1RM from {reps} reps: {_past_the_cap(reps, shown.rep_cap)}"))
    if not shown.loads:
        return
    loads = Table(title="Loads by reps (NSCA chart)", header_style="bold")
    for column in ("Reps", "% of 1RM", "Load", "Exact"):
        loads.add_column(column)
    for suggested in shown.loads:
        row, plated = suggested.row, suggested.on_the_bar
        load = (
            Text(f"{plain_number(plated.total)} {unit.value}")
            if plated is not None
            else Text(f"{plain_number(row.load)} {unit.value} (under the bar)")
        )
        loads.add_row(
            Text(str(row.reps)),
            Text(plain_number(row.percent, 1)),
            load,
            Text(f"{plain_number(row.load)} {unit.value}", style="dim"),
        )
    console.print(loads)
    plates = ", ".join(plain_number(size) + (f"x{count}" if count else "") for size, count in shown.plates.items())
    console.print(
        Text(
            f"Loads rounded to the nearest weight a {plain_number(shown.bar)} {unit.value} bar and "
            f"{plates} {unit.value} plates make (`liftlore plates` shows which).",
            style="dim",
        )
    )


def _past_the_cap(reps: int, rep_cap: int) -> str:
    """Why a high-rep set gets no estimate, and what would change that."""
    why = f"the formulas are only trusted up to {rep_cap} reps (estimates drift as reps rise)"
    if reps <= MAX_REP_CAP:
        return f"{why}; `liftlore settings rep-cap {reps}` allows it, at the cost of accuracy."
    return f"{why}, and none is valid past {MAX_REP_CAP} reps."


def _plates(load: PlateLoad, unit: WeightUnit) -> str:
    plates = " + ".join(plain_number(p) for p in load.per_side) or "no plates"
    return f"{plain_number(load.total)} {unit.value}: bar {plain_number(load.bar)} + each side {plates}"


def print_plates(console: Console, answer: PlateAnswer, unit: WeightUnit) -> None:
    if answer.exact is not None:
        console.print(Text(_plates(answer.exact, unit)))
        return
    console.print(Text(f"{plain_number(answer.below.target)} {unit.value} cannot be loaded exactly with these plates"))
    console.print(Text(f"  nearest below: {_plates(answer.below, unit)}"))
    if answer.above is not None:
        console.print(Text(f"  nearest above: {_plates(answer.above, unit)}"))


def print_import_report(console: Console, report: LogImportReport) -> None:
    verb = "would be" if report.dry_run else "were"
    console.print(Text(f"{report.path} ({report.source}: {report.variant})", style="bold"))
    span = f", {report.first:%Y-%m-%d} to {report.last:%Y-%m-%d}" if report.first and report.last else ""
    console.print(
        Text(f"{report.workouts} workouts, {report.entries} exercise entries, {report.sets} sets in the file{span}")
    )
    console.print(Text(f"{report.added_workouts} workouts and {report.added_sets} sets {verb} added"))
    if report.skipped_workouts:
        console.print(Text(f"{report.skipped_workouts} workouts {verb} skipped: imported before"))
    counts = report.match_counts
    if report.matches:
        console.print(
            Text(
                f"{len(report.matches)} exercise names: {counts[MatchKind.EXACT]} by name or alias, "
                f"{counts[MatchKind.EQUIPMENT]} by name and equipment, {counts[MatchKind.FUZZY]} by close spelling, "
                f"{counts[MatchKind.NEW]} new"
            )
        )
    for match in report.matches:
        if match.kind in (MatchKind.EQUIPMENT, MatchKind.FUZZY):
            how = f"{match.score:g}% alike" if match.kind is MatchKind.FUZZY else "same name, its equipment"
            console.print(Text(f"  {match.name} -> {match.matched} ({match.slug}; {how})"))
    if report.created:
        console.print(Text(f"custom exercises {verb} created for {len(report.created)} names:"))
        for name in report.created:
            console.print(Text(f"  {name}"))
    if report.settings:
        console.print(Text(f"settings {verb} restored: {', '.join(report.settings)}"))
    if report.dry_run:
        console.print(Text("dry run: nothing was stored", style="italic"))


def print_settings(console: Console, stored: dict[str, str], only: str | None) -> None:
    table = Table(header_style="bold")
    for column in ("Setting", "Value", "What it is"):
        table.add_column(column)
    for key, about in SETTINGS_HELP.items():
        if only is None or key == only:
            table.add_row(Text(key), Text(stored.get(key, "(default)")), Text(about))
    console.print(table)
