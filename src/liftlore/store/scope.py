"""Whose unit of work this is. The adapter that opens a unit of work says who it is for (`Database.session`), and
every query of a person's data reads it here: a query that finds no person fails instead of reading everyone's."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import Session

from liftlore.domain.people import LOCAL_VIEWER, Viewer
from liftlore.store.tables import ExerciseRow

_KEY = "liftlore_viewer"


class NobodySignedInError(RuntimeError):
    """A person's data was asked for in a unit of work opened for nobody: a route that forgot to require a login.
    An error, never an empty answer, so such a bug cannot read another person's data."""


def set_viewer(session: Session, viewer: Viewer) -> None:
    session.info[_KEY] = viewer


def viewer(session: Session) -> Viewer:
    found = session.info.get(_KEY, LOCAL_VIEWER)
    assert isinstance(found, Viewer)
    return found


def person_id(session: Session) -> uuid.UUID:
    """The person whose log this unit of work reads or writes."""
    person = viewer(session).person
    if person is None:
        raise NobodySignedInError("this unit of work was opened for nobody, and cannot read a person's log")
    return person.id


def readers(session: Session) -> tuple[uuid.UUID, ...]:
    """Whose own exercises this unit of work may see (`Viewer.readers`)."""
    return viewer(session).readers


def visible_exercises(session: Session) -> ColumnElement[bool]:
    """The exercises this unit of work may see: the shared library, what people shared, and the readers' own."""
    public = or_(ExerciseRow.owner_id.is_(None), ExerciseRow.shared.is_(True))
    owners = readers(session)
    return or_(public, ExerciseRow.owner_id.in_(owners)) if owners else public
