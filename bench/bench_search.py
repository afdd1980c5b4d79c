"""Search at 10,000 exercises: build the search index over a generated library and time a few hundred queries.

The library is the bundled catalog plus generated exercises whose names share words the way a real library's do:
positions, grips and stances, equipment and base movements combined ("Incline Dumbbell Bench Press", "Single-Arm
Cable Row", "Paused Smith Machine Squat"), some with aliases ("DB ...", "... (Barbell)"). The queries are the
labelled ones of tests/data/search_queries.toml and generated ones: names with a typo, abbreviated, glued, cut to
two words, and muscle and equipment words. Everything runs in process: `search_index` once per library snapshot,
`rank` once per query (what `/api/v1/exercises?q=` does before paginating).

Run: `python bench/bench_search.py [--size 10000] [--queries 400]`.
Aims: p95 under 5 ms per query at 10,000 exercises, and the index rebuilt in under 1 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from liftlore.catalog.loader import read_catalog
from liftlore.domain.exercise import EquipmentUse, Exercise, Laterality, Loading
from liftlore.domain.names import normalise_name, slugify
from liftlore.domain.taxonomy import Taxonomy
from liftlore.services.search import SearchIndex, rank, search_index

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "search_queries.toml"


@dataclass(frozen=True)
class Movement:
    name: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    equipment: tuple[str, ...]  # the equipment it is done with; "" for none


_FREE = ("barbell", "dumbbell", "kettlebell")
MOVEMENTS = (
    Movement("Bench Press", ("chest",), ("triceps", "front-delts"), ("barbell", "dumbbell", "smith-machine", "")),
    Movement("Chest Press", ("chest",), ("triceps",), ("machine", "cable", "resistance-band", "dumbbell")),
    Movement("Fly", ("chest",), ("front-delts",), ("dumbbell", "cable", "machine", "resistance-band")),
    Movement("Shoulder Press", ("front-delts",), ("triceps",), (*_FREE, "machine", "smith-machine", "landmine")),
    Movement("Lateral Raise", ("side-delts",), (), ("dumbbell", "cable", "machine", "resistance-band", "weight-plate")),
    Movement("Front Raise", ("front-delts",), (), ("dumbbell", "cable", "weight-plate", "barbell")),
    Movement("Rear Delt Fly", ("rear-delts",), ("upper-back",), ("dumbbell", "cable", "machine", "resistance-band")),
    Movement("Row", ("upper-back", "lats"), ("biceps",), (*_FREE, "cable", "machine", "landmine", "rings")),
    Movement("Pulldown", ("lats",), ("biceps",), ("cable", "machine", "resistance-band")),
    Movement("Pull-Up", ("lats",), ("biceps",), ("pull-up-bar", "")),
    Movement("Chin-Up", ("lats", "biceps"), (), ("pull-up-bar", "")),
    Movement("Pullover", ("lats",), ("chest",), ("dumbbell", "cable", "machine")),
    Movement("Curl", ("biceps",), ("forearms",), (*_FREE, "cable", "ez-bar", "resistance-band", "machine")),
    Movement("Hammer Curl", ("biceps", "forearms"), (), ("dumbbell", "cable", "resistance-band")),
    Movement("Preacher Curl", ("biceps",), (), ("ez-bar", "dumbbell", "machine", "cable")),
    Movement("Triceps Extension", ("triceps",), (), ("dumbbell", "cable", "ez-bar", "machine", "resistance-band")),
    Movement("Triceps Pushdown", ("triceps",), (), ("cable", "resistance-band")),
    Movement("Skull Crusher", ("triceps",), (), ("ez-bar", "dumbbell", "barbell")),
    Movement("Dip", ("triceps", "chest"), (), ("", "machine", "rings")),
    Movement("Push-Up", ("chest", "triceps"), (), ("", "rings", "resistance-band")),
    Movement("Squat", ("quads", "glutes"), ("adductors",), (*_FREE, "smith-machine", "machine", "")),
    Movement("Front Squat", ("quads",), ("glutes",), ("barbell", "kettlebell", "dumbbell")),
    Movement("Split Squat", ("quads", "glutes"), (), ("dumbbell", "barbell", "smith-machine", "")),
    Movement("Lunge", ("quads", "glutes"), (), (*_FREE, "")),
    Movement("Step-Up", ("quads", "glutes"), (), ("dumbbell", "barbell", "")),
    Movement("Leg Press", ("quads", "glutes"), (), ("machine",)),
    Movement("Hack Squat", ("quads",), ("glutes",), ("machine", "barbell")),
    Movement("Leg Extension", ("quads",), (), ("machine", "resistance-band")),
    Movement("Deadlift", ("glutes", "hamstrings"), ("lower-back",), (*_FREE, "trap-bar")),
    Movement("Romanian Deadlift", ("hamstrings", "glutes"), (), (*_FREE, "cable")),
    Movement("Stiff-Leg Deadlift", ("hamstrings",), ("lower-back",), ("barbell", "dumbbell")),
    Movement("Good Morning", ("hamstrings", "lower-back"), (), ("barbell", "resistance-band", "")),
    Movement("Hip Thrust", ("glutes",), ("hamstrings",), ("barbell", "dumbbell", "smith-machine", "machine", "")),
    Movement("Glute Bridge", ("glutes",), (), ("barbell", "dumbbell", "resistance-band", "")),
    Movement("Kickback", ("glutes",), (), ("cable", "machine", "resistance-band", "")),
    Movement("Leg Curl", ("hamstrings",), (), ("machine", "stability-ball", "resistance-band")),
    Movement("Hip Abduction", ("abductors",), (), ("cable", "machine", "resistance-band", "")),
    Movement("Hip Adduction", ("adductors",), (), ("cable", "machine", "")),
    Movement("Calf Raise", ("calves",), (), (*_FREE, "machine", "smith-machine", "")),
    Movement("Shrug", ("traps",), (), (*_FREE, "trap-bar", "cable", "smith-machine")),
    Movement("Upright Row", ("side-delts", "traps"), (), ("barbell", "dumbbell", "cable", "ez-bar")),
    Movement("Face Pull", ("rear-delts", "upper-back"), (), ("cable", "resistance-band")),
    Movement("Crunch", ("abs",), (), ("", "cable", "machine", "stability-ball")),
    Movement("Leg Raise", ("abs", "hip-flexors"), (), ("", "pull-up-bar")),
    Movement("Russian Twist", ("obliques",), (), ("", "medicine-ball", "kettlebell")),
    Movement("Woodchop", ("obliques",), (), ("cable", "medicine-ball", "resistance-band")),
    Movement("Pallof Press", ("obliques", "abs"), (), ("cable", "resistance-band")),
    Movement("Rollout", ("abs",), (), ("stability-ball", "rings", "barbell")),
    Movement("Plank", ("abs",), ("obliques",), ("", "stability-ball")),
    Movement("Swing", ("glutes", "hamstrings"), (), ("kettlebell", "dumbbell")),
    Movement("Clean", ("glutes", "quads"), ("traps",), ("barbell", "kettlebell", "dumbbell")),
    Movement("Snatch", ("glutes", "quads"), ("front-delts",), ("barbell", "kettlebell", "dumbbell")),
    Movement("Carry", ("forearms", "traps"), ("obliques",), (*_FREE, "trap-bar")),
    Movement("Wrist Curl", ("forearms",), (), ("dumbbell", "barbell", "cable")),
    Movement("Back Extension", ("lower-back",), ("glutes",), ("", "machine", "stability-ball")),
    Movement("Slam", ("abs", "lats"), (), ("medicine-ball",)),
)
EQUIPMENT_WORDS = {
    "barbell": "Barbell",
    "dumbbell": "Dumbbell",
    "kettlebell": "Kettlebell",
    "cable": "Cable",
    "machine": "Machine",
    "smith-machine": "Smith Machine",
    "resistance-band": "Band",
    "ez-bar": "EZ-Bar",
    "trap-bar": "Trap Bar",
    "landmine": "Landmine",
    "medicine-ball": "Medicine Ball",
    "stability-ball": "Stability Ball",
    "weight-plate": "Plate",
    "rings": "Ring",
    "pull-up-bar": "",
    "": "",
}
SHORT = {"barbell": "BB", "dumbbell": "DB", "kettlebell": "KB"}
POSITIONS = (
    "Seated", "Standing", "Incline", "Decline", "Lying", "Kneeling", "Half-Kneeling", "Prone", "Supine",
    "Bent-Over", "Chest-Supported", "Elevated", "Deficit", "Floor", "Low", "High", "Overhead",
)  # fmt: skip
GRIPS = (
    "Close-Grip", "Wide-Grip", "Neutral-Grip", "Reverse-Grip", "Underhand", "Overhand", "Mixed-Grip",
    "Sumo", "Narrow-Stance", "Wide-Stance", "Staggered-Stance", "Split-Stance", "Single-Arm", "Single-Leg",
    "One-Arm", "Alternating", "Bilateral",
)  # fmt: skip
STYLES = ("Paused", "Tempo", "Banded", "Weighted", "Isometric", "Explosive", "Partial", "Reverse", "Eccentric")
SUFFIXES = ("with Pause", "with Chains", "with Bands", "Hold", "to Press", "on Bench", "(Tempo)", "Drop Set")


def _exercise(taxonomy: Taxonomy, name: str, aliases: tuple[str, ...], movement: Movement, tool: str) -> Exercise:
    uses = (EquipmentUse(equipment=taxonomy.equipment[tool]),) if tool else ()
    return Exercise(
        slug=slugify(name),
        name=name,
        summary=(f"{name}, generated for the search benchmark.",),
        steps=(),
        laterality=Laterality.UNILATERAL if "Single" in name or "One" in name else Laterality.BILATERAL,
        mechanic=None,
        movement_pattern=None,
        loading=(Loading.LOADED,) if uses else (Loading.BODYWEIGHT,),
        primary_muscles=tuple(taxonomy.muscles[slug] for slug in movement.primary),
        secondary_muscles=tuple(taxonomy.muscles[slug] for slug in movement.secondary),
        equipment=uses,
        aliases=aliases,
    )


def generated_library(size: int, seed: int = 14) -> tuple[list[Exercise], frozenset[str], Taxonomy]:
    """The bundled catalog plus generated exercises up to `size`, all with different names."""
    catalog = read_catalog()
    taxonomy = catalog.taxonomy
    exercises = list(catalog.exercises.values())
    taken = {normalise_name(e.name) for e in exercises} | set(catalog.exercises)
    chance = random.Random(seed)
    while len(exercises) < size:
        movement = chance.choice(MOVEMENTS)
        tool = chance.choice(movement.equipment)
        words = [
            chance.choice(POSITIONS) if chance.random() < 0.45 else "",
            chance.choice(GRIPS) if chance.random() < 0.4 else "",
            chance.choice(STYLES) if chance.random() < 0.2 else "",
            EQUIPMENT_WORDS[tool],
            movement.name,
            chance.choice(SUFFIXES) if chance.random() < 0.15 else "",
        ]
        name = " ".join(word for word in words if word)
        key, slug = normalise_name(name), slugify(name)
        if key in taken or slug in taken:
            continue
        taken.update({key, slug})
        aliases: tuple[str, ...] = ()
        if tool in SHORT and chance.random() < 0.3:
            aliases = (name.replace(EQUIPMENT_WORDS[tool], SHORT[tool]),)
        elif tool and chance.random() < 0.15:
            bare = " ".join(word for word in words if word and word != EQUIPMENT_WORDS[tool])
            aliases = (f"{bare} ({EQUIPMENT_WORDS[tool] or tool})",)
        exercises.append(_exercise(taxonomy, name, aliases, movement, tool))
    return exercises, frozenset(catalog.exercises), taxonomy


def _typo(word: str, chance: random.Random) -> str:
    at = chance.randrange(1, len(word) - 1)
    kind = chance.choice(("swap", "drop", "double", "wrong"))
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + chance.choice("aeiourstn") + word[at + 1 :]


def generated_queries(exercises: list[Exercise], count: int, seed: int = 41) -> list[str]:
    """Queries as people type them, made from the library's names."""
    chance = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        words = chance.choice(exercises).name.lower().replace("-", " ").split()
        kind = chance.choice(("typo", "typo", "abbreviated", "glued", "two words", "exact", "muscle or tool"))
        if kind == "typo":
            long = [i for i, word in enumerate(words) if len(word) >= 5]
            if not long:
                continue
            at = chance.choice(long)
            words[at] = _typo(words[at], chance)
        elif kind == "abbreviated":
            short = {"dumbbell": "db", "barbell": "bb", "kettlebell": "kb", "single": "sl", "romanian": "rdl"}
            if not any(word in short for word in words):
                continue
            words = [short.get(word, word) for word in words if word != "deadlift" or "romanian" not in words]
        elif kind == "glued" and len(words) >= 2:
            at = chance.randrange(len(words) - 1)
            words[at : at + 2] = [words[at] + words[at + 1]]
        elif kind == "two words" and len(words) >= 3:
            at = chance.randrange(len(words) - 1)
            words = words[at : at + 2]
        elif kind == "muscle or tool":
            words = [chance.choice(("glutes", "butt", "pecs", "lats", "abs", "quads", "hammies", "kettlebell",
                                    "squat machine", "ez bar curl", "cable", "trap bar", "smith machine"))]  # fmt: skip
        queries.append(" ".join(words))
    return queries


