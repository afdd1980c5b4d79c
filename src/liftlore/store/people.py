"""People and what signs them in: accounts, login sessions, API tokens, coach grants, invitations and failed
log-in attempts. Secrets are stored only as SHA-256 hashes (passwords as Argon2 hashes, made by the service)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from liftlore.domain.people import LOCAL_PERSON_ID, Person, Role
from liftlore.store.tables import (
    ApiTokenRow,
    CoachGrantRow,
    InvitationRow,
    LoginAttemptRow,
    LoginSessionRow,
    PersonRow,
    utcnow,
)


def person_from_row(row: PersonRow) -> Person:
    return Person(row.id, row.name, Role(row.role), can_log_in=row.password_hash is not None)


def by_name(session: Session, name_key: str) -> PersonRow | None:
    return session.scalars(select(PersonRow).where(PersonRow.name_key == name_key)).first()


def by_id(session: Session, person_id: uuid.UUID) -> PersonRow | None:
    return session.get(PersonRow, person_id)


def accounts(session: Session) -> list[PersonRow]:
    """Everyone who can log in, by name."""
    return list(
        session.scalars(select(PersonRow).where(PersonRow.password_hash.is_not(None)).order_by(PersonRow.name_key))
    )


def account_count(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.password_hash.is_not(None))) or 0
    )


def lock_people(session: Session) -> None:
    """Serialise account creation, so two first accounts cannot both adopt the local person: the local person's
    row is locked until the transaction ends (PostgreSQL; SQLite's writer already holds the database)."""
    session.get(PersonRow, LOCAL_PERSON_ID, with_for_update=True)


def local_person(session: Session) -> PersonRow | None:
    """The local person of a former single-user database, if no account has adopted it yet."""
    row = session.get(PersonRow, LOCAL_PERSON_ID)
    return row if row is not None and row.password_hash is None else None


def add_person(session: Session, name: str, name_key: str, password_hash: str, role: Role) -> PersonRow:
    row = PersonRow(name=name, name_key=name_key, password_hash=password_hash, role=role.value)
    session.add(row)
    session.flush()
    return row


# -- login sessions ------------------------------------------------------------------------------------------------


def add_login(session: Session, token_hash: str, person_id: uuid.UUID, expires_at: datetime) -> None:
    now = utcnow()
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.expires_at < now))
    session.add(LoginSessionRow(token_hash=token_hash, person_id=person_id, created_at=now, expires_at=expires_at))
    session.flush()


def login_person(session: Session, token_hash: str) -> PersonRow | None:
    row = session.scalars(
        select(PersonRow)
        .join(LoginSessionRow, LoginSessionRow.person_id == PersonRow.id)
        .where(LoginSessionRow.token_hash == token_hash, LoginSessionRow.expires_at > utcnow())
    ).first()
    return row


def end_login(session: Session, token_hash: str) -> None:
    session.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash))


def end_other_logins(session: Session, person_id: uuid.UUID, keep: str | None) -> None:
    statement = delete(LoginSessionRow).where(LoginSessionRow.person_id == person_id)
    if keep is not None:
        statement = statement.where(LoginSessionRow.token_hash != keep)
    session.execute(statement)


# -- API tokens ----------------------------------------------------------------------------------------------------


def add_token(session: Session, person_id: uuid.UUID, label: str, token_hash: str) -> ApiTokenRow:
    row = ApiTokenRow(person_id=person_id, label=label, token_hash=token_hash)
    session.add(row)
    session.flush()
    return row


def token_person(session: Session, token_hash: str) -> PersonRow | None:
    """The person a live token signs in: a revoked token finds nobody, from the moment its revocation commits."""
    return session.scalars(
        select(PersonRow)
        .join(ApiTokenRow, ApiTokenRow.person_id == PersonRow.id)
        .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None))
    ).first()


def tokens_of(session: Session, person_id: uuid.UUID) -> list[ApiTokenRow]:
    return list(
        session.scalars(select(ApiTokenRow).where(ApiTokenRow.person_id == person_id).order_by(ApiTokenRow.created_at))
    )


