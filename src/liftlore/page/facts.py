"""Facts read from a page's prose: laterality, mechanic, movement pattern, loading, a drill's dose and name,
references, and the exercise's name. The catalog checker uses the same functions, so what a bundled page
says and what its front matter claims can never drift apart."""

from __future__ import annotations

import re

from liftlore.domain.exercise import MOVEMENT_PATTERNS, Dose, Laterality, Loading, Mechanic, Reference
from liftlore.domain.names import sentence_case, title_case
from liftlore.page import numbers

# Words a summary paragraph may open with; a line before "Muscle Worked" that opens otherwise is a step.
SUMMARY_OPENERS = frozenset(
    [
        "the",
        "this",
        "these",
        "it",
        "its",
        "you",
        "your",
        "by",
        "because",
        "unlike",
        "compared",
        "when",
        "while",
        "if",
        "for",
        "with",
        "as",
        "many",
        "most",
        "both",
        "since",
        "although",
        "training",
        "doing",
        "using",
        "adding",
        "once",
        "instead",
        "over",
        "at",
        "in",
        "on",
        "a",
        "an",
    ]
)

# Verbs that end in -ing but are imperatives ("Swing your leg"), not gerunds that open a summary paragraph.
ING_VERBS = frozenset({"swing", "bring", "spring", "string", "sling", "fling", "cling", "sting", "wring"})


def opens_summary(line: str) -> bool:
    """Whether a line before 'Muscle Worked' reads as summary prose rather than a how-to step."""
    word = first_word(line)
    return word in SUMMARY_OPENERS or (word.endswith("ing") and len(word) >= 6 and word not in ING_VERBS)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
_WORD = re.compile(r"[A-Za-z0-9']+")


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def first_word(line: str) -> str:
    match = _WORD.search(line)
    return match.group(0).lower() if match else ""


def looks_like_heading(line: str) -> bool:
    """A short line in Title Case with no closing punctuation: 'Common Mistakes', not 'Keep your back flat.'"""
    text = line.strip()
    if not text or text[-1] in '.!?:;,"”)' or len(text.split()) > 6:
        return False
    words = [w for w in re.split(r"[\s]+", text) if w]
    significant = [w for w in words if w.lower() not in {"a", "an", "and", "or", "the", "of", "on", "to", "&"}]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def name_from_summary(first_sentence: str) -> str | None:
    """'The single-leg hip thrust is a ...' -> 'Single-Leg Hip Thrust'."""
    match = re.match(r"^(?:The|A|An)\s+(?P<name>.+?)\s+(?:is|are)\s", first_sentence)
    if not match or len(match.group("name").split()) > 8:
        return None
    return title_case(match.group("name"))


def _first_term(text: str, terms: tuple[str, ...]) -> str | None:
    """The term named as '<term> exercise' if any, else the one that appears first in the text."""
    lowered = text.lower()
    best: tuple[int, int, str] | None = None
    for term in terms:
        pattern = re.escape(term)
        for rank, regex in enumerate(
            (
                rf"(?<![\w-]){pattern}(?:es|s)?\s+(?:exercise|movement|pattern|lift|drill|hold)\b",
                rf"(?<![\w-]){pattern}(?![\w-])",
            )
        ):
            found = re.search(regex, lowered)
            if found:
                candidate = (rank, found.start(), term)
                # Rank first, then position; at one position prefer the longer term ('hip hinge' over 'hinge').
                if best is None or candidate[:2] < best[:2] or (candidate[:2] == best[:2] and len(term) > len(best[2])):
                    best = candidate
                break
    return best[2] if best else None


def laterality_in(text: str) -> Laterality | None:
    found = _first_term(text, ("unilateral", "bilateral"))
    return Laterality(found) if found else None


def mechanic_in(text: str) -> Mechanic | None:
    found = _first_term(text, ("isolation", "compound"))
    return Mechanic(found) if found else None


def movement_pattern_in(text: str) -> str | None:
    return _first_term(text, MOVEMENT_PATTERNS)


_BODYWEIGHT = re.compile(r"\b(?:body ?weight|your own weight)\b", re.IGNORECASE)
_LOADED = re.compile(
    r"(?<!\bno )(?<!\bwithout )\b(?:resistance|load|loaded|loading|weights|weighted|added weight|extra weight)\b",
    re.IGNORECASE,
)


def loading_in(text: str) -> tuple[Loading, ...]:
    """Which kinds of loading the prose names: 'with resistance or just your body weight' gives both."""
    found: list[Loading] = []
    if _BODYWEIGHT.search(text):
        found.append(Loading.BODYWEIGHT)
    if _LOADED.search(_BODYWEIGHT.sub(" ", text)):
        found.append(Loading.LOADED)
    return tuple(found)


_PER_SIDE = re.compile(
    r"\b(?:(?:per|each|every|either|other|opposite)\s+(?:side|leg|arm|hand|foot|hip|shoulder|knee|ankle|wrist|limb)s?|"
    r"both sides|each direction|(?:switch|swap|change|alternate)\s+(?:sides|legs|arms|hands|feet)|"
    r"left and right|right and left|then (?:to |on )?the (?:left|right))\b",
    re.IGNORECASE,
)


def dose_in(steps: tuple[str, ...] | list[str], intro: str | None = None) -> Dose:
    """The dose a drill states, in its steps or else in its intro ("Loosen up with arm circles, ten each way"):
    a time span if one is given, else a count; per side when a line says "each leg", "switch sides", ..."""
    lines = [*steps, *([intro] if intro else [])]
    per_side = any(_PER_SIDE.search(line) for line in lines)
    for line in lines:
        seconds = numbers.seconds_in(line)
        if seconds is not None:
            return Dose(text=line, reps=None, seconds=seconds, per_side=per_side)
    for line in lines:
        count = numbers.count_in(line)
        if count is not None:
            return Dose(text=line, reps=count, seconds=None, per_side=per_side)
    return Dose(text=None, reps=None, seconds=None, per_side=per_side)


_DRILL_INTRO = re.compile(
    r"^(?:Try|Use|Do|Perform)\s+(?:an?\s+|the\s+|some\s+)?(?P<name>[^.:]+?)\s+to\s", re.IGNORECASE
)


def drill_name_in(intro: str) -> str | None:
    """'Try forward leg swings to warm up ...' -> 'Forward leg swings'."""
    match = _DRILL_INTRO.match(intro.strip())
    return sentence_case(match.group("name").strip()) if match else None


_LEARN_MORE = re.compile(
    r"Learn more[^:.]*?:\s*(?P<title>.+?)(?:\s*\(doi:?\s*(?P<doi>10\.\S+?)\))?\.?\s*$", re.IGNORECASE
)


def reference_in(paragraph: str) -> Reference | None:
    """The study a paragraph cites in its closing 'Learn more here: <title>.' sentence."""
    match = _LEARN_MORE.search(paragraph)
    if not match:
        return None
    return Reference(title=match.group("title").strip().rstrip("."), doi=match.group("doi"))


def references_in(paragraphs: list[str] | tuple[str, ...]) -> tuple[Reference, ...]:
    found: dict[str, Reference] = {}
    for paragraph in paragraphs:
        ref = reference_in(paragraph)
        if ref is not None and ref.title.lower() not in found:
            found[ref.title.lower()] = ref
    return tuple(found.values())
