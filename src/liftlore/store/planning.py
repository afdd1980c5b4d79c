"""Storing a person's planning profiles, routines, programme enrolment and the plans they started, as plain data:
the services turn it into profiles and JSON shapes, and check it before it gets here.

Every query reads and writes the rows of the unit of work's person (store/scope.py) and no one else's; a name or
an id of another person's row is one that does not exist. The database itself refuses a second profile or routine
of one name, and a second default profile (IntegrityError), whatever the caller checked first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from liftlore.store.scope import person_id
from liftlore.store.tables import (
    PlanningProfileRow,
    ProgrammeEnrolmentRow,
    RoutineRow,
    StartedPlanRow,
    utcnow,
)

KEEP_STARTED_PLANS = 20  # the log page reads the latest; older ones are kept a while for nothing but a look back


def name_key(name: str) -> str:
    """The key a profile or routine is found by: "Home " and "home" are one name."""
    return name.strip().lower()


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive UTC, PostgreSQL aware UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# -- profiles ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredProfile:
    name: str
    goal: str
    experience: str
    minutes: int
    days_per_week: int
    split: str
    body: dict[str, Any]  # {equipment, emphasise, avoid_muscles, avoid_patterns}
    is_default: bool = False


def _profile_of(row: PlanningProfileRow) -> StoredProfile:
    return StoredProfile(
        name=row.name,
        goal=row.goal,
        experience=row.experience,
        minutes=row.minutes,
        days_per_week=row.days_per_week,
        split=row.split,
        body=dict(row.body),
        is_default=row.is_default,
    )


def _profile_values(profile: StoredProfile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "name_key": name_key(profile.name),
        "goal": profile.goal,
        "experience": profile.experience,
        "minutes": profile.minutes,
        "days_per_week": profile.days_per_week,
        "split": profile.split,
        "body": profile.body,
        "is_default": profile.is_default,
    }


def _own_profiles(session: Session) -> Any:
    return PlanningProfileRow.person_id == person_id(session)


def profiles(session: Session) -> list[StoredProfile]:
    """The person's profiles, by name."""
    rows = session.scalars(
        select(PlanningProfileRow).where(_own_profiles(session)).order_by(PlanningProfileRow.name_key)
    )
    return [_profile_of(row) for row in rows]


def find_profile(session: Session, key: str) -> StoredProfile | None:
    row = session.scalars(
        select(PlanningProfileRow).where(_own_profiles(session), PlanningProfileRow.name_key == key)
    ).first()
    return _profile_of(row) if row is not None else None


def default_profile(session: Session) -> StoredProfile | None:
    row = session.scalars(
        select(PlanningProfileRow).where(_own_profiles(session), PlanningProfileRow.is_default.is_(True))
    ).first()
    return _profile_of(row) if row is not None else None


def add_profile(session: Session, profile: StoredProfile) -> None:
    """A new profile; IntegrityError when the person has one of that name already, or a default already and this
    one is meant to be it."""
    session.execute(insert(PlanningProfileRow).values(person_id=person_id(session), **_profile_values(profile)))


