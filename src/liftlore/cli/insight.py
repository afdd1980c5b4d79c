"""`liftlore stats`: the insight reports in the terminal, or as JSON (the API's shapes, weights in kg)."""

from __future__ import annotations

from typing import Annotated

import typer

from liftlore.cli import remote
from liftlore.cli.common import JsonOption, app, open_library, out, print_json, user_errors
from liftlore.render import insight as view
from liftlore.services import insight, training, training_settings
from liftlore.services.insight_input import read_moment, read_week
from liftlore.shapes.training import E1rmHistoryOut, E1rmMethodOut, E1rmPointOut

stats_app = typer.Typer(help="Your training shown back: volume, recovery, symmetry, e1RM.", no_args_is_help=True)
app.add_typer(stats_app, name="stats")

ExerciseWords = Annotated[
    list[str], typer.Argument(metavar="EXERCISE", help="An exercise: slug, name or alias (bulgarian split squat).")
]


def _name(words: list[str]) -> str:
    """An exercise's name typed as several words, without quotes, as `log` takes it."""
    return " ".join(word.strip() for word in words)


@stats_app.command("volume")
@user_errors
def volume(
    week: Annotated[str | None, typer.Option(help="An ISO week, 2026-W47 (default: this week).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Hard sets and volume load per muscle group in a week, against the 10-set band, with the sets behind them."""
    remote.local_only()
    session = open_library()
    found = insight.weekly_volume(session, read_week(week) if week is not None else None)
    if as_json:
        print_json(found.to_data())
    else:
        view.print_volume(out, found, training.unit_preference(session))


@stats_app.command("recovery")
@user_errors
def recovery(
    at: Annotated[
        str | None, typer.Option(help="When (default now): '2026-11-20 18:30' in your zone, or with its offset.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Each muscle group's recovery (our own transparent model), with the sets that drive it."""
    remote.local_only()
    session = open_library()
    found = insight.recovery(session, read_moment(at) if at is not None else None)
    if as_json:
        print_json(found.to_data())
    else:
        view.print_recovery(out, found)


@stats_app.command("symmetry")
@user_errors
def symmetry(
    words: Annotated[
        list[str] | None, typer.Argument(metavar="EXERCISE", help="Only this exercise (default: every one).")
    ] = None,
    sessions: Annotated[
        int, typer.Option("--sessions", help="The last this many two-sided sessions per exercise (default 100).")
    ] = 100,
    as_json: JsonOption = False,
) -> None:
    """Left against right, per exercise done on both sides in one workout, and what to do about a lasting gap.

    Each such workout's limb symmetry index by e1RM and by volume load; a gap over the threshold in 3 of the last 4
    is flagged, with the two ways to close it and what backs each."""
    remote.local_only()
    session = open_library()
    found = insight.symmetry(session, _name(words) if words else None, last=sessions)
    if as_json:
        print_json(found.to_data())
    else:
        view.print_symmetry(out, found, training.unit_preference(session))


@stats_app.command("e1rm")
@app.command("e1rm", help="An exercise's best estimated 1RM per workout, per side (the same as `stats e1rm`).")
@user_errors
def e1rm(words: ExerciseWords, as_json: JsonOption = False) -> None:
    """An exercise's best estimated 1RM per workout, per side for a one-sided exercise, and the set behind it."""
    remote.local_only()
    session = open_library()
    strength = training.e1rm_history(session, training.resolve_exercise(session, _name(words)).slug)
    if as_json:
        method = E1rmMethodOut.from_domain(strength.method)
        print_json(E1rmHistoryOut(method=method, points=[E1rmPointOut.from_domain(p) for p in strength.e1rm]).to_data())
    else:
        settings = training_settings.training_settings(session)
        view.print_e1rm_history(out, strength, settings.unit, training_settings.settings_zone(settings))