def revoke_token(session: Session, person_id: uuid.UUID, token_id: uuid.UUID) -> bool:
    """Revoke one of this person's tokens; False when they have no such live token."""
    result = session.execute(
        update(ApiTokenRow)
        .where(ApiTokenRow.id == token_id, ApiTokenRow.person_id == person_id, ApiTokenRow.revoked_at.is_(None))
        .values(revoked_at=utcnow(), updated_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# -- coaches -------------------------------------------------------------------------------------------------------


def add_grant(session: Session, athlete_id: uuid.UUID, coach_id: uuid.UUID) -> None:
    if session.get(CoachGrantRow, (athlete_id, coach_id)) is None:
        session.add(CoachGrantRow(athlete_id=athlete_id, coach_id=coach_id, created_at=utcnow()))
        session.flush()


def end_grant(session: Session, athlete_id: uuid.UUID, coach_id: uuid.UUID) -> bool:
    result = session.execute(
        delete(CoachGrantRow).where(CoachGrantRow.athlete_id == athlete_id, CoachGrantRow.coach_id == coach_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def has_grant(session: Session, athlete_id: uuid.UUID, coach_id: uuid.UUID) -> bool:
    return session.get(CoachGrantRow, (athlete_id, coach_id)) is not None


def coaches_of(session: Session, athlete_id: uuid.UUID) -> list[PersonRow]:
    return list(
        session.scalars(
            select(PersonRow)
            .join(CoachGrantRow, CoachGrantRow.coach_id == PersonRow.id)
            .where(CoachGrantRow.athlete_id == athlete_id)
            .order_by(PersonRow.name_key)
        )
    )


def athletes_of(session: Session, coach_id: uuid.UUID) -> list[PersonRow]:
    return list(
        session.scalars(
            select(PersonRow)
            .join(CoachGrantRow, CoachGrantRow.athlete_id == PersonRow.id)
            .where(CoachGrantRow.coach_id == coach_id)
            .order_by(PersonRow.name_key)
        )
    )


# -- invitations ---------------------------------------------------------------------------------------------------


def add_invitation(session: Session, code_hash: str, created_by: uuid.UUID | None, expires_at: datetime) -> None:
    session.add(InvitationRow(code_hash=code_hash, created_by=created_by, created_at=utcnow(), expires_at=expires_at))
    session.flush()


def use_invitation(session: Session, code_hash: str, person_id: uuid.UUID) -> bool:
    """Spend an invitation on the account just made; False if it is unknown, used or expired. One UPDATE, so two
    registrations with one code cannot both spend it."""
    result = session.execute(
        update(InvitationRow)
        .where(
            InvitationRow.code_hash == code_hash, InvitationRow.used_by.is_(None), InvitationRow.expires_at > utcnow()
        )
        .values(used_by=person_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# -- failed log-ins ------------------------------------------------------------------------------------------------


def add_failures(session: Session, buckets: list[str]) -> None:
    now = utcnow()
    session.add_all(LoginAttemptRow(bucket=bucket, at=now) for bucket in buckets)
    session.flush()


def failures_since(session: Session, bucket: str, since: datetime) -> list[datetime]:
    """When this bucket's failed attempts since `since` happened, oldest first (aware, in UTC)."""
    found = session.scalars(
        select(LoginAttemptRow.at)
        .where(LoginAttemptRow.bucket == bucket, LoginAttemptRow.at > since)
        .order_by(LoginAttemptRow.at)
    )
    # SQLite hands back naive datetimes; every instant here was written in UTC.
    return [at if at.tzinfo is not None else at.replace(tzinfo=UTC) for at in found]


def forget_failures(session: Session, before: datetime, buckets: list[str] | None = None) -> None:
    """Drop attempts older than the window, and with `buckets` those buckets' (a log-in that succeeded)."""
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < before))
    if buckets:
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.bucket.in_(buckets)))
