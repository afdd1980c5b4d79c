"""Typo-tolerant, alias-aware ranking of exercises for a free-text query.

Ranking happens in Python over the library snapshot, so SQLite and PostgreSQL give the same results: the database
only supplies the rows. `search_index` (in `search_keys`) is built once per snapshot; a query is read against its
vocabulary (`search_query`: typos corrected, glued words split, abbreviations and slang spelled out), the inverted
index gives the candidates, and only those are scored:

- the exact name or alias wins outright;
- otherwise each query word scores its best match in a name (a corrected typo a little less than the word itself),
  or, when it names a muscle group or equipment, the exercise's facts answer it ("squat machine" finds squats done
  on a machine, not every squat); each word of the name no query word answers costs a little, so the plainest
  name comes first;
- a query that is just a muscle group or a piece of equipment ("glute", "kettlebell") lists what trains or uses it,
  below the names that say it.

Scores under 75 are dropped; ties go to the bundled catalog's complete pages, then to shorter names.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

from liftlore.services.search_keys import SearchIndex, SearchKey, search_index
from liftlore.services.search_query import Query, QueryWord, read_query

__all__ = ["MIN_SCORE", "SearchIndex", "rank", "search_index"]

MIN_SCORE = 75.0  # below this a match is noise
EXACT = 110.0  # the query is a name or an alias, however it is spelled
EXTRA_WORD = 2.5  # per name word no query word answers
# What a query word is worth when the exercise's facts answer it rather than its name: the equipment it uses
# nearly as much as saying it ("leg press machine"), a muscle it trains less, since a name is what people look for.
EQUIPMENT_USED = 95.0
PRIMARY_MUSCLE = 85.0
SECONDARY_MUSCLE = 60.0
# A query that only names a muscle group or equipment lists what trains or uses it, below names that say it.
PRIMARY_ALONE = 95.0
EQUIPMENT_ALONE = 80.0
UNTRAINED = 0.85  # the name says the muscle's word but the exercise does not train it ("Butt Kick", "Butt-Ups")
MAX_COMBINATIONS = 16  # beyond this many ways to pick the words a candidate must answer, count instead


@dataclass(frozen=True)
class _Word:
    """A query word prepared against the index: the keys whose names hold it and what facts say to it."""

    word: QueryWord
    named: set[int]  # positions of the keys whose names hold one of its alternatives
    facts: dict[int, float]  # position -> score, for a word naming muscles or equipment
    trained: frozenset[int] | None  # positions training the muscles it names; None when it names none


def _prepare(word: QueryWord, index: SearchIndex, alone: bool) -> _Word:
    named: set[int] = set()
    for alternative, _ in word.alternatives:
        named.update(index.postings.get(alternative, {}))
    muscles = word.meaning.muscles
    if not muscles and not word.meaning.equipment:
        return _Word(word, named, {}, None)
    facts: dict[int, float] = {}
    trained: set[int] = set()
    for muscle in muscles:
        secondary = index.secondary_of.get(muscle, frozenset())
        trained.update(secondary)
        if not alone:  # alone, a secondary muscle scores under the minimum: not worth listing
            facts.update(dict.fromkeys(secondary, SECONDARY_MUSCLE))
    for muscle in muscles:
        primary = index.primary_of.get(muscle, frozenset())
        trained.update(primary)
        facts.update(dict.fromkeys(primary, PRIMARY_ALONE if alone else PRIMARY_MUSCLE))
    used = EQUIPMENT_ALONE if alone else EQUIPMENT_USED
    for kind in word.meaning.equipment:
        for position in index.users_of.get(kind, ()):
            if facts.get(position, 0.0) < used:
                facts[position] = used
    return _Word(word, named, facts, frozenset(trained) if muscles else None)


def _answering_enough(answering: list[set[int]]) -> set[int]:
    """The keys found in enough of the query words' sets to reach the minimum score: each set holds the keys that
    answer one word, and a key answering too few of them cannot score 75 however well it answers those."""
    answering = sorted(answering, key=len)
    needed = math.ceil(len(answering) * MIN_SCORE / 100.0 - 1e-9)
    if needed == len(answering):
        return set.intersection(*answering)
    if math.comb(len(answering), needed) <= MAX_COMBINATIONS:
        return set().union(*(set.intersection(*chosen) for chosen in itertools.combinations(answering, needed)))
    counts = Counter(position for found in answering for position in found)
    return {position for position, count in counts.items() if count >= needed}


def _score(words: list[_Word], alone: bool, key: SearchKey, position: int, facts: list[float]) -> float:
    """The best score among the exercise's names: each query word answered by its best word in the name or by the
    exercise's facts, less a little for each of the name's words no query word answers."""
    count = len(words)
    best = 0.0
    for name in key.names:
        covers = name.covers
        phrase = name.phrase_equipment
        used: list[str] = []  # a name word answers one query word only
        covered = 0
        total = 0.0
        for word, fact in zip(words, facts, strict=True):
            similarity = 0.0
            equipment = word.word.meaning.equipment
            for alternative, value in word.word.alternatives:  # best first: the first the name holds is the one
                if alternative not in covers or alternative in used:
                    continue
                if phrase and equipment:
                    inside = phrase.get(alternative)
                    if inside is not None and not inside & equipment:
                        continue
                used.append(alternative)
                covered += len(covers[alternative])
                similarity = value
                break
            if similarity and word.trained is not None and key.has_muscles and position not in word.trained:
                similarity *= UNTRAINED
            total += similarity if alone or similarity > fact else fact
        score = total / count - EXTRA_WORD * max(0, name.count - covered)
        if score > best:
            best = score
    return max(best, *facts) if alone else best


def _score_by_facts(key: SearchKey, facts: list[float]) -> float:
    """The score of an exercise whose names hold none of the query's words: its facts alone."""
    return sum(facts) / len(facts) - EXTRA_WORD * key.fewest_words


