"""Storing workouts and reading them back as domain objects; the queries behind histories and records.

Writes are bulk inserts (`session.execute(insert(Table), rows)`), so an import of 100,000 sets builds no ORM
objects. Instants are stored in UTC; each workout keeps its zone and is read back in it.

Every query here reads and writes the log of the unit of work's person (store/scope.py) and no one else's: a
workout id from another person's log is treated as one that does not exist.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
from typing import Any

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout, zone
from liftlore.store import strength_points
from liftlore.store.scope import person_id, visible_exercises
from liftlore.store.strength_points import Rules
from liftlore.store.tables import Base, ExerciseEntryRow, ExerciseRow, SetRow, WorkoutRow, utcnow

# The Core tables, for bulk inserts: one executemany for all rows, no ORM bookkeeping per row.
WORKOUTS = Base.metadata.tables[WorkoutRow.__tablename__]
ENTRIES = Base.metadata.tables[ExerciseEntryRow.__tablename__]
SETS = Base.metadata.tables[SetRow.__tablename__]
CHUNK = 500  # ids per IN (...) list, well under every backend's limit on bound parameters


def to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def from_db(value: datetime, tz: tzinfo) -> datetime:
    """SQLite hands back naive UTC, PostgreSQL aware UTC; either way, the instant in the workout's zone."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(tz)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


# -- writing -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewWorkout:
    workout: Workout
    import_key: str | None = None


class _Ids:
    """Random (version 4) UUIDs for bulk inserts: one read of the system's randomness per thousand ids, and the
    UUID built without its validating constructor, which alone took a fifth of a large import's time. The bits
    are set exactly as uuid4() sets them."""

    def __init__(self) -> None:
        self.pool: list[int] = []

    def __call__(self) -> uuid.UUID:
        if not self.pool:
            data = os.urandom(16 * 1024)
            self.pool = [int.from_bytes(data[i : i + 16], "big") for i in range(0, len(data), 16)]
        value = (self.pool.pop() & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48)
        made = object.__new__(uuid.UUID)
        object.__setattr__(made, "int", value)
        object.__setattr__(made, "is_safe", uuid.SafeUUID.unknown)
        return made


new_id = _Ids()


def set_row(entry: SetEntry, entry_id: uuid.UUID, position: int) -> dict[str, Any]:
    return {
        "id": entry.id or new_id(),
        "entry_id": entry_id,
        "position": position,
        "set_type": entry.set_type.value,
        "side": (entry.side or Side.BOTH).value,
        "weight_kg": entry.weight_kg,
        "reps": entry.reps,
        "rpe": entry.rpe,
        "rir": entry.rir,
        "duration_s": entry.duration_s,
        "distance_m": entry.distance_m,
        "performed_at": to_utc(entry.performed_at) if entry.performed_at else None,
    }


def add_workouts(
    session: Session, workouts: Iterable[NewWorkout], exercise_ids: Mapping[str, uuid.UUID], rules: Rules
) -> int:
    """Insert whole workouts (entries and sets included) in three bulk statements, and their strength points
    (by the person's `rules`); returns the sets written. Entries name their exercise by slug; `exercise_ids` maps slugs
    to exercise ids."""
    now = utcnow()
    person = person_id(session)
    workout_rows: list[dict[str, Any]] = []
    entry_rows: list[dict[str, Any]] = []
    set_rows: list[dict[str, Any]] = []
    for item in workouts:
        workout = item.workout
        workout_id = workout.id or new_id()
        workout_rows.append(_workout_row(workout, workout_id, person, item.import_key, now))
        for position, entry in enumerate(workout.entries):
            entry_id = entry.id or new_id()
            entry_rows.append(_entry_row(entry, entry_id, workout_id, position, exercise_ids, now))
            set_rows.extend(set_row(s, entry_id, index) for index, s in enumerate(entry.sets))
    for table, rows in ((WORKOUTS, workout_rows), (ENTRIES, entry_rows), (SETS, set_rows)):
        if rows:
            session.execute(insert(table), rows)
    if set_rows:
        strength_points.refresh(session, {row["workout_id"] for row in entry_rows}, rules)
    return len(set_rows)


