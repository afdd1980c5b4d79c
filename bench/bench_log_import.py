"""Time importing a generated Strong export of 100,000 sets into a fresh SQLite database holding the catalog.

Run: `python bench/bench_log_import.py [SETS]` (prints the figures). The file is Strong's 12-column variant
(with Notes and Workout Notes, some notes spanning lines, W and D set orders, reps written as '8.0'); the import
reads, cleans, matches every exercise name, creates custom exercises and stores everything in one transaction.
A second import of the same file, which adds nothing, is timed too.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from liftlore.domain.units import WeightUnit
from liftlore.services import library
from liftlore.services.log_import import import_log
from liftlore.store.db import Database

HEADER = (
    *("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance", "Seconds"),
    *("Notes", "Workout Notes", "RPE"),
)
# Names as Strong writes them: most are in the library (some only by their equipment in parentheses), some are not.
EXERCISES = (
    ("Squat (Barbell)", 60.0),
    ("Bench Press (Barbell)", 50.0),
    ("Deadlift (Barbell)", 80.0),
    ("Overhead Press (Barbell)", 35.0),
    ("Bent Over Row (Barbell)", 45.0),
    ("Lat Pulldown (Cable)", 40.0),
    ("Seated Row (Cable)", 40.0),
    ("Leg Press", 100.0),
    ("Leg Extension (Machine)", 30.0),
    ("Seated Leg Curl (Machine)", 30.0),
    ("Bicep Curl (Dumbbell)", 10.0),
    ("Lateral Raise (Dumbbell)", 6.0),
    ("Triceps Pushdown", 20.0),
    ("Bulgarian Split Squat", 12.0),
    ("Hip Thrust (Barbell)", 60.0),
    ("Pec Deck (Machine)", 35.0),
    ("Preacher Curl (Machine)", 20.0),
    ("Chest Press (Machine)", 40.0),
)


def write_export(path: Path, total_sets: int, seed: int = 12) -> int:
    rng = random.Random(seed)
    day = datetime(2016, 3, 1, 17, 30)
    written = 0
    workouts = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        while written < total_sets:
            workouts += 1
            name = rng.choice(("Push", "Pull", "Legs", "Full Body"))
            minutes = rng.randint(40, 95)
            duration = f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"
            workout_note = "Felt strong.\nSlept well." if rng.random() < 0.05 else ""
            for exercise, start in rng.sample(EXERCISES, 5):
                load = round(start * (1 + workouts / 2000) / 2.5) * 2.5
                note = "Belt on the top set" if rng.random() < 0.1 else ""
                orders = (
                    ["W"] + [str(i) for i in range(1, rng.randint(3, 5) + 1)] + (["D"] if rng.random() < 0.1 else [])
                )
                for order in orders:
                    weight = load * (0.5 if order == "W" else 0.8 if order == "D" else 1.0)
                    reps = rng.choice((5, 6, 8, 8, 10, 12))
                    rpe = rng.choice(("", "", "8", "8.5", "9"))
                    writer.writerow(
                        [
                            day.strftime("%Y-%m-%d %H:%M:%S"),
                            name,
                            duration,
                            exercise,
                            order,
                            f"{weight:.1f}",
                            f"{reps:.1f}",
                            "0",
                            "0.0",
                            note,
                            workout_note,
                            rpe,
                        ]
                    )
                    written += 1
            day += timedelta(days=rng.choice((1, 2, 2, 3)), minutes=rng.randint(-60, 60))
    return workouts


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "strong.csv"
        workouts = write_export(export, total)
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        db.run(library.load_bundled_catalog)
        size = export.stat().st_size
        print(f"Strong export: {total:,} sets in {workouts:,} workouts, {size / 1e6:.1f} MB (generated, not timed)")
        start = time.perf_counter()
        report = db.run(import_log, "strong", export, unit=WeightUnit.KG, timezone="Europe/Berlin")
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = db.run(import_log, "strong", export, unit=WeightUnit.KG, timezone="Europe/Berlin")
        second = time.perf_counter() - start
        db.dispose()
    print(
        f"import:       {first:6.2f} s  ({report.added_sets / first:,.0f} sets/s; {report.added_workouts:,} workouts,"
        f" {len(report.matches)} names, {len(report.created)} custom exercises)"
    )
    print(
        f"import again: {second:6.2f} s  (added {again.added_sets} sets; {again.skipped_workouts:,} workouts skipped)"
    )
    print(f"aim: under 5 s for 100,000 sets -> {'met' if first < 5 or total != 100_000 else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
