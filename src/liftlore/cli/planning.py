"""The planner's commands: `plan` (today's plan, edited with --swap and --lock), `profile`, `routine` and
`programme`. Plans are made on this computer's log only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeVar

import typer
from sqlalchemy.orm import Session

from liftlore.cli import remote
from liftlore.cli.common import JsonOption, app, err, open_library, out, print_json, user_errors
from liftlore.domain.exercise import MOVEMENT_PATTERNS, Level
from liftlore.domain.planning import Goal, Profile, Split
from liftlore.errors import LiftloreError
from liftlore.render import plan as view
from liftlore.services import planner, profiles, programme_sessions, programmes, routines, training
from liftlore.services.insight_input import read_day
from liftlore.services.library import closest_names
from liftlore.services.snapshot import library_view
from liftlore.services.training_settings import settings_zone, training_settings
from liftlore.shapes.planning import PlanOut

profile_app = typer.Typer(help="Planning profiles: your equipment, goal, time and what to avoid.", no_args_is_help=True)
routine_app = typer.Typer(help="Routines: saved workouts to repeat.", no_args_is_help=True)
programme_app = typer.Typer(help="The bundled multi-day programmes and their progression rules.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")
app.add_typer(routine_app, name="routine")
app.add_typer(programme_app, name="programme")

E = TypeVar("E", Goal, Level, Split)

EquipmentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        metavar="SLUG",
        help="Equipment at hand: slugs or names, repeated or comma-separated (dumbbell,bench); 'everything' for a"
        " full gym, 'bodyweight' for none.",
    ),
]
ReplaceOption = Annotated[bool, typer.Option("--replace", help="Write over one of the same name.")]
# Patterns the --avoid-pattern help offers as examples: the library's own names, so each is accepted as written.
PATTERN_EXAMPLES = ("squat", "hip hinge", "lunge", "vertical push", "horizontal pull")


def _choice(kind: type[E], value: str, field: str) -> E:
    """An option's word as the planner's value, or an error naming the field and the words it takes."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise LiftloreError(f"unknown {field} '{value}'; known: {known}", field=field) from None


def _slug(text: str, field: str) -> str:
    slug = text.strip().lower()
    if not slug:
        raise LiftloreError("an exercise's slug is needed", field=field)
    return slug


def _patterns(words: list[str]) -> tuple[str, ...]:
    """Movement patterns as the library names them ("hip hinge"), whatever the case or spacing; an unknown one is
    refused with the closest names and every pattern there is, so the person can pick one without guessing."""
    found = []
    for word in words:
        pattern = " ".join(word.lower().split())
        if pattern not in MOVEMENT_PATTERNS:
            close = closest_names(word[:100], [(known, known) for known in MOVEMENT_PATTERNS])
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise LiftloreError(
                f"unknown movement pattern '{word[:100]}'{hint} Known: {', '.join(MOVEMENT_PATTERNS)}",
                field="avoid_patterns",
            )
        found.append(pattern)
    return tuple(found)


def _profile(session: Session, name: str | None) -> Profile:
    """The profile `name`; none, or "default", is the person's default profile (the one a plan uses without
    --profile), unless they saved a profile named "default" themselves."""
    wanted = name.strip() if name is not None else ""
    if wanted.lower() == profiles.BUILT_IN and all(
        p.name.strip().lower() != profiles.BUILT_IN for p in profiles.profiles(session)
    ):
        wanted = ""
    return profiles.profile(session, wanted or None)


def _swap(text: str) -> tuple[str, str | None]:
    """'SLUG' or 'SLUG=TO'."""
    slug, _, to = text.partition("=")
    return _slug(slug, "swap"), (_slug(to, "swap") if to.strip() else None)


# -- plan ------------------------------------------------------------------------------------------------------------


