"""Accounts: registering, logging in and out, passwords, login sessions, API tokens, invitations and the log-in
rate limit. Everything that must hold across app servers is a row in the database; nothing lives in a process.

Secrets handed out (session tokens, API tokens, invitation codes) are 256-bit random strings, stored only as their
SHA-256: a leaked database signs nobody in. Passwords are Argon2 hashes (pwdlib)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy.orm import Session

from liftlore.domain.limits import check_text
from liftlore.domain.people import LOCAL_PERSON_ID, Person, Role, Viewer
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.store import people as repo
from liftlore.store import scope
from liftlore.store.tables import utcnow

MIN_PASSWORD = 10  # long passphrases beat complexity rules; ten characters is the floor we ask for
MAX_PASSWORD = 1024  # Argon2 takes any length; this only bounds the work one request can ask for
MAX_NAME = 40
LOGIN_DAYS = 30  # a phone in a gym bag stays logged in for a month
INVITATION_DAYS = 7
TOKEN_PREFIX = "ll_"  # tells a liftlore token apart from a password in a config file or a leak scan

# The log-in rate limit: failed attempts per account and per address within the window. A person who mistypes a
# few times is not locked out; a guesser gets five tries per quarter hour per account.
WINDOW = timedelta(minutes=15)
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_ADDRESS = 20

_hasher = PasswordHash((Argon2Hasher(),))
# Verified against when the name is unknown, so a log-in takes as long whether or not the account exists.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(24))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def name_key(name: str) -> str:
    return name.strip().casefold()


def check_name(name: str) -> str:
    """A display name: 1 to 40 characters, letters, digits, spaces and . _ - (it appears in URLs and logs)."""
    text = check_text(name, "name", MAX_NAME).strip()
    if not text:
        raise LiftloreError("a name is needed", field="name")
    if not all(ch.isalnum() or ch in " ._-" for ch in text):
        raise LiftloreError("a name may hold letters, digits, spaces and . _ - only", field="name")
    return text


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise LiftloreError(f"a password needs at least {MIN_PASSWORD} characters", field="password")
    if len(password) > MAX_PASSWORD:
        raise LiftloreError(f"a password may have at most {MAX_PASSWORD} characters", field="password")
    return password


# -- accounts ------------------------------------------------------------------------------------------------------


def create_account(session: Session, name: str, password: str, *, role: Role | None = None) -> Person:
    """A new account. The first account of a database is an admin and adopts the local person of a former
    single-user database, with everything logged in it; `role` overrides the role otherwise."""
    name = check_name(name)
    check_password(password)
    repo.lock_people(session)
    if repo.by_name(session, name_key(name)) is not None:
        raise LiftloreError(f"the name '{name}' is taken", field="name")
    first = repo.account_count(session) == 0
    local = repo.local_person(session) if first else None
    password_hash = _hasher.hash(password)
    chosen = Role.ADMIN if first else (role or Role.MEMBER)
    if local is not None:
        local.name, local.name_key, local.password_hash, local.role = name, name_key(name), password_hash, chosen.value
        session.flush()
        return repo.person_from_row(local)
    return repo.person_from_row(repo.add_person(session, name, name_key(name), password_hash, chosen))


def register(session: Session, name: str, password: str, *, invitation: str | None, open_registration: bool) -> Person:
    """Registration from the web: open, or with an invitation code an admin made. Invitations are spent in the
    same transaction as the account is made."""
    if not open_registration and not invitation:
        raise LiftloreError("registration here is by invitation: ask an admin for a code", field="invitation")
    person = create_account(session, name, password)
    spent = bool(invitation) and repo.use_invitation(session, _digest((invitation or "").strip()), person.id)
    if not spent and not open_registration:
        raise LiftloreError("this invitation code is unknown, used or expired", field="invitation")
    return person


def accounts(session: Session) -> list[Person]:
    return [repo.person_from_row(row) for row in repo.accounts(session)]


def person_named(session: Session, name: str) -> Person:
    row = repo.by_name(session, name_key(name))
    if row is None or row.password_hash is None:
        raise NotFoundError(f"no account '{name}'")
    return repo.person_from_row(row)


def person_by_id(session: Session, person_id: uuid.UUID) -> Person | None:
    row = repo.by_id(session, person_id)
    return repo.person_from_row(row) if row is not None else None


def change_password(session: Session, person: Person, current: str, new: str, *, keep_login: str | None) -> None:
    """Change a password after checking the current one; every other login of the person ends (a stolen cookie
    stops working), and `keep_login` (this browser's session token) stays."""
    row = repo.by_id(session, person.id)
    if row is None or row.password_hash is None or not _hasher.verify(current, row.password_hash):
        raise LiftloreError("the current password is wrong", field="current_password")
    row.password_hash = _hasher.hash(check_password(new))
    repo.end_other_logins(session, person.id, _digest(keep_login) if keep_login else None)
    session.flush()


# -- logging in ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    person: Person | None  # None: refused
    retry_after: int | None = None  # seconds: too many failed attempts; try again then


def _limited(session: Session, buckets: dict[str, int]) -> int | None:
    """Seconds until the oldest counted failure leaves the window, when a bucket is at its limit."""
    now = utcnow()
    wait = 0.0
    for bucket, limit in buckets.items():
        times = repo.failures_since(session, bucket, now - WINDOW)
        if len(times) >= limit:
            oldest = times[len(times) - limit]
            wait = max(wait, (oldest + WINDOW - now).total_seconds())
    return max(1, int(wait) + 1) if wait > 0 else None


def log_in(session: Session, name: str, password: str, address: str) -> LoginResult:
    """Check a name and password. Failures are recorded (the caller commits them even though it refuses), and
    over the limit the answer is "retry after N seconds" without checking the password at all. The password is
    verified against a dummy hash when the name is unknown, so timing tells nothing about which names exist."""
    buckets = {f"name:{name_key(name)[:80]}": FAILURES_PER_ACCOUNT, f"addr:{address[:100]}": FAILURES_PER_ADDRESS}
    wait = _limited(session, buckets)
    if wait is not None:
        return LoginResult(None, retry_after=wait)
    row = repo.by_name(session, name_key(name)) if len(name) <= MAX_NAME else None
    stored = row.password_hash if row is not None and row.password_hash is not None else None
    valid = _hasher.verify(password[:MAX_PASSWORD], stored or _DUMMY_HASH)
    if row is None or stored is None or not valid:
        repo.add_failures(session, list(buckets))
        return LoginResult(None)
    repo.forget_failures(session, utcnow() - WINDOW, [f"name:{name_key(name)[:80]}"])
    return LoginResult(repo.person_from_row(row))


def start_login(session: Session, person: Person) -> str:
    """A new login session; returns its token (for the signed cookie), of which only the hash is stored."""
    token = secrets.token_urlsafe(32)
    repo.add_login(session, _digest(token), person.id, utcnow() + timedelta(days=LOGIN_DAYS))
    return token


def login_person(session: Session, token: str) -> Person | None:
    row = repo.login_person(session, _digest(token))
    return repo.person_from_row(row) if row is not None else None


def end_login(session: Session, token: str) -> None:
    repo.end_login(session, _digest(token))


# -- API tokens ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiToken:
    id: uuid.UUID
    label: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once


def create_token(session: Session, person: Person, label: str) -> NewToken:
    label = check_text(label, "label", 80).strip()
    if not label:
        raise LiftloreError("a token needs a label (where it is used: 'phone', 'laptop CLI')", field="label")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = repo.add_token(session, person.id, label, _digest(secret))
    return NewToken(ApiToken(row.id, row.label, row.created_at, None), secret)


def tokens(session: Session, person: Person) -> list[ApiToken]:
    return [ApiToken(row.id, row.label, row.created_at, row.revoked_at) for row in repo.tokens_of(session, person.id)]


def revoke_token(session: Session, person: Person, token_id: uuid.UUID) -> None:
    if not repo.revoke_token(session, person.id, token_id):
        raise NotFoundError(f"no live token {token_id}")


def token_person(session: Session, secret: str) -> Person | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    row = repo.token_person(session, _digest(secret))
    return repo.person_from_row(row) if row is not None else None


# -- invitations and coaches ---------------------------------------------------------------------------------------


def invite(session: Session, by: Person) -> str:
    """An invitation code, good for one account within a week; made by an admin."""
    if not by.is_admin:
        raise LiftloreError("only an admin can invite new accounts")
    code = secrets.token_urlsafe(16)
    repo.add_invitation(session, _digest(code), by.id, utcnow() + timedelta(days=INVITATION_DAYS))
    return code


def invite_coach(session: Session, athlete: Person, coach_name: str) -> Person:
    """Let the account `coach_name` read `athlete`'s log (workouts, records, insight and plans), not write it."""
    coach = person_named(session, coach_name)
    if coach.id == athlete.id:
        raise LiftloreError("you can read your own log already", field="coach")
    repo.add_grant(session, athlete.id, coach.id)
    return coach


def end_coaching(session: Session, athlete_id: uuid.UUID, coach_id: uuid.UUID) -> None:
    """Either side ends it: the athlete removes a coach, or the coach stops following an athlete."""
    if not repo.end_grant(session, athlete_id, coach_id):
        raise NotFoundError("no such coach")


def remove_coach(session: Session, athlete: Person, coach_name: str) -> None:
    """The athlete ends it: `coach_name` no longer reads their log ("not found" if they were no coach of theirs)."""
    wanted = name_key(coach_name)
    coach = next((c for c in coaches(session, athlete) if name_key(c.name) == wanted), None)
    if coach is None:
        raise NotFoundError(f"no coach '{coach_name[:MAX_NAME]}'")
    end_coaching(session, athlete.id, coach.id)


def stop_coaching(session: Session, coach: Person, athlete_name: str) -> None:
    """The coach ends it: they no longer read `athlete_name`'s log."""
    end_coaching(session, athlete_for(session, coach, athlete_name).id, coach.id)


def coaches(session: Session, athlete: Person) -> list[Person]:
    return [repo.person_from_row(row) for row in repo.coaches_of(session, athlete.id)]


def athletes(session: Session, coach: Person) -> list[Person]:
    return [repo.person_from_row(row) for row in repo.athletes_of(session, coach.id)]


def athlete_for(session: Session, coach: Person, athlete_name: str) -> Person:
    """The athlete whose log `coach` asks to read: found only if they invited this coach. Anyone else, existing
    or not, is "not found", so a coach cannot learn who has an account."""
    row = repo.by_name(session, name_key(athlete_name)) if len(athlete_name) <= MAX_NAME else None
    if row is None or row.id == coach.id or not repo.has_grant(session, row.id, coach.id):
        raise NotFoundError(f"no athlete '{athlete_name}' who invited you")
    return repo.person_from_row(row)


def local_person_adopted(session: Session) -> bool:
    """Whether an account has taken over the local person (and its log)."""
    row = repo.by_id(session, LOCAL_PERSON_ID)
    return row is not None and row.password_hash is not None


def act_as(session: Session, viewer: Viewer) -> None:
    """Open the unit of work's data to `viewer`: whose log it reads and writes (store/scope.py)."""
    scope.set_viewer(session, viewer)
