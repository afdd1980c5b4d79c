"""An in-memory snapshot of the library for the read-heavy paths (browse, search, pages, API).

Rebuilt when the library's version stamp changes, which any process that writes exercises renews; a request
costs one primary-key read to check it.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

from liftlore.domain.exercise import Drill, Exercise
from liftlore.domain.taxonomy import Taxonomy
from liftlore.services.search import SearchKey, search_key
from liftlore.store import exercises as repo
from liftlore.store.db import Database
from liftlore.store.versions import library_version


@dataclass(frozen=True)
class Snapshot:
    version: str
    exercises: dict[str, Exercise]  # slug -> exercise, in name order
    taxonomy: Taxonomy
    drills: dict[str, Drill]
    search_keys: tuple[SearchKey, ...]
    curated: frozenset[str]  # slugs of the bundled catalog's complete pages


class _Cache:
    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.lock = threading.Lock()


_caches: weakref.WeakKeyDictionary[Database, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def snapshot(db: Database) -> Snapshot:
    with _caches_lock:
        cache = _caches.setdefault(db, _Cache())
    with db.session() as session:
        version = library_version(session)
    current = cache.snapshot
    if current is not None and current.version == version:
        return current
    with cache.lock:  # one rebuild at a time; the others wait for it and reuse it
        current = cache.snapshot
        if current is None or current.version != version:
            cache.snapshot = current = _build(db, version)
    return current


def _build(db: Database, version: str) -> Snapshot:
    with db.session() as session:
        exercises = repo.list_exercises(session)
        taxonomy = repo.load_taxonomy(session)
        drills = repo.load_drills(session)
        curated = frozenset(repo.slugs_by_origin(session, "catalog"))
    return Snapshot(
        version=version,
        exercises={exercise.slug: exercise for exercise in exercises},
        taxonomy=taxonomy,
        drills=drills,
        search_keys=tuple(search_key(e, e.slug in curated) for e in exercises),
        curated=curated,
    )
