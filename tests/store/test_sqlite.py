"""The embedded default: a SQLite file in the user's data directory, in WAL mode with foreign keys on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from liftlore import settings
from liftlore.store.db import Database

pytestmark = pytest.mark.sqlite_only


def test_default_url_is_a_file_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LIFTLORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert settings.database_url() == f"sqlite:///{tmp_path / 'data' / 'liftlore' / 'liftlore.db'}"


def test_environment_overrides_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_DATABASE_URL", "postgresql+psycopg://u:p@db/liftlore")
    assert settings.database_url() == "postgresql+psycopg://u:p@db/liftlore"


def test_pragmas_and_parent_directory_creation(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'liftlore.db'}")
    db.upgrade()
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL: saved means on disk
    with db.session(write=True) as session:
        # A writing unit of work holds SQLite's write lock from its start (BEGIN IMMEDIATE), so another
        # connection cannot begin a write meanwhile; a reading one can still read.
        other = db.engine.raw_connection()
        try:
            other.driver_connection.execute("PRAGMA busy_timeout = 0")  # type: ignore[union-attr]
            with pytest.raises(Exception, match="locked"):
                other.driver_connection.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]
            assert other.driver_connection.execute("SELECT count(*) FROM exercises").fetchone() == (0,)  # type: ignore[union-attr]
        finally:
            other.close()
        assert session.connection() is not None
    # Migrations switch foreign keys off while they recreate tables; the pooled connections get them back.
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    assert (tmp_path / "nested" / "dir" / "liftlore.db").exists()
    db.dispose()
