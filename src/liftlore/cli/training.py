"""Training log commands: log, workout, history, prs, e1rm, strength, estimate, plates, settings, and the log's
import and export."""

from __future__ import annotations

import re
import sys
import uuid
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from sqlalchemy.orm import Session

from liftlore.cli import remote
from liftlore.cli.common import JsonOption, app, err, export_app, import_app, open_library, out, print_json, user_errors
from liftlore.domain.log_grammar import format_set, format_sets, parse_log_line, parse_sets, parse_weight
from liftlore.domain.training import SetEntry, SetType, Side
from liftlore.domain.units import WeightUnit, from_kg, weight_unit
from liftlore.errors import LiftloreError
from liftlore.render import terminal
from liftlore.render import training as view
from liftlore.science.plates import DEFAULT_BARS, DEFAULT_PLATES, PlateLoad, load_bar, parse_plates
from liftlore.science.strength import every_estimate, load_table
from liftlore.services import log_edits, log_import, training, training_settings
from liftlore.services.training_settings import TrainingSettings
from liftlore.shapes.training import (
    ExerciseRecordsOut,
    LogOut,
    PerformanceOut,
    SetChangeOut,
    StrengthSummaryOut,
    WorkoutOut,
    WorkoutSummaryOut,
)

workout_app = typer.Typer(help="Workouts: show, finish, rename, delete.", no_args_is_help=True)
app.add_typer(workout_app, name="workout")
set_app = typer.Typer(
    help="Fix a logged set: edit, delete, move. `workout show --ids` lists the sets' ids.", no_args_is_help=True
)
app.add_typer(set_app, name="set")

# Words of a set may start with '-' (an assisted '-20kg'): they are the command's arguments, not unknown options.
SET_WORDS = {"ignore_unknown_options": True}


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
    workout: Annotated[
        str | None, typer.Option(help="Add to this workout: its id, or its first characters as `history` shows.")
    ] = None,
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
        workout_id=_workout_id(session, workout, field="--workout") if workout else None,
        new_workout=new,
        name=name,
        superset_group=superset,
    )
    done = logged.workout
    entry = next(e for e in reversed(done.entries) if e.exercise_slug == exercise.slug)
    records = logged.records
    if as_json:
        print_json(LogOut.report(done, logged.added, records).to_data())
        return
    out.print(f"logged {len(line.sets)} set(s) of {exercise.name} in {done.title} ({str(done.id)[:8]})", markup=False)
    out.print(f"  {exercise.name} today: {format_sets(entry.sets, settings.unit)}", markup=False)
    for record in records:
        out.print(f"  PR! {view.record_line(record, settings.unit)}", markup=False)
    ids = ", ".join(view.short_id(s.id) for s in logged.added)
    out.print(f"  set id{'s' if len(logged.added) > 1 else ''}: {ids} (liftlore set edit ID fixes one)", markup=False)


