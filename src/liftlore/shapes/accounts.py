"""The JSON shapes of accounts: who you are, your API tokens, your coaches and athletes."""

from __future__ import annotations

import uuid

from pydantic import Field

from liftlore.domain.people import Person
from liftlore.shapes.base import Moment, Shape


class PersonOut(Shape):
    name: str
    role: str = Field(description="admin (edits the shared library, invites accounts) or member")

    @classmethod
    def from_domain(cls, person: Person) -> PersonOut:
        return cls(name=person.name, role=person.role.value)


class MeOut(Shape):
    person: PersonOut
    unit: str = Field(description="kg or lb: the unit this person reads and types weights in (the API speaks kg)")
    coaches: list[PersonOut] = Field(description="Who may read your log: people you invited as your coach")
    athletes: list[PersonOut] = Field(description="Whose logs you may read as their coach")


class TokenOut(Shape):
    id: uuid.UUID
    label: str
    created_at: Moment
    revoked_at: Moment | None


class NewTokenOut(Shape):
    token: TokenOut
    secret: str = Field(description="The token itself, shown only this once: send it as `Authorization: Bearer ...`")


class TokenIn(Shape):
    label: str = Field(min_length=1, max_length=80, description="Where the token is used ('phone', 'laptop CLI')")


class CoachIn(Shape):
    coach: str = Field(min_length=1, max_length=40, description="The account name of the coach to invite")


class InvitationOut(Shape):
    code: str = Field(description="An invitation code, good for one account within a week")
