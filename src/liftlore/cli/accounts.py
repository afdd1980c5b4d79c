"""`liftlore users` and `liftlore tokens`: the accounts of a server, run by its operator on the server's own
database (LIFTLORE_DATABASE_URL). Whoever can run these can read the database anyway, so they ask for no login."""

from __future__ import annotations

import getpass
import sys
import uuid
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from liftlore import settings
from liftlore.cli.common import JsonOption, app, err, open_library, out, print_json, user_errors
from liftlore.domain.people import LOCAL_PERSON_ID, Role
from liftlore.errors import LiftloreError
from liftlore.services import accounts, training
from liftlore.shapes.accounts import PersonOut, TokenOut

users_app = typer.Typer(help="Accounts of a server: add them, list them, invite people.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens of an account: create, list, revoke.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


def read_secret(prompt: str, *, field: str, again: str | None = None) -> str:
    """A secret from standard input: typed without echo at a terminal (twice when `again` is given, and refused
    when the two differ), or the first line of whatever is piped in, so scripts can pass it without it showing
    in the process list or the shell's history."""
    if sys.stdin.isatty():
        secret = getpass.getpass(prompt)
        if again is not None and getpass.getpass(again) != secret:
            raise LiftloreError("the two entries differ; nothing was changed", field=field)
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise LiftloreError(f"no {field} was given on standard input", field=field)
    return secret


def _utc(moment: datetime) -> str:
    """A stored time in UTC (SQLite hands it back without a zone, PostgreSQL with one)."""
    return f"{moment.astimezone(UTC) if moment.tzinfo else moment:%Y-%m-%d %H:%M}"


def _token_out(token: accounts.ApiToken) -> TokenOut:
    return TokenOut(id=token.id, label=token.label, created_at=token.created_at, revoked_at=token.revoked_at)


# -- users ---------------------------------------------------------------------------------------------------------


@users_app.command("add")
@user_errors
def users_add(
    name: Annotated[str, typer.Argument(help="The account's name (letters, digits, spaces and . _ -).")],
    admin: Annotated[bool, typer.Option("--admin", help="An admin: edits the shared library, invites.")] = False,
) -> None:
    """Add an account; the password is read from standard input (asked twice at a terminal).

    The first account is an admin and takes over the log this database kept before it had accounts.
    """
    password = read_secret(f"Password for {name}: ", field="password", again="The same again: ")
    session = open_library()
    # Counted before: the unit of work acts as the local person, whose log the first account adopts.
    logged_before = training.workout_count(session)
    person = accounts.create_account(session, name, password, role=Role.ADMIN if admin else None)
    line = f"Added {person.name} ({person.role.value})."
    if person.id == LOCAL_PERSON_ID and logged_before:
        workouts = "1 workout" if logged_before == 1 else f"{logged_before} workouts"
        line += f" {person.name} now holds the log this database had before accounts ({workouts})."
    out.print(line, markup=False, soft_wrap=True)
    if not settings.multi_user():
        err.print(
            "note: the web app signs people in only when served with LIFTLORE_MULTI_USER=1 (docs/deploy.md)",
            markup=False,
        )


@users_app.command("list")
@user_errors
def users_list(as_json: JsonOption = False) -> None:
    """Every account and its role."""
    people = [PersonOut.from_domain(p) for p in accounts.accounts(open_library(write=False))]
    if as_json:
        print_json([p.to_data() for p in people])
        return
    if not people:
        out.print("no accounts yet; add the first with liftlore users add NAME", markup=False)
        return
    table = Table(header_style="bold")
    table.add_column("Name")
    table.add_column("Role")
    for person in people:
        table.add_row(Text(person.name), Text(person.role))
    out.print(table)


@users_app.command("invite")
@user_errors
def users_invite() -> None:
    """Make an invitation code: it lets one person register on the web within a week.

    The code is made in the name of the first admin account, since whoever runs this operates the server.
    """
    session = open_library()
    admin = next((p for p in accounts.accounts(session) if p.is_admin), None)
    if admin is None:
        raise LiftloreError("there is no admin account yet: add the first account with liftlore users add NAME")
    code = accounts.invite(session, admin)
    out.print(
        f"Give this code to the person to register with on the server's /register page; it makes one account "
        f"and lapses in {accounts.INVITATION_DAYS} days.",
        markup=False,
        soft_wrap=True,
    )
    out.print(code, markup=False, soft_wrap=True)


# -- tokens --------------------------------------------------------------------------------------------------------


@tokens_app.command("create")
@user_errors
def tokens_create(
    name: Annotated[str, typer.Argument(help="The account.")],
    label: Annotated[str, typer.Option(help="Where it will be used: 'phone', 'laptop CLI'.")],
) -> None:
    """Create an API token for an account; it is shown this once, as the last line."""
    session = open_library()
    made = accounts.create_token(session, accounts.person_named(session, name), label)
    out.print(f"A token for {name}, labelled '{made.token.label}'. It is shown only now.", markup=False)
    out.print(
        "Send it as Authorization: Bearer ..., or run liftlore login URL and paste it.", markup=False, soft_wrap=True
    )
    out.print(made.secret, markup=False, soft_wrap=True)


@tokens_app.command("list")
@user_errors
def tokens_list(name: Annotated[str, typer.Argument(help="The account.")], as_json: JsonOption = False) -> None:
    """An account's API tokens, revoked ones too (their secrets are never shown again)."""
    session = open_library(write=False)
    found = [_token_out(t) for t in accounts.tokens(session, accounts.person_named(session, name))]
    if as_json:
        print_json([t.to_data() for t in found])
        return
    if not found:
        out.print(f"{name} has no API tokens", markup=False)
        return
    table = Table(header_style="bold")
    for column in ("Id", "Label", "Created (UTC)", "Revoked (UTC)"):
        table.add_column(column, no_wrap=column != "Label")
    for token in found:
        revoked = _utc(token.revoked_at) if token.revoked_at else "-"
        table.add_row(Text(str(token.id)), Text(token.label), Text(_utc(token.created_at)), Text(revoked))
    out.print(table)


@tokens_app.command("revoke")
@user_errors
def tokens_revoke(
    name: Annotated[str, typer.Argument(help="The account.")],
    token_id: Annotated[str, typer.Argument(help="The token's id (liftlore tokens list NAME).")],
) -> None:
    """Revoke an API token: every request with it fails from now on."""
    try:
        chosen = uuid.UUID(token_id.strip())
    except ValueError:
        raise LiftloreError(
            f"'{token_id[:64]}' is not a token id (liftlore tokens list NAME)", field="TOKEN_ID"
        ) from None
    session = open_library()
    person = accounts.person_named(session, name)
    label = next((t.label for t in accounts.tokens(session, person) if t.id == chosen), None)
    accounts.revoke_token(session, person, chosen)
    out.print(f"Revoked {name}'s token '{label}'; it signs nobody in any more.", markup=False)
