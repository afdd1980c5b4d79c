"""Idempotency keys: the stored answer to a write request, so a client retrying it after a timeout gets the same
answer and nothing is written twice. They live in the database, so every app process sees them, and belong to
the person who sent them, so one person's key neither replays nor blocks another's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from liftlore.store.scope import person_id
from liftlore.store.tables import IdempotencyKeyRow, utcnow

KEEP = timedelta(days=1)  # a retry comes within seconds or minutes; a day covers a phone left offline overnight


@dataclass(frozen=True)
class Stored:
    request_hash: str
    status: int
    response: str


def find(session: Session, key: str) -> Stored | None:
    row = session.get(IdempotencyKeyRow, (person_id(session), key))
    if row is None:
        return None
    return Stored(row.request_hash, row.status, row.response)


def remember(session: Session, key: str, request_hash: str, status: int, response: str) -> None:
    """Keep the answer in the same transaction as the write it answers: both are committed, or neither."""
    now = utcnow()
    session.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at < now - KEEP))
    session.add(
        IdempotencyKeyRow(
            person_id=person_id(session),
            key=key,
            request_hash=request_hash,
            status=status,
            response=response,
            created_at=now,
        )
    )
    session.flush()


def lock(session: Session, key: str) -> None:
    """Hold `key` until the transaction ends, so a retry that arrives while the first request is still running
    waits for it and then finds its answer. PostgreSQL: an advisory lock on the key's hash; SQLite: a writing unit
    of work already holds the database's one write lock."""
    if session.get_bind().dialect.name == "postgresql":
        name = f"liftlore key {person_id(session)} {key}"
        session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0))))