def _one_word(word: _Word, index: SearchIndex, exact: set[int]) -> list[tuple[float, int]]:
    """The scores for a query of one word, read straight from the postings: per exercise, its best alternative
    less the words its best name leaves unanswered (what `_score` works out name by name for longer queries). A
    single word that names a muscle or equipment is a label alone: its facts score too."""
    best: dict[int, float] = {}
    equipment = bool(word.word.meaning.equipment)
    for alternative, similarity in word.word.alternatives:
        for position, unanswered in index.postings.get(alternative, {}).items():
            key = index.keys[position]
            if equipment and position in index.phrased:  # a two-word label may hide the word ("ez bar" hides "bar")
                score = _score([word], True, key, position, [word.facts.get(position, 0.0)])
            elif word.trained is not None and position not in word.trained and key.has_muscles:
                score = similarity * UNTRAINED - EXTRA_WORD * unanswered
            else:
                score = similarity - EXTRA_WORD * unanswered
            if score > best.get(position, 0.0):
                best[position] = score
    for position, fact in word.facts.items():
        if fact > best.get(position, 0.0):
            best[position] = fact
    best.update(dict.fromkeys(exact, EXACT))
    return [(-score, position) for position, score in best.items() if score >= MIN_SCORE]


def _many_words(words: list[_Word], alone: bool, index: SearchIndex, exact: set[int]) -> list[tuple[float, int]]:
    scored: list[tuple[float, int]] = [(-EXACT, position) for position in exact]
    if alone:
        # One label ("smith machine"), so every word has the same facts: the exercises whose names hold too few of
        # its words score their facts, without a look at their names.
        named = _answering_enough([word.named for word in words]) - exact
        scored.extend(
            (-score, position)
            for position, score in words[0].facts.items()
            if score >= MIN_SCORE and position not in named and position not in exact
        )
        candidates = named
    else:
        named = set().union(*(word.named for word in words))
        candidates = _answering_enough([word.named.union(word.facts) for word in words]) - exact
    for position in candidates:
        key = index.keys[position]
        facts = [word.facts.get(position, 0.0) for word in words]
        named_here = position in named
        score = _score(words, alone, key, position, facts) if named_here else _score_by_facts(key, facts)
        if score >= MIN_SCORE:
            scored.append((-score, position))
    return scored


def rank(text: str, index: SearchIndex) -> list[tuple[str, float]]:
    """(slug, score) of the exercises that match, best first."""
    query: Query = read_query(text, index)
    if not query.words:
        return []
    words = [_prepare(word, index, query.alone) for word in query.words]
    exact = {position for key in query.keys for position in index.exact.get(key, ())}
    many = len(words) > 1
    scored = _many_words(words, query.alone, index, exact) if many else _one_word(words[0], index, exact)
    scored.sort()
    return [(index.keys[position].slug, -score) for score, position in scored]
