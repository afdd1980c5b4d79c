"""Browsing the library: the query behind the library page and /api/v1/exercises, with facets; one exercise with
its variations and alternatives; the exercises of a muscle group or a piece of equipment.

Each HTML page and its JSON twin call the same function here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from liftlore.domain.exercise import MOVEMENT_PATTERNS, Drill, EquipmentType, Exercise, Laterality, Level, Mechanic
from liftlore.domain.exercise import MuscleGroup as Muscle
from liftlore.errors import LiftloreError, NotFoundError, UnknownValueError
from liftlore.services import search
from liftlore.services.library import closest_names
from liftlore.services.snapshot import Facts, Snapshot, library_view

MAX_PER_PAGE = 100
BODYWEIGHT = "bodyweight"
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
    page: int = 1
    per_page: int = 20

    def without(self, facet: str) -> ExerciseQuery:
        """The same query with one facet's filter removed, to count that facet's other values."""
        if facet == "muscle":
            return replace(self, muscle=())
        if facet == "equipment":
            return replace(self, equipment=())
        if facet == "laterality":
            return replace(self, laterality=None)
        if facet == "mechanic":
            return replace(self, mechanic=None)
        if facet == "level":
            return replace(self, level=None)
        return replace(self, pattern=None)


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


def _check(field: str, values: Iterable[str | None], allowed: list[str]) -> None:
    for value in values:
        if value is not None and value not in allowed:
            raise UnknownValueError(field, value, allowed)


def validate_filters(query: ExerciseQuery, snap: Snapshot) -> None:
    equipment = (
        [*snap.taxonomy.equipment] if BODYWEIGHT in snap.taxonomy.equipment else [*snap.taxonomy.equipment, BODYWEIGHT]
    )
    _check("muscle", query.muscle, sorted(snap.taxonomy.muscles))
    _check("equipment", query.equipment, sorted(equipment))
    _check("have", query.have, sorted(equipment))
    _check("laterality", [query.laterality], [v.value for v in Laterality])
    _check("mechanic", [query.mechanic], [v.value for v in Mechanic])
    _check("level", [query.level], [v.value for v in Level])
    _check("pattern", [query.pattern], list(MOVEMENT_PATTERNS))
    _check("muscle_role", [query.muscle_role], ["primary", "any"])
    _check("equipment_match", [query.equipment_match], ["any", "all"])


def _validate_page(query: ExerciseQuery) -> None:
    if query.page < 1:
        raise LiftloreError("page starts at 1", field="page")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise LiftloreError(f"per_page is 1 to {MAX_PER_PAGE}", field="per_page")


def _matches(facts: Facts, query: ExerciseQuery) -> bool:
    if query.muscle:
        muscles = facts.primary if query.muscle_role == "primary" else facts.muscles
        if muscles.isdisjoint(query.muscle):
            return False
    if query.equipment:
        hits = [(not facts.required) if slug == BODYWEIGHT else slug in facts.uses for slug in query.equipment]
        if not (all(hits) if query.equipment_match == "all" else any(hits)):
            return False
    if query.have and not facts.required.issubset(query.have):
        return False
    return (
        (query.laterality is None or facts.laterality == query.laterality)
        and (query.mechanic is None or facts.mechanic == query.mechanic)
        and (query.level is None or facts.level == query.level)
        and (query.pattern is None or facts.pattern == query.pattern)
    )


def _facet_values(facts: Facts, facet: str) -> Iterable[str]:
    if facet == "muscle":
        return facts.primary
    if facet == "equipment":
        return facts.uses or (BODYWEIGHT,)
    value = {"laterality": facts.laterality, "mechanic": facts.mechanic, "level": facts.level}.get(facet, facts.pattern)
    return (value,) if value else ()


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
    candidates: list[Exercise]  # what the text matched, before the filters: the facets count among these
    matching: list[Exercise]  # best first when there is text, else in name order
    scores: dict[str, float]


def _find_matching(snap: Snapshot, query: ExerciseQuery) -> _Found:
    validate_filters(query, snap)
    if query.q.strip():
        scores = dict(search.rank(query.q, snap.search))  # best first, as dicts keep their order
        candidates = [snap.exercises[slug] for slug in scores]
    else:
        scores, candidates = {}, list(snap.exercises.values())
    matching = [exercise for exercise in candidates if _matches(snap.facts[exercise.slug], query)]
    return _Found(candidates, matching, scores)


def _facets(snap: Snapshot, query: ExerciseQuery, candidates: list[Exercise]) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the candidates that match every other filter, most common first."""
    facts = [snap.facts[exercise.slug] for exercise in candidates]
    found: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        others = query.without(facet)
        counts = Counter(value for fact in facts if _matches(fact, others) for value in _facet_values(fact, facet))
        label = _facet_label(snap, facet)
        chosen = _selected(query, facet)
        found[facet] = sorted(
            (FacetValue(value, label(value), count, value in chosen) for value, count in counts.items()),
            key=lambda item: (-item.count, item.label),
        )
    return found


