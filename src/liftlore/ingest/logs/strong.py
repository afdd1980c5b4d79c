"""Strong's workout export: one row per set.

The variants (../shared/datasets/README.md): 10 columns (Date, Workout Name, Duration, Exercise Name, Set Order,
Weight, Reps, Distance, Seconds, RPE) or 12 (with Notes and Workout Notes); ',' or ';' between fields; weights in
kg or lb named in the header ('Weight (kg)'), in per-row 'Weight Unit' / 'Distance Unit' columns, or nowhere, in
which case the person must say which (`unit`). Reps come as '13.0', durations as '1h 5m', and Set Order holds W, D
or F for warm-up, drop and failure sets.
"""

from __future__ import annotations

from pathlib import Path

from liftlore.domain.limits import MAX_NAME_LENGTH, MAX_WORKOUT_NAME_LENGTH
from liftlore.domain.units import DistanceUnit, WeightUnit, distance_unit_for, to_kg, to_metres
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import cleaning
from liftlore.ingest.logs.csvfile import CsvRow, CsvTable, normalise_header, read_csv
from liftlore.ingest.logs.records import LogFile, LogRow, cell, ended_after, set_entry

NAME = "strong"
REQUIRED = ("date", "exercise name", "set order", "reps")


class _Units:
    """Where this file keeps its units: in the header, in per-row columns, or (when neither) the person's word."""

    def __init__(self, table: CsvTable, given: WeightUnit | None) -> None:
        self.path = table.path
        self.weight_column, header_weight = _unit_column(table, "weight")
        self.distance_column, header_distance = _unit_column(table, "distance")
        self.per_row = "weight unit" in table.columns
        self.distance_per_row = "distance unit" in table.columns
        self.header_weight_unit: WeightUnit | None = (
            cell(table.path, 1, self.weight_column, cleaning.weight_unit_named, header_weight)
            if header_weight
            else None
        )
        if self.header_weight_unit is not None and given is not None and given is not self.header_weight_unit:
            raise LiftloreError(
                f"the header says weights are in {self.header_weight_unit}, but --unit says {given}",
                file=table.path,
                line=1,
                field="--unit",
            )
        if self.header_weight_unit is None and not self.per_row and given is None:
            raise LiftloreError(
                "the file does not say whether its weights are in kg or lb; say which with --unit kg or --unit lb",
                file=table.path,
                field="--unit",
            )
        self.given = given
        self.header_distance = (
            cell(table.path, 1, self.distance_column, cleaning.distance_unit_named, header_distance)
            if header_distance
            else None
        )

    def weight(self, row: CsvRow) -> WeightUnit:
        if self.header_weight_unit is not None:
            return self.header_weight_unit
        if self.per_row and row.values["weight unit"].strip():
            return cell(self.path, row.line, "Weight Unit", cleaning.weight_unit_named, row.values["weight unit"])
        if self.given is None:
            raise LiftloreError(
                "this row does not say whether its weight is in kg or lb; say which with --unit kg or --unit lb",
                file=self.path,
                line=row.line,
                field="Weight Unit",
            )
        return self.given

    def distance(self, row: CsvRow, weight: WeightUnit) -> DistanceUnit:
        if self.header_distance is not None:
            return self.header_distance
        if self.distance_per_row and row.values["distance unit"].strip():
            text = row.values["distance unit"]
            return cell(self.path, row.line, "Distance Unit", cleaning.distance_unit_named, text)
        return distance_unit_for(weight)

    def describe(self) -> str:
        if self.header_weight_unit is not None:
            return f"weights in {self.header_weight_unit} (header)"
        if self.per_row:
            return "units in each row"
        return f"weights in {self.given} (--unit)"


def _unit_column(table: CsvTable, name: str) -> tuple[str, str | None]:
    """The column holding `name` ('weight' or 'weight (kg)') and the unit its header gives, if any."""
    for column in (normalise_header(h) for h in table.header):
        base, unit = cleaning.header_unit(column)
        if base == name:
            return column, unit
    if name == "weight":
        raise LiftloreError("no Weight column: is this a Strong export?", file=table.path, line=1)
    return "", None


def read(path: Path, *, unit: WeightUnit | None = None) -> LogFile:
    table = read_csv(path)
    missing = [name for name in REQUIRED if name not in table.columns]
    if missing:
        raise LiftloreError(
            f"no column {', '.join(repr(m.title()) for m in missing)}: is this a Strong export?", file=path, line=1
        )
    units = _Units(table, unit)
    rows = tuple(_row(table, row, units) for row in table.rows)
    separator = "';'" if table.delimiter == ";" else "','"
    variant = f"{len(table.header)} columns, {separator} between fields, {units.describe()}"
    return LogFile(source=NAME, variant=variant, rows=rows, path=path)


def _row(table: CsvTable, row: CsvRow, units: _Units) -> LogRow:
    path, line, values = table.path, row.line, row.values
    get = values.get
    column = "Date"  # the column being cleaned, for the error; one try per row, not one call per cell
    try:
        started = cleaning.strong_date(get("date", ""))
        column = "Set Order"
        set_type = cleaning.strong_set_order(get("set order", ""))
        column = "Weight"
        weight = cleaning.number(get(units.weight_column, ""))
        column = "Reps"
        reps = cleaning.reps(get("reps", ""))
        column = "Distance"
        distance = cleaning.zero_is_none(cleaning.number(get(units.distance_column, "")))
        column = "Seconds"
        seconds = cleaning.zero_is_none(cleaning.number(get("seconds", "")))
        column = "RPE"
        rpe = cleaning.number(get("rpe", ""))
        column = "Duration"
        length = cleaning.span(get("duration", "") or get("workout duration", ""))
        column = "Exercise Name"
        exercise = cleaning.name(get("exercise name", ""), MAX_NAME_LENGTH)
        column = "Workout Name"
        workout_name = cleaning.name(get("workout name", ""), MAX_WORKOUT_NAME_LENGTH) or None
        column = "Workout Notes"
        workout_notes = cleaning.notes(get("workout notes", ""))
        column = "Notes"
        entry_notes = cleaning.notes(get("notes", ""))
    except ValueError as exc:
        raise LiftloreError(str(exc), file=path, line=line, field=column) from None
    if not exercise:
        raise LiftloreError("no exercise name", file=path, line=line, field="Exercise Name")
    weight_unit = units.weight(row)
    entry = set_entry(
        path,
        line,
        set_type=set_type,
        reps=reps,
        weight_kg=to_kg(weight, weight_unit) if weight is not None else None,
        rpe=rpe or None,  # Strong writes RPE 0 for "not rated"
        seconds=seconds,
        distance_m=to_metres(distance, units.distance(row, weight_unit)) if distance is not None else None,
    )
    return LogRow(
        line=line,
        started_at=started,
        ended_at=ended_after(started, length),
        workout_name=workout_name,
        exercise_name=exercise,
        set=entry,
        workout_notes=workout_notes,
        entry_notes=entry_notes,
    )
