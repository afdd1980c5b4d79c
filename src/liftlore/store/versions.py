"""A version stamp of the library, renewed by every transaction that changes exercises, so caches in long-running
processes (the web app) know when to rebuild, even when another process (an import) made the change."""

from __future__ import annotations

import uuid

from sqlalchemy import event
from sqlalchemy.orm import Session

from liftlore.store.tables import SettingRow

LIBRARY_VERSION = "library_version"
_CHANGED = "liftlore_library_changed"
_local_changes = 0  # commits of library changes made by this process, so its own caches never lag behind it


def local_changes() -> int:
    return _local_changes


def mark_library_changed(session: Session) -> None:
    session.info[_CHANGED] = True


def library_version(session: Session) -> str:
    row = session.get(SettingRow, LIBRARY_VERSION)
    return row.value if row else ""


@event.listens_for(Session, "before_commit")
def _renew_version(session: Session) -> None:
    global _local_changes
    if not session.info.pop(_CHANGED, False):
        return
    _local_changes += 1
    row = session.get(SettingRow, LIBRARY_VERSION)
    if row is None:
        session.add(SettingRow(key=LIBRARY_VERSION, value=uuid.uuid4().hex))
    else:
        row.value = uuid.uuid4().hex
    session.flush()


@event.listens_for(Session, "after_rollback")
def _forget_change(session: Session) -> None:
    session.info.pop(_CHANGED, None)
