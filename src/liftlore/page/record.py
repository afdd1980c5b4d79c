"""The JSON record of an exercise page: what `import page --json` prints and the API serves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from liftlore.domain.exercise import Exercise
from liftlore.shapes.library import ExerciseRecord


def exercise_record(exercise: Exercise, warnings: Sequence[str] = ()) -> dict[str, Any]:
    """The record as plain JSON values, for printing and for comparing two parses of a page. Its shape is
    shapes/library.py's ExerciseRecord, which the API serves too."""
    return ExerciseRecord.from_domain(exercise, warnings).to_data()


# The page layout (the seed's text) has no place for these: liftlore's own data about an exercise, kept in the
# catalog file and the JSON record. A page exported and imported again comes back without them.
NOT_IN_PAGE_LAYOUT = ("planner",)


def page_record(exercise: Exercise, warnings: Sequence[str] = ()) -> dict[str, Any]:
    """The record less what the page layout cannot carry: what an export and import must give back unchanged."""
    record = exercise_record(exercise, warnings)
    for key in NOT_IN_PAGE_LAYOUT:
        record.pop(key)
    return record
