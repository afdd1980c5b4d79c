"""An in-memory snapshot of the library for the read-heavy paths (browse, search, pages, API).

Rebuilt when the library's version stamp changes, which any process that writes exercises renews; a request
costs one primary-key read to check it.
"""

from __future__ import annotations

import gc
import threading
import time
import uuid
import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Drill, Exercise
from liftlore.domain.people import Viewer
from liftlore.domain.taxonomy import Taxonomy
from liftlore.services.search import SearchIndex, search_index
from liftlore.shapes.library import exercise_item_json
from liftlore.store import exercises as repo
from liftlore.store import scope
from liftlore.store.versions import library_version, local_changes

T = TypeVar("T")

BODYWEIGHT = "bodyweight"  # the equipment filter's and facet's value for "no equipment"


@dataclass(frozen=True)
class Facts:
    """What filters look at, computed once per snapshot instead of once per request."""

    primary: frozenset[str]
    secondary: frozenset[str]
    muscles: frozenset[str]  # primary and secondary
    uses: frozenset[str]  # equipment listed, required or optional
    required: frozenset[str]
    laterality: str
    mechanic: str | None
    level: str | None
    pattern: str | None


def facts_of(exercise: Exercise) -> Facts:
    return Facts(
        primary=frozenset(m.slug for m in exercise.primary_muscles),
        secondary=frozenset(m.slug for m in exercise.secondary_muscles),
        muscles=frozenset(m.slug for m in exercise.muscles),
        uses=frozenset(u.equipment.slug for u in exercise.equipment),
        required=frozenset(u.equipment.slug for u in exercise.equipment if not u.optional),
        laterality=exercise.laterality.value,
        mechanic=exercise.mechanic.value if exercise.mechanic else None,
        level=exercise.level.value if exercise.level else None,
        pattern=exercise.movement_pattern,
    )


