"""`liftlore names`: the exercise names from your imported logs that the library did not know, and mapping them to
library exercises (services/log_names.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from liftlore.cli import remote
from liftlore.cli.common import JsonOption, app, open_library, out, print_json, user_errors
from liftlore.services import log_names

names_app = typer.Typer(
    help="Names from your imported logs the library did not know: list them, map them to library exercises.",
    invoke_without_command=True,
)
app.add_typer(names_app, name="names")


@names_app.callback()
@user_errors
def names(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the exercises "from your log", most used first, with the library exercise each was guessed like."""
    if ctx.invoked_subcommand is not None:
        return
    remote.local_only()
    found = log_names.log_names(open_library(write=False))
    if as_json:
        print_json(
            [
                {"slug": n.slug, "name": n.name, "sets": n.sets, "workouts": n.workouts, "guessed_from": n.guessed_from}
                for n in found
            ]
        )
        return
    if not found:
        out.print("every exercise name in your log is a library exercise", markup=False)
        return
    table = Table("name", "sets", "workouts", "guessed like", "slug", box=None)
    for item in found:
        table.add_row(item.name, str(item.sets), str(item.workouts), item.guessed_from or "-", item.slug)
    out.print(table)
    out.print('map one with: liftlore names map "NAME" EXERCISE', markup=False)


@names_app.command("map")
@user_errors
def map_name(
    name: Annotated[str, typer.Argument(help="The name from your log (or its slug), quoted if it has spaces.")],
    exercise: Annotated[list[str], typer.Argument(help="The library exercise: slug, name or alias.")],
) -> None:
    """Move a name's history to a library exercise; later imports put that name's sets there too."""
    remote.local_only()
    done = log_names.map_name(open_library(), name, " ".join(exercise))
    sets = f"{done.sets} set{'' if done.sets == 1 else 's'}"
    workouts = f"{done.workouts} workout{'' if done.workouts == 1 else 's'}"
    out.print(
        f"{done.name} -> {done.exercise_name} ({done.exercise_slug}): {sets} in {workouts} moved; later imports "
        "will put it there too",
        markup=False,
    )
