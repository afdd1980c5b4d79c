"""The training log's JSON export: the shared workout shape plus what a restore needs besides (the key that marks
a workout imported from Strong or Hevy, the exercises the log names, the settings). ingest/logs/backup.py writes
it and reads it back; its `format` and `version` are that module's."""

from __future__ import annotations

from typing import Self

from pydantic import Field

from liftlore.domain.training import Workout
from liftlore.shapes.base import Shape
from liftlore.shapes.library import ExerciseBrief
from liftlore.shapes.training import WorkoutOut


class ExportedWorkout(WorkoutOut):
    import_key: str | None = Field(description="Marks a workout imported from Strong or Hevy: it is not imported twice")

    @classmethod
    def exported(cls, workout: Workout, import_key: str | None) -> Self:
        return cls(**WorkoutOut.fields_of(workout), import_key=import_key)


class ExportDocument(Shape):
    format: str
    version: int
    settings: dict[str, str]
    exercises: list[ExerciseBrief] = Field(description="Every exercise the log names, to recreate missing ones")
    workouts: list[ExportedWorkout]