@app.command("plan")
@user_errors
def plan(
    profile: Annotated[
        str | None, typer.Option("--profile", metavar="NAME", help="A saved profile (default: your default profile).")
    ] = None,
    equipment: EquipmentOption = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="Today's time, 10 to 240 minutes.")] = None,
    goal: Annotated[str | None, typer.Option("--goal", help="strength, hypertrophy or general, for today.")] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Another seed, another plan; the same seed and history, the same plan (default: today, YYYYMMDD).",
        ),
    ] = None,
    as_json: JsonOption = False,
    swap: Annotated[
        list[str] | None,
        typer.Option(
            "--swap",
            metavar="SLUG[=TO]",
            help="Replace an exercise of the plan by TO (or its closest alternative: same muscles and pattern,"
            " equipment at hand); the exercises after it are made again. Repeat to swap more, in order.",
        ),
    ] = None,
    lock: Annotated[
        list[str] | None,
        typer.Option(
            "--lock",
            metavar="SLUG",
            help="Keep this exercise exactly as prescribed and make the rest again around it (after any swaps).",
        ),
    ] = None,
    save_routine: Annotated[
        str | None, typer.Option("--save-routine", metavar="NAME", help="Save the plan's exercises as a routine.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="With --save-routine: write over a routine of that name.")
    ] = False,
) -> None:
    """Today's plan: exercises for well-recovered muscles that fit your goal, equipment and time, with sets, reps,
    load and rest, the warm-up and cool-down drills, and the reason for every choice.

    --equipment, --minutes and --goal change the profile for this plan only. The seed defaults to today's date."""
    remote.local_only()
    session = open_library()
    settings = training_settings(session)
    moment = datetime.now(settings_zone(settings))
    seed = planner.day_seed(session, moment) if seed is None else seed
    chosen = planner.with_overrides(
        _profile(session, profile),
        equipment=profiles.read_equipment(session, equipment) if equipment is not None else False,
        minutes=minutes,
        goal=goal,
    )
    made = _edited(session, chosen, seed, moment, swaps=swap or [], locks=lock or [])
    saved = None
    if save_routine is not None:
        saved = routines.save_routine(session, save_routine, made.exercises, "plan", replace=replace)
    if as_json:
        print_json(made.to_data())
    else:
        view.print_plan(out, made, settings.unit)
    if saved is not None:
        (err if as_json else out).print(
            f"saved as the routine '{saved.name}' (liftlore routine show '{saved.name}')", markup=False
        )


def _edited(
    session: Session, chosen: Profile, seed: int, moment: datetime, *, swaps: list[str], locks: list[str]
) -> PlanOut:
    """The plan for the seed, then each swap in order, then the locks kept while the rest is made again."""
    made = planner.make_plan(session, chosen, seed=seed, now=moment)
    for text in swaps:
        slug, to = _swap(text)
        made = planner.swap(session, chosen, made, slug, to, seed=seed, now=moment)
    if locks:
        made = planner.regenerate(session, chosen, made, [_slug(text, "lock") for text in locks], seed=seed, now=moment)
    return made


# -- profiles --------------------------------------------------------------------------------------------------------


@profile_app.command("save")
@user_errors
def profile_save(
    name: Annotated[str, typer.Argument(help="A short name: home, gym.")],
    equipment: EquipmentOption = None,
    goal: Annotated[str, typer.Option(help="strength, hypertrophy or general.")] = Goal.HYPERTROPHY.value,
    experience: Annotated[str, typer.Option(help="beginner, intermediate or advanced.")] = Level.BEGINNER.value,
    minutes: Annotated[int, typer.Option(help="A session's length, 10 to 240.")] = 60,
    days: Annotated[int, typer.Option("--days", help="Training days a week, 1 to 7.")] = 3,
    emphasise: Annotated[
        list[str] | None, typer.Option("--emphasise", metavar="MUSCLE", help="A muscle group to give more work.")
    ] = None,
    avoid: Annotated[
        list[str] | None,
        typer.Option("--avoid", metavar="MUSCLE", help="A muscle group to leave out entirely (an injury)."),
    ] = None,
    avoid_pattern: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid-pattern",
            metavar="PATTERN",
            help="A movement pattern to leave out, as the library names it: "
            + ", ".join(f"'{pattern}'" for pattern in PATTERN_EXAMPLES)
            + ", ... (an unknown one is refused with the list).",
        ),
    ] = None,
    split: Annotated[str, typer.Option(help="full-body, upper-lower, push-pull-legs or none.")] = Split.NONE.value,
    default: Annotated[bool, typer.Option("--default", help="Plan with this profile when none is named.")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Write over a profile of the same name (all of it).")
    ] = False,
) -> None:
    """Save a planning profile. Without --equipment it has everything the library knows."""
    remote.local_only()
    session = open_library()
    wanted = Profile(
        name=name,
        equipment=profiles.read_equipment(session, equipment) if equipment is not None else None,
        goal=_choice(Goal, goal, "goal"),
        experience=_choice(Level, experience, "experience"),
        minutes=minutes,
        days_per_week=days,
        emphasise=profiles.read_muscles(session, emphasise or [], "emphasise"),
        avoid_muscles=profiles.read_muscles(session, avoid or [], "avoid_muscles"),
        avoid_patterns=_patterns(avoid_pattern or []),
        split=_choice(Split, split, "split"),
    )
    saved = profiles.save_profile(session, wanted, default=default, replace=replace)
    out.print(f"saved the profile '{saved.name}'", markup=False)
    view.print_profile(out, saved, is_default=profiles.default_profile_name(session) == saved.name)


@profile_app.command("list")
@user_errors
def profile_list(as_json: JsonOption = False) -> None:
    """Your planning profiles."""
    remote.local_only()
    session = open_library(write=False)
    found = profiles.profiles(session)
    if as_json:
        print_json([p.to_data() for p in found])
    else:
        view.print_profiles(out, found, profiles.default_profile_name(session))


