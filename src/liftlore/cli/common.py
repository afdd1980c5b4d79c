"""What every command module shares: the Typer apps, the consoles, error handling, the user's database."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.orm import Session

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
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (weights in kg).")]
err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


class _Command:
    """What the command running now has opened: its databases and its one unit of work, closed when it ends."""

    stack: ExitStack | None = None


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command as one unit of work: committed when it ends, rolled back whole if it fails. A LiftloreError
    becomes its message on stderr and exit code 2, with suggestions where there are any; anything else a command
    raises is reported in one line too, never as a traceback (LIFTLORE_DEBUG=1 shows it)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with ExitStack() as stack:
            _Command.stack = stack
            try:
                return command(*args, **kwargs)
            except NotFoundError as exc:
                hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
                err.print(f"error: {exc}.{hint}", markup=False)
                raise typer.Exit(2) from None
            except LiftloreError as exc:
                err.print(f"error: {exc}", markup=False)
                raise typer.Exit(2) from None
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug, or the database refusing: still no traceback for the person
                if os.environ.get("LIFTLORE_DEBUG"):
                    raise
                err.print(f"error: {type(exc).__name__}: {exc}. Nothing was saved.", markup=False)
                raise typer.Exit(1) from None
            finally:
                _Command.stack = None
        raise AssertionError("unreachable")  # the with block returns or raises; mypy cannot see it

    return wrapper


def print_json(value: object) -> None:
    """Plain JSON on stdout, never wrapped or coloured, so it can be piped."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _stack() -> ExitStack:
    if _Command.stack is None:
        raise RuntimeError("a command that opens the database must be wrapped in user_errors")
    return _Command.stack


def open_database() -> Database:
    """The user's database, at the revision this liftlore expects; closed when the command ends (commands are
    wrapped in `user_errors`).

    Who migrates: the embedded SQLite file is one person's, and brings itself up to date here (nobody should need
    a command for it). A server database (PostgreSQL, served by several processes) is only ever migrated by
    `liftlore db upgrade`; here a command refuses one that is not at head, rather than change the schema under
    the processes serving it. A database written by a newer liftlore is refused everywhere."""
    db = Database(settings.database_url())
    # A process that runs many commands (a test run) must not keep each one's connections open.
    _stack().callback(db.dispose)
    if db.embedded:
        db.upgrade()  # refuses (LiftloreError) a database ahead of this liftlore
    else:
        db.require_head()
    return db


def open_library(*, rollback: bool = False, write: bool = True) -> Session:
    """The command's one unit of work on the user's database, migrated and holding the bundled catalog. It is
    committed when the command ends, or rolled back (always with `rollback`: a dry run takes the real write path
    and keeps nothing). `write=False` for a command that only reads, so it never waits for a writer."""
    db = open_database()
    library.ensure_catalog(db)
    return _stack().enter_context(db.session(rollback=rollback, write=write))
