"""Web safety for every response and every form, as one pure ASGI middleware and one 500 handler.

The middleware answers only configured Host names (a DNS-rebinding page cannot talk to a server on loopback),
refuses unsafe requests a browser sent from another site (a forged form post), caps request bodies, and puts the
security headers on everything that passes through it. It is plain ASGI rather than BaseHTTPMiddleware because the
library pages are benchmarked: per request it scans the header list once and wraps `send` once.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from html import escape

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from liftlore import settings

log = logging.getLogger("liftlore.web")

ErrorPage = Callable[[Request, int, str, list[str]], Response]
Headers = tuple[tuple[bytes, bytes], ...]

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# `same-site` is refused too: another port or subdomain of the same site is still someone else's page.
TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": "80", "https": "443"}
# FastAPIOffline registers its own docs routes (app.docs_url stays None), so the paths are named here.
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect"})
_WANTED = frozenset({b"host", b"origin", b"sec-fetch-site", b"content-length"})
# The upload routes (web/import_api.py) take files, capped by LIFTLORE_MAX_UPLOAD_BYTES instead.
UPLOAD_PREFIX = "/api/v1/imports/"


def content_security_policy(*, inline: bool = False) -> str:
    """No inline script or style on our pages: an injected tag or attribute does nothing."""
    extra = " 'unsafe-inline'" if inline else ""
    return (
        f"default-src 'self'; script-src 'self'{extra}; style-src 'self'{extra}; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def security_headers(*, inline: bool = False) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline=inline),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }


def headers_for(path: str) -> dict[str, str]:
    # Swagger UI's page starts itself with an inline <script> and styles some of its widgets inline; its paths
    # alone get 'unsafe-inline'. They render only our own OpenAPI document, never user input.
    return security_headers(inline=path in DOCS_PATHS)


def _raw(headers: Mapping[str, str]) -> Headers:
    return tuple((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items())


PAGE_HEADERS = _raw(security_headers())
DOCS_HEADERS = _raw(security_headers(inline=True))


def host_name(value: str) -> str:
    """'localhost' for 'LocalHost:8000', '[::1]' for '[::1]:8000' or a bare '::1': names compared without ports."""
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    if value.count(":") > 1:
        return f"[{value}]"
    return value.split(":", 1)[0]


def _authority(scheme: str, netloc: str) -> str:
    """host[:port] with the scheme's default port left out, as browsers write it in Origin and Host."""
    netloc = netloc.lower()
    default = DEFAULT_PORTS.get(scheme)
    return netloc.removesuffix(f":{default}") if default else netloc


def _origin_authority(origin: str) -> str | None:
    """host[:port] of an Origin header; None for 'null' (sandboxed or data: pages) and anything malformed."""
    scheme, separator, netloc = origin.strip().lower().partition("://")
    if not separator or not netloc or "/" in netloc:
        return None
    return _authority(scheme, netloc)


def is_cross_site(method: str, scheme: str, host: str | None, origin: str | None, fetch_site: str | None) -> bool:
    """Whether a browser sent this unsafe request from another site's page. A request with neither header comes
    from curl, the CLI or an API client, which no other site can make a browser send; it is allowed."""
    if method not in UNSAFE_METHODS:
        return False
    if fetch_site is not None:
        return fetch_site.strip().lower() not in TRUSTED_FETCH_SITES
    if origin is None:
        return False
    return host is None or _origin_authority(origin) != _authority(scheme, host)


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


def _small_page(status: int, message: str) -> HTMLResponse:
    """A page that needs nothing else from the server: for a wrong Host, or when the error page itself failed."""
    text = escape(message)
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status} · liftlore</title></head>'
        f"<body><h1>{status}</h1><p>{text}</p></body></html>",
        status_code=status,
    )


def _error_page(error_page: ErrorPage | None, request: Request, status: int, message: str) -> Response:
    if error_page is None:
        return _small_page(status, message)
    try:
        return error_page(request, status, message, [])
    except Exception:  # the page reports a problem already; a second one must not hide it
        log.exception("the error page could not be rendered")
        return _small_page(status, message)


class BodyTooLargeError(Exception):
    """Raised from `receive` once a body without Content-Length has gone past the cap."""


class _Exchange:
    """One request's `send` (adding the headers) and, for a body of unknown length, its counting `receive`."""

    def __init__(self, send: Send, receive: Receive, headers: Headers, cap: int) -> None:
        self._send = send
        self._receive = receive
        self.headers = headers
        self.cap = cap
        self.received = 0
        self.too_large = False
        self.started = False
        self.replaced = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.cap:
                self.too_large = True
                raise BodyTooLargeError
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            message["headers"] = [*message.get("headers", ()), *self.headers]
        await self._send(message)

    async def send_unless_replaced(self, message: Message) -> None:
        """The app's own answer to a body cut off mid-way (FastAPI turns the error into a 400) is dropped."""
        if self.too_large and message["type"] == "http.response.start" and not self.started:
            self.replaced = True
        if not self.replaced:
            await self.send(message)


class SecurityMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Iterable[str],
        max_body_bytes: int,
        error_page: ErrorPage | None,
        max_upload_bytes: int | None = None,
    ) -> None:
        self.app = app
        hosts = [host.strip() for host in allowed_hosts]
        self.any_host = "*" in hosts
        self.allowed_hosts = frozenset(host_name(host) for host in hosts if host != "*")
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_body_bytes if max_upload_bytes is None else max_upload_bytes
        self.error_page = error_page

    def cap(self, path: str) -> int:
        """The largest body a request to `path` may send: an upload route's, or every other route's."""
        return self.max_upload_bytes if path.startswith(UPLOAD_PREFIX) else self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan; the app has no websockets
            await self.app(scope, receive, send)
            return
        wanted = {name.decode(): value.decode("latin-1") for name, value in scope["headers"] if name in _WANTED}
        path: str = scope["path"]
        exchange = _Exchange(send, receive, DOCS_HEADERS if path in DOCS_PATHS else PAGE_HEADERS, self.cap(path))
        refusal = self._refusal(scope, wanted)
        if refusal is not None:
            await refusal(scope, receive, exchange.send)
            return
        if (
            wanted.get("content-length", "").isascii() and wanted.get("content-length", "").isdigit()
        ):  # checked against the cap; the server reads no more than it says
            await self.app(scope, receive, exchange.send)
            return
        await self._counted(scope, receive, exchange)

    async def _counted(self, scope: Scope, receive: Receive, exchange: _Exchange) -> None:
        """A body of unknown length (chunked) is counted as the app reads it and refused once past the cap."""
        try:
            await self.app(scope, exchange.receive, exchange.send_unless_replaced)
        except Exception:
            if not exchange.too_large or exchange.started:
                raise
        if exchange.too_large and not exchange.started:
            await self._too_large(scope)(scope, receive, exchange.send)

    def _refusal(self, scope: Scope, wanted: Mapping[str, str]) -> Response | None:
        host = wanted.get("host")
        if not self.any_host and (host is None or host_name(host) not in self.allowed_hosts):
            message = "this server does not answer to that host name (see LIFTLORE_ALLOWED_HOSTS)"
            return self._refuse(scope, 400, message, plain=True)
        if is_cross_site(scope["method"], scope["scheme"], host, wanted.get("origin"), wanted.get("sec-fetch-site")):
            return self._refuse(scope, 403, "refused: this request came from a page on another site", plain=False)
        length = wanted.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > self.cap(scope["path"]):
            return self._too_large(scope)
        return None

    def _too_large(self, scope: Scope) -> Response:
        return self._refuse(scope, 413, f"the request body is over {self.cap(scope['path'])} bytes", plain=False)

    def _refuse(self, scope: Scope, status: int, message: str, *, plain: bool) -> Response:
        if _is_api(scope["path"]):
            return JSONResponse({"message": message, "field": None}, status_code=status)
        if plain:  # a wrong Host is not someone to show our site to
            return _small_page(status, message)
        return _error_page(self.error_page, Request(scope), status, message)


def server_error_handler(error_page: ErrorPage | None) -> Callable[[Request, Exception], Awaitable[Response]]:
    """The answer to an unhandled exception: logged with a short id the person can quote, never a plain text.

    Starlette hands an `Exception` handler to ServerErrorMiddleware, the outermost layer, outside our middleware:
    the headers are added here. It still re-raises afterwards, so the server logs the traceback too."""

    async def server_error(request: Request, exc: Exception) -> Response:
        error_id = secrets.token_hex(4)
        log.exception(
            "unexpected error (id %s) answering %s %s", error_id, request.method, request.url.path, exc_info=exc
        )
        message = f"internal error (id {error_id})"
        response: Response
        if _is_api(request.url.path):
            body = {"message": message, "field": None, "error_id": error_id}
            response = JSONResponse(body, status_code=500)
        else:
            response = _error_page(error_page, request, 500, message)
        response.headers.update(headers_for(request.url.path))
        return response

    return server_error


def install_security(
    app: FastAPI,
    error_page: ErrorPage | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
    max_body_bytes: int | None = None,
    max_upload_bytes: int | None = None,
) -> None:
    """Wrap `app` in the checks and headers above; settings are read now unless given (see liftlore.settings)."""
    app.add_middleware(
        SecurityMiddleware,
        allowed_hosts=settings.allowed_hosts() if allowed_hosts is None else allowed_hosts,
        max_body_bytes=settings.max_body_bytes() if max_body_bytes is None else max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes() if max_upload_bytes is None else max_upload_bytes,
        error_page=error_page,
    )
    app.add_exception_handler(Exception, server_error_handler(error_page))
