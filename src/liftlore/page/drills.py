"""Warm-up and cool-down drills: which lines make up each drill, and the drill's name.

A drill is known by its place, not by a fixed phrase: the first line under "Warm Up" or "Cool Down" introduces a
drill, whatever its words ("Loosen up with arm circles", "Before you start, do ten bodyweight good mornings", "A good
way to finish is a standing quad stretch", "Band dislocates loosen your shoulders"), and the lines after it are its
steps. The name is the noun phrase the introduction hands over: after "with", "try", "doing", a colon or a comma, or
the subject of the sentence, with amounts ("a few rounds of", "ten") taken off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liftlore.domain.names import sentence_case
from liftlore.page import facts, numbers
from liftlore.page.wordlists import INSTRUCTION_VERBS

# An opening clause to skip before the part that names the drill: "Before you start, do ...", "First, loosen ...".
_LEAD_CLAUSE = re.compile(
    r"^(?:(?:before|after|once|when|as|to|for|between|at|if|ahead of|first|then|next|finally|afterwards|later|now)"
    r"\b[^,]{0,60},\s*|(?:then|next|also|finally|afterwards|now)\s+)",
    re.IGNORECASE,
)

# Where a name may start, and how strongly the words before it say that a drill follows.
_HANDOVERS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b(?:try|use|do|doing|perform|add|using)\s+", re.IGNORECASE), 3),
    (re.compile(r"\b(?:with|into)\s+", re.IGNORECASE), 3),
    (re.compile(r"\b(?:is|are)\s+(?:to do\s+|doing\s+)?", re.IGNORECASE), 2),
    (re.compile(r":\s*"), 2),
    (re.compile(r",\s*(?=(?:a|an|the)\s)", re.IGNORECASE), 2),
    (re.compile(r"\b(?:on|for|of)\s+", re.IGNORECASE), 1),
)

# Where a name stops: a preposition or conjunction that starts what the drill is for, a verb of the sentence, a
# pronoun, or punctuation.
_NAME_END = re.compile(
    r"\s+(?:to|before|after|for|as|which|that|so|until|while|when|between|with|on|in|at|against|from|of|then|"
    r"is|are|gets?|helps?|makes?|works?|loosens?|wakes?|opens?|eases?|prepares?|stretches|warms?|primes?|"
    r"relax(?:es)?|will|can|keeps?|lets?|takes?|gives?|first|now|here|afterwards|today|too|you|it|they)\b|"
    r"\s+and\s+(?=(?:" + "|".join(sorted(INSTRUCTION_VERBS)) + r")\b)|\s+-\s|[,.:;!?()—–]",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    rf"^(?:(?:an?|the|some|another)\s+)?(?:(?:few|couple of|light|quick|short)\s+)?"
    rf"(?:{numbers.NUMBER}\s+|half an?\s+)?"
    r"(?:(?:sets?|rounds?|minutes?|seconds?|reps?|lots)\s+of\s+)?",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:an?|the|some|another)\s", re.IGNORECASE)

# Words a name does not start with, and words that alone are not a drill ("your back", "a wall", "a good way").
_NOT_A_START = frozenset(
    [
        "your",
        "my",
        "his",
        "her",
        "their",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
        "them",
        "yourself",
        "other",
        "same",
    ]
)
_NOT_A_DRILL = frozenset(
    [
        "wall",
        "floor",
        "bench",
        "bar",
        "band",
        "mat",
        "door",
        "frame",
        "chair",
        "step",
        "rack",
        "ball",
        "box",
        "hands",
        "hand",
        "feet",
        "foot",
        "knees",
        "knee",
        "legs",
        "leg",
        "arms",
        "arm",
        "hips",
        "hip",
        "back",
        "chest",
        "shoulders",
        "shoulder",
        "fours",
        "side",
        "sides",
        "way",
        "option",
        "idea",
        "choice",
        "drill",
        "move",
        "exercise",
        "movement",
        "thing",
        "weight",
        "load",
    ]
)
_AMOUNT_WORDS = frozenset(
    ["reps", "rep", "seconds", "minutes", "breaths", "times", "sets", "rounds", "meters", "metres", "yards"]
)
_DRILL_HEADS = frozenset(["stretch", "pose", "hang", "twist", "march", "breathing", "hold", "bridge", "walk"])


@dataclass(frozen=True)
class DrillName:
    name: str
    sure: bool


def _candidate(text: str, *, after_a_verb: bool = False) -> str | None:
    """The name a text starts with, if it can be one. After "do", "try", "use" a verb-like word is a name's
    first word ("Do open books"); elsewhere it starts an instruction ("...: put your palm on the wall")."""
    amount = _AMOUNT.match(text)
    rest = text[amount.end() :] if amount else text
    end = _NAME_END.search(rest)
    words = (rest[: end.start()] if end else rest).split()
    if not words or words[0].lower() in _NOT_A_START or any(word.lower() in {"your", "you"} for word in words):
        return None
    if words[0].lower() in INSTRUCTION_VERBS and not after_a_verb:
        return None
    if words[0].isdigit() or words[0].lower() in numbers.NUMBER_WORDS:
        return None  # an amount: "Do 15 to 20 reps"
    if words[-1].lower() in _AMOUNT_WORDS or words[0].lower() in _AMOUNT_WORDS:
        return None
    if all(word.lower() in _NOT_A_DRILL or word.lower() in {"good", "great", "simple", "easy"} for word in words):
        return None
    return " ".join(words)


def _score(name: str, strength: int, preceded: str) -> int:
    last = name.split()[-1].lower()
    score = strength + (1 if _ARTICLE.match(preceded) else 0)
    if last in _DRILL_HEADS or (last.endswith("s") and not last.endswith("ss") and last not in _NOT_A_DRILL):
        score += 2
    if last in _NOT_A_DRILL:
        score -= 3
    return score


_SUBJECT_ENDS = re.compile(
    r"\s+(?:is|are|gets?|helps?|makes?|works?|loosens?|wakes?|opens?|eases?|prepares?|stretches|warms?|primes?|"
    r"relax(?:es)?|will|can|keeps?|lets?|takes?|gives?|with)\b",
    re.IGNORECASE,
)
_GENERIC_SUBJECT = re.compile(r"^(?:an?|the|one)\s+(?:good|great|simple|nice|gentle|easy|useful|better)\s", re.I)


def _subject(text: str) -> str | None:
    """The sentence's subject, when the drill is what the sentence is about: 'A bridge march gets ...'."""
    words = text.split()
    if not words or _GENERIC_SUBJECT.match(text):
        return None  # "A good way to finish is ...": the name comes after "is"
    first = words[0].lower().strip(",.")
    if first in INSTRUCTION_VERBS or first in {"you", "your", "it", "this", "these", "then"}:
        return None
    end = _NAME_END.search(text)
    if end is None or not _SUBJECT_ENDS.match(text[end.start() :]):
        return None
    return _candidate(text)


