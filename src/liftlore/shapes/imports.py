"""The JSON shape of a training log import: `POST /api/v1/imports/log`.

An uploaded page answers with the exercise's record (shapes/library.py's `ExerciseRecord`, whose `warnings` say
what the reader noticed); a log import has no entity of its own to show, so its answer is the report below."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Protocol, Self

from pydantic import Field

from liftlore.shapes.base import Moment, Shape


class MatchSource(Protocol):
    """How one exercise name of the file was matched to the library (services/name_matching.py's Match)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> Enum: ...
    @property
    def slug(self) -> str | None: ...
    @property
    def matched(self) -> str | None: ...
    @property
    def score(self) -> float | None: ...


class ReportSource(Protocol):
    """What a log import reports (services/log_import.py's LogImportReport)."""

    @property
    def source(self) -> str: ...
    @property
    def variant(self) -> str: ...
    @property
    def workouts(self) -> int: ...
    @property
    def entries(self) -> int: ...
    @property
    def sets(self) -> int: ...
    @property
    def added_workouts(self) -> int: ...
    @property
    def added_sets(self) -> int: ...
    @property
    def skipped_workouts(self) -> int: ...
    @property
    def first(self) -> datetime | None: ...
    @property
    def last(self) -> datetime | None: ...
    @property
    def matches(self) -> Sequence[MatchSource]: ...
    @property
    def created(self) -> Sequence[str]: ...
    @property
    def settings(self) -> Sequence[str]: ...


class NameMatchOut(Shape):
    name: str = Field(description="The exercise's name as the file writes it")
    kind: str = Field(description="exact, equipment, fuzzy, or new (a custom exercise of your own was made)")
    slug: str | None = Field(description="The library exercise its sets were logged under")
    matched: str | None = Field(description="The library name or alias it matched")
    score: float | None = Field(description="How close a fuzzy match was (0-100)")

    @classmethod
    def from_domain(cls, match: MatchSource) -> Self:
        return cls(
            name=match.name,
            kind=str(match.kind.value),
            slug=match.slug,
            matched=match.matched,
            score=match.score,
        )


class LogImportOut(Shape):
    """What an import of a Strong or Hevy export or a liftlore backup did: the same figures as the CLI's
    `import log` prints, without the file's path (an upload's is a temporary file of the server's)."""

    source: str = Field(description="strong, hevy or json")
    variant: str = Field(description="Which form of the export the file is (columns, separator, units)")
    workouts: int = Field(description="Workouts in the file")
    entries: int
    sets: int
    added_workouts: int
    added_sets: int
    skipped_workouts: int = Field(description="Workouts imported before, recognised and left alone")
    first: Moment | None = Field(description="When the file's first workout started")
    last: Moment | None
    matches: list[NameMatchOut] = Field(description="One per exercise name of the workouts added")
    created: list[str] = Field(description="Names the library did not know: each is now a custom exercise of yours")
    settings: list[str] = Field(description="Training settings restored from a liftlore backup")

    @classmethod
    def from_domain(cls, report: ReportSource) -> Self:
        return cls(
            source=report.source,
            variant=report.variant,
            workouts=report.workouts,
            entries=report.entries,
            sets=report.sets,
            added_workouts=report.added_workouts,
            added_sets=report.added_sets,
            skipped_workouts=report.skipped_workouts,
            first=report.first,
            last=report.last,
            matches=[NameMatchOut.from_domain(m) for m in report.matches],
            created=list(report.created),
            settings=list(report.settings),
        )
