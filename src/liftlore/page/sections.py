"""The sections of a page an exercise fills, counted and named for a person, so an import can say which sections
of the exercise it replaces it would drop ("the FAQ (3 questions) and the cool-down drill")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from liftlore.domain.exercise import Exercise


@dataclass(frozen=True)
class PageSection:
    """A section of the page, and how to name what it holds: `describe(count)`."""

    content: Callable[[Exercise], Sequence[object]]
    describe: Callable[[int], str]


def _counted(singular: str, plural: str) -> Callable[[int], str]:
    return lambda count: f"the {singular}" if count == 1 else f"the {count} {plural}"


def _in_brackets(section: str, singular: str, plural: str) -> Callable[[int], str]:
    return lambda count: f"the {section} ({count} {singular if count == 1 else plural})"


# In page order. The primary muscles are left out: a page always has them (the reader refuses one without), and
# the summary too (the reader needs its first sentence).
SECTIONS: tuple[PageSection, ...] = (
    PageSection(lambda ex: ex.steps, _counted("step", "steps")),
    PageSection(lambda ex: ex.secondary_muscles, _counted("secondary muscle", "secondary muscles")),
    PageSection(lambda ex: ex.tips, _counted("pro tip", "pro tips")),
    PageSection(lambda ex: ex.equipment, _in_brackets("equipment", "item", "items")),
    PageSection(lambda ex: ex.benefits, _counted("benefit", "benefits")),
    PageSection(lambda ex: ex.references, _counted("reference", "references")),
    PageSection(lambda ex: ex.warm_up, _counted("warm-up drill", "warm-up drills")),
    PageSection(lambda ex: ex.cool_down, _counted("cool-down drill", "cool-down drills")),
    PageSection(lambda ex: ex.faq, _in_brackets("FAQ", "question", "questions")),
)


def dropped_sections(stored: Exercise, incoming: Exercise) -> list[str]:
    """What `stored` has that `incoming` lacks or leaves empty, each named with what it holds. A shorter section
    is not counted: a page may well rewrite its tips as fewer, better ones; losing a whole section is what a
    truncated or half-written page does."""
    return [
        section.describe(len(section.content(stored)))
        for section in SECTIONS
        if section.content(stored) and not section.content(incoming)
    ]


def in_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
