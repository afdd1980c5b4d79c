"""The exercise library: load the bundled catalog, import and export pages, find and list exercises."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.catalog import CATALOG_DIR
from liftlore.catalog.loader import load_catalog
from liftlore.domain.exercise import Exercise, ParsedPage
from liftlore.errors import NotFoundError
from liftlore.ingest.logs.matching import LibraryName
from liftlore.page.read import read_page_file
from liftlore.page.write import write_page
from liftlore.store import exercises as repo
from liftlore.store.db import Database
from liftlore.store.settings import get_setting, set_setting
from liftlore.store.tables import EquipmentRow, ExerciseAliasRow, ExerciseEquipmentRow, ExerciseRow

CATALOG_FINGERPRINT = "catalog_fingerprint"


def catalog_fingerprint(directory: Path = CATALOG_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.suffix in {".md", ".toml"}):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_bundled_catalog(db: Database, *, force: bool = False, directory: Path = CATALOG_DIR) -> int | None:
    """Load the catalog into the database in one transaction; skipped (None) when it is already loaded."""
    fingerprint = catalog_fingerprint(directory)
    with db.session() as session:
        if get_setting(session, CATALOG_FINGERPRINT) == fingerprint and not force:
            return None
        catalog = load_catalog(directory)
        shared = repo.SharedRows(session, replace=True)
        for muscle in catalog.taxonomy.muscles.values():
            shared.muscle(muscle)
        for equipment in catalog.taxonomy.equipment.values():
            shared.equipment_type(equipment)
        rows = {ex.slug: repo.save_exercise(session, ex, shared, origin="catalog") for ex in catalog.exercises.values()}
        session.flush()
        repo.save_variations(session, rows, catalog.exercises.values())
        set_setting(session, CATALOG_FINGERPRINT, fingerprint)
        return len(catalog.exercises)


@dataclass(frozen=True)
class PageImport:
    page: ParsedPage
    created: bool  # False when an exercise with the same slug was updated
    stored: bool  # False on a dry run


def import_page(db: Database, path: Path, *, name: str | None = None, dry_run: bool = False) -> PageImport:
    """Read a page and store it in one transaction; the same page imported again updates its exercise."""
    with db.session() as session:
        parsed = read_page_file(path, repo.load_taxonomy(session), name=name)
        exercise = parsed.exercise
        exists = repo.get_exercise(session, exercise.slug) is not None
        if dry_run:
            return PageImport(page=parsed, created=not exists, stored=False)
        shared = repo.SharedRows(session, replace=False)
        repo.save_exercise(session, exercise, shared, origin="page")
        warnings = parsed.warnings + tuple(shared.notes)
        return PageImport(page=ParsedPage(exercise, warnings), created=not exists, stored=True)


def get_exercise(db: Database, slug_or_name: str) -> Exercise:
    """An exercise by its slug, or by any of its names and aliases ('RDL', 'pull up')."""
    with db.session() as session:
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


def export_page(db: Database, slug: str) -> str:
    return write_page(get_exercise(db, slug))


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
    rows = session.execute(select(ExerciseRow.id, ExerciseRow.slug, ExerciseRow.name).order_by(ExerciseRow.origin))
    return [
        LibraryName(slug, name, tuple(aliases.get(exercise_id, ())), frozenset(equipment.get(exercise_id, ())))
        for exercise_id, slug, name in rows
    ]
