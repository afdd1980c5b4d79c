"""The ids people type for their sets and workouts: the whole id, or its first characters when only one of their
own starts so (`history` prints 8; 6 are enough), with or without the hyphens."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session

from liftlore.errors import LiftloreError, NotFoundError
from liftlore.store import log_edits as repo

MIN_PREFIX = 6  # characters of an id that pick it out; `history` prints 8
WHOLE = 32  # hex digits in a whole id
_HEX = re.compile(r"[0-9a-f]+")


def _resolve(text: str, what: str, field: str, starting: Callable[[str], list[uuid.UUID]]) -> uuid.UUID:
    typed = text.strip()[:64]
    digits = typed.lower().replace("-", "")
    if not MIN_PREFIX <= len(digits) <= WHOLE or not _HEX.fullmatch(digits):
        raise LiftloreError(
            f"'{typed}' is not a {what} id: give the id, or at least its first {MIN_PREFIX} characters", field=field
        )
    found = starting(digits)
    if not found:
        raise NotFoundError(
            f"no {what} {typed}" if len(digits) == WHOLE else f"no {what} whose id starts with '{typed}'"
        )
    if len(found) > 1:
        shown = ", ".join(str(match)[:13] for match in found[: repo.MATCHES_SHOWN])
        more = " and more" if len(found) > repo.MATCHES_SHOWN else ""
        raise LiftloreError(
            f"'{typed}' starts the ids of several {what}s ({shown}{more}): type more of it", field=field
        )
    return found[0]


def resolve_workout_id(session: Session, text: str, *, field: str = "workout") -> uuid.UUID:
    """A workout's id from its text: the whole id, or a prefix of at least MIN_PREFIX characters that only one
    of the person's workouts has."""
    return _resolve(text, "workout", field, lambda digits: repo.workout_ids_starting(session, digits))


def resolve_set_id(session: Session, text: str, *, field: str = "set") -> uuid.UUID:
    """A set's id from its text, as `resolve_workout_id`."""
    return _resolve(text, "set", field, lambda digits: repo.set_ids_starting(session, digits))
