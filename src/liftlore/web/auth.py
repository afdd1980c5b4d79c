"""Who a request signs in as. Single-user mode: always the local person, no login. Multi-user mode: an API token
(`Authorization: Bearer ll_...`), else the login cookie: a random session token signed with LIFTLORE_SECRET_KEY
(itsdangerous), HttpOnly, SameSite=Lax, Secure when the request came over TLS. Both are looked up in the database
on every request, so a revoked token or a logout takes effect at once on every app server."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from liftlore.domain.people import ANONYMOUS, LOCAL_PERSON, LOCAL_VIEWER, Person, Viewer
from liftlore.services import accounts

COOKIE = "liftlore_session"
_UNSET = object()


class NotSignedInError(Exception):
    """The route needs a signed-in person: 401 (the API) or the login form (pages)."""


class BadCredentialsError(Exception):
    """The request sent an Authorization header that signs in nobody (a revoked or mistyped token): 401, never
    ignored, so a client with a revoked token learns it at once instead of reading the library as nobody. (A
    stale login cookie is simply no login: the browser is shown the login form where one is needed.)"""


@dataclass(frozen=True)
class AuthConfig:
    multi_user: bool
    signer: URLSafeSerializer | None  # None in single-user mode
    open_registration: bool

    @classmethod
    def single_user(cls) -> AuthConfig:
        return cls(multi_user=False, signer=None, open_registration=False)

    @classmethod
    def for_server(cls, secret_key: str, *, open_registration: bool) -> AuthConfig:
        return cls(
            multi_user=True,
            signer=URLSafeSerializer(secret_key, salt="liftlore login"),
            open_registration=open_registration,
        )


def auth_of(request: Request) -> AuthConfig:
    config: AuthConfig = request.app.state.auth
    return config


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def session_token(request: Request) -> str | None:
    """The login session token in the request's cookie, if its signature holds."""
    config = auth_of(request)
    raw = request.cookies.get(COOKIE)
    if config.signer is None or not raw or len(raw) > 400:
        return None
    try:
        token = config.signer.loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def signed_in(request: Request, session: Session) -> Person | None:
    """The person the request signs in as, or None; looked up once per request."""
    cached = getattr(request.state, "person", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    person = _resolve(request, session)
    request.state.person = person
    return person


def viewer_without_lookup(request: Request) -> Viewer | None:
    """The request's viewer when no database lookup is needed to know it: the local person in single-user mode,
    nobody for a request without credentials in multi-user mode. None when it carries some (a lookup decides).
    What it finds is kept as `signed_in` keeps it, for the page header."""
    if not auth_of(request).multi_user:
        found = LOCAL_VIEWER
    elif "authorization" in request.headers or COOKIE in request.cookies:
        return None
    else:
        found = ANONYMOUS
    request.state.person = found.person
    return found


def _resolve(request: Request, session: Session) -> Person | None:
    if not auth_of(request).multi_user:
        return LOCAL_PERSON
    bearer = _bearer(request)
    if bearer is not None:
        person = accounts.token_person(session, bearer)
        if person is None:
            raise BadCredentialsError
        return person
    if request.headers.get("authorization"):
        raise BadCredentialsError  # Basic or another scheme: not ours, and not to be silently ignored
    token = session_token(request)
    if token is None:
        return None
    return accounts.login_person(session, token)  # an ended login: simply signed out, the cookie is stale


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    config = auth_of(request)
    assert config.signer is not None
    response.set_cookie(
        COOKIE,
        config.signer.dumps(token),
        max_age=accounts.LOGIN_DAYS * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",  # behind a TLS proxy, uvicorn's proxy headers make this https
        path="/",
    )


def clear_login_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(COOKIE, httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/")
