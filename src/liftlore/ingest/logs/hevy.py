"""Hevy's workout export: one row per set, the unit in the column's name.

Columns: title, start_time, end_time, description, exercise_title, superset_id, exercise_notes, set_index (0-based),
set_type (normal, warmup, failure, dropset), weight_kg or weight_lbs, reps, distance_km or distance_miles,
duration_seconds, rpe. Dates look like '15 Sep 2025, 07:48'. Notes may span lines inside quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from liftlore.domain.limits import MAX_NAME_LENGTH, MAX_WORKOUT_NAME_LENGTH
from liftlore.domain.units import DistanceUnit, WeightUnit, to_kg, to_metres
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import cleaning
from liftlore.ingest.logs.csvfile import CsvRow, CsvTable, read_csv
from liftlore.ingest.logs.records import LogFile, LogRow, set_entry

NAME = "hevy"
REQUIRED = ("start_time", "exercise_title", "set_type", "reps")
_WEIGHT_COLUMNS = {"weight_kg": WeightUnit.KG, "weight_lbs": WeightUnit.LB, "weight_lb": WeightUnit.LB}
_DISTANCE_COLUMNS = {"distance_km": DistanceUnit.KM, "distance_miles": DistanceUnit.MI, "distance_mi": DistanceUnit.MI}
U = TypeVar("U")


def _unit_column(table: CsvTable, choices: Mapping[str, U], what: str) -> tuple[str | None, U | None]:
    present = [name for name in choices if name in table.columns]
    if len(present) > 1:
        raise LiftloreError(f"both {' and '.join(present)} columns: which one holds the {what}?", file=table.path)
    return (present[0], choices[present[0]]) if present else (None, None)


def read(path: Path, *, unit: WeightUnit | None = None) -> LogFile:
    table = read_csv(path)
    missing = [name for name in REQUIRED if name not in table.columns]
    if missing:
        raise LiftloreError(f"no column {', '.join(missing)}: is this a Hevy export?", file=path, line=1)
    weight_column, weight_unit = _unit_column(table, _WEIGHT_COLUMNS, "weight")
    if weight_column is None or weight_unit is None:
        raise LiftloreError("no weight_kg or weight_lbs column: is this a Hevy export?", file=path, line=1)
    if unit is not None and unit is not weight_unit:
        raise LiftloreError(
            f"the {weight_column} column says weights are in {weight_unit}, but --unit says {unit}",
            file=path,
            line=1,
            field="--unit",
        )
    distance_column, distance_unit = _unit_column(table, _DISTANCE_COLUMNS, "distance")
    rows = tuple(
        _row(table, row, weight_column, weight_unit, distance_column, distance_unit or DistanceUnit.KM)
        for row in table.rows
    )
    variant = f"{len(table.header)} columns, weights in {weight_unit} ({weight_column})"
    return LogFile(source=NAME, variant=variant, rows=rows, path=path)


def _row(
    table: CsvTable,
    row: CsvRow,
    weight_column: str,
    weight_unit: WeightUnit,
    distance_column: str | None,
    distance_unit: DistanceUnit,
) -> LogRow:
    path, line, values = table.path, row.line, row.values

    def get(column: str | None) -> str:
        return values.get(column, "") if column else ""

    column = "start_time"  # the column being cleaned, for the error; one try per row, not one call per cell
    try:
        started = cleaning.hevy_date(get("start_time"))
        column = "end_time"
        end_text = get("end_time")
        ended = cleaning.hevy_date(end_text) if end_text.strip() else None
        column = "set_type"
        set_type = cleaning.hevy_set_type(get("set_type"))
        column = "set_index"
        index_text = get("set_index")
        index = cleaning.set_index(index_text) if index_text.strip() else None
        column = weight_column
        weight = cleaning.number(get(weight_column))
        column = "reps"
        reps = cleaning.reps(get("reps"))
        column = distance_column or "distance"
        distance = cleaning.zero_is_none(cleaning.number(get(distance_column)))
        column = "duration_seconds"
        seconds = cleaning.zero_is_none(cleaning.number(get("duration_seconds")))
        column = "rpe"
        rpe = cleaning.number(get("rpe"))
        column = "superset_id"
        superset = cleaning.superset(get("superset_id"))
        column = "exercise_title"
        exercise = cleaning.name(get("exercise_title"), MAX_NAME_LENGTH)
        column = "title"
        workout_name = cleaning.name(get("title"), MAX_WORKOUT_NAME_LENGTH) or None
        column = "description"
        workout_notes = cleaning.notes(get("description"))
        column = "exercise_notes"
        entry_notes = cleaning.notes(get("exercise_notes"))
    except ValueError as exc:
        raise LiftloreError(str(exc), file=path, line=line, field=column) from None
    if not exercise:
        raise LiftloreError("no exercise title", file=path, line=line, field="exercise_title")
    entry = set_entry(
        path,
        line,
        set_type=set_type,
        reps=reps,
        weight_kg=to_kg(weight, weight_unit) if weight is not None else None,
        rpe=rpe,
        seconds=seconds,
        distance_m=to_metres(distance, distance_unit) if distance is not None else None,
    )
    return LogRow(
        line=line,
        started_at=started,
        ended_at=ended,
        workout_name=workout_name,
        exercise_name=exercise,
        set=entry,
        workout_notes=workout_notes,
        entry_notes=entry_notes,
        superset=superset,
        set_index=index,
    )
