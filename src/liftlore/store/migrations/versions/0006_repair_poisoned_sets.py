"""repair sets stored before every number was checked: infinite or impossible values become "not recorded"

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

Before the domain checked that a set's numbers are finite and believable, `{"duration_s": 1e999}` was stored as
infinity, and every later read of its workout failed (the domain now refuses such a set, on reading too). Such a
value says nothing a person could have meant, so it becomes NULL ("not recorded"); a set left with neither reps,
a time nor a distance keeps its row as 0 reps, so the workout shows it and nothing else of it is lost. The
strength points are marked stale when anything changed, so the next overview recomputes them.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The bounds of domain/limits.py, written out: a migration must keep meaning what it meant when it was written.
# NOT BETWEEN catches infinities, and PostgreSQL's NaN, which sorts above every number (SQLite stores NaN as NULL).
BOUNDS = {
    "weight_kg": (-1500.0, 1500.0),
    "rpe": (1.0, 10.0),
    "rir": (0.0, 10.0),
    "duration_s": (0.0, 86400.0),
    "distance_m": (0.0, 1_000_000.0),
}


def upgrade() -> None:
    connection = op.get_bind()
    changed = 0
    for column, (low, high) in BOUNDS.items():
        result = connection.exec_driver_sql(
            f"UPDATE workout_sets SET {column} = NULL WHERE {column} IS NOT NULL"
            f" AND NOT ({column} BETWEEN {low!r} AND {high!r})"
        )
        changed += result.rowcount
    connection.exec_driver_sql(
        "UPDATE workout_sets SET reps = 0 WHERE reps IS NULL AND duration_s IS NULL AND distance_m IS NULL"
    )
    if changed:
        connection.exec_driver_sql("UPDATE settings SET value = 'stale' WHERE key = 'strength-points-method'")


def downgrade() -> None:
    """Nothing to undo: the values it cleared could never be read."""
