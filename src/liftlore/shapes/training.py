"""The training log's JSON: sets, workouts, history lines, personal records and e1RM points, and the envelopes the
API and the CLI wrap them in. Weights are kilograms, times ISO 8601 with the workout's offset.

Records, e1RM points and history lines are computed in services/ and store/, which this package may not import;
the protocols below name the attributes read from them, so any object that has those attributes fits."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, Protocol, Self

from pydantic import Field

from liftlore.domain.exercise import Laterality
from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout
from liftlore.shapes.base import Moment, Shape, known, rounded

# -- what the log holds ----------------------------------------------------------------------------------------------


class SetOut(Shape):
    """One set. `side` is left, right or both (a bilateral set); `weight_kg` null means body weight, negative
    means assisted."""

    id: uuid.UUID
    set_type: SetType
    side: Side
    weight_kg: float | None
    reps: int | None
    rpe: float | None
    rir: float | None
    duration_s: float | None
    distance_m: float | None
    performed_at: Moment | None

    @classmethod
    def from_domain(cls, entry: SetEntry) -> Self:
        return cls(
            id=known(entry.id, "a set's id"),
            set_type=entry.set_type,
            side=entry.side or Side.BOTH,
            weight_kg=entry.weight_kg,
            reps=entry.reps,
            rpe=entry.rpe,
            rir=entry.rir,
            duration_s=entry.duration_s,
            distance_m=entry.distance_m,
            performed_at=entry.performed_at,
        )


def sets_out(entries: Iterable[SetEntry]) -> list[SetOut]:
    return [SetOut.from_domain(s) for s in entries]


class EntryOut(Shape):
    """An exercise done in a workout, with its sets in order."""

    id: uuid.UUID
    exercise: str | None = Field(description="Its slug; null once the exercise is deleted from the library")
    exercise_name: str
    superset_group: int | None
    notes: str | None
    sets: list[SetOut]

    @classmethod
    def from_domain(cls, entry: ExerciseEntry) -> Self:
        return cls(
            id=known(entry.id, "an entry's id"),
            exercise=entry.exercise_slug,
            exercise_name=entry.exercise_name,
            superset_group=entry.superset_group,
            notes=entry.notes,
            sets=sets_out(entry.sets),
        )


class WorkoutOut(Shape):
    """A workout with its exercises and sets: the API, `liftlore workout show --json` and the export."""

    id: uuid.UUID
    started_at: Moment
    ended_at: Moment | None
    time_zone: str = Field(description="Where it happened: an IANA zone, 'UTC' or an offset like '+02:00'")
    name: str | None
    notes: str | None
    source: str = Field(description="log (typed here), strong, hevy or json (restored from an export)")
    entries: list[EntryOut]

    @classmethod
    def from_domain(cls, workout: Workout) -> Self:
        return cls(**cls.fields_of(workout))

    @staticmethod
    def fields_of(workout: Workout) -> dict[str, Any]:
        """The values of its fields, for shapes that extend it (the export's workout)."""
        return {
            "id": known(workout.id, "a workout's id"),
            "started_at": workout.started_at,
            "ended_at": workout.ended_at,
            "time_zone": workout.time_zone,
            "name": workout.name,
            "notes": workout.notes,
            "source": workout.source,
            "entries": [EntryOut.from_domain(e) for e in workout.entries],
        }


class WorkoutSummarySource(Protocol):
    """A line of the history as the store reads it (store/training.py's WorkoutSummary)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def title(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def source(self) -> str: ...
    @property
    def exercises(self) -> Sequence[str]: ...
    @property
    def set_count(self) -> int: ...
    @property
    def volume_kg(self) -> float: ...


class WorkoutSummaryOut(Shape):
    """A line of the history: `GET /api/v1/workouts` and `liftlore history --json`."""

    id: uuid.UUID
    title: str = Field(description="Its name, or 'Workout of DATE'")
    started_at: Moment
    ended_at: Moment | None
    source: str
    exercises: list[str] = Field(description="Exercise names, in order")
    set_count: int
    volume_kg: float = Field(description="Weight x reps over loaded working sets (warm-ups left out)")

    @classmethod
    def from_domain(cls, summary: WorkoutSummarySource) -> Self:
        return cls(
            id=summary.id,
            title=summary.title,
            started_at=summary.started_at,
            ended_at=summary.ended_at,
            source=summary.source,
            exercises=list(summary.exercises),
            set_count=summary.set_count,
            volume_kg=summary.volume_kg,
        )


class PerformanceSource(Protocol):
    """One time an exercise was done (services/training.py's PreviousPerformance)."""

    @property
    def workout_id(self) -> uuid.UUID: ...
    @property
    def performed_on(self) -> datetime: ...
    @property
    def sets(self) -> Sequence[SetEntry]: ...


class PerformanceOut(Shape):
    """One time an exercise was done: `.../previous` and `liftlore history EXERCISE --json`."""

    workout_id: uuid.UUID
    performed_on: Moment = Field(description="The workout's start")
    sets: list[SetOut]

    @classmethod
    def from_domain(cls, done: PerformanceSource) -> Self:
        return cls(workout_id=done.workout_id, performed_on=done.performed_on, sets=sets_out(done.sets))


# -- records and e1RM ------------------------------------------------------------------------------------------------


class BestSource(Protocol):
    """A record held now, from the strength overview (services/training.py's Best)."""

    @property
    def kind(self) -> Enum: ...
    @property
    def side(self) -> Side: ...
    @property
    def value(self) -> float: ...
    @property
    def workout_id(self) -> uuid.UUID: ...
    @property
    def performed_on(self) -> datetime: ...


class RecordSource(BestSource, Protocol):
    """A personal record (services/training.py's PersonalRecord)."""

    @property
    def previous(self) -> float | None: ...
    @property
    def weight_kg(self) -> float | None: ...
    @property
    def reps(self) -> int: ...


class _Reached(Shape):
    """What a record and a best share: which, on which side, how much, and when it was first reached."""

    kind: str = Field(description="heaviest-weight, best-e1rm, best-set-volume or most-reps (at one weight)")
    side: Side
    value: float = Field(description="kg, or reps for most-reps")
    workout_id: uuid.UUID
    performed_on: Moment = Field(description="The workout's start")


class BestOut(_Reached):
    """A record held now, as the strength overview lists it."""

    @classmethod
    def from_domain(cls, best: BestSource) -> Self:
        return cls(
            kind=str(best.kind.value),
            side=best.side,
            value=rounded(best.value),
            workout_id=best.workout_id,
            performed_on=best.performed_on,
        )


class RecordOut(_Reached):
    """A personal record, with what it beat and the set behind it: `.../records`, `liftlore prs --json`."""

    previous: float | None = Field(description="The record it beat; null for the first of its kind")
    weight_kg: float | None
    reps: int

    @classmethod
    def from_domain(cls, record: RecordSource) -> Self:
        return cls(
            kind=str(record.kind.value),
            side=record.side,
            value=rounded(record.value),
            previous=rounded(record.previous) if record.previous is not None else None,
            weight_kg=record.weight_kg,
            reps=record.reps,
            workout_id=record.workout_id,
            performed_on=record.performed_on,
        )


class E1rmSource(Protocol):
    """The best e1RM of one workout on one side (services/training.py's E1rmValue)."""

    @property
    def workout_id(self) -> uuid.UUID: ...
    @property
    def performed_on(self) -> datetime: ...
    @property
    def side(self) -> Side: ...
    @property
    def e1rm_kg(self) -> float: ...


class E1rmPointSource(E1rmSource, Protocol):
    """The same with the set it came from (services/training.py's E1rmPoint)."""

    @property
    def weight_kg(self) -> float: ...
    @property
    def reps(self) -> int: ...


class _E1rm(Shape):
    workout_id: uuid.UUID
    performed_on: Moment = Field(description="The workout's start")
    side: Side
    e1rm_kg: float = Field(description="The best estimated 1RM of that workout on that side")


class E1rmValueOut(_E1rm):
    """An e1RM per workout, as the strength overview lists it."""

    @classmethod
    def from_domain(cls, point: E1rmSource) -> Self:
        return cls(
            workout_id=point.workout_id,
            performed_on=point.performed_on,
            side=point.side,
            e1rm_kg=rounded(point.e1rm_kg),
        )


class E1rmPointOut(_E1rm):
    """An e1RM per workout with the set it came from: `.../records` (`e1rm`), `liftlore e1rm --json`."""

    weight_kg: float
    reps: int

    @classmethod
    def from_domain(cls, point: E1rmPointSource) -> Self:
        return cls(
            workout_id=point.workout_id,
            performed_on=point.performed_on,
            side=point.side,
            e1rm_kg=rounded(point.e1rm_kg),
            weight_kg=point.weight_kg,
            reps=point.reps,
        )


class StrengthSource(Protocol):
    """One exercise's records and e1RM history (services/training.py's ExerciseStrength)."""

    @property
    def slug(self) -> str: ...
    @property
    def laterality(self) -> Laterality: ...
    @property
    def records(self) -> Sequence[RecordSource]: ...
    @property
    def history(self) -> Sequence[RecordSource]: ...
    @property
    def e1rm(self) -> Sequence[E1rmPointSource]: ...


class ExerciseRecordsOut(Shape):
    """`GET /api/v1/exercises/SLUG/records` and `liftlore prs --json`."""

    exercise: str = Field(description="Its slug")
    laterality: Laterality
    records: list[RecordOut] = Field(description="Held now, per side: each kind, then most reps at each weight")
    history: list[RecordOut] = Field(description="Every PR as it happened, oldest first")
    e1rm: list[E1rmPointOut] = Field(description="The best e1RM of each workout per side, oldest first")

    @classmethod
    def from_domain(cls, strength: StrengthSource) -> Self:
        return cls(
            exercise=strength.slug,
            laterality=strength.laterality,
            records=[RecordOut.from_domain(r) for r in strength.records],
            history=[RecordOut.from_domain(r) for r in strength.history],
            e1rm=[E1rmPointOut.from_domain(p) for p in strength.e1rm],
        )


class MethodSource(Protocol):
    @property
    def formula(self) -> Enum: ...
    @property
    def rep_cap(self) -> int: ...
    @property
    def from_effort(self) -> bool: ...


class E1rmMethodOut(Shape):
    """How a set becomes one e1RM figure (the settings e1rm-formula, rep-cap and e1rm-from-rpe)."""

    formula: str
    rep_cap: int = Field(description="Sets of more reps give no estimate")
    from_effort: bool = Field(description="Sets with RPE or RIR use the RPE chart")

    @classmethod
    def from_domain(cls, method: MethodSource) -> Self:
        return cls(formula=str(method.formula.value), rep_cap=method.rep_cap, from_effort=method.from_effort)


class E1rmHistoryOut(Shape):
    """`liftlore e1rm --json`: the method and the points."""

    method: E1rmMethodOut
    points: list[E1rmPointOut]


class StrengthSummarySource(Protocol):
    """An exercise in the strength overview (services/training.py's StrengthSummary)."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def laterality(self) -> Laterality: ...
    @property
    def bests(self) -> Sequence[BestSource]: ...
    @property
    def e1rm(self) -> Sequence[E1rmSource]: ...


class StrengthSummaryOut(Shape):
    """An exercise in `liftlore strength --json`: its records held now and its e1RM per workout."""

    slug: str
    name: str
    laterality: Laterality
    bests: list[BestOut]
    e1rm: list[E1rmValueOut]

    @classmethod
    def from_domain(cls, summary: StrengthSummarySource) -> Self:
        return cls(
            slug=summary.slug,
            name=summary.name,
            laterality=summary.laterality,
            bests=[BestOut.from_domain(b) for b in summary.bests],
            e1rm=[E1rmValueOut.from_domain(p) for p in summary.e1rm],
        )


# -- envelopes -------------------------------------------------------------------------------------------------------


class LogOut(Shape):
    """`POST /api/v1/log` and `liftlore log --json`: the workout the sets went into, whole, the sets just added,
    and the personal records they set."""

    workout: WorkoutOut
    added: list[SetOut]
    records: list[RecordOut] = Field(
        description="Records the new sets set, each with what it beat (`previous` null: the first of its kind)"
    )

    @classmethod
    def report(cls, workout: Workout, added: Iterable[SetEntry], records: Iterable[RecordSource]) -> Self:
        return cls(
            workout=WorkoutOut.from_domain(workout),
            added=sets_out(added),
            records=[RecordOut.from_domain(r) for r in records],
        )


class SetChangeOut(Shape):
    """`PATCH` and `DELETE /api/v1/sets/ID`, `liftlore set ... --json`: the set as it is now (as it was, for a
    delete), the exercise it belongs to, and its workout as it is now (null when the delete emptied it)."""

    set: SetOut
    exercise: str | None = Field(description="The exercise's slug; null if it was deleted from the library")
    exercise_name: str
    workout_id: uuid.UUID
    workout: WorkoutOut | None

    @classmethod
    def from_domain(cls, edited: EditedSource) -> Self:
        return cls(
            set=SetOut.from_domain(edited.set),
            exercise=edited.exercise_slug,
            exercise_name=edited.exercise_name,
            workout_id=edited.workout_id,
            workout=WorkoutOut.from_domain(edited.workout) if edited.workout is not None else None,
        )


class EditedSource(Protocol):
    """What SetChangeOut reads (services/log_edits.EditedSet)."""

    @property
    def set(self) -> SetEntry: ...
    @property
    def exercise_slug(self) -> str | None: ...
    @property
    def exercise_name(self) -> str: ...
    @property
    def workout_id(self) -> uuid.UUID: ...
    @property
    def workout(self) -> Workout | None: ...


class PreviousOut(Shape):
    """`GET /api/v1/exercises/SLUG/previous`: the last time it was done, or null."""

    exercise: str
    previous: PerformanceOut | None
