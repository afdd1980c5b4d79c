"""training log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workouts",
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("import_key", sa.String(length=64), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
        sa.UniqueConstraint("import_key", name=op.f("uq_workouts_import_key")),
    )
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workouts_started_at"), ["started_at"], unique=False)

    op.create_table(
        "exercise_entries",
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=True),
        sa.Column("exercise_name", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("superset_group", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_entries_exercise_id_exercises"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"], name=op.f("fk_exercise_entries_workout_id_workouts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_entries")),
        sa.UniqueConstraint("workout_id", "position", name=op.f("uq_exercise_entries_workout_id")),
    )
    with op.batch_alter_table("exercise_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_entries_exercise_id"), ["exercise_id"], unique=False)

    op.create_table(
        "workout_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("set_type", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Float(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("performed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "set_type IN ('normal', 'warm-up', 'drop', 'failure')", name=op.f("ck_workout_sets_set_type")
        ),
        sa.CheckConstraint("side IN ('left', 'right', 'both')", name=op.f("ck_workout_sets_side")),
        sa.CheckConstraint("reps IS NULL OR reps >= 0", name=op.f("ck_workout_sets_reps")),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["exercise_entries.id"],
            name=op.f("fk_workout_sets_entry_id_exercise_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workout_sets")),
        sa.UniqueConstraint("entry_id", "position", name=op.f("uq_workout_sets_entry_id")),
    )
    with op.batch_alter_table("workout_sets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workout_sets_strength",
            ["entry_id", "side", "set_type", "reps", "weight_kg", "rpe", "rir"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("workout_sets", schema=None) as batch_op:
        batch_op.drop_index("ix_workout_sets_strength")

    op.drop_table("workout_sets")
    with op.batch_alter_table("exercise_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_entries_exercise_id"))

    op.drop_table("exercise_entries")
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workouts_started_at"))

    op.drop_table("workouts")
