"""People: who a log belongs to, and what they may do. A single-user database has one person, the local one;
multi-user mode adds accounts, and the first account takes over the local person (and so everything logged)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

# The local person of a single-user database, made by migration 0007. A fixed id, so the person every
# single-user unit of work acts as is known without a query, and the first account can adopt it by keeping it.
LOCAL_PERSON_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
LOCAL_PERSON_NAME = "me"


class Role(StrEnum):
    ADMIN = "admin"  # edits the shared library and manages accounts
    MEMBER = "member"


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    name: str
    role: Role
    can_log_in: bool = True

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


LOCAL_PERSON = Person(LOCAL_PERSON_ID, LOCAL_PERSON_NAME, Role.ADMIN, can_log_in=False)


@dataclass(frozen=True)
class Viewer:
    """Whose data a unit of work reads and writes, and who is asking. `person` owns the log read or written;
    `actor` is who is signed in: the same person, or a coach reading an athlete's log (read only). None: nobody
    is signed in, and only the shared library can be read."""

    person: Person | None
    actor: Person | None = None

    @property
    def acting(self) -> Person | None:
        return self.actor or self.person

    @property
    def read_only(self) -> bool:
        return self.actor is not None and self.person is not None and self.actor.id != self.person.id

    @property
    def readers(self) -> tuple[uuid.UUID, ...]:
        """Whose own exercises this viewer may see: the signed-in person's, and when a coach reads an athlete's
        log, the athlete's too (their log names them)."""
        return tuple(dict.fromkeys(p.id for p in (self.person, self.actor) if p is not None))


LOCAL_VIEWER = Viewer(LOCAL_PERSON)
ANONYMOUS = Viewer(None)