def bits_of(positions: Iterable[int], size: int) -> int:
    """A set of positions below `size` as an integer whose bit i says whether i is in it. Written into a byte
    array first: OR-ing one bit at a time into a big integer would copy it for every bit."""
    mask = bytearray((size + 7) // 8)
    for position in positions:
        mask[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(mask, "little")


def bit_digits(bits: int, size: int) -> str:
    """The bits below `size` as a string of '0' and '1', lowest first: `digits[i] == "1"` tests bit i without
    shifting a big integer, and `str.find` walks the set bits at C speed."""
    return format(bits, f"0{size}b")[::-1]


def positions_of(digits: str) -> Iterator[int]:
    """The positions of the set bits in `bit_digits`' string, lowest first."""
    position = digits.find("1")
    while position >= 0:
        yield position
        position = digits.find("1", position + 1)


def _by_value(values: Iterable[tuple[str, int]], size: int) -> dict[str, int]:
    found: defaultdict[str, list[int]] = defaultdict(list)
    for value, position in values:
        found[value].append(position)
    return {value: bits_of(positions, size) for value, positions in found.items()}


@dataclass(frozen=True)
class FilterIndex:
    """For each filter value, the exercises it keeps, as a set of positions in the snapshot's name order held in
    an integer's bits (bit i: the i-th exercise). A request's filters then cost a few ANDs and ORs of integers
    and a facet value's count one `int.bit_count`, instead of a pass over every exercise's facts per request."""

    slugs: tuple[str, ...]  # position -> slug, in name order
    position: dict[str, int]  # slug -> position
    everything: int
    primary: dict[str, int]  # muscle group slug -> exercises training it as a primary muscle
    muscles: dict[str, int]  # muscle group slug -> exercises training it, primary or secondary
    uses: dict[str, int]  # equipment slug -> exercises listing it, required or optional
    required: dict[str, int]  # equipment slug -> exercises that cannot do without it
    nothing_required: int  # the "bodyweight" filter value
    from_log: int  # the viewer's "from your log" exercises, which the library hides unless asked for them
    listed: dict[str, int]  # the equipment facet: `uses`, and "bodyweight" for no equipment at all, not even optional
    laterality: dict[str, int]
    mechanic: dict[str, int]
    level: dict[str, int]
    pattern: dict[str, int]


def filter_index(facts: Mapping[str, Facts], from_log: frozenset[str] = frozenset()) -> FilterIndex:
    """The index of exercises' facts, given in name order."""
    slugs = tuple(facts)
    size = len(slugs)
    listed = list(enumerate(facts.values()))

    def each(values: Callable[[Facts], Iterable[str | None]]) -> dict[str, int]:
        return _by_value(((value, at) for at, fact in listed for value in values(fact) if value is not None), size)

    return FilterIndex(
        slugs=slugs,
        position={slug: at for at, slug in enumerate(slugs)},
        everything=(1 << size) - 1,
        primary=each(lambda fact: fact.primary),
        muscles=each(lambda fact: fact.muscles),
        uses=each(lambda fact: fact.uses),
        required=each(lambda fact: fact.required),
        nothing_required=bits_of((at for at, fact in listed if not fact.required), size),
        from_log=bits_of((at for at, slug in enumerate(slugs) if slug in from_log), size),
        listed=each(lambda fact: fact.uses or (BODYWEIGHT,)),
        laterality=each(lambda fact: (fact.laterality,)),
        mechanic=each(lambda fact: (fact.mechanic,)),
        level=each(lambda fact: (fact.level,)),
        pattern=each(lambda fact: (fact.pattern,)),
    )


MEMO_LIMIT = 4096


@dataclass(frozen=True)
class Snapshot:
    version: str
    exercises: dict[str, Exercise]  # slug -> exercise, in name order
    facts: dict[str, Facts]
    index: FilterIndex
    taxonomy: Taxonomy
    drills: dict[str, Drill]
    search: SearchIndex
    curated: frozenset[str]  # slugs of the bundled catalog's complete pages
    # The viewer's own exercises made for names an import could not match: listed only when asked for, though
    # found by slug and name like any other (the log page offers them, a workout names them).
    from_log: frozenset[str]
    memo: dict[Hashable, Any] = field(default_factory=dict)  # answers computed from this snapshot
    # Each exercise's list item as JSON, written on first use: a page of items is then a join of ready bytes.
    # Bytes, not dicts: the garbage collector never tracks them, frozen snapshot or not.
    items_json: dict[str, bytes] = field(default_factory=dict)

    def item_json(self, slug: str) -> bytes:
        """The list item (shapes.library.ExerciseItem) of exercise `slug` as JSON, written once per snapshot.
        Two threads may write the same one at once; both are equal, and either is kept."""
        found = self.items_json.get(slug)
        if found is None:
            found = self.items_json[slug] = exercise_item_json(self.exercises[slug])
        return found

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for `key`, computed once per snapshot (the snapshot never changes, so neither does it)."""
        if key in self.memo:
            return cast(T, self.memo[key])
        value = compute()
        if len(self.memo) >= MEMO_LIMIT:
            self.memo.clear()
        self.memo[key] = value
        return value


# How long a process trusts its snapshot before it reads the version stamp again: changes made by another process
# (an import from the CLI) show up within this time, and a busy server skips a database read per request.
RECHECK_SECONDS = 1.0


class _Cache:
    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.checked_at = 0.0
        self.changes_seen = -1
        self.lock = threading.Lock()

    def fresh(self) -> bool:
        """Whether the snapshot may be trusted without reading the version stamp again."""
        return time.monotonic() - self.checked_at < RECHECK_SECONDS and local_changes() == self.changes_seen


_caches: weakref.WeakKeyDictionary[Engine, _Cache] = weakref.WeakKeyDictionary()  # one per database
_caches_lock = threading.Lock()


def snapshot(session: Session) -> Snapshot:
    """The library as of the unit of work's database; the session is used only when the stamp is due a recheck
    or the snapshot a rebuild, so most requests touch no database at all."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    cache = _caches.get(engine)
    if cache is None:  # the first request on this database (setdefault would build a _Cache on every request)
        with _caches_lock:
            cache = _caches.setdefault(engine, _Cache())
    current = cache.snapshot
    if current is not None and cache.fresh():
        return current
    version = library_version(session)
    if current is None or current.version != version:
        with cache.lock:  # one rebuild at a time; the others wait for it and reuse it
            current = cache.snapshot
            if current is None or current.version != version:
                gc.unfreeze()  # let the previous snapshot be collected
                cache.snapshot = current = _build(session, version)
                # The snapshot lives until the library changes: keep its many small objects out of every later
                # garbage collection, whose full passes would otherwise stall a busy server for tens of ms.
                gc.collect()
                gc.freeze()
    cache.checked_at, cache.changes_seen = time.monotonic(), local_changes()
    return current


def _build(session: Session, version: str) -> Snapshot:
    exercises = repo.public_exercises(session)
    taxonomy = repo.load_taxonomy(session)
    hidden = repo.private_drill_slugs(session)
    drills = {slug: drill for slug, drill in repo.load_drills(session).items() if slug not in hidden}
    curated = frozenset(repo.slugs_by_origin(session, "catalog"))
    return _snapshot_of(version, exercises, taxonomy, drills, curated)


def _snapshot_of(
    version: str,
    exercises: list[Exercise],
    taxonomy: Taxonomy,
    drills: dict[str, Drill],
    curated: frozenset[str],
    from_log: frozenset[str] = frozenset(),
) -> Snapshot:
    facts = {exercise.slug: facts_of(exercise) for exercise in exercises}
    return Snapshot(
        version=version,
        exercises={exercise.slug: exercise for exercise in exercises},
        facts=facts,
        index=filter_index(facts, from_log),
        taxonomy=taxonomy,
        drills=drills,
        search=search_index(exercises, curated, taxonomy),
        curated=curated,
        from_log=from_log,
    )


def library_view(session: Session) -> Snapshot:
    """The library as the unit of work's viewer sees it: the shared snapshot, plus their own exercises they have
    not shared (made from their log imports, or pages they imported; a coach reading an athlete's log sees the
    athlete's too, as their log names them). Built once per reader and library version
    (any write of an exercise renews the version), and only for people who have such exercises."""
    snap = snapshot(session)
    owners = scope.readers(session)
    if not owners:
        return snap
    return snap.remember(_own_library(owners), lambda: _with_own(snap, session, owners))


def _own_library(owners: tuple[uuid.UUID, ...]) -> Hashable:
    return ("own library", owners)


def ready_view(engine: Engine, viewer: Viewer) -> Snapshot | None:
    """What `library_view` gives `viewer`, when that needs no database: the snapshot is fresh and the viewer's own
    library is built. None otherwise, and the caller opens a unit of work for `library_view`. The library's web
    routes ask here first, so most of their requests open no session at all."""
    cache = _caches.get(engine)
    if cache is None or cache.snapshot is None or not cache.fresh():
        return None
    current = cache.snapshot
    owners = viewer.readers
    if not owners:
        return current
    found = current.memo.get(_own_library(owners))
    return found if isinstance(found, Snapshot) else None


def _with_own(snap: Snapshot, session: Session, owners: tuple[uuid.UUID, ...]) -> Snapshot:
    own = [exercise for owner in owners for exercise in repo.own_private_exercises(session, owner)]
    if not own:
        return snap
    merged = sorted([*snap.exercises.values(), *own], key=lambda exercise: exercise.name)
    own_drills = {drill.slug: drill for exercise in own for drill in (*exercise.warm_up, *exercise.cool_down)}
    from_log = frozenset(slug for owner in owners for slug in repo.own_log_slugs(session, owner))
    return _snapshot_of(snap.version, merged, snap.taxonomy, {**own_drills, **snap.drills}, snap.curated, from_log)
