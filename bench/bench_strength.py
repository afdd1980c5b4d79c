"""Time the strength overview (every exercise's e1RM history and records) over a generated history of 1,000,000
sets in SQLite, and one exercise's full PR history for comparison.

Run: `python bench/bench_strength.py [SETS]` (prints the figures). Building the database takes about a minute
(it keeps the strength points as it goes, as every write does) and is timed apart; then the overview, one
exercise set by set, and recomputing every point after a change of e1RM method are timed. The database is thrown
away afterwards.
"""

from __future__ import annotations

import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TypeVar

from liftlore.services import library, training, training_settings
from liftlore.store import exercises
from liftlore.store import training as repo
from liftlore.store.db import Database
from timing import timed
from training_history import catalog_lifts, workouts

REPEAT = 3
T = TypeVar("T")


def build(db: Database, total: int) -> tuple[int, int]:
    """Fill the database with `total` sets over 40 catalog exercises (a third of them unilateral, logged per
    side); returns (workouts, sets)."""
    with db.session() as session:
        catalog = exercises.public_exercises(session)
    rng = random.Random(7)
    chosen = rng.sample(catalog, 40)
    lifts = catalog_lifts([(e.slug, e.name, e.laterality.value == "unilateral") for e in chosen], rng)
    with db.session() as session:
        ids = repo.exercise_ids(session, [lift.slug for lift in lifts])
    rules = db.run(training_settings.training_settings).points
    made = sets = 0
    stream = workouts(lifts, total)
    while batch := list(itertools.islice(stream, 2000)):
        with db.session() as session:
            sets += repo.add_workouts(session, [repo.NewWorkout(w) for w in batch], ids, rules)
        made += len(batch)
    return made, sets


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.upgrade()
        db.run(library.load_bundled_catalog)
        start = time.perf_counter()
        made, sets = build(db, total)
        print(f"history: {sets:,} sets in {made:,} workouts (built in {time.perf_counter() - start:.0f} s, not timed)")
        runs, overview = timed(REPEAT, lambda: db.run(training.strength_overview))
        points = sum(len(s.e1rm) for s in overview)
        print(
            f"strength overview: median {statistics.median(runs):.2f} s, best {min(runs):.2f} s over {REPEAT} runs"
            f" ({len(overview)} exercises, {points:,} e1RM points, {sum(len(s.bests) for s in overview)} records)"
        )
        busiest = max(overview, key=lambda s: len(s.e1rm))
        single, detail = timed(1, lambda: db.run(training.exercise_strength, busiest.slug))
        print(
            f"one exercise, every set in order ({busiest.name}): {single[0]:.2f} s"
            f" ({len(detail.history):,} PRs as they happened, {len(detail.e1rm):,} e1RM points)"
        )
        # The points are kept on every write; a changed e1RM method recomputes them all, once.
        start = time.perf_counter()
        db.run(training_settings.change_setting, "e1rm-formula", "brzycki")
        print(f"after a change of e1RM formula, recomputing every strength point: {time.perf_counter() - start:.2f} s")
        verdict = "met" if min(runs) < 1 else "missed"
        print(f"aim: under 1 s for 1,000,000 sets -> {verdict if total == 1_000_000 else 'not this size'}")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
