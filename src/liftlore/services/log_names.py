"""Names from a person's imported logs that the library did not know ("Bayesian Cable Curl", "Warm Up").

An import keeps each as the person's own "from your log" exercise, out of the library's lists, with muscles and
equipment guessed from the library exercise its name is closest to. The person can then map the name to a library
exercise: its history moves there (and merges with what was logged there), the stand-in exercise goes, and the
mapping is remembered, so the next import of the same app's export puts that name's sets in the right place.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise
from liftlore.domain.names import normalise_name
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import search
from liftlore.services.snapshot import Snapshot, library_view
from liftlore.services.training import resolve_exercise
from liftlore.services.training_settings import training_settings
from liftlore.store import exercises as library_repo
from liftlore.store import scope, strength_points
from liftlore.store import settings as settings_store
from liftlore.store import training as training_repo
from liftlore.store.tables import ExerciseEntryRow, SetRow, WorkoutRow

MAPPING = "log-name:"  # + a hash of the name's key: person settings keys are short, names are not
GUESS_SCORE = 100.0  # a search hit at least this good for a part of the name lends the guess its muscles
GUESSED = "Muscles and equipment guessed from "  # the summary line an import writes for a guess
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class LogName:
    """A "from your log" exercise and how much history it holds."""

    slug: str
    name: str
    sets: int
    workouts: int
    guessed_from: str | None  # the library exercise its muscles were guessed from, if any


@dataclass(frozen=True)
class Mapped:
    name: str
    exercise_slug: str
    exercise_name: str
    sets: int
    workouts: int


def guess_for(name: str, library: Snapshot) -> Exercise | None:
    """The library exercise a name not found whole most likely is a variant of: the longest run of its words
    that search finds with a good score ("Bayesian Cable Curl" -> Cable Curl). None when nothing fits."""
    words = _WORD.findall(name)
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            hits = search.rank(" ".join(words[start : start + size]), library.search)
            if hits and hits[0][1] >= GUESS_SCORE:
                found = library.exercises.get(hits[0][0])
                if found is not None and found.slug not in library.from_log:
                    return found
    return None


def log_names(session: Session) -> list[LogName]:
    """The person's "from your log" exercises, with their sets and workouts, most used first."""
    owner = scope.person_id(session)
    slugs = library_repo.own_log_slugs(session, owner)
    if not slugs:
        return []
    rows = library_repo.exercise_rows(session, slugs)
    counts = {
        exercise_id: (sets, workouts)
        for exercise_id, sets, workouts in session.execute(
            select(
                ExerciseEntryRow.exercise_id,
                func.count(SetRow.id),
                func.count(func.distinct(ExerciseEntryRow.workout_id)),
            )
            .join(SetRow, SetRow.entry_id == ExerciseEntryRow.id)
            .join(WorkoutRow, WorkoutRow.id == ExerciseEntryRow.workout_id)
            .where(
                ExerciseEntryRow.exercise_id.in_([row.id for row in rows.values()]),
                WorkoutRow.person_id == owner,
            )
            .group_by(ExerciseEntryRow.exercise_id)
        )
    }
    found = []
    for row in rows.values():
        sets, workouts = counts.get(row.id, (0, 0))
        guessed = next((line for line in row.summary if line.startswith(GUESSED)), None)
        like = guessed[len(GUESSED) :].rstrip(".") if guessed else None
        found.append(LogName(row.slug, row.name, sets, workouts, like))
    return sorted(found, key=lambda item: (-item.sets, item.name.lower()))


def map_name(session: Session, name: str, target: str) -> Mapped:
    """Map a "from your log" exercise (by slug or name) to a library exercise (slug, name or alias): its sets
    join that exercise's history, the stand-in is deleted, and later imports put the name's sets there too."""
    owner = scope.person_id(session)
    source = library_repo.own_log_row(session, owner, name.strip())
    if source is None:
        raise NotFoundError(f"no exercise from your log called '{name}'")
    chosen = resolve_exercise(session, target)
    if chosen.slug == source.slug:
        raise LiftloreError("map it to a library exercise, not to itself", field="exercise")
    destination = training_repo.exercise_row(session, chosen.slug)
    if destination is None:
        raise NotFoundError(f"no exercise '{target}'")
    training_repo.lock_log(session)
    workouts = list(
        session.scalars(select(ExerciseEntryRow.workout_id).where(ExerciseEntryRow.exercise_id == source.id).distinct())
    )
    sets = session.scalar(
        select(func.count(SetRow.id))
        .join(ExerciseEntryRow, ExerciseEntryRow.id == SetRow.entry_id)
        .where(ExerciseEntryRow.exercise_id == source.id)
    )
    session.execute(
        update(ExerciseEntryRow)
        .where(ExerciseEntryRow.exercise_id == source.id)
        .values(exercise_id=destination.id, exercise_name=destination.name)
    )
    strength_points.refresh(session, workouts, training_settings(session).points)
    remember(session, source.name, chosen.slug)
    library_repo.delete_exercise_row(session, source)
    return Mapped(source.name, chosen.slug, chosen.name, int(sets or 0), len(workouts))


def _key(name: str) -> str:
    return MAPPING + hashlib.sha256(normalise_name(name).encode()).hexdigest()[:40]


def remember(session: Session, name: str, slug: str) -> None:
    """Put `name`'s sets on exercise `slug` in this person's later imports."""
    settings_store.set_own_setting(session, _key(name), json.dumps({"name": name, "slug": slug}))


def remembered(session: Session, name: str) -> str | None:
    """The exercise a name was mapped to before, if it is still there for this person."""
    found = settings_store.get_own_setting(session, _key(name))
    if found is None:
        return None
    slug = json.loads(found).get("slug")
    return slug if isinstance(slug, str) and slug in library_view(session).exercises else None


def mappings(session: Session) -> dict[str, str]:
    """Every name this person mapped, to its exercise's slug."""
    found = settings_store.own_settings_with_prefix(session, MAPPING)
    return {entry["name"]: entry["slug"] for entry in map(json.loads, found.values())}