def update_profile(session: Session, profile: StoredProfile) -> bool:
    """Write `profile` over the person's profile of the same name (its id and creation time stay); False if they
    have none."""
    statement = (
        update(PlanningProfileRow)
        .where(_own_profiles(session), PlanningProfileRow.name_key == name_key(profile.name))
        .values(**_profile_values(profile))
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def clear_default(session: Session) -> None:
    """No profile of the person's is the default any more (before another becomes it)."""
    session.execute(
        update(PlanningProfileRow)
        .where(_own_profiles(session), PlanningProfileRow.is_default.is_(True))
        .values(is_default=False)
    )


def delete_profile(session: Session, key: str) -> bool:
    statement = delete(PlanningProfileRow).where(_own_profiles(session), PlanningProfileRow.name_key == key)
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


# -- routines ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredRoutine:
    id: uuid.UUID
    name: str
    origin: str
    created_at: datetime  # aware, UTC
    exercises: list[Any]  # the JSON of each exercise, in order


def _routine_of(row: RoutineRow) -> StoredRoutine:
    return StoredRoutine(row.id, row.name, row.origin, _aware(row.created_at), list(row.body))


def _own_routines(session: Session) -> Any:
    return RoutineRow.person_id == person_id(session)


def routines(session: Session) -> list[StoredRoutine]:
    """The person's routines, by name."""
    rows = session.scalars(select(RoutineRow).where(_own_routines(session)).order_by(RoutineRow.name_key))
    return [_routine_of(row) for row in rows]


def find_routine(session: Session, key: str) -> StoredRoutine | None:
    row = session.scalars(select(RoutineRow).where(_own_routines(session), RoutineRow.name_key == key)).first()
    return _routine_of(row) if row is not None else None


def routine_by_id(session: Session, routine_id: uuid.UUID) -> StoredRoutine | None:
    row = session.scalars(select(RoutineRow).where(_own_routines(session), RoutineRow.id == routine_id)).first()
    return _routine_of(row) if row is not None else None


def routine_ids(session: Session) -> list[uuid.UUID]:
    return list(session.scalars(select(RoutineRow.id).where(_own_routines(session))))


def add_routine(session: Session, name: str, origin: str, exercises: list[Any]) -> uuid.UUID:
    """A new routine; IntegrityError when the person has one of that name already."""
    routine_id = uuid.uuid4()
    session.execute(
        insert(RoutineRow).values(
            id=routine_id,
            person_id=person_id(session),
            name=name,
            name_key=name_key(name),
            origin=origin,
            body=exercises,
        )
    )
    return routine_id


def update_routine(session: Session, routine_id: uuid.UUID, name: str, origin: str, exercises: list[Any]) -> bool:
    statement = (
        update(RoutineRow)
        .where(_own_routines(session), RoutineRow.id == routine_id)
        .values(name=name, name_key=name_key(name), origin=origin, body=exercises)
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def delete_routine(session: Session, routine_id: uuid.UUID) -> bool:
    statement = delete(RoutineRow).where(_own_routines(session), RoutineRow.id == routine_id)
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


# -- programme enrolment -------------------------------------------------------------------------------------------


def set_enrolment(session: Session, programme: str, started_on: date) -> None:
    """The person follows `programme` from `started_on`, instead of whatever they followed before."""
    mine = person_id(session)
    session.execute(delete(ProgrammeEnrolmentRow).where(ProgrammeEnrolmentRow.person_id == mine))
    session.execute(
        insert(ProgrammeEnrolmentRow).values(
            person_id=mine, programme=programme, started_on=started_on, created_at=utcnow()
        )
    )


def enrolment(session: Session) -> tuple[str, date] | None:
    found = session.execute(
        select(ProgrammeEnrolmentRow.programme, ProgrammeEnrolmentRow.started_on).where(
            ProgrammeEnrolmentRow.person_id == person_id(session)
        )
    ).first()
    return (found.programme, found.started_on) if found is not None else None


def delete_enrolment(session: Session) -> bool:
    statement = delete(ProgrammeEnrolmentRow).where(ProgrammeEnrolmentRow.person_id == person_id(session))
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


# -- started plans -------------------------------------------------------------------------------------------------


def _own_started(session: Session) -> Any:
    return StartedPlanRow.person_id == person_id(session)


def add_started_plan(session: Session, body: dict[str, Any], *, keep: int = KEEP_STARTED_PLANS) -> uuid.UUID:
    """Keep the plan the person started now; only their `keep` latest are kept."""
    plan_id = uuid.uuid4()
    session.execute(
        insert(StartedPlanRow).values(id=plan_id, person_id=person_id(session), created_at=utcnow(), body=body)
    )
    newest = (
        select(StartedPlanRow.id)
        .where(_own_started(session))
        .order_by(StartedPlanRow.created_at.desc())
        .limit(keep)
        .scalar_subquery()
    )
    session.execute(delete(StartedPlanRow).where(_own_started(session), StartedPlanRow.id.not_in(newest)))
    return plan_id


def latest_started_plan(session: Session, since: datetime) -> dict[str, Any] | None:
    """The JSON of the latest plan the person started at or after `since` (an aware time), or None."""
    body = session.scalars(
        select(StartedPlanRow.body)
        .where(_own_started(session), StartedPlanRow.created_at >= since.astimezone(UTC))
        .order_by(StartedPlanRow.created_at.desc())
        .limit(1)
    ).first()
    return dict(body) if body is not None else None