def _workout_row(
    workout: Workout, workout_id: uuid.UUID, person: uuid.UUID, import_key: str | None, now: datetime
) -> dict[str, Any]:
    return {
        "id": workout_id,
        "person_id": person,
        "created_at": now,
        "updated_at": now,
        "started_at": to_utc(workout.started_at),
        "ended_at": to_utc(workout.ended_at) if workout.ended_at else None,
        "time_zone": workout.time_zone,
        "name": workout.name,
        "notes": workout.notes,
        "source": workout.source,
        "import_key": import_key,
    }


def _entry_row(
    entry: ExerciseEntry,
    entry_id: uuid.UUID,
    workout_id: uuid.UUID,
    position: int,
    exercise_ids: Mapping[str, uuid.UUID],
    now: datetime,
) -> dict[str, Any]:
    return {
        "id": entry_id,
        "created_at": now,
        "updated_at": now,
        "workout_id": workout_id,
        "exercise_id": exercise_ids[entry.exercise_slug] if entry.exercise_slug else None,
        "exercise_name": entry.exercise_name,
        "position": position,
        "superset_group": entry.superset_group,
        "notes": entry.notes,
    }


def append_sets(
    session: Session,
    workout_id: uuid.UUID,
    exercise: ExerciseRow,
    sets: Sequence[SetEntry],
    rules: Rules,
    *,
    superset_group: int | None = None,
    notes: str | None = None,
) -> uuid.UUID:
    """Add sets to a workout: to its entry for this exercise when it has one (the sets of a superset alternate
    between entries), else to a new entry at the end; and refresh the workout's strength points (by the
    person's `rules`). Returns the entry's id."""
    entry_id, first = entry_for(session, workout_id, exercise, superset_group=superset_group, notes=notes)
    now = utcnow()
    session.execute(insert(SETS), [set_row(s, entry_id, first + i) for i, s in enumerate(sets)])
    session.execute(update(WorkoutRow).where(WorkoutRow.id == workout_id).values(updated_at=now))
    strength_points.refresh(session, [workout_id], rules)
    return entry_id


def entry_for(
    session: Session,
    workout_id: uuid.UUID,
    exercise: ExerciseRow,
    *,
    superset_group: int | None = None,
    notes: str | None = None,
) -> tuple[uuid.UUID, int]:
    """The workout's entry for this exercise (its last one: the sets of a superset alternate between entries), or
    a new one at the end; with the position the next set in it takes."""
    entry_id = session.scalars(
        select(ExerciseEntryRow.id)
        .where(ExerciseEntryRow.workout_id == workout_id, ExerciseEntryRow.exercise_id == exercise.id)
        .order_by(ExerciseEntryRow.position.desc())
        .limit(1)
    ).first()
    if entry_id is None:
        position = session.scalar(
            select(func.coalesce(func.max(ExerciseEntryRow.position) + 1, 0)).where(
                ExerciseEntryRow.workout_id == workout_id
            )
        )
        entry_id = uuid.uuid4()
        entry = ExerciseEntry(exercise.name, (), superset_group=superset_group, notes=notes)
        row = _entry_row(entry, entry_id, workout_id, int(position or 0), {}, utcnow())
        row["exercise_id"] = exercise.id
        session.execute(insert(ENTRIES), [row])
        return entry_id, 0
    last = session.scalar(select(func.max(SetRow.position)).where(SetRow.entry_id == entry_id))
    if notes:
        session.execute(update(ExerciseEntryRow).where(ExerciseEntryRow.id == entry_id).values(notes=notes))
    return entry_id, 0 if last is None else last + 1


def lock_log(session: Session) -> None:
    """Hold the person's training log for the rest of the transaction, so reading the workout in progress and the
    next set positions, then writing, cannot interleave with another writer of the same log; other people's
    writes go on. PostgreSQL: a transaction-scoped advisory lock named by a hash of the person's id. SQLite: a
    writing unit of work already began IMMEDIATE, holding the database's one write lock."""
    if session.get_bind().dialect.name == "postgresql":
        name = f"liftlore log {person_id(session)}"
        session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0))))


