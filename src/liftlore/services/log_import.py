"""Bringing training history in (Strong and Hevy CSV exports, liftlore's own JSON) and writing it out (JSON of
everything, CSV of every set).

An import is one transaction: a malformed row stops it with the file, line and reason, and nothing is written.
Workouts already imported are recognised (by their import key, or their id for JSON) and skipped, so importing
the same file twice adds nothing. Exercise names are matched to the library (services/name_matching.py); names it
does not know become custom exercises, listed in the report.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.domain.exercise import EquipmentType, EquipmentUse, Exercise, Laterality, Loading
from liftlore.domain.names import is_one_sided, normalise_name, slugify
from liftlore.domain.training import Workout, zone
from liftlore.domain.units import (
    WeightUnit,
    distance_unit_for,
    format_duration,
    from_kg,
    from_metres,
    plain_number,
)
from liftlore.errors import LiftloreError
from liftlore.ingest.logs import backup, hevy, strong
from liftlore.ingest.logs.records import ImportedWorkout, assemble
from liftlore.services import bulk, library, log_names, training, training_settings
from liftlore.services.datasets import Progress
from liftlore.services.name_matching import LibraryName, Match, MatchKind, NameMatcher, named_equipment
from liftlore.services.snapshot import library_view
from liftlore.store import exercises as library_repo
from liftlore.store import scope, strength_points
from liftlore.store import settings as settings_store
from liftlore.store import training as repo
from liftlore.store.tables import ExerciseRow

SOURCES = ("strong", "hevy", "json")
BATCH = 500  # workouts per bulk insert: the progress bar moves, memory stays flat
SOURCE_NAMES = {"strong": "Strong", "hevy": "Hevy", "json": "liftlore"}


@dataclass
class LogImportReport:
    source: str
    path: Path
    variant: str = ""
    dry_run: bool = False
    workouts: int = 0  # in the file
    entries: int = 0
    sets: int = 0
    added_workouts: int = 0
    added_sets: int = 0
    skipped_workouts: int = 0  # imported before
    first: datetime | None = None
    last: datetime | None = None
    matches: list[Match] = field(default_factory=list)  # one per distinct exercise name of the workouts added
    created: list[str] = field(default_factory=list)  # custom exercises made for unknown names
    settings: list[str] = field(default_factory=list)  # restored from a JSON export

    @property
    def match_counts(self) -> Counter[MatchKind]:
        return Counter(match.kind for match in self.matches)


def import_log(
    session: Session,
    source: str,
    path: Path,
    *,
    unit: WeightUnit | None = None,
    timezone: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    maps: Mapping[str, str] | None = None,
) -> LogImportReport:
    """Import a Strong or Hevy CSV export, or liftlore's JSON export, in one transaction (rolled back on a dry
    run). `unit` is required for a Strong file that does not say its unit; `timezone` places the exports' local
    times (default: the timezone setting, else this computer's). `maps` puts the sets of a name in the file on a
    library exercise ({"Bayesian Cable Curl": "cable-curl"}), and remembers it for later imports."""
    if source not in SOURCES:
        raise LiftloreError(f"unknown log source '{source}'; known: {', '.join(SOURCES)}", field="SOURCE")
    with bulk.paused_gc():
        if source == "json":
            return _import_backup(session, path, dry_run=dry_run, progress=progress)
        return _import_export(session, source, path, unit, timezone, dry_run, progress, maps)


def _import_export(
    session: Session,
    source: str,
    path: Path,
    unit: WeightUnit | None,
    timezone: str | None,
    dry_run: bool,
    progress: Progress | None,
    maps: Mapping[str, str] | None,
) -> LogImportReport:
    reader = strong if source == strong.NAME else hevy
    log = reader.read(path, unit=unit)
    settings = training_settings.training_settings(session)
    tz: tzinfo = zone(timezone) if timezone else training_settings.settings_zone(settings)
    imported = assemble(log, tz)
    rules = settings.points
    report = LogImportReport(source=source, path=path, variant=log.variant, dry_run=dry_run)
    _count(report, [item.workout for item in imported])
    known = repo.import_keys(session)
    fresh = [item for item in imported if item.key not in known]
    report.skipped_workouts = len(imported) - len(fresh)
    # Only the names of workouts being added: a skipped workout must not bring back an exercise deleted since.
    names = dict.fromkeys(entry.exercise_name for item in fresh for entry in item.workout.entries)
    slugs = _match_names(session, list(names), SOURCE_NAMES[source], report, maps or {})
    ids = repo.exercise_ids(session, set(slugs.values()))
    _store(session, [_with_slugs(item, slugs) for item in fresh], ids, rules, report, progress)
    return report


def _count(report: LogImportReport, workouts: list[Workout]) -> None:
    report.workouts = len(workouts)
    report.entries = sum(len(w.entries) for w in workouts)
    report.sets = sum(w.set_count for w in workouts)
    starts = [w.started_at for w in workouts]
    report.first, report.last = (min(starts), max(starts)) if starts else (None, None)


def _with_slugs(item: ImportedWorkout, slugs: dict[str, str]) -> repo.NewWorkout:
    workout = item.workout
    entries = tuple(replace(entry, exercise_slug=slugs[entry.exercise_name]) for entry in workout.entries)
    return repo.NewWorkout(replace(workout, entries=entries), import_key=item.key)


def _store(
    session: Session,
    workouts: list[repo.NewWorkout],
    ids: dict[str, uuid.UUID],
    rules: strength_points.Rules,
    report: LogImportReport,
    progress: Progress | None,
) -> None:
    if progress is not None:
        progress.start(len(workouts))
    for start in range(0, len(workouts), BATCH):
        batch = workouts[start : start + BATCH]
        report.added_sets += repo.add_workouts(session, batch, ids, rules)
        report.added_workouts += len(batch)
        if progress is not None:
            for _ in batch:
                progress.advance()


# -- matching names to the library ---------------------------------------------------------------------------------


def _match_names(
    session: Session, names: list[str], app: str, report: LogImportReport, maps: Mapping[str, str]
) -> dict[str, str]:
    """name in the file -> library slug: as `maps` says (and remembered), else as the person mapped it before,
    else as the library's names match it, else a "from your log" exercise of the person's own, made for it."""
    matcher = NameMatcher(library.library_names(session))
    taken = library_repo.taken_slugs(session)
    shared = library_repo.SharedRows(session, replace=False)
    taxonomy = library_repo.load_taxonomy(session)
    view = library_view(session)
    mapped = {normalise_name(name): target for name, target in maps.items()}
    slugs: dict[str, str] = {}
    for name in names:
        target = mapped.get(normalise_name(name))
        if target is not None:
            chosen = training.resolve_exercise(session, target)
            log_names.remember(session, name, chosen.slug)
            report.matches.append(Match(name, MatchKind.EXACT, chosen.slug, chosen.name))
            slugs[name] = chosen.slug
            continue
        before = log_names.remembered(session, name)
        if before is not None:
            report.matches.append(Match(name, MatchKind.EXACT, before, view.exercises[before].name))
            slugs[name] = before
            continue
        match = matcher.match(name)
        if match.kind is MatchKind.NEW:
            slug = _free_slug(slugify(name) or "exercise", taken)
            guess = log_names.guess_for(name, view)
            exercise = custom_exercise(name, app, slug, taxonomy.equipment, guess=guess)
            # The person's own: a name typed into one person's app is nobody else's exercise.
            library_repo.save_exercise(session, exercise, shared, origin="log", owner=scope.person_id(session))
            matcher.add(LibraryName(exercise.slug, exercise.name))
            report.created.append(name)
            match = replace(match, slug=exercise.slug)
        report.matches.append(match)
        assert match.slug is not None
        slugs[name] = match.slug
    session.flush()
    return slugs


def custom_exercise(
    name: str,
    app: str,
    slug: str,
    equipment: Mapping[str, EquipmentType],
    laterality: Laterality | None = None,
    *,
    guess: Exercise | None = None,
) -> Exercise:
    """An exercise for a name the library does not know: the name as the log writes it, with the equipment its
    parentheses name, one-sided as `laterality` says (a JSON export records it), else as the name suggests; with
    `guess`, that library exercise's muscles (and its equipment when the name names none), said so in its
    summary."""
    if laterality is None:
        laterality = Laterality.UNILATERAL if is_one_sided(name) else Laterality.BILATERAL
    named = named_equipment(name)
    known = equipment.get(named[1]) if named else None
    uses = (EquipmentUse(equipment=known),) if known is not None else (guess.equipment if guess else ())
    sided = ", done one side at a time" if laterality is Laterality.UNILATERAL else ""
    summary = [f"{name} is a custom exercise{sided}, added from a {app} log."]
    if guess is not None:
        summary.append(f"{log_names.GUESSED}{guess.name}.")
    return Exercise(
        slug=slug,
        name=name,
        summary=tuple(summary),
        steps=(),
        laterality=laterality,
        mechanic=None,
        movement_pattern=None,
        loading=(Loading.LOADED,) if uses else (Loading.BODYWEIGHT, Loading.LOADED),
        primary_muscles=guess.primary_muscles if guess else (),
        secondary_muscles=guess.secondary_muscles if guess else (),
        equipment=uses,
    )


def _free_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


# -- liftlore's JSON export ----------------------------------------------------------------------------------------


def _import_backup(session: Session, path: Path, *, dry_run: bool, progress: Progress | None) -> LogImportReport:
    document = backup.read_backup(path)
    # Settings first: one the app cannot use would make every later read of the log fail.
    settings: dict[str, str] = {}
    for key, value in document.settings.items():
        try:
            settings[key] = training_settings.checked_value(session, key, value)
        except LiftloreError as refused:
            raise LiftloreError(f"settings.{key}: {refused.message}", file=path, field=f"settings.{key}") from None
    # The points are computed by the rules in force now; if the backup's settings change them, the next strength
    # overview or report rebuilds them (strength_points.ensure).
    rules = training_settings.training_settings(session).points
    report = LogImportReport(source="json", path=path, variant=f"{backup.FORMAT} v{backup.VERSION}", dry_run=dry_run)
    _count(report, list(document.workouts))
    taken = repo.existing_workout_ids(session, [w.id for w in document.workouts if w.id is not None])
    keys = repo.import_keys(session)  # the same Strong or Hevy workout, imported here under another id
    fresh = [
        w
        for w in document.workouts
        if not taken.get(w.id) and (w.id is None or document.import_keys.get(w.id) not in keys)  # type: ignore[arg-type]
    ]
    report.skipped_workouts = len(document.workouts) - len(fresh)
    renamed = _restore_exercises(session, document.exercises, report)
    # Ids another person's log holds (the same backup restored by two people): new ids, the same workouts.
    fresh = [_renamed(_without_ids(w) if w.id in taken else w, renamed) for w in fresh]
    named = {entry.exercise_slug for w in fresh for entry in w.entries if entry.exercise_slug}
    ids = repo.exercise_ids(session, named)
    missing = sorted(named - ids.keys())
    if missing:
        raise LiftloreError(f"entries name exercises the file does not list: {', '.join(missing)}", file=path)
    fresh = _one_in_progress(fresh, already=repo.unfinished_workout_id(session) is not None)
    items = [repo.NewWorkout(w, import_key=document.import_keys.get(w.id) if w.id else None) for w in fresh]
    _store(session, items, ids, rules, report, progress)
    for key, value in settings.items():
        settings_store.set_own_setting(session, training_settings.PREFIX + key, value)
        report.settings.append(key)
    return report


def _one_in_progress(workouts: list[Workout], *, already: bool) -> list[Workout]:
    """The database keeps at most one typed-in workout in progress. A restored one stays in progress only if this
    log has none and it is the newest of the file's; any other is finished at its last set (its start if it has
    none), as the app would have finished it when the next workout began."""
    open_ones = [w for w in workouts if w.source == "log" and w.ended_at is None]
    keep = None if already or not open_ones else max(open_ones, key=lambda w: w.started_at)
    return [w if w.ended_at is not None or w.source != "log" or w is keep else _finished(w) for w in workouts]


def _finished(workout: Workout) -> Workout:
    times = [s.performed_at for e in workout.entries for s in e.sets if s.performed_at is not None]
    return replace(workout, ended_at=max(times, default=workout.started_at))


def _restore_exercises(
    session: Session, exercises: tuple[backup.LoggedExercise, ...], report: LogImportReport
) -> dict[str, str]:
    """Make the exercises the export lists that this library lacks. The export names them by slug, so one the
    library shows this person is the same exercise; one it lacks counts as new, like an unknown name in a Strong
    or Hevy file, and is the person's own. Returns the slugs that had to change (a slug another person's own
    exercise holds) as {slug in the file: slug here}."""
    seen = {slug for slug, _ in library_repo.exercise_names(session)}
    taken = library_repo.taken_slugs(session)
    taxonomy = library_repo.load_taxonomy(session)
    shared = library_repo.SharedRows(session, replace=False)
    renamed: dict[str, str] = {}
    for logged in exercises:
        if logged.slug in seen:
            report.matches.append(Match(logged.name, MatchKind.EXACT, logged.slug, logged.name))
            continue
        slug = _free_slug(logged.slug, taken)
        if slug != logged.slug:
            renamed[logged.slug] = slug
        report.matches.append(Match(logged.name, MatchKind.NEW, slug))
        exercise = custom_exercise(logged.name, "liftlore", slug, taxonomy.equipment, logged.laterality)
        library_repo.save_exercise(session, exercise, shared, origin="log", owner=scope.person_id(session))
        report.created.append(logged.name)
    session.flush()
    return renamed


def _without_ids(workout: Workout) -> Workout:
    entries = tuple(
        replace(entry, id=None, sets=tuple(replace(s, id=None) for s in entry.sets)) for entry in workout.entries
    )
    return replace(workout, id=None, entries=entries)


def _renamed(workout: Workout, renamed: Mapping[str, str]) -> Workout:
    if not renamed:
        return workout
    entries = tuple(
        replace(entry, exercise_slug=renamed.get(entry.exercise_slug, entry.exercise_slug))
        if entry.exercise_slug
        else entry
        for entry in workout.entries
    )
    return replace(workout, entries=entries)


def export_json(session: Session) -> str:
    """Everything in the log as liftlore's JSON: workouts with their ids and import keys, the exercises they name,
    and the training settings. Importing it into an empty database and exporting again gives the same text."""
    settings = training_settings.stored_settings(session)
    workouts = tuple(repo.all_workouts(session))
    keys = repo.import_key_of(session)
    named = {entry.exercise_slug for w in workouts for entry in w.entries if entry.exercise_slug}
    exercises = tuple(
        backup.LoggedExercise(slug, name, Laterality(laterality))
        for slug, name, laterality in session.execute(
            select(ExerciseRow.slug, ExerciseRow.name, ExerciseRow.laterality).where(ExerciseRow.slug.in_(named))
        )
    )
    return backup.write_backup(backup.Backup(settings, exercises, workouts, keys))


CSV_COLUMNS = (
    "workout_id",
    "workout_name",
    "started_at",
    "ended_at",
    "time_zone",
    "workout_notes",
    "exercise",
    "exercise_name",
    "superset_group",
    "exercise_notes",
    "set_number",
    "set_type",
    "side",
    "weight",
    "reps",
    "rpe",
    "rir",
    "duration",
    "distance",
)


def export_csv(session: Session) -> str:
    """Every set as a row, weights and distances in the person's units (named in the header), durations as
    m:ss, times with their offsets: for spreadsheets."""
    unit = training_settings.unit_preference(session)
    distance = distance_unit_for(unit)
    header = [
        {"weight": f"weight_{unit.value}", "distance": f"distance_{distance.value}"}.get(name, name)
        for name in CSV_COLUMNS
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for workout in repo.all_workouts(session):
        for entry in workout.entries:
            for number, entry_set in enumerate(entry.sets, start=1):
                writer.writerow(
                    [
                        workout.id,
                        workout.name or "",
                        workout.started_at.isoformat(),
                        workout.ended_at.isoformat() if workout.ended_at else "",
                        workout.time_zone,
                        workout.notes or "",
                        entry.exercise_slug or "",
                        entry.exercise_name,
                        "" if entry.superset_group is None else entry.superset_group,
                        entry.notes or "",
                        number,
                        entry_set.set_type.value,
                        (entry_set.side.value if entry_set.side else ""),
                        _number(None if entry_set.weight_kg is None else from_kg(entry_set.weight_kg, unit)),
                        "" if entry_set.reps is None else entry_set.reps,
                        _number(entry_set.rpe),
                        _number(entry_set.rir),
                        format_duration(entry_set.duration_s) if entry_set.duration_s is not None else "",
                        _number(
                            None if entry_set.distance_m is None else from_metres(entry_set.distance_m, distance),
                            3,
                        ),
                    ]
                )
    return out.getvalue()


def _number(value: float | None, places: int = 2) -> str:
    return "" if value is None else plain_number(value, places)
