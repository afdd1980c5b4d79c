"""The JSON API of accounts: who am I, API tokens, coaches, invitations, and sharing one's own exercises.
Every route needs a signed-in person (401 otherwise); a token or coach of somebody else's is "not found"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from liftlore.errors import NotFoundError
from liftlore.services import accounts, library, training_settings
from liftlore.shapes.accounts import CoachIn, InvitationOut, MeOut, NewTokenOut, PersonOut, TokenIn, TokenOut
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.library import ExerciseItem
from liftlore.web.api import ERRORS
from liftlore.web.deps import AccountSessionDep, current_person

UNAUTHORISED: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorOut, "description": "Not signed in, or the token was revoked"}
}


def _token_out(token: accounts.ApiToken) -> TokenOut:
    return TokenOut(
        id=token.id,
        label=token.label,
        created_at=token.created_at,
        revoked_at=token.revoked_at,
    )


def _token_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFoundError(f"no live token {text[:40]}") from None


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses={**ERRORS, **UNAUTHORISED}, tags=["account"])

    @router.get("/me", summary="Who you are signed in as, your coaches and your athletes")
    def me(request: Request, session: AccountSessionDep) -> MeOut:
        person = current_person(request, session)
        return MeOut(
            person=PersonOut.from_domain(person),
            unit=training_settings.unit_preference(session).value,
            coaches=[PersonOut.from_domain(p) for p in accounts.coaches(session, person)],
            athletes=[PersonOut.from_domain(p) for p in accounts.athletes(session, person)],
        )

    @router.get("/tokens", summary="Your API tokens (their secrets are never shown again)")
    def tokens(request: Request, session: AccountSessionDep) -> list[TokenOut]:
        person = current_person(request, session)
        return [_token_out(token) for token in accounts.tokens(session, person)]

    @router.post("/tokens", status_code=201, summary="Create an API token; its secret is in this answer only")
    def create_token(request: Request, session: AccountSessionDep, body: TokenIn) -> NewTokenOut:
        person = current_person(request, session)
        made = accounts.create_token(session, person, body.label)
        return NewTokenOut(token=_token_out(made.token), secret=made.secret)

    @router.delete("/tokens/{token_id}", status_code=204, summary="Revoke an API token: it fails from now on")
    def revoke_token(request: Request, session: AccountSessionDep, token_id: str) -> Response:
        person = current_person(request, session)
        accounts.revoke_token(session, person, _token_id(token_id))
        return Response(status_code=204)

    @router.post("/coaches", status_code=201, summary="Invite a coach to read your log")
    def invite_coach(request: Request, session: AccountSessionDep, body: CoachIn) -> PersonOut:
        person = current_person(request, session)
        return PersonOut.from_domain(accounts.invite_coach(session, person, body.coach))

    @router.delete("/coaches/{name}", status_code=204, summary="Remove a coach: they can no longer read your log")
    def remove_coach(request: Request, session: AccountSessionDep, name: str) -> Response:
        person = current_person(request, session)
        accounts.remove_coach(session, person, name)
        return Response(status_code=204)

    @router.delete("/athletes/{name}", status_code=204, summary="Stop coaching an athlete")
    def leave_athlete(request: Request, session: AccountSessionDep, name: str) -> Response:
        person = current_person(request, session)
        accounts.stop_coaching(session, person, name)
        return Response(status_code=204)

    @router.post("/invitations", status_code=201, summary="Make an invitation code for a new account (admins)")
    def invitation(request: Request, session: AccountSessionDep) -> InvitationOut:
        person = current_person(request, session)
        return InvitationOut(code=accounts.invite(session, person))

    @router.put("/exercises/{slug}/shared", summary="Share one of your own exercises with everyone, or stop")
    def share(
        request: Request,
        session: AccountSessionDep,
        slug: str,
        shared: Annotated[bool, Body(embed=True, description="true: everyone sees it; false: only you")],
    ) -> ExerciseItem:
        current_person(request, session)
        return ExerciseItem.from_domain(library.share_exercise(session, slug, shared))

    return router
