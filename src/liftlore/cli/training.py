"""Training log commands: log, workout, history, prs, e1rm, strength, estimate, plates, settings, and the log's
import and export."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from liftlore.cli import remote
from liftlore.cli.common import app, err, export_app, import_app, open_library, out, print_json, user_errors
from liftlore.domain.log_grammar import format_sets, parse_log_line, parse_sets, parse_weight
from liftlore.domain.training import SetEntry
from liftlore.domain.units import WeightUnit, from_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.render import terminal
from liftlore.render import training as view
from liftlore.science.plates import load_bar, parse_plates
from liftlore.science.strength import every_estimate, load_table
from liftlore.services import log_import, training, training_settings
from liftlore.services.training_settings import TrainingSettings
from liftlore.shapes.training import (
    E1rmHistoryOut,
    E1rmMethodOut,
    E1rmPointOut,
    ExerciseRecordsOut,
    LogReportOut,
    PerformanceOut,
    StrengthSummaryOut,
    WorkoutOut,
    WorkoutSummaryOut,
)

workout_app = typer.Typer(help="Workouts: show, finish, delete.", no_args_is_help=True)
app.add_typer(workout_app, name="workout")

# Words of a set may start with '-' (an assisted '-20kg'): they are the command's arguments, not unknown options.
SET_WORDS = {"ignore_unknown_options": True}
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (weights in kg).")]


def _moment(text: str, settings: TrainingSettings) -> datetime:
    """'2025-09-15 07:48' (in the person's zone), or an ISO time with its offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LiftloreError(f"'{text}' is not a time like 2025-09-15 07:48", field="--at") from None
    from liftlore.domain.limits import check_moment  # here, not at the top, while cli/ is being reworked

    # Year 1 or 9999 parses, but the first timedelta added to it overflows: refuse it here, named as --at.
    moment = check_moment(moment, "--at")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=training_settings.settings_zone(settings))


def _unit(text: str | None) -> WeightUnit | None:
    return weight_unit(text, field="--unit") if text is not None else None


