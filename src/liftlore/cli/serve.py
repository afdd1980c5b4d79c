"""`liftlore serve`: the web app. Single-user by default (no login, loopback only); `--multi-user` for a gym."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from liftlore import settings
from liftlore.cli.common import app, err, open_database, user_errors
from liftlore.errors import LiftloreError
from liftlore.services import library

FORWARDED_ALLOW_IPS_VARIABLE = "LIFTLORE_FORWARDED_ALLOW_IPS"


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def check_mode(host: str, *, multi_user: bool, on_network: bool) -> str | None:
    """Refuse a setup that would expose somebody's log; returns a warning to print, if any. Single-user mode has
    no login: on any address but loopback anyone who can reach it reads and writes the whole log."""
    hosts_hint = (
        None
        if is_loopback(host) or settings.allowed_hosts() != settings.DEFAULT_ALLOWED_HOSTS
        else f"note: requests are answered only for the names in {settings.ALLOWED_HOSTS_VARIABLE}"
        f" ({', '.join(settings.DEFAULT_ALLOWED_HOSTS)} now); set it to the names this server is reached by"
    )
    if multi_user:
        settings.secret_key()  # refuses to start without a strong one, saying why
        settings.registration()
        return hosts_hint
    if is_loopback(host):
        return None
    if not on_network:
        raise LiftloreError(
            f"single-user mode has no login: on {host} anyone on the network could read and change your log."
            " Use --multi-user (accounts), or --single-user-on-network if this network is yours alone"
        )
    warning = (
        f"warning: serving single-user mode on {host}: there is no login, so anyone who can reach this address"
        " reads and writes the whole log"
    )
    return f"{warning}\n{hosts_hint}" if hosts_hint else warning


@app.command("serve")
@user_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    multi_user: Annotated[
        bool,
        typer.Option(
            "--multi-user",
            help="Accounts and logins, for a gym or a coach (also LIFTLORE_MULTI_USER=1); needs LIFTLORE_SECRET_KEY.",
        ),
    ] = False,
    single_user_on_network: Annotated[
        bool,
        typer.Option(
            "--single-user-on-network",
            help="Serve single-user mode (no login) on a non-loopback address, knowing anyone there can use it.",
        ),
    ] = False,
) -> None:
    """Serve the web app."""
    import uvicorn

    from liftlore.web.app import create_app
    from liftlore.web.auth import AuthConfig

    multi = multi_user or settings.multi_user()
    warning = check_mode(host, multi_user=multi, on_network=single_user_on_network)
    if warning:
        err.print(warning, markup=False)
    db = open_database()  # refuses a database that is not at this version's head (liftlore db upgrade)
    library.ensure_catalog(db)
    auth = (
        AuthConfig.for_server(settings.secret_key(), open_registration=settings.registration() == "open")
        if multi
        else AuthConfig.single_user()
    )
    mode = "multi-user" if multi else "single-user"
    err.print(f"liftlore ({mode}) on http://{host}:{port}/ (database: {db.shown_url()})", markup=False)
    # Behind a reverse proxy, trust its X-Forwarded-* headers (client address for the log-in limit, https for
    # Secure cookies) from the proxy's address only.
    forwarded = os.environ.get(FORWARDED_ALLOW_IPS_VARIABLE, "127.0.0.1")
    uvicorn.run(
        create_app(db, auth=auth),
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips=forwarded,
    )
