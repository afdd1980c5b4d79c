"""Browsing filters as the library page and the API apply them."""

from __future__ import annotations

from liftlore.services import browse
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database


def slugs(db: Database, query: browse.ExerciseQuery) -> set[str]:
    return {e.slug for e in browse.all_matching(db.run(library_view), query)}


def test_the_mechanic_filter_splits_isolation_from_compound(db: Database) -> None:
    isolation = slugs(db, browse.ExerciseQuery(mechanic="isolation"))
    compound = slugs(db, browse.ExerciseQuery(mechanic="compound"))
    assert {"band-curl", "band-lateral-raise"} <= isolation
    assert "barbell-back-squat" in compound
    assert isolation and compound and not isolation & compound
    every = browse.all_matching(db.run(library_view), browse.ExerciseQuery())
    assert isolation | compound == {e.slug for e in every if e.mechanic is not None}


def test_the_mechanic_filter_narrows_a_search(db: Database) -> None:
    found = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q="curl", mechanic="isolation")).items
    assert found and all(e.mechanic == "isolation" for e in found)
    assert "band-curl" in {e.slug for e in found}


def test_the_mechanic_facet_counts_both_values_while_one_is_chosen(db: Database) -> None:
    results = browse.search_exercises(db.run(library_view), browse.ExerciseQuery(mechanic="isolation"), facets=True)
    facet = {value.value: (value.count, value.selected) for value in results.facets["mechanic"]}
    compound = slugs(db, browse.ExerciseQuery(mechanic="compound"))
    assert facet == {"isolation": (results.total, True), "compound": (len(compound), False)}