@app.command("log", context_settings=SET_WORDS)
@user_errors
def log(
    words: Annotated[list[str], typer.Argument(help='The exercise and its sets: "back squat" 100kg x 5 x 3 @8.')],
    at: Annotated[str | None, typer.Option(help="When (default now): '2025-09-15 18:30'.")] = None,
    workout: Annotated[str | None, typer.Option(help="Add to this workout (its id).")] = None,
    new: Annotated[bool, typer.Option("--new", help="Start a new workout.")] = False,
    name: Annotated[str | None, typer.Option(help="Name of a new workout.")] = None,
    superset: Annotated[int | None, typer.Option(help="Superset group number of a new entry.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Log sets between sets; docs/log-grammar.md has the whole grammar.

    \b
    liftlore log back squat 100kg x 5 x 3 @8
    liftlore log "single-leg hip thrust" L 40kg x 10, R 40kg x 8
    liftlore log pull-up bw+10kg x 6, 6, 5
    """
    server = remote.signed_in()
    if server is not None:
        options = {"--at": at, "--name": name, "--superset": superset}
        return remote.log(server, words, workout=workout, new=new, unsupported=options, as_json=as_json)
    session = open_library()
    settings = training_settings.training_settings(session)
    first, rest = words[0], " ".join(words[1:])
    # A first word with spaces was quoted: it is the whole exercise name.
    line = (
        parse_log_line(rest, unit=settings.unit, exercise=first)
        if " " in first.strip()
        else parse_log_line(" ".join(words), unit=settings.unit)
    )
    exercise = training.resolve_exercise(session, line.exercise)
    logged = training.log_sets(
        session,
        exercise.slug,
        line.sets,
        performed_at=_moment(at, settings) if at else None,
        workout_id=training.parse_workout_id(workout) if workout else None,
        new_workout=new,
        name=name,
        superset_group=superset,
    )
    done = logged.workout
    entry = next(e for e in reversed(done.entries) if e.exercise_slug == exercise.slug)
    new_ids = {s.id for s in logged.added}
    records = [r for r in training.exercise_strength(session, exercise.slug).history if r.set_id in new_ids]
    if as_json:
        print_json(LogReportOut.report(done, logged.added, records).to_data())
        return
    out.print(f"logged {len(line.sets)} set(s) of {exercise.name} in {done.title} ({str(done.id)[:8]})", markup=False)
    out.print(f"  {exercise.name} today: {format_sets(entry.sets, settings.unit)}", markup=False)
    for record in records:
        out.print(f"  PR! {view.record_line(record, settings.unit)}", markup=False)


@workout_app.command("show")
@user_errors
def workout_show(
    workout_id: Annotated[str | None, typer.Argument(help="The workout's id (default: the latest).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show a workout with every set."""
    server = remote.signed_in()
    if server is not None:
        return remote.workout_show(server, workout_id, as_json=as_json)
    session = open_library()
    found = training.get_workout(session, workout_id)
    if as_json:
        print_json(WorkoutOut.from_domain(found).to_data())
    else:
        view.print_workout(out, found, training.unit_preference(session))


@workout_app.command("finish")
@user_errors
def workout_finish(
    workout_id: Annotated[str | None, typer.Argument(help="The workout's id (default: the one in progress).")] = None,
    name: Annotated[str | None, typer.Option(help="Name it.")] = None,
    at: Annotated[str | None, typer.Option(help="When it ended (default now).")] = None,
) -> None:
    """End a workout: the next set logged starts a new one."""
    remote.local_only()
    session = open_library()
    chosen = training.parse_workout_id(workout_id) if workout_id else None
    ended_at = _moment(at, training_settings.training_settings(session)) if at else None
    done = training.finish_workout(session, chosen, ended_at=ended_at, name=name)
    out.print(f"finished {done.title}: {done.set_count} sets of {len(done.entries)} exercises", markup=False)


@workout_app.command("delete")
@user_errors
def workout_delete(
    workout_id: Annotated[str, typer.Argument(help="The workout's id.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a workout and its sets."""
    remote.local_only()
    session = open_library()
    found = training.get_workout(session, workout_id)
    if not yes and not typer.confirm(f"delete {found.title} ({found.set_count} sets)?"):
        raise typer.Exit(1)
    assert found.id is not None
    training.delete_workout(session, found.id)
    out.print(f"deleted {found.title}", markup=False)


@app.command("history")
@user_errors
def history(
    exercise: Annotated[
        str | None, typer.Argument(help="An exercise: its last sessions (default: all workouts).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many (newest first).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Workouts, newest first; or an exercise's last sessions."""
    server = remote.signed_in()
    if server is not None:
        return remote.history(server, exercise, limit=limit, offset=offset, as_json=as_json)
    session = open_library()
    unit = training.unit_preference(session)
    if exercise is None:
        workouts = training.list_workouts(session, limit=limit, offset=offset)
        if as_json:
            print_json([WorkoutSummaryOut.from_domain(w).to_data() for w in workouts])
            return
        view.print_workout_list(out, workouts, unit)
        total = training.workout_count(session)
        if workouts and total > len(workouts):
            out.print(f"{offset + 1}-{offset + len(workouts)} of {total} workouts (--offset for more)", markup=False)
        return
    found = training.resolve_exercise(session, exercise)
    done = training.exercise_history(session, found.slug, limit=limit, offset=offset)
    if as_json:
        print_json([PerformanceOut.from_domain(d).to_data() for d in done])
    else:
        view.print_history(out, found.name, done, unit)


@app.command("prs")
@user_errors
def prs(
    exercise: Annotated[str, typer.Argument(help="An exercise: slug, name or alias.")],
    every: Annotated[bool, typer.Option("--history", help="Every PR as it happened, not only those held.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Personal records of an exercise, per side: heaviest, best e1RM, best set volume, most reps at a weight."""
    remote.local_only()
    session = open_library()
    strength = training.exercise_strength(session, training.resolve_exercise(session, exercise).slug)
    if as_json:
        print_json(ExerciseRecordsOut.from_domain(strength).to_data())
    else:
        view.print_records(out, strength, training.unit_preference(session), history=every)


@app.command("e1rm")
@user_errors
def e1rm(
    exercise: Annotated[str, typer.Argument(help="An exercise: slug, name or alias.")],
    as_json: JsonOption = False,
) -> None:
    """An exercise's estimated 1RM, workout by workout (method: `liftlore settings`)."""
    remote.local_only()
    session = open_library()
    strength = training.exercise_strength(session, training.resolve_exercise(session, exercise).slug)
    if as_json:
        method = E1rmMethodOut.from_domain(strength.method)
        print_json(E1rmHistoryOut(method=method, points=[E1rmPointOut.from_domain(p) for p in strength.e1rm]).to_data())
    else:
        view.print_e1rm(out, strength, training.unit_preference(session))


@app.command("strength")
@user_errors
def strength(as_json: JsonOption = False) -> None:
    """Every logged exercise at a glance: records and latest e1RM."""
    remote.local_only()
    session = open_library()
    overview = training.strength_overview(session)
    if as_json:
        print_json([StrengthSummaryOut.from_domain(s).to_data() for s in overview])
    else:
        view.print_overview(out, overview, training.unit_preference(session))


@app.command("estimate", context_settings=SET_WORDS)
@user_errors
def estimate(
    words: Annotated[list[str], typer.Argument(help="One set: 100kg x 5, or 100kg x 5 @8 for the RPE chart too.")],
    as_json: JsonOption = False,
) -> None:
    """Estimated 1RM of a set by every formula and the RPE chart, and the loads for each rep count."""
    session = open_library()
    settings = training_settings.training_settings(session)
    sets = parse_sets(" ".join(words), unit=settings.unit)
    entry: SetEntry = sets[0]
    if len(sets) != 1 or entry.weight_kg is None or entry.weight_kg <= 0 or not entry.reps:
        raise LiftloreError("give one loaded set with reps, like 100kg x 5 or 100kg x 5 @8", field="set")
    # Estimates and loads in kilograms; the view shows them in the person's unit.
    estimates = every_estimate(entry.weight_kg, entry.reps, entry.reps_in_reserve, settings.e1rm.rep_cap)
    chosen = settings.e1rm.estimate(entry.weight_kg, entry.reps, entry.reps_in_reserve)
    rows = load_table(chosen) if chosen else []
    if as_json:
        print_json(view.json_ready({"estimates": estimates, "chosen_kg": chosen, "loads_kg": rows}))
    else:
        view.print_estimates(out, entry, estimates, rows, settings.unit)


@app.command("plates")
@user_errors
def plates(
    target: Annotated[str, typer.Argument(help="The weight to load: 142.5, 100kg or 225lb.")],
    bar: Annotated[str | None, typer.Option(help="The bar: 20kg, 15kg, 45lb (default from settings).")] = None,
    plate_set: Annotated[str | None, typer.Option("--plates", help="Plates per side: 25,20,15x2,10,5,2.5.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Which plates to load on each side of the bar for a target weight."""
    session = open_library()
    settings = training_settings.training_settings(session)
    # Bare numbers are in the person's unit, as everywhere; the calculator works in the plates' unit.
    unit = settings.plates_unit
    answer = load_bar(
        from_kg(parse_weight(target, unit=settings.unit), unit),
        from_kg(parse_weight(bar, unit=settings.unit), unit) if bar else settings.bar,
        parse_plates(plate_set) if plate_set else training_settings.default_plates(settings),
    )
    if as_json:
        print_json(view.json_ready({"unit": unit, "exact": answer.exact, "below": answer.below, "above": answer.above}))
    else:
        view.print_plates(out, answer, unit)


@app.command("settings")
@user_errors
def settings(
    name: Annotated[str | None, typer.Argument(help="A setting (see the list).")] = None,
    value: Annotated[str | None, typer.Argument(help="Its new value.")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="Back to the default.")] = False,
) -> None:
    """Training settings: unit (kg or lb), timezone, e1rm-formula, rep-cap, e1rm-from-rpe, bar, plates."""
    remote.local_only()
    session = open_library()
    if name is not None and (value is not None or reset):
        training_settings.change_setting(session, name, None if reset else value)
    elif name is not None:
        training_settings.check_name(name)
    view.print_settings(out, training_settings.stored_settings(session), name)


@import_app.command("log")
@user_errors
def import_log(
    source: Annotated[str, typer.Argument(help="strong, hevy, or json (liftlore's own export).")],
    file: Annotated[Path, typer.Argument(help="The exported file.")],
    unit: Annotated[str | None, typer.Option(help="kg or lb: for Strong files that do not say.")] = None,
    timezone: Annotated[str | None, typer.Option(help="Where the times were written (default: your setting).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would be imported; store nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import workouts from Strong, Hevy or a liftlore export; importing the same file again adds nothing."""
    remote.local_only()
    session = open_library(rollback=dry_run)
    with terminal.ProgressBar(err, f"importing {file.name}") as bar:
        report = log_import.import_log(
            session, source, file, unit=_unit(unit), timezone=timezone, dry_run=dry_run, progress=bar
        )
    if as_json:
        print_json(view.json_ready(report))
    else:
        view.print_import_report(out, report)


@export_app.command("log")
@user_errors
def export_log(
    format_: Annotated[
        str, typer.Option("--format", help="json (everything, re-importable) or csv (every set).")
    ] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Write the whole training log out."""
    remote.local_only()
    session = open_library(write=False)
    if format_ not in ("json", "csv"):
        raise LiftloreError(f"the format is json or csv, not '{format_}'", field="--format")
    text = log_import.export_json(session) if format_ == "json" else log_import.export_csv(session)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)
