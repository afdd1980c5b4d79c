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
