"""Configuration from the environment, read when asked for (never at import time)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from liftlore.errors import LiftloreError

DATABASE_URL_VARIABLE = "LIFTLORE_DATABASE_URL"
ALLOWED_HOSTS_VARIABLE = "LIFTLORE_ALLOWED_HOSTS"
MAX_BODY_BYTES_VARIABLE = "LIFTLORE_MAX_BODY_BYTES"
# Loopback only: a server reachable under any other name must be told which names it answers to.
DEFAULT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_MAX_BODY_BYTES = 1024 * 1024  # the biggest form or JSON body the app takes is a few kilobytes


MULTI_USER_VARIABLE = "LIFTLORE_MULTI_USER"
SECRET_KEY_VARIABLE = "LIFTLORE_SECRET_KEY"
REGISTRATION_VARIABLE = "LIFTLORE_REGISTRATION"
SECRET_KEY_MIN_LENGTH = 32
REGISTRATION_MODES = ("invite", "open")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def multi_user() -> bool:
    """LIFTLORE_MULTI_USER: accounts and logins (a gym's server). Off: one person, no login (a laptop)."""
    raw = os.environ.get(MULTI_USER_VARIABLE, "").strip().lower()
    if raw not in _TRUE + _FALSE:
        raise LiftloreError(f"{MULTI_USER_VARIABLE} must be 1 or 0, not {raw!r}")
    return raw in _TRUE


def secret_key() -> str:
    """LIFTLORE_SECRET_KEY, which signs login cookies: required in multi-user mode, and refused when it is short
    or made of few distinct characters (a placeholder such as 'changeme' or 'aaaa...')."""
    key = os.environ.get(SECRET_KEY_VARIABLE, "").strip()
    how = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
    if not key:
        raise LiftloreError(f"multi-user mode needs {SECRET_KEY_VARIABLE}, which signs login cookies; {how}")
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_LENGTH // 2:
        raise LiftloreError(
            f"{SECRET_KEY_VARIABLE} is too weak: it needs at least {SECRET_KEY_MIN_LENGTH} random characters"
            f" (anyone who guesses it can sign in as anybody); {how}"
        )
    return key


def registration() -> str:
    """LIFTLORE_REGISTRATION: 'invite' (the default: an account needs an invitation code from an admin) or 'open'
    (anyone who can reach the server may register)."""
    raw = os.environ.get(REGISTRATION_VARIABLE, "").strip().lower() or "invite"
    if raw not in REGISTRATION_MODES:
        raise LiftloreError(f"{REGISTRATION_VARIABLE} must be one of {', '.join(REGISTRATION_MODES)}, not {raw!r}")
    return raw


def default_database_path() -> Path:
    return Path(user_data_dir("liftlore", appauthor=False)) / "liftlore.db"


def database_url() -> str:
    """LIFTLORE_DATABASE_URL, or a SQLite file in the user's data directory."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if url:
        return url
    return f"sqlite:///{default_database_path()}"


def allowed_hosts() -> tuple[str, ...]:
    """LIFTLORE_ALLOWED_HOSTS (comma separated, ports ignored, `*` for any), or the loopback names."""
    hosts = tuple(host.strip() for host in os.environ.get(ALLOWED_HOSTS_VARIABLE, "").split(",") if host.strip())
    return hosts or DEFAULT_ALLOWED_HOSTS


def max_body_bytes() -> int:
    """LIFTLORE_MAX_BODY_BYTES, or 1 MiB: the largest request body the web app reads."""
    raw = os.environ.get(MAX_BODY_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_BODY_BYTES
    if not raw.isdigit():
        raise LiftloreError(f"{MAX_BODY_BYTES_VARIABLE} must be a whole number of bytes, not {raw!r}")
    return int(raw)


# The connection pool of a server database (PostgreSQL); the embedded SQLite file has no pool to configure. Each
# process keeps up to pool size + overflow connections: at least web/deps.py's UNITS_OF_WORK_AT_ONCE (10), since
# each unit of work of the training log holds one. docs/deploy.md has the sums for several processes.
DB_POOL_SIZE_VARIABLE = "LIFTLORE_DB_POOL_SIZE"
DB_MAX_OVERFLOW_VARIABLE = "LIFTLORE_DB_MAX_OVERFLOW"
DB_POOL_TIMEOUT_VARIABLE = "LIFTLORE_DB_POOL_TIMEOUT"
DB_POOL_RECYCLE_VARIABLE = "LIFTLORE_DB_POOL_RECYCLE"
DEFAULT_DB_POOL_SIZE = 10  # connections kept open
DEFAULT_DB_MAX_OVERFLOW = 10  # opened beyond those when busy, closed when returned
DEFAULT_DB_POOL_TIMEOUT = 30  # seconds a unit of work waits for a connection before it fails
DEFAULT_DB_POOL_RECYCLE = 1800  # seconds after which a connection is replaced rather than reused


def _whole_number(variable: str, default: int, *, least: int, unit: str) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < least:
        raise LiftloreError(f"{variable} must be a whole number of {unit}, at least {least}, not {raw!r}")
    return int(raw)


def db_pool_size() -> int:
    """LIFTLORE_DB_POOL_SIZE, or 5: connections each process keeps open to the database (0 would mean no limit
    at all to SQLAlchemy, so at least 1)."""
    return _whole_number(DB_POOL_SIZE_VARIABLE, DEFAULT_DB_POOL_SIZE, least=1, unit="connections")


def db_max_overflow() -> int:
    """LIFTLORE_DB_MAX_OVERFLOW, or 10: connections a process may open beyond the pool when it is busy."""
    return _whole_number(DB_MAX_OVERFLOW_VARIABLE, DEFAULT_DB_MAX_OVERFLOW, least=0, unit="connections")


def db_pool_timeout() -> int:
    """LIFTLORE_DB_POOL_TIMEOUT, or 30: seconds to wait for a free connection before the request fails."""
    return _whole_number(DB_POOL_TIMEOUT_VARIABLE, DEFAULT_DB_POOL_TIMEOUT, least=1, unit="seconds")


def db_pool_recycle() -> int:
    """LIFTLORE_DB_POOL_RECYCLE, or 1800: seconds after which a pooled connection is closed and opened anew."""
    return _whole_number(DB_POOL_RECYCLE_VARIABLE, DEFAULT_DB_POOL_RECYCLE, least=1, unit="seconds")


# Uploads (`/api/v1/imports/...`: an exercise page, a Strong or Hevy export, a liftlore backup) are files, larger than
# any form or JSON body: years of training as a CSV run to several megabytes. They get a cap of their own.
MAX_UPLOAD_BYTES_VARIABLE = "LIFTLORE_MAX_UPLOAD_BYTES"
DEFAULT_MAX_UPLOAD_BYTES = 16 * 1024 * 1024


def max_upload_bytes() -> int:
    """LIFTLORE_MAX_UPLOAD_BYTES, or 16 MiB: the largest file the web app takes on its upload routes."""
    raw = os.environ.get(MAX_UPLOAD_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_UPLOAD_BYTES
    if not (raw.isascii() and raw.isdigit()):
        raise LiftloreError(f"{MAX_UPLOAD_BYTES_VARIABLE} must be a whole number of bytes, not {raw!r}")
    return int(raw)
