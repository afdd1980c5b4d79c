"""The library's filters and facets, answered from the snapshot's index (sets of exercises per filter value), give
what a plain pass over every exercise gives, for a grid of filter combinations. The exercise list's JSON, written
around items kept ready, is byte for byte what the ExerciseList shape dumps, and its parameters, read without
FastAPI declaring each, behave as declared ones did."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from liftlore.domain.exercise import Exercise
from liftlore.services import browse, search
from liftlore.services.datasets import import_dataset
from liftlore.services.snapshot import library_view
from liftlore.shapes.library import ExerciseList
from liftlore.store import exercises as repo
from liftlore.store.db import Database
from liftlore.web.api import ExerciseListParams
from liftlore.web.app import create_app
from tests.conftest import SHARED, shared_file
from tests.web.client import BASE_URL

BODYWEIGHT = "bodyweight"

# -- the plain pass: every exercise's own fields, no index --------------------------------------------------------


@dataclass(frozen=True)
class Plain:
    """What a filter reads of one exercise, from the exercise itself."""

    slug: str
    primary: frozenset[str]
    muscles: frozenset[str]
    uses: frozenset[str]
    required: frozenset[str]
    laterality: str
    mechanic: str | None
    level: str | None
    pattern: str | None

    @classmethod
    def of(cls, exercise: Exercise) -> Plain:
        return cls(
            slug=exercise.slug,
            primary=frozenset(m.slug for m in exercise.primary_muscles),
            muscles=frozenset(m.slug for m in (*exercise.primary_muscles, *exercise.secondary_muscles)),
            uses=frozenset(u.equipment.slug for u in exercise.equipment),
            required=frozenset(u.equipment.slug for u in exercise.equipment if not u.optional),
            laterality=exercise.laterality.value,
            mechanic=exercise.mechanic.value if exercise.mechanic else None,
            level=exercise.level.value if exercise.level else None,
            pattern=exercise.movement_pattern,
        )


def keeps(plain: Plain, query: browse.ExerciseQuery) -> bool:
    if query.muscle:
        muscles = plain.primary if query.muscle_role == "primary" else plain.muscles
        if not muscles & set(query.muscle):
            return False
    if query.equipment:
        hits = [not plain.required if slug == BODYWEIGHT else slug in plain.uses for slug in query.equipment]
        if not (all(hits) if query.equipment_match == "all" else any(hits)):
            return False
    if query.have and not plain.required <= set(query.have):
        return False
    return all(
        wanted is None or wanted == value
        for wanted, value in (
            (query.laterality, plain.laterality),
            (query.mechanic, plain.mechanic),
            (query.level, plain.level),
            (query.pattern, plain.pattern),
        )
    )


def facet_values(plain: Plain, facet: str) -> tuple[str, ...]:
    """The values an exercise counts for in a facet: its primary muscles; its equipment, or bodyweight when it
    lists none; its one value of the others, if it has one."""
    if facet == "muscle":
        return tuple(plain.primary)
    if facet == "equipment":
        return tuple(plain.uses) or (BODYWEIGHT,)
    value = {"laterality": plain.laterality, "mechanic": plain.mechanic, "level": plain.level}.get(facet, plain.pattern)
    return (value,) if value else ()


def without(query: browse.ExerciseQuery, facet: str) -> browse.ExerciseQuery:
    cleared: dict[str, object] = {"muscle": (), "equipment": ()}
    return replace(query, **{facet: cleared.get(facet)})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Expected:
    slugs: list[str]
    facets: dict[str, Counter[str]]


def expected(every: list[Plain], ranked: list[str] | None, query: browse.ExerciseQuery) -> Expected:
    """The answer by a plain pass: with text, the ranked candidates in rank order, else every exercise in name
    order; the facets count among those candidates, each facet with every other filter applied."""
    by_slug = {plain.slug: plain for plain in every}
    candidates = every if ranked is None else [by_slug[slug] for slug in ranked]
    facets = {
        facet: Counter(
            value for plain in candidates if keeps(plain, without(query, facet)) for value in facet_values(plain, facet)
        )
        for facet in browse.FACETS
    }
    return Expected([plain.slug for plain in candidates if keeps(plain, query)], facets)


# -- the grid -----------------------------------------------------------------------------------------------------

MUSCLES = [((), "primary"), (("glutes",), "primary"), (("glutes",), "any"), (("glutes", "hamstrings"), "primary")]
EQUIPMENT = [
    ((), "any"),
    (("barbell",), "any"),
    ((BODYWEIGHT,), "any"),
    (("dumbbell", "bench"), "any"),
    (("dumbbell", "bench"), "all"),
    (("barbell", BODYWEIGHT), "any"),
]
HAVE = [(), ("dumbbell",), ("dumbbell", "bench", "resistance-band")]
LATERALITY = [None, "unilateral"]
MECHANIC = [None, "compound", "isolation"]
LEVEL = [None, "beginner"]
PATTERN = [None, "hip extension", "squat"]
FILTERS = ("muscle", "equipment", "have", "laterality", "mechanic", "level", "pattern")


def grid(texts: tuple[str, ...] = ("",), *, size: int = 400) -> list[browse.ExerciseQuery]:
    """`size` queries drawn (always the same ones) from every combination of the values above, and every query
    that sets a single filter: the whole product is ~2,600 queries per text, too slow to pass over plainly."""
    every = [
        browse.ExerciseQuery(
            q=q,
            muscle=muscle,
            muscle_role=role,
            equipment=equipment,
            equipment_match=match,
            have=have,
            laterality=laterality,
            mechanic=mechanic,
            level=level,
            pattern=pattern,
            per_page=7,
        )
        for q, (muscle, role), (equipment, match), have, laterality, mechanic, level, pattern in itertools.product(
            texts, MUSCLES, EQUIPMENT, HAVE, LATERALITY, MECHANIC, LEVEL, PATTERN
        )
    ]
    single = [query for query in every if sum(bool(getattr(query, name)) for name in FILTERS) <= 1]
    return [*single, *random.Random(14).sample(every, min(size, len(every)))]


def check_grid(db: Database, queries: Iterable[browse.ExerciseQuery]) -> int:
    """Compare every query's answer with the plain pass; returns how many queries found something."""
    found = 0
    with db.session() as session:
        every = [Plain.of(exercise) for exercise in repo.public_exercises(session)]
        index = library_view(session).search
        for query in queries:
            ranked = [slug for slug, _ in search.rank(query.q, index)] if query.q else None
            want = expected(every, ranked, query)
            assert [e.slug for e in browse.all_matching(library_view(session), query)] == want.slugs, query
            second = replace(query, page=2)
            results = browse.search_exercises(library_view(session), second, facets=True)
            assert results.total == len(want.slugs), query
            assert [e.slug for e in results.items] == want.slugs[7:14], query
            assert results.pages == max(1, -(-len(want.slugs) // 7)), query
            for facet, counts in want.facets.items():
                chosen = (
                    set(getattr(query, facet) or ()) if facet in ("muscle", "equipment") else {getattr(query, facet)}
                )
                shown = [(v.value, v.count, v.selected) for v in results.facets[facet]]
                assert sorted(shown) == sorted((value, n, value in chosen) for value, n in counts.items()), (
                    query,
                    facet,
                )
                assert [v.count for v in results.facets[facet]] == sorted((n for _, n, _ in shown), reverse=True)
            found += bool(want.slugs)
    return found


def test_the_filters_and_facets_match_a_plain_pass_over_every_exercise(db: Database) -> None:
    queries = grid()
    found = check_grid(db, queries)
    assert found > len(queries) // 10  # the grid is not all empty answers


def test_filters_on_a_search_keep_its_ranking_and_count_facets_among_its_matches(db: Database) -> None:
    assert check_grid(db, grid(("hip thrust", "curl", "squt"), size=150)) > 0


@pytest.mark.shared
def test_the_index_holds_with_an_imported_dataset_beside_the_catalog(db: Database) -> None:
    db.run(import_dataset, "wger", shared_file(SHARED / "datasets" / "wger"))
    assert check_grid(db, grid(size=200)) > 0


# -- the list's JSON ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"muscle": ["glutes"], "equipment": ["barbell"], "per_page": 20},
        {"q": "hip thrust", "facets": "true", "muscle": ["glutes"], "per_page": 100},
        {"q": "curl", "mechanic": "isolation", "page": 2, "per_page": 3},
        {"facets": "true", "have": ["dumbbell", "bench"]},
        {"q": "zzzz nothing like it"},
    ],
)
def test_the_list_json_is_what_the_exercise_list_shape_dumps(db: Database, params: dict[str, Any]) -> None:
    client = TestClient(create_app(db), base_url=BASE_URL)
    response = client.get("/api/v1/exercises", params=params)
    assert response.status_code == 200
    read = ExerciseListParams.model_validate(params)
    results = browse.search_exercises(db.run(library_view), read.query(), facets=read.facets)
    built = ExerciseList.page_of(
        results.items,
        total=results.total,
        page=read.page,
        per_page=read.per_page,
        pages=results.pages,
        facets=results.facets if read.facets else None,
    )
    assert response.content == TypeAdapter(ExerciseList).dump_json(built)


def test_a_wrong_list_parameter_is_a_422_that_names_it(db: Database) -> None:
    client = TestClient(create_app(db), base_url=BASE_URL)
    wrong: list[tuple[dict[str, Any], str]] = [
        ({"per_page": 101}, "per_page"),
        ({"page": "two"}, "page"),
        ({"facets": "maybe"}, "facets"),
    ]
    for params, field in wrong:
        response = client.get("/api/v1/exercises", params=params)
        assert response.status_code == 422
        assert response.json()["field"] == field


def test_a_parameter_given_twice_lists_both_or_keeps_the_last(db: Database) -> None:
    client = TestClient(create_app(db), base_url=BASE_URL)
    both = client.get("/api/v1/exercises?muscle=glutes&muscle=biceps&per_page=100").json()["items"]
    assert {"glutes", "biceps"} <= {m["slug"] for item in both for m in item["primary_muscles"]}
    last = client.get("/api/v1/exercises?per_page=100&per_page=2").json()
    assert last["per_page"] == 2 and len(last["items"]) == 2
