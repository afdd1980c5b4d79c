"""Idempotent writes: a request sent again with the same `Idempotency-Key` gets the first answer and writes
nothing, so a client retrying after a timeout never logs a set twice."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from liftlore.domain.limits import check_text
from liftlore.errors import LiftloreError
from liftlore.store import idempotency as repo

MAX_KEY_LENGTH = 200
FIELD = "Idempotency-Key"


@dataclass(frozen=True)
class Replay:
    status: int
    body: str


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(b"\n".join((method.encode(), path.encode(), body))).hexdigest()


def replay(session: Session, key: str, fingerprint: str) -> Replay | None:
    """The answer already given to this key, or None (the caller does the work, then calls `remember` in the same
    unit of work). Holds the key until the unit of work ends. The same key with another request is refused."""
    key = check_text(key, FIELD, MAX_KEY_LENGTH)
    if not key:
        raise LiftloreError("an empty key", field=FIELD)
    repo.lock(session, key)
    stored = repo.find(session, key)
    if stored is None:
        return None
    if stored.request_hash != fingerprint:
        raise LiftloreError("this key was already used for a different request; use a new key", field=FIELD)
    return Replay(stored.status, stored.response)


def remember(session: Session, key: str, fingerprint: str, status: int, body: str) -> None:
    repo.remember(session, key.strip(), fingerprint, status, body)
