"""Configuration from the environment, read when asked for (never at import time)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_URL_VARIABLE = "LIFTLORE_DATABASE_URL"


def default_database_path() -> Path:
    return Path(user_data_dir("liftlore", appauthor=False)) / "liftlore.db"


def database_url() -> str:
    """LIFTLORE_DATABASE_URL, or a SQLite file in the user's data directory."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if url:
        return url
    return f"sqlite:///{default_database_path()}"
