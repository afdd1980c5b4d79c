"""A generated training history for the benchmarks: years of workouts that progress like a real lifter's.

Deterministic (seeded), so runs compare. Loads climb slowly with stalls and deloads, reps wander in a range, each
workout starts with warm-ups, a third of the exercises are unilateral and logged per side, some sets carry RPE.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout


@dataclass(frozen=True)
class Lift:
    slug: str
    name: str
    start_kg: float
    unilateral: bool


def catalog_lifts(slugs_and_names: list[tuple[str, str, bool]], rng: random.Random) -> list[Lift]:
    return [
        Lift(slug, name, rng.choice([20.0, 40.0, 60.0, 80.0]), one_sided) for slug, name, one_sided in slugs_and_names
    ]


def workouts(lifts: list[Lift], total_sets: int, seed: int = 5) -> Iterator[Workout]:
    """Workouts until `total_sets` sets have been made: 5 exercises each, 1 warm-up and 4 working sets."""
    rng = random.Random(seed)
    made = 0
    day = datetime(2015, 1, 5, 7, 30, tzinfo=UTC)
    week = 0
    while made < total_sets:
        chosen = rng.sample(lifts, 5)
        entries = []
        for lift in chosen:
            # Fast gains that level off, seasons of better and worse form, and a deload every sixth week.
            progress = 1 + 0.8 * (1 - math.exp(-week / 200)) + 0.05 * math.sin(week / 9)
            progress -= 0.1 if week % 6 == 5 else 0
            working = round(lift.start_kg * progress / 2.5) * 2.5
            sides = (Side.LEFT, Side.RIGHT) if lift.unilateral else (Side.BOTH,)
            sets: list[SetEntry] = []
            for side in sides:
                sets.append(SetEntry(reps=8, weight_kg=round(working * 0.5, 1), set_type=SetType.WARM_UP, side=side))
                for _ in range(4 if not lift.unilateral else 2):
                    reps = rng.choice([5, 6, 6, 8, 8, 8, 10, 12])
                    top = rng.random() < 0.15
                    sets.append(
                        SetEntry(
                            reps=reps,
                            weight_kg=working + (2.5 if top else 0.0),
                            set_type=SetType.FAILURE if rng.random() < 0.05 else SetType.NORMAL,
                            side=side,
                            rpe=rng.choice([7.0, 8.0, 8.5, 9.0]) if rng.random() < 0.3 else None,
                        )
                    )
            entries.append(ExerciseEntry(exercise_name=lift.name, exercise_slug=lift.slug, sets=tuple(sets)))
            made += len(sets)
        yield Workout(started_at=day, ended_at=day + timedelta(minutes=70), name=f"Day {week}", entries=tuple(entries))
        day += timedelta(days=rng.choice([1, 2, 2, 3]))
        week = (day - datetime(2015, 1, 5, tzinfo=UTC)).days // 7
