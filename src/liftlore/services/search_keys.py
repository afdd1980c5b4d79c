"""What search compares a query with, built once per library snapshot.

For every exercise, the canonical words of its name and aliases (`search_vocabulary.words_of`) with the forms a
query may take of them (two neighbouring words run together, a glued word split where other names write it
apart); an inverted index from those words to exercises; the exercises that train each muscle group or use each
piece of equipment; and the words of the taxonomy's labels, so a query can say what it names.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from liftlore.domain.exercise import Exercise
from liftlore.domain.names import normalise_name
from liftlore.domain.taxonomy import Taxonomy
from liftlore.services.bulk import paused_gc
from liftlore.services.search_synonyms import KINDS_OF, MUSCLE_SLANG
from liftlore.services.search_vocabulary import Vocabulary, pairs_of, split_pairs, vocabulary, words_of

BODYWEIGHT = "bodyweight"  # the equipment type meaning "needs no required equipment"; never listed on an exercise


@dataclass(frozen=True, slots=True)
class NameWords:
    """One name or alias of an exercise in the form queries are compared with."""

    # Each word a query word may match, with the name's own words it stands for: a word itself, two neighbours
    # run together ("hipthrust" -> hip, thrust), or part of a glued word other names write apart ("pullup").
    covers: dict[str, tuple[str, ...]]
    count: int  # how many different words the name has; those no query word matches cost a little each
    # Words inside a two-word equipment label naming other equipment than the word alone: the "bar" of "EZ-Bar
    # Curl" does not make it a barbell exercise, nor the "machine" of "Cable Machine Fly" a machine one.
    phrase_equipment: dict[str, frozenset[str]] | None


@dataclass(frozen=True, slots=True)
class SearchKey:
    """What a query is compared with for one exercise."""

    slug: str
    names: tuple[NameWords, ...]  # the name, then each alias
    has_muscles: bool  # whether its muscles are known (log imports make exercises without)
    curated: bool  # a complete page of the bundled catalog, preferred when scores tie
    fewest_words: int  # of its names, what an exercise found by its facts alone pays for extra words


@dataclass(frozen=True)
class Meaning:
    """What a label names: muscle groups or equipment."""

    muscles: frozenset[str] = frozenset()
    equipment: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SearchIndex:
    """Everything a query is looked up in. Keys are in tie order (bundled pages first, then shorter names, then
    the slug), so a key's position breaks ties between equal scores and equal scores always list alike."""

    keys: tuple[SearchKey, ...]
    # word -> the keys whose names hold it: position -> how few of the name's words it leaves unanswered
    postings: dict[str, dict[int, int]]
    exact: dict[str, tuple[int, ...]]  # normalised name, or canonical words run together -> positions
    primary_of: dict[str, frozenset[int]]  # muscle group -> positions of the keys training it as a primary muscle
    secondary_of: dict[str, frozenset[int]]
    users_of: dict[str, frozenset[int]]  # equipment -> positions of the keys using it
    phrased: frozenset[int]  # positions of the keys with a name holding a two-word equipment label
    labels: dict[tuple[str, ...], Meaning]  # the words of muscle and equipment names, aliases and slang
    longest_label: int
    muscle_words: dict[str, frozenset[str]]  # muscle group -> its one-word names ("glute", "buttock", ...)
    vocabulary: Vocabulary


def search_index(exercises: Iterable[Exercise], curated: frozenset[str], taxonomy: Taxonomy) -> SearchIndex:
    with paused_gc():  # many small objects and no cycles: collections would only walk them again and again
        return _build(exercises, curated, taxonomy)


