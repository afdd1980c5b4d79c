"""Slugs, display names and the normalised form used to match names and aliases."""

from __future__ import annotations

import re
import unicodedata

_SMALL_WORDS = frozenset({"a", "an", "and", "or", "the", "of", "on", "to", "with", "for", "in", "at", "by", "vs"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """'Farmer's Carry' -> 'farmers-carry'; apostrophes vanish instead of splitting the word."""
    cleaned = _ascii(text).lower().replace("'", "").replace("’", "")
    return _NON_WORD.sub("-", cleaned).strip("-")


# Names that say the exercise is done one side at a time: "single-leg", "one arm", and the movements that are one-
# sided by nature (lunges, split squats, step-ups, pistols, Bulgarians), which the datasets sometimes call bilateral.
_ONE_SIDED = re.compile(
    r"\b(?:single|one)[- ]?(?:leg|arm|legged|armed)\b|\bunilateral\b|\blunges?\b|\bsplit squats?\b|"
    r"\bstep[- ]?ups?\b|\bpistol\b|\bbulgarian\b",
    re.IGNORECASE,
)


def is_one_sided(name: str) -> bool:
    """Whether an exercise's name says it works one side at a time ('Reverse Lunge', 'Single-Leg Hip Thrust')."""
    return _ONE_SIDED.search(name) is not None


_PARENTHESES = re.compile(r"\(([^)]*)\)")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def normalise_name(text: str) -> str:
    """The key two names must share to be the same exercise.

    'Pull Up', 'pull-up', 'Pull-ups' and 'pullup' agree, and so do 'Bench Press (Barbell)' and 'Barbell Bench
    Press': case, punctuation and plurals are ignored, and words in parentheses (usually the equipment) count
    as if they came first.
    """
    lowered = re.sub(r"(?<=\w)-(?=\w)", "", _ascii(text).lower().replace("'", ""))  # pull-ups -> pullups
    in_parentheses = " ".join(_PARENTHESES.findall(lowered))
    words = re.findall(r"[a-z0-9]+", f"{in_parentheses} {_PARENTHESES.sub(' ', lowered)}")
    return "".join(_singular(word) for word in words)


def title_case(text: str) -> str:
    """'single-leg hip thrust' -> 'Single-Leg Hip Thrust'; words already holding capitals are kept ('EZ-bar')."""
    words = text.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        if index > 0 and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
            continue
        parts = word.split("-")
        out.append("-".join(_capitalise(p) for p in parts))
    return " ".join(out)


def _capitalise(part: str) -> str:
    if not part or any(ch.isupper() for ch in part):
        return part
    return part[0].upper() + part[1:]


def sentence_case(text: str) -> str:
    """Capitalise only the first letter: 'figure 4 stretch' -> 'Figure 4 stretch'."""
    return text[:1].upper() + text[1:] if text else text
