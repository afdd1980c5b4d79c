"""The Alembic chain builds the schema the tables describe, from an empty database, with a single head; data
logged before a migration is carried through it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import LOCAL_PERSON_ID, Viewer
from liftlore.science.strength import E1rmMethod
from liftlore.science.training_load import HardSetRule
from liftlore.services import accounts, idempotency, library, training, training_settings
from liftlore.store import strength_points
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import Base, PersonSettingRow, StrengthPointRow

WHEN = datetime(2025, 9, 15, 7, 48, tzinfo=ZoneInfo("Europe/Berlin"))


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


def test_a_log_from_before_the_strength_points_gets_them_on_upgrade(db: Database) -> None:
    """Down to 0002 (no strength points) with a log in it, then up again: the first overview computes them."""
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5, 110kg x 3"), performed_at=WHEN)
    db.run(training.log_sets, "bulgarian split squat", parse_sets("L 20kg x 8, R 17.5kg x 8"), performed_at=WHEN)
    before = db.run(training.strength_overview)
    command.downgrade(alembic_config(db.engine), "0002")
    assert "strength_points" not in inspect(db.engine).get_table_names()
    db.upgrade()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(StrengthPointRow)) == 0
    assert db.run(training.strength_overview) == before
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(StrengthPointRow)) == 3  # squat; split squat L and R


def test_a_new_database_needs_no_rebuild_before_its_first_overview(empty_db: Database) -> None:
    empty_db.run(library.load_bundled_catalog)
    empty_db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    with empty_db.session() as session:
        stamp = session.get(PersonSettingRow, (LOCAL_PERSON_ID, strength_points.METHOD_KEY))
        assert stamp is not None and stamp.value == strength_points.stamp(
            strength_points.Rules(E1rmMethod(), HardSetRule())
        )


def test_people_arrive_without_losing_the_single_user_log_and_leave_the_same_way(db: Database) -> None:
    """0006 -> 0007 gives everything logged to the local person (settings and retry keys too); 0007 -> 0006 keeps
    the local person's log and drops the accounts."""
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    db.run(training_settings.change_setting, "unit", "lb")
    command.downgrade(alembic_config(db.engine), "0006")
    with db.engine.begin() as connection:
        assert connection.execute(text("SELECT value FROM settings WHERE key = 'training.unit'")).scalar() == "lb"
        connection.execute(
            text(
                "INSERT INTO idempotency_keys (key, request_hash, status, response, created_at)"
                " VALUES ('retry-1', 'abc', 201, '{}', CURRENT_TIMESTAMP)"
            )
        )
    db.upgrade()
    assert [w.set_count for w in db.run(training.list_workouts)] == [1]
    assert db.run(training_settings.training_settings).unit.value == "lb"
    assert db.run(idempotency.replay, "retry-1", "abc") is not None  # a retry after the upgrade still replays
    assert db.run(training.strength_overview)  # rebuilt from the sets (the stamp came up "stale")
    anna = db.run(accounts.create_account, "Anna", "correct horse battery")
    db.run_as(
        Viewer(db.run(accounts.create_account, "Bob", "correct horse battery")),
        training.log_sets,
        "back squat",
        parse_sets("60kg x 5"),
        performed_at=WHEN,
    )
    assert len(db.run_as(Viewer(anna), training.list_workouts)) == 1
    command.downgrade(alembic_config(db.engine), "0006")
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM workouts")).scalar_one() == 1  # Anna's (the local log)
        assert connection.execute(text("SELECT value FROM settings WHERE key = 'training.unit'")).scalar() == "lb"
    db.upgrade()
    assert [w.set_count for w in db.run(training.list_workouts)] == [1]
