"""Typo-tolerant, alias-aware ranking of exercises for a free-text query.

Ranking happens in Python over the library snapshot, so SQLite and PostgreSQL give the same results: the database
only supplies the rows. An exercise scores on its names (name and aliases) and on the muscle groups and equipment
the query names ("glute" puts exercises whose primary muscle is the glutes first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from liftlore.domain.exercise import Exercise
from liftlore.domain.names import normalise_name
from liftlore.domain.taxonomy import Taxonomy

MIN_SCORE = 75.0  # below this a match is noise (tuned on the catalog with the three open datasets imported)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SearchKey:
    """What a query is compared with for one exercise, prepared once per library snapshot."""

    slug: str
    names: tuple[tuple[str, str], ...]  # (lower-cased text, normalised key) of the name and each alias
    primary: frozenset[str]
    secondary: frozenset[str]
    equipment: frozenset[str]
    curated: bool  # a complete page of the bundled catalog, preferred when scores tie


def search_key(exercise: Exercise, curated: bool) -> SearchKey:
    labels = (exercise.name, *exercise.aliases)
    return SearchKey(
        slug=exercise.slug,
        names=tuple((label.lower(), normalise_name(label)) for label in labels),
        primary=frozenset(m.slug for m in exercise.primary_muscles),
        secondary=frozenset(m.slug for m in exercise.secondary_muscles),
        equipment=frozenset(u.equipment.slug for u in exercise.equipment),
        curated=curated,
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _name_score(query: str, query_key: str, text: str, key: str) -> float:
    if query_key == key:
        return 110.0  # the exact name or alias, however it is spelled
    words = _words(text)
    query_words = _words(query)
    # Each query word against its best word in the name: typos cost a little, missing words cost a lot.
    per_word = [max((fuzz.ratio(q, w) for w in words), default=0.0) for q in query_words]
    coverage = sum(per_word) / len(per_word) if per_word else 0.0
    # Glued or split words ("hipthrust", "pull up") compare best without spaces; the query may be part of the
    # name, never the other way round ("squat" must not match "bulgarain squat" fully).
    glued = 0.0
    if len(query_key) >= 5:
        glued = fuzz.partial_ratio(query_key, key) if len(query_key) <= len(key) else fuzz.ratio(query_key, key)
    score = max(coverage, glued * 0.97)
    extra_words = max(0, len(words) - len(query_words))
    return score - 2.5 * extra_words  # among equal matches, the shorter, more exact name first


def _vocabulary_hits(query: str, names: Iterable[tuple[str, Iterable[str]]]) -> set[str]:
    """Slugs of muscle groups or equipment the query names, allowing a typo ('glute', 'hamstring', 'dumbell')."""
    hits: set[str] = set()
    query_words = _words(query)
    for slug, labels in names:
        for label in labels:
            label_key = normalise_name(label)
            if len(label_key) < 3:
                continue
            if normalise_name(query) == label_key or any(
                fuzz.ratio(normalise_name(word), label_key) >= 88 for word in query_words
            ):
                hits.add(slug)
    return hits


def rank(query: str, keys: Iterable[SearchKey], taxonomy: Taxonomy) -> list[tuple[str, float]]:
    """(slug, score) of the exercises that match, best first."""
    query = query.strip()
    if not query:
        return []
    query_key = normalise_name(query)
    muscles = _vocabulary_hits(query, ((m.slug, (m.name, *m.aliases)) for m in taxonomy.muscles.values()))
    equipment = _vocabulary_hits(query, ((e.slug, (e.name, *e.aliases)) for e in taxonomy.equipment.values()))
    # A query that is just a muscle group or a piece of equipment ("glute", "kettlebell") lists what trains or
    # uses it; in a longer query ("hamstring curl") the muscle only nudges the matching names up.
    alone = len(_words(query)) == 1
    scored: list[tuple[float, bool, int, str]] = []
    for key in keys:
        score = max((_name_score(query, query_key, text, k) for text, k in key.names), default=0.0)
        if muscles & key.primary:
            score = max(score, 95.0) if alone else score + 4.0
        elif muscles & key.secondary:
            score = max(score, 70.0) if alone else score + 1.0
        if equipment & key.equipment:
            score = max(score, 80.0) if alone else score + 3.0
        if score >= MIN_SCORE:
            scored.append((score, key.curated, -len(key.names[0][0]), key.slug))
    scored.sort(reverse=True)
    return [(slug, score) for score, _, _, slug in scored]