@workout_app.command("show")
@user_errors
def workout_show(
    workout_id: Annotated[
        str | None, typer.Argument(help="The workout's id or its first characters (default: the latest).")
    ] = None,
    ids: Annotated[bool, typer.Option("--ids", help="One set a line, with the id `liftlore set` takes.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show a workout with every set."""
    server = remote.signed_in()
    if server is not None:
        return remote.workout_show(server, workout_id, as_json=as_json)
    session = open_library()
    found = training.get_workout(session, _workout_id(session, workout_id) if workout_id else None)
    if as_json:
        print_json(WorkoutOut.from_domain(found).to_data())
    else:
        view.print_workout(out, found, training.unit_preference(session), set_ids=ids)


@workout_app.command("finish")
@user_errors
def workout_finish(
    workout_id: Annotated[
        str | None, typer.Argument(help="The workout's id or its first characters (default: the one in progress).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Name it.")] = None,
    at: Annotated[str | None, typer.Option(help="When it ended (default now).")] = None,
) -> None:
    """End a workout: the next set logged starts a new one."""
    remote.local_only()
    session = open_library()
    chosen = _workout_id(session, workout_id) if workout_id else None
    ended_at = _moment(at, training_settings.training_settings(session)) if at else None
    done = training.finish_workout(session, chosen, ended_at=ended_at, name=name)
    out.print(f"finished {done.title}: {done.set_count} sets of {len(done.entries)} exercises", markup=False)


@workout_app.command("delete")
@user_errors
def workout_delete(
    workout_id: Annotated[str, typer.Argument(help="The workout's id or its first characters.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
) -> None:
    """Delete a workout and its sets."""
    remote.local_only()
    session = open_library()
    found = training.get_workout(session, _workout_id(session, workout_id))
    if not yes and not typer.confirm(f"delete {found.title} ({found.set_count} sets)?"):
        raise typer.Exit(1)
    assert found.id is not None
    training.delete_workout(session, found.id)
    out.print(f"deleted {found.title}", markup=False)


@workout_app.command("rename")
@user_errors
def workout_rename(
    workout_id: Annotated[str, typer.Argument(help="The workout's id or its first characters.")],
    name: Annotated[list[str], typer.Argument(help='Its new name: Legs, or Push day ("" for none).')],
) -> None:
    """Name a workout (an empty name "" takes the name away, so it is called by its day again)."""
    remote.local_only()
    session = open_library()
    renamed = log_edits.rename_workout(session, _workout_id(session, workout_id), _name(name))
    out.print(f"renamed workout {view.short_id(renamed.id)} to {renamed.title}", markup=False)
    view.print_workout(out, renamed, training.unit_preference(session))


@set_app.command("edit")
@user_errors
def set_edit(
    set_id: Annotated[str, typer.Argument(help="The set's id or its first characters (`workout show --ids`).")],
    weight: Annotated[
        str | None, typer.Option(help="62.5kg, 135lb, or a bare number in your unit; -20kg assisted; bw for none.")
    ] = None,
    reps: Annotated[int | None, typer.Option(help="How many reps.")] = None,
    rpe: Annotated[str | None, typer.Option(help="RPE, 6 to 10 ('none' takes it away).")] = None,
    rir: Annotated[str | None, typer.Option(help="Reps in reserve ('none' takes it away).")] = None,
    side: Annotated[str | None, typer.Option(help="left, right or both.")] = None,
    set_type: Annotated[str | None, typer.Option("--type", help="normal, warm-up, drop or failure.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Change a set's values; the others stay as they were, and records follow the change.

    \b
    liftlore set edit 1a2b3c --weight 62.5kg --reps 8
    liftlore set edit 1a2b3c --side right --rpe none
    """
    remote.local_only()
    session = open_library()
    unit = training.unit_preference(session)
    changes: dict[str, object] = {}
    if weight is not None:
        changes["weight_kg"] = _weight_change(weight, unit)
    if reps is not None:
        changes["reps"] = reps
    for field, typed in (("rpe", rpe), ("rir", rir)):
        if typed is not None:
            changes[field] = _effort(typed, f"--{field}")
    if side is not None:
        changes["side"] = _choice(side, Side, "--side")
    if set_type is not None:
        changes["set_type"] = _choice(set_type, SetType, "--type")
    if not changes:
        raise LiftloreError("nothing to change: give --weight, --reps, --rpe, --rir, --side or --type", field="set")
    edited = log_edits.edit_set(session, log_edits.resolve_set_id(session, set_id), changes)
    if as_json:
        return print_json(SetChangeOut.from_domain(edited).to_data())
    out.print(
        f"changed set {view.short_id(edited.set.id)} of {edited.exercise_name}: now {format_set(edited.set, unit)}",
        markup=False,
    )
    _show_after(edited, unit)


@set_app.command("delete")
@user_errors
def set_delete(
    set_id: Annotated[str, typer.Argument(help="The set's id or its first characters (`workout show --ids`).")],
    as_json: JsonOption = False,
) -> None:
    """Delete a set (undo one just logged); what it was is printed, to log it again if that was a mistake too."""
    remote.local_only()
    session = open_library()
    unit = training.unit_preference(session)
    deleted = log_edits.delete_set(session, log_edits.resolve_set_id(session, set_id))
    if as_json:
        return print_json(SetChangeOut.from_domain(deleted).to_data())
    out.print(
        f"deleted set {view.short_id(deleted.set.id)} of {deleted.exercise_name}: {format_set(deleted.set, unit)}",
        markup=False,
    )
    _show_after(deleted, unit)


@set_app.command("move")
@user_errors
def set_move(
    set_id: Annotated[str, typer.Argument(help="The set's id or its first characters (`workout show --ids`).")],
    exercise: Annotated[
        list[str], typer.Argument(metavar="EXERCISE", help="The exercise it belongs to: front squat, or a slug.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Move a set logged under the wrong exercise to the right one, in the same workout."""
    remote.local_only()
    session = open_library()
    unit = training.unit_preference(session)
    moved = log_edits.move_set(session, log_edits.resolve_set_id(session, set_id), _name(exercise))
    if as_json:
        return print_json(SetChangeOut.from_domain(moved).to_data())
    out.print(
        f"moved set {view.short_id(moved.set.id)} ({format_set(moved.set, unit)}) to {moved.exercise_name}",
        markup=False,
    )
    _show_after(moved, unit)


def _show_after(edited: log_edits.EditedSet, unit: WeightUnit) -> None:
    """The workout as it is after a change to one of its sets, with the sets' ids for the next fix."""
    if edited.workout is None:
        out.print(f"workout {view.short_id(edited.workout_id)} had no other sets and was deleted", markup=False)
    else:
        out.print()
        view.print_workout(out, edited.workout, unit, set_ids=True)


def _name(words: list[str]) -> str:
    """An exercise's or a workout's name typed as several words, without quotes (as `log` takes them)."""
    return " ".join(word.strip() for word in words)


def _workout_id(session: Session, text: str, *, field: str = "workout") -> uuid.UUID:
    """A workout by the id a person typed: the whole id or its first characters (at least six)."""
    return log_edits.resolve_workout_id(session, text, field=field)


_NO_WEIGHT = frozenset({"bw", "none", "bodyweight", "body weight"})


def _weight_change(text: str, unit: WeightUnit) -> float | None:
    """--weight: a load in kg ('62.5kg', '135lb', a bare number in the person's unit), negative for assistance,
    or None for body weight."""
    cleaned = text.strip().lower()
    if cleaned in _NO_WEIGHT:
        return None
    sign = -1.0 if cleaned.startswith("-") else 1.0
    try:
        return sign * parse_weight(cleaned.lstrip("+-").strip(), unit=unit)
    except LiftloreError:
        raise LiftloreError(
            f"'{text}' is not a weight; write 62.5kg, 135lb, a number in {unit.value}, or bw", field="--weight"
        ) from None


Choice = TypeVar("Choice", bound=StrEnum)


def _choice(text: str, choices: type[Choice], field: str) -> Choice:
    """--side/--type by their names, refused naming the option the person typed."""
    try:
        return choices(text.strip().lower())
    except ValueError:
        allowed = ", ".join(choice.value for choice in choices)
        raise LiftloreError(f"'{text}' is not one of {allowed}", field=field) from None


def _effort(text: str, field: str) -> float | None:
    """--rpe/--rir: a number, or 'none' to take it away (the set's other checks are the service's)."""
    if text.strip().lower() == "none":
        return None
    try:
        return float(text)
    except ValueError:
        raise LiftloreError(f"'{text}' is not a number (or 'none' to take it away)", field=field) from None


@app.command("history")
@user_errors
def history(
    words: Annotated[
        list[str] | None,
        typer.Argument(metavar="EXERCISE", help="An exercise: its last sessions (default: all workouts)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many (newest first).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Workouts, newest first; or an exercise's last sessions (`liftlore history back squat`)."""
    exercise = _name(words) if words else None
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
    words: Annotated[
        list[str], typer.Argument(metavar="EXERCISE", help="An exercise: slug, name or alias (back squat, RDL).")
    ],
    every: Annotated[bool, typer.Option("--history", help="Every PR as it happened, not only those held.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Personal records of an exercise, per side: heaviest, best e1RM, best set volume, most reps at a weight."""
    remote.local_only()
    session = open_library()
    strength = training.exercise_strength(session, training.resolve_exercise(session, _name(words)).slug)
    if as_json:
        print_json(ExerciseRecordsOut.from_domain(strength).to_data())
    else:
        view.print_records(out, strength, training.unit_preference(session), history=every)


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
    """Estimated 1RM of a set by every formula and the RPE chart, and the loads for each rep count, rounded to
    what your bar and plates make. The answer is in the unit the set was typed in (225lb x 3 answers in lb)."""
    session = open_library()
    settings = training_settings.training_settings(session)
    text = " ".join(words)
    sets = parse_sets(text, unit=settings.unit)
    entry: SetEntry = sets[0]
    if len(sets) != 1 or entry.weight_kg is None or entry.weight_kg <= 0 or not entry.reps:
        raise LiftloreError("give one loaded set with reps, like 100kg x 5 or 100kg x 5 @8", field="set")
    # Estimates in kilograms, as the store keeps them; the view shows them in the unit the person typed.
    estimates = every_estimate(entry.weight_kg, entry.reps, entry.reps_in_reserve, settings.e1rm.rep_cap)
    chosen = settings.e1rm.estimate(entry.weight_kg, entry.reps, entry.reps_in_reserve)
    if as_json:
        rows = load_table(chosen) if chosen else []
        print_json(view.json_ready({"estimates": estimates, "chosen_kg": chosen, "loads_kg": rows}))
        return
    unit = _typed_unit(text) or settings.unit
    bar, plates_per_side = _plates_for(settings, unit)
    loads = [
        view.SuggestedLoad(row, _nearest_load(row.load, bar, plates_per_side))
        for row in (load_table(from_kg(chosen, unit)) if chosen else [])
    ]
    shown = view.EstimateView(entry, estimates, loads, unit, settings.e1rm.rep_cap, bar, plates_per_side)
    view.print_estimates(out, shown)


# A unit written against a number: '225lb', '100 kg' (the grammar's spellings).
_TYPED_UNIT = re.compile(r"\d\s*(kgs|kg|lbs|lb)(?![a-z])", re.IGNORECASE)


def _typed_unit(text: str) -> WeightUnit | None:
    """The weight unit the set was typed in, when it names one."""
    found = _TYPED_UNIT.search(text)
    return weight_unit(found.group(1)) if found else None


def _plates_for(settings: TrainingSettings, unit: WeightUnit) -> tuple[float, dict[float, int | None]]:
    """The bar and plates to round loads in `unit` to: the person's, when they are in that unit; otherwise the
    usual ones of that unit (someone who types pounds is loading pound plates)."""
    if settings.plates_unit is unit:
        return settings.bar, training_settings.default_plates(settings)
    return DEFAULT_BARS[unit], dict.fromkeys(DEFAULT_PLATES[unit])


def _nearest_load(load: float, bar: float, plates: dict[float, int | None]) -> PlateLoad | None:
    """The weight nearest `load` that the bar and plates make; None when the load is lighter than the bar."""
    return load_bar(load, bar, plates).nearest if load >= bar else None


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
    """Training settings: unit (kg or lb), timezone, e1rm-formula, rep-cap, e1rm-from-rpe, bar, plates, and the
    insight reports' hard-set-rpe, recovery-tau, recovery-capacity (also per muscle) and symmetry-threshold."""
    remote.local_only()
    session = open_library()
    if name is not None and (value is not None or reset):
        training_settings.change_setting(session, name, None if reset else value)
    elif name is not None:
        training_settings.check_setting(session, name)
    view.print_settings(out, training_settings.stored_settings(session), name)


@import_app.command("log")
@user_errors
def import_log(
    source: Annotated[str, typer.Argument(help="strong, hevy, or json (liftlore's own export).")],
    file: Annotated[Path, typer.Argument(help="The exported file.")],
    unit: Annotated[str | None, typer.Option(help="kg or lb: for Strong files that do not say.")] = None,
    timezone: Annotated[str | None, typer.Option(help="Where the times were written (default: your setting).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would be imported; store nothing.")] = False,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help='Put a name\'s sets on a library exercise: --map "Bayesian Cable Curl=cable-curl" (repeatable; '
            "remembered for later imports).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import workouts from Strong, Hevy or a liftlore export; importing the same file again adds nothing.
    Names the library does not know become exercises "from your log", kept out of the library's lists until you
    map them (liftlore names)."""
    remote.local_only()
    maps = _maps(map_ or [])
    session = open_library(rollback=dry_run)
    with terminal.ProgressBar(err, f"importing {file.name}") as bar:
        report = log_import.import_log(
            session, source, file, unit=_unit(unit), timezone=timezone, dry_run=dry_run, progress=bar, maps=maps
        )
    if as_json:
        print_json(view.json_ready(report))
    else:
        view.print_import_report(out, report)


def _maps(given: list[str]) -> dict[str, str]:
    """--map "Name=slug" options as {name: exercise}."""
    found: dict[str, str] = {}
    for item in given:
        name, equals, target = item.rpartition("=")
        if not equals or not name.strip() or not target.strip():
            raise LiftloreError(f"--map takes NAME=EXERCISE, as in \"Bayesian Cable Curl=cable-curl\", not '{item}'")
        found[name.strip()] = target.strip()
    return found


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
