"""Small key/value state. The shared settings table holds the catalog's fingerprint and the library's version
stamp; each person's own settings (training settings under "training.", the stamp of their strength points) are
in person_settings, read for the unit of work's person."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.store.scope import person_id
from liftlore.store.tables import PersonSettingRow, SettingRow


def get_setting(session: Session, key: str) -> str | None:
    """The value stored under `key` in the shared settings, or None."""
    return session.scalar(select(SettingRow.value).where(SettingRow.key == key))


def set_setting(session: Session, key: str, value: str | None) -> None:
    """Store `value` under `key`; None removes the key."""
    row = session.get(SettingRow, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


def get_own_setting(session: Session, key: str, *, lock: bool = False) -> str | None:
    """The person's value under `key`, or None; with `lock`, the row is locked until the transaction ends (on
    PostgreSQL; SQLite has one writer at a time anyway)."""
    person = person_id(session)
    if lock:
        row = session.get(PersonSettingRow, (person, key), with_for_update=True)
        return row.value if row is not None else None
    return session.scalar(
        select(PersonSettingRow.value).where(PersonSettingRow.person_id == person, PersonSettingRow.key == key)
    )


def set_own_setting(session: Session, key: str, value: str | None) -> None:
    """Store the person's `value` under `key`; None removes it."""
    row = session.get(PersonSettingRow, (person_id(session), key))
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PersonSettingRow(person_id=person_id(session), key=key, value=value))
    else:
        row.value = value


def own_settings_with_prefix(session: Session, prefix: str) -> dict[str, str]:
    rows = session.scalars(
        select(PersonSettingRow)
        .where(PersonSettingRow.person_id == person_id(session), PersonSettingRow.key.startswith(prefix))
        .order_by(PersonSettingRow.key)
    )
    return {row.key: row.value for row in rows}
