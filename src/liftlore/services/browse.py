"""Browsing the library: the query behind the library page and /api/v1/exercises, with facets; one exercise with
its variations and alternatives; the exercises of a muscle group or a piece of equipment.

Each HTML page and its JSON twin call the same function here. They read the library as one viewer sees it
(`snapshot.library_view`), never the database: the snapshot is the whole library in memory, so a request of the
library's pages opens no transaction unless its snapshot is due a recheck (web/deps.py).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from liftlore.domain.exercise import MOVEMENT_PATTERNS, Drill, EquipmentType, Exercise, Laterality, Level, Mechanic
from liftlore.domain.exercise import MuscleGroup as Muscle
from liftlore.errors import LiftloreError, NotFoundError, UnknownValueError
from liftlore.services import search
from liftlore.services.library import closest_names
from liftlore.services.snapshot import (
    BODYWEIGHT,
    Facts,
    FilterIndex,
    Snapshot,
    bit_digits,
    bits_of,
    positions_of,
)

MAX_PER_PAGE = 100
LATERALITIES = [v.value for v in Laterality]
MECHANICS = [v.value for v in Mechanic]
LEVELS = [v.value for v in Level]
FACETS = ("muscle", "equipment", "laterality", "mechanic", "level", "pattern")


@dataclass(frozen=True)
class ExerciseQuery:
    q: str = ""
    muscle: tuple[str, ...] = ()  # any of these, as a primary muscle (or any role with muscle_role="any")
    muscle_role: str = "primary"
    equipment: tuple[str, ...] = ()  # exercises using these (required or optional); "bodyweight": none required
    equipment_match: str = "any"  # any or all of the equipment values
    have: tuple[str, ...] = ()  # only exercises whose required equipment is all among these
    laterality: str | None = None
    mechanic: str | None = None
    level: str | None = None
    pattern: str | None = None
    from_log: bool = False  # include the viewer's "from your log" exercises (hidden from the library otherwise)
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Results:
    query: ExerciseQuery
    items: list[Exercise]
    total: int
    pages: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    # The items' JSON (shapes.library.ExerciseItem), ready in the snapshot: the API sends a page as their join.
    items_json: list[bytes] = field(default_factory=list)


def _check(field: str, values: Iterable[str | None], allowed: Sequence[str]) -> None:
    for value in values:
        if value is not None and value not in allowed:
            raise UnknownValueError(field, value, list(allowed))


def _known_values(snap: Snapshot) -> tuple[frozenset[str], list[str], list[str]]:
    """The equipment a filter accepts (bodyweight too), and the muscle groups and equipment as an unknown value's
    error lists them, sorted: once per snapshot, since sorting them on every request cost more than filtering."""

    def listed() -> tuple[frozenset[str], list[str], list[str]]:
        equipment = sorted({*snap.taxonomy.equipment, BODYWEIGHT})
        return frozenset(equipment), sorted(snap.taxonomy.muscles), equipment

    return snap.remember("known filter values", listed)


def validate_filters(query: ExerciseQuery, snap: Snapshot) -> None:
    equipment, muscles, equipment_listed = _known_values(snap)
    if not snap.taxonomy.muscles.keys() >= set(query.muscle):
        _check("muscle", query.muscle, muscles)
    if not equipment >= {*query.equipment, *query.have}:
        _check("equipment", query.equipment, equipment_listed)
        _check("have", query.have, equipment_listed)
    _check("laterality", [query.laterality], LATERALITIES)
    _check("mechanic", [query.mechanic], MECHANICS)
    _check("level", [query.level], LEVELS)
    _check("pattern", [query.pattern], MOVEMENT_PATTERNS)
    _check("muscle_role", [query.muscle_role], ["primary", "any"])
    _check("equipment_match", [query.equipment_match], ["any", "all"])


def _validate_page(query: ExerciseQuery) -> None:
    if query.page < 1:
        raise LiftloreError("page starts at 1", field="page")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise LiftloreError(f"per_page is 1 to {MAX_PER_PAGE}", field="per_page")


def _union(sets: Iterable[int]) -> int:
    found = 0
    for bits in sets:
        found |= bits
    return found


def _intersection(sets: Iterable[int], within: int) -> int:
    for bits in sets:
        within &= bits
    return within


def _filters(index: FilterIndex, query: ExerciseQuery) -> dict[str, int]:
    """The exercises each filter the query sets keeps, by filter (a facet's name, or "have"); see FilterIndex."""
    found: dict[str, int] = {}
    if query.muscle:
        muscles = index.primary if query.muscle_role == "primary" else index.muscles
        found["muscle"] = _union(muscles.get(slug, 0) for slug in query.muscle)
    if query.equipment:
        hits = [index.nothing_required if slug == BODYWEIGHT else index.uses.get(slug, 0) for slug in query.equipment]
        found["equipment"] = _intersection(hits, index.everything) if query.equipment_match == "all" else _union(hits)
    if query.have:
        # Required equipment all at hand: nothing required that is not at hand.
        missing = _union(bits for slug, bits in index.required.items() if slug not in query.have)
        found["have"] = index.everything & ~missing
    for facet, value in (
        ("laterality", query.laterality),
        ("mechanic", query.mechanic),
        ("level", query.level),
        ("pattern", query.pattern),
    ):
        if value is not None:
            found[facet] = _facet_sets(index, facet).get(value, 0)
    if index.from_log and not query.from_log:
        found["library"] = index.everything & ~index.from_log
    return found


def _facet_sets(index: FilterIndex, facet: str) -> Mapping[str, int]:
    """A facet's values and the exercises having each, as the facet counts them (muscle: primary muscles;
    equipment: listed, required or optional, and "bodyweight" for none listed)."""
    if facet == "muscle":
        return index.primary
    if facet == "equipment":
        return index.listed
    found: dict[str, int] = {
        "laterality": index.laterality,
        "mechanic": index.mechanic,
        "level": index.level,
        "pattern": index.pattern,
    }[facet]
    return found


def _facet_label(snap: Snapshot, facet: str) -> Callable[[str], str]:
    if facet == "muscle":
        return lambda slug: snap.taxonomy.muscles[slug].name if slug in snap.taxonomy.muscles else slug
    if facet == "equipment":
        return lambda slug: snap.taxonomy.equipment[slug].name if slug in snap.taxonomy.equipment else "Bodyweight"
    return lambda value: value.capitalize()


def _selected(query: ExerciseQuery, facet: str) -> set[str]:
    value = getattr(query, facet)
    if isinstance(value, tuple):
        return set(value)
    return {value} if value else set()


@dataclass(frozen=True)
class _Found:
    filters: dict[str, int]  # the query's filters (see `_filters`)
    ranked: list[int] | None  # with text, the positions of what it matched, best first, before the filters
    matching: Iterator[int]  # positions of the answer, best first with text, else in name order
    total: int
    scores: dict[str, float]


def _find_matching(snap: Snapshot, query: ExerciseQuery) -> _Found:
    validate_filters(query, snap)
    index = snap.index
    filters = _filters(index, query)
    kept = _intersection(filters.values(), index.everything)
    if query.q.strip():
        scores = dict(search.rank(query.q, snap.search))  # best first, as dicts keep their order
        ranked = [index.position[slug] for slug in scores]
        if filters:
            digits = bit_digits(kept, len(index.slugs))
            matching = [at for at in ranked if digits[at] == "1"]
        else:
            matching = ranked
        return _Found(filters, ranked, iter(matching), len(matching), scores)
    return _Found(filters, None, positions_of(bit_digits(kept, len(index.slugs))), kept.bit_count(), {})


def _facets(snap: Snapshot, query: ExerciseQuery, found: _Found) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the candidates (what the text matched, or everything) that match every
    other filter, most common first."""
    index = snap.index
    candidates = index.everything if found.ranked is None else bits_of(found.ranked, len(index.slugs))
    counted: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        among = _intersection((bits for name, bits in found.filters.items() if name != facet), candidates)
        label = _facet_label(snap, facet)
        chosen = _selected(query, facet)
        values = [
            FacetValue(value, label(value), count, value in chosen)
            for value, bits in _facet_sets(index, facet).items()
            if value and (count := (among & bits).bit_count())
        ]
        counted[facet] = sorted(values, key=lambda item: (-item.count, item.label))
    return counted


def search_exercises(snap: Snapshot, query: ExerciseQuery, *, facets: bool = False) -> Results:
    _validate_page(query)
    found = _find_matching(snap, query)
    start = (query.page - 1) * query.per_page
    items: list[Exercise] = []
    items_json: list[bytes] = []
    for at in itertools.islice(found.matching, start, start + query.per_page):
        slug = snap.index.slugs[at]
        items.append(snap.exercises[slug])
        items_json.append(snap.item_json(slug))
    return Results(
        query=query,
        items=items,
        total=found.total,
        pages=max(1, math.ceil(found.total / query.per_page)),
        facets=_facets(snap, query, found) if facets else {},
        scores=found.scores,
        items_json=items_json,
    )


def all_matching(snap: Snapshot, query: ExerciseQuery) -> list[Exercise]:
    """Every exercise the query matches, unpaginated (for the CLI and exports)."""
    return [snap.exercises[snap.index.slugs[at]] for at in _find_matching(snap, query).matching]


# -- one exercise --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    exercise: Exercise
    reason: str
    score: float


@dataclass(frozen=True)
class Detail:
    exercise: Exercise
    easier: list[Exercise]
    harder: list[Exercise]
    alternatives: list[Alternative]
    have: tuple[str, ...]


class _Named(Protocol):
    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=_Named)


def _lookup(known: Mapping[str, NamedT], slug: str, what: str) -> NamedT:
    """The entry `slug` names, or a NotFoundError that suggests the closest names."""
    found = known.get(slug)
    if found is None:
        names = [(key, value.name) for key, value in known.items()]
        raise NotFoundError(f"no {what} '{slug}'", suggestions=closest_names(slug, names))
    return found


def _names(muscles: Iterable[Muscle]) -> str:
    names = [m.name.lower() for m in muscles]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + (names[-1] if names else "")


def alternatives(snap: Snapshot, slug: str, *, have: Sequence[str] = (), limit: int = 12) -> list[Alternative]:
    """Exercises that train the same primary muscles with a similar movement, each with the reason; with `have`,
    only those whose required equipment is all at hand (bodyweight exercises always are)."""
    _check("have", have, sorted({*snap.taxonomy.equipment, BODYWEIGHT}))
    exercise = _lookup(snap.exercises, slug, "exercise")
    return snap.remember(
        ("alternatives", slug, frozenset(have), limit), lambda: _alternatives(snap, exercise, have, limit)
    )


def _alternatives(snap: Snapshot, exercise: Exercise, have: Sequence[str], limit: int) -> list[Alternative]:
    target = {m.slug for m in exercise.primary_muscles}
    found: list[Alternative] = []
    for other in snap.exercises.values():
        if other.slug == exercise.slug or other.slug in snap.from_log:
            continue
        if have and not snap.facts[other.slug].required.issubset(have):
            continue
        shared = [m for m in other.primary_muscles if m.slug in target]
        if not shared:
            continue
        overlap = len(shared) / len(target | {m.slug for m in other.primary_muscles})
        same_pattern = exercise.movement_pattern is not None and other.movement_pattern == exercise.movement_pattern
        if not same_pattern and overlap < 0.5:
            continue
        reason = f"Trains the {_names(shared)}"
        reason += f" with the same movement ({exercise.movement_pattern})" if same_pattern else ""
        if other.laterality != exercise.laterality:
            reason += f"; {other.laterality.value}"
        required = sorted(snap.facts[other.slug].required)
        reason += (
            f"; needs {', '.join(snap.taxonomy.equipment[s].name.lower() for s in required)}"
            if required
            else ("; no equipment needed")
        )
        score = overlap + (1.0 if same_pattern else 0.0) + (0.2 if other.slug in snap.curated else 0.0)
        score += 0.1 if other.laterality == exercise.laterality else 0.0
        found.append(Alternative(other, reason + ".", score))
    found.sort(key=lambda alt: (-alt.score, alt.exercise.name))
    return found[:limit]


def exercise_detail(snap: Snapshot, slug: str, *, have: Sequence[str] = ()) -> Detail:
    exercise = _lookup(snap.exercises, slug, "exercise")
    return Detail(
        exercise=exercise,
        easier=[snap.exercises[s] for s in exercise.easier if s in snap.exercises],
        harder=[snap.exercises[s] for s in exercise.harder if s in snap.exercises],
        alternatives=alternatives(snap, slug, have=have),
        have=tuple(have),
    )


# -- muscle groups, equipment, drills ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MusclePage:
    muscle: Muscle
    primary: list[Exercise]
    secondary: list[Exercise]


@dataclass(frozen=True)
class EquipmentPage:
    equipment: EquipmentType
    required: list[Exercise]
    optional: list[Exercise]


def _library_exercises(snap: Snapshot) -> list[Exercise]:
    """The exercises the library lists: all but the viewer's "from your log" ones."""
    return [e for e in snap.exercises.values() if e.slug not in snap.from_log]


def _library_facts(snap: Snapshot) -> Iterator[Facts]:
    return (facts for slug, facts in snap.facts.items() if slug not in snap.from_log)


def muscles(snap: Snapshot) -> list[tuple[Muscle, int]]:

    def count() -> list[tuple[Muscle, int]]:
        counts = Counter(slug for facts in _library_facts(snap) for slug in facts.primary)
        return [(m, counts[m.slug]) for m in sorted(snap.taxonomy.muscles.values(), key=lambda m: m.name)]

    return snap.remember("muscles", count)


def muscle_page(snap: Snapshot, slug: str) -> MusclePage:
    muscle = _lookup(snap.taxonomy.muscles, slug, "muscle group")
    exercises = _library_exercises(snap)
    facts = snap.facts
    return MusclePage(
        muscle=muscle,
        primary=[e for e in exercises if slug in facts[e.slug].primary],
        secondary=[e for e in exercises if slug in facts[e.slug].secondary],
    )


def equipment_list(snap: Snapshot) -> list[tuple[EquipmentType, int]]:

    def count() -> list[tuple[EquipmentType, int]]:
        counts = Counter(slug for facts in _library_facts(snap) for slug in facts.uses)
        counts[BODYWEIGHT] = sum(1 for facts in _library_facts(snap) if not facts.required)
        return [(e, counts[e.slug]) for e in sorted(snap.taxonomy.equipment.values(), key=lambda e: e.name)]

    return snap.remember("equipment", count)


def equipment_page(snap: Snapshot, slug: str) -> EquipmentPage:
    equipment = _lookup(snap.taxonomy.equipment, slug, "equipment")
    exercises = _library_exercises(snap)
    facts = snap.facts
    if slug == BODYWEIGHT:
        return EquipmentPage(equipment, [e for e in exercises if not facts[e.slug].required], [])
    return EquipmentPage(
        equipment=equipment,
        required=[e for e in exercises if slug in facts[e.slug].required],
        optional=[e for e in exercises if slug in facts[e.slug].uses - facts[e.slug].required],
    )


def drills(snap: Snapshot) -> list[Drill]:
    return list(snap.drills.values())


def drill(snap: Snapshot, slug: str) -> tuple[Drill, list[Exercise]]:
    found = _lookup(snap.drills, slug, "drill")
    users = [e for e in snap.exercises.values() if any(d.slug == slug for d in e.warm_up + e.cool_down)]
    return found, users
