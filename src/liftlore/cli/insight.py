"""`liftlore stats`: the insight reports in the terminal, or as JSON."""

from __future__ import annotations

import typer

from liftlore.cli.common import app

stats_app = typer.Typer(help="Your training shown back: volume, recovery, symmetry, e1RM.", no_args_is_help=True)
app.add_typer(stats_app, name="stats")
