"""The weekly volume of real exports: the Strong and Hevy samples in ../shared, imported, give per muscle and ISO
week the same hard sets, volume load and per-side sets as a computation made here from the CSV rows with the csv
module. Only the exercise each name stands for is taken from the import (its report's matches), and that
exercise's muscles from the library (for a name the import made a custom exercise for, the muscles it gave it from
the closest library exercise); which sets are warm-ups, which are hard, their load in kg, their week and
their credit are read and worked out here, independently of the importer and of the strength points."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from liftlore.domain.units import WeightUnit
from liftlore.services import insight, library, log_import, training_settings
from liftlore.store.db import Database
from tests.conftest import SHARED, shared_file

LOGS = SHARED / "datasets" / "logs"
STRONG = LOGS / "strong-sample.csv"
HEVY = LOGS / "hevy-sample.csv"
ZONE = "Europe/Berlin"
POUND_KG = 0.45359237  # the international pound
# Both apps write wall-clock time where the person trained: the week is that of the local date.
STRONG_TIME = "%Y-%m-%d %H:%M:%S"
HEVY_TIME = "%d %b %Y, %H:%M"

pytestmark = pytest.mark.shared


@dataclass(frozen=True)
class Row:
    """One set as read here: its exercise name, when its workout started (local time), and what it was."""

    exercise: str
    started: datetime
    warm_up: bool
    weight_kg: float | None
    reps: int | None
    rpe: float | None


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def strong_rows(path: Path, kg_per_unit: float) -> list[Row]:
    """Strong: 'Set Order' is a number for a working set, W for a warm-up (D and F are drop and failure sets,
    which count); no unit in the header, so the weights are in the unit the import was told; reps as '10.0'."""
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for cells in csv.DictReader(handle):
            weight, reps = number(cells["Weight"]), number(cells["Reps"])
            rows.append(
                Row(
                    exercise=cells["Exercise Name"].strip(),
                    started=datetime.strptime(cells["Date"].strip(), STRONG_TIME),
                    warm_up=cells["Set Order"].strip().upper() == "W",
                    weight_kg=None if weight is None else weight * kg_per_unit,
                    reps=None if reps is None else int(reps),
                    rpe=number(cells.get("RPE") or ""),
                )
            )
    return rows


def hevy_rows(path: Path) -> list[Row]:
    """Hevy: set_type warmup, normal, failure or dropset; weights in kg (the column says so); an empty cell is no
    value; every row repeats its workout's start_time."""
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for cells in csv.DictReader(handle):
            reps = number(cells["reps"])
            rows.append(
                Row(
                    exercise=cells["exercise_title"].strip(),
                    started=datetime.strptime(cells["start_time"].strip(), HEVY_TIME),
                    warm_up=cells["set_type"].strip() == "warmup",
                    weight_kg=number(cells["weight_kg"]),
                    reps=None if reps is None else int(reps),
                    rpe=number(cells["rpe"]),
                )
            )
    return rows


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Figures:
    hard_sets: float = 0.0
    volume_load_kg: float = 0.0
    left_sets: float = 0.0
    right_sets: float = 0.0


def expected_volume(
    rows: list[Row], muscles_of: dict[str, list[tuple[str, float]]], hard_rpe: float
) -> dict[str, dict[str, Figures]]:
    """Per ISO week, per muscle: the credited hard sets and volume load of the rows. A hard set is not a warm-up
    and has no RPE or one at least `hard_rpe`; its load is kg x reps when it has both (body weight adds nothing).
    Neither app records a side, so every set is on both sides: full credit, and no left or right sets."""
    weeks: dict[str, dict[str, Figures]] = defaultdict(lambda: defaultdict(Figures))
    for row in rows:
        if row.warm_up or (row.rpe is not None and row.rpe < hard_rpe):
            continue
        load = row.weight_kg * row.reps if row.weight_kg and row.reps and row.weight_kg > 0 else 0.0
        for muscle, share in muscles_of[row.exercise]:
            figures = weeks[iso_week(row.started.date())][muscle]
            figures.hard_sets += share
            figures.volume_load_kg += share * load
    return weeks


def muscles_by_name(db: Database, names: dict[str, str | None]) -> dict[str, list[tuple[str, float]]]:
    """Each name in the files -> (muscle, share) for the exercise the import put it on, as the library holds it:
    1 for a primary muscle, 0.5 for a secondary one."""
    found: dict[str, list[tuple[str, float]]] = {}
    for name, slug in names.items():
        assert slug is not None, name  # the import makes a custom exercise for a name the library lacks
        exercise = db.run(library.get_exercise, slug)
        found[name] = [(m.slug, 1.0) for m in exercise.primary_muscles]
        found[name] += [(m.slug, 0.5) for m in exercise.secondary_muscles]
    return found


@pytest.mark.parametrize(
    ("strong_unit", "hard_rpe"),
    [(WeightUnit.KG, None), (WeightUnit.LB, 8.0)],
    ids=["strong-in-kg-default-cut-off", "strong-in-lb-cut-off-rpe-8"],
)
def test_weekly_volume_of_the_sample_exports_matches_the_csv_rows(
    db: Database, strong_unit: WeightUnit, hard_rpe: float | None
) -> None:
    strong, hevy = shared_file(STRONG), shared_file(HEVY)
    db.run(training_settings.change_setting, "timezone", ZONE)
    if hard_rpe is not None:
        db.run(training_settings.change_setting, "hard-set-rpe", f"{hard_rpe:g}")
    reports = [
        db.run(log_import.import_log, "strong", strong, unit=strong_unit, timezone=ZONE),
        db.run(log_import.import_log, "hevy", hevy, timezone=ZONE),
    ]
    names = {match.name: match.slug for report in reports for match in report.matches}
    rows = strong_rows(strong, POUND_KG if strong_unit is WeightUnit.LB else 1.0) + hevy_rows(hevy)
    assert sum(report.added_sets for report in reports) == len(rows)  # every row is a set, none skipped
    assert {row.exercise for row in rows} <= set(names)
    muscles_of = muscles_by_name(db, names)
    assert sum(1 for shares in muscles_of.values() if shares) > 40  # most names have muscles
    expected = expected_volume(rows, muscles_of, 6.0 if hard_rpe is None else hard_rpe)
    assert len(expected) > 50

    for week, by_muscle in sorted(expected.items()):
        volume = db.run(insight.weekly_volume, week)
        assert volume.week == week
        assert volume.time_zone == ZONE
        shown = {muscle.slug: muscle for muscle in volume.muscles}
        assert set(by_muscle) <= set(shown), week
        for slug, muscle in shown.items():
            figures = by_muscle.get(slug, Figures())
            got = (muscle.hard_sets, muscle.volume_load_kg, muscle.left_sets, muscle.right_sets)
            want = (figures.hard_sets, figures.volume_load_kg, figures.left_sets, figures.right_sets)
            # The report rounds to 0.01; credits are multiples of 0.5 and exact.
            assert got == pytest.approx(want, abs=0.006), f"{week} {slug}"
