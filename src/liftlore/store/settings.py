"""The settings table: small key/value state. The person's training settings (under "training."), the catalog's
fingerprint, the library's version stamp and the strength points' method stamp all live here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from liftlore.store.tables import SettingRow


def get_setting(session: Session, key: str, *, lock: bool = False) -> str | None:
    """The value stored under `key`, or None; with `lock`, the row is locked until the transaction ends (on
    PostgreSQL; SQLite has one writer at a time anyway)."""
    if lock:
        row = session.get(SettingRow, key, with_for_update=True)
        return row.value if row is not None else None
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


def settings_with_prefix(session: Session, prefix: str) -> dict[str, str]:
    rows = session.scalars(select(SettingRow).where(SettingRow.key.startswith(prefix)).order_by(SettingRow.key))
    return {row.key: row.value for row in rows}
