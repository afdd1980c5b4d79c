"""Changing what is already in a person's training log: find a set or workout by the start of its id, change,
move or delete one set, rename a workout. Every write here refreshes the strength points of the workouts it
touched, as `append_sets` does, so records and e1RM histories follow the edit.

Ids are found by prefix as a range of the primary key (`id BETWEEN prefix000… AND prefixfff…`): both databases
order UUIDs by their hex digits (SQLite stores them as 32 hex characters, PostgreSQL as 16 bytes), so the lookup
reads the index instead of scanning a million sets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from liftlore.domain.training import SetEntry, zone
from liftlore.store import strength_points
from liftlore.store.scope import person_id
from liftlore.store.strength_points import Rules
from liftlore.store.tables import ExerciseEntryRow, ExerciseRow, SetRow, WorkoutRow, utcnow
from liftlore.store.training import entry_for, set_from_row, set_row

MATCHES_SHOWN = 10  # an ambiguous prefix lists at most this many of the ids it matches


def _id_range(hex_prefix: str) -> tuple[uuid.UUID, uuid.UUID]:
    # A whole id is a range of one: looked up too, so that someone else's id is not found either.
    return uuid.UUID(hex_prefix.ljust(32, "0")), uuid.UUID(hex_prefix.ljust(32, "f"))


def workout_ids_starting(session: Session, hex_prefix: str) -> list[uuid.UUID]:
    """The person's workouts whose id starts with these hex digits (lower case, no hyphens), at most
    MATCHES_SHOWN + 1 of them."""
    low, high = _id_range(hex_prefix)
    return list(
        session.scalars(
            select(WorkoutRow.id)
            .where(WorkoutRow.id.between(low, high), WorkoutRow.person_id == person_id(session))
            .order_by(WorkoutRow.id)
            .limit(MATCHES_SHOWN + 1)
        )
    )


def set_ids_starting(session: Session, hex_prefix: str) -> list[uuid.UUID]:
    """The person's sets whose id starts with these hex digits, at most MATCHES_SHOWN + 1 of them."""
    low, high = _id_range(hex_prefix)
    return list(
        session.scalars(
            select(SetRow.id)
            .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
            .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
            .where(SetRow.id.between(low, high), WorkoutRow.person_id == person_id(session))
            .order_by(SetRow.id)
            .limit(MATCHES_SHOWN + 1)
        )
    )


@dataclass(frozen=True)
class StoredSet:
    """One of the person's sets with where it sits: its entry, workout and exercise."""

    set: SetEntry
    entry_id: uuid.UUID
    workout_id: uuid.UUID
    exercise_id: uuid.UUID | None
    exercise_slug: str | None
    exercise_name: str
    laterality: str | None


def stored_set(session: Session, set_id: uuid.UUID) -> StoredSet | None:
    row = session.execute(
        select(
            SetRow,
            ExerciseEntryRow.workout_id,
            ExerciseEntryRow.exercise_id,
            ExerciseEntryRow.exercise_name,
            ExerciseRow.slug,
            ExerciseRow.laterality,
            WorkoutRow.time_zone,
        )
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
        .outerjoin(ExerciseRow, ExerciseRow.id == ExerciseEntryRow.exercise_id)
        .where(SetRow.id == set_id, WorkoutRow.person_id == person_id(session))
    ).first()
    if row is None:
        return None
    found, workout_id, exercise_id, name, slug, laterality, time_zone = row
    return StoredSet(
        set=set_from_row(found, zone(time_zone)),
        entry_id=found.entry_id,
        workout_id=workout_id,
        exercise_id=exercise_id,
        exercise_slug=slug,
        exercise_name=name,
        laterality=laterality,
    )


def _touch(session: Session, workout_id: uuid.UUID, rules: Rules) -> None:
    session.execute(update(WorkoutRow).where(WorkoutRow.id == workout_id).values(updated_at=utcnow()))
    strength_points.refresh(session, [workout_id], rules)


def update_set(session: Session, stored: StoredSet, changed: SetEntry, rules: Rules) -> None:
    """Write `changed` over the stored set, keeping its place."""
    values: dict[str, Any] = set_row(changed, stored.entry_id, 0)
    for kept in ("id", "entry_id", "position", "performed_at"):
        del values[kept]
    session.execute(update(SetRow).where(SetRow.id == stored.set.id).values(**values))
    _touch(session, stored.workout_id, rules)


def _drop_if_empty(session: Session, entry_id: uuid.UUID) -> None:
    """An entry whose last set went is removed, so the workout lists no exercise without sets."""
    left = session.scalar(select(func.count()).select_from(SetRow).where(SetRow.entry_id == entry_id))
    if not left:
        session.execute(delete(ExerciseEntryRow).where(ExerciseEntryRow.id == entry_id))


def delete_set(session: Session, stored: StoredSet, rules: Rules) -> bool:
    """Delete the set (and its entry if it was the entry's last). Returns whether the workout is now empty and
    was dropped too: only a workout still in progress with no name and no notes, the one a set logged by mistake
    just started. An older workout left empty stays, for its owner to delete (with the confirmation that asks)."""
    session.execute(delete(SetRow).where(SetRow.id == stored.set.id))
    _drop_if_empty(session, stored.entry_id)
    entries = session.scalar(
        select(func.count()).select_from(ExerciseEntryRow).where(ExerciseEntryRow.workout_id == stored.workout_id)
    )
    if not entries:
        dropped = session.execute(
            delete(WorkoutRow).where(
                WorkoutRow.id == stored.workout_id,
                WorkoutRow.name.is_(None),
                WorkoutRow.notes.is_(None),
                WorkoutRow.ended_at.is_(None),
            )
        ).rowcount  # type: ignore[attr-defined]
        if dropped:
            return True
    _touch(session, stored.workout_id, rules)
    return False


def move_set(session: Session, stored: StoredSet, exercise: ExerciseRow, rules: Rules) -> None:
    """Move the set to the workout's entry for `exercise` (a new entry at the end when it has none), after that
    entry's last set."""
    entry_id, position = entry_for(session, stored.workout_id, exercise)
    session.execute(update(SetRow).where(SetRow.id == stored.set.id).values(entry_id=entry_id, position=position))
    _drop_if_empty(session, stored.entry_id)
    _touch(session, stored.workout_id, rules)


def rename_workout(session: Session, workout_id: uuid.UUID, name: str | None) -> bool:
    done = session.execute(
        update(WorkoutRow)
        .where(WorkoutRow.id == workout_id, WorkoutRow.person_id == person_id(session))
        .values(name=name, updated_at=utcnow())
    ).rowcount  # type: ignore[attr-defined]
    return bool(done)
