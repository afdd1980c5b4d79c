"""strength points: the best of each exercise per workout and side, kept beside the sets

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The table starts empty. A database that already has sets gets the stamp "stale", so the first strength overview
computes the points from them (store/strength_points.py); one without sets gets "empty", and its first sets stamp
the method they were computed with.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "strength_points",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("heaviest_kg", sa.Float(), nullable=True),
        sa.Column("e1rm_kg", sa.Float(), nullable=True),
        sa.Column("volume_kg", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name=op.f("fk_strength_points_exercise_id_exercises"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"], name=op.f("fk_strength_points_workout_id_workouts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("exercise_id", "started_at", "workout_id", "side", name=op.f("pk_strength_points")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_strength_points_workout_id", "strength_points", ["workout_id"], unique=False)
    op.execute(
        "INSERT INTO settings (key, value) SELECT 'strength-points-method',"
        " CASE WHEN EXISTS (SELECT 1 FROM workout_sets) THEN 'stale' ELSE 'empty' END"
    )


def downgrade() -> None:
    op.drop_index("ix_strength_points_workout_id", table_name="strength_points")
    op.drop_table("strength_points")
    op.execute("DELETE FROM settings WHERE key = 'strength-points-method'")