def _build(exercises: Iterable[Exercise], curated: frozenset[str], taxonomy: Taxonomy) -> SearchIndex:
    ordered = sorted(exercises, key=lambda e: (e.slug not in curated, len(e.name), e.slug))
    spelled = [[words_of(label) for label in (e.name, *e.aliases)] for e in ordered]
    pairs = pairs_of(words for names in spelled for words in names)
    real = {word for names in spelled for words in names for word in words}
    splits = {word: parts for word in real if (parts := split_pairs(word, pairs)) is not None}
    labels = _labels(taxonomy)
    longest = max((len(words) for words in labels), default=1)
    keys: list[SearchKey] = []
    postings: dict[str, dict[int, int]] = {}
    phrased: set[int] = set()
    exact: dict[str, list[int]] = {}
    joined: set[str] = set()
    primary_of: dict[str, set[int]] = {}
    secondary_of: dict[str, set[int]] = {}
    users_of: dict[str, set[int]] = {}
    for position, (exercise, names) in enumerate(zip(ordered, spelled, strict=True)):
        name_keys: list[NameWords] = []
        for label, words in zip((exercise.name, *exercise.aliases), names, strict=True):
            covers = _covers(words, splits)
            joined.update(word for word, stands_for in covers.items() if len(stands_for) == 2)
            count = len({part for word in words for part in splits.get(word, (word,))})
            name = NameWords(covers, count, _phrase_equipment(words, labels, longest))
            name_keys.append(name)
            if name.phrase_equipment:
                phrased.add(position)
            for word, stands_for in covers.items():
                held = postings.setdefault(word, {})
                held[position] = min(held.get(position, count), count - len(stands_for))
            for key in {normalise_name(label), "".join(words)}:
                exact.setdefault(key, []).append(position)
        for muscle in exercise.primary_muscles:
            primary_of.setdefault(muscle.slug, set()).add(position)
        for muscle in exercise.secondary_muscles:
            secondary_of.setdefault(muscle.slug, set()).add(position)
        for use in exercise.equipment:
            users_of.setdefault(use.equipment.slug, set()).add(position)
        if all(use.optional for use in exercise.equipment):
            users_of.setdefault(BODYWEIGHT, set()).add(position)
        keys.append(
            SearchKey(
                slug=exercise.slug,
                names=tuple(name_keys),
                has_muscles=bool(exercise.primary_muscles or exercise.secondary_muscles),
                curated=exercise.slug in curated,
                fewest_words=min(name.count for name in name_keys),
            )
        )
    frequency = {word: len(found) for word, found in postings.items()}
    label_words = {word for words in labels for word in words}
    return SearchIndex(
        keys=tuple(keys),
        postings=postings,
        exact={key: tuple(found) for key, found in exact.items()},
        primary_of={slug: frozenset(found) for slug, found in primary_of.items()},
        secondary_of={slug: frozenset(found) for slug, found in secondary_of.items()},
        users_of={slug: frozenset(found) for slug, found in users_of.items()},
        phrased=frozenset(phrased),
        labels=labels,
        longest_label=longest,
        muscle_words=_muscle_words(taxonomy),
        vocabulary=vocabulary(real, joined, label_words, pairs, frequency),
    )


def _covers(words: tuple[str, ...], splits: dict[str, tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """What each word a query may match stands for in the name, counted in parts: a glued word that other names
    write apart counts as two, so "Benchpress Dumbbells" has as many words as "Dumbbell Bench Press"."""
    covers: dict[str, tuple[str, ...]] = {}
    for first, second in itertools.pairwise(words):
        covers[first + second] = (*splits.get(first, (first,)), *splits.get(second, (second,)))
    for word in words:
        parts = splits.get(word)
        if parts is not None:
            covers.update({part: (part,) for part in parts})
        covers[word] = parts or (word,)
    return covers


def _labels(taxonomy: Taxonomy) -> dict[tuple[str, ...], Meaning]:
    """The words of every muscle group's and equipment type's name and aliases, and of muscle slang, with what they
    name. A query for a machine accepts the machines that are a kind of it (`KINDS_OF`)."""
    muscles: dict[tuple[str, ...], set[str]] = {}
    equipment: dict[tuple[str, ...], set[str]] = {}
    for group in taxonomy.muscles.values():
        for label in (group.name, *group.aliases):
            muscles.setdefault(words_of(label), set()).add(group.slug)
    for word, slugs in MUSCLE_SLANG.items():
        muscles.setdefault((word,), set()).update(slug for slug in slugs if slug in taxonomy.muscles)
    for kind in taxonomy.equipment.values():
        for label in (kind.name, *kind.aliases):
            equipment.setdefault(words_of(label), set()).update((kind.slug, *KINDS_OF.get(kind.slug, ())))
    return {
        words: Meaning(frozenset(muscles.get(words, ())), frozenset(equipment.get(words, ())))
        for words in muscles.keys() | equipment.keys()
        if words
    }


def _phrase_equipment(
    words: tuple[str, ...], labels: dict[tuple[str, ...], Meaning], longest: int
) -> dict[str, frozenset[str]] | None:
    found: dict[str, frozenset[str]] = {}
    for start in range(len(words) - 1):
        for length in range(min(longest, len(words) - start), 1, -1):
            meaning = labels.get(words[start : start + length])
            if meaning is not None and meaning.equipment:
                for word in words[start : start + length]:
                    alone = labels.get((word,))
                    if alone is None or not alone.equipment & meaning.equipment:
                        found[word] = meaning.equipment
                break
    return found or None


def _muscle_words(taxonomy: Taxonomy) -> dict[str, frozenset[str]]:
    """Each muscle group's one-word names in the taxonomy ("glute", "buttock", "gluteal" for the glutes); slang is
    left out, being looser ("back" names three groups)."""
    found: dict[str, set[str]] = {}
    for group in taxonomy.muscles.values():
        for label in (group.name, *group.aliases):
            words = words_of(label)
            if len(words) == 1:
                found.setdefault(group.slug, set()).add(words[0])
    return {muscle: frozenset(words) for muscle, words in found.items()}
