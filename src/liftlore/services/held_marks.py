"""The records held while walking one exercise's strength points in the order done: the strength overview, the
records each workout broke, and the marks a new set must beat all walk the points by these rules.

A later workout takes a mark only by beating it, so of equal values the first keeps it. A one-sided exercise's
first mark on a side is the mark its sets without a side hold (imported history), as science/records.RecordBook
does set by set."""

from __future__ import annotations

from typing import Any

from liftlore.science.records import RecordKind

KINDS = (RecordKind.HEAVIEST, RecordKind.E1RM, RecordKind.VOLUME)  # the slots of a point's three figures

Moved = tuple[int, float, float | None]  # (slot in KINDS, new value, the value it beat or None)


class HeldMarks:
    """Per (slot, side): the value held and the workout that first reached it. The overview feeds a quarter of a
    million points through `see`, so it is kept lean."""

    __slots__ = ("held", "one_sided")

    def __init__(self, *, one_sided: bool) -> None:
        self.held: dict[tuple[int, str], tuple[float, Any]] = {}
        self.one_sided = one_sided

    def see(
        self, side: str, heaviest: float | None, e1rm: float | None, volume: float | None, workout: Any
    ) -> list[Moved]:
        """Take one point; returns the marks it moved."""
        moved: list[Moved] = []
        for slot, value in ((0, heaviest), (1, e1rm), (2, volume)):
            if value is None:
                continue
            current = self.held.get((slot, side))
            if current is None and self.one_sided and side != "both":
                current = self.held.get((slot, "both"))
                if current is not None:
                    self.held[(slot, side)] = current
            if current is None or value > current[0]:
                self.held[(slot, side)] = (value, workout)
                moved.append((slot, value, None if current is None else current[0]))
        return moved
