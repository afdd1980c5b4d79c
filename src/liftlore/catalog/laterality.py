"""The laterality rule: a page is unilateral exactly when each side gets its own set.

The log asks for the side of every set of a unilateral exercise ("L 20kg x 10, R 20kg x 10"), so a page that
says "do 8-12 reps, then switch sides" must be unilateral, and one whose sides take turns within a single set
(a dead bug, a mountain climber) is bilateral: one set trains both sides and is logged once. The checker reads
the rule from the name and from the text (docs/catalog-format.md, "Laterality").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from liftlore.catalog.markdown import Block
from liftlore.domain.exercise import Laterality
from liftlore.domain.names import is_one_sided
from liftlore.page import facts
from liftlore.page.numbers import NUMBER

Report = Callable[[str, int | None], None]

_LIMB = r"(?:side|leg|arm)"
_COUNT = rf"(?!one\b){NUMBER}(?:\s*(?:-|–|to)\s*\d+)?"

# Text that says the set is done on one side and then repeated on the other: always one set per side.
_SET_PER_SIDE = re.compile(
    r"\b(?:switch|swap|change)\s+(?:your\s+)?(?:sides|legs|arms|hands|feet)\b|"
    r"\b(?:switch|swap|change)\s+to\s+the\s+other\s+(?:side|leg|arm|hand)\b|"
    r"\bbefore\s+(?:you\s+)?(?:switch(?:ing)?|swap(?:ping)?)(?:\s+over)?(?=\s*[.,;)]|\s*$)|"
    r"\b(?:then|repeat)\b[^.;:]*?\bother\s+side\b",
    re.IGNORECASE,
)
# A dose counted per side ("10-15 reps per side", "30 seconds each leg"), or "then the other leg": one set per
# side, unless the page says the sides alternate within the set.
_COUNTED_PER_SIDE = re.compile(
    rf"{_COUNT}(?:\s+[\w-]+){{0,3}}?\s+(?:per|each|on\s+each|for\s+each|a)\s+{_LIMB}\b|"
    rf"\b(?:then|repeat)\b[^.;:]*?\bother\s+(?:leg|arm)\b",
    re.IGNORECASE,
)
# Words that say the sides take turns within one set.
_ALTERNATING = re.compile(
    r"\balternat(?:e|es|ed|ing|ely)\b|\bside\s+to\s+side\b|"
    r"\bfrom\s+one\s+(?:side|hip|leg|arm|knee|shoulder|hand|foot)\s+to\s+the\s+other\b",
    re.IGNORECASE,
)
# A sentence about doing the exercise one limb at a time is about a variation, not about this page's sets.
_VARIATION = re.compile(r"\b(?:one|a)\s+(?:side|leg|arm|hand|dumbbell|kettlebell)\s+at\s+a\s+time\b", re.IGNORECASE)
# Any sign that the page works one side at a time.
_SIDE_WORDS = re.compile(
    r"\b(?:per|each|every|other|opposite|working|supporting|standing|free|front|back|rear|lead|trailing)\s+"
    r"(?:side|leg|arm|hand|foot|hip|shoulder|knee|limb)s?\b|"
    r"\b(?:switch|swap|change|alternate)\s+(?:sides|legs|arms|hands|feet)\b|"
    r"\bone\s+(?:side|leg|arm|hand|foot|hip|shoulder|knee)\b|\b(?:left|right)\b",
    re.IGNORECASE,
)


def check_laterality(
    name: str,
    laterality: Laterality | None,
    sections: Mapping[str, Sequence[Block]],
    problem: Report,
    *,
    name_line: int,
    laterality_line: int,
) -> None:
    """Refuse a laterality that the name or the text contradicts, naming the line of the offending text."""
    if laterality is None:
        return
    if laterality is Laterality.BILATERAL:
        if is_one_sided(name):
            problem(
                f"the name '{name}' says one side at a time, and each side gets its own set: make the page "
                "unilateral (docs/catalog-format.md, Laterality)",
                name_line,
            )
            return
        _check_bilateral_text(sections, problem)
    elif not is_one_sided(name) and not any(
        _SIDE_WORDS.search(block.text) for blocks in sections.values() for block in blocks
    ):
        problem(
            "the page is unilateral but never says how the sides are trained: name the side, or say each side "
            "gets its own set ('then switch sides', '8-12 reps per leg'); if both sides work in one set, make "
            "it bilateral (docs/catalog-format.md, Laterality)",
            laterality_line,
        )


def _check_bilateral_text(sections: Mapping[str, Sequence[Block]], problem: Report) -> None:
    alternating = any(
        _ALTERNATING.search(block.text)
        for section in ("summary", "steps", "tips", "benefits")
        for block in sections.get(section, ())
    )
    for block in _set_lines(sections):
        for sentence in facts.split_sentences(block.text):
            if _VARIATION.search(sentence) or is_one_sided(sentence):
                continue
            found = _SET_PER_SIDE.search(sentence)
            remedy = "make it unilateral"
            if found is None and not alternating:
                found = _COUNTED_PER_SIDE.search(sentence)
                remedy += ", or, if the sides take turns within one set, say that they alternate"
            if found:
                problem(
                    f'the page is bilateral, but "{found.group(0)}" says each side gets its own set: {remedy} '
                    "(docs/catalog-format.md, Laterality)",
                    block.line,
                )
                break


def _set_lines(sections: Mapping[str, Sequence[Block]]) -> list[Block]:
    """The steps, the tips and the FAQ answers, except answers to a question about a one-sided variation."""
    lines = [*sections.get("steps", ()), *sections.get("tips", ())]
    about_variation = False
    for block in sections.get("faq", ()):
        if block.kind == "question":
            about_variation = bool(
                _VARIATION.search(block.text) or is_one_sided(block.text) or _ALTERNATING.search(block.text)
            )
        elif not about_variation:
            lines.append(block)
    return lines
