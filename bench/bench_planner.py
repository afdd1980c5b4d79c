"""Time today's plan (services.planner.make_plan) over a generated history of 1,000,000 sets in five years, all one
person's: cold (a new Database, so the library snapshot and the planner's choices are built again) and warm (the
same Database, as a running server has it), several seeds, with the median and the 95th percentile of RUNS runs
each. The aim is under 200 ms. A breakdown shows where a warm plan's time goes: the person's state read from the
strength points (services.planner.state), the generator, and the rest (settings, snapshot, the JSON shape).

Run: `python bench/bench_planner.py [--sets 1000000] [--years 5] [--runs 20] [--database sqlite:///FILE]
[--profile]`. The history is built as bench/bench_insight.py builds it (its build(), the same generated lifter),
in a fresh SQLite file in a temporary folder unless `--database` names a file to create and leave behind.
Building is timed apart and is not part of any figure. `--profile` adds cProfile's view of warm plans.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from bench_insight import bench_database, build
from liftlore.domain.planning import Plan, Profile
from liftlore.planner import generator
from liftlore.services import library
from liftlore.services import planner as plans
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import training_settings
from liftlore.shapes.planning import PlanOut
from liftlore.store import strength_points
from liftlore.store.db import Database
from timing import timed

RUNS = 20
SEEDS = (0, 1, 2, 3, 4)
AIM_MS = 200.0
PROFILE = Profile("gym")  # everything the library knows, hypertrophy, 60 minutes: the widest choice


def ms(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    values = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    return statistics.median(values), p95


def line(label: str, seconds: list[float], extra: str = "") -> float:
    median, p95 = ms(seconds)
    print(f"  {label:<34} median {median:7.1f} ms   p95 {p95:7.1f} ms   ({len(seconds)} runs){extra}")
    return median


def plan_once(db: Database, seed: int, now: datetime) -> PlanOut:
    return db.run(plans.make_plan, PROFILE, seed=seed, now=now)


def cold(url: str, now: datetime, runs: int) -> tuple[list[float], PlanOut]:
    """Each run on a new Database: a new engine, so the snapshot cache and the memoised choices start empty."""
    times: list[float] = []
    plan: PlanOut | None = None
    for run in range(runs):
        db = Database(url)
        try:
            start = time.perf_counter()
            plan = plan_once(db, SEEDS[run % len(SEEDS)], now)
            times.append(time.perf_counter() - start)
        finally:
            db.dispose()
    assert plan is not None
    return times, plan


def warm(db: Database, now: datetime, runs: int) -> tuple[list[float], PlanOut]:
    plan_once(db, SEEDS[0], now)  # the snapshot and the choices are built once, as a server's first request does
    seeds = iter(range(runs))
    return timed(runs, lambda: plan_once(db, SEEDS[next(seeds) % len(SEEDS)], now))


def parts(db: Database, now: datetime, runs: int) -> dict[str, list[float]]:
    """make_plan's steps timed one by one, warm, in one unit of work each (the same calls, in the same order)."""
    found: dict[str, list[float]] = {"settings, points, snapshot": [], "state": [], "generator": [], "shape": []}

    def one(session: Session, seed: int) -> Plan:
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            found[name].append(time.perf_counter() - clock)
            clock = time.perf_counter()

        settings = training_settings(session)
        strength_points.ensure(session, settings.points)
        snap = library_view(session)
        choices = plans.choices(snap)
        lap("settings, points, snapshot")
        state = plans.state(session, settings, PROFILE, now)
        lap("state")
        plan = generator.generate(
            choices,
            PROFILE,
            state,
            plans.rules(settings),
            plans.loads(settings),
            seed=seed,
            deload=plans.deload_week(session, settings, now),
        )
        lap("generator")
        plans.plan_out(plan, snap, PROFILE.name)
        lap("shape")
        return plan

    for run in range(runs):
        db.run(one, SEEDS[run % len(SEEDS)])
    return found


def profiled(db: Database, now: datetime, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for run in range(runs):
        plan_once(db, SEEDS[run % len(SEEDS)], now)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def describe(plan: PlanOut) -> str:
    loaded = sum(e.load_kg is not None for e in plan.exercises)
    return (
        f"{len(plan.exercises)} exercises ({loaded} with a load from the history), {len(plan.warm_up)} warm-up and"
        f" {len(plan.cool_down)} cool-down drills, {plan.estimated_minutes} of {plan.minutes} minutes"
    )


def run(db: Database, url: str, total: int, years: int, runs: int, profile: bool) -> bool:
    start = time.perf_counter()
    history = build(db, total, timedelta(days=365 * years))
    print(
        f"history: {history.sets:,} sets in {history.workouts:,} workouts to {history.last_end:%Y-%m-%d}"
        f" (built in {time.perf_counter() - start:.0f} s, not timed)"
    )
    medians = []
    for when, now in (
        ("the next morning", history.last_end + timedelta(hours=10)),
        # The generated lifter trains every muscle several times a day, so the next morning little is recovered
        # and the generator has few exercises to weigh; after a week off nearly everything is, as for most people.
        ("after a week off", history.last_end + timedelta(days=7)),
    ):
        print(f"make_plan({PROFILE.name!r}, seeds {', '.join(map(str, SEEDS))}), {when} ({now:%Y-%m-%d %H:%M} UTC):")
        cold_runs, plan = cold(url, now, runs)
        line("cold (new Database each run)", cold_runs)
        warm_runs, plan = warm(db, now, runs)
        medians.append(line("warm", warm_runs))
        print(f"  plan: {describe(plan)}")
        print("  warm, step by step:")
        for name, seconds in parts(db, now, runs).items():
            line(f"  {name}", seconds)
        if profile:
            print(profiled(db, now, runs))
    met = max(medians) < AIM_MS
    print(f"aim: a warm plan under {AIM_MS:.0f} ms (median) -> {'met' if met else 'missed'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sets", type=int, default=1_000_000, help="sets in the history (default 1,000,000)")
    parser.add_argument("--years", type=int, default=5, help="years the history spans (default 5)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs, cold and warm (default {RUNS})")
    parser.add_argument("--database", help="sqlite:///FILE to create and keep (default: a temporary file)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's view of the warm runs")
    options = parser.parse_args()
    if options.database and not options.database.startswith("sqlite"):
        raise SystemExit("--database: this benchmark builds a SQLite file")
    with tempfile.TemporaryDirectory() as folder, bench_database(options.database, Path(folder)) as url:
        db = Database(url)
        print(f"database: {db.shown_url()}")
        try:
            db.upgrade()
            db.run(library.load_bundled_catalog)
            met = run(db, url, options.sets, options.years, options.runs, options.profile)
        finally:
            db.dispose()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
