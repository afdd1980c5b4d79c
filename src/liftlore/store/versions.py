"""A version stamp of the library, renewed by every transaction that changes exercises, so caches in long-running
processes (the web app) know when to rebuild, even when another process (an import) made the change.

The listeners are registered when this module is imported; store/db.py imports it, so every Database has them."""

from __future__ import annotations

import itertools
import uuid

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from liftlore.store.settings import get_setting, set_setting
from liftlore.store.tables import (
    DrillRow,
    EquipmentRow,
    ExerciseAliasRow,
    ExerciseDrillRow,
    ExerciseEquipmentRow,
    ExerciseMuscleRow,
    ExerciseRow,
    ExerciseSourceRow,
    MuscleGroupRow,
    VariationRow,
)

LIBRARY_VERSION = "library_version"
_CHANGED = "liftlore_library_changed"
_local_changes = 0  # commits of library changes made by this process, so its own caches never lag behind it


def local_changes() -> int:
    return _local_changes


def library_version(session: Session) -> str:
    return get_setting(session, LIBRARY_VERSION) or ""


# Every table the library snapshot is built from. A transaction that writes any of them renews the version: found
# here, where every write passes, rather than asked of each function that writes, which one day would forget.
_LIBRARY_TABLES = frozenset(
    row.__table__
    for row in (
        MuscleGroupRow,
        EquipmentRow,
        DrillRow,
        ExerciseRow,
        ExerciseAliasRow,
        ExerciseMuscleRow,
        ExerciseEquipmentRow,
        ExerciseDrillRow,
        VariationRow,
        ExerciseSourceRow,
    )
)


@event.listens_for(Session, "after_flush")
def _note_orm_changes(session: Session, _context: object) -> None:
    if any(
        getattr(type(row), "__table__", None) in _LIBRARY_TABLES
        for row in itertools.chain(session.new, session.dirty, session.deleted)
    ):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statements(state: ORMExecuteState) -> None:
    """INSERT, UPDATE and DELETE statements run through the session (not seen by the flush)."""
    if (state.is_insert or state.is_update or state.is_delete) and getattr(
        state.statement, "table", None
    ) in _LIBRARY_TABLES:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _renew_version(session: Session) -> None:
    global _local_changes
    session.flush()  # commit flushes only after this hook: flush now, so the listeners above see every change
    if not session.info.pop(_CHANGED, False):
        return
    _local_changes += 1
    set_setting(session, LIBRARY_VERSION, uuid.uuid4().hex)
    session.flush()


@event.listens_for(Session, "after_rollback")
def _forget_change(session: Session) -> None:
    session.info.pop(_CHANGED, None)
