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
