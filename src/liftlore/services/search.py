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

from liftlore.domain.exercise import EquipmentType, Exercise, MuscleGroup
from liftlore.domain.names import normalise_name
from liftlore.domain.taxonomy import Taxonomy

MIN_SCORE = 75.0  # below this a match is noise (tuned on the catalog with the three open datasets imported)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class NameKey:
    """One name or alias of an exercise, in the forms a query is compared with."""

    text: str  # lower-cased
    key: str  # normalised
    words: tuple[str, ...]


@dataclass(frozen=True)
class SearchKey:
    """What a query is compared with for one exercise, prepared once per library snapshot."""

    slug: str
    names: tuple[NameKey, ...]  # the name, then each alias
    primary: frozenset[str]
    secondary: frozenset[str]
    equipment: frozenset[str]
    curated: bool  # a complete page of the bundled catalog, preferred when scores tie


@dataclass(frozen=True)
class SearchIndex:
    """The exercises' search keys and the normalised labels of the vocabulary, prepared once per snapshot so a
    query normalises only itself."""

    keys: tuple[SearchKey, ...]
    muscles: tuple[tuple[str, str], ...]  # (slug, normalised label) for each muscle group's name and alias
    equipment: tuple[tuple[str, str], ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def name_key(label: str) -> NameKey:
    text = label.lower()
    return NameKey(text=text, key=normalise_name(label), words=_words(text))


def search_key(exercise: Exercise, curated: bool) -> SearchKey:
    return SearchKey(
        slug=exercise.slug,
        names=tuple(name_key(label) for label in (exercise.name, *exercise.aliases)),
        primary=frozenset(m.slug for m in exercise.primary_muscles),
        secondary=frozenset(m.slug for m in exercise.secondary_muscles),
        equipment=frozenset(u.equipment.slug for u in exercise.equipment),
        curated=curated,
    )


def _label_keys(entries: Iterable[MuscleGroup | EquipmentType]) -> tuple[tuple[str, str], ...]:
    keys = ((entry.slug, normalise_name(label)) for entry in entries for label in (entry.name, *entry.aliases))
    return tuple((slug, key) for slug, key in keys if len(key) >= 3)  # shorter labels would match by accident


def search_index(exercises: Iterable[Exercise], curated: frozenset[str], taxonomy: Taxonomy) -> SearchIndex:
    return SearchIndex(
        keys=tuple(search_key(exercise, exercise.slug in curated) for exercise in exercises),
        muscles=_label_keys(taxonomy.muscles.values()),
        equipment=_label_keys(taxonomy.equipment.values()),
    )


@dataclass(frozen=True)
class _Query:
    """The query in every form the scoring needs, computed once per search."""

    key: str  # normalised
    words: tuple[str, ...]
    word_keys: tuple[str, ...]  # each word normalised, to compare with vocabulary labels


def _name_score(query: _Query, name: NameKey) -> float:
    if query.key == name.key:
        return 110.0  # the exact name or alias, however it is spelled
    # Each query word against its best word in the name: typos cost a little, missing words cost a lot.
    per_word = [max((fuzz.ratio(q, w) for w in name.words), default=0.0) for q in query.words]
    coverage = sum(per_word) / len(per_word) if per_word else 0.0
    # Glued or split words ("hipthrust", "pull up") compare best without spaces; the query may be part of the
    # name, never the other way round ("squat" must not match "bulgarain squat" fully).
    glued = 0.0
    if len(query.key) >= 5:
        glued = (
            fuzz.partial_ratio(query.key, name.key)
            if len(query.key) <= len(name.key)
            else fuzz.ratio(query.key, name.key)
        )
    score = max(coverage, glued * 0.97)
    extra_words = max(0, len(name.words) - len(query.words))
    return score - 2.5 * extra_words  # among equal matches, the shorter, more exact name first


def _vocabulary_hits(query: _Query, labels: tuple[tuple[str, str], ...]) -> set[str]:
    """Slugs of muscle groups or equipment the query names, allowing a typo ('glute', 'hamstring', 'dumbell')."""
    return {
        slug
        for slug, label in labels
        if query.key == label or any(fuzz.ratio(word, label) >= 88 for word in query.word_keys)
    }


def rank(text: str, index: SearchIndex) -> list[tuple[str, float]]:
    """(slug, score) of the exercises that match, best first."""
    text = text.strip()
    if not text:
        return []
    words = _words(text)
    query = _Query(key=normalise_name(text), words=words, word_keys=tuple(normalise_name(word) for word in words))
    muscles = _vocabulary_hits(query, index.muscles)
    equipment = _vocabulary_hits(query, index.equipment)
    # A query that is just a muscle group or a piece of equipment ("glute", "kettlebell") lists what trains or
    # uses it; in a longer query ("hamstring curl") the muscle only nudges the matching names up.
    alone = len(words) == 1
    scored: list[tuple[float, bool, int, str]] = []
    for key in index.keys:
        score = max((_name_score(query, name) for name in key.names), default=0.0)
        if muscles & key.primary:
            score = max(score, 95.0) if alone else score + 4.0
        elif muscles & key.secondary:
            score = max(score, 70.0) if alone else score + 1.0
        if equipment & key.equipment:
            score = max(score, 80.0) if alone else score + 3.0
        if score >= MIN_SCORE:
            scored.append((score, key.curated, -len(key.names[0].text), key.slug))
    scored.sort(reverse=True)
    return [(slug, score) for score, _, _, slug in scored]