def labelled_queries() -> list[str]:
    groups = tomllib.loads(LABELLED.read_text(encoding="utf-8"))
    return [entry["q"] for entries in groups.values() for entry in entries]


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def time_build(exercises: list[Exercise], curated: frozenset[str], taxonomy: Taxonomy, runs: int) -> SearchIndex:
    timings: list[float] = []
    index = None
    for _ in range(runs):
        started = time.perf_counter()
        index = search_index(exercises, curated, taxonomy)
        timings.append(time.perf_counter() - started)
    assert index is not None
    # As the library snapshot does (services/snapshot.py): the index lives until the library changes, so it is
    # kept out of later garbage collections, whose full passes over it would stall queries.
    gc.collect()
    gc.freeze()
    vocabulary = len(index.vocabulary.known)
    print(f"index: {len(exercises)} exercises, {vocabulary} vocabulary words ({_load()})")
    print(f"  build: median {_ms(statistics.median(timings)):.0f} ms, best {_ms(min(timings)):.0f} ms ({runs} runs)")
    return index


def time_queries(index: SearchIndex, queries: list[str], label: str) -> None:
    for query in queries:  # once untimed: the first query of a word fills caches a server keeps warm
        rank(query, index)
    timings: list[tuple[float, str, int]] = []
    for query in queries:
        started = time.perf_counter()
        found = rank(query, index)
        timings.append((time.perf_counter() - started, query, len(found)))
    seconds = sorted(timing for timing, _, _ in timings)
    p50 = seconds[len(seconds) // 2]
    p95 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
    empty = sum(1 for _, _, hits in timings if hits == 0)
    print(
        f"{label}: {len(queries)} queries, p50 {_ms(p50):.2f} ms, p95 {_ms(p95):.2f} ms, max {_ms(seconds[-1]):.2f} ms"
        f" ({empty} found nothing; {_load()})"
    )
    for timing, query, hits in sorted(timings, reverse=True)[:5]:
        print(f"    slowest: {_ms(timing):6.2f} ms  {query!r} ({hits} results)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="exercises in the library")
    parser.add_argument("--queries", type=int, default=400, help="generated queries, beside the labelled ones")
    parser.add_argument("--builds", type=int, default=5, help="index builds to time")
    args = parser.parse_args()
    exercises, curated, taxonomy = generated_library(args.size)
    index = time_build(exercises, curated, taxonomy, args.builds)
    time_queries(index, labelled_queries(), "labelled queries")
    time_queries(index, generated_queries(exercises, args.queries), "generated queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
