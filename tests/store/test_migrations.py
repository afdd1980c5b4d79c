"""The Alembic chain builds the schema the tables describe, from an empty database, with a single head."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import Base


def test_single_head(empty_db: Database) -> None:
    script = ScriptDirectory.from_config(alembic_config(empty_db.engine))
    assert len(script.get_heads()) == 1


def test_upgrade_from_empty_matches_the_tables(empty_db: Database) -> None:
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert (
            context.get_current_revision()
            == ScriptDirectory.from_config(alembic_config(empty_db.engine)).get_current_head()
        )
        assert compare_metadata(context, Base.metadata) == []
    tables = set(inspect(empty_db.engine).get_table_names())
    assert {"exercises", "muscle_groups", "equipment_types", "drills", "exercise_muscles"} <= tables


def test_upgrade_is_idempotent(empty_db: Database) -> None:
    empty_db.upgrade()
    empty_db.upgrade()
    with empty_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
