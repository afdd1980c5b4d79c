"""training load: each strength point also counts its hard sets and their volume load, and names its e1RM's set

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26

The insight reports (weekly volume, recovery, symmetry) read these instead of the sets. They are derived: every
person's points are stamped stale here (as the new way of computing them, store/strength_points.COMPUTATION, would
also find), so they are rebuilt with the new columns filled before their next report or overview.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STAMP_STALE = "UPDATE person_settings SET value = 'stale' WHERE key = 'strength-points-method'"


def upgrade() -> None:
    op.add_column("strength_points", sa.Column("hard_sets", sa.Integer(), server_default="0", nullable=False))
    op.add_column("strength_points", sa.Column("load_kg", sa.Float(), server_default="0", nullable=False))
    op.add_column("strength_points", sa.Column("e1rm_set_id", sa.Uuid(), nullable=True))
    op.add_column("strength_points", sa.Column("e1rm_weight_kg", sa.Float(), nullable=True))
    op.add_column("strength_points", sa.Column("e1rm_reps", sa.Integer(), nullable=True))
    op.create_index("ix_strength_points_person_started", "strength_points", ["person_id", "started_at"])
    op.execute(STAMP_STALE)


def downgrade() -> None:
    op.drop_index("ix_strength_points_person_started", table_name="strength_points")
    with op.batch_alter_table("strength_points", recreate="never") as batch:
        batch.drop_column("e1rm_reps")
        batch.drop_column("e1rm_weight_kg")
        batch.drop_column("e1rm_set_id")
        batch.drop_column("load_kg")
        batch.drop_column("hard_sets")
    op.execute(STAMP_STALE)