def search_exercises(session: Session, query: ExerciseQuery, *, facets: bool = False) -> Results:
    snap = library_view(session)
    _validate_page(query)
    found = _find_matching(snap, query)
    start = (query.page - 1) * query.per_page
    return Results(
        query=query,
        items=found.matching[start : start + query.per_page],
        total=len(found.matching),
        pages=max(1, math.ceil(len(found.matching) / query.per_page)),
        facets=_facets(snap, query, found.candidates) if facets else {},
        scores=found.scores,
    )


def all_matching(session: Session, query: ExerciseQuery) -> list[Exercise]:
    """Every exercise the query matches, unpaginated (for the CLI and exports)."""
    return _find_matching(library_view(session), query).matching


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


def alternatives(session: Session, slug: str, *, have: Sequence[str] = (), limit: int = 12) -> list[Alternative]:
    """Exercises that train the same primary muscles with a similar movement, each with the reason; with `have`,
    only those whose required equipment is all at hand (bodyweight exercises always are)."""
    snap = library_view(session)
    _check("have", have, sorted({*snap.taxonomy.equipment, BODYWEIGHT}))
    exercise = _lookup(snap.exercises, slug, "exercise")
    return snap.remember(
        ("alternatives", slug, frozenset(have), limit), lambda: _alternatives(snap, exercise, have, limit)
    )


def _alternatives(snap: Snapshot, exercise: Exercise, have: Sequence[str], limit: int) -> list[Alternative]:
    target = {m.slug for m in exercise.primary_muscles}
    found: list[Alternative] = []
    for other in snap.exercises.values():
        if other.slug == exercise.slug or (have and not snap.facts[other.slug].required.issubset(have)):
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


def exercise_detail(session: Session, slug: str, *, have: Sequence[str] = ()) -> Detail:
    snap = library_view(session)
    exercise = _lookup(snap.exercises, slug, "exercise")
    return Detail(
        exercise=exercise,
        easier=[snap.exercises[s] for s in exercise.easier if s in snap.exercises],
        harder=[snap.exercises[s] for s in exercise.harder if s in snap.exercises],
        alternatives=alternatives(session, slug, have=have),
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


def muscles(session: Session) -> list[tuple[Muscle, int]]:
    snap = library_view(session)

    def count() -> list[tuple[Muscle, int]]:
        counts = Counter(slug for facts in snap.facts.values() for slug in facts.primary)
        return [(m, counts[m.slug]) for m in sorted(snap.taxonomy.muscles.values(), key=lambda m: m.name)]

    return snap.remember("muscles", count)


def muscle_page(session: Session, slug: str) -> MusclePage:
    snap = library_view(session)
    muscle = _lookup(snap.taxonomy.muscles, slug, "muscle group")
    exercises = list(snap.exercises.values())
    facts = snap.facts
    return MusclePage(
        muscle=muscle,
        primary=[e for e in exercises if slug in facts[e.slug].primary],
        secondary=[e for e in exercises if slug in facts[e.slug].secondary],
    )


def equipment_list(session: Session) -> list[tuple[EquipmentType, int]]:
    snap = library_view(session)

    def count() -> list[tuple[EquipmentType, int]]:
        counts = Counter(slug for facts in snap.facts.values() for slug in facts.uses)
        counts[BODYWEIGHT] = sum(1 for facts in snap.facts.values() if not facts.required)
        return [(e, counts[e.slug]) for e in sorted(snap.taxonomy.equipment.values(), key=lambda e: e.name)]

    return snap.remember("equipment", count)


def equipment_page(session: Session, slug: str) -> EquipmentPage:
    snap = library_view(session)
    equipment = _lookup(snap.taxonomy.equipment, slug, "equipment")
    exercises = list(snap.exercises.values())
    facts = snap.facts
    if slug == BODYWEIGHT:
        return EquipmentPage(equipment, [e for e in exercises if not facts[e.slug].required], [])
    return EquipmentPage(
        equipment=equipment,
        required=[e for e in exercises if slug in facts[e.slug].required],
        optional=[e for e in exercises if slug in facts[e.slug].uses - facts[e.slug].required],
    )


def drills(session: Session) -> list[Drill]:
    return list(library_view(session).drills.values())


def drill(session: Session, slug: str) -> tuple[Drill, list[Exercise]]:
    snap = library_view(session)
    found = _lookup(snap.drills, slug, "drill")
    users = [e for e in snap.exercises.values() if any(d.slug == slug for d in e.warm_up + e.cool_down)]
    return found, users
