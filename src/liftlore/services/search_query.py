"""A search query read against the library's vocabulary: each word with the words it may stand for, and what it
names.

Neighbouring words that names write as one are joined ("kettle bell"); each word is kept when names use it, else
corrected (a typo within `max_edits`), else split into two ("dumbbellpress"). Then runs of words that are a
muscle or equipment label, longest first ("ez bar", "lower back", "butt"), say what they name; a muscle word also
stands for the group's other one-word names ("butt" finds "Glute Bridge").
"""

from __future__ import annotations

from dataclasses import dataclass

from liftlore.domain.names import normalise_name
from liftlore.services.search_keys import Meaning, SearchIndex
from liftlore.services.search_vocabulary import spelled_words

OTHER_NAME = 95.0  # a name word that is another name of the muscle the query names


@dataclass(frozen=True)
class QueryWord:
    alternatives: tuple[tuple[str, float], ...]  # vocabulary words it may stand for and how similar, best first
    meaning: Meaning  # what it names, as part of a label


@dataclass(frozen=True)
class Query:
    words: tuple[QueryWord, ...]
    keys: frozenset[str]  # the query as a name key, to find exact names and aliases
    alone: bool  # the query is one muscle or equipment label and nothing else ("glute", "smith machine")


def read_query(text: str, index: SearchIndex) -> Query:
    vocabulary = index.vocabulary
    spelled = spelled_words(text)
    canonical = tuple(word for word, _ in spelled)
    as_typed = dict(spelled)
    pieces: list[dict[str, float]] = []
    readings: list[str] = []
    for word in vocabulary.join(canonical):
        fixed = vocabulary.corrections(word, as_typed.get(word, ""))
        # A word names use or a typo of one; else two glued together; else a word no name uses (it answers nothing).
        read_as = [(word, fixed)] if fixed else vocabulary.split(word) or [(word, {})]
        for reading, found in read_as:
            pieces.append(found)
            readings.append(vocabulary.reading(found) if found else reading)
    meanings, labels = _meanings(readings, index)
    return Query(
        words=tuple(_query_word(found, meaning, index) for found, meaning in zip(pieces, meanings, strict=True)),
        keys=frozenset({normalise_name(text), "".join(canonical)}),
        alone=labels == 1 and all(meaning is not None for meaning in meanings),
    )


def _meanings(readings: list[str], index: SearchIndex) -> tuple[list[Meaning | None], int]:
    """What each word names as part of the longest label it starts or continues, and how many labels there are."""
    meanings: list[Meaning | None] = [None] * len(readings)
    labels = 0
    start = 0
    while start < len(readings):
        for length in range(min(index.longest_label, len(readings) - start), 0, -1):
            meaning = index.labels.get(tuple(readings[start : start + length]))
            if meaning is not None:
                meanings[start : start + length] = [meaning] * length
                labels += 1
                start += length
                break
        else:
            start += 1
    return meanings, labels


def _query_word(found: dict[str, float], meaning: Meaning | None, index: SearchIndex) -> QueryWord:
    alternatives = dict(found)
    for muscle in meaning.muscles if meaning else ():
        for word in index.muscle_words.get(muscle, ()):
            alternatives[word] = max(alternatives.get(word, 0.0), OTHER_NAME)
    best_first = tuple(sorted(alternatives.items(), key=lambda item: (-item[1], item[0])))
    return QueryWord(best_first, meaning or Meaning())