def finish_stale_workouts(session: Session) -> None:
    """Finish every typed-in workout still in progress at its last set (its start if it has none): called before
    a new one starts, as the database allows only one in progress."""
    last_set = (
        select(func.max(SetRow.performed_at))
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .where(ExerciseEntryRow.workout_id == WorkoutRow.id)
        .scalar_subquery()
    )
    session.execute(
        update(WorkoutRow)
        .where(WorkoutRow.person_id == person_id(session), WorkoutRow.source == "log", WorkoutRow.ended_at.is_(None))
        .values(ended_at=func.coalesce(last_set, WorkoutRow.started_at), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def new_workout(
    session: Session, started_at: datetime, *, name: str | None = None, notes: str | None = None
) -> uuid.UUID:
    workout_id = uuid.uuid4()
    workout = Workout(started_at=started_at, name=name, notes=notes)
    row = _workout_row(workout, workout_id, person_id(session), None, utcnow())
    session.execute(insert(WORKOUTS), [row])
    return workout_id


def finish_workout(session: Session, workout_id: uuid.UUID, ended_at: datetime, name: str | None) -> None:
    values: dict[str, Any] = {"ended_at": to_utc(ended_at), "updated_at": utcnow()}
    if name is not None:
        values["name"] = name
    session.execute(update(WorkoutRow).where(_mine(session, workout_id)).values(**values))


def delete_workout(session: Session, workout_id: uuid.UUID) -> bool:
    """Delete a workout with its entries, sets and strength points (the foreign keys cascade)."""
    return bool(session.execute(delete(WorkoutRow).where(_mine(session, workout_id))).rowcount)  # type: ignore[attr-defined]


def _mine(session: Session, workout_id: uuid.UUID) -> Any:
    return (WorkoutRow.id == workout_id) & (WorkoutRow.person_id == person_id(session))


def _own_workouts(session: Session) -> Any:
    return WorkoutRow.person_id == person_id(session)


def import_keys(session: Session) -> set[str]:
    return set(
        session.scalars(select(WorkoutRow.import_key).where(_own_workouts(session), WorkoutRow.import_key.is_not(None)))
    )


def existing_workout_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, bool]:
    """Which of these ids are taken, each with whether the workout is this person's own (True) or someone
    else's (False): a restored backup skips its own workouts, and gives new ids to ids another person holds."""
    mine = person_id(session)
    found: dict[uuid.UUID, bool] = {}
    for chunk in _chunks(ids):
        rows = session.execute(select(WorkoutRow.id, WorkoutRow.person_id).where(WorkoutRow.id.in_(chunk)))
        found.update((workout_id, owner == mine) for workout_id, owner in rows)
    return found


# -- reading -------------------------------------------------------------------------------------------------------


def set_from_row(row: Any, tz: tzinfo) -> SetEntry:
    return SetEntry(
        reps=row.reps,
        weight_kg=row.weight_kg,
        set_type=SetType(row.set_type),
        side=Side(row.side),
        rpe=row.rpe,
        rir=row.rir,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        performed_at=from_db(row.performed_at, tz) if row.performed_at else None,
        id=row.id,
    )


_SET_COLUMNS = (
    SetRow.id,
    SetRow.entry_id,
    SetRow.set_type,
    SetRow.side,
    SetRow.weight_kg,
    SetRow.reps,
    SetRow.rpe,
    SetRow.rir,
    SetRow.duration_s,
    SetRow.distance_m,
    SetRow.performed_at,
)


def sets_of_entries(session: Session, entry_ids: Sequence[uuid.UUID], tz: tzinfo) -> dict[uuid.UUID, list[SetEntry]]:
    found: dict[uuid.UUID, list[SetEntry]] = defaultdict(list)
    for chunk in _chunks(entry_ids):
        rows = session.execute(
            select(*_SET_COLUMNS).where(SetRow.entry_id.in_(chunk)).order_by(SetRow.entry_id, SetRow.position)
        )
        for row in rows:
            found[row.entry_id].append(set_from_row(row, tz))
    return found


def get_workout(session: Session, workout_id: uuid.UUID) -> Workout | None:
    row = session.get(WorkoutRow, workout_id)
    if row is None or row.person_id != person_id(session):
        return None
    tz = zone(row.time_zone)
    entries = session.execute(
        select(ExerciseEntryRow, ExerciseRow.slug)
        .outerjoin(ExerciseRow, ExerciseRow.id == ExerciseEntryRow.exercise_id)
        .where(ExerciseEntryRow.workout_id == workout_id)
        .order_by(ExerciseEntryRow.position)
    ).all()
    sets = sets_of_entries(session, [entry.id for entry, _ in entries], tz)
    return _workout_from(row, tz, entries, lambda entry_id: sets.get(entry_id, ()))


def _workout_from(
    row: WorkoutRow,
    tz: tzinfo,
    entries: Iterable[tuple[ExerciseEntryRow, str | None]],
    sets_of: Callable[[uuid.UUID], Iterable[SetEntry]],
) -> Workout:
    """A workout from its row, its entries (each with its exercise's slug) and a way to find each entry's sets."""
    return Workout(
        started_at=from_db(row.started_at, tz),
        ended_at=from_db(row.ended_at, tz) if row.ended_at else None,
        name=row.name,
        notes=row.notes,
        source=row.source,
        id=row.id,
        entries=tuple(
            ExerciseEntry(
                exercise_name=entry.exercise_name,
                exercise_slug=slug,
                sets=tuple(sets_of(entry.id)),
                superset_group=entry.superset_group,
                notes=entry.notes,
                id=entry.id,
            )
            for entry, slug in entries
        ),
    )


@dataclass(frozen=True)
class WorkoutSummary:
    """A line of the history: when, what, how much."""

    id: uuid.UUID
    started_at: datetime
    ended_at: datetime | None
    name: str | None
    source: str
    exercises: tuple[str, ...]  # names, in order
    set_count: int
    volume_kg: float  # weight x reps over loaded working sets (warm-ups left out)

    @property
    def title(self) -> str:
        return self.name or f"Workout of {self.started_at:%Y-%m-%d}"


def list_workouts(session: Session, *, limit: int, offset: int) -> list[WorkoutSummary]:
    """Workouts, newest first."""
    rows = session.scalars(
        select(WorkoutRow)
        .where(_own_workouts(session))
        .order_by(WorkoutRow.started_at.desc(), WorkoutRow.id)
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [row.id for row in rows]
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    counts: dict[uuid.UUID, tuple[int, float]] = {}
    working_volume = case(
        (
            (SetRow.set_type != SetType.WARM_UP.value) & (SetRow.weight_kg > 0),
            SetRow.weight_kg * SetRow.reps,
        ),
        else_=0.0,
    )
    for chunk in _chunks(ids):
        for workout_id, name in session.execute(
            select(ExerciseEntryRow.workout_id, ExerciseEntryRow.exercise_name)
            .where(ExerciseEntryRow.workout_id.in_(chunk))
            .order_by(ExerciseEntryRow.workout_id, ExerciseEntryRow.position)
        ):
            names[workout_id].append(name)
        for workout_id, count, volume in session.execute(
            select(ExerciseEntryRow.workout_id, func.count(SetRow.id), func.coalesce(func.sum(working_volume), 0.0))
            .join(SetRow, SetRow.entry_id == ExerciseEntryRow.id)
            .where(ExerciseEntryRow.workout_id.in_(chunk))
            .group_by(ExerciseEntryRow.workout_id)
        ):
            counts[workout_id] = (int(count), float(volume))
    summaries = []
    for row in rows:
        tz = zone(row.time_zone)
        count, volume = counts.get(row.id, (0, 0.0))
        summaries.append(
            WorkoutSummary(
                id=row.id,
                started_at=from_db(row.started_at, tz),
                ended_at=from_db(row.ended_at, tz) if row.ended_at else None,
                name=row.name,
                source=row.source,
                exercises=tuple(names.get(row.id, ())),
                set_count=count,
                volume_kg=volume,
            )
        )
    return summaries


def count_workouts(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(WorkoutRow).where(_own_workouts(session))) or 0)


def open_workout(session: Session, at: datetime, gap: timedelta) -> uuid.UUID | None:
    """The typed-in workout a set done at `at` belongs to: the newest one not finished, started at most `gap`
    after it (a set kept offline and sent after later ones were logged), whose last set (or start) is at most
    `gap` earlier. None means the set starts a new workout."""
    moment = to_utc(at)
    candidates = session.execute(
        select(WorkoutRow.id, WorkoutRow.started_at)
        .where(
            _own_workouts(session),
            WorkoutRow.source == "log",
            WorkoutRow.ended_at.is_(None),
            WorkoutRow.started_at <= moment + gap,
            WorkoutRow.started_at >= moment - timedelta(days=1),
        )
        .order_by(WorkoutRow.started_at.desc())
    ).all()
    for workout_id, started_at in candidates:
        last_set = session.scalar(
            select(func.max(SetRow.performed_at))
            .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
            .where(ExerciseEntryRow.workout_id == workout_id)
        )
        last = from_db(last_set or started_at, UTC)
        if moment - last <= gap:
            return workout_id
    return None


def start_by(session: Session, workout_id: uuid.UUID, at: datetime) -> None:
    """Move a workout's start back to `at` if it began later (a set done before it, sent late); the strength
    points, which copy the start, are refreshed by the write that adds the set."""
    moment = to_utc(at)
    session.execute(
        update(WorkoutRow).where(_mine(session, workout_id), WorkoutRow.started_at > moment).values(started_at=moment)
    )


def workout_zone(session: Session, workout_id: uuid.UUID) -> tzinfo | None:
    name = session.scalar(select(WorkoutRow.time_zone).where(_mine(session, workout_id)))
    return zone(name) if name is not None else None


def unfinished_workout_id(session: Session) -> uuid.UUID | None:
    """The newest typed-in workout not finished yet."""
    return session.scalars(
        select(WorkoutRow.id)
        .where(_own_workouts(session), WorkoutRow.source == "log", WorkoutRow.ended_at.is_(None))
        .order_by(WorkoutRow.started_at.desc())
        .limit(1)
    ).first()


def latest_workout_id(session: Session) -> uuid.UUID | None:
    return session.scalars(
        select(WorkoutRow.id).where(_own_workouts(session)).order_by(WorkoutRow.started_at.desc()).limit(1)
    ).first()


def exercise_ids(session: Session, slugs: Iterable[str]) -> dict[str, uuid.UUID]:
    wanted = sorted(set(slugs))
    found: dict[str, uuid.UUID] = {}
    visible = visible_exercises(session)
    for chunk in _chunks(wanted):
        rows = session.execute(select(ExerciseRow.slug, ExerciseRow.id).where(ExerciseRow.slug.in_(chunk), visible))
        found.update((slug, exercise_id) for slug, exercise_id in rows)
    return found


def all_workouts(session: Session) -> Iterator[Workout]:
    """Every workout, oldest first, with its entries and sets (for export); three queries, not one per row."""
    own = _own_workouts(session)
    workouts = (
        session.execute(select(WorkoutRow).where(own).order_by(WorkoutRow.started_at, WorkoutRow.id)).scalars().all()
    )
    entries: dict[uuid.UUID, list[tuple[ExerciseEntryRow, str | None]]] = defaultdict(list)
    own_entries = select(ExerciseEntryRow.id).join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id).where(own)
    for entry, slug in session.execute(
        select(ExerciseEntryRow, ExerciseRow.slug)
        .outerjoin(ExerciseRow, ExerciseRow.id == ExerciseEntryRow.exercise_id)
        .where(ExerciseEntryRow.id.in_(own_entries))
        .order_by(ExerciseEntryRow.workout_id, ExerciseEntryRow.position)
    ):
        entries[entry.workout_id].append((entry, slug))
    sets: dict[uuid.UUID, list[Any]] = defaultdict(list)
    set_rows = select(*_SET_COLUMNS).where(SetRow.entry_id.in_(own_entries))
    for row in session.execute(set_rows.order_by(SetRow.entry_id, SetRow.position)):
        sets[row.entry_id].append(row)
    for workout in workouts:
        tz = zone(workout.time_zone)
        yield _workout_from(workout, tz, entries.get(workout.id, ()), partial(_sets_in, sets, tz))


def _sets_in(sets: Mapping[uuid.UUID, list[Any]], tz: tzinfo, entry_id: uuid.UUID) -> list[SetEntry]:
    return [set_from_row(row, tz) for row in sets.get(entry_id, ())]


def import_key_of(session: Session) -> dict[uuid.UUID, str]:
    rows = session.execute(
        select(WorkoutRow.id, WorkoutRow.import_key).where(_own_workouts(session), WorkoutRow.import_key.is_not(None))
    )
    return {workout_id: key for workout_id, key in rows if key is not None}


def exercise_row(session: Session, slug: str) -> ExerciseRow | None:
    visible = visible_exercises(session)
    return session.scalars(select(ExerciseRow).where(ExerciseRow.slug == slug, visible)).first()
