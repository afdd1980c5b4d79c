"""A generated training history for the benchmarks: years of workouts that progress like a real lifter's.

Deterministic (seeded), so runs compare. Loads climb slowly with stalls and deloads, reps wander in a range, each
workout starts with warm-ups, the unilateral exercises are logged per side, some sets carry RPE.

By default a workout comes every 1-3 days, so a million sets span two centuries. The insight benchmark needs a
million sets in five years, so `span` spreads the workouts evenly over it instead (several a day), and it asks for
the effort and the sides to vary: `easy_share` of the sets with RPE are below the hard-set cut-off, and
`weaker_by` makes one side of each unilateral exercise that much lighter. Left at their defaults, these give the
very same stream as before, so the strength benchmark's figures still compare with earlier runs.
"""

from __future__ import annotations

import math
import random
import zlib
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


START = datetime(2015, 1, 5, 7, 30, tzinfo=UTC)  # a Monday
EXERCISES_PER_WORKOUT = 5
WORKING_SETS = 4  # per bilateral exercise; a unilateral one has half as many per side
SESSION = timedelta(minutes=70)


def sets_per_workout(lifts: list[Lift]) -> float:
    """The mean number of sets a workout gets (warm-ups included): the exercises are drawn without replacement,
    so it is the mean over the lifts times the exercises per workout."""
    per_lift = [2 * (1 + WORKING_SETS // 2) if lift.unilateral else 1 + WORKING_SETS for lift in lifts]
    return EXERCISES_PER_WORKOUT * sum(per_lift) / len(per_lift)


def weaker_side(lift: Lift) -> Side:
    """The side that lags, fixed per exercise (by its slug, so it draws nothing from the stream)."""
    return Side.LEFT if zlib.crc32(lift.slug.encode()) % 2 else Side.RIGHT


def workouts(
    lifts: list[Lift],
    total_sets: int,
    seed: int = 5,
    *,
    span: timedelta | None = None,
    rpe_share: float = 0.3,
    easy_share: float = 0.0,
    weaker_by: float = 0.0,
) -> Iterator[Workout]:
    """Workouts until `total_sets` sets have been made: 5 exercises each, with 1 warm-up per side and 4 working
    sets (2 per side for a unilateral exercise).

    `span`: the workouts are spread evenly over it from START (it ends within a workout or so of START + span),
    instead of one every 1-3 days. `rpe_share` of the working sets carry RPE; `easy_share` of those are at RPE 5
    or 5.5, which is not hard by the default cut-off. `weaker_by`: the weaker side's load is that fraction below
    the other's."""
    rng = random.Random(seed)
    made = 0
    day = START
    week = 0
    gap = None if span is None else span / math.ceil(total_sets / sets_per_workout(lifts))
    length = SESSION if gap is None else min(SESSION, gap)
    count = 0
    while made < total_sets:
        chosen = rng.sample(lifts, EXERCISES_PER_WORKOUT)
        entries = []
        for lift in chosen:
            # Fast gains that level off, seasons of better and worse form, and a deload every sixth week.
            progress = 1 + 0.8 * (1 - math.exp(-week / 200)) + 0.05 * math.sin(week / 9)
            progress -= 0.1 if week % 6 == 5 else 0
            working = round(lift.start_kg * progress / 2.5) * 2.5
            sides = (Side.LEFT, Side.RIGHT) if lift.unilateral else (Side.BOTH,)
            sets: list[SetEntry] = []
            for side in sides:
                load = working
                if weaker_by and lift.unilateral and side is weaker_side(lift):
                    load = round(working * (1 - weaker_by) / 1.25) * 1.25
                sets.append(SetEntry(reps=8, weight_kg=round(load * 0.5, 1), set_type=SetType.WARM_UP, side=side))
                for _ in range(WORKING_SETS if not lift.unilateral else WORKING_SETS // 2):
                    reps = rng.choice([5, 6, 6, 8, 8, 8, 10, 12])
                    top = rng.random() < 0.15
                    sets.append(
                        SetEntry(
                            reps=reps,
                            weight_kg=load + (2.5 if top else 0.0),
                            set_type=SetType.FAILURE if rng.random() < 0.05 else SetType.NORMAL,
                            side=side,
                            rpe=_effort(rng, easy_share) if rng.random() < rpe_share else None,
                        )
                    )
            entries.append(ExerciseEntry(exercise_name=lift.name, exercise_slug=lift.slug, sets=tuple(sets)))
            made += len(sets)
        yield Workout(started_at=day, ended_at=day + length, name=f"Day {week}", entries=tuple(entries))
        count += 1
        day = START + count * gap if gap is not None else day + timedelta(days=rng.choice([1, 2, 2, 3]))
        week = (day - datetime(2015, 1, 5, tzinfo=UTC)).days // 7


def _effort(rng: random.Random, easy_share: float) -> float:
    # No draw for the easy share unless asked for one, so the default stream stays as it was.
    if easy_share and rng.random() < easy_share:
        return rng.choice([5.0, 5.5])
    return rng.choice([7.0, 8.0, 8.5, 9.0])
