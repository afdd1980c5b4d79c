"""Import an open exercise dataset into the library: map, link, merge, skip, and report, in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise
from liftlore.domain.names import normalise_name
from liftlore.domain.taxonomy import Taxonomy
from liftlore.errors import LiftloreError
from liftlore.ingest.datasets import free_exercise_db, open_exercise_db, wger
from liftlore.ingest.datasets.cleaning import clean
from liftlore.ingest.datasets.records import Skip, SourceRecord, SourceTables
from liftlore.store import exercises as repo
from liftlore.store.tables import ExerciseAliasRow, ExerciseRow, ExerciseSourceRow


@dataclass(frozen=True)
class DatasetReader:
    read: Callable[[Path], list[SourceRecord | Skip]]
    tables: SourceTables


READERS: dict[str, DatasetReader] = {
    free_exercise_db.NAME: DatasetReader(free_exercise_db.read, free_exercise_db.TABLES),
    open_exercise_db.NAME: DatasetReader(open_exercise_db.read, open_exercise_db.TABLES),
    wger.NAME: DatasetReader(wger.read, wger.TABLES),
}


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


@dataclass
class DatasetReport:
    source: str
    records: int = 0
    added: int = 0
    linked: int = 0
    merged: int = 0
    unchanged: int = 0  # already imported by an earlier run
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count
    skipped_examples: dict[str, list[str]] = field(default_factory=dict)
    unmapped_muscles: Counter[str] = field(default_factory=Counter)
    unmapped_equipment: Counter[str] = field(default_factory=Counter)
    fixes: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def skip(self, reason: str, name: str) -> None:
        self.skipped[reason] += 1
        examples = self.skipped_examples.setdefault(reason, [])
        if len(examples) < 3:
            examples.append(name)


class _Library:
    """The names the library already answers to, and the source records it already holds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[str, ExerciseRow] = {}
        rows = session.scalars(select(ExerciseRow)).all()
        by_id = {row.id: row for row in rows}
        for row in rows:
            self.by_key.setdefault(row.name_key, row)
        for alias in session.scalars(select(ExerciseAliasRow)):
            self.by_key.setdefault(alias.alias_key, by_id[alias.exercise_id])
        self.slugs = {row.slug for row in rows}
        self.known = {(s.source, s.source_id) for s in session.scalars(select(ExerciseSourceRow))}

    def match(self, exercise: Exercise) -> ExerciseRow | None:
        for name in (exercise.name, *exercise.aliases):
            row = self.by_key.get(normalise_name(name))
            if row is not None:
                return row
        return None

    def free_slug(self, slug: str, source: str) -> str:
        candidate, number = slug, 1
        while candidate in self.slugs:
            number += 1
            candidate = f"{slug}-{source}" if number == 2 else f"{slug}-{source}-{number}"
        self.slugs.add(candidate)
        return candidate


def import_dataset(
    session: Session, source: str, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> DatasetReport:
    reader = READERS.get(source)
    if reader is None:
        raise LiftloreError(f"unknown dataset '{source}'; known: {', '.join(READERS)}", field="SOURCE")
    if not path.exists():
        raise LiftloreError("no such file or folder", file=path)
    records = reader.read(path)
    report = DatasetReport(source=source, records=len(records), dry_run=dry_run)
    if progress is not None:
        progress.start(len(records))
    library = _Library(session)
    taxonomy = repo.load_taxonomy(session)
    shared = repo.SharedRows(session, replace=False)
    this_run: dict[str, ExerciseRow] = {}
    for record in records:
        _import_one(session, record, reader.tables, taxonomy, library, shared, this_run, report)
        if progress is not None:
            progress.advance()
    return report


def _import_one(
    session: Session,
    record: SourceRecord | Skip,
    tables: SourceTables,
    taxonomy: Taxonomy,
    library: _Library,
    shared: repo.SharedRows,
    this_run: dict[str, ExerciseRow],
    report: DatasetReport,
) -> None:
    if isinstance(record, Skip):
        report.skip(record.reason, record.name)
        return
    if (record.source, record.source_id) in library.known:
        report.unchanged += 1
        return
    cleaned = clean(record, tables, taxonomy)
    report.unmapped_muscles.update(cleaned.unmapped_muscles)
    report.unmapped_equipment.update(cleaned.unmapped_equipment)
    report.fixes.update(cleaned.fixes)
    exercise = cleaned.exercise
    if exercise is None:
        report.skip(cleaned.skip_reason or "unusable", record.name)
        return
    key = normalise_name(exercise.name)
    relation: str
    if key in this_run:
        row, relation = this_run[key], "merged"
        report.merged += 1
    elif (match := library.match(exercise)) is not None:
        row, relation = match, "linked"
        report.linked += 1
    else:
        exercise = _with_slug(exercise, library.free_slug(exercise.slug, record.source))
        row, relation = repo.save_exercise(session, exercise, shared, origin="dataset"), "added"
        session.flush()
        report.added += 1
        for name in (exercise.name, *exercise.aliases):
            library.by_key.setdefault(normalise_name(name), row)
    this_run.setdefault(key, row)
    session.add(
        ExerciseSourceRow(
            exercise_id=row.id,
            source=record.source,
            source_id=record.source_id,
            name=record.name,
            relation=relation,
            licence=record.licence or tables.licence,
            author=record.author,
        )
    )
    library.known.add((record.source, record.source_id))


def _with_slug(exercise: Exercise, slug: str) -> Exercise:
    return replace(exercise, slug=slug)
