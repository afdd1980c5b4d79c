"""`liftlore db`: the database's schema revision, checked and brought up to date.

The embedded SQLite file migrates itself when a command opens it; a server database (PostgreSQL) is migrated only
here, by the person deploying, and every other command refuses it until it is at head (`common.open_database`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from liftlore import settings
from liftlore.cli.common import app, out, user_errors
from liftlore.store.db import Database, head_revision

db_app = typer.Typer(help="The database's schema: check it, migrate it.", no_args_is_help=True)
app.add_typer(db_app, name="db")

NONE = "none (no liftlore tables yet)"


@contextmanager
def _database() -> Iterator[Database]:
    """The database at LIFTLORE_DATABASE_URL as it is: unlike `open_database`, never migrated by opening it."""
    db = Database(settings.database_url())
    try:
        yield db
    finally:
        db.dispose()


@db_app.command("check")
@user_errors
def check() -> None:
    """Print the database's revision and the one this liftlore needs; exit 2 unless they are the same."""
    with _database() as db:
        current = db.revision()
        out.print(f"database:         {db.shown_url()}", markup=False, soft_wrap=True)
        out.print(f"current revision: {current or NONE}", markup=False, soft_wrap=True)
        out.print(f"head revision:    {head_revision()}", markup=False, soft_wrap=True)
        db.require_head()  # a LiftloreError: its message on stderr, exit 2
        out.print("the database is up to date", markup=False, soft_wrap=True)


@db_app.command("upgrade")
@user_errors
def upgrade() -> None:
    """Migrate the database to the revision this liftlore needs, creating its tables if it has none.

    Run it before starting the servers the first time and after every install of a new liftlore.
    """
    with _database() as db:
        out.print(f"database: {db.shown_url()}", markup=False, soft_wrap=True)
        before, after = db.upgrade()
        if before == after:
            out.print(f"already at revision {after}; nothing to do", markup=False, soft_wrap=True)
        else:
            out.print(f"upgraded from revision {before or NONE} to {after}", markup=False, soft_wrap=True)
