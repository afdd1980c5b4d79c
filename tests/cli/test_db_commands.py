"""`liftlore db check` and `liftlore db upgrade`, and who may migrate: the embedded SQLite file brings itself up to
date when a command opens it, a PostgreSQL database only through `db upgrade`, and a database written by a newer
liftlore is refused everywhere. Also the connection pool's settings. Real databases, as in test_cli.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import QueuePool, text
from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.errors import LiftloreError
from liftlore.store.db import Database, head_revision, make_engine, upgrade
from liftlore.web.deps import UNITS_OF_WORK_AT_ONCE
from tests.conftest import POSTGRES_URL, Backend

runner = CliRunner()
OLD = "0005"  # a revision behind head
FUTURE = "0099_from_a_newer_liftlore"
ON_POSTGRES = pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL only: set LIFTLORE_TEST_DATABASE_URL")
SERVER_URL = "postgresql+psycopg://liftlore:secret@db.invalid:5432/liftlore"  # never connected to
POOL_VARIABLES = (
    "LIFTLORE_DB_POOL_SIZE",
    "LIFTLORE_DB_MAX_OVERFLOW",
    "LIFTLORE_DB_POOL_TIMEOUT",
    "LIFTLORE_DB_POOL_RECYCLE",
)


@pytest.fixture
def bare(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A new database with no tables at all, which the CLI is pointed at."""
    db = Database(backend._new_url(f"dbcmd{next(backend.counter)}"))
    monkeypatch.setenv("LIFTLORE_DATABASE_URL", db.url)
    yield db
    backend.release(db)


@pytest.fixture
def behind(bare: Database) -> Database:
    """A database whose schema is at an older revision than this liftlore's."""
    upgrade(bare.engine, OLD)
    return bare


def stamp(db: Database, revision: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})


def test_check_on_an_up_to_date_database_exits_0(cli_env: Database) -> None:
    result = runner.invoke(app, ["db", "check"])
    assert result.exit_code == 0, result.output
    assert f"current revision: {head_revision()}" in result.stdout
    assert f"head revision:    {head_revision()}" in result.stdout
    assert "up to date" in result.stdout


def test_check_on_a_database_behind_exits_2_and_says_what_to_run(behind: Database) -> None:
    result = runner.invoke(app, ["db", "check"])
    assert result.exit_code == 2, result.output
    assert f"current revision: {OLD}" in result.stdout
    assert f"head revision:    {head_revision()}" in result.stdout
    assert f"at revision {OLD} but this liftlore needs {head_revision()}" in result.stderr
    assert "run `liftlore db upgrade`" in result.stderr
    assert behind.revision() == OLD  # a check never migrates, not even the embedded file


def test_messages_show_the_url_without_its_password() -> None:
    db = Database(SERVER_URL)  # not connected
    try:
        assert db.shown_url() == "postgresql+psycopg://liftlore:***@db.invalid:5432/liftlore"
        assert not db.embedded
    finally:
        db.dispose()


@ON_POSTGRES
def test_commands_refuse_a_postgres_database_behind_and_leave_it_alone(behind: Database) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2, result.output
    assert "run `liftlore db upgrade`" in result.stderr
    assert behind.revision() == OLD


@ON_POSTGRES
def test_commands_refuse_an_empty_postgres_database(bare: Database) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2, result.output
    assert "no liftlore tables yet" in result.stderr
    assert "run `liftlore db upgrade`" in result.stderr
    assert bare.revision() is None


@pytest.mark.sqlite_only
@pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite only: the embedded database migrates itself")
def test_commands_bring_an_embedded_database_up_to_date_by_themselves(behind: Database) -> None:
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0, result.output
    assert "no workouts logged yet" in result.stdout
    assert behind.revision() == head_revision()


def test_upgrade_brings_it_to_head_and_says_from_where(behind: Database) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"upgraded from revision {OLD} to {head_revision()}" in result.stdout
    assert behind.revision() == head_revision()
    assert runner.invoke(app, ["db", "check"]).exit_code == 0
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0, again.output
    assert f"already at revision {head_revision()}" in again.stdout
    assert runner.invoke(app, ["history"]).exit_code == 0


def test_upgrade_creates_the_tables_of_an_empty_database(bare: Database) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"upgraded from revision none (no liftlore tables yet) to {head_revision()}" in result.stdout
    assert bare.revision() == head_revision()


def test_a_database_from_a_newer_liftlore_is_refused_everywhere(cli_env: Database) -> None:
    stamp(cli_env, FUTURE)
    for command in (["db", "check"], ["db", "upgrade"], ["history"], ["list"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert f"at revision {FUTURE}" in result.stderr, command
        assert "written by a newer liftlore" in result.stderr, command
    assert cli_env.revision() == FUTURE  # nothing tried to migrate it


def test_pool_defaults_reach_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in POOL_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    engine = make_engine(SERVER_URL)  # create_engine does not connect
    try:
        pool = engine.pool
        assert isinstance(pool, QueuePool)
        assert (pool.size(), pool._max_overflow, pool.timeout(), pool._recycle, pool._pre_ping) == (
            10,
            10,
            30,
            1800,
            True,
        )
        # Every unit of work a process may run at once (three limited kinds, and the library's reads) gets a
        # connection without waiting for another to be returned.
        assert pool.size() + pool._max_overflow >= 3 * UNITS_OF_WORK_AT_ONCE + 1
    finally:
        engine.dispose()


def test_pool_settings_reach_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_DB_POOL_SIZE", "8")
    monkeypatch.setenv("LIFTLORE_DB_MAX_OVERFLOW", " 4 ")
    monkeypatch.setenv("LIFTLORE_DB_POOL_TIMEOUT", "12")
    monkeypatch.setenv("LIFTLORE_DB_POOL_RECYCLE", "600")
    engine = make_engine(SERVER_URL)
    try:
        pool = engine.pool
        assert isinstance(pool, QueuePool)
        assert (pool.size(), pool._max_overflow, pool.timeout(), pool._recycle, pool._pre_ping) == (
            8,
            4,
            12,
            600,
            True,
        )
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LIFTLORE_DB_POOL_SIZE", "lots"),
        ("LIFTLORE_DB_POOL_SIZE", "0"),  # SQLAlchemy would read 0 as "no limit at all"
        ("LIFTLORE_DB_MAX_OVERFLOW", "-1"),  # likewise
        ("LIFTLORE_DB_POOL_TIMEOUT", "2.5"),
        ("LIFTLORE_DB_POOL_RECYCLE", "½"),
    ],
)
def test_a_malformed_pool_variable_is_named(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(LiftloreError, match=variable):
        make_engine(SERVER_URL)


def test_a_malformed_pool_variable_is_a_user_error_in_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_DATABASE_URL", SERVER_URL)
    monkeypatch.setenv("LIFTLORE_DB_MAX_OVERFLOW", "many")
    for command in (["history"], ["db", "check"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert "LIFTLORE_DB_MAX_OVERFLOW must be a whole number" in result.stderr
