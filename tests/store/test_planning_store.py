"""The planning tables keep their invariants themselves: one profile or routine per name and person, one default
profile, one programme at a time, values in range; a person's planning rows go with them; migration 0010 goes down
and up again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from liftlore.domain.people import LOCAL_PERSON_ID, Viewer
from liftlore.services import accounts
from liftlore.store import planning as repo
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import (
    PersonRow,
    PlanningProfileRow,
    ProgrammeEnrolmentRow,
    RoutineRow,
    StartedPlanRow,
)

PASSWORD = "correct horse battery"
PLANNING_TABLES = ("planning_profiles", "routines", "programme_enrolments", "started_plans")


def stored_profile(name: str = "home", **changes: Any) -> repo.StoredProfile:
    values: dict[str, Any] = {
        "name": name,
        "goal": "hypertrophy",
        "experience": "beginner",
        "minutes": 45,
        "days_per_week": 3,
        "split": "none",
        "body": {"equipment": ["dumbbell"], "emphasise": [], "avoid_muscles": [], "avoid_patterns": []},
        "is_default": False,
    }
    values.update(changes)
    return repo.StoredProfile(**values)


def refused(db: Database, *writes: Any) -> None:
    """The writes, in one unit of work, end in the database's refusal (nothing of them is kept). PostgreSQL refuses
    a name past the column's length as a data error before its check constraint is read."""
    with pytest.raises((IntegrityError, DataError)), db.session(write=True) as session:
        for write in writes:
            write(session)


def count(db: Database, table: type[Any], person: Any = LOCAL_PERSON_ID) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table).where(table.person_id == person)) or 0)


def test_a_second_profile_of_one_name_is_refused_by_the_database(empty_db: Database) -> None:
    refused(
        empty_db,
        lambda s: repo.add_profile(s, stored_profile("Home")),
        lambda s: repo.add_profile(s, stored_profile(" home ")),  # the same name in another case and spacing
    )
    assert count(empty_db, PlanningProfileRow) == 0


def test_a_second_default_profile_is_refused_by_the_database(empty_db: Database) -> None:
    refused(
        empty_db,
        lambda s: repo.add_profile(s, stored_profile("home", is_default=True)),
        lambda s: repo.add_profile(s, stored_profile("gym", is_default=True)),
    )
    empty_db.run(repo.add_profile, stored_profile("home", is_default=True))
    empty_db.run(repo.add_profile, stored_profile("gym"))  # not default: no conflict
    assert [p.name for p in empty_db.run(repo.profiles)] == ["gym", "home"]


@pytest.mark.parametrize(
    "change",
    [
        {"minutes": 9},
        {"minutes": 241},
        {"days_per_week": 0},
        {"days_per_week": 8},
        {"goal": "bulking"},
        {"experience": "expert"},
        {"split": "bro-split"},
        {"name": ""},
        {"name": "x" * 41},
    ],
)
def test_the_database_refuses_a_profile_out_of_range(empty_db: Database, change: dict[str, Any]) -> None:
    refused(empty_db, lambda s: repo.add_profile(s, stored_profile(**change)))


def test_a_second_routine_of_one_name_and_an_unknown_origin_are_refused(empty_db: Database) -> None:
    refused(
        empty_db,
        lambda s: repo.add_routine(s, "Legs", "hand", []),
        lambda s: repo.add_routine(s, "LEGS", "plan", []),
    )
    refused(empty_db, lambda s: repo.add_routine(s, "legs", "dream", []))
    assert count(empty_db, RoutineRow) == 0


def test_one_enrolment_per_person(empty_db: Database) -> None:
    def enrol_twice(session: Session) -> None:
        for slug in ("a", "b"):
            session.add(ProgrammeEnrolmentRow(person_id=LOCAL_PERSON_ID, programme=slug, started_on=date(2026, 1, 5)))
            session.flush()

    refused(empty_db, enrol_twice)
    empty_db.run(repo.set_enrolment, "three-day-full-body", date(2026, 1, 5))
    empty_db.run(repo.set_enrolment, "upper-lower", date(2026, 2, 2))  # replaces, never a second row
    assert empty_db.run(repo.enrolment) == ("upper-lower", date(2026, 2, 2))
    assert count(empty_db, ProgrammeEnrolmentRow) == 1


def test_only_the_latest_started_plans_are_kept(empty_db: Database) -> None:
    for number in range(5):
        empty_db.run(repo.add_started_plan, {"number": number}, keep=3)
    assert count(empty_db, StartedPlanRow) == 3
    assert empty_db.run(repo.latest_started_plan, datetime(2000, 1, 1).astimezone()) == {"number": 4}


def test_a_person_deleted_takes_their_planning_rows_with_them(empty_db: Database) -> None:
    anna = empty_db.run(accounts.create_account, "Anna", PASSWORD)  # adopts the local person
    bob = empty_db.run(accounts.create_account, "Bob", PASSWORD)

    def plan_everything(session: Session) -> None:
        repo.add_profile(session, stored_profile("home", is_default=True))
        repo.add_routine(session, "legs", "hand", [])
        repo.set_enrolment(session, "upper-lower", date(2026, 1, 5))
        repo.add_started_plan(session, {"minutes": 45})

    for person in (anna, bob):
        empty_db.run_as(Viewer(person), plan_everything)
    with empty_db.session(write=True) as session:
        session.delete(session.get(PersonRow, bob.id))
    tables = (PlanningProfileRow, RoutineRow, ProgrammeEnrolmentRow, StartedPlanRow)
    assert [count(empty_db, table, bob.id) for table in tables] == [0, 0, 0, 0]
    assert [count(empty_db, table, anna.id) for table in tables] == [1, 1, 1, 1]


def test_0010_goes_down_to_0009_and_up_again(empty_db: Database) -> None:
    empty_db.run(repo.add_profile, stored_profile("home", is_default=True))
    command.downgrade(alembic_config(empty_db.engine), "0009")
    assert not set(PLANNING_TABLES) & set(inspect(empty_db.engine).get_table_names())
    assert empty_db.revision() == "0009"
    empty_db.upgrade()
    assert set(PLANNING_TABLES) <= set(inspect(empty_db.engine).get_table_names())
    index_names = {index["name"] for index in inspect(empty_db.engine).get_indexes("planning_profiles")}
    assert "uq_planning_profiles_default" in index_names
    empty_db.run(repo.add_profile, stored_profile("home", is_default=True))  # the old one went with the table
    refused(empty_db, lambda s: repo.add_profile(s, stored_profile("gym", is_default=True)))
