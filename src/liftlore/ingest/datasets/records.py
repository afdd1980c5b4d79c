"""What every dataset reader produces: one SourceRecord per exercise, still in the source's own vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRecord:
    source: str  # "free-exercise-db", "open-exercise-db" or "wger"
    source_id: str
    name: str
    primary_muscles: tuple[str, ...]  # the source's names, mapped later
    secondary_muscles: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    instructions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    level: str | None = None
    mechanic: str | None = None
    laterality: str | None = None
    force: str | None = None  # "push", "pull" or "static", where the source says
    family: str | None = None  # the source's movement family ("overhead-press", "reverse-fly"), where it has one
    licence: str | None = None
    author: str | None = None
    notes: tuple[str, ...] = field(default=())  # tips or comments the source attaches


@dataclass(frozen=True)
class Skip:
    """A record the reader could not use at all, with the reason."""

    source_id: str
    name: str
    reason: str


# A muscle-table value: the source's name is the deltoid as a whole ("shoulders"), and the head each exercise
# works is read from the exercise when it is cleaned (cleaning.shoulder_head).
DELTOIDS = "<deltoids>"


@dataclass(frozen=True)
class SourceTables:
    """One source's explicit mapping of its vocabulary to liftlore's slugs.

    A name mapped to None is known to mean "nothing in liftlore" (wger's "Gym mat" is not equipment); a name that
    is missing from a table is unmapped and reported.
    """

    muscles: dict[str, str | None]
    equipment: dict[str, str | None]
    licence: str | None = None  # the licence of the whole dataset, when records do not carry one
