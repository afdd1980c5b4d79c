"""Time the insight reports over a generated history of 1,000,000 sets in five years, all one person's: the weekly
volume of a week in the middle and of the last week, recovery at the history's end, symmetry of every exercise,
and the e1RM history of the busiest unilateral exercise. The aim is under 300 ms each, on SQLite and PostgreSQL.
Logging one set on top of the history (which keeps the strength points in step) is timed as well.

Run: `python bench/bench_insight.py [--sets 1000000] [--years 5] [--database URL] [--keep]`. Without
`--database` the history goes to a fresh SQLite file in a temporary folder. A `sqlite:///PATH` URL names a file
to create (an existing one is refused) and left behind. A `postgresql+psycopg://` URL names a server and a
database to connect to for administration (`.../postgres`): the benchmark makes its own database
`liftlore_bench` there and drops it afterwards, unless `--keep` (one left over is dropped first). Building the
history is timed apart and is not part of any report's figure. Each report runs REPEAT times, each in its own
unit of work; the median and the best are printed.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from liftlore.domain.training import SetEntry, Side
from liftlore.services import insight, library, training, training_settings
from liftlore.store import exercises
from liftlore.store import training as repo
from liftlore.store.db import Database
from liftlore.store.tables import StrengthPointRow
from timing import timed
from training_history import START, catalog_lifts, workouts

REPEAT = 5
AIM_SECONDS = 0.3
BENCH_DATABASE = "liftlore_bench"  # the only database this script ever creates or drops
LIFTS = 39  # a third of them unilateral
UNILATERAL = 13
RPE_SHARE = 0.5  # of the working sets, half carry RPE ...
EASY_SHARE = 0.2  # ... and a fifth of those are at RPE 5-5.5: not hard
WEAKER_BY = 0.08  # the weaker side's load, below the other's: near the default flag threshold of 10 %
T = TypeVar("T")


class History:
    """What was built: its size, when it ends, and the busiest unilateral exercise (most sets)."""

    def __init__(self, made: int, sets: int, last_start: datetime, last_end: datetime, busiest: str) -> None:
        self.workouts = made
        self.sets = sets
        self.last_start = last_start
        self.last_end = last_end
        self.busiest_unilateral = busiest


def build(db: Database, total: int, span: timedelta) -> History:
    """Fill the database with `total` sets over LIFTS catalog exercises with muscles (UNILATERAL of them
    unilateral, logged per side, one side WEAKER_BY lighter), spread evenly over `span`."""
    with db.session() as session:
        catalog = [e for e in exercises.public_exercises(session) if e.primary_muscles]
    rng = random.Random(7)
    one_sided = [e for e in catalog if e.laterality.value == "unilateral"]
    two_sided = [e for e in catalog if e.laterality.value != "unilateral"]
    chosen = rng.sample(one_sided, UNILATERAL) + rng.sample(two_sided, LIFTS - UNILATERAL)
    lifts = catalog_lifts([(e.slug, e.name, e.laterality.value == "unilateral") for e in chosen], rng)
    with db.session() as session:
        ids = repo.exercise_ids(session, [lift.slug for lift in lifts])
    rules = db.run(training_settings.training_settings).points
    made = sets = 0
    per_exercise: Counter[str] = Counter()
    stream = workouts(lifts, total, span=span, rpe_share=RPE_SHARE, easy_share=EASY_SHARE, weaker_by=WEAKER_BY)
    last = None
    while batch := list(itertools.islice(stream, 2000)):
        with db.session() as session:
            sets += repo.add_workouts(session, [repo.NewWorkout(w) for w in batch], ids, rules)
        made += len(batch)
        last = batch[-1]
        for workout in batch:
            per_exercise.update({entry.exercise_slug or "": len(entry.sets) for entry in workout.entries})
    assert last is not None and last.ended_at is not None, "no workouts made"
    unilateral = {lift.slug for lift in lifts if lift.unilateral}
    busiest = max(unilateral, key=lambda slug: per_exercise[slug])
    return History(made, sets, last.started_at, last.ended_at, busiest)


def report(label: str, runs: list[float], size: str, verdicts: list[bool]) -> None:
    median = statistics.median(runs)
    verdicts.append(median < AIM_SECONDS)
    mark = "ok" if median < AIM_SECONDS else "MISSED"
    print(
        f"{label}: median {median * 1000:.0f} ms, best {min(runs) * 1000:.0f} ms over {len(runs)} runs"
        f" [{mark}] ({size})"
    )


@contextmanager
def bench_database(url: str | None, folder: Path, keep: bool = False) -> Iterator[str]:
    """The URL to build the history in: a fresh SQLite file, or BENCH_DATABASE made on the given PostgreSQL
    server and dropped after."""
    if url is None:
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and Path(parsed.database).exists():
            raise SystemExit(f"--database: {parsed.database} exists; give a file to create")
        yield url
        return
    if parsed.get_backend_name() != "postgresql":
        raise SystemExit(f"--database: {parsed.get_backend_name()} is neither SQLite nor PostgreSQL")
    if parsed.database == BENCH_DATABASE:
        raise SystemExit(f"--database: name the server's admin database (postgres), not {BENCH_DATABASE}")
    drop = (
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{BENCH_DATABASE}' AND pid <> pg_backend_pid()",
        f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"',
    )
    _admin(url, *drop, f'CREATE DATABASE "{BENCH_DATABASE}"')
    try:
        yield parsed.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    finally:
        if not keep:
            _admin(url, *drop)


def _admin(url: str, *statements: str) -> None:
    """Statements outside a transaction (CREATE and DROP DATABASE) on the server's admin database."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def run(db: Database, total: int, years: int) -> bool:
    """Build, time every report, print the figures; True when each met the aim."""
    start = time.perf_counter()
    history = build(db, total, timedelta(days=365 * years))
    built = time.perf_counter() - start
    with db.session() as session:
        points = session.scalar(select(func.count()).select_from(StrengthPointRow)) or 0
    print(
        f"history: {history.sets:,} sets in {history.workouts:,} workouts, {points:,} strength points,"
        f" {(history.last_start.date() - START.date()).days:,} days from {START.date()} to {history.last_start.date()}"
        f" (built in {built:.0f} s, not timed)"
    )
    verdicts: list[bool] = []
    middle = insight.week_name((START + (history.last_start - START) / 2).date())
    last = insight.week_name(history.last_start.date())
    for label, week in (("weekly volume, a middle week", middle), ("weekly volume, the last week", last)):
        runs, volume = timed(REPEAT, lambda: db.run(insight.weekly_volume, week))  # noqa: B023 (called at once)
        worked = [m for m in volume.muscles if m.hard_sets]
        sources = sum(len(m.exercises) for m in volume.muscles)
        report(
            f"{label} ({volume.week})",
            runs,
            f"{len(worked)} muscles with hard sets, {sum(m.hard_sets for m in worked):.1f} credited sets,"
            f" {sources} exercise-side sources",
            verdicts,
        )
    runs, recovery = timed(REPEAT, lambda: db.run(insight.recovery, history.last_end))
    behind = sum(len(m.sets) for m in recovery.muscles)
    lowest = recovery.muscles[0]
    report(
        f"recovery at the history's end ({history.last_end:%Y-%m-%d %H:%M} UTC)",
        runs,
        f"{len(recovery.muscles)} muscles, {behind:,} fatigue sources in {recovery.window_days} days,"
        f" least recovered {lowest.slug} {lowest.recovery_pct} %",
        verdicts,
    )
    runs, symmetry = timed(REPEAT, lambda: db.run(insight.symmetry))
    sessions = sum(len(e.sessions) for e in symmetry.exercises)
    flagged = sum(e.flagged for e in symmetry.exercises)
    report(
        "symmetry, every exercise",
        runs,
        f"{len(symmetry.exercises)} exercises, their last {insight.SYMMETRY_SESSIONS} two-sided sessions each"
        f" ({sessions:,}), {flagged} flagged",
        verdicts,
    )
    slug = history.busiest_unilateral
    runs, e1rm = timed(REPEAT, lambda: db.run(training.e1rm_history, slug))
    report(
        f"e1RM history of {slug} (busiest unilateral)",
        runs,
        f"{len(e1rm.e1rm):,} e1RM points with their sets, from the strength points",
        verdicts,
    )
    # Not a report with an aim: every PR as it happened needs every set in order (the exercise's records page).
    runs, strength = timed(1, lambda: db.run(training.exercise_strength, slug))
    print(
        f"  for comparison, {slug} set by set (every PR as it happened): {runs[0] * 1000:.0f} ms"
        f" ({len(strength.history):,} PRs, {len(strength.e1rm):,} e1RM points)"
    )
    # One set per side logged after the history, as the phone would: it starts a workout, then joins it.
    pair = [SetEntry(reps=8, weight_kg=20.0, side=Side.LEFT), SetEntry(reps=8, weight_kg=20.0, side=Side.RIGHT)]
    at = history.last_end + timedelta(days=1)
    runs, _ = timed(REPEAT, lambda: db.run(training.log_sets, slug, pair, performed_at=at))
    report(f"log_sets, 2 sets of {slug} on top of the history", runs, "keeps the strength points", verdicts)
    print(f"aim: each report under {AIM_SECONDS * 1000:.0f} ms (median) -> {'met' if all(verdicts) else 'missed'}")
    return all(verdicts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sets", type=int, default=1_000_000, help="sets in the history (default 1,000,000)")
    parser.add_argument("--years", type=int, default=5, help="years the history spans (default 5)")
    parser.add_argument("--database", help="sqlite:///FILE to create, or a PostgreSQL server's admin URL")
    parser.add_argument("--keep", action="store_true", help=f"leave PostgreSQL's {BENCH_DATABASE} to look into")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, bench_database(options.database, Path(folder), options.keep) as url:
        db = Database(url)
        print(f"database: {db.shown_url()}")
        try:
            db.upgrade()
            db.run(library.load_bundled_catalog)
            met = run(db, options.sets, options.years)
        finally:
            db.dispose()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
