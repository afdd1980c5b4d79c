"""Checks on the prose of catalog pages that drills and exercises share."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from liftlore.catalog.markdown import Block
from liftlore.domain.names import normalise_name
from liftlore.page import facts

Report = Callable[[str, int | None], None]


def check_steps(steps: list[Block], problem: Report, *, at: int, allowed: tuple[int, int]) -> None:
    """Steps are instructions: each present, none repeated, as many as the format allows."""
    low, high = allowed
    if not low <= len(steps) <= high:
        problem(f"expected {low}-{high} numbered steps, found {len(steps)}", at)
    seen: set[str] = set()
    for step in steps:
        key = normalise_name(step.text)
        if not key:
            problem("an empty step: each step is one instruction", step.line)
        elif key in seen:
            problem("this step repeats an earlier one", step.line)
        seen.add(key)


def check_no_repeated_sentence(blocks: Iterable[Block], problem: Report) -> None:
    seen: dict[str, int] = {}
    for block in blocks:
        for sentence in facts.split_sentences(block.text):
            key = normalise_name(sentence)
            if len(key) < 12:
                continue  # "No." or "Yes." may open several answers
            if key in seen:
                problem(f'this sentence repeats the one on line {seen[key]}: "{sentence}"', block.line)
            else:
                seen[key] = block.line
