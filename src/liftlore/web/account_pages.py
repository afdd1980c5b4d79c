"""The account pages: log in, log out, register, and the account page (password, API tokens, coaches,
invitations). They exist in multi-user mode only; single-user mode has nobody to sign in."""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liftlore.domain.people import Person
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import accounts
from liftlore.web.auth import auth_of, clear_login_cookie, session_token, set_login_cookie
from liftlore.web.deps import AccountSessionDep, current_person

MAX_FIELD = 1024


def _safe_next(target: str) -> str:
    """Where to go after logging in: a path on this site only, never another site (an open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _minutes(seconds: int) -> str:
    """'1 minute', '15 minutes': a wait rounded up, so trying again then works."""
    minutes = max(1, -(-seconds // 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def single_user_only(request: Request) -> Response | None:
        if auth_of(request).multi_user:
            return None
        return templates.TemplateResponse(
            request,
            "error.html",
            {
                "status": 404,
                "message": "this liftlore runs for one person, without accounts",
                "suggestions": [],
                "base": "/",
            },
            status_code=404,
        )

    def login_form(request: Request, *, target: str, error: str | None, name: str, status: int) -> Response:
        return templates.TemplateResponse(
            request, "login.html", {"next": target, "error": error, "name": name}, status_code=status
        )

    # The forms' GET routes open a unit of work too (AccountSessionDep) only so that the page header knows who, if
    # anyone, is signed in already.
    @router.get("/login")
    def login_page(request: Request, session: AccountSessionDep, next: str = "/") -> Response:
        return single_user_only(request) or login_form(
            request, target=_safe_next(next), error=None, name="", status=200
        )

    @router.post("/login")
    def log_in(
        request: Request,
        session: AccountSessionDep,
        name: Annotated[str, Form(max_length=MAX_FIELD)],
        password: Annotated[str, Form(max_length=MAX_FIELD)],
        next: Annotated[str, Form(max_length=MAX_FIELD)] = "/",
    ) -> Response:
        refused = single_user_only(request)
        if refused is not None:
            return refused
        target = _safe_next(next)
        result = accounts.log_in(session, name, password, _client_address(request))
        if result.retry_after is not None:
            response = login_form(
                request,
                target=target,
                error=f"Too many failed attempts. Try again in {_minutes(result.retry_after)}.",
                name=name,
                status=429,
            )
            response.headers["Retry-After"] = str(result.retry_after)
            return response
        if result.person is None:
            # The failure is committed with the unit of work (it counts toward the limit); nothing says whether
            # the name exists.
            return login_form(request, target=target, error="Wrong name or password.", name=name, status=401)
        token = accounts.start_login(session, result.person)
        response = RedirectResponse(target, status_code=303)
        set_login_cookie(request, response, token)
        return response

    @router.post("/logout")
    def log_out(request: Request, session: AccountSessionDep) -> Response:
        token = session_token(request)
        if token is not None:
            accounts.end_login(session, token)
        response = RedirectResponse("/", status_code=303)
        clear_login_cookie(request, response)
        return response

    @router.get("/register")
    def register_page(request: Request, session: AccountSessionDep, invitation: str = "") -> Response:
        return single_user_only(request) or templates.TemplateResponse(
            request,
            "register.html",
            {"error": None, "name": "", "invitation": invitation[:100], "open": auth_of(request).open_registration},
        )

    @router.post("/register")
    def register(
        request: Request,
        session: AccountSessionDep,
        name: Annotated[str, Form(max_length=MAX_FIELD)],
        password: Annotated[str, Form(max_length=MAX_FIELD)],
        invitation: Annotated[str, Form(max_length=MAX_FIELD)] = "",
    ) -> Response:
        refused = single_user_only(request)
        if refused is not None:
            return refused
        config = auth_of(request)
        try:
            person = accounts.register(
                session, name, password, invitation=invitation or None, open_registration=config.open_registration
            )
        except LiftloreError as exc:
            session.rollback()
            return templates.TemplateResponse(
                request,
                "register.html",
                {"error": str(exc), "name": name, "invitation": invitation, "open": config.open_registration},
                status_code=400,
            )
        response = RedirectResponse("/account", status_code=303)
        set_login_cookie(request, response, accounts.start_login(session, person))
        return response

    def account_page(
        request: Request,
        session: Session,
        person: Person,
        *,
        message: str | None = None,
        error: str | None = None,
        extra: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Response:
        context = {
            "person": person,
            "tokens": accounts.tokens(session, person),
            "coaches": accounts.coaches(session, person),
            "athletes": accounts.athletes(session, person),
            "message": message,
            "error": error,
            "invitation_days": accounts.INVITATION_DAYS,
            **(extra or {}),
        }
        response = templates.TemplateResponse(request, "account.html", context, status_code=status)
        response.headers["Cache-Control"] = "no-store"  # it may show a new token's secret: keep it out of caches
        return response

    @router.get("/account")
    def account(request: Request, session: AccountSessionDep) -> Response:
        refused = single_user_only(request)
        if refused is not None:
            return refused
        return account_page(request, session, current_person(request, session))

    @router.post("/account/password")
    def change_password(
        request: Request,
        session: AccountSessionDep,
        current_password: Annotated[str, Form(max_length=MAX_FIELD)],
        new_password: Annotated[str, Form(max_length=MAX_FIELD)],
    ) -> Response:
        person = current_person(request, session)
        try:
            accounts.change_password(session, person, current_password, new_password, keep_login=session_token(request))
        except LiftloreError as exc:
            session.rollback()
            return account_page(request, session, person, error=str(exc), status=400)
        return account_page(request, session, person, message="Password changed. Your other logins were ended.")

    @router.post("/account/tokens")
    def create_token(
        request: Request, session: AccountSessionDep, label: Annotated[str, Form(max_length=MAX_FIELD)]
    ) -> Response:
        person = current_person(request, session)
        try:
            made = accounts.create_token(session, person, label)
        except LiftloreError as exc:
            session.rollback()
            return account_page(request, session, person, error=str(exc), status=400)
        return account_page(
            request,
            session,
            person,
            message="Token created.",
            extra={"new_secret": made.secret, "new_token_label": made.token.label},
        )

    @router.post("/account/tokens/{token_id}/revoke")
    def revoke_token(request: Request, session: AccountSessionDep, token_id: str) -> Response:
        person = current_person(request, session)
        try:
            accounts.revoke_token(session, person, uuid.UUID(token_id))
        except (ValueError, NotFoundError):
            raise NotFoundError("no such token") from None
        return RedirectResponse("/account", status_code=303)

    @router.post("/account/coaches")
    def invite_coach(
        request: Request, session: AccountSessionDep, coach: Annotated[str, Form(max_length=MAX_FIELD)]
    ) -> Response:
        person = current_person(request, session)
        try:
            accounts.invite_coach(session, person, coach)
        except LiftloreError as exc:
            session.rollback()
            return account_page(
                request, session, person, error=str(exc), status=404 if isinstance(exc, NotFoundError) else 400
            )
        return RedirectResponse("/account", status_code=303)

    @router.post("/account/coaches/{name}/remove")
    def remove_coach(request: Request, session: AccountSessionDep, name: str) -> Response:
        person = current_person(request, session)
        accounts.remove_coach(session, person, name)
        return RedirectResponse("/account", status_code=303)

    @router.post("/account/athletes/{name}/leave")
    def leave_athlete(request: Request, session: AccountSessionDep, name: str) -> Response:
        person = current_person(request, session)
        accounts.stop_coaching(session, person, name)
        return RedirectResponse("/account", status_code=303)

    @router.post("/account/invitations")
    def make_invitation(request: Request, session: AccountSessionDep) -> Response:
        person = current_person(request, session)
        try:
            code = accounts.invite(session, person)
        except LiftloreError as exc:
            session.rollback()
            return account_page(request, session, person, error=str(exc), status=403)
        link = str(request.url_for("register_page").include_query_params(invitation=code))
        return account_page(request, session, person, message="Invitation made.", extra={"invitation_link": link})

    return router
