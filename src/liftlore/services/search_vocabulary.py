"""The words of exercise names as search compares them, and the vocabulary of a library built from them.

A name becomes canonical words: lower case, plain letters, singular, abbreviations spelled out ("DB RDL" ->
dumbbell romanian deadlift), "one arm" -> single arm, words in parentheses first (as `normalise_name` orders them),
small words dropped. The vocabulary knows every word and which two words follow each other in some name, so a
query word can be corrected (a typo), split ("hipthrust") or joined with the next one ("kettle bell") before any
exercise is looked at.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from liftlore.domain.names import normalise_name
from liftlore.services.search_synonyms import ABBREVIATIONS, PHRASES, STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
MIN_SPLIT_PART = 2  # "t" + "bar" is not a split worth trying; "ez" + "bar" is


@lru_cache(maxsize=1 << 16)
def _canonical_word(word: str) -> tuple[str, ...]:
    singular = normalise_name(word) or word  # normalise_name of one word is its singular
    return ABBREVIATIONS.get(singular, (singular,))


def words_of(text: str) -> tuple[str, ...]:
    """The canonical words of a name or a query: 'Squat (Smith Machine)' -> ('smith', 'machine', 'squat')."""
    return tuple(word for word, _ in spelled_words(text))


def spelled_words(text: str) -> tuple[tuple[str, str], ...]:
    """Each canonical word with the word as typed, for typo correction: making 'pres' singular gives 'pre', which
    is further from 'press' than what was typed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = plain.replace("'", "")  # "farmer's" is one word
    in_parentheses = " ".join(_PARENTHESES.findall(plain))
    spelled: list[tuple[str, str]] = []
    for typed in _WORD.findall(f"{in_parentheses} {_PARENTHESES.sub(' ', plain)}"):
        canonical = _canonical_word(typed)
        spelled.extend((word, typed if len(canonical) == 1 else word) for word in canonical)  # "rdl": no typos
    words: list[tuple[str, str]] = []
    index = 0
    while index < len(spelled):
        pair = (spelled[index][0], spelled[index + 1][0]) if index + 1 < len(spelled) else None
        if pair is not None and pair in PHRASES:
            words.extend((word, word) for word in PHRASES[pair])
            index += 2
        else:
            words.append(spelled[index])
            index += 1
    return tuple((word, typed) for word, typed in words if word not in STOP_WORDS)