@profile_app.command("show")
@user_errors
def profile_show(
    name: Annotated[
        str,
        typer.Argument(
            help="A profile's name; 'default' is your default profile, the one a plan uses without --profile."
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """One planning profile."""
    remote.local_only()
    session = open_library(write=False)
    found = profiles.profile_out(_profile(session, name))
    if as_json:
        print_json(found.to_data())
    else:
        view.print_profile(out, found, is_default=profiles.default_profile_name(session) == found.name)


@profile_app.command("delete")
@user_errors
def profile_delete(name: Annotated[str, typer.Argument(help="A profile's name.")]) -> None:
    """Delete a planning profile."""
    remote.local_only()
    session = open_library()
    profiles.delete_profile(session, name)
    out.print(f"deleted the profile '{name.strip()}'", markup=False)


# -- routines --------------------------------------------------------------------------------------------------------


@routine_app.command("save")
@user_errors
def routine_save(
    name: Annotated[str, typer.Argument(help="A short name: push day, home A.")],
    last: Annotated[bool, typer.Option("--last", help="Save your last workout, to repeat it.")] = False,
    replace: ReplaceOption = False,
) -> None:
    """Save a workout as a routine (`liftlore plan --save-routine NAME` saves a plan)."""
    remote.local_only()
    session = open_library()
    if not last:
        raise LiftloreError("say which workout to save: --last saves your last one", field="last")
    saved = routines.save_routine(session, name, routines.last_workout_routine(session), "workout", replace=replace)
    out.print(f"saved the routine '{saved.name}'", markup=False)
    view.print_routine(out, saved, training.unit_preference(session))


@routine_app.command("list")
@user_errors
def routine_list(as_json: JsonOption = False) -> None:
    """Your routines."""
    remote.local_only()
    session = open_library(write=False)
    found = routines.routines(session)
    if as_json:
        print_json([r.to_data() for r in found])
    else:
        view.print_routines(out, found)


@routine_app.command("show")
@user_errors
def routine_show(
    name: Annotated[str, typer.Argument(help="A routine's name or id.")], as_json: JsonOption = False
) -> None:
    """One routine, exercise by exercise."""
    remote.local_only()
    session = open_library(write=False)
    found = routines.routine(session, name)
    if as_json:
        print_json(found.to_data())
    else:
        view.print_routine(out, found, training.unit_preference(session))


@routine_app.command("delete")
@user_errors
def routine_delete(name: Annotated[str, typer.Argument(help="A routine's name or id.")]) -> None:
    """Delete a routine."""
    remote.local_only()
    session = open_library()
    found = routines.routine(session, name)
    routines.delete_routine(session, str(found.id))
    out.print(f"deleted the routine '{found.name}'", markup=False)


# -- programmes ------------------------------------------------------------------------------------------------------


@programme_app.command("list")
@user_errors
def programme_list(as_json: JsonOption = False) -> None:
    """The programmes bundled with liftlore."""
    session = open_library(write=False)
    found = programmes.programmes(session)
    if as_json:
        print_json([p.to_data() for p in found])
    else:
        view.print_programmes(out, found)


@programme_app.command("show")
@user_errors
def programme_show(
    slug: Annotated[str, typer.Argument(help="A programme's slug (liftlore programme list).")],
    as_json: JsonOption = False,
) -> None:
    """A programme's days, its progression rules in words, and its deload."""
    session = open_library(write=False)
    found = programmes.programme_out(programmes.programme(session, slug.strip().lower()))
    if as_json:
        print_json(found.to_data())
    else:
        names = {slug: exercise.name for slug, exercise in library_view(session).exercises.items()}
        view.print_programme(out, found, names)


@programme_app.command("start")
@user_errors
def programme_start(
    slug: Annotated[str, typer.Argument(help="A programme's slug (liftlore programme list).")],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The day it starts, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Follow a programme from today (or --on DATE), in place of any programme you followed before."""
    remote.local_only()
    session = open_library()
    started = programme_sessions.start(session, slug.strip().lower(), read_day(on, "on") if on else None)
    out.print(f"you now follow {started.name}: `liftlore programme next` shows its next session", markup=False)


@programme_app.command("next")
@user_errors
def programme_next(
    profile: Annotated[
        str | None, typer.Option("--profile", metavar="NAME", help="A saved profile: its equipment and time.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The next session of the programme you follow, each target from your last session with its reason."""
    remote.local_only()
    session = open_library(write=False)
    settings = training_settings(session)
    made = programme_sessions.next_session(session, _profile(session, profile))
    if as_json:
        print_json(made.to_data())
    else:
        view.print_plan(out, made, settings.unit)


@programme_app.command("leave")
@user_errors
def programme_leave() -> None:
    """Stop following your programme (your log stays as it is)."""
    remote.local_only()
    session = open_library()
    routines.leave_programme(session)
    out.print("you follow no programme now", markup=False)