def _heading_phrase(text: str) -> str | None:
    """A name standing before its dose: 'Walking knee hugs, eight per leg.', 'Wall slides: 10 slow reps.'"""
    parts = re.split(r"[,:;]", text, maxsplit=1)
    if len(parts) < 2:
        return None
    head, rest = parts
    if not re.match(rf"\s*(?:{numbers.NUMBER}|half|hold|about|around)\b", rest, re.IGNORECASE):
        return None
    if len(head.split()) > 5:
        return None
    return _candidate(head)


def _bare(text: str) -> bool:
    """A line that is only a name: 'Knees to chest'."""
    words = text.split()
    return (
        0 < len(words) <= 5
        and text[-1] not in ".!?:"
        and words[0].lower() not in INSTRUCTION_VERBS
        and not any(word.lower() in {"your", "you"} for word in words)
        and not re.search(r"\d", text)
    )


def drill_name(intro: str) -> DrillName | None:
    """The drill a line introduces, and whether its words left no doubt."""
    text = intro.strip()
    strict = facts.drill_name_in(text)
    if strict is not None and _candidate(strict, after_a_verb=True) is not None:
        return DrillName(strict, sure=True)
    if _bare(text):
        return DrillName(sentence_case(text), sure=True)
    text = _LEAD_CLAUSE.sub("", text, count=1)
    found: list[tuple[int, int, str]] = []
    subject = _subject(text) or _heading_phrase(text)
    if subject is not None:
        found.append((_score(subject, 2, text), 0, subject))
    for index, (pattern, strength) in enumerate(_HANDOVERS):
        for match in pattern.finditer(text):
            name = _candidate(text[match.end() :], after_a_verb=index == 0)
            if name is not None:
                found.append((_score(name, strength, text[match.end() :]), match.end(), name))
    if not found:
        return None
    score, _, name = max(found, key=lambda item: (item[0], -item[1]))
    return DrillName(sentence_case(name), sure=score >= 4)


_NEXT_DRILL = re.compile(
    r"^(?:(?:then|next|also|afterwards|after that|finally|now),?\s+)?(?:try|use|add|follow (?:it|this|that|up) with|"
    r"finish with|end with|move on to|loosen up with|warm up with|cool down with|wind down with|start with)\b",
    re.IGNORECASE,
)


def opens_another_drill(line: str) -> bool:
    """Whether a line after a drill's steps introduces the next drill: 'Then try ...', 'Finish with a ...'."""
    strict = facts.drill_name_in(line)
    if strict is not None and _candidate(strict, after_a_verb=True) is not None:
        return True
    if not _NEXT_DRILL.match(line.strip()):
        return False
    name = drill_name(line)
    return name is not None and name.sure
