"""Matching the exercise names of another app's log to the library.

In order, the first that answers wins:
1. **exact**: the name or an alias means the same (`normalise_name`: case, punctuation, plurals, and words in
   parentheses counting as if they came first, so 'Bench Press (Barbell)' is 'Barbell Bench Press');
2. **equipment**: 'Leg Extension (Machine)' is the library's 'Leg Extension' when that exercise uses a machine
   (apps name the equipment in parentheses; the library leaves it out when there is only one way to do it);
3. **fuzzy**: the words agree closely (rapidfuzz ratio of the sorted words at least FUZZY_THRESHOLD), and neither name
   has a word that changes the exercise which the other lacks or swaps ('incline', 'single'; 'abduction' for
   'adduction'), though a misspelt one is fine;
4. otherwise the name is **new** and becomes a custom exercise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from liftlore.domain.names import normalise_name

# Chosen on the names of the real Strong and Hevy samples: word-order variants score 100 ('Seated Row (Machine)' /
# 'seated machine row'), while different exercises that share most words score 74-86 ('Reverse Lunge (Dumbbell)' /
# 'Reverse Dumbbell Fly' 86). See docs/training-log.md.
FUZZY_THRESHOLD = 90.0
TYPO_RATIO = 75.0  # how alike a misspelt word must be to the word it stands for


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a different exercise: a fuzzy match may not add or drop one.
MODIFIERS = _words(
    "abduction adduction flexion extension incline decline flat front back side rear lateral reverse "
    "close wide narrow single one two alternating seated standing lying kneeling prone supine overhead "
    "upright hammer sumo romanian stiff bulgarian pistol goblet zercher hack split jump box deficit pause "
    "paused tempo banded band assisted weighted up down upper lower high low inner outer internal "
    "external left right palm palms neutral underhand overhand pronated supinated crossover pullover push "
    "pull press fly flye raise curl row squat deadlift lunge dip shrug thrust bridge kickback pushdown "
    "pressdown pulldown calf leg arm chest shoulder hip"
)

# The word an app puts in parentheses -> the library's equipment slug ("" for none needed).
EQUIPMENT_WORDS = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebell": "kettlebell",
    "cable": "cable",
    "machine": "machine",
    "smith machine": "smith-machine",
    "band": "resistance-band",
    "resistance band": "resistance-band",
    "ez bar": "ez-bar",
    "ez-bar": "ez-bar",
    "trap bar": "trap-bar",
    "landmine": "landmine",
    "bodyweight": "",
}
_PARENTHESES = re.compile(r"^(?P<base>.*?)\s*\((?P<word>[^)]*)\)\s*$")


def named_equipment(name: str) -> tuple[str, str] | None:
    """The exercise and the equipment slug of a name ending in an app's parenthesised equipment word:
    'Leg Extension (Machine)' -> ('Leg Extension', 'machine'), 'Crunch (Bodyweight)' -> ('Crunch', ''); None when
    the name ends in no parentheses, or in words that name no equipment."""
    parts = _PARENTHESES.match(name)
    if parts is None:
        return None
    slug = EQUIPMENT_WORDS.get(" ".join(parts.group("word").lower().split()))
    return None if slug is None else (parts.group("base"), slug)


class MatchKind(StrEnum):
    EXACT = "exact"
    EQUIPMENT = "equipment"
    FUZZY = "fuzzy"
    NEW = "new"


@dataclass(frozen=True)
class LibraryName:
    """What matching needs to know of a library exercise."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    equipment: frozenset[str] = frozenset()  # slugs of required equipment


@dataclass(frozen=True)
class Match:
    name: str  # as the log writes it
    kind: MatchKind
    slug: str | None = None  # None for NEW
    matched: str | None = None  # the library name or alias it matched
    score: float | None = None  # for FUZZY


def fuzzy_words(name: str) -> tuple[str, ...]:
    """'Single Arm Lateral Raise (Cable)' -> ('cable', 'single', 'arm', 'lateral', 'raise'): lower case, ASCII,
    hyphens split, plurals singular, words in parentheses first."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    inside = " ".join(re.findall(r"\(([^)]*)\)", text))
    outside = re.sub(r"\([^)]*\)", " ", text)
    return tuple(normalise_name(word) for word in re.findall(r"[a-z0-9]+", f"{inside} {outside}"))


class NameMatcher:
    def __init__(self, library: Iterable[LibraryName]) -> None:
        self.by_key: dict[str, tuple[LibraryName, str]] = {}
        self.fuzzy: list[tuple[str, frozenset[str], LibraryName, str]] = []
        for entry in library:
            self.add(entry)

    def add(self, entry: LibraryName) -> None:
        """Make an exercise matchable (the importer adds each custom exercise it creates)."""
        for name in (entry.name, *entry.aliases):
            self.by_key.setdefault(normalise_name(name), (entry, name))
            words = fuzzy_words(name)
            self.fuzzy.append((" ".join(sorted(words)), frozenset(words), entry, name))

    def match(self, name: str) -> Match:
        found = self.by_key.get(normalise_name(name))
        if found is not None:
            return Match(name, MatchKind.EXACT, found[0].slug, found[1])
        by_equipment = self._by_equipment(name)
        if by_equipment is not None:
            return by_equipment
        return self._by_words(name) or Match(name, MatchKind.NEW)

    def _by_equipment(self, name: str) -> Match | None:
        named = named_equipment(name)
        if named is None:
            return None
        base, slug = named
        found = self.by_key.get(normalise_name(base))
        if found is None:
            return None
        entry, matched = found
        fits = not entry.equipment if slug == "" else slug in entry.equipment
        return Match(name, MatchKind.EQUIPMENT, entry.slug, matched) if fits else None

    def _by_words(self, name: str) -> Match | None:
        words = fuzzy_words(name)
        if not words:
            return None
        query, mine = " ".join(sorted(words)), frozenset(words)
        best: Match | None = None
        for sorted_words, theirs, entry, matched in self.fuzzy:
            score = fuzz.ratio(query, sorted_words)
            if score < FUZZY_THRESHOLD or (best is not None and score <= (best.score or 0)):
                continue
            if _changes_exercise(mine - theirs, theirs - mine) or _changes_exercise(theirs - mine, mine - theirs):
                continue
            best = Match(name, MatchKind.FUZZY, entry.slug, matched, round(score, 1))
        return best


def _changes_exercise(only_here: frozenset[str], only_there: frozenset[str]) -> bool:
    """Whether a word only one name has makes it another exercise: a modifier the other name lacks altogether, or
    one it has swapped for another modifier ('abduction' for 'adduction'). A misspelt modifier ('abdcution') has a
    close counterpart that is no modifier itself, and is let through."""
    for word in only_here & MODIFIERS:
        closest = max(only_there, key=lambda other: fuzz.ratio(word, other), default=None)
        if closest is None or closest in MODIFIERS or fuzz.ratio(word, closest) < TYPO_RATIO:
            return True
    return False
