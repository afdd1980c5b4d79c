"""What the Strong and Hevy readers produce (one LogRow per set, with its workout's and exercise's details), and
how rows become workouts: grouped by workout, split into exercise entries, placed in a time zone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TypeVar

from liftlore.domain.limits import check_moment
from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Workout
from liftlore.errors import LiftloreError

T = TypeVar("T")
# A workout left running for longer is a timer nobody stopped: its end is dropped rather than believed (and adding
# an absurd length to its start would overflow).
MAX_WORKOUT_LENGTH = timedelta(days=7)


@dataclass(frozen=True)
class LogRow:
    line: int
    started_at: datetime  # naive: exports write local wall-clock time without a zone
    workout_name: str | None
    exercise_name: str
    set: SetEntry
    ended_at: datetime | None = None
    workout_notes: str | None = None
    entry_notes: str | None = None
    superset: int | None = None
    set_index: int | None = None  # Hevy's 0-based index: a reset means a new entry of the same exercise

    @property
    def workout_key(self) -> tuple[datetime, str]:
        return (self.started_at, self.workout_name or "")


@dataclass(frozen=True)
class LogFile:
    """A whole export, read: which app and variant it was, and its rows in file order."""

    source: str  # strong or hevy
    variant: str  # what the reader recognised, for the report ("12 columns, ';', weights in lb per row")
    rows: tuple[LogRow, ...]
    path: Path | None = None  # the file read, which errors found while assembling workouts name


@dataclass(frozen=True)
class ImportedWorkout:
    """A workout built from rows. `key` identifies it across imports (source, local start, name), which is how
    importing the same file twice adds nothing."""

    key: str
    workout: Workout


def cell(path: Path, line: int, column: str, clean: Callable[[str], T], text: str) -> T:
    """Run one cleaning step on one cell; its ValueError becomes the user's error at file, line and column."""
    try:
        return clean(text)
    except ValueError as exc:
        raise LiftloreError(str(exc), file=path, line=line, field=column) from None


def set_entry(
    path: Path,
    line: int,
    *,
    set_type: SetType,
    reps: int | None,
    weight_kg: float | None,
    rpe: float | None,
    seconds: float | None,
    distance_m: float | None,
) -> SetEntry:
    """One row's set, checked; a value out of range becomes the user's error at file and line."""
    if reps == 0 and (seconds is not None or distance_m is not None):
        reps = None  # both apps write 0 reps on a timed or distance set: it has no reps
    try:
        return SetEntry(
            reps=reps,
            weight_kg=weight_kg,
            set_type=set_type,
            rpe=rpe,
            duration_s=seconds,
            distance_m=distance_m,
        )
    except LiftloreError as exc:
        raise LiftloreError(exc.message, file=path, line=line, field=exc.field) from None


def import_key(source: str, started_at: datetime, name: str | None) -> str:
    text = f"{source}\n{started_at.isoformat()}\n{name or ''}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class _Draft:
    first: LogRow
    entries: list[tuple[LogRow, list[SetEntry], list[str]]] = field(default_factory=list)


def assemble(log: LogFile, zone: tzinfo) -> list[ImportedWorkout]:
    """Rows -> workouts, in the order the file first mentions them. Within a workout, consecutive rows of one
    exercise form an entry; the exercise changing, or Hevy's set index starting again, begins a new entry."""
    drafts: dict[tuple[datetime, str], _Draft] = {}
    for row in log.rows:
        draft = drafts.setdefault(row.workout_key, _Draft(row))
        last = draft.entries[-1] if draft.entries else None
        same_entry = (
            last is not None
            and last[0].exercise_name == row.exercise_name
            and (row.set_index is None or last[0].set_index is None or row.set_index > last[0].set_index)
        )
        if last is not None and same_entry:
            draft.entries[-1] = (row, last[1], last[2])
            last[1].append(row.set)
            if row.entry_notes and row.entry_notes not in last[2]:
                last[2].append(row.entry_notes)
        else:
            draft.entries.append((row, [row.set], [row.entry_notes] if row.entry_notes else []))
    return [_workout(log, draft, zone) for draft in drafts.values()]


def _workout(log: LogFile, draft: _Draft, zone: tzinfo) -> ImportedWorkout:
    first = draft.first
    started = first.started_at.replace(tzinfo=zone)
    # Both apps repeat the workout's end (Strong's Duration, Hevy's end_time) on each of its rows.
    ended_at = first.ended_at.replace(tzinfo=zone) if first.ended_at is not None else None
    if ended_at is not None and (ended_at < started or not _believable(ended_at)):
        # A workout that runs past midnight is written with the end on the next day; one that "ends" before it
        # starts is a clock change or an export slip, and its length is not worth failing the import for.
        ended_at = None
    entries: list[ExerciseEntry] = []
    for row, sets, notes in draft.entries:
        with _at(log, row.line):
            entries.append(
                ExerciseEntry(
                    exercise_name=row.exercise_name,
                    sets=tuple(sets),
                    superset_group=row.superset,
                    notes="\n".join(notes) or None,
                )
            )
    workout_notes = _first(row.workout_notes for row, _, _ in draft.entries) or first.workout_notes
    with _at(log, first.line):
        workout = Workout(
            started_at=started,
            ended_at=ended_at,
            name=first.workout_name,
            notes=workout_notes,
            entries=tuple(entries),
            source=log.source,
        )
    return ImportedWorkout(import_key(log.source, first.started_at, first.workout_name), workout)


@contextmanager
def _at(log: LogFile, line: int) -> Iterator[None]:
    """The domain's refusal of a workout or entry, named at the file and the row it was built from (the rows'
    own checks catch most things first, with their column; this catches what only the whole workout shows, such
    as entry notes joined past their limit)."""
    try:
        yield
    except LiftloreError as exc:
        if exc.file is not None:
            raise
        raise LiftloreError(exc.message, file=log.path, line=line, field=exc.field) from None


def _believable(moment: datetime) -> bool:
    try:
        check_moment(moment, "")
    except LiftloreError:
        return False
    return True


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def ended_after(started_at: datetime, seconds: float | None) -> datetime | None:
    """The end of a workout `seconds` long, or None when the length is unknown or past MAX_WORKOUT_LENGTH."""
    if seconds is None or seconds > MAX_WORKOUT_LENGTH.total_seconds():
        return None
    return started_at + timedelta(seconds=seconds)
