"""What every command module shares: the Typer apps, the consoles, error handling, the user's database."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from liftlore import settings
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import library
from liftlore.store.db import Database

app = typer.Typer(
    help="liftlore: an open exercise library and training log.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(help="Bring pages and data into the library.", no_args_is_help=True)
export_app = typer.Typer(help="Write library data out.", no_args_is_help=True)
catalog_app = typer.Typer(help="The bundled catalog.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(catalog_app, name="catalog")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_opened: list[Database] = []  # by the command running now
P = ParamSpec("P")
R = TypeVar("R")


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a LiftloreError into its message on stderr and exit code 2, with suggestions where there are any; close
    the databases the command opened."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except NotFoundError as exc:
            hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            err.print(f"error: {exc}.{hint}", markup=False)
            raise typer.Exit(2) from None
        except LiftloreError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
        finally:
            # A process that runs many commands (a test run) must not keep each one's connections open.
            while _opened:
                _opened.pop().dispose()

    return wrapper


def print_json(value: object) -> None:
    """Plain JSON on stdout, never wrapped or coloured, so it can be piped."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def open_database() -> Database:
    """The user's database, migrated; closed when the command ends (commands are wrapped in `user_errors`)."""
    db = Database(settings.database_url())
    _opened.append(db)
    db.upgrade()
    return db


def open_library() -> Database:
    """The user's database, migrated and holding the bundled catalog."""
    db = open_database()
    library.load_bundled_catalog(db)
    return db
