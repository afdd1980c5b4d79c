"""Summary or step: which lines before 'Muscle Worked' describe the exercise and which tell you what to do.

A page gives no marker between its summary paragraphs and its steps, and writers open both in many ways. What
tells them apart is the sentence itself: a step is an instruction ("Plant your feet", "Once the bar passes your
knees, drive your hips forward"), a summary paragraph describes ("Lifters treat it as ...", "Football teams use
it ..."). Each line gets a lean from its sentences; the split is the one place between summary and steps that
goes against the fewest leanings, so a lone odd line is placed by its neighbours, and said to be unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from liftlore.page import facts, wordlists
from liftlore.page.wordlists import INSTRUCTION_VERBS

# Sentences that talk about the exercise, not about your body: a summary's words.
_ABOUT_THE_EXERCISE = re.compile(
    r"\b(?:unilateral|bilateral|isolation|compound|exercises|lifters|beginners|coaches|programs?|workouts?)\b|"
    r"\b(?:this|the|an?)\s+(?:[\w-]+\s+)?(?:exercise|lift|move|movement|variation)\b",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"[A-Za-z0-9'’]+(?:-[A-Za-z0-9'’]+)*")


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def _plural_noun(word: str) -> bool:
    looks_plural = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return looks_plural and word not in wordlists.FINITE


def _ing_subject(word: str) -> bool:
    return word.endswith("ing") and len(word) >= 5 and word not in facts.ING_VERBS


def sentence_mood(sentence: str, *, nested: bool = False) -> float:
    """+1 for an instruction, -1 for a description, something between when the words do not say."""
    words = _tokens(sentence)
    while words and words[0] in wordlists.LEADING_ADVERBS:
        words = words[1:]
    if not words:
        return 0.0
    first, second = words[0], (words[1] if len(words) > 1 else "")
    if (first in {"don't", "do"} and second in {"not", "let", "lean", "rush", "bounce"}) or first == "don't":
        return 1.0
    if (first in wordlists.SUBORDINATORS or _ing_subject(first)) and "," in sentence and not nested:
        # The main clause after the opening one decides: "Keeping your back flat, lower the bar."
        main = sentence.split(",", 1)[1]
        return sentence_mood(main, nested=True)
    if first in wordlists.DESCRIBING or first in wordlists.SUBORDINATORS:
        return -1.0
    if first in {"you", "your"}:
        # "You can ..." describes; "Your feet should be ..." is how a step says where your body is.
        return -1.0 if first == "you" else -0.5
    if first in INSTRUCTION_VERBS:
        return -1.0 if second in wordlists.FINITE else 1.0
    if _ing_subject(first) or (first.endswith("ed") and len(first) > 4) or _plural_noun(first):
        return -1.0
    for index, word in enumerate(words[1:5], start=1):
        if word in wordlists.FINITE or (_plural_noun(words[index - 1]) and word in INSTRUCTION_VERBS):
            return -1.0
    if second in wordlists.OBJECT_WORDS:
        return 0.5  # an instruction whose verb we do not know: "Sprawl out on the mat"
    return 0.0


def line_lean(text: str) -> float:
    """How much a line reads as a step (> 0) or as a summary paragraph (< 0): its first sentence counts most."""
    sentences = facts.split_sentences(text) or [text]
    moods = [sentence_mood(s) for s in sentences]
    lean = moods[0] + (0.5 * sum(moods[1:]) / len(moods[1:]) if moods[1:] else 0.0)
    if _ABOUT_THE_EXERCISE.search(text):
        lean -= 0.5
    if lean == 0:
        lean = 0.1  # words that say nothing: a line among the lines before 'Muscle Worked' is more often a step
    return max(-1.5, min(1.5, lean))


@dataclass(frozen=True)
class IntroSplit:
    summary_count: int  # the first summary_count lines are the summary, the rest are steps
    unsure: tuple[int, ...]  # indexes of lines placed against their own words, or whose words did not say


def split_intro(lines: Sequence[str]) -> IntroSplit:
    """Where the summary ends and the steps begin. The first line is always summary (the reader needs it)."""
    leans = [line_lean(line) for line in lines]
    # The cost of a split: instructions kept in the summary plus descriptions sent to the steps. Moving the split
    # one line down changes it by that line alone, so one pass finds the best.
    cost = sum(max(0.0, -lean) for lean in leans[1:])
    best_cost, best = cost, 1
    for count in range(2, len(lines) + 1):
        lean = leans[count - 1]
        cost += max(0.0, lean) - max(0.0, -lean)
        # On a tie the later split wins: an instruction amid summary paragraphs is advice, not a step.
        if cost <= best_cost + 1e-9:
            best_cost, best = cost, count
    unsure = [i for i in range(1, best) if leans[i] > 0] + [i for i in range(best, len(lines)) if leans[i] < 0]
    for edge in (best - 1, best):
        if 0 < edge < len(lines) and abs(leans[edge]) < 0.5 and edge not in unsure:
            unsure.append(edge)
    return IntroSplit(summary_count=best, unsure=tuple(sorted(unsure)))
