"""The `liftlore` command: thin Typer adapters over the service functions, one module per area."""

from __future__ import annotations

from liftlore.cli import accounts as _accounts  # noqa: F401  (registers its commands)
from liftlore.cli import db as _db  # noqa: F401  (registers its commands)
from liftlore.cli import insight as _insight  # noqa: F401  (registers its commands)
from liftlore.cli import library as _library  # noqa: F401  (registers its commands)
from liftlore.cli import log_names as _log_names  # noqa: F401  (registers its commands)
from liftlore.cli import planning as _planning  # noqa: F401  (registers its commands)
from liftlore.cli import remote as _remote  # noqa: F401  (registers its commands)
from liftlore.cli import serve as _serve  # noqa: F401  (registers its commands)
from liftlore.cli import training as _training  # noqa: F401  (registers its commands)
from liftlore.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
