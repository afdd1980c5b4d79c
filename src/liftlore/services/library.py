"""The exercise library: load the bundled catalog, import and export pages, find and list exercises.

An imported page belongs to the person who imported it (origin "page"): a catalog load never overwrites it, an
import that would drop whole sections of an exercise is refused unless asked for, and the bundled version stays
at hand in the catalog's files to compare with or to go back to.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.loader import load_catalog, read_catalog
from liftlore.catalog.problems import in_order
from liftlore.domain.exercise import Exercise, ParsedPage
from liftlore.domain.taxonomy import Taxonomy
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.page.read import read_page_file
from liftlore.page.sections import dropped_sections, in_words
from liftlore.page.write import write_page
from liftlore.services.name_matching import LibraryName
from liftlore.store import exercises as repo
from liftlore.store import scope
from liftlore.store.db import Database
from liftlore.store.settings import get_setting, set_setting
from liftlore.store.tables import EquipmentRow, ExerciseAliasRow, ExerciseEquipmentRow, ExerciseRow

CATALOG_FINGERPRINT = "catalog_fingerprint"
PAGE = "page"  # the origin of an exercise a person imported: theirs, never overwritten by a catalog load


def catalog_fingerprint(directory: Path = CATALOG_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.suffix in {".md", ".toml"}):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_bundled_catalog(session: Session, *, force: bool = False, directory: Path = CATALOG_DIR) -> int | None:
    """Load the catalog (in the caller's transaction); skipped (None) when it is already loaded. Exercises the
    person imported a page over keep their version (forced or not); the count is of the exercises written."""
    fingerprint = catalog_fingerprint(directory)
    if get_setting(session, CATALOG_FINGERPRINT) == fingerprint and not force:
        return None
    catalog = load_catalog(directory)
    shared = repo.SharedRows(session, replace=True)
    for muscle in catalog.taxonomy.muscles.values():
        shared.muscle(muscle)
    for equipment in catalog.taxonomy.equipment.values():
        shared.equipment_type(equipment)
    rows = repo.exercise_rows(session, set(repo.slugs_by_origin(session, PAGE)) & catalog.exercises.keys())
    kept = len(rows)
    for exercise in catalog.exercises.values():
        if exercise.slug not in rows:
            rows[exercise.slug] = repo.save_exercise(session, exercise, shared, origin="catalog")
    session.flush()
    # Variations are not part of a page (the layout has no place for them), so the person's exercises get the
    # catalog's links too, and stay reachable as the easier or harder variation of bundled ones.
    repo.save_variations(session, rows, catalog.exercises.values())
    set_setting(session, CATALOG_FINGERPRINT, fingerprint)
    return len(catalog.exercises) - kept


@dataclass(frozen=True)
class CatalogCheck:
    problems: tuple[str, ...]  # each names its file and line; in file order
    summary: str  # what the catalog holds: "185 exercises, 60 drills, ..."


def check_catalog(directory: Path = CATALOG_DIR) -> CatalogCheck:
    """Every problem in the bundled catalog's files, for `liftlore catalog check`."""
    catalog = read_catalog(directory)
    summary = (
        f"{len(catalog.exercises)} exercises, {len(catalog.drills)} drills, "
        f"{len(catalog.taxonomy.muscles)} muscle groups, {len(catalog.taxonomy.equipment)} equipment types"
    )
    return CatalogCheck(tuple(str(problem) for problem in in_order(catalog.problems)), summary)


def ensure_catalog(db: Database) -> int | None:
    """Load the bundled catalog if it changed, in a unit of work of its own: adapters call it once at start-up,
    before they serve their first request or run their command."""
    with db.session() as session:  # most starts find it loaded: a read, which never waits for a writer
        if get_setting(session, CATALOG_FINGERPRINT) == catalog_fingerprint():
            return None
    with db.session(write=True) as session:
        # Several app servers starting after an upgrade: one loads, the others wait and then find it loaded.
        repo.lock_library_load(session)
        return load_bundled_catalog(session)


@dataclass(frozen=True)
class PageImport:
    page: ParsedPage
    created: bool  # False when an exercise with the same slug was updated


def import_page(session: Session, path: Path, *, name: str | None = None, replace: bool = False) -> PageImport:
    """Read a page and store it as the person's own, in its own wording (a dry run is the same call in a unit
    of work that rolls back, so it warns exactly as the real import does); the same page imported again updates
    its exercise. A page that would drop whole sections of the exercise it updates is refused, unless `replace`."""
    parsed = read_page_file(path, repo.load_taxonomy(session), name=name)
    return store_page(session, parsed, path, replace=replace)


def store_page(session: Session, parsed: ParsedPage, source: Path, *, replace: bool = False) -> PageImport:
    """Store a page read from `source`. An admin's page goes to the shared library (a single-user database's one
    person is its admin); anyone else's is their own exercise, seen by them alone until they share it. A page
    whose exercise the person may not edit (the shared library's, or another person's) becomes their own copy
    under a slug of its own, with a warning: nobody overwrites what is not theirs."""
    exercise = parsed.exercise
    warnings = list(parsed.warnings)
    acting = scope.viewer(session).acting
    admin = acting is not None and acting.is_admin
    owner = None if admin or acting is None else acting.id
    if owner is not None:
        _refuse_new_shared_entities(session, exercise, source)
    stored = repo.get_exercise(session, exercise.slug)
    editable = stored is not None and (admin or repo.owner_of(session, exercise.slug) == owner)
    if exercise.slug in repo.taken_slugs(session) and not editable:
        slug = _own_slug(session, exercise.slug)
        warnings.append(f"'{exercise.slug}' is not yours to change: stored as your own exercise '{slug}'")
        exercise, stored = dataclasses.replace(exercise, slug=slug), None
    if stored is not None:
        if not replace:
            _refuse_dropping_sections(source, stored, exercise)
        exercise = _with_what_pages_cannot_say(exercise, stored)
    shared = repo.SharedRows(session, replace=False)
    repo.save_exercise(session, exercise, shared, origin=PAGE, own_wording=True, owner=owner)
    session.flush()
    return PageImport(page=ParsedPage(exercise, tuple(warnings)), created=stored is None)


def _refuse_new_shared_entities(session: Session, exercise: Exercise, source: Path) -> None:
    """Muscle groups and equipment are the shared library's, listed for everyone: only an admin's page adds one.
    A member's page must name those the library has (its own lines about them are kept, for it alone)."""
    known = repo.load_taxonomy(session)
    muscles = sorted({m.name for m in exercise.muscles if m.slug not in known.muscles})
    equipment = sorted({u.equipment.name for u in exercise.equipment if u.equipment.slug not in known.equipment})
    for what, names, field in (("muscle groups", muscles, "muscles"), ("equipment", equipment, "equipment")):
        if names:
            raise LiftloreError(
                f"the library has no {what} named {', '.join(names)}; only an admin adds {what}:"
                f" name one the library lists (/{'muscles' if field == 'muscles' else 'equipment'})",
                file=source,
                field=field,
            )


def _own_slug(session: Session, slug: str) -> str:
    taken = repo.taken_slugs(session)
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def share_exercise(session: Session, slug: str, shared: bool) -> Exercise:
    """Share one of your own exercises with everyone (or stop sharing it). Anyone else's is "not found"."""
    acting = scope.viewer(session).acting
    if acting is None or not repo.set_shared(session, slug, acting.id, shared):
        raise NotFoundError(f"no exercise of yours '{slug}'")
    session.flush()
    return get_exercise(session, slug)


def _refuse_dropping_sections(path: Path, stored: Exercise, incoming: Exercise) -> None:
    """A page cut short (a truncated download, a half-written file) must not silently replace a whole one."""
    dropped = dropped_sections(stored, incoming)
    if dropped:
        raise LiftloreError(
            f"importing it would drop {in_words(dropped)} of {stored.name}; --replace imports it anyway", file=path
        )


def _with_what_pages_cannot_say(exercise: Exercise, stored: Exercise) -> Exercise:
    """The layout has no place for aliases or a level, so a page that updates an exercise keeps the stored ones
    rather than erasing them (search by alias and the level filter would lose the exercise)."""
    aliases, level = exercise.aliases or stored.aliases, exercise.level or stored.level
    return dataclasses.replace(exercise, aliases=aliases, level=level)


def taxonomy(session: Session) -> Taxonomy:
    """The muscle groups and equipment the library knows, for reading a page."""
    return repo.load_taxonomy(session)


def get_exercise(session: Session, slug_or_name: str) -> Exercise:
    """An exercise by its slug, or by any of its names and aliases ('RDL', 'pull up')."""
    exercise = repo.get_exercise(session, slug_or_name) or repo.find_by_name(session, slug_or_name)
    if exercise is not None:
        return exercise
    names = repo.exercise_names(session)
    raise NotFoundError(f"no exercise '{slug_or_name}'", suggestions=closest_names(slug_or_name, names))


def closest_names(query: str, names: list[tuple[str, str]], limit: int = 3) -> list[str]:
    """The slugs whose slug or name are nearest to what the user typed."""
    choices = {slug: f"{slug} {name}" for slug, name in names}
    matches = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
    return [slug for _, _, slug in matches]


def export_page(session: Session, slug: str, *, bundled: bool = False) -> str:
    """The exercise's page as stored (the person's version, if they imported one), or the catalog's own."""
    exercise = get_exercise(session, slug)
    return write_page(bundled_version(exercise) if bundled else exercise)


# -- the bundled version of a person's page ------------------------------------------------------------------------


def bundled_exercise(slug: str, directory: Path = CATALOG_DIR) -> Exercise | None:
    """The exercise as the catalog's files have it, read from disk: no second copy is stored, and the files are
    what the next catalog load would write."""
    return load_catalog(directory).exercises.get(slug)


def bundled_version(exercise: Exercise, directory: Path = CATALOG_DIR) -> Exercise:
    bundled = bundled_exercise(exercise.slug, directory)
    if bundled is None:
        raise NotFoundError(f"the catalog has no bundled version of {exercise.name} ({exercise.slug})")
    return bundled


@dataclass(frozen=True)
class BundledDiff:
    exercise: Exercise  # as stored: the person's version when they imported a page over the bundled one
    bundled: Exercise | None  # None: the catalog has no exercise of this slug (a page of the person's own)
    lines: tuple[str, ...]  # a unified diff of the two pages, bundled first; empty when they read the same


def diff_with_bundled(session: Session, slug: str, directory: Path = CATALOG_DIR) -> BundledDiff:
    """How the stored exercise's page differs from the bundled one, line by line in the page layout."""
    exercise = get_exercise(session, slug)
    bundled = bundled_exercise(exercise.slug, directory)
    if bundled is None:
        return BundledDiff(exercise, None, ())
    lines = difflib.unified_diff(
        write_page(bundled).splitlines(keepends=True),
        write_page(exercise).splitlines(keepends=True),
        fromfile=f"bundled/{exercise.slug}",
        tofile=f"yours/{exercise.slug}",
    )
    return BundledDiff(exercise, bundled, tuple(lines))


def restore_bundled(session: Session, slug: str, directory: Path = CATALOG_DIR) -> Exercise:
    """Put the bundled version back in place of the person's: it is the catalog's again, so catalog loads keep
    it up to date. Its variation links were never touched by the import and stay as they are."""
    bundled = bundled_version(get_exercise(session, slug), directory)
    repo.save_exercise(session, bundled, repo.SharedRows(session, replace=False), origin="catalog")
    session.flush()
    return bundled


def own_versions_of_bundled(session: Session, directory: Path = CATALOG_DIR) -> list[str]:
    """The slugs of bundled exercises the person imported a page over, which catalog loads leave alone."""
    bundled = load_catalog(directory).exercises
    return sorted(slug for slug in repo.slugs_by_origin(session, PAGE) if slug in bundled)


def library_names(session: Session) -> list[LibraryName]:
    """Every exercise's name, aliases and required equipment, in three light queries."""
    aliases: dict[uuid.UUID, list[str]] = {}
    for exercise_id, alias in session.execute(select(ExerciseAliasRow.exercise_id, ExerciseAliasRow.alias)):
        aliases.setdefault(exercise_id, []).append(alias)
    equipment: dict[uuid.UUID, set[str]] = {}
    for exercise_id, slug in session.execute(
        select(ExerciseEquipmentRow.exercise_id, EquipmentRow.slug)
        .join(EquipmentRow, EquipmentRow.id == ExerciseEquipmentRow.equipment_id)
        .where(ExerciseEquipmentRow.optional.is_(False))
    ):
        equipment.setdefault(exercise_id, set()).add(slug)
    visible = scope.visible_exercises(session)
    rows = session.execute(
        select(ExerciseRow.id, ExerciseRow.slug, ExerciseRow.name).where(visible).order_by(ExerciseRow.origin)
    )
    return [
        LibraryName(slug, name, tuple(aliases.get(exercise_id, ())), frozenset(equipment.get(exercise_id, ())))
        for exercise_id, slug, name in rows
    ]
