"""Alembic environment: runs on the engine liftlore hands it, never on one built from a config file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from liftlore.store.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine: Engine = config.attributes["engine"]
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # Batch migrations recreate tables; with foreign keys on, dropping a parent deletes its children. The
            # pragma is a no-op inside a transaction, so it goes straight to the driver, before the first BEGIN.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"the migration left rows pointing at missing parents: {broken[:5]}")
            connection.commit()
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


run_migrations_online()