def max_edits(word: str) -> int:
    """How many typos a word may hold and still be corrected: none in short words, where one letter makes another
    word ('row', 'raw'), one in four or five letters, two beyond ('dumbel')."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 5 else 2


def similarity(word: str, edits: int, other: str) -> float:
    return 100.0 * (1.0 - edits / max(len(word), len(other)))


# A word seen in one or two names may itself be a typo of the datasets ("Dumbell Tate Press"): a word within its
# typos that names use this many times more often is offered beside it.
RARE = 2
MORE_COMMON = 10


@dataclass(frozen=True)
class Vocabulary:
    """Every word a query can be matched against: the words of names (`real`), two neighbouring words run together
    ("hipthrust", from "Hip Thrust"), and the words of muscle and equipment labels."""

    real: frozenset[str]
    known: frozenset[str]  # real words, joined pairs and label words
    pairs: frozenset[tuple[str, str]]  # neighbouring words in some name
    # Typo correction SymSpell's way: every known word with up to MAX_EDITS letters left out, to the words it came
    # from. Two words within d typos of each other (insertions, deletions, substitutions, swaps) share a variant
    # with at most d letters left out of each, so a typo's own variants find every word near it without comparing
    # it with the whole vocabulary.
    # The words of a variant are one string, split when looked up: strings are not tracked by the garbage
    # collector, where a list per variant (hundreds of thousands at 10,000 exercises) doubled the build's time.
    variants: dict[str, str]
    frequency: dict[str, int]  # how many exercises' names hold each word

    def corrections(self, word: str, typed: str = "") -> dict[str, float]:
        """The known words the word may stand for, with their similarity (100 for the word itself): itself when
        known; else the nearest words within the typos it may hold, and a farther one that is far more common
        ('dumbel' -> dumbell, from one dataset name, and dumbbell). `typed` is the word as typed when it differs
        (before it was made singular: 'pres' -> 'pre' is further from 'press')."""
        own = self.frequency.get(word, 0)
        if word in self.known and not 0 < own <= RARE:
            return {word: 100.0}
        near: dict[str, tuple[int, float]] = {}  # word -> (typos, similarity)
        for form in {word, typed} - {""}:
            for choice, distance in self._near(form):
                score = similarity(form, distance, choice)
                if choice not in near or (distance, -score) < (near[choice][0], -near[choice][1]):
                    near[choice] = (distance, score)
        if word in self.known:
            common = max(MORE_COMMON * own, MORE_COMMON)
            return {word: 100.0} | {
                choice: score for choice, (_, score) in near.items() if self.frequency.get(choice, 0) >= common
            }
        if not near:
            return {}
        nearest = min(distance for distance, _ in near.values())
        usual = max(self.frequency.get(choice, 0) for choice, (distance, _) in near.items() if distance == nearest)
        common = max(MORE_COMMON * usual, MORE_COMMON)
        return {
            choice: score
            for choice, (distance, score) in near.items()
            if distance == nearest or self.frequency.get(choice, 0) >= common
        }

    def _near(self, form: str) -> list[tuple[str, int]]:
        """The known words within `max_edits(form)` typos of `form`, with how many: by length, then fewest typos,
        then alphabetically."""
        edits = max_edits(form)
        if not edits:
            return []
        candidates = {choice for variant in left_out(form, edits) for choice in self.variants.get(variant, "").split()}
        found = []
        for choice in candidates:
            if abs(len(choice) - len(form)) <= edits:
                distance = OSA.distance(form, choice, score_cutoff=edits)
                if distance <= edits:
                    found.append((choice, distance))
        found.sort(key=lambda near: (len(near[0]), near[1], near[0]))
        return found

    def reading(self, alternatives: dict[str, float]) -> str:
        """The word a query word most likely is, to tell whether it names a muscle or equipment: the most similar,
        unless a slightly less similar one is far more common ('dumbell' reads as dumbbell)."""

        def likelihood(word: str) -> float:
            return alternatives[word] + 10.0 * math.log10(1 + self.frequency.get(word, 0))

        return max(alternatives, key=likelihood)

    def join(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Neighbouring query words that names write as one ('kettle bell' -> kettlebell, 'dead lift' -> deadlift),
        unless some name also writes them apart (then both spellings match already)."""
        joined: list[str] = []
        index = 0
        while index < len(words):
            if index + 1 < len(words):
                first, second = words[index], words[index + 1]
                if first + second in self.real and (first, second) not in self.pairs:
                    joined.append(first + second)
                    index += 2
                    continue
            joined.append(words[index])
            index += 1
        return tuple(joined)

    def split(self, word: str) -> list[tuple[str, dict[str, float]]] | None:
        """An unknown word read as two known ones ('dumbbellpress' -> dumbbell + press), the second or first allowed
        a typo ('dumbellpress'); None when no split reads well."""
        if len(word) < 2 * MIN_SPLIT_PART + 1:
            return None
        best: tuple[float, list[tuple[str, dict[str, float]]]] | None = None
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            head, tail = word[:cut], word[cut:]
            if head in self.real and tail in self.real:
                # A pair seen in names beats one that is not; then the more even cut ("ez bar", not "e zbar").
                weight = 300.0 + (50.0 if (head, tail) in self.pairs else 0.0) + min(len(head), len(tail))
                option = [(head, {head: 100.0}), (tail, {tail: 100.0})]
            elif head in self.real and len(tail) >= 4 and (fixed := self.corrections(tail)):
                weight = 100.0 + max(fixed.values())
                option = [(head, {head: 100.0}), (tail, fixed)]
            elif tail in self.real and len(head) >= 4 and (fixed := self.corrections(head)):
                weight = 100.0 + max(fixed.values())
                option = [(head, fixed), (tail, {tail: 100.0})]
            else:
                continue
            if best is None or weight > best[0]:
                best = (weight, option)
        return best[1] if best else None


# The most typos `max_edits` allows in any word: the variants index leaves out up to this many letters.
MAX_EDITS = 2


def left_out(word: str, most: int) -> set[str]:
    """`word` with up to `most` of its letters left out, itself included."""
    found = {word}
    last = {word}
    for _ in range(most):
        last = {shorter[:at] + shorter[at + 1 :] for shorter in last for at in range(len(shorter))}
        found |= last
    return found


def pairs_of(names: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, str]]:
    return frozenset(pair for words in names for pair in itertools.pairwise(words))


def split_pairs(word: str, pairs: frozenset[tuple[str, str]]) -> tuple[str, str] | None:
    """A glued name word that other names write as two ('Pullups' beside 'Pull-Up'), as those two words."""
    for cut in range(1, len(word)):
        if (word[:cut], word[cut:]) in pairs:
            return word[:cut], word[cut:]
    return None


def vocabulary(
    name_words: Iterable[str],
    joined: Iterable[str],
    labels: Iterable[str],
    pairs: frozenset[tuple[str, str]],
    frequency: dict[str, int],
) -> Vocabulary:
    real = frozenset(name_words)
    known = real | frozenset(joined) | frozenset(labels)
    variants: dict[str, str] = {}
    for word in known:
        # A word of two letters is never a correction: only words of four letters or more may hold a typo, one
        # when they are that short (max_edits).
        if len(word) > MAX_EDITS:
            for variant in left_out(word, MAX_EDITS):
                before = variants.get(variant)
                variants[variant] = word if before is None else f"{before} {word}"
    return Vocabulary(
        real=real,
        known=known,
        pairs=pairs,
        variants=variants,
        frequency=frequency,
    )
